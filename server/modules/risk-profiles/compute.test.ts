// computeCampaignProfiles over a large campaign: several batches of schools, answers grouped per school correctly.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { respondentLinks, riskProfiles, schools, surveyResponses } from '../../db/schema.js';
import { createTestApp, type TestContext } from '../../test/harness.js';
import { demoIds, type DemoIds } from '../roadmaps/test-support.js';
import { computeCampaignProfiles } from './compute.js';
import { addSchools, CALM_DIRECTOR, insertCampaign } from './test-support.js';

const SCHOOLS = 400;

describe('computeCampaignProfiles', () => {
  let t: TestContext;
  let ids: DemoIds;

  before(async () => {
    t = await createTestApp();
    ids = await demoIds(t.database.db);
  });
  after(() => t.close());

  test(`${SCHOOLS} schools: every school gets its own answers, in batches`, async () => {
    const db = t.database.db;
    const made = await db
      .insert(schools)
      .values(
        Array.from({ length: SCHOOLS }, (_, i) => ({
          regionId: ids.regionId,
          municipalityId: ids.kromyId,
          code: `bulk-${i}`,
          fullName: `Школа ${i}`,
          shortName: `Школа ${i}`,
          locality: 'rural' as const,
        })),
      )
      .returning({ id: schools.id });
    const campaignId = await insertCampaign(db, { cycleId: ids.cycleId, regionId: ids.regionId });
    await addSchools(db, campaignId, made.map((s) => ({ schoolId: s.id })));
    const links = await db
      .insert(respondentLinks)
      .values(made.map((s) => ({ campaignId, schoolId: s.id, instrument: 'director' as const, code: randomBytes(8).toString('hex'), maxResponses: 3 })))
      .returning({ id: respondentLinks.id, schoolId: respondentLinks.schoolId });
    // even schools: internet «no» on top of calm answers → low_equipment: (1 + 0 + 0 + 0) / 4 = 0.25 → low;
    // odd schools: calm → none
    const responses = links.map((l, i) => ({
      linkId: l.id,
      campaignId,
      schoolId: l.schoolId,
      instrument: 'director' as const,
      instrumentVersion: 1,
      answers: i % 2 === 0 ? { ...CALM_DIRECTOR, d_internet: 'no' } : CALM_DIRECTOR,
      status: 'submitted' as const,
      tokenHash: randomBytes(16).toString('hex'),
    }));
    for (let i = 0; i < responses.length; i += 500) await db.insert(surveyResponses).values(responses.slice(i, i + 500));

    // speed is measured in bench/surveys.bench.ts, not here
    const result = await db.transaction((tx) => computeCampaignProfiles(tx, campaignId));
    assert.deepEqual(result, { computed: SCHOOLS });

    const rows = await db.select().from(riskProfiles).where(eq(riskProfiles.campaignId, campaignId));
    assert.equal(rows.length, SCHOOLS);
    const order = new Map(made.map((s, i) => [s.id, i]));
    for (const r of rows) {
      const i = order.get(r.schoolId)!;
      const factors = (r.result as { factors: { code: string; level: string }[] }).factors;
      assert.equal(factors.find((f) => f.code === 'low_equipment')!.level, i % 2 === 0 ? 'low' : 'none', `school ${i}`);
      assert.deepEqual(r.answerCounts, { director: 1, teachers: 0, students6: 0, students9: 0, parents: 0 });
      assert.equal(r.verification, 'pending');
    }

    // a subset recomputes only those schools; an empty subset computes nothing
    const some = made.slice(0, 3).map((s) => s.id);
    assert.deepEqual(await computeCampaignProfiles(db, campaignId, [...some, some[0]!]), { computed: 3 });
    assert.deepEqual(await computeCampaignProfiles(db, campaignId, []), { computed: 0 });
  });
});
