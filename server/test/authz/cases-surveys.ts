// Authorization matrix rows for the surveys routes (docs/surveys-api.md, «Who may do what»). In scope = a campaign
// of the demo region over school1's school (curated by curator1); out of scope = a campaign of the closed region over
// its school. Campaigns live in cycles of their own (one campaign per cycle and region), made through the service.
import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../../domain/access/policy.js';
import { DEFAULT_METHODOLOGY, moscowDate } from '../../../domain/surveys/index.js';
import { curatorAssignments, cycles, cycleSchools, respondentLinks, users } from '../../db/schema.js';
import { SurveysService } from '../../modules/surveys/service.js';
import type { Case, Req, Who } from './cases.js';
import type { Fixtures } from './fixtures.js';

const EVERYONE: Who[] = ['admin', 'fed', 'expert', 'region57', 'observer57', 'mo-kromy', 'curator1', 'school1'];
/** Open / edit / close a regional campaign. */
const OWNERS: Who[] = ['admin', 'fed', 'region57'];
/** School facts: the school, its curator, coordinators above, admin. */
const FACTS: Who[] = ['admin', 'fed', 'region57', 'mo-kromy', 'curator1', 'school1'];
/** Rotating a code: the school, coordinators above, admin (not the curator). */
const ROTATE: Who[] = ['admin', 'fed', 'region57', 'mo-kromy', 'school1'];

const get = (url: string): Req => ({ method: 'GET', url });
const DAY = 24 * 3600 * 1000;
const day = (offset: number) => moscowDate(new Date(Date.now() + offset * DAY));

/** Years of the matrix's own cycles (far from the demo's and the other rows'). */
let nextYear = 3001;

/** A fresh cycle with one selected school (its curator assigned), for a campaign of the school's region. */
async function freshCycle(f: Fixtures, out: boolean): Promise<number> {
  const [cycle] = await f.db.insert(cycles).values({ year: nextYear++, title: 'Проект 500+ — проверка прав на анкетирование', status: 'active' }).returning();
  const schoolId = out ? f.out.schoolId : f.in.schoolId;
  await f.db.insert(cycleSchools).values({ cycleId: cycle!.id, schoolId });
  await f.db.insert(curatorAssignments).values({ cycleId: cycle!.id, schoolId, curatorId: out ? f.out.curatorId : f.in.curatorId });
  return cycle!.id;
}

/** An open campaign made through the service by the administrator. */
async function makeCampaign(f: Fixtures, out: boolean): Promise<number> {
  const cycleId = await freshCycle(f, out);
  const [adminUser] = await f.db.select().from(users).where(eq(users.login, 'admin'));
  const actor: Actor = { userId: adminUser!.id, role: 'admin', regionId: null, municipalityId: null, schoolId: null, curatedSchools: [] };
  const { campaign } = await new SurveysService(f.db).create(actor, { userId: adminUser!.id, login: 'admin' }, {
    cycleId,
    regionId: out ? f.out.regionId : f.in.regionId,
    title: `Анкетирование для проверки прав ${f.next()}`,
    opensOn: day(-1),
    closesOn: day(30),
  });
  return campaign.id;
}

const shared = new WeakMap<Fixtures, Promise<{ inCampaign: number; outCampaign: number }>>();
function sharedOf(f: Fixtures) {
  let made = shared.get(f);
  if (!made) {
    made = (async () => ({ inCampaign: await makeCampaign(f, false), outCampaign: await makeCampaign(f, true) }))();
    shared.set(f, made);
  }
  return made;
}

/** The current teachers' code of the school in the shared campaign. */
async function codeOf(f: Fixtures, out: boolean): Promise<string> {
  const s = await sharedOf(f);
  const [link] = await f.db
    .select()
    .from(respondentLinks)
    .where(
      and(
        eq(respondentLinks.campaignId, out ? s.outCampaign : s.inCampaign),
        eq(respondentLinks.schoolId, out ? f.out.schoolId : f.in.schoolId),
        eq(respondentLinks.instrument, 'teachers'),
        isNull(respondentLinks.revokedAt),
      ),
    );
  return link!.code;
}

const schoolUrl = async (f: Fixtures, out: boolean) => {
  const s = await sharedOf(f);
  return `/api/surveys/campaigns/${out ? s.outCampaign : s.inCampaign}/schools/${out ? f.out.schoolId : f.in.schoolId}`;
};

