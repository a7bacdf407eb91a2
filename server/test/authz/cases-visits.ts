// Authorization matrix rows for the visits routes (docs/documents-api.md, «Curator visits»). In scope = school1's
// school (curated by curator1), out of scope = the closed region's school (curated by closed-curator). Everyone reads
// inside their territory; the school's curator (own visits) and the administrator write.
import { curatorVisits } from '../../db/schema.js';
import type { Case, Req, Who } from './cases.js';
import type { Fixtures } from './fixtures.js';

const EVERYONE: Who[] = ['admin', 'fed', 'expert', 'region57', 'observer57', 'mo-kromy', 'curator1', 'school1'];
const WRITERS: Who[] = ['admin', 'curator1'];

const get = (url: string): Req => ({ method: 'GET', url });
const body = { visitedOn: '2026-03-02', format: 'onsite', notes: 'Проверка прав' };

/** A fresh visit by the school's own curator (curator1 in scope, closed-curator out of scope). */
async function freshVisit(f: Fixtures, out: boolean): Promise<number> {
  const [row] = await f.db
    .insert(curatorVisits)
    .values({
      cycleId: f.cycleId,
      schoolId: out ? f.out.schoolId : f.in.schoolId,
      curatorId: out ? f.out.curatorId : f.in.curatorId,
      visitedOn: '2026-02-10',
      format: 'online',
      notes: '',
    })
    .returning();
  return row!.id;
}

export const VISIT_CASES: Case[] = [
  {
    route: 'GET /api/visits',
    allowed: EVERYONE,
    inScope: (f) => get(`/api/visits?cycleId=${f.cycleId}`),
    outOfScope: (f) => get(`/api/visits?cycleId=${f.cycleId}&regionId=${f.out.regionId}`),
  },
  {
    route: 'GET /api/visits/schools/:schoolId',
    allowed: EVERYONE,
    inScope: (f) => get(`/api/visits/schools/${f.in.schoolId}?cycleId=${f.cycleId}`),
    outOfScope: (f) => get(`/api/visits/schools/${f.out.schoolId}?cycleId=${f.cycleId}`),
  },
  {
    route: 'POST /api/visits',
    allowed: WRITERS,
    inScope: (f) => ({ method: 'POST', url: '/api/visits', body: { cycleId: f.cycleId, schoolId: f.in.schoolId, ...body } }),
    outOfScope: (f) => ({ method: 'POST', url: '/api/visits', body: { cycleId: f.cycleId, schoolId: f.out.schoolId, ...body } }),
  },
  {
    route: 'PUT /api/visits/:id',
    allowed: WRITERS,
    inScope: async (f) => ({ method: 'PUT', url: `/api/visits/${await freshVisit(f, false)}`, body }),
    outOfScope: async (f) => ({ method: 'PUT', url: `/api/visits/${await freshVisit(f, true)}`, body }),
  },
  {
    route: 'DELETE /api/visits/:id',
    allowed: WRITERS,
    inScope: async (f) => ({ method: 'DELETE', url: `/api/visits/${await freshVisit(f, false)}` }),
    outOfScope: async (f) => ({ method: 'DELETE', url: `/api/visits/${await freshVisit(f, true)}` }),
  },
];
