// Authorization matrix rows for the risk-profiles routes (docs/surveys-api.md, «Who may do what»).
// In scope = campaigns of the demo region and the profile of school1's school (curated by curator1);
// out of scope = the closed region's. The campaigns live in a cycle of their own, so the surveys rows
// may create the demo region's campaign of the 2026 cycle without a conflict.
import { eq } from 'drizzle-orm';
import { FACTOR_CODES, FACTOR_NAMES } from '../../../domain/surveys/index.js';
import { campaignSchools, curatorAssignments, cycles, cycleSchools, riskProfiles, surveyCampaigns } from '../../db/schema.js';
import type { Case, Req, Who } from './cases.js';
import type { Fixtures } from './fixtures.js';

const EVERYONE: Who[] = ['admin', 'fed', 'expert', 'region57', 'observer57', 'mo-kromy', 'curator1', 'school1'];
/** Owners of a regional campaign. */
const OWNERS: Who[] = ['admin', 'fed', 'region57'];
/** The school's curator in the cycle, and the administrator. */
const VERIFIERS: Who[] = ['admin', 'curator1'];
/** The school, its curator, the administrator. */
const ACTIVATORS: Who[] = ['admin', 'curator1', 'school1'];

const get = (url: string): Req => ({ method: 'GET', url });

/** A stored profile: «Низкий уровень оснащения» at high risk, every other factor without risk. */
const RESULT = {
  methodologyVersion: 1,
  factors: FACTOR_CODES.map((code) => ({
    code,
    name: FACTOR_NAMES[code],
    level: code === 'low_equipment' ? 'high' : 'none',
    score: code === 'low_equipment' ? 0.8 : 0,
    preliminary: false,
    indicators: [],
    explanation: code === 'low_equipment' ? 'Высокий риск: 0,80 ≥ порога 0,6.' : 'Риск не выявлен: 0,00 < порога низкого риска 0,2.',
  })),
  summary: { high: 1, medium: 0, low: 0, none: 9, unknown: 0 },
};

interface Shared {
  /** Campaigns with a profile each (region 57: school1's school; region 99: the closed school). */
  inCampaign: number;
  outCampaign: number;
  inProfile: number;
  outProfile: number;
  /** Campaigns only the compute row recomputes (it resets verification). */
  inCompute: number;
  outCompute: number;
}

const shared = new WeakMap<Fixtures, Promise<Shared>>();

function sharedOf(f: Fixtures): Promise<Shared> {
  let made = shared.get(f);
  if (!made) {
    made = (async () => {
      const [cycle] = await f.db.insert(cycles).values({ year: 2090, title: 'Проект 500+ — проверка прав на профили', status: 'active' }).returning();
      const cycleId = cycle!.id;
      await f.db.insert(cycleSchools).values([
        { cycleId, schoolId: f.in.schoolId },
        { cycleId, schoolId: f.out.schoolId },
      ]);
      await f.db.insert(curatorAssignments).values([
        { cycleId, schoolId: f.in.schoolId, curatorId: f.in.curatorId },
        { cycleId, schoolId: f.out.schoolId, curatorId: f.out.curatorId },
      ]);
      const campaign = async (regionId: number, schoolId: number, title: string) => {
        const [row] = await f.db
          .insert(surveyCampaigns)
          .values({
            cycleId,
            regionId,
            title,
            opensOn: '2090-03-01',
            closesOn: '2090-03-31',
            closedAt: new Date(),
            methodologyVersion: 1,
            instrumentVersions: { director: 1, teachers: 1, students6: 1, students9: 1, parents: 1, curator_candidate: 1 },
          })
          .returning();
        await f.db.insert(campaignSchools).values({ campaignId: row!.id, schoolId, teachers: 10, students6: 20, students9: 20 });
        return row!.id;
      };
      const profile = async (campaignId: number, schoolId: number) => {
        const [row] = await f.db
          .insert(riskProfiles)
          .values({ campaignId, schoolId, methodologyVersion: 1, result: RESULT, answerCounts: { director: 1, teachers: 0, students6: 0, students9: 0, parents: 0 } })
          .returning();
        return row!.id;
      };
      const inCampaign = await campaign(f.in.regionId, f.in.schoolId, 'Анкетирование для проверки прав');
      const outCampaign = await campaign(f.out.regionId, f.out.schoolId, 'Анкетирование закрытой области');
      return {
        inCampaign,
        outCampaign,
        inProfile: await profile(inCampaign, f.in.schoolId),
        outProfile: await profile(outCampaign, f.out.schoolId),
        inCompute: await campaign(f.in.regionId, f.in.schoolId, 'Анкетирование для проверки расчёта'),
        outCompute: await campaign(f.out.regionId, f.out.schoolId, 'Расчёт закрытой области'),
      };
    })();
    shared.set(f, made);
  }
  return made;
}

