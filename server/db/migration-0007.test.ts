// Migration 0007 (monitoring) on data of the old shape, on PGlite and (with TEST_DATABASE_URL) PostgreSQL: the first
// roadmap of a place becomes approved with revision 1 = its plan, a later duplicate stays an uncounted draft, a
// one-off activity's per-stage marks collapse into one dated fact, a periodic activity keeps its mark per stage.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Database } from './client.js';
import { migrationsFolder } from './migrate.js';
import { createTestDatabase } from '../test/harness.js';

let database: Database;
const rows = async <T>(query: string): Promise<T[]> => ((await database.db.execute(sql.raw(query))) as unknown as { rows: T[] }).rows;

before(async () => {
  // an empty database of its own: with TEST_DATABASE_URL a throw-away PostgreSQL database, else PGlite in memory
  database = await createTestDatabase({ migrate: false });
});
after(() => database.close());

test('0007 approves the first roadmap of a place, keeps a duplicate as a draft, and makes one dated fact per one-off activity', async () => {
  const migrations = readMigrationFiles({ migrationsFolder });
  const index = migrations.findIndex((m) => m.sql.some((s) => s.includes('CREATE TABLE "roadmap_revisions"')));
  assert.ok(index > 0, 'migration 0007 is found');
  const run = async (upTo: number, from = 0) => {
    for (const m of migrations.slice(from, upTo)) for (const statement of m.sql) if (statement.trim()) await database.db.execute(sql.raw(statement));
  };
  await run(index);

  // data as the previous release stored it: marks per stage for every activity, two roadmaps for one municipality
  await rows(`insert into cycles (id, year, title) values (1, 2026, 'Проект 2026')`);
  await rows(`insert into regions (id, code, name) values (1, '57', 'Орловская область')`);
  await rows(`insert into municipalities (id, region_id, code, name) values (1, 1, '57-01', 'Кромской район')`);
  await rows(`insert into monitoring_stages (id, cycle_id, number, title, measured_on, threshold_percent) values
    (1, 1, 1, 'Этап 1', '2026-06-30', 45), (2, 1, 2, 'Этап 2', '2026-09-30', 75)`);
  await rows(`insert into roadmaps (id, cycle_id, level, region_id, municipality_id, title, year, order_number, order_date) values
    (1, 1, 'municipal', 1, 1, 'План-график', 2026, '21', '2026-02-10'),
    (2, 1, 'municipal', 1, 1, 'План-график (повторный импорт)', 2026, '101', '2022-03-10')`);
  await rows(`insert into roadmap_items (id, roadmap_id, position, number, title, due_date, timing) values
    (1, 1, 1, '1', 'Совещание', '2026-03-10', '{"kind":"date"}'),
    (2, 1, 2, '2', 'Консультации', null, '{"recurrence":{"every":"month"}}'),
    (3, 2, 1, '1', 'Другое', '2026-04-01', '{}')`);
  await rows(`insert into item_executions (item_id, stage_id, status, updated_at) values
    (1, 1, 'done', '2026-03-12T10:00:00Z'), (1, 2, 'confirmed', '2026-08-01T10:00:00Z'),
    (2, 1, 'confirmed', '2026-06-01T10:00:00Z'), (2, 2, 'in_progress', '2026-09-01T10:00:00Z')`);

  await run(index + 1, index);

  const rms = await rows<{ id: number; status: string; revision: number }>(`select id, status, revision from roadmaps order by id`);
  assert.deepEqual(rms.map((r) => [r.id, r.status, r.revision]), [[1, 'approved', 1], [2, 'draft', 0]]);
  const revs = await rows<{ roadmap_id: number; number: number; order_date: string; items: { id: number; periodic: boolean }[] }>(
    `select roadmap_id, number, order_date::text as order_date, items from roadmap_revisions order by roadmap_id`,
  );
  assert.equal(revs.length, 1, 'only the approved roadmap has a revision');
  assert.deepEqual([revs[0]!.roadmap_id, revs[0]!.number, revs[0]!.order_date], [1, 1, '2026-02-10']);
  assert.deepEqual(revs[0]!.items.map((i) => [i.id, i.periodic]), [[1, false], [2, true]]);

  const marks = await rows<{ item_id: number; stage_id: number | null; status: string; executed_on: string | null }>(
    `select item_id, stage_id, status, executed_on::text as executed_on from item_executions order by item_id, stage_id nulls first`,
  );
  assert.deepEqual(
    marks.map((m) => [m.item_id, m.stage_id, m.status, m.executed_on]),
    [
      // the one-off activity: its most advanced mark, one fact, dated no later than the stage it was marked at
      [1, null, 'confirmed', '2026-08-01'],
      // the periodic one: a mark per stage
      [2, 1, 'confirmed', '2026-06-01'],
      [2, 2, 'in_progress', null],
    ],
  );
  // a second approved roadmap for the same place is refused by the database itself
  await assert.rejects(rows(`update roadmaps set status = 'approved' where id = 2`));
  await run(migrations.length, index + 1);
});
