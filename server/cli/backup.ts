// medk backup / medk restore: one portable logical format for PGlite and PostgreSQL.
//
// A backup is a gzip-compressed stream of JSON lines (UTF-8), written in this order:
//   {"$":"medk-backup","version":1,"createdAt",…,"migrations":[{tag,when,hash}],"tables":[{name,columns,primaryKey}],"sequences":[…]}
//   {"$":"table","name":"regions","columns":[…]}       then one line per row: [<row_to_json of the row>]
//   {"$":"end-table","name":"regions","rows":85}        … every public table, referenced tables first
//   {"$":"sequences","values":[{"name","value","called"}]}
//   {"$":"file","path":"ab/cd…","size":N}               then its content as JSON strings of base64 (≤ 1 MiB each)
//   {"$":"end-file","sha256":"…"}                        … every file under <dataDir>/files (but files/tmp)
//   {"$":"end","rows":{table: count},"files":N}
// Rows are taken as PostgreSQL prints them (row_to_json: exact timestamps, jsonb as JSON, bigint as numbers in
// text) from one repeatable-read snapshot, and restored with json_populate_recordset, so nothing is
// re-interpreted by a JavaScript driver. Restore: migrate an empty database up to the backup's migrations,
// insert the rows table by table in one transaction, set the sequences, apply newer migrations, put the files back.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { sql, type SQL } from 'drizzle-orm';
import { analyzeDatabase } from '../db/analyze.js';
import type { Tx } from '../db/client.js';
import { CliError, formatBytes, formatCount, formatSeconds, requireOption, type Command, type Io } from './cli.js';
import {
  appliedMigrations,
  availableMigrations,
  isDatabaseEmpty,
  listSequences,
  listTables,
  migrateDatabase,
  migrationsFolder,
  rowsOf,
  withDatabase,
  type CliDatabase,
  type MigrationInfo,
  type TableInfo,
} from './database.js';

export const BACKUP_FORMAT = 'medk-backup';
export const BACKUP_VERSION = 1;
const PAGE_ROWS = 2000;
const INSERT_ROWS = 1000;
const INSERT_BYTES = 4 * 1024 * 1024;
const FILE_CHUNK = 768 * 1024;

interface Manifest {
  $: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  medkVersion: string;
  database: 'pglite' | 'postgres';
  migrations: MigrationInfo[];
  tables: { name: string; columns: string[]; primaryKey: string[] }[];
  sequences: string[];
}

function medkVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '';
  } catch {
    return '';
  }
}

export function filesDir(dataDir: string): string {
  return join(dataDir, 'files');
}

/** Every regular file below dir, as paths relative to it (sorted, '/' separators). */
export async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  await walk(dir);
  return out.sort();
}

// ——— writing ———

class LineWriter {
  private readonly gzip = createGzip({ level: 6 });
  private readonly file;
  bytes = 0;

  constructor(path: string) {
    this.file = createWriteStream(path);
    this.gzip.pipe(this.file);
  }

  async write(line: string): Promise<void> {
    this.bytes += line.length + 1;
    if (!this.gzip.write(`${line}\n`)) await once(this.gzip, 'drain');
  }

  async close(): Promise<void> {
    this.gzip.end();
    await finished(this.file);
  }

  destroy(): void {
    this.gzip.destroy();
    this.file.destroy();
  }
}

function keyCondition(table: TableInfo, last: string[] | null): SQL {
  if (!last) return sql`true`;
  const types = new Map(table.columns.map((c) => [c.name, c.type]));
  const cols = sql.join(table.primaryKey.map((k) => sql.identifier(k)), sql`, `);
  const params = sql.join(
    table.primaryKey.map((k, i) => sql`${last[i]}::${sql.raw(types.get(k) ?? 'text')}`),
    sql`, `,
  );
  return sql`(${cols}) > (${params})`;
}

