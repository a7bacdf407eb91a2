// migrate(): several processes starting at once on an un-migrated PostgreSQL database must all succeed (the
// advisory lock serialises them). Runs with TEST_DATABASE_URL only; PGlite is single-process.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';
import { openDatabase, type Database } from './client.js';
import { migrate, migrationsFolder } from './migrate.js';

const adminUrl = process.env.TEST_DATABASE_URL;

test('concurrent migrate calls on a fresh PostgreSQL database all succeed and apply each migration once', { skip: !adminUrl && 'PostgreSQL only (TEST_DATABASE_URL)' }, async () => {
  const name = `medk_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl as string);
  url.pathname = `/${name}`;
  const databases: Database[] = [];
  try {
    // separate pools, as separate processes would have
    for (let i = 0; i < 3; i++) databases.push(await openDatabase({ url: url.toString() }));
    const results = await Promise.allSettled(databases.map((d) => migrate(d)));
    assert.deepEqual(
      results.map((r) => (r.status === 'rejected' ? String((r.reason as Error).message) : 'ok')),
      ['ok', 'ok', 'ok'],
    );
    const applied = (await databases[0]!.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { rows: { n: number }[] };
    assert.equal(applied.rows[0]?.n, readMigrationFiles({ migrationsFolder }).length);
    // the lock was released: one more call is a quick no-op
    await migrate(databases[1]!);
  } finally {
    for (const d of databases) await d.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
});
