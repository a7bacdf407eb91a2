// Drizzle queries of the federal selective expertise: samples, reviews, experts, and the documents an expert checks
// (read from school_documents; the file versions through the documents module's query).
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import {
  cycles,
  cycleSchools,
  expertiseReviews,
  expertiseSamples,
  municipalities,
  regions,
  schoolDocuments,
  schools,
  users,
} from '../../db/schema.js';

export type SampleRow = typeof expertiseSamples.$inferSelect;
export type NewSample = typeof expertiseSamples.$inferInsert;
export type ReviewRecord = typeof expertiseReviews.$inferSelect;

export async function cycleById(db: Tx, id: number) {
  const [row] = await db.select().from(cycles).where(eq(cycles.id, id));
  return row;
}

export async function activeCycle(db: Tx) {
  const [row] = await db.select().from(cycles).where(eq(cycles.status, 'active')).orderBy(desc(cycles.year)).limit(1);
  return row;
}

/** The cycle's selected schools with their region: the sampling population. */
export async function population(db: Tx, cycleId: number): Promise<{ id: number; regionId: number }[]> {
  return db
    .select({ id: schools.id, regionId: schools.regionId })
    .from(cycleSchools)
    .innerJoin(schools, eq(schools.id, cycleSchools.schoolId))
    .where(eq(cycleSchools.cycleId, cycleId))
    .orderBy(asc(schools.id));
}

export async function insertSample(db: Tx, values: NewSample): Promise<SampleRow> {
  const [row] = await db.insert(expertiseSamples).values(values).returning();
  return row!;
}

export async function insertReviews(db: Tx, sampleId: number, schoolIds: number[]): Promise<void> {
  if (schoolIds.length) await db.insert(expertiseReviews).values(schoolIds.map((schoolId) => ({ sampleId, schoolId })));
}

const sampleColumns = {
  id: expertiseSamples.id,
  cycleId: expertiseSamples.cycleId,
  year: cycles.year,
  title: expertiseSamples.title,
  seed: expertiseSamples.seed,
  share: expertiseSamples.share,
  count: expertiseSamples.count,
  stratifyByRegion: expertiseSamples.stratifyByRegion,
  kinds: expertiseSamples.kinds,
  createdAt: expertiseSamples.createdAt,
  schools: sql<number>`(select count(*) from ${expertiseReviews} where ${expertiseReviews.sampleId} = ${expertiseSamples.id})`.mapWith(Number),
  completed: sql<number>`(select count(*) from ${expertiseReviews} where ${expertiseReviews.sampleId} = ${expertiseSamples.id} and ${expertiseReviews.status} = 'completed')`.mapWith(
    Number,
  ),
};

export type SampleSummary = Omit<SampleRow, 'createdBy'> & { year: number; schools: number; completed: number };

/** Samples, newest first; `expertId` keeps those with a review assigned to that expert. */
export async function listSamples(db: Tx, filter: { cycleId?: number; expertId?: number }): Promise<SampleSummary[]> {
  const rows = await db
    .select(sampleColumns)
    .from(expertiseSamples)
    .innerJoin(cycles, eq(cycles.id, expertiseSamples.cycleId))
    .where(
      and(
        filter.cycleId !== undefined ? eq(expertiseSamples.cycleId, filter.cycleId) : undefined,
        filter.expertId !== undefined
          ? sql`exists (select 1 from ${expertiseReviews} where ${expertiseReviews.sampleId} = ${expertiseSamples.id} and ${expertiseReviews.expertId} = ${filter.expertId})`
          : undefined,
      ),
    )
    .orderBy(desc(expertiseSamples.createdAt), desc(expertiseSamples.id));
  return rows as SampleSummary[];
}

export async function sampleSummary(db: Tx, id: number): Promise<SampleSummary | undefined> {
  const [row] = await db.select(sampleColumns).from(expertiseSamples).innerJoin(cycles, eq(cycles.id, expertiseSamples.cycleId)).where(eq(expertiseSamples.id, id));
  return row as SampleSummary | undefined;
}

const reviewColumns = {
  id: expertiseReviews.id,
  sampleId: expertiseReviews.sampleId,
  cycleId: expertiseSamples.cycleId,
  schoolId: expertiseReviews.schoolId,
  school: schools.shortName,
  regionId: schools.regionId,
  municipalityId: schools.municipalityId,
  region: regions.name,
  municipality: municipalities.name,
  expertId: expertiseReviews.expertId,
  expert: users.fullName,
  status: expertiseReviews.status,
  conclusion: expertiseReviews.conclusion,
  marks: expertiseReviews.marks,
  comment: expertiseReviews.comment,
  version: expertiseReviews.version,
  completedAt: expertiseReviews.completedAt,
};

export type ReviewFull = {
  id: number;
  sampleId: number;
  cycleId: number;
  schoolId: number;
  school: string;
  regionId: number;
  municipalityId: number;
  region: string;
  municipality: string;
  expertId: number | null;
  expert: string | null;
  status: ReviewRecord['status'];
  conclusion: ReviewRecord['conclusion'];
  marks: Record<string, string>;
  comment: string;
  version: number;
  completedAt: Date | null;
};

