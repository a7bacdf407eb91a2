// Security headers on every answer (API, errors, pages) and the Secure cookie derived from MEDK_PUBLIC_URL.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../config.js';
import { DEMO_PASSWORD } from '../demo/seed.js';
import { createTestApp, type TestContext } from './harness.js';

describe('security headers', () => {
  let t: TestContext;
  let web: string;
  before(async () => {
    web = mkdtempSync(join(tmpdir(), 'medk-web-'));
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>MEDK</title>');
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
    const fromEnv = loadConfig({ MEDK_PUBLIC_URL: 'https://medk.example.ru' });
    t = await createTestApp({ config: { webDist: web, publicUrl: fromEnv.publicUrl, secureCookies: fromEnv.secureCookies } });
  });
  after(async () => {
    await t.close();
    rmSync(web, { recursive: true, force: true });
  });

  test('API answers, errors, pages and files carry CSP, framing, referrer and sniffing headers', async () => {
    for (const url of ['/api/health', '/api/territories/regions', '/api/nothing-here', '/', '/s/ABC-DEF-GHJ', '/assets/app.js']) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy'] ?? '');
      assert.match(csp, /default-src 'self'/, `${url}: ${csp}`);
      assert.match(csp, /script-src 'self'(;|$)/, `${url}: no inline or eval scripts`);
      assert.match(csp, /frame-ancestors 'none'/, url);
      assert.match(csp, /object-src 'none'/, url);
      assert.equal(res.headers['x-frame-options'], 'DENY', url);
      assert.equal(res.headers['referrer-policy'], 'no-referrer', url);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
      assert.match(String(res.headers['strict-transport-security']), /max-age=\d+/, url);
    }
  });

  test('with an https public address the session cookie is Secure', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'admin', password: DEMO_PASSWORD } });
    assert.equal(res.statusCode, 200);
    const cookie = res.cookies.find((c) => c.name === 'medk_session');
    assert.equal(cookie?.secure, true);
  });

  test('SECURE_COOKIES follows MEDK_PUBLIC_URL unless set explicitly', () => {
    assert.equal(loadConfig({ MEDK_PUBLIC_URL: 'https://medk.example.ru/' }).secureCookies, true);
    assert.equal(loadConfig({ MEDK_PUBLIC_URL: 'http://10.0.0.5:3000' }).secureCookies, false);
    assert.equal(loadConfig({}).secureCookies, false);
    assert.equal(loadConfig({ MEDK_PUBLIC_URL: 'https://medk.example.ru', SECURE_COOKIES: 'false' }).secureCookies, false);
    assert.equal(loadConfig({ MEDK_PUBLIC_URL: 'https://medk.example.ru/' }).publicUrl, 'https://medk.example.ru');
  });
});

describe('plain http', () => {
  test('no HSTS and no Secure cookie without an https public address', async () => {
    const t = await createTestApp();
    try {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'admin', password: DEMO_PASSWORD } });
      assert.equal(res.headers['strict-transport-security'], undefined);
      assert.notEqual(res.cookies.find((c) => c.name === 'medk_session')?.secure, true);
      assert.ok(res.headers['content-security-policy']);
    } finally {
      await t.close();
    }
  });
});
