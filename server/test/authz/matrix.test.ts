// Authorization matrix: every API route × every role, with a target inside and outside the role's
// territory. Out-of-scope reads must be refused (403/404) and leak nothing; out-of-scope writes must
// change nothing. A route without a row here fails the test, so new routes cannot skip the matrix.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type Client, type TestContext } from '../harness.js';
import { createFixtures, OUT, snapshot, type Fixtures } from './fixtures.js';
import { CASES as BASE_CASES, type Who } from './cases.js';
import { DOCUMENT_CASES } from './cases-documents.js';
import { EXPERTISE_CASES } from './cases-expertise.js';
import { NOTIFICATION_CASES } from './cases-notifications.js';
import { RISK_PROFILE_CASES } from './cases-risk-profiles.js';
import { REPORT_CASES } from './cases-reports.js';
import { RESULT_CASES } from './cases-results.js';
import { ROADMAP_CASES } from './cases-roadmaps.js';
import { SURVEY_CASES } from './cases-surveys.js';
import { VISIT_CASES } from './cases-visits.js';

const CASES = [...BASE_CASES, ...ROADMAP_CASES, ...SURVEY_CASES, ...RISK_PROFILE_CASES, ...DOCUMENT_CASES, ...VISIT_CASES, ...EXPERTISE_CASES, ...REPORT_CASES, ...NOTIFICATION_CASES, ...RESULT_CASES];

const WHO: Who[] = ['admin', 'fed', 'expert', 'region57', 'observer57', 'mo-kromy', 'curator1', 'school1'];
/** Accounts whose territory is the whole country: nothing is "out of scope" for them. */
const COUNTRY_WIDE = new Set<Who>(['admin', 'fed', 'expert']);
const REFUSED = [403, 404];
const OUT_NAMES = Object.values(OUT);

function leaks(body: string): string | undefined {
  return OUT_NAMES.find((name) => body.includes(name));
}

describe('authorization matrix', () => {
  let t: TestContext;
  let f: Fixtures;
  const clients = new Map<Who, Client>();

  before(async () => {
    t = await createTestApp();
    f = await createFixtures(t.database.db, t.config.dataDir);
    for (const who of WHO) clients.set(who, await t.as(who));
  });
  after(() => t.close());

  test('every API route has a row in the matrix', () => {
    const covered = new Set(CASES.map((c) => c.route));
    const missing = t.services.routes.filter((r) => !covered.has(r));
    assert.deepEqual(missing, [], `routes without authorization cases: ${missing.join(', ')}`);
    const stale = CASES.map((c) => c.route).filter((r) => !t.services.routes.includes(r));
    assert.deepEqual(stale, [], `cases for routes that do not exist: ${stale.join(', ')}`);
  });

  for (const c of CASES) {
    test(c.route, async () => {
      for (const who of WHO) {
        const client = c.ownSession ? await t.as(who) : clients.get(who)!;
        const allowed = c.allowed.includes(who);

        // in scope: allowed roles succeed, the others are refused
        const req = await c.inScope(f, who);
        const before = allowed ? '' : await snapshot(t.database.db);
        const res = await client.request(req.method, req.url, req.body, req.headers);
        const okCodes = c.ok ?? [200, 201, 204];
        if (allowed) {
          assert.ok(okCodes.includes(res.statusCode), `${who} ${req.method} ${req.url}: expected ${okCodes}, got ${res.statusCode} ${res.body.slice(0, 300)}`);
        } else {
          assert.ok(REFUSED.includes(res.statusCode), `${who} ${req.method} ${req.url}: expected refusal, got ${res.statusCode} ${res.body.slice(0, 300)}`);
          if (req.method !== 'GET') assert.equal(await snapshot(t.database.db), before, `${who} ${req.url}: refused write changed data`);
        }
        if (!COUNTRY_WIDE.has(who)) {
          const leaked = leaks(res.body);
          assert.equal(leaked, undefined, `${who} ${req.method} ${req.url} leaked «${leaked}»`);
        }

        // out of scope: refused for everyone whose territory does not include it, and nothing changes
        if (c.outOfScope) {
          const outReq = await c.outOfScope(f, who);
          if (COUNTRY_WIDE.has(who)) {
            const outRes = await client.request(outReq.method, outReq.url, outReq.body, outReq.headers);
            if (allowed) assert.ok(okCodes.includes(outRes.statusCode), `${who} ${outReq.url}: got ${outRes.statusCode} ${outRes.body.slice(0, 300)}`);
            continue;
          }
          const snap = await snapshot(t.database.db);
          const outRes = await client.request(outReq.method, outReq.url, outReq.body, outReq.headers);
          const refused = allowed && c.outRefused ? c.outRefused : REFUSED;
          assert.ok(
            refused.includes(outRes.statusCode),
            `${who} ${outReq.method} ${outReq.url} (out of scope): expected ${refused}, got ${outRes.statusCode} ${outRes.body.slice(0, 300)}`,
          );
          assert.equal(leaks(outRes.body), undefined, `${who} ${outReq.url} leaked data in its refusal`);
          assert.equal(await snapshot(t.database.db), snap, `${who} ${outReq.method} ${outReq.url}: out-of-scope request changed data`);
        }
      }
    });
  }
});
