// The contract holds: every API route names its access (the permission table) and declares its answers,
// and the committed docs/openapi.json and web/shared/api-schema.ts are what the code generates now.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isAction } from '../../domain/access/permissions.js';
import { createTestApp, type TestContext } from './harness.js';
import { PENDING_CONTRACT_ROUTES } from './contract-pending.js';
import { committedContract, generateContract } from './openapi.js';

let t: TestContext;
before(async () => {
  t = await createTestApp({ demo: false });
});
after(() => t.close());

const pending = new Set(PENDING_CONTRACT_ROUTES);
const onContract = () => t.services.routeTable.filter((r) => !pending.has(r.route));

test('every route declares who may call it: an action of the permission table, signedIn or public', () => {
  const bad = onContract().filter((r) => !r.access || !(r.access === 'public' || r.access === 'signedIn' || isAction(r.access)));
  assert.deepEqual(bad.map((r) => r.route), []);
});

test('every route declares the schema of its successful answer', () => {
  const bad = onContract().filter((r) => !r.responses.some((status) => /^2\d\d$/.test(status)));
  assert.deepEqual(bad.map((r) => r.route), []);
});

test('the pending list only names routes that exist and still lack the contract', () => {
  const byRoute = new Map(t.services.routeTable.map((r) => [r.route, r]));
  const stale = PENDING_CONTRACT_ROUTES.filter((route) => {
    const r = byRoute.get(route);
    return !r || (r.access !== undefined && r.responses.some((status) => /^2\d\d$/.test(status)));
  });
  assert.deepEqual(stale, [], 'remove converted or deleted routes from server/test/contract-pending.ts');
});

test('docs/openapi.json and web/shared/api-schema.ts are current (npm run openapi)', async () => {
  const fresh = await generateContract();
  const committed = committedContract();
  assert.ok(committed.doc === fresh.doc, 'docs/openapi.json is stale: run `npm run openapi`');
  assert.ok(committed.types === fresh.types, 'web/shared/api-schema.ts is stale: run `npm run openapi`');
});

test('the document is served at /api/openapi.json and the docs page at /api/docs without a session', async () => {
  const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(doc.statusCode, 200);
  assert.equal(JSON.parse(doc.body).openapi, '3.1.0');
  const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /swagger/i);
});
