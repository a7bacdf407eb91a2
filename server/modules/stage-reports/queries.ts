// Queries of stage reports (отчёт за этап): a municipality's to its region, a region's to the federal level.
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { municipalities, regions, stageReportEvents, stageReports, users } from '../../db/schema.js';

export type ReportRow = typeof stageReports.$inferSelect;

export interface Place {
  level: 'municipal' | 'regional';
  regionId: number;
  municipalityId: number | null;
}

const placeIs = (p: Place) =>
  and(eq(stageReports.level, p.level), eq(stageReports.regionId, p.regionId), p.municipalityId === null ? isNull(stageReports.municipalityId) : eq(stageReports.municipalityId, p.municipalityId));

export async function reportAt(db: Tx, stageId: number, place: Place, lock = false): Promise<ReportRow | undefined> {
  const query = db.select().from(stageReports).where(and(eq(stageReports.stageId, stageId), placeIs(place)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function reportById(db: Tx, id: number): Promise<ReportRow | undefined> {
  const [row] = await db.select().from(stageReports).where(eq(stageReports.id, id));
  return row;
}

export async function lockReport(db: Tx, id: number): Promise<ReportRow | undefined> {
  const [row] = await db.select().from(stageReports).where(eq(stageReports.id, id)).for('update');
  return row;
}

export async function insertReport(db: Tx, values: typeof stageReports.$inferInsert): Promise<ReportRow> {
  const [row] = await db.insert(stageReports).values(values).returning();
  if (!row) throw new Error('stage report not saved');
  return row;
}

export async function updateReport(db: Tx, id: number, values: Partial<typeof stageReports.$inferInsert>): Promise<ReportRow> {
  const [row] = await db.update(stageReports).set(values).where(eq(stageReports.id, id)).returning();
  if (!row) throw new Error('stage report not saved');
  return row;
}

export async function insertEvent(db: Tx, values: typeof stageReportEvents.$inferInsert): Promise<void> {
  await db.insert(stageReportEvents).values(values);
}

export async function eventsOf(db: Tx, reportId: number) {
  return db
    .select({ event: stageReportEvents, userName: users.fullName })
    .from(stageReportEvents)
    .leftJoin(users, eq(users.id, stageReportEvents.userId))
    .where(eq(stageReportEvents.reportId, reportId))
    .orderBy(asc(stageReportEvents.at), asc(stageReportEvents.id));
}

/** Reports of the stages in a region: its own regional ones and those of its municipalities. */
export async function reportsOfRegion(db: Tx, stageIds: number[], regionId: number): Promise<ReportRow[]> {
  if (!stageIds.length) return [];
  return db.select().from(stageReports).where(and(inArray(stageReports.stageId, stageIds), eq(stageReports.regionId, regionId)));
}

export async function regionalReports(db: Tx, stageIds: number[]): Promise<ReportRow[]> {
  if (!stageIds.length) return [];
  return db.select().from(stageReports).where(and(inArray(stageReports.stageId, stageIds), eq(stageReports.level, 'regional')));
}

/**
 * Reports that lock marks of a roadmap at the given stages: submitted or accepted, of its municipality (municipal and
 * school roadmaps) or of its region.
 */
export async function lockingReports(db: Tx, stageIds: number[], regionId: number, municipalityId: number | null): Promise<ReportRow[]> {
  if (!stageIds.length) return [];
  const own = municipalityId === null ? sql`false` : and(eq(stageReports.level, 'municipal'), eq(stageReports.municipalityId, municipalityId));
  return db
    .select()
    .from(stageReports)
    .where(
      and(
        inArray(stageReports.stageId, stageIds),
        eq(stageReports.regionId, regionId),
        inArray(stageReports.status, ['submitted', 'accepted']),
        or(eq(stageReports.level, 'regional'), own),
      ),
    );
}

export async function regionsList(db: Tx) {
  return db.select({ id: regions.id, name: regions.name }).from(regions).orderBy(asc(regions.name));
}

export async function municipalitiesOf(db: Tx, regionId: number) {
  return db
    .select({ id: municipalities.id, name: municipalities.name, regionId: municipalities.regionId })
    .from(municipalities)
    .where(eq(municipalities.regionId, regionId))
    .orderBy(asc(municipalities.name));
}

export async function placeNames(db: Tx, regionId: number, municipalityId: number | null) {
  const [region] = await db.select({ name: regions.name }).from(regions).where(eq(regions.id, regionId));
  const [m] = municipalityId === null ? [] : await db.select({ name: municipalities.name, regionId: municipalities.regionId }).from(municipalities).where(eq(municipalities.id, municipalityId));
  return { region: region?.name ?? null, municipality: m?.name ?? null, municipalityRegionId: m?.regionId ?? null };
}
