// Sign-in hardening: only failures count toward the per-address limit, the 429 says when to retry,
// unknown, existing and disabled logins get the same answers and the same lockout, and the current
// password of a change is throttled like a sign-in.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema.js';
import { DEMO_PASSWORD } from '../../demo/seed.js';
import { createTestApp, type TestContext } from '../../test/harness.js';

let address = 0;
const nextAddress = () => `192.0.2.${++address}`;

describe('sign-in throttling', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp({ config: { loginRateLimit: 3, lockoutThreshold: 3 } });
  });
  after(() => t.close());

  const login = (login: string, password: string, remoteAddress: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password }, remoteAddress });

  test('successful sign-ins from one address do not count toward its limit', async () => {
    const from = nextAddress();
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await login(i % 2 ? 'admin' : 'fed', DEMO_PASSWORD, from)).statusCode);
    assert.deepEqual(codes, [200, 200, 200, 200, 200, 200]);
  });

  test('failures do, and the 429 says when to try again', async () => {
    const from = nextAddress();
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await login(`nobody-${i}`, 'wrong-password', from)).statusCode);
    const refused = await login('admin', DEMO_PASSWORD, from);
    assert.deepEqual([...codes, refused.statusCode], [401, 401, 401, 429]);
    const retry = Number(refused.headers['retry-after']);
    assert.ok(retry > 0 && retry <= 15 * 60, `Retry-After ${retry}`);
    assert.match(refused.json().error.message, /Повторите через \d+ мин/);
    // another address is not affected
    assert.equal((await login('admin', DEMO_PASSWORD, nextAddress())).statusCode, 200);
  });

  test('unknown, existing and disabled logins get the same answers and the same lockout', async () => {
    await t.database.db.update(users).set({ active: false }).where(eq(users.login, 'observer57'));
    const answers = new Map<string, string[]>();
    for (const [name, password] of [['nobody-at-all', 'wrong-password'], ['region57', 'wrong-password'], ['observer57', DEMO_PASSWORD]] as const) {
      const seen: string[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await login(name, password, nextAddress());
        seen.push(`${res.statusCode} ${res.json().error.message.replace(/\d+ мин/, 'N мин')}`);
      }
      answers.set(name, seen);
    }
    const [unknown, existing, disabled] = [...answers.values()];
    assert.deepEqual(existing, unknown);
    assert.deepEqual(disabled, unknown);
    assert.deepEqual(unknown!.map((a) => a.slice(0, 3)), ['401', '401', '423', '423']);
    assert.ok(!unknown!.join(' ').includes('отключена.'), 'no message only a disabled account gets');
    // the existing account is locked even with its right password, as the unknown one is
    assert.equal((await login('region57', DEMO_PASSWORD, nextAddress())).statusCode, 423);
  });

});

describe('changing the password is throttled like signing in', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp({ config: { loginRateLimit: 1000, lockoutThreshold: 3 } });
  });
  after(() => t.close());
  const login = (login: string, password: string, remoteAddress: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password }, remoteAddress });

  test('wrong current passwords of a change count like failed sign-ins and lock the account', async () => {
    const c = await t.as('school1');
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      codes.push((await c.post('/api/auth/password', { currentPassword: `guess-${i}`, newPassword: 'зелёный слон на крыше' })).statusCode);
    }
    assert.deepEqual(codes, [400, 400, 423, 423]);
    const right = await c.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'зелёный слон на крыше' });
    assert.equal(right.statusCode, 423, 'locked even with the right current password');
    assert.equal((await login('school1', DEMO_PASSWORD, nextAddress())).statusCode, 423);
  });
});

describe('password rules on change', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('weak passwords are refused with the reason in Russian', async () => {
    const c = await t.as('school2');
    const cases: [string, RegExp][] = [
      ['        1a', /одних пробелов|слишком простой/],
      ['aaaaaaa1', /не короче 10/],
      ['aaaaaaaaa1', /слишком простой/],
      ['qwerty12345', /слишком простой/],
      ['password2026!', /слишком простой/],
      ['хороший\u0000пароль', /Недопустимые символы|управляющие/],
      ['хороший\u202Eпароль', /Недопустимые символы|управляющие/],
      ['school2', /не короче|логином/],
      ['school2-123', /логином|слишком простой/],
    ];
    for (const [newPassword, reason] of cases) {
      const res = await c.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword });
      assert.equal(res.statusCode, 400, `${JSON.stringify(newPassword)}: ${res.body}`);
      assert.match(res.json().error.message, reason, JSON.stringify(newPassword));
    }
  });

  test('going back to the previous password is refused', async () => {
    const c = await t.as('school3');
    assert.equal((await c.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'синий-кит-2026' })).statusCode, 200);
    const again = await t.as('school3', 'синий-кит-2026');
    const back = await again.post('/api/auth/password', { currentPassword: 'синий-кит-2026', newPassword: DEMO_PASSWORD });
    assert.equal(back.statusCode, 400, back.body);
    assert.match(back.json().error.message, /предыдущим/);
    assert.equal((await again.post('/api/auth/password', { currentPassword: 'синий-кит-2026', newPassword: 'красный-лис-2027' })).statusCode, 200);
  });
});
