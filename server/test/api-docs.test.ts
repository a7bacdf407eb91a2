// docs/api.md (with docs/roadmaps-api.md docs/surveys-api.md, docs/documents-api.md, docs/reports-api.md, docs/notifications-api.md) must name every API route the server registers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { createTestApp, type TestContext } from './harness.js';

let t: TestContext;
before(async () => {
  t = await createTestApp({ demo: false });
});
after(() => t.close());

test('every route is documented', () => {
  const docs = ['../../docs/api.md', '../../docs/roadmaps-api.md', '../../docs/surveys-api.md', '../../docs/documents-api.md', '../../docs/reports-api.md', '../../docs/notifications-api.md']
    .map((p) => readFileSync(new URL(p, import.meta.url), 'utf8'))
    .join('\n');
  const missing = t.services.routes.filter((route) => !docs.includes(`\`${route}\``) && !docs.includes(`\`${route} `));
  assert.deepEqual(missing, []);
});
