// medk roadmap parse / import / export. The order («приказ») is read exactly as the web import reads an
// upload (server/modules/roadmaps/import.ts: .docx by its content, UTF-8/Windows-1251 text) and parsed by the
// domain parser; import saves it with RoadmapsService.create() and export writes RoadmapsService.exportFile().
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { ValidationError } from '../../domain/errors.js';
import { formatTiming, parseRoadmapDocument, toJson, type RoadmapDocument } from '../../domain/roadmaps/index.js';
import { createFileStorage } from '../storage/index.js';
import { AS_HELP, AS_OPTION, moduleDeps, resolveActor } from './actor.js';
import { CliError, formatCount, intOption, requireOption, stringOption, UsageError, type Command, type Io, type Values } from './cli.js';
import { withDatabase } from './database.js';
import { cycleOfYear, territoryByCode, unknownTerritory, type Territory } from './lookup.js';
import { writeOutput } from './territories.js';

const LEVELS: Record<string, [string, string]> = {
  federal: ['федеральный', 'federal'],
  regional: ['региональный', 'regional'],
  municipal: ['муниципальный', 'municipal'],
  school: ['школьный', 'school'],
};

/** The text of an order file, read as the web import reads an upload (by content, not by the file name). */
export async function readOrderText(io: Io, file: string): Promise<string> {
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (error) {
    throw new CliError(io.t(`Не удалось прочитать файл ${file}: ${(error as Error).message}`, `Cannot read ${file}: ${(error as Error).message}`));
  }
  // The services (with the Word, Excel and validation libraries) load on use, so `--help` stays instant.
  const { uploadedText } = await import('../modules/roadmaps/import.js');
  try {
    return await uploadedText(buffer);
  } catch (error) {
    // The service's refusals are Russian sentences about «the file»; name the file.
    if (error instanceof ValidationError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
}

const ruDate = (iso: string | null) => (iso ? iso.split('-').reverse().join('.') : '—');

function clip(text: string, width: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= width ? one.padEnd(width) : `${one.slice(0, width - 1)}…`;
}

export function summary(io: Io, doc: RoadmapDocument): string {
  const d = doc.document;
  const level = d.level ? io.t(...(LEVELS[d.level] ?? [d.level, d.level])) : '—';
  const flagged = doc.items.filter((i) => i.flags.length > 0).length;
  const lines = [
    `${io.t('Орган', 'Authority')}: ${d.authority ?? '—'}`,
    `${io.t('Приказ', 'Order')}: № ${d.number ?? '—'} ${io.t('от', 'of')} ${ruDate(d.date)}`,
    ...(d.title ? [`${io.t('Название', 'Title')}: ${d.title}`] : []),
    `${io.t('Год', 'Year')}: ${d.year ?? '—'}; ${io.t('уровень', 'level')}: ${level}`,
    `${io.t('Мероприятий', 'Items')}: ${doc.items.length}; ${io.t('с замечаниями', 'with remarks')}: ${flagged}`,
    '',
    `${'№'.padEnd(6)} ${io.t('Мероприятие', 'Activity').padEnd(48)} ${io.t('Сроки', 'Timing').padEnd(30)} ${io.t('Ответственные', 'Responsible')}`,
    '-'.repeat(120),
  ];
  for (const item of doc.items) {
    const timing = formatTiming(item.timing) || item.timing.text;
    lines.push(
      `${clip(item.number ?? '—', 6)} ${clip(item.title, 48)} ${clip(timing, 30)} ${clip(item.responsible.text, 32).trimEnd()}`,
    );
    for (const flag of item.flags) lines.push(`${' '.repeat(7)}! ${flag}`);
  }
  if (doc.flags.length) {
    lines.push('', `${io.t('Замечания к документу', 'Document remarks')}:`);
    for (const flag of doc.flags) lines.push(`  - ${flag}`);
  }
  if (doc.notes.length) {
    lines.push('', `${io.t('Примечания под таблицей', 'Notes below the table')}:`);
    for (const note of doc.notes) lines.push(`  ${note}`);
  }
  return lines.join('\n');
}

const parse: Command = {
  name: 'roadmap parse',
  summary: [
    'разобрать приказ с дорожной картой (.docx или .txt), ничего не сохраняя',
    'parse an order with a roadmap (.docx or .txt) without saving anything',
  ],
  usage: 'FILE [--json]',
  positionals: { min: 1, max: 1, names: 'FILE' },
  options: { json: { type: 'boolean' } },
  optionHelp: [
    [
      '--json',
      'вывести JSON: {document:{authority, number, date, year, level}, items:[{number, title, timing:{text, intervals, recurrence}, responsible, indicator, flags}]}; даты — ГГГГ-ММ-ДД',
      'print JSON: {document:{authority, number, date, year, level}, items:[{number, title, timing:{text, intervals, recurrence}, responsible, indicator, flags}]}; dates as YYYY-MM-DD',
    ],
  ],
  notes: [
    [
      'Без --json печатается сводка: реквизиты приказа и таблица мероприятий с замечаниями («!»), которые нужно проверить.',
      'Without --json a summary is printed: the order details and the activities table with remarks («!») to check.',
    ],
  ],
  async run(io, { values, positionals }) {
    const text = await readOrderText(io, positionals[0] as string);
    const doc = parseRoadmapDocument(text);
    if (values.json) io.out(JSON.stringify(toJson(doc), null, 2));
    else io.out(summary(io, doc));
    if (doc.items.length === 0) {
      io.err(io.t('В файле не найдена таблица мероприятий', 'No activities table found in the file'));
      return 1;
    }
    return 0;
  },
};

const LEVEL_OF: Record<Territory['kind'], 'regional' | 'municipal' | 'school'> = {
  region: 'regional',
  municipality: 'municipal',
  school: 'school',
};

const importCommand: Command = {
  name: 'roadmap import',
  summary: [
    'сохранить приказ с дорожной картой (.docx или .txt) как дорожную карту территории',
    'save an order with a roadmap (.docx or .txt) as the roadmap of a territory',
  ],
  usage: 'FILE --territory CODE --cycle YEAR [--title TEXT] [--json]',
  positionals: { min: 1, max: 1, names: 'FILE' },
  options: { territory: { type: 'string' }, cycle: { type: 'string' }, title: { type: 'string' }, json: { type: 'boolean' }, ...AS_OPTION },
  optionHelp: [
    [
      '--territory CODE',
      'чья дорожная карта: код региона («57» — региональная), муниципалитета («57-01» — муниципальная) или школы («57-01-001» — школьная)',
      'whose roadmap: a region code («57» — regional), a municipality («57-01» — municipal) or a school («57-01-001» — school level)',
    ],
    ['--cycle YEAR', 'год проекта, к которому относится дорожная карта (должен существовать)', 'the project year of the roadmap (must exist)'],
    ['--title TEXT', 'название (по умолчанию — название приказа из файла)', 'title (by default the order title found in the file)'],
    ['--json', 'вывести сохранённую дорожную карту в JSON ({roadmap: {id, level, title, itemCount, …}})', 'print the saved roadmap as JSON ({roadmap: {id, level, title, itemCount, …}})'],
    AS_HELP,
  ],
  notes: [
    [
      'Файл разбирается так же, как при загрузке в веб-интерфейсе («Импорт приказа»), и сохраняется целиком с исходным текстом. ' +
        'Замечания разбора (например, нераспознанные сроки) сохраняются у мероприятий — проверьте их в веб-интерфейсе. Проверить файл без сохранения: medk roadmap parse FILE.',
      'The file is read as the web UI reads an upload («Import an order») and saved whole with its source text. ' +
        'Parsing remarks (e.g. unrecognised timings) are kept on the items — review them in the web UI. To check a file without saving: medk roadmap parse FILE.',
    ],
  ],
  async run(io, { values, positionals }) {
    const file = positionals[0] as string;
    const code = requireOption(io, values, 'territory');
    requireOption(io, values, 'cycle');
    const year = intOption(io, values, 'cycle', 0, 2000, 2100);
    const text = await readOrderText(io, file);
    const [{ preview }, { parse: validate }, { createBody }, { RoadmapsService }] = await Promise.all([
      import('../modules/roadmaps/import.js'),
      import('../http/validate.js'),
      import('../modules/roadmaps/schemas.js'),
      import('../modules/roadmaps/service.js'),
    ]);
    const parsed = preview(text);
    if (parsed.items.length === 0) {
      throw new CliError(io.t(`В файле ${file} не найдена таблица мероприятий`, `No activities table found in ${file}`), [
        ...parsed.flags,
        io.t('Нужна таблица с колонками «№», «Мероприятие», «Сроки». Проверьте разбор: medk roadmap parse FILE.', 'A table with the columns «№», «Мероприятие», «Сроки» is expected. Check with: medk roadmap parse FILE.'),
      ]);
    }
    const title = stringOption(values, 'title')?.trim() || parsed.document.title;
    if (!title) {
      throw new UsageError(io.t('В приказе не найдено название дорожной карты: укажите --title', 'The order has no title the parser could find: give --title'));
    }
    return withDatabase(io, { migrate: true }, async (database) => {
      const deps = moduleDeps(database.db, database.config);
      const { actor, auditor } = await resolveActor(io, deps, values);
      const territory = await territoryByCode(database.db, code, ['region', 'municipality', 'school']);
      if (!territory) throw unknownTerritory(io, code);
      const cycle = await cycleOfYear(io, database.db, year);
      const level = LEVEL_OF[territory.kind];
      const { document: doc } = parsed;
      // The request the web import sends (ImportPage → POST /api/roadmaps), checked by the same schema.
      const input = validate(createBody, {
        cycleId: cycle.id,
        level,
        regionId: territory.kind === 'region' ? territory.id : territory.regionId,
        municipalityId: territory.kind === 'municipality' ? territory.id : territory.kind === 'school' ? territory.municipalityId : null,
        schoolId: territory.kind === 'school' ? territory.id : null,
        title,
        orderAuthority: doc.authority ?? '',
        orderNumber: doc.number ?? '',
        orderDate: doc.date,
        sourceText: parsed.sourceText,
        // --cycle is required: the year is chosen explicitly even when the order is of another year
        otherCycle: true,
        items: parsed.items.map(({ number, title: itemTitle, timingText, responsibleText, indicator, infoSupport }) => ({
          number,
          title: itemTitle,
          timingText,
          responsibleText,
          indicator,
          infoSupport,
        })),
      });
      const service = new RoadmapsService(database.db, createFileStorage(database.config.dataDir));
      const { roadmap } = await service.create(actor, auditor, input);
      // What to double-check in what was saved.
      if (doc.level && doc.level !== level) {
        io.err(
          io.t(
            `Внимание: по тексту это приказ ${LEVEL_GEN[doc.level] ?? doc.level} уровня, а сохранена ${LEVEL_ADJ[level][0]} дорожная карта (${territory.name}).`,
            `Warning: the order reads as ${doc.level}, but it was saved as a ${level} roadmap (${territory.name}).`,
          ),
        );
      }
      if (doc.year && doc.year !== cycle.year) {
        io.err(
          io.t(
            `Внимание: в приказе указан ${doc.year} год, а выбран год проекта ${cycle.year}; сроки без года отнесены к ${cycle.year}.`,
            `Warning: the order is for ${doc.year}, but project year ${cycle.year} is chosen; timings without a year are read as ${cycle.year}.`,
          ),
        );
      }
      if (values.json) {
        io.out(JSON.stringify({ roadmap }, null, 2));
      } else {
        const flagged = parsed.items.filter((i) => i.flags.length > 0).length;
        io.out(
          io.t(
            `Сохранена ${LEVEL_ADJ[level][0]} дорожная карта № ${roadmap.id} «${roadmap.title}» (${territory.name}, ${cycle.year} год): мероприятий ${formatCount(io, parsed.items.length)}, с замечаниями ${formatCount(io, flagged)}`,
            `Saved ${LEVEL_ADJ[level][1]} roadmap #${roadmap.id} «${roadmap.title}» (${territory.name}, ${cycle.year}): ${formatCount(io, parsed.items.length)} items, ${formatCount(io, flagged)} with remarks`,
          ),
        );
        io.out(io.t(`Выгрузить: medk roadmap export ${roadmap.id} --format docx --out FILE.docx`, `Export: medk roadmap export ${roadmap.id} --format docx --out FILE.docx`));
      }
      return 0;
    });
  },
};

const LEVEL_GEN: Record<string, string> = { federal: 'федерального', regional: 'регионального', municipal: 'муниципального', school: 'школьного' };

const LEVEL_ADJ: Record<'regional' | 'municipal' | 'school', [string, string]> = {
  regional: ['региональная', 'a regional'],
  municipal: ['муниципальная', 'a municipal'],
  school: ['школьная', 'a school'],
};

function exportFormat(io: Io, values: Values, out: string): 'docx' | 'xlsx' {
  const given = stringOption(values, 'format')?.toLowerCase();
  const fromName = extname(out).slice(1).toLowerCase();
  const format = given ?? (fromName === 'xlsx' ? 'xlsx' : 'docx');
  if (format !== 'docx' && format !== 'xlsx') throw new UsageError(io.t('--format: docx или xlsx', '--format: docx or xlsx'));
  return format;
}

const exportCommand: Command = {
  name: 'roadmap export',
  summary: ['выгрузить дорожную карту в DOCX или XLSX (таблица приложения к приказу)', 'export a roadmap to DOCX or XLSX (the order appendix table)'],
  usage: 'ID --out FILE [--format docx|xlsx]',
  positionals: { min: 1, max: 1, names: 'ID' },
  options: { out: { type: 'string', short: 'o' }, format: { type: 'string' }, ...AS_OPTION },
  optionHelp: [
    ['ID', 'номер дорожной карты (печатает medk roadmap import; в веб-интерфейсе — в адресе /roadmaps/ID)', 'roadmap number (printed by medk roadmap import; in the web UI — in the address /roadmaps/ID)'],
    ['-o, --out FILE', 'куда записать файл', 'where to write the file'],
    ['--format docx|xlsx', 'формат (по умолчанию — по расширению --out, иначе docx)', 'format (by default from the --out extension, else docx)'],
    AS_HELP,
  ],
  notes: [['Тот же файл, что кнопка «Выгрузить» на странице дорожной карты.', 'The same file as the Export button on the roadmap page.']],
  async run(io, { values, positionals }) {
    const idText = positionals[0] as string;
    const id = Number(idText);
    if (!/^\d+$/.test(idText) || !Number.isSafeInteger(id) || id < 1) {
      throw new UsageError(io.t(`ID — номер дорожной карты (целое число), а не «${idText}»`, `ID is a roadmap number (an integer), not «${idText}»`));
    }
    const out = requireOption(io, values, 'out');
    const format = exportFormat(io, values, out);
    const { RoadmapsService } = await import('../modules/roadmaps/service.js');
    return withDatabase(io, { migrate: true }, async (database) => {
      const deps = moduleDeps(database.db, database.config);
      const { actor } = await resolveActor(io, deps, values);
      const service = new RoadmapsService(database.db, createFileStorage(database.config.dataDir));
      const file = await service.exportFile(actor, id, format);
      await writeOutput(io, out, file.body);
      io.out(io.t(`Записано: ${out} (${format}, «${file.filename}»)`, `Written: ${out} (${format}, «${file.filename}»)`));
      return 0;
    });
  },
};

export const roadmapCommands: Command[] = [parse, importCommand, exportCommand];
