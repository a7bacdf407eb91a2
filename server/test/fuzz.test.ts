// Hostile input over the whole route table: every API route, every method, anonymous and signed in,
// gets generated params, queries and bodies (NUL and control characters, huge ids, absurd dates, cut
// and boundary-less multipart, deep and odd JSON). No answer may be a 5xx. The valid request of each
// route's authorization-matrix row is the seed, so mutations reach past the schemas into services
// and the database. Bounded in time: a fixed number of runs per route and a deadline for the file.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type Client, type TestContext } from './harness.js';
import { createFixtures, type Fixtures } from './authz/fixtures.js';
import { CASES as BASE_CASES, type Case, type Req, type Who } from './authz/cases.js';
import { DOCUMENT_CASES } from './authz/cases-documents.js';
import { EXPERTISE_CASES } from './authz/cases-expertise.js';
import { NOTIFICATION_CASES } from './authz/cases-notifications.js';
import { RISK_PROFILE_CASES } from './authz/cases-risk-profiles.js';
import { REPORT_CASES } from './authz/cases-reports.js';
import { RESULT_CASES } from './authz/cases-results.js';
import { ROADMAP_CASES } from './authz/cases-roadmaps.js';
import { SURVEY_CASES } from './authz/cases-surveys.js';
import { VISIT_CASES } from './authz/cases-visits.js';

const CASES: Case[] = [...BASE_CASES, ...ROADMAP_CASES, ...SURVEY_CASES, ...RISK_PROFILE_CASES, ...DOCUMENT_CASES, ...VISIT_CASES, ...EXPERTISE_CASES, ...REPORT_CASES, ...NOTIFICATION_CASES, ...RESULT_CASES];
const WHO: Who[] = ['admin', 'fed', 'expert', 'region57', 'observer57', 'mo-kromy', 'curator1', 'school1'];

/** Runs per route and identity; FUZZ_RUNS raises it for a longer local run. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
/** The whole file stops generating new cases after this many milliseconds (the cases run so far still count). */
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 45_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);

const HOSTILE_TEXT = [
  '\u0000',
  'a\u0000b',
  'Школа\u0000',
  '\u0007звонок',
  '\u202Eабв',
  'a\u200Bb',
  '\u001B[31m',
  '\uFEFF',
  '\uD800',
  '2147483648',
  '-2147483649',
  '99999999999999999999',
  '1e400',
  '0x80000000',
  '-1',
  '0',
  '1.5',
  'NaN',
  'Infinity',
  '0001-01-01',
  '275760-09-13',
  '+275760-09-13',
  '-000001-01-01',
  '9999-12-31',
  '2026-02-30',
  '2026-13-01',
  '2026-01-01T25:61:00Z',
  '',
  ' ',
  '\t\n',
  '../../etc/passwd',
  '%00',
  "' or 1=1 --",
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'x'.repeat(3000),
  'я'.repeat(70_000),
  'true',
  'null',
];
const HOSTILE_NUMBERS = [2147483648, -2147483649, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 0.5, -0, 0, -1, 1e21, 2147483647];
const QUERY_KEYS = ['id', 'cycleId', 'regionId', 'municipalityId', 'schoolId', 'userId', 'campaignId', 'page', 'pageSize', 'q', 'from', 'to', 'year', 'cycleYear', 'status', 'kind', 'format', 'dryRun', 'instrument', 'stage'];
const BODY_KEYS = ['id', 'name', 'code', 'login', 'password', 'currentPassword', 'newPassword', 'fullName', 'regionId', 'municipalityId', 'schoolId', 'schoolIds', 'ids', 'comment', 'text', 'answers', 'complete', 'from', 'to', 'date', 'year', 'status', 'action'];

const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map((s) => `${s}\u0000${s}`) },
);
const leaf = fc.oneof(
  { weight: 5, arbitrary: text },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
);
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...BODY_KEYS), text), tie('value'), { maxKeys: 3 }),
  ),
}));

type Plan =
  | { kind: 'param'; pick: number; text: string }
  | { kind: 'query'; key: string; text: string }
  | { kind: 'leaf'; pick: number; value: unknown }
  | { kind: 'key'; key: string; value: unknown }
  | { kind: 'body'; value: unknown }
  | { kind: 'cut'; at: number }
  | { kind: 'noBoundary' }
  | { kind: 'fileName'; text: string };

