// Authorization matrix rows for dashboards and reports (docs/reports-api.md). Dashboard: everyone, for their own
// territory by default; another region → 404 (country-wide roles see it). Territory reports: coordinators, observers,
// experts, federal, admin — for a territory inside their own (the municipal coordinator: its municipality); schools
// and curators → 403. School PDF: everyone whose territory contains the school (school1's school, curated by curator1).
import type { Case, Req, Who } from './cases.js';

const EVERYONE: Who[] = ['admin', 'fed', 'expert', 'region57', 'observer57', 'mo-kromy', 'curator1', 'school1'];
const REPORTERS: Who[] = ['admin', 'fed', 'expert', 'region57', 'observer57', 'mo-kromy'];

const get = (url: string): Req => ({ method: 'GET', url });

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
    route: 'GET /api/reports/school/:schoolId/pdf',
    allowed: EVERYONE,
    inScope: (f) => get(`/api/reports/school/${f.in.schoolId}/pdf?cycleId=${f.cycleId}`),
    outOfScope: (f) => get(`/api/reports/school/${f.out.schoolId}/pdf?cycleId=${f.cycleId}`),
  },
];
