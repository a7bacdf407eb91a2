// PostgreSQL only (TEST_DATABASE_URL; CI runs the suite on PostgreSQL too): the statement timeout of request
// connections, and cancelling the queries of a request whose client went away.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { registerQueryCancellation } from './cancel.js';
import { openDatabase, type Database } from './client.js';

const url = process.env.TEST_DATABASE_URL;

describe('queries of requests on PostgreSQL', { skip: url ? false : 'only with TEST_DATABASE_URL' }, () => {
  let database: Database;
  let app: FastifyInstance;
  let port: number;
  let observer: pg.Client;
  const marker = `medk_cancel_test_${process.pid}`;

  before(async () => {
    database = await openDatabase({ url, statementTimeoutMs: 4000 });
    observer = new pg.Client({ connectionString: url });
    await observer.connect();
    app = Fastify();
    registerQueryCancellation(app, database.pool);
    // the comment names the query in pg_stat_activity
    app.post('/sleep', async (request) => {
      const { seconds } = request.body as { seconds: number };
      await database.db.execute(sql.raw(`select pg_sleep(${Number(seconds)}) /* ${marker} */`));
      return { ok: true };
    });
    app.post('/sleep-in-transaction', async (request) => {
      const { seconds } = request.body as { seconds: number };
      await database.db.transaction(async (tx) => {
        await tx.execute(sql.raw(`select pg_sleep(${Number(seconds)}) /* ${marker} */`));
      });
      return { ok: true };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });
  after(async () => {
    await app?.close();
    await observer?.end();
    await database?.close();
  });

  const running = async () =>
    Number((await observer.query(`select count(*)::int as n from pg_stat_activity where state = 'active' and query like $1`, [`%/* ${marker} */%`])).rows[0].n);

  /** Sends the request and closes the connection after `ms`, before the answer. */
  function abandon(path: string, seconds: number, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json' } });
      req.on('error', () => resolve());
      req.end(JSON.stringify({ seconds }));
      setTimeout(() => {
        req.destroy();
        resolve();
      }, ms);
    });
  }

  async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (await check()) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return check();
  }

  it('a request answers in time, and one over the statement timeout fails instead of running on', async () => {
    const quick = await app.inject({ method: 'POST', url: '/sleep', payload: { seconds: 0.1 } });
    assert.equal(quick.statusCode, 200);
    const started = Date.now();
    const slow = await app.inject({ method: 'POST', url: '/sleep', payload: { seconds: 10 } });
    assert.equal(slow.statusCode, 500);
    assert.ok(Date.now() - started < 7000, `stopped by the 4 s timeout, took ${Date.now() - started} ms`);
  });

  for (const path of ['/sleep', '/sleep-in-transaction']) {
    it(`cancels the query of an abandoned request (${path})`, async () => {
      // the query sleeps 3 s (under the 4 s timeout); the client gives up after 0.3 s; the query must be gone
      // well before it would have ended by itself
      const started = Date.now();
      await abandon(path, 3, 300);
      assert.ok(await waitFor(async () => (await running()) > 0 || Date.now() - started > 250, 1000));
      const gone = await waitFor(async () => (await running()) === 0, 1700);
      const elapsed = Date.now() - started;
      assert.ok(gone && elapsed < 2000, `the query still ran ${elapsed} ms after the start`);
    });
  }
});
