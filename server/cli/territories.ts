// medk territories import / export: the same TerritoryFilesService as the API (validation, plan, audit).
import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { ImportReport } from '../../domain/territories/import.js';
import type { SheetFormat } from '../modules/territories/sheets.js';
import { analyzeDatabase } from '../db/analyze.js';
import { AS_HELP, AS_OPTION, moduleDeps, resolveActor } from './actor.js';
import { CliError, formatCount, requireOption, stringOption, UsageError, type Command, type Io, type Values } from './cli.js';
import { withDatabase } from './database.js';

export function sheetFormat(io: Io, values: Values, out?: string): SheetFormat {
  const given = stringOption(values, 'format')?.toLowerCase();
  const fromName = out ? extname(out).slice(1).toLowerCase() : '';
  const format = given ?? (fromName === 'csv' ? 'csv' : 'xlsx');
  if (format !== 'xlsx' && format !== 'csv') throw new UsageError(io.t('--format: xlsx или csv', '--format: xlsx or csv'));
  return format;
}

export async function readInput(io: Io, file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new CliError(io.t(`Не удалось прочитать файл ${file}: ${(error as Error).message}`, `Cannot read ${file}: ${(error as Error).message}`));
  }
}

export async function writeOutput(io: Io, file: string, body: Buffer): Promise<void> {
  try {
    await writeFile(file, body);
  } catch (error) {
    throw new CliError(io.t(`Не удалось записать файл ${file}: ${(error as Error).message}`, `Cannot write ${file}: ${(error as Error).message}`));
  }
}

function printReport(io: Io, report: ImportReport, dryRun: boolean): void {
  const c = report.created;
  const u = report.updated;
  io.out(
    io.t(
      `Строк в файле: ${formatCount(io, report.totalRows)}, без ошибок: ${formatCount(io, report.validRows)}, ошибок: ${formatCount(io, report.errorCount)}`,
      `Rows in the file: ${formatCount(io, report.totalRows)}, valid: ${formatCount(io, report.validRows)}, errors: ${formatCount(io, report.errorCount)}`,
    ),
  );
  const verb = report.applied ? io.t('', '') : io.t('будет ', 'would be ');
  io.out(
    io.t(
      `${report.applied ? 'Создано' : 'Будет создано'}: регионов ${c.regions}, муниципалитетов ${c.municipalities}, школ ${c.schools}; ` +
        `${report.applied ? 'изменено' : 'будет изменено'}: регионов ${u.regions}, муниципалитетов ${u.municipalities}, школ ${u.schools}`,
      `${verb}created: regions ${c.regions}, municipalities ${c.municipalities}, schools ${c.schools}; ` +
        `${verb}updated: regions ${u.regions}, municipalities ${u.municipalities}, schools ${u.schools}`,
    ),
  );
  if (report.ignoredColumns.length) {
    io.out(io.t(`Неизвестные столбцы пропущены: ${report.ignoredColumns.join(', ')}`, `Unknown columns ignored: ${report.ignoredColumns.join(', ')}`));
  }
  for (const e of report.errors) {
    const where = [e.row ? io.t(`строка ${e.row}`, `row ${e.row}`) : '', e.column ? `«${e.column}»` : ''].filter(Boolean).join(', ');
    io.out(`  ${where}: ${e.message}`);
  }
  if (report.errorCount > report.errors.length) {
    io.out(io.t(`  … и ещё ${report.errorCount - report.errors.length}`, `  … and ${report.errorCount - report.errors.length} more`));
  }
  if (report.applied) io.out(io.t('Изменения сохранены.', 'Changes saved.'));
  else if (dryRun) io.out(io.t('Проверка без записи (--dry-run): ничего не изменено.', 'Dry run (--dry-run): nothing changed.'));
  else io.out(io.t('В файле есть ошибки: ничего не загружено. Исправьте их или запустите с --valid-only.', 'The file has errors: nothing was loaded. Fix them or use --valid-only.'));
}

