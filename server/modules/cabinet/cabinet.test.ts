import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { curatorAssignments, roadmaps, schools } from '../../db/schema.js';
import { setToday } from '../monitoring/clock.js';
import { createTestApp, type TestContext } from '../../test/harness.js';

describe('cabinet', () => {
  let t: TestContext;
  before(async () => {
    setToday('2026-07-10');
    t = await createTestApp();
  });
  after(async () => {
    setToday(null);
    await t.close();
  });

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
    // the demo: two Kromy activities marked done wait for the region's confirmation; stage 1 (30.06) is measured
    // and the region has not submitted its report; some activities are late
    assert.deepEqual(
      body.nextSteps.map((s: { key: string }) => s.key),
      ['marks-to-confirm', 'report-to-submit', 'overdue', 'never-logged-in'],
    );
    const confirm = body.nextSteps[0];
    const [kromyRoadmap] = await t.database.db.select().from(roadmaps).where(eq(roadmaps.level, 'municipal'));
    assert.deepEqual([confirm.count, confirm.link], [2, `/roadmaps/${kromyRoadmap!.id}`]);
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
    const step = body.nextSteps.find((s: { key: string }) => s.key === 'assign-curators');
    assert.equal(step.link, `/cycles/${body.cycle.id}`);
    assert.ok(body.nextSteps.some((s: { key: string }) => s.key === 'report-to-submit'), 'Kromy has its stage report to submit');
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