/** Stream a table's rows in primary-key order, a page at a time. */
async function* tableRows(db: Tx, table: TableInfo): AsyncGenerator<string> {
  const name = sql.identifier(table.name);
  if (table.primaryKey.length === 0) {
    const rows = await rowsOf<{ j: string }>(db, sql`select row_to_json(t)::text as j from ${name} t`);
    for (const r of rows) yield r.j;
    return;
  }
  const keyList = sql.join(table.primaryKey.map((k) => sql`t.${sql.identifier(k)}`), sql`, `);
  const keyTexts = sql.join(table.primaryKey.map((k, i) => sql`t.${sql.identifier(k)}::text as ${sql.identifier(`k${i}`)}`), sql`, `);
  let last: string[] | null = null;
  for (;;) {
    const rows: Record<string, string>[] = await rowsOf<Record<string, string>>(
      db,
      sql`select row_to_json(t)::text as j, ${keyTexts} from ${name} t where ${keyCondition(table, last)}
          order by ${keyList} limit ${PAGE_ROWS}`,
    );
    for (const r of rows) yield r.j as string;
    if (rows.length < PAGE_ROWS) return;
    const tail = rows[rows.length - 1] as Record<string, string>;
    last = table.primaryKey.map((_, i) => tail[`k${i}`] as string);
  }
}

export async function writeBackup(io: Io, database: CliDatabase, out: string): Promise<{ rows: Record<string, number>; files: number; bytes: number }> {
  const partial = `${out}.partial`;
  const writer = new LineWriter(partial);
  const counts: Record<string, number> = {};
  let fileCount = 0;
  try {
    const applied = await appliedMigrations(database.db);
    const known = new Map(availableMigrations().map((m) => [m.when, m]));
    const migrations = applied.map((a) => known.get(a.when) ?? { tag: `unknown-${a.when}`, when: a.when, hash: a.hash });
    await database.db.transaction(
      async (tx) => {
        const tables = await listTables(tx);
        const sequences = await listSequences(tx);
        const manifest: Manifest = {
          $: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          medkVersion: medkVersion(),
          database: database.kind,
          migrations,
          tables: tables.map((t) => ({ name: t.name, columns: t.columns.map((c) => c.name), primaryKey: t.primaryKey })),
          sequences,
        };
        await writer.write(JSON.stringify(manifest));
        for (const table of tables) {
          const started = Date.now();
          await writer.write(JSON.stringify({ $: 'table', name: table.name, columns: table.columns.map((c) => c.name) }));
          let n = 0;
          for await (const row of tableRows(tx, table)) {
            await writer.write(`[${row}]`);
            n++;
          }
          counts[table.name] = n;
          await writer.write(JSON.stringify({ $: 'end-table', name: table.name, rows: n }));
          io.err(`  ${table.name}: ${formatCount(io, n)} (${formatSeconds(Date.now() - started)})`);
        }
        const values: { name: string; value: string; called: boolean }[] = [];
        for (const name of sequences) {
          const [s] = await rowsOf<{ value: string; called: boolean }>(
            tx,
            sql`select last_value::text as value, is_called as called from ${sql.identifier(name)}`,
          );
          if (s) values.push({ name, value: s.value, called: s.called });
        }
        await writer.write(JSON.stringify({ $: 'sequences', values }));
      },
      database.kind === 'postgres' ? { isolationLevel: 'repeatable read', accessMode: 'read only' } : undefined,
    );

    const root = filesDir(database.config.dataDir);
    // tmp/ holds uploads in progress (server/storage/local.ts): never part of the stored files.
    for (const path of (await listFiles(root)).filter((p) => !p.startsWith('tmp/'))) {
      const full = join(root, path);
      const { size } = await stat(full);
      await writer.write(JSON.stringify({ $: 'file', path, size }));
      const hash = createHash('sha256');
      for await (const chunk of createReadStream(full, { highWaterMark: FILE_CHUNK })) {
        hash.update(chunk as Buffer);
        await writer.write(JSON.stringify((chunk as Buffer).toString('base64')));
      }
      await writer.write(JSON.stringify({ $: 'end-file', sha256: hash.digest('hex') }));
      fileCount++;
    }
    if (fileCount) io.err(`  files: ${formatCount(io, fileCount)}`);
    await writer.write(JSON.stringify({ $: 'end', rows: counts, files: fileCount }));
    await writer.close();
    await rename(partial, out);
  } catch (error) {
    writer.destroy();
    await rm(partial, { force: true });
    throw error;
  }
  return { rows: counts, files: fileCount, bytes: (await stat(out)).size };
}

// ——— reading ———

type Marker = Record<string, unknown> & { $: string };
type Line = { kind: 'row'; json: string } | { kind: 'data'; base64: string } | { kind: 'marker'; value: Marker };

