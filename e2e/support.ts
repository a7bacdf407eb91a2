// Browser-test support: an in-process MEDK server on a random port (embedded database, demo data)
// and Debian's Chromium driven by playwright-core. The browser is installed by .ci/run, never downloaded.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../server/app.js';
import { seedDemo } from '../server/demo/seed.js';
import { createWorker, type Worker } from '../server/jobs/worker.js';
import { createTestDatabase, testConfig, testHasher } from '../server/test/harness.js';
import type { Database } from '../server/db/client.js';

export const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const WEB_DIST = fileURLToPath(new URL('../dist/web/', import.meta.url));

export interface E2eServer {
  url: string;
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

export async function startServer(): Promise<E2eServer> {
  if (!existsSync(`${WEB_DIST}index.html`)) throw new Error('Run `npm run build:web` before the browser tests');
  const database = await createTestDatabase();
  const { app } = await buildApp({ database, config: testConfig({ webDist: WEB_DIST }), hasher: testHasher });
  await seedDemo(database.db, testHasher);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface E2eContext {
  /** Set by the `before` hook. */
  readonly server: E2eServer;
  /** Set by the `before` hook. */
  readonly browser: Browser;
}

/**
 * Registers the `before`/`after` hooks of a browser-test suite (call inside `describe`): the server, optionally a job
 * worker beside it, and the browser; all closed after the suite.
 */
export function useE2e(options: { worker?: boolean } = {}): E2eContext {
  const ctx = {} as { server: E2eServer; browser: Browser; worker?: Worker };
  before(async () => {
    ctx.server = await startServer();
    if (options.worker) {
      // the server's own data folder (testConfig), so the report files the worker stores are the ones it serves
      ctx.worker = createWorker(ctx.server.database.db, testConfig(), { mailer: null, pollMs: 200, log: () => undefined });
      ctx.worker.queue.start();
    }
    ctx.browser = await launchBrowser();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.worker?.stop();
    await ctx.server?.close();
    assert.deepEqual(cspViolations, [], 'the Content-Security-Policy blocked part of the UI');
  });
  return ctx;
}

/** Messages of the browser about content the Content-Security-Policy blocked; every suite fails on one. */
export const cspViolations: string[] = [];

export async function newPage(browser: Browser, options: { mobile?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({
    locale: 'ru-RU',
    viewport: options.mobile ? { width: 390, height: 844 } : { width: 1366, height: 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  // the server's Content-Security-Policy must not block anything the UI or SurveyJS does
  page.on('console', (message) => {
    const text = message.text();
    // web fonts from other sites (SurveyJS's theme names Google Fonts) are blocked on purpose: no request
    // of a respondent leaves the server; the text falls back to the system font
    if (/Loading the font 'https:\/\/fonts\.gstatic\.com\//.test(text)) return;
    if (/Content Security Policy|Refused to (load|apply|execute|evaluate|connect|frame)/i.test(text)) cspViolations.push(`${page.url()}: ${text}`);
  });
  return page;
}

export async function login(page: Page, baseUrl: string, loginName: string, password = 'medk-demo-2026') {
  await page.goto(baseUrl + '/');
  await page.getByLabel('Логин').fill(loginName);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}
