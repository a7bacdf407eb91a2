import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import { sessions, users } from '../../db/schema.js';
import { createTestApp, type TestContext } from '../../test/harness.js';

describe('auth', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp({ config: { lockoutThreshold: 3, loginRateLimit: 1000 } });
  });
  after(() => t.close());

  test('login sets an httpOnly session cookie and /me returns the user', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'REGION57', password: 'medk-demo-2026' },
    });
    assert.equal(res.statusCode, 200);
    const cookie = res.cookies.find((c) => c.name === 'medk_session');
    assert.ok(cookie?.httpOnly);
    assert.equal(cookie?.sameSite, 'Lax');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `medk_session=${cookie?.value}` } });
    assert.equal(me.json().user.login, 'region57');
    assert.equal(me.json().user.role, 'regional_coordinator');
    assert.equal(me.json().user.passwordHash, undefined);
  });

  test('wrong password and unknown login give the same 401 message', async () => {
    const a = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'fed', password: 'nope' } });
    const b = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'nobody', password: 'nope' } });
    assert.equal(a.statusCode, 401);
    assert.equal(b.statusCode, 401);
    assert.equal(a.json().error.message, b.json().error.message);
  });

  test('missing fields are reported by exact path', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: '' } });
    assert.equal(res.statusCode, 400);
    const paths = res.json().error.fields.map((f: { path: string }) => f.path).sort();
    assert.deepEqual(paths, ['login', 'password']);
  });

  test('requests without a session are refused', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    assert.equal(res.statusCode, 401);
  });

  test('writes without the CSRF header are refused', async () => {
    const c = await t.as('fed');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: c.cookie } });
    assert.equal(res.statusCode, 403);
    const ok = await c.post('/api/auth/logout');
    assert.equal(ok.statusCode, 200);
    const after = await c.get('/api/auth/me');
    assert.equal(after.statusCode, 401, 'session is gone after logout');
  });

  test('an account is locked after repeated failures, even with the right password', async () => {
    for (let i = 0; i < 3; i++) {
      await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'observer57', password: 'bad' } });
    }
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'observer57', password: 'medk-demo-2026' },
    });
    assert.equal(res.statusCode, 423);
    assert.match(res.json().error.message, /заблокирована/);
    assert.ok(Number(res.headers['retry-after']) > 0);
  });

  test('one-time password must be changed before anything else', async () => {
    const hash = await t.services.hasher.hash('temp12345');
    await t.database.db
      .update(users)
      .set({ passwordHash: hash, mustChangePassword: true })
      .where(eq(users.login, 'school5'));
    const c = await t.as('school5', 'temp12345');
    const me = await c.get('/api/auth/me');
    assert.equal(me.json().user.mustChangePassword, true);
    const blocked = await c.get('/api/health-protected-probe');
    assert.equal(blocked.statusCode, 403);
    assert.equal(blocked.json().error.code, 'password_change_required');

    const weak = await c.post('/api/auth/password', { currentPassword: 'temp12345', newPassword: 'short' });
    assert.equal(weak.statusCode, 400);
    assert.equal(weak.json().error.fields[0].path, 'newPassword');
    const wrong = await c.post('/api/auth/password', { currentPassword: 'xxx', newPassword: 'GoodPass123' });
    assert.equal(wrong.json().error.fields[0].path, 'currentPassword');

    const ok = await c.post('/api/auth/password', { currentPassword: 'temp12345', newPassword: 'GoodPass123' });
    assert.equal(ok.statusCode, 200);
    const me2 = await c.get('/api/auth/me');
    assert.equal(me2.json().user.mustChangePassword, false);
    const relogin = await t.as('school5', 'GoodPass123');
    assert.ok(relogin.csrf);
  });
  test('a login removes expired sessions (of every user) and keeps live ones', async () => {
    const [fed] = await t.database.db.select().from(users).where(eq(users.login, 'fed'));
    assert.ok(fed);
    const hour = 3600_000;
    await t.database.db.insert(sessions).values([
      { id: 'expired-session-test-1', userId: fed.id, csrfToken: 'x', expiresAt: new Date(Date.now() - hour) },
      { id: 'expired-session-test-2', userId: fed.id, csrfToken: 'x', expiresAt: new Date(Date.now() - 24 * hour) },
      { id: 'live-session-test', userId: fed.id, csrfToken: 'x', expiresAt: new Date(Date.now() + hour) },
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'region57', password: 'medk-demo-2026' } });
    assert.equal(res.statusCode, 200);
    const left = await t.database.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(inArray(sessions.id, ['expired-session-test-1', 'expired-session-test-2', 'live-session-test']));
    assert.deepEqual(left.map((r) => r.id), ['live-session-test']);
  });
});

describe('login rate limit', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp({ config: { loginRateLimit: 3 } });
  });
  after(() => t.close());

  test('too many attempts from one address get 429', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'x', password: 'y' } });
      codes.push(res.statusCode);
    }
    assert.deepEqual(codes, [401, 401, 401, 429, 429]);
  });
});