class LineReader {
  private readonly iterator: AsyncIterator<string>;
  private readonly input;
  line = 0;

  constructor(path: string) {
    this.input = createReadStream(path);
    const gunzip = this.input.pipe(createGunzip());
    this.iterator = createInterface({ input: gunzip, crlfDelay: Infinity })[Symbol.asyncIterator]();
  }

  async next(): Promise<Line | null> {
    const { value, done } = await this.iterator.next();
    if (done) return null;
    this.line++;
    const text = value as string;
    if (text.startsWith('[')) return { kind: 'row', json: text.slice(1, -1) };
    if (text.startsWith('"')) return { kind: 'data', base64: JSON.parse(text) as string };
    return { kind: 'marker', value: JSON.parse(text) as Marker };
  }

  close(): void {
    this.input.destroy();
  }
}

function broken(io: Io, reader: LineReader, what: string): CliError {
  return new CliError(
    io.t(`Файл резервной копии повреждён или обрезан (строка ${reader.line}): ${what}`, `The backup file is damaged or truncated (line ${reader.line}): ${what}`),
  );
}

async function expectMarker(io: Io, reader: LineReader, name?: string): Promise<Marker> {
  const line = await reader.next();
  if (!line) throw broken(io, reader, io.t('неожиданный конец файла', 'unexpected end of file'));
  if (line.kind !== 'marker' || (name && line.value.$ !== name)) throw broken(io, reader, io.t(`ожидалось «${name}»`, `expected «${name}»`));
  return line.value;
}

export async function readManifest(io: Io, reader: LineReader): Promise<Manifest> {
  let first: Line | null;
  try {
    first = await reader.next();
  } catch {
    throw new CliError(io.t('Это не резервная копия МЭДК (файл не читается как gzip с JSON)', 'This is not a MEDK backup (not gzip with JSON lines)'));
  }
  if (!first || first.kind !== 'marker' || first.value.$ !== BACKUP_FORMAT) {
    throw new CliError(io.t('Это не резервная копия МЭДК', 'This is not a MEDK backup'));
  }
  const manifest = first.value as unknown as Manifest;
  if (manifest.version > BACKUP_VERSION) {
    throw new CliError(
      io.t(`Резервная копия формата ${manifest.version} сделана более новой версией МЭДК: обновите МЭДК`, `Backup format ${manifest.version} comes from a newer MEDK: upgrade MEDK`),
    );
  }
  return manifest;
}

