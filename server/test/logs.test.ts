// What the request log holds: read back from the logger's output. A respondent code (a school's director
// is one person) or a respondent path must never be written, with or without the address; other
// request lines carry no query strings (searches by name) and no bodies (logins, passwords).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import type { Database } from '../db/client.js';
import { seedDemo } from '../demo/seed.js';
import { respondentLinks } from '../db/schema.js';
import { loggedErrorMessage, loggedUrl } from '../http/logging.js';
import { createTestDatabase, testConfig, testHasher } from './harness.js';

describe('request log', () => {
  let database: Database;
  let app: FastifyInstance;
  let dir: string;
  const lines: string[] = [];
  let code = '';

  before(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'medk-logs-'));
    // the built UI is served, as in production: /s/<code> is answered with index.html
    mkdirSync(join(dir, 'web'));
    writeFileSync(join(dir, 'web', 'index.html'), '<!doctype html><title>MEDK</title>');
    // every request is one line at debug (at info only slow ones and errors): the most the log can hold
    const config = testConfig({ logLevel: 'debug', dataDir: dir, webDist: join(dir, 'web') });
    ({ app } = await buildApp({ database, config, hasher: testHasher, logStream: { write: (line) => void lines.push(line) } }));
    await seedDemo(database.db, testHasher, { surveys: true });
    await app.ready();
    const [link] = await database.db.select().from(respondentLinks).limit(1);
    assert.ok(link, 'the demo has respondent codes');
    code = link.code;
  });
  after(async () => {
    await app.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('respondent pages and the answering API leave no code, path or address in the log', async () => {
    const from = { remoteAddress: '203.0.113.77' };
    const page = await app.inject({ method: 'GET', url: `/s/${code}`, ...from });
    assert.equal(page.statusCode, 200);
    await app.inject({ method: 'GET', url: `/s/${code.toLowerCase()}?utm=1`, ...from });
    await app.inject({ method: 'GET', url: `//s/${code}`, ...from });
    await app.inject({ method: 'GET', url: `/api/respond/${code}`, ...from });
    await app.inject({ method: 'PUT', url: `/api/respond/${code}`, payload: { answers: {}, complete: false }, ...from });
    await app.inject({ method: 'GET', url: `/api/respond/${code}/x`, ...from });
    const log = lines.join('');
    assert.ok(log.includes('"/s/…"'), 'the answering page is logged as /s/… only');
    assert.ok(!log.toLowerCase().includes(code.toLowerCase()), `no respondent code in the log: ${lines.filter((l) => l.toLowerCase().includes(code.toLowerCase())).join('')}`);
    assert.ok(!log.includes('203.0.113.77'), 'no address next to a respondent path');
  });

  test('other requests are logged without query strings and bodies', async () => {
    lines.length = 0;
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'Иванова.Мария', password: 'Секрет-пароль-1' }, remoteAddress: '198.51.100.5' });
    await app.inject({ method: 'GET', url: `/api/territories/schools?q=${encodeURIComponent('Петров Пётр')}`, remoteAddress: '198.51.100.5' });
    const log = lines.join('');
    assert.ok(log.includes('/api/auth/login'), 'the request is logged');
    assert.ok(log.includes('198.51.100.5'), 'with the address (login throttling, incidents)');
    for (const secret of ['Иванова', 'Секрет', 'Петров', '%D0%9F']) assert.ok(!log.includes(secret), `no «${secret}» in the log`);
  });

  test('error text loses the parameter values drizzle appends and respondent paths', () => {
    assert.equal(loggedErrorMessage('Failed query: select 1 where login = $1\nparams: Иванова'), 'Failed query: select 1 where login = $1');
    assert.equal(loggedErrorMessage('at GET /s/ABCD-1234 and /api/respond/XYZ'), 'at GET /s/… and /api/respond/…');
    assert.equal(loggedUrl('/api/audit?q=Иванов'), '/api/audit?…');
    assert.equal(loggedUrl('/S/abc'), '/s/…');
  });
});
