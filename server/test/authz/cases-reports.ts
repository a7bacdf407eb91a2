// Authorization matrix rows for dashboards and reports (docs/reports-api.md). Dashboard: everyone, for their own
// territory by default; another region → 404 (country-wide roles see it). Territory reports: coordinators, observers,
// experts, federal, admin — for a territory inside their own (the municipal coordinator: its municipality); schools
// and curators → 403. School PDF: everyone whose territory contains the school (school1's school, curated by curator1).
// Background runs: started like the territory reports; a run is its requester's (someone else's → 404).
import { eq } from 'drizzle-orm';
import { reportRuns, users } from '../../db/schema.js';
import type { Case, Req, Who } from './cases.js';
import type { Fixtures } from './fixtures.js';

const EVERYONE: Who[] = ['admin', 'fed', 'expert', 'region57', 'observer57', 'mo-kromy', 'curator1', 'school1'];
const COUNTRY_WIDE: Who[] = ['admin', 'fed', 'expert'];
const REPORTERS: Who[] = ['admin', 'fed', 'expert', 'region57', 'observer57', 'mo-kromy'];

const get = (url: string): Req => ({ method: 'GET', url });

/** A finished run of the account `who` (logins of the matrix are the accounts' logins). */
async function ownRun(f: Fixtures, who: Who): Promise<number> {
  const [user] = await f.db.select({ id: users.id }).from(users).where(eq(users.login, who));
  const [row] = await f.db
    .insert(reportRuns)
    .values({ kind: 'stage', params: { kind: 'stage', format: 'xlsx', cycleId: f.cycleId }, requestedBy: user!.id, status: 'failed', message: 'Проверка прав' })
    .returning({ id: reportRuns.id });
  return row!.id;
}

/** A run of an account outside every matrix login's territory. */
async function othersRun(f: Fixtures): Promise<number> {
  const [row] = await f.db
    .insert(reportRuns)
    .values({ kind: 'year', params: { kind: 'year', format: 'xlsx', cycleId: f.cycleId }, requestedBy: f.out.userId, status: 'failed', message: 'Проверка прав' })
    .returning({ id: reportRuns.id });
  return row!.id;
}

export const REPORT_CASES: Case[] = [
  {
    route: 'GET /api/dashboard',
    allowed: EVERYONE,
    inScope: (f) => get(`/api/dashboard?cycleId=${f.cycleId}`),
    outOfScope: (f) => get(`/api/dashboard?cycleId=${f.cycleId}&regionId=${f.out.regionId}`),
  },
  {
    route: 'GET /api/reports/stage',
    allowed: REPORTERS,
    inScope: (f, who) =>
      get(`/api/reports/stage?cycleId=${f.cycleId}&${who === 'mo-kromy' ? `municipalityId=${f.in.municipalityId}` : `regionId=${f.in.regionId}`}&format=xlsx`),
    outOfScope: (f) => get(`/api/reports/stage?cycleId=${f.cycleId}&regionId=${f.out.regionId}&format=xlsx`),
  },
  {
    route: 'GET /api/reports/year',
    allowed: REPORTERS,
    inScope: (f, who) =>
      get(`/api/reports/year?cycleId=${f.cycleId}&${who === 'mo-kromy' ? `municipalityId=${f.in.municipalityId}` : `regionId=${f.in.regionId}`}&format=docx`),
    outOfScope: (f) => get(`/api/reports/year?cycleId=${f.cycleId}&municipalityId=${f.out.municipalityId}&format=docx`),
  },
  {
    route: 'POST /api/reports/runs',
    allowed: REPORTERS,
    ok: [202],
    inScope: (f, who) => ({
      method: 'POST',
      url: '/api/reports/runs',
      body: { kind: 'stage', format: 'xlsx', cycleId: f.cycleId, ...(who === 'mo-kromy' ? { municipalityId: f.in.municipalityId } : { regionId: f.in.regionId }) },
    }),
    outOfScope: (f) => ({ method: 'POST', url: '/api/reports/runs', body: { kind: 'year', format: 'docx', cycleId: f.cycleId, regionId: f.out.regionId } }),
  },
  { route: 'GET /api/reports/runs', allowed: EVERYONE, inScope: () => get('/api/reports/runs') },
  {
    route: 'GET /api/reports/runs/:id',
    allowed: EVERYONE,
    inScope: async (f, who) => get(`/api/reports/runs/${await ownRun(f, who)}`),
    // someone else's run is not found; country-wide accounts have no "outside" — they read their own again
    outOfScope: async (f, who) => get(`/api/reports/runs/${COUNTRY_WIDE.includes(who) ? await ownRun(f, who) : await othersRun(f)}`),
  },
  {
    route: 'GET /api/reports/school/:schoolId/pdf',
    allowed: EVERYONE,
    inScope: (f) => get(`/api/reports/school/${f.in.schoolId}/pdf?cycleId=${f.cycleId}`),
    outOfScope: (f) => get(`/api/reports/school/${f.out.schoolId}/pdf?cycleId=${f.cycleId}`),
  },
];
