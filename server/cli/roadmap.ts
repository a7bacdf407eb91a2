// medk roadmap parse: read an order («приказ») with its roadmap table (.docx or plain-text export) with the
// domain parser, without touching the database.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { formatTiming, parseRoadmapDocument, toJson, type RoadmapDocument } from '../../domain/roadmaps/index.js';
import { CliError, type Command, type Io } from './cli.js';
import { docxToText } from './docx.js';

const LEVELS: Record<string, [string, string]> = {
  federal: ['федеральный', 'federal'],
  regional: ['региональный', 'regional'],
  municipal: ['муниципальный', 'municipal'],
  school: ['школьный', 'school'],
};

/** The text of an order file: .docx through mammoth, anything else as UTF-8 text. */
export async function readOrderText(io: Io, file: string): Promise<string> {
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (error) {
    throw new CliError(io.t(`Не удалось прочитать файл ${file}: ${(error as Error).message}`, `Cannot read ${file}: ${(error as Error).message}`));
  }
  const isZip = buffer[0] === 0x50 && buffer[1] === 0x4b;
  if (extname(file).toLowerCase() === '.doc' || (buffer[0] === 0xd0 && buffer[1] === 0xcf)) {
    throw new CliError(
      io.t('Старый формат .doc не поддерживается: сохраните приказ как .docx', 'The old .doc format is not supported: save the order as .docx'),
    );
  }
  if (isZip) {
    try {
      return await docxToText(buffer);
    } catch (error) {
      throw new CliError(
        io.t(`Не удалось прочитать документ Word ${file}: ${(error as Error).message}`, `Cannot read the Word document ${file}: ${(error as Error).message}`),
      );
    }
  }
  if (buffer.includes(0)) {
    throw new CliError(io.t('Файл не похож на текст или .docx', 'The file is neither text nor .docx'));
  }
  return buffer.toString('utf8').replace(/^\uFEFF/, '');
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

export const roadmapCommands: Command[] = [parse];