const createBody = async (f: Fixtures, out: boolean) => ({
  cycleId: await freshCycle(f, out),
  regionId: out ? f.out.regionId : f.in.regionId,
  title: `Новая кампания ${f.next()}`,
  opensOn: day(-1),
  closesOn: day(30),
});

const FACTS_BODY = { teachers: 20, students6: 25, students9: 22, parents: null };

export const SURVEY_CASES: Case[] = [
  { route: 'GET /api/surveys/instruments', allowed: EVERYONE, inScope: () => get('/api/surveys/instruments') },
  { route: 'GET /api/surveys/instruments/:code', allowed: EVERYONE, inScope: () => get('/api/surveys/instruments/teachers') },
  { route: 'GET /api/surveys/methodology', allowed: EVERYONE, inScope: () => get('/api/surveys/methodology') },
  {
    route: 'POST /api/surveys/methodology',
    allowed: ['admin', 'fed'],
    inScope: (f) => ({ method: 'POST', url: '/api/surveys/methodology', body: { title: `Методика ${f.next()}`, definition: DEFAULT_METHODOLOGY } }),
  },
  {
    route: 'GET /api/surveys/campaigns',
    allowed: EVERYONE,
    inScope: async (f) => {
      await sharedOf(f); // the closed region's campaign exists and must not show
      return get('/api/surveys/campaigns');
    },
  },
  {
    route: 'POST /api/surveys/campaigns',
    allowed: OWNERS,
    inScope: async (f) => ({ method: 'POST', url: '/api/surveys/campaigns', body: await createBody(f, false) }),
    outOfScope: async (f) => ({ method: 'POST', url: '/api/surveys/campaigns', body: await createBody(f, true) }),
  },
  {
    route: 'GET /api/surveys/campaigns/:id',
    allowed: EVERYONE,
    inScope: async (f) => get(`/api/surveys/campaigns/${(await sharedOf(f)).inCampaign}`),
    outOfScope: async (f) => get(`/api/surveys/campaigns/${(await sharedOf(f)).outCampaign}`),
  },
  {
    route: 'PATCH /api/surveys/campaigns/:id',
    allowed: OWNERS,
    inScope: async (f) => ({ method: 'PATCH', url: `/api/surveys/campaigns/${await makeCampaign(f, false)}`, body: { version: 1, title: `Изменённая кампания ${f.next()}` } }),
    outOfScope: async (f) => ({ method: 'PATCH', url: `/api/surveys/campaigns/${await makeCampaign(f, true)}`, body: { version: 1, title: `Изменённая кампания ${f.next()}` } }),
  },
  {
    route: 'POST /api/surveys/campaigns/:id/close',
    allowed: OWNERS,
    inScope: async (f) => ({ method: 'POST', url: `/api/surveys/campaigns/${await makeCampaign(f, false)}/close` }),
    outOfScope: async (f) => ({ method: 'POST', url: `/api/surveys/campaigns/${await makeCampaign(f, true)}/close` }),
  },
  {
    route: 'GET /api/surveys/campaigns/:id/schools/:schoolId',
    allowed: EVERYONE,
    inScope: async (f) => get(await schoolUrl(f, false)),
    outOfScope: async (f) => get(await schoolUrl(f, true)),
  },
  {
    route: 'PUT /api/surveys/campaigns/:id/schools/:schoolId/facts',
    allowed: FACTS,
    inScope: async (f) => ({ method: 'PUT', url: `${await schoolUrl(f, false)}/facts`, body: FACTS_BODY }),
    outOfScope: async (f) => ({ method: 'PUT', url: `${await schoolUrl(f, true)}/facts`, body: FACTS_BODY }),
  },
  {
    route: 'POST /api/surveys/campaigns/:id/schools/:schoolId/links/:instrument/rotate',
    allowed: ROTATE,
    inScope: async (f) => ({ method: 'POST', url: `${await schoolUrl(f, false)}/links/director/rotate` }),
    outOfScope: async (f) => ({ method: 'POST', url: `${await schoolUrl(f, true)}/links/director/rotate` }),
  },
  // answering: public, anyone holding a code (the session, if any, plays no part)
  { route: 'GET /api/respond/:code', allowed: EVERYONE, inScope: async (f) => get(`/api/respond/${await codeOf(f, false)}`) },
  {
    route: 'PUT /api/respond/:code',
    allowed: EVERYONE,
    inScope: async (f) => ({ method: 'PUT', url: `/api/respond/${await codeOf(f, false)}`, body: { answers: { t_load: '1' }, complete: false } }),
  },
];