function reviews(db: Tx) {
  return db
    .select(reviewColumns)
    .from(expertiseReviews)
    .innerJoin(expertiseSamples, eq(expertiseSamples.id, expertiseReviews.sampleId))
    .innerJoin(schools, eq(schools.id, expertiseReviews.schoolId))
    .innerJoin(regions, eq(regions.id, schools.regionId))
    .innerJoin(municipalities, eq(municipalities.id, schools.municipalityId))
    .leftJoin(users, eq(users.id, expertiseReviews.expertId));
}

const reviewOrder = [asc(regions.name), asc(municipalities.name), asc(schools.shortName), asc(expertiseReviews.id)];

export async function reviewsOfSample(db: Tx, sampleId: number, expertId?: number): Promise<ReviewFull[]> {
  return reviews(db)
    .where(and(eq(expertiseReviews.sampleId, sampleId), expertId !== undefined ? eq(expertiseReviews.expertId, expertId) : undefined))
    .orderBy(...reviewOrder);
}

/** Reviews matching a condition over the review, sample and school columns (the service builds it from the actor). */
export async function listReviews(db: Tx, where: SQL | undefined, cycleId?: number): Promise<ReviewFull[]> {
  return reviews(db)
    .where(and(where, cycleId !== undefined ? eq(expertiseSamples.cycleId, cycleId) : undefined))
    .orderBy(desc(expertiseSamples.id), ...reviewOrder);
}

export async function reviewById(db: Tx, id: number): Promise<ReviewFull | undefined> {
  const [row] = await reviews(db).where(eq(expertiseReviews.id, id));
  return row;
}

/** Locks the review row until the end of the transaction (serialises saves and assignments). */
export async function lockReviews(db: Tx, ids: number[]): Promise<ReviewRecord[]> {
  if (!ids.length) return [];
  return db.select().from(expertiseReviews).where(inArray(expertiseReviews.id, ids)).orderBy(asc(expertiseReviews.id)).for('update');
}

export async function assignExpert(db: Tx, ids: number[], expertId: number): Promise<void> {
  if (!ids.length) return;
  await db
    .update(expertiseReviews)
    .set({ expertId, version: sql`${expertiseReviews.version} + 1`, updatedAt: new Date() })
    .where(inArray(expertiseReviews.id, ids));
}

export interface ReviewChange {
  status: ReviewRecord['status'];
  marks: Record<string, string>;
  conclusion: ReviewRecord['conclusion'];
  comment: string;
  completedAt: Date | null;
}

/** Saves the review when it is still at `version`; undefined when someone saved first. */
export async function updateReviewIfVersion(db: Tx, id: number, version: number, change: ReviewChange): Promise<ReviewRecord | undefined> {
  const [row] = await db
    .update(expertiseReviews)
    .set({ ...change, version: version + 1, updatedAt: new Date() })
    .where(and(eq(expertiseReviews.id, id), eq(expertiseReviews.version, version)))
    .returning();
  return row;
}

export async function userById(db: Tx, id: number) {
  const [row] = await db.select({ id: users.id, role: users.role, active: users.active, fullName: users.fullName }).from(users).where(eq(users.id, id));
  return row;
}

export { schoolById } from '../roadmaps/queries.js';

export type DocumentRow = typeof schoolDocuments.$inferSelect;

/** The school's documents of a cycle of the given kinds, in checklist order. */
export async function documentsOf(db: Tx, cycleId: number, schoolId: number, kinds: string[]): Promise<DocumentRow[]> {
  if (!kinds.length) return [];
  return db
    .select()
    .from(schoolDocuments)
    .where(and(eq(schoolDocuments.cycleId, cycleId), eq(schoolDocuments.schoolId, schoolId), inArray(schoolDocuments.kind, kinds as DocumentRow['kind'][])))
    .orderBy(asc(schoolDocuments.slotKey), asc(schoolDocuments.id));
}

/** File versions of the documents, newest first (the documents module's query). */
export { versionsOf } from '../documents/queries.js';

/** Completed reviews of a school with their sample (optionally of one cycle), newest first. */
export async function completedOfSchool(db: Tx, schoolId: number, cycleId?: number) {
  return db
    .select({
      reviewId: expertiseReviews.id,
      sampleId: expertiseSamples.id,
      sampleTitle: expertiseSamples.title,
      cycleId: expertiseSamples.cycleId,
      year: cycles.year,
      kinds: expertiseSamples.kinds,
      conclusion: expertiseReviews.conclusion,
      marks: expertiseReviews.marks,
      comment: expertiseReviews.comment,
      completedAt: expertiseReviews.completedAt,
    })
    .from(expertiseReviews)
    .innerJoin(expertiseSamples, eq(expertiseSamples.id, expertiseReviews.sampleId))
    .innerJoin(cycles, eq(cycles.id, expertiseSamples.cycleId))
    .where(
      and(
        eq(expertiseReviews.schoolId, schoolId),
        eq(expertiseReviews.status, 'completed'),
        cycleId !== undefined ? eq(expertiseSamples.cycleId, cycleId) : undefined,
      ),
    )
    .orderBy(desc(expertiseReviews.completedAt), desc(expertiseReviews.id));
}