/** Apply only the given migrations (a prefix of this version's list) — to load a backup into its own schema. */
async function migrateTo(database: CliDatabase, migrations: MigrationInfo[]): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'medk-migrations-'));
  try {
    await mkdir(join(dir, 'meta'));
    const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
      entries: { tag: string; when: number }[];
    };
    const wanted = new Set(migrations.map((m) => m.when));
    journal.entries = journal.entries.filter((e) => wanted.has(e.when));
    await writeFile(join(dir, 'meta', '_journal.json'), JSON.stringify(journal));
    for (const e of journal.entries) await copyFile(join(migrationsFolder, `${e.tag}.sql`), join(dir, `${e.tag}.sql`));
    if (database.kind === 'postgres') {
      const { migrate: migratePg } = await import('drizzle-orm/node-postgres/migrator');
      await migratePg(database.db as never, { migrationsFolder: dir });
    } else {
      const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
      await migratePglite(database.db as never, { migrationsFolder: dir });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface TableSection {
  name: string;
  columns: string[];
}

async function loadTable(io: Io, tx: Tx, reader: LineReader, section: TableSection, current: TableInfo | undefined): Promise<number> {
  if (!current) throw new CliError(io.t(`В базе нет таблицы ${section.name} из резервной копии`, `The database has no table ${section.name} from the backup`));
  const have = new Set(current.columns.map((c) => c.name));
  const columns = section.columns.filter((c) => have.has(c));
  const dropped = section.columns.filter((c) => !have.has(c));
  if (dropped.length) io.err(io.t(`  ${section.name}: столбцы ${dropped.join(', ')} больше не существуют — пропущены`, `  ${section.name}: columns ${dropped.join(', ')} no longer exist — skipped`));
  const selfRefs = current.selfReferences.filter((c) => columns.includes(c));
  const target = sql.identifier(section.name);
  const columnList = sql.join(columns.map((c) => sql.identifier(c)), sql`, `);
  const selectList = sql.join(
    columns.map((c) => (selfRefs.includes(c) ? sql`null` : sql`r.${sql.identifier(c)}`)),
    sql`, `,
  );
  const deferred: string[] = []; // {pk…, selfRef…} of rows whose self-references are set after all inserts
  let batch: string[] = [];
  let bytes = 0;
  let total = 0;
  const flush = async () => {
    if (!batch.length) return;
    await tx.execute(
      sql`insert into ${target} (${columnList}) select ${selectList} from json_populate_recordset(null::${target}, ${`[${batch.join(',')}]`}::json) r`,
    );
    batch = [];
    bytes = 0;
  };
  for (;;) {
    const line = await reader.next();
    if (!line) throw broken(io, reader, io.t('неожиданный конец файла', 'unexpected end of file'));
    if (line.kind === 'marker') {
      if (line.value.$ !== 'end-table' || line.value.name !== section.name) throw broken(io, reader, `end-table ${section.name}`);
      if (line.value.rows !== total) throw broken(io, reader, io.t(`в таблице ${section.name} не хватает строк`, `rows missing in ${section.name}`));
      break;
    }
    if (line.kind !== 'row') throw broken(io, reader, 'row');
    batch.push(line.json);
    bytes += line.json.length;
    total++;
    if (selfRefs.length) {
      const row = JSON.parse(line.json) as Record<string, unknown>;
      if (selfRefs.some((c) => row[c] !== null && row[c] !== undefined)) {
        deferred.push(JSON.stringify(Object.fromEntries([...current.primaryKey, ...selfRefs].map((c) => [c, row[c]]))));
      }
    }
    if (batch.length >= INSERT_ROWS || bytes >= INSERT_BYTES) await flush();
  }
  await flush();
  for (let i = 0; i < deferred.length; i += INSERT_ROWS) {
    const chunk = `[${deferred.slice(i, i + INSERT_ROWS).join(',')}]`;
    const sets = sql.join(selfRefs.map((c) => sql`${sql.identifier(c)} = s.${sql.identifier(c)}`), sql`, `);
    const match = sql.join(current.primaryKey.map((k) => sql`${target}.${sql.identifier(k)} = s.${sql.identifier(k)}`), sql` and `);
    await tx.execute(sql`update ${target} set ${sets} from json_populate_recordset(null::${target}, ${chunk}::json) s where ${match}`);
  }
  return total;
}

function safeFilePath(io: Io, root: string, path: string): string {
  const full = resolve(root, path);
  if (!full.startsWith(resolve(root) + sep)) throw new CliError(io.t(`Недопустимый путь файла в резервной копии: ${path}`, `Invalid file path in the backup: ${path}`));
  return full;
}

export async function restoreBackup(io: Io, file: string, force: boolean): Promise<{ rows: Record<string, number>; files: number }> {
  if (!existsSync(file)) throw new CliError(io.t(`Файл не найден: ${file}`, `File not found: ${file}`));
  const reader = new LineReader(file);
  try {
    const manifest = await readManifest(io, reader);
    const local = availableMigrations();
    const known = new Set(local.map((m) => m.when));
    const foreign = manifest.migrations.filter((m) => !known.has(m.when));
    if (foreign.length) {
      throw new CliError(
        io.t(
          `Резервная копия сделана более новой версией МЭДК (миграции ${foreign.map((m) => m.tag).join(', ')} здесь неизвестны): сначала обновите МЭДК`,
          `The backup comes from a newer MEDK (migrations ${foreign.map((m) => m.tag).join(', ')} are unknown here): upgrade MEDK first`,
        ),
      );
    }
    return await withDatabase(io, {}, async (database) => {
      const root = filesDir(database.config.dataDir);
      const existingFiles = await listFiles(root);
      if (existingFiles.length && !force) {
        throw new CliError(io.t(`В папке файлов ${root} уже есть файлы (${existingFiles.length})`, `The files folder ${root} is not empty (${existingFiles.length} files)`), [
          io.t('Восстанавливайте в пустую папку данных или добавьте --force (старые файлы будут перенесены в соседнюю папку).', 'Restore into an empty data folder or add --force (old files are moved aside).'),
        ]);
      }
      const applied = await appliedMigrations(database.db);
      const empty = applied.length === 0 || (await isDatabaseEmpty(database.db));
      if (!empty && !force) {
        throw new CliError(io.t('База данных не пустая: восстановление её перезапишет', 'The database is not empty: a restore would overwrite it'), [
          io.t('Восстанавливайте в новую пустую базу или добавьте --force, чтобы удалить все текущие данные.', 'Restore into a new empty database or add --force to delete all current data.'),
        ]);
      }
      const backupWhens = manifest.migrations.map((m) => m.when);
      const isPrefix = applied.every((a, i) => backupWhens[i] === a.when);
      if (empty && isPrefix) {
        await migrateTo(database, manifest.migrations);
      } else {
        await migrateDatabase(database);
        if (applied.length > manifest.migrations.length) {
          io.err(io.t('Внимание: в базе уже применены более новые миграции, данные загружаются в новую схему.', 'Warning: the database already has newer migrations; data is loaded into the newer schema.'));
        }
      }
      const started = Date.now();
      const rows: Record<string, number> = {};
      await database.db.transaction(async (tx) => {
        const tables = new Map((await listTables(tx)).map((t) => [t.name, t]));
        if (!empty) {
          const names = sql.join([...tables.keys()].map((n) => sql.identifier(n)), sql`, `);
          await tx.execute(sql`truncate table ${names} restart identity cascade`);
        }
        for (;;) {
          const marker = await expectMarker(io, reader);
          if (marker.$ === 'table') {
            const section = marker as unknown as TableSection & { $: string };
            const t0 = Date.now();
            rows[section.name] = await loadTable(io, tx, reader, section, tables.get(section.name));
            io.err(`  ${section.name}: ${formatCount(io, rows[section.name] ?? 0)} (${formatSeconds(Date.now() - t0)})`);
            continue;
          }
          if (marker.$ === 'sequences') {
            const have = new Set(await listSequences(tx));
            for (const s of marker.values as { name: string; value: string; called: boolean }[]) {
              if (have.has(s.name)) await tx.execute(sql`select setval(${s.name}::regclass, ${s.value}::bigint, ${s.called})`);
            }
            break;
          }
          throw broken(io, reader, String(marker.$));
        }
      });
      io.err(io.t(`  строки загружены за ${formatSeconds(Date.now() - started)}`, `  rows loaded in ${formatSeconds(Date.now() - started)}`));

      // Files: into a staging folder next to the files folder, moved into place at the end.
      const staging = join(database.config.dataDir, `.files-restore-${process.pid}`);
      await rm(staging, { recursive: true, force: true });
      let files = 0;
      try {
        for (;;) {
          const marker = await expectMarker(io, reader);
          if (marker.$ === 'end') {
            const expected = marker.rows as Record<string, number>;
            for (const [name, n] of Object.entries(expected)) {
              if (rows[name] !== n) throw broken(io, reader, `${name}: ${rows[name]} ≠ ${n}`);
            }
            if (marker.files !== files) throw broken(io, reader, io.t('не хватает файлов', 'files missing'));
            break;
          }
          if (marker.$ !== 'file') throw broken(io, reader, String(marker.$));
          const target = safeFilePath(io, staging, String(marker.path));
          await mkdir(dirname(target), { recursive: true });
          const out = createWriteStream(target);
          const hash = createHash('sha256');
          let size = 0;
          for (;;) {
            const line = await reader.next();
            if (!line) throw broken(io, reader, io.t('неожиданный конец файла', 'unexpected end of file'));
            if (line.kind === 'data') {
              const chunk = Buffer.from(line.base64, 'base64');
              hash.update(chunk);
              size += chunk.length;
              if (!out.write(chunk)) await once(out, 'drain');
              continue;
            }
            if (line.kind !== 'marker' || line.value.$ !== 'end-file') throw broken(io, reader, 'end-file');
            out.end();
            await finished(out);
            if (hash.digest('hex') !== line.value.sha256 || size !== marker.size) {
              throw broken(io, reader, io.t(`содержимое файла ${String(marker.path)} не совпадает с контрольной суммой`, `file ${String(marker.path)} does not match its checksum`));
            }
            break;
          }
          files++;
        }
        if (existsSync(root) && (files > 0 || existingFiles.length > 0)) {
          const aside = `${root}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
          await rename(root, aside);
          if (existingFiles.length) io.err(io.t(`  прежние файлы перенесены в ${aside}`, `  previous files moved to ${aside}`));
          else await rm(aside, { recursive: true, force: true });
        }
        if (files > 0) await rename(staging, root);
      } finally {
        await rm(staging, { recursive: true, force: true });
      }
      // Migrations newer than the backup run on the restored data, as on an upgrade.
      await migrateDatabase(database);
      await analyzeDatabase(database.db); // planner statistics of the restored tables
      return { rows, files };
    });
  } finally {
    reader.close();
  }
}

// ——— commands ———

const backup: Command = {
  name: 'backup',
  summary: ['резервная копия базы данных и сохранённых файлов в один файл', 'back up the database and stored files into one file'],
  usage: '--out FILE',
  options: { out: { type: 'string', short: 'o' } },
  optionHelp: [['-o, --out FILE', 'файл резервной копии (например, medk-2026-03-01.medk.gz)', 'backup file (e.g. medk-2026-03-01.medk.gz)']],
  notes: [
    [
      'Формат один для встроенной базы и PostgreSQL: gzip со строками JSON (таблицы в порядке внешних ключей, последовательности, файлы из <MEDK_DATA_DIR>/files). ' +
        'Копию встроенной базы можно восстановить в PostgreSQL и наоборот. Встроенную базу копируйте при остановленном сервере; PostgreSQL — в любое время (согласованный снимок).',
      'One format for the embedded database and PostgreSQL: gzip with JSON lines (tables in foreign-key order, sequences, files from <MEDK_DATA_DIR>/files). ' +
        'A backup of the embedded database restores into PostgreSQL and back. Back up the embedded database with the server stopped; PostgreSQL at any time (a consistent snapshot).',
    ],
  ],
  async run(io, { values }) {
    const out = requireOption(io, values, 'out');
    const started = Date.now();
    const result = await withDatabase(io, {}, async (database) => {
      const applied = await appliedMigrations(database.db);
      if (applied.length === 0) throw new CliError(io.t('База данных пуста (миграции не применялись): копировать нечего', 'The database is empty (never migrated): nothing to back up'));
      return writeBackup(io, database, out);
    });
    const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
    io.out(
      io.t(
        `Резервная копия: ${out} — ${formatBytes(result.bytes)}, строк ${formatCount(io, rows)} в ${Object.keys(result.rows).length} таблицах, файлов ${result.files}, за ${formatSeconds(Date.now() - started)}`,
        `Backup: ${out} — ${formatBytes(result.bytes)}, ${formatCount(io, rows)} rows in ${Object.keys(result.rows).length} tables, ${result.files} files, in ${formatSeconds(Date.now() - started)}`,
      ),
    );
    return 0;
  },
};

const restore: Command = {
  name: 'restore',
  summary: ['восстановить базу данных и файлы из резервной копии', 'restore the database and files from a backup'],
  usage: 'FILE [--force]',
  positionals: { min: 1, max: 1, names: 'FILE' },
  options: { force: { type: 'boolean' } },
  optionHelp: [['--force', 'восстановить в непустую базу: все текущие данные будут удалены', 'restore into a non-empty database: all current data is deleted']],
  notes: [
    [
      'Восстанавливайте в пустую базу (новая папка MEDK_DATA_DIR или новая база PostgreSQL): схема создаётся миграциями той версии, которой сделана копия, строки загружаются в одной транзакции, затем применяются более новые миграции. Сервер на время восстановления остановите.',
      'Restore into an empty database (a new MEDK_DATA_DIR folder or a new PostgreSQL database): the schema is created by the migrations of the backup, rows are loaded in one transaction, then newer migrations run. Stop the server while restoring.',
    ],
  ],
  async run(io, { values, positionals }) {
    const started = Date.now();
    const result = await restoreBackup(io, positionals[0] as string, Boolean(values.force));
    const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
    io.out(
      io.t(
        `Восстановлено: строк ${formatCount(io, rows)} в ${Object.keys(result.rows).length} таблицах, файлов ${result.files}, за ${formatSeconds(Date.now() - started)}`,
        `Restored: ${formatCount(io, rows)} rows in ${Object.keys(result.rows).length} tables, ${result.files} files, in ${formatSeconds(Date.now() - started)}`,
      ),
    );
    return 0;
  },
};

export const backupCommands: Command[] = [backup, restore];
