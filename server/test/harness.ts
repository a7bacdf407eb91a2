// Test harness: a fresh migrated database per test file — in-memory PGlite by default,
// or a throw-away database on the PostgreSQL server named by TEST_DATABASE_URL.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp, type Services } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.js';
import { createHasher } from '../modules/auth/passwords.js';

/** A database of its own for a test: PGlite in memory, or a throw-away PostgreSQL database with TEST_DATABASE_URL. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<Database> {
  const migrated = options.migrate ?? true;
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const database = await openDatabase({});
    if (migrated) await migrate(database);
    return database;
  }
  const name = `medk_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  if (migrated) await migrate(database);
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      // pool.end() resolves before its sockets are closed; terminating them by force would make those
      // clients emit an error nobody listens to, so wait for them to go first
      for (let i = 0; i < 50; i += 1) {
        const res = await dropper.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (res.rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

export const testHasher = createHasher(1024);

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), logLevel: 'silent', strictResponses: true, argon2MemoryKib: 1024, webDist: '/nonexistent', ...overrides };
}

export interface TestContext {
  app: FastifyInstance;
  services: Services;
  database: Database;
  config: Config;
  close(): Promise<void>;
  /** Log in with a demo account (or any login/password) and get a client bound to that session. */
  as(login: string, password?: string): Promise<Client>;
}

export interface Client {
  login: string;
  csrf: string;
  cookie: string;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export async function createTestApp(options: { demo?: boolean; config?: Partial<Config> } = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  // stored files go to a throw-away folder unless the test names one
  const ownDir = options.config?.dataDir ? null : mkdtempSync(join(tmpdir(), 'medk-test-'));
  const config = testConfig({ ...(ownDir ? { dataDir: ownDir } : {}), ...options.config });
  const { app, services } = await buildApp({ database, config, hasher: testHasher });
  if (options.demo !== false) await seedDemo(database.db, testHasher);
  await app.ready();
  const ctx: TestContext = {
    app,
    services,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    },
    async as(login, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
      if (res.statusCode !== 200) throw new Error(`login ${login} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'medk_session');
      if (!cookie) throw new Error('no session cookie');
      return clientFor(app, login, `medk_session=${cookie.value}`, (res.json() as { csrfToken: string }).csrfToken);
    },
  };
  return ctx;
}

export function clientFor(app: FastifyInstance, login: string, cookie: string, csrf: string): Client {
  const request: Client['request'] = (method, url, body, headers = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { cookie, 'x-csrf-token': csrf, ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    login,
    csrf,
    cookie,
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    put: (url, body) => request('PUT', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
    delete: (url) => request('DELETE', url),
  };
}