const plan: fc.Arbitrary<Plan> = fc.oneof(
  fc.record({ kind: fc.constant('param' as const), pick: fc.nat(), text }),
  fc.record({ kind: fc.constant('query' as const), key: fc.constantFrom(...QUERY_KEYS), text }),
  fc.record({ kind: fc.constant('leaf' as const), pick: fc.nat(), value }),
  fc.record({ kind: fc.constant('key' as const), key: fc.constantFrom(...BODY_KEYS), value }),
  fc.record({ kind: fc.constant('body' as const), value }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.constant({ kind: 'noBoundary' as const }),
  fc.record({ kind: fc.constant('fileName' as const), text }),
);

/** Percent-encodes every byte, so that any text (lone surrogates, NUL, slashes) stays one path segment. */
function encodeSegment(s: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

/** The positions of the route's params in the seed's path, e.g. "/api/x/:id/y/:itemId" → [3, 5]. */
function paramSlots(route: string): number[] {
  const path = route.slice(route.indexOf(' ') + 1).split('/');
  return path.flatMap((part, i) => (part.startsWith(':') ? [i] : []));
}

function leaves(body: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (body === null || typeof body !== 'object') return path.length ? [path] : [];
  const entries = Array.isArray(body) ? body.map((v, i) => [i, v] as const) : Object.entries(body);
  const inner = entries.flatMap(([k, v]) => leaves(v, [...path, k]));
  return path.length ? [path, ...inner] : inner;
}

function setAt(body: unknown, path: (string | number)[], v: unknown): unknown {
  if (!path.length) return v;
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = v;
  return copy;
}

function withQuery(url: string, key: string, v: string): string {
  const [path, query = ''] = url.split('?');
  const params = new URLSearchParams(query);
  params.set(key, v);
  // URLSearchParams cannot carry a lone surrogate; the byte encoding can
  const rest = [...params].filter(([k]) => k !== key).map(([k, val]) => `${encodeURIComponent(k)}=${encodeURIComponent(val)}`);
  return `${path}?${[...rest, `${key}=${encodeSegment(v)}`].join('&')}`;
}

/** Applies a plan to the seed request of a route. */
function mutate(route: string, seed: Req, p: Plan): Req {
  const multipart = Buffer.isBuffer(seed.body);
  switch (p.kind) {
    case 'param': {
      const slots = paramSlots(route);
      const [path, query] = seed.url.split('?');
      const parts = path!.split('/');
      if (!slots.length) return { ...seed, url: `${path}/${encodeSegment(p.text)}${query ? `?${query}` : ''}` };
      parts[slots[p.pick % slots.length]!] = encodeSegment(p.text);
      return { ...seed, url: `${parts.join('/')}${query ? `?${query}` : ''}` };
    }
    case 'query':
      return { ...seed, url: withQuery(seed.url, p.key, p.text) };
    case 'leaf': {
      if (multipart) return mutateMultipartField(seed, typeof p.value === 'string' ? p.value : (JSON.stringify(p.value) ?? ''));
      const all = leaves(seed.body);
      if (!all.length) return { ...seed, body: p.value };
      return { ...seed, body: setAt(seed.body, all[p.pick % all.length]!, p.value) };
    }
    case 'key': {
      if (multipart || seed.body === null || typeof seed.body !== 'object' || Array.isArray(seed.body)) return { ...seed, body: { [p.key]: p.value } };
      return { ...seed, body: { ...(seed.body as object), [p.key]: p.value } };
    }
    case 'body':
      return { ...seed, body: p.value === undefined ? null : p.value, headers: multipart ? {} : seed.headers };
    case 'cut': {
      if (!multipart) return { ...seed, method: seed.method === 'GET' ? 'POST' : seed.method };
      const body = seed.body as Buffer;
      return { ...seed, body: body.subarray(0, Math.floor(body.length * p.at)) };
    }
    case 'noBoundary':
      return { ...seed, body: multipart ? seed.body : Buffer.from('--x\r\n\r\n'), headers: { ...seed.headers, 'content-type': 'multipart/form-data' } };
    case 'fileName':
      if (!multipart) return { ...seed, headers: { ...seed.headers, 'content-type': 'multipart/form-data; boundary=b' }, body: Buffer.from(`--b\r\nContent-Disposition: form-data; name="file"; filename="${p.text}"\r\n\r\nx\r\n--b--\r\n`) };
      return { ...seed, body: Buffer.from((seed.body as Buffer).toString('latin1').replace(/filename="[^"]*"/, `filename="${Buffer.from(p.text, 'utf8').toString('latin1')}"`), 'latin1') };
  }
}

/** Every string leaf, number leaf and param replaced at once — the inputs the probe found answered with 500. */
function poisoned(route: string, seed: Req): Req[] {
  const poisonAll = (body: unknown, str: (s: string) => string, num: (n: number) => unknown): unknown => {
    if (typeof body === 'string') return str(body);
    if (typeof body === 'number') return num(body);
    if (Array.isArray(body)) return body.map((v) => poisonAll(v, str, num));
    if (body && typeof body === 'object' && !Buffer.isBuffer(body)) return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, poisonAll(v, str, num)]));
    return body;
  };
  const params = (text: string): string => {
    const [path, query] = seed.url.split('?');
    const parts = path!.split('/');
    for (const i of paramSlots(route)) parts[i] = encodeSegment(text);
    return `${parts.join('/')}${query ? `?${query}` : ''}`;
  };
  const queries = (text: string): string => QUERY_KEYS.reduce((url, key) => withQuery(url, key, text), seed.url);
  const out: Req[] = [
    { ...seed, body: poisonAll(seed.body, (v) => `${v}\u0000`, (n) => n) },
    { ...seed, body: poisonAll(seed.body, (v) => v, () => 2147483648) },
    { ...seed, body: poisonAll(seed.body, () => '275760-09-13', () => -2147483649) },
    { ...seed, url: params('2147483648') },
    { ...seed, url: params('a\u0000') },
    { ...seed, url: queries('2147483648') },
    { ...seed, url: queries('\u0000') },
    { ...seed, url: withQuery(withQuery(seed.url, 'from', '0001-01-01'), 'to', '275760-09-13') },
    mutate(route, seed, { kind: 'noBoundary' }),
    mutate(route, seed, { kind: 'fileName', text: 'a\u0000.pdf' }),
  ];
  if (Buffer.isBuffer(seed.body)) {
    out.push(mutate(route, seed, { kind: 'cut', at: 0.9 }), mutate(route, seed, { kind: 'leaf', pick: 0, value: '\u0000' }));
  }
  return out;
}

function mutateMultipartField(seed: Req, v: string): Req {
  const body = (seed.body as Buffer).toString('latin1');
  const boundary = /boundary=(\S+)/.exec(seed.headers?.['content-type'] ?? '')?.[1] ?? 'b';
  const field = `--${boundary}\r\nContent-Disposition: form-data; name="mode"\r\n\r\n${Buffer.from(v, 'utf8').toString('latin1')}\r\n`;
  return { ...seed, body: Buffer.from(field + body, 'latin1') };
}

describe('hostile input over every route', () => {
  let t: TestContext;
  let f: Fixtures;
  const clients = new Map<Who, Client>();
  const seeds = new Map<string, { who: Who; req: Req; ownSession: boolean }>();
  const started = Date.now();
  const stats = { requests: 0, byStatus: new Map<number, number>() };

  before(async () => {
    // the fuzzer signs in and fails logins far more than people do: no throttling in this file
    t = await createTestApp({ config: { loginRateLimit: 1_000_000, lockoutThreshold: 1_000_000 } });
    f = await createFixtures(t.database.db, t.config.dataDir);
    for (const who of WHO) clients.set(who, await t.as(who));
  });
  after(async () => {
    const statuses = [...stats.byStatus].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(`fuzz: ${stats.requests} requests in ${Math.round((Date.now() - started) / 1000)} s; ${statuses}`);
    await t.close();
  });

  test('every API route has a seed request (a row of the authorization matrix)', () => {
    const covered = new Set(CASES.map((c) => c.route));
    assert.deepEqual(t.services.routes.filter((r) => !covered.has(r)), []);
  });

  async function send(client: Client | undefined, req: Req): Promise<LightMyRequestResponse> {
    stats.requests += 1;
    const res = client
      ? await client.request(req.method, req.url, req.body, req.headers)
      : await t.app.inject({ method: req.method as 'GET', url: req.url, headers: req.headers ?? {}, ...(req.body === undefined ? {} : { payload: req.body as object }) });
    stats.byStatus.set(res.statusCode, (stats.byStatus.get(res.statusCode) ?? 0) + 1);
    return res;
  }

  for (const c of CASES) {
    for (const signedIn of [false, true]) {
      test(`${c.route} (${signedIn ? 'signed in' : 'anonymous'})`, async (ctx) => {
        if (Date.now() - started > BUDGET_MS) {
          ctx.diagnostic('time budget of the file used up');
          return;
        }
        let seed = seeds.get(c.route);
        if (!seed) {
          const who = c.allowed.includes('admin') ? 'admin' : c.allowed[0]!;
          seed = { who, req: await c.inScope(f, who), ownSession: Boolean(c.ownSession) };
          seeds.set(c.route, seed);
        }
        const { who, req, ownSession } = seed;
        const clientOf = async () => (signedIn ? (ownSession ? await t.as(who) : clients.get(who)) : undefined);
        for (const hostile of poisoned(c.route, req)) {
          const res = await send(await clientOf(), hostile);
          assert.ok(res.statusCode < 500, `${hostile.method} ${hostile.url.slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`);
        }
        await fc.assert(
          fc.asyncProperty(plan, async (p) => {
            const hostile = mutate(c.route, req, p);
            const client = await clientOf();
            const res = await send(client, hostile);
            const shown = typeof hostile.body === 'string' || Buffer.isBuffer(hostile.body) ? String(hostile.body).slice(0, 200) : JSON.stringify(hostile.body)?.slice(0, 200);
            assert.ok(res.statusCode < 500, `${hostile.method} ${hostile.url.slice(0, 300)} ${shown ?? ''} → ${res.statusCode} ${res.body.slice(0, 300)}`);
          }),
          { numRuns: RUNS, seed: SEED + c.route.length, endOnFailure: true, includeErrorInReport: true },
        );
      });
    }
  }
});
