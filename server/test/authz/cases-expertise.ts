// Authorization matrix rows for the expertise routes (docs/documents-api.md, «Federal selective expertise»).
// Samples and assignments: admin and the federal coordinator (an expert reads the samples they have reviews in).
// Reviews: the assigned expert fills them (admin too); a completed review is read by everyone whose territory contains
// the school. In scope = reviews of school1's school, out of scope = reviews of the closed region's school; the
// expert account 'expert' is the assigned one.
import { eq } from 'drizzle-orm';
import { expertiseReviews, expertiseSamples, users } from '../../db/schema.js';
import type { Case, Req, Who } from './cases.js';
import type { Fixtures } from './fixtures.js';

const EVERYONE: Who[] = ['admin', 'fed', 'expert', 'region57', 'observer57', 'mo-kromy', 'curator1', 'school1'];
const MANAGERS: Who[] = ['admin', 'fed'];

const get = (url: string): Req => ({ method: 'GET', url });

async function expertId(f: Fixtures): Promise<number> {
  const [row] = await f.db.select({ id: users.id }).from(users).where(eq(users.login, 'expert'));
  return row!.id;
}

/** A fresh sample with one review of the school, assigned to 'expert'. */
async function freshReview(f: Fixtures, out: boolean, status: 'in_progress' | 'completed' | 'assigned', assign = true): Promise<{ sampleId: number; reviewId: number }> {
  const [sample] = await f.db
    .insert(expertiseSamples)
    .values({ cycleId: f.cycleId, title: `Выборка для проверки прав ${f.next()}`, seed: 'authz', count: 1, stratifyByRegion: false, kinds: ['concept'] })
    .returning();
  const [review] = await f.db
    .insert(expertiseReviews)
    .values({
      sampleId: sample!.id,
      schoolId: out ? f.out.schoolId : f.in.schoolId,
      expertId: assign ? await expertId(f) : null,
      status,
      ...(status === 'completed'
        ? { conclusion: 'meets' as const, completedAt: new Date(), marks: { goals_match_risks: 'yes' } }
        : {}),
    })
    .returning();
  return { sampleId: sample!.id, reviewId: review!.id };
}

/** Completed reviews shared by the read-only rows, made once per fixture set. */
const shared = new WeakMap<Fixtures, Promise<{ in: { sampleId: number; reviewId: number }; out: { sampleId: number; reviewId: number } }>>();
function sharedOf(f: Fixtures) {
  let made = shared.get(f);
  if (!made) {
    made = (async () => ({ in: await freshReview(f, false, 'completed'), out: await freshReview(f, true, 'completed') }))();
    shared.set(f, made);
  }
  return made;
}

export const EXPERTISE_CASES: Case[] = [
  {
    route: 'GET /api/expertise/samples',
    allowed: ['admin', 'fed', 'expert'],
    inScope: async (f) => {
      await sharedOf(f);
      return get(`/api/expertise/samples?cycleId=${f.cycleId}`);
    },
  },
  {
    route: 'POST /api/expertise/samples',
    allowed: MANAGERS,
    inScope: (f) => ({
      method: 'POST',
      url: '/api/expertise/samples',
      body: { cycleId: f.cycleId, title: `Выборка ${f.next()}`, count: 2, seed: 'authz', stratifyByRegion: true, kinds: ['concept'] },
    }),
  },
  {
    route: 'GET /api/expertise/samples/:id',
    // the expert has a review in it
    allowed: ['admin', 'fed', 'expert'],
    inScope: async (f) => get(`/api/expertise/samples/${(await sharedOf(f)).in.sampleId}`),
  },
  {
    route: 'POST /api/expertise/samples/:id/assign',
    allowed: MANAGERS,
    inScope: async (f) => {
      const { sampleId, reviewId } = await freshReview(f, false, 'assigned', false);
      return { method: 'POST', url: `/api/expertise/samples/${sampleId}/assign`, body: { reviewIds: [reviewId], expertId: await expertId(f) } };
    },
  },
  {
    route: 'GET /api/expertise/reviews',
    // an expert their own, the others completed reviews in their territory
    allowed: EVERYONE,
    inScope: async (f) => {
      await sharedOf(f);
      return get(`/api/expertise/reviews?cycleId=${f.cycleId}`);
    },
  },
  {
    route: 'GET /api/expertise/reviews/:id',
    allowed: EVERYONE,
    inScope: async (f) => get(`/api/expertise/reviews/${(await sharedOf(f)).in.reviewId}`),
    outOfScope: async (f) => get(`/api/expertise/reviews/${(await sharedOf(f)).out.reviewId}`),
  },
  {
    route: 'PUT /api/expertise/reviews/:id',
    // saving marks of a review in progress: the assigned expert and the administrator
    allowed: ['admin', 'expert'],
    inScope: async (f) => ({
      method: 'PUT',
      url: `/api/expertise/reviews/${(await freshReview(f, false, 'in_progress')).reviewId}`,
      body: { version: 1, marks: { goals_match_risks: 'yes' }, comment: '' },
    }),
    outOfScope: async (f) => ({
      method: 'PUT',
      url: `/api/expertise/reviews/${(await freshReview(f, true, 'in_progress')).reviewId}`,
      body: { version: 1, marks: { goals_match_risks: 'yes' }, comment: '' },
    }),
  },
  {
    route: 'GET /api/expertise/schools/:schoolId',
    allowed: EVERYONE,
    inScope: async (f) => {
      await sharedOf(f);
      return get(`/api/expertise/schools/${f.in.schoolId}?cycleId=${f.cycleId}`);
    },
    outOfScope: async (f) => {
      await sharedOf(f);
      return get(`/api/expertise/schools/${f.out.schoolId}?cycleId=${f.cycleId}`);
    },
  },
];