/** Activation needs a verified profile (a verify row may have run before, or not). */
async function verified(f: Fixtures, id: number): Promise<number> {
  await f.db.update(riskProfiles).set({ verification: 'verified', verifiedAt: new Date() }).where(eq(riskProfiles.id, id));
  return id;
}

const compute = (campaignId: number): Req => ({ method: 'POST', url: '/api/risk-profiles/compute', body: { campaignId } });
const verify = (id: number): Req => ({ method: 'POST', url: `/api/risk-profiles/${id}/verify`, body: { decision: 'verified', comment: 'Проверено' } });
const directions = (id: number): Req => ({ method: 'PUT', url: `/api/risk-profiles/${id}/directions`, body: { factors: ['low_equipment'] } });

export const RISK_PROFILE_CASES: Case[] = [
  {
    route: 'POST /api/risk-profiles/compute',
    allowed: OWNERS,
    inScope: async (f) => compute((await sharedOf(f)).inCompute),
    outOfScope: async (f) => compute((await sharedOf(f)).outCompute),
  },
  {
    route: 'GET /api/risk-profiles',
    allowed: EVERYONE,
    inScope: async (f) => get(`/api/risk-profiles?campaignId=${(await sharedOf(f)).inCampaign}`),
    outOfScope: async (f) => get(`/api/risk-profiles?campaignId=${(await sharedOf(f)).outCampaign}`),
  },
  {
    route: 'GET /api/risk-profiles/aggregate',
    allowed: EVERYONE,
    inScope: async (f) => get(`/api/risk-profiles/aggregate?campaignId=${(await sharedOf(f)).inCampaign}`),
    outOfScope: async (f) => get(`/api/risk-profiles/aggregate?campaignId=${(await sharedOf(f)).outCampaign}`),
  },
  {
    route: 'GET /api/risk-profiles/export',
    allowed: EVERYONE,
    inScope: async (f) => get(`/api/risk-profiles/export?campaignId=${(await sharedOf(f)).inCampaign}`),
    outOfScope: async (f) => get(`/api/risk-profiles/export?campaignId=${(await sharedOf(f)).outCampaign}`),
  },
  {
    route: 'GET /api/risk-profiles/:id',
    allowed: EVERYONE,
    inScope: async (f) => get(`/api/risk-profiles/${(await sharedOf(f)).inProfile}`),
    outOfScope: async (f) => get(`/api/risk-profiles/${(await sharedOf(f)).outProfile}`),
  },
  {
    route: 'POST /api/risk-profiles/:id/verify',
    allowed: VERIFIERS,
    inScope: async (f) => verify((await sharedOf(f)).inProfile),
    outOfScope: async (f) => verify((await sharedOf(f)).outProfile),
  },
  {
    route: 'PUT /api/risk-profiles/:id/directions',
    allowed: ACTIVATORS,
    inScope: async (f) => directions(await verified(f, (await sharedOf(f)).inProfile)),
    outOfScope: async (f) => directions(await verified(f, (await sharedOf(f)).outProfile)),
  },
];
