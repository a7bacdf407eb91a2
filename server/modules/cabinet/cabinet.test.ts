import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { curatorAssignments, schools } from '../../db/schema.js';
import { createTestApp, type TestContext } from '../../test/harness.js';

describe('cabinet', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('regional coordinator sees the region, its counts and the accounts never used', async () => {
    const c = await t.as('region57');
    const res = await c.get('/api/cabinet');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.territory.label, 'Орловская область');
    assert.equal(body.cycle.year, 2026);
    assert.deepEqual(
      [body.counts.municipalities, body.counts.schools, body.counts.cycleSchools, body.counts.schoolsWithoutCurator],
      [3, 12, 12, 0],
    );
    // everyone in the region except region57 itself (which just logged in): observer, 3 MO, 12 schools, 12 curators
    assert.equal(body.counts.accountsNeverLoggedIn, 28);
    assert.deepEqual(
      body.nextSteps.map((s: { key: string }) => s.key),
      ['never-logged-in'],
    );
  });

  test('a removed curator shows up as a step for the municipal coordinator', async () => {
    const [school] = await t.database.db.select().from(schools).where(eq(schools.code, '57-01-002'));
    await t.database.db
      .delete(curatorAssignments)
      .where(and(eq(curatorAssignments.schoolId, school!.id)));
    const c = await t.as('mo-kromy');
    const body = (await c.get('/api/cabinet')).json();
    assert.equal(body.territory.label, 'Кромской район');
    assert.equal(body.counts.schools, 4);
    assert.equal(body.counts.schoolsWithoutCurator, 1);
    assert.equal(body.nextSteps[0].key, 'assign-curators');
    assert.equal(body.nextSteps[0].link, `/cycles/${body.cycle.id}`);
  });

  test('a school sees its curator; a curator sees its schools', async () => {
    const s = (await (await t.as('school1')).get('/api/cabinet')).json();
    assert.equal(s.territory.label, 'МБОУ «Кромская СОШ №1»');
    assert.equal(s.curator.fullName, 'Иванова Мария Петровна');
    assert.equal(s.counts.schools, 1);
    assert.deepEqual(s.nextSteps, []);
    const k = (await (await t.as('curator5')).get('/api/cabinet')).json();
    assert.deepEqual(
      k.curatedSchools.map((x: { shortName: string }) => x.shortName),
      ['МБОУ «Ливенская СОШ №1»'],
    );
  });

  test('federal coordinator sees the whole country', async () => {
    const body = (await (await t.as('fed')).get('/api/cabinet')).json();
    assert.equal(body.territory.label, 'Российская Федерация');
    assert.equal(body.counts.regions, 1);
    assert.equal(body.counts.schools, 12);
  });
});