const importCommand: Command = {
  name: 'territories import',
  summary: [
    'загрузить регионы, муниципалитеты и школы из XLSX/CSV (те же проверки, что в веб-интерфейсе)',
    'load regions, municipalities and schools from XLSX/CSV (the same checks as the web UI)',
  ],
  usage: 'FILE [--valid-only] [--dry-run] [--json]',
  positionals: { min: 1, max: 1, names: 'FILE' },
  options: { 'valid-only': { type: 'boolean' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, ...AS_OPTION },
  optionHelp: [
    ['--valid-only', 'загрузить строки без ошибок, строки с ошибками пропустить', 'load the valid rows, skip the rows with errors'],
    ['--dry-run', 'только проверить файл, ничего не записывать', 'only check the file, write nothing'],
    ['--json', 'отчёт в JSON (как ответ API)', 'the report as JSON (as the API answers)'],
    AS_HELP,
  ],
  notes: [
    [
      'Без --valid-only файл загружается целиком или не загружается вовсе. Код выхода 1, если ошибки помешали загрузке (или найдены при --dry-run).',
      'Without --valid-only the file is loaded whole or not at all. Exit code 1 when errors prevented loading (or were found with --dry-run).',
    ],
  ],
  async run(io, { values, positionals }) {
    const file = positionals[0] as string;
    const body = await readInput(io, file);
    const dryRun = Boolean(values['dry-run']);
    const { TerritoryFilesService } = await import('../modules/territories/files.js');
    return withDatabase(io, { migrate: true }, async (database) => {
      const deps = moduleDeps(database.db, database.config);
      const { actor, auditor } = await resolveActor(io, deps, values);
      const report = await new TerritoryFilesService(database.db).import(
        actor,
        auditor,
        { body, filename: basename(file) },
        { mode: values['valid-only'] ? 'valid' : 'all', dryRun },
      );
      if (report.applied && !dryRun) await analyzeDatabase(database.db); // planner statistics after a bulk load
      if (values.json) io.out(JSON.stringify(report, null, 2));
      else printReport(io, report, dryRun);
      const blocked = report.errorCount > 0 && (!report.applied || dryRun);
      return blocked ? 1 : 0;
    });
  },
};

const exportCommand: Command = {
  name: 'territories export',
  summary: ['выгрузить регионы, муниципалитеты и школы в XLSX или CSV', 'export regions, municipalities and schools to XLSX or CSV'],
  usage: '--out FILE [--format xlsx|csv]',
  options: { out: { type: 'string', short: 'o' }, format: { type: 'string' }, ...AS_OPTION },
  optionHelp: [
    ['-o, --out FILE', 'куда записать файл', 'where to write the file'],
    ['--format xlsx|csv', 'формат (по умолчанию — по расширению --out, иначе xlsx)', 'format (by default from the --out extension, else xlsx)'],
    AS_HELP,
  ],
  notes: [['Формат файла — тот же, что у шаблона импорта: выгрузку можно исправить и загрузить обратно.', 'The file has the import template layout: edit the export and load it back.']],
  async run(io, { values }) {
    const out = requireOption(io, values, 'out');
    const format = sheetFormat(io, values, out);
    // Loaded on use (Excel and CSV libraries), so `--help` stays instant.
    const { TerritoryFilesService } = await import('../modules/territories/files.js');
    return withDatabase(io, { migrate: true }, async (database) => {
      const deps = moduleDeps(database.db, database.config);
      const { actor } = await resolveActor(io, deps, values);
      const file = await new TerritoryFilesService(database.db).export(actor, format);
      await writeOutput(io, out, file.body);
      const rows = format === 'csv' ? file.body.toString('utf8').trimEnd().split('\r\n').length - 1 : undefined;
      io.out(
        io.t(
          `Записано: ${out} (${format}${rows === undefined ? '' : `, строк: ${formatCount(io, rows)}`})`,
          `Written: ${out} (${format}${rows === undefined ? '' : `, rows: ${formatCount(io, rows)}`})`,
        ),
      );
      return 0;
    });
  },
};

export const territoriesCommands: Command[] = [importCommand, exportCommand];
