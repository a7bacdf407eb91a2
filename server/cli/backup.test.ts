// medk backup → medk restore round trip, run as subprocesses: demo data, an imported roadmap with execution
// marks and uploaded evidence files → backup → restore into an EMPTY new data folder (and, on PostgreSQL, a
// new database) → every row of every table, the sequences, the migrations and every stored file compared.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { loadConfig } from '../config.js';
import { findUserByLogin } from '../modules/auth/queries.js';
import { LifecycleService } from '../modules/roadmaps/lifecycle.js';
import { ExecutionService } from '../modules/roadmaps/execution.js';
import { RoadmapsService } from '../modules/roadmaps/service.js';
import { createFileStorage } from '../storage/index.js';
import { moduleDeps } from './actor.js';
import { filesDir, listFiles } from './backup.js';
import { openDatabase } from '../db/client.js';
import { fixturePath, medk, onPostgres, show, snapshot, Targets, type Snapshot, type Target } from './test-support.js';

/** A tiny valid PNG (1×1, one grey pixel) — the evidence check reads the content, not the name. */
function png(): Buffer {
  const crc = (buf: Buffer) => {
    let c = ~0;
    for (const b of buf) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return (~c >>> 0);
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 0x80]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PDF with every byte value in it (binary content must survive the backup unchanged). */
function pdf(): Buffer {
  const binary = Buffer.from(Array.from({ length: 3 * 256 }, (_, k) => (k * 7) % 256));
  return Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> stream\n', 'latin1'), binary, Buffer.from('\nendstream endobj\n%%EOF\n', 'latin1')]);
}

/**
 * Marks and evidence through the services of the API, as the regional coordinator who owns the roadmap;
 * returns the snapshot of the result (one open of the database).
 */
async function addExecution(target: Target, roadmapId: number): Promise<Snapshot> {
  const database = await target.open();
  try {
    const config = { ...loadConfig({ MEDK_DATA_DIR: target.dataDir }), argon2MemoryKib: 1024 };
    const deps = moduleDeps(database.db, config);
    const user = await findUserByLogin(database.db, 'mo-livny');
    assert.ok(user, 'demo account mo-livny');
    const actor = await deps.auth.actorOf(user);
    const who = { userId: user.id, login: user.login };
    const storage = createFileStorage(target.dataDir);
    const draft = await new RoadmapsService(database.db, storage).get(actor, roadmapId);
    // marks are made on an approved roadmap
    await new LifecycleService(database.db, storage).approve(actor, who, roadmapId, { version: draft.roadmap.version, orderAuthority: 'Отдел образования', orderNumber: '5', orderDate: '2026-02-01', orderTitle: '' });
    const detail = await new RoadmapsService(database.db, storage).get(actor, roadmapId);
    const stage = detail.stages[0];
    const [first, second] = detail.items;
    assert.ok(stage && first && second, 'stages and items');
    const execution = new ExecutionService(database.db, storage);
    const upload = (content: Buffer, filename: string) => ({ stream: Readable.from([content]), filename, truncated: () => false });
    const at = (itemId: number) => ({ roadmapId, itemId, stageId: stage.id });
    await execution.mark(actor, who, at(first.id), 'complete', 'Проведено, протокол приложен');
    await execution.attach(actor, who, at(first.id), upload(pdf(), 'Протокол совещания.pdf'));
    await execution.attach(actor, who, at(first.id), upload(png(), 'фото.png'));
    // The same content again: one stored blob, two file records.
    await execution.attach(actor, who, at(second.id), upload(pdf(), 'копия протокола.pdf'));
    return await snapshot(database.db);
  } finally {
    await database.close();
  }
}

async function snapshotOf(target: Target): Promise<Snapshot> {
  const database = await target.open();
  try {
    return await snapshot(database.db);
  } finally {
    await database.close();
  }
}

function assertSameData(actual: Snapshot, expected: Snapshot): void {
  assert.deepEqual(Object.keys(actual.tables), Object.keys(expected.tables), 'the same tables');
  for (const [name, rows] of Object.entries(expected.tables)) {
    assert.equal(actual.tables[name]?.length, rows.length, `${name}: row count`);
    assert.deepEqual(actual.tables[name], rows, `${name}: every row and column`);
  }
  assert.deepEqual(actual.sequences, expected.sequences, 'sequence positions');
  assert.deepEqual(actual.migrations, expected.migrations, 'applied migrations');
}

async function assertSameFiles(actual: string, expected: string): Promise<number> {
  const want = await listFiles(filesDir(expected));
  assert.deepEqual(await listFiles(filesDir(actual)), want, 'the same stored files');
  for (const path of want) {
    assert.ok(readFileSync(join(filesDir(actual), path)).equals(readFileSync(join(filesDir(expected), path))), `${path}: byte for byte`);
  }
  return want.length;
}

describe('medk backup and restore', () => {
  const targets = new Targets();
  after(() => targets.cleanup());

  let source: Target;
  let restored: Target;
  let expected: Snapshot;
  const backupFile = () => join(targets.dir, 'medk.backup.gz');

  test('backup → restore into an empty data folder/database gives back every row and every stored file', async () => {
    source = await targets.create();
    let r = await medk(['demo'], source.env);
    assert.equal(r.code, 0, show(r));
    r = await medk(['roadmap', 'import', fixturePath('kaluga-2021.txt'), '--territory', '57-02', '--cycle', '2026', '--json'], source.env);
    assert.equal(r.code, 0, show(r));
    const { roadmap } = JSON.parse(r.stdout) as { roadmap: { id: number; level: string; territory: string; itemCount: number } };
    assert.deepEqual([roadmap.level, roadmap.territory, roadmap.itemCount], ['municipal', 'Ливенский район', 53], 'a municipality code saves a municipal roadmap');
    const roadmapId = roadmap.id;
    expected = await addExecution(source, roadmapId);
    for (const table of ['regions', 'municipalities', 'schools', 'users', 'cycles', 'roadmaps', 'roadmap_revisions', 'roadmap_items', 'item_executions', 'item_evidence', 'stored_files', 'audit_log']) {
      assert.ok((expected.tables[table]?.length ?? 0) > 0, `the source has rows in ${table}`);
    }
    assert.equal(expected.tables.stored_files?.length, 3);
    assert.equal((await listFiles(filesDir(source.dataDir))).length, 2, 'two blobs: the PDF is stored once');

    r = await medk(['backup', '--out', backupFile()], source.env);
    assert.equal(r.code, 0, show(r));
    assert.match(r.stdout, /Резервная копия: .*файлов 2/);

    restored = await targets.create({ empty: true });
    r = await medk(['restore', backupFile()], restored.env);
    assert.equal(r.code, 0, show(r));
    assert.match(r.stdout, /Восстановлено: .*файлов 2/);

    assertSameData(await snapshotOf(restored), expected);
    assert.equal(await assertSameFiles(restored.dataDir, source.dataDir), 2);
  });

  test('restore refuses to overwrite data without --force, and --force gives back the same data again', async () => {
    assert.ok(restored, 'runs after the round trip');
    let r = await medk(['restore', backupFile()], restored.env);
    assert.equal(r.code, 1, show(r));
    assert.match(r.stderr, /Ошибка: В папке файлов .* уже есть файлы|Ошибка: База данных не пустая/);
    assert.match(r.stderr, /--force/);

    // Over the same rows: without the truncation every insert would hit its primary key.
    r = await medk(['restore', backupFile(), '--force'], restored.env);
    assert.equal(r.code, 0, show(r));
    assertSameData(await snapshotOf(restored), expected);
    assert.equal(await assertSameFiles(restored.dataDir, source.dataDir), 2);
  });

  test('a PostgreSQL backup restores into the embedded database (one format for both)', { skip: !onPostgres && 'only with TEST_DATABASE_URL' }, async () => {
    assert.ok(expected, 'runs after the round trip');
    const dataDir = join(targets.dir, 'embedded');
    const r = await medk(['restore', backupFile()], { MEDK_DATA_DIR: dataDir });
    assert.equal(r.code, 0, show(r));
    const database = await openDatabase({ dataDir: join(dataDir, 'db') });
    try {
      assertSameData(await snapshot(database.db), expected);
    } finally {
      await database.close();
    }
    assert.equal(await assertSameFiles(dataDir, source.dataDir), 2);
  });

  test('restore names what is wrong with the file; backup needs --out', async () => {
    const empty = await targets.create({ empty: true });
    let r = await medk(['restore', join(targets.dir, 'no-such.backup.gz')], empty.env);
    assert.equal(r.code, 1, show(r));
    assert.match(r.stderr, /Ошибка: Файл не найден: .*no-such\.backup\.gz/);

    r = await medk(['restore', fixturePath('kromskoy-2022.txt')], empty.env);
    assert.equal(r.code, 1, show(r));
    assert.match(r.stderr, /Это не резервная копия МЭДК/);

    r = await medk(['backup'], empty.env);
    assert.equal(r.code, 2, show(r));
    assert.match(r.stderr, /Укажите --out/);
  });
});
