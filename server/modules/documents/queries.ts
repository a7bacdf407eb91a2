// Drizzle queries of school documents: the school and its cycle context, documents with their file versions and
// history, deadlines, and the territory overview (one query per kind of data).
import { and, asc, desc, eq, inArray, max, sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../../../domain/access/policy.js';
import type { DocumentKind } from '../../../domain/documents/index.js';
import type { Tx } from '../../db/client.js';
import {
  curatorAssignments,
  cycleSchools,
  documentDeadlines,
  documentEvents,
  documentVersions,
  municipalities,
  regions,
  riskDirections,
  schoolDocuments,
  schools,
  storedFiles,
  users,
} from '../../db/schema.js';
import { withinScope } from '../../db/scope.js';

export type DocumentRow = typeof schoolDocuments.$inferSelect;

export interface SchoolRow {
  id: number;
  regionId: number;
  municipalityId: number;
  name: string;
  municipality: string;
}

const schoolColumns = {
  id: schools.id,
  regionId: schools.regionId,
  municipalityId: schools.municipalityId,
  name: schools.shortName,
  municipality: municipalities.name,
};

export async function schoolById(db: Tx, id: number): Promise<SchoolRow | undefined> {
  const [row] = await db
    .select(schoolColumns)
    .from(schools)
    .innerJoin(municipalities, eq(municipalities.id, schools.municipalityId))
    .where(eq(schools.id, id));
  return row;
}

/** The school takes part in the cycle (selected into it). */
export async function inCycle(db: Tx, cycleId: number, schoolId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: cycleSchools.schoolId })
    .from(cycleSchools)
    .where(and(eq(cycleSchools.cycleId, cycleId), eq(cycleSchools.schoolId, schoolId)));
  return row !== undefined;
}

/** The curator assigned to the school in the cycle (account id), if any. */
export async function curatorOf(db: Tx, cycleId: number, schoolId: number): Promise<number | null> {
  const [row] = await db
    .select({ id: curatorAssignments.curatorId })
    .from(curatorAssignments)
    .where(and(eq(curatorAssignments.cycleId, cycleId), eq(curatorAssignments.schoolId, schoolId)));
  return row?.id ?? null;
}

/** Activated risk directions of the school in the cycle (factor codes). */
export async function directionsOf(db: Tx, cycleId: number, schoolId: number): Promise<string[]> {
  const rows = await db
    .select({ code: riskDirections.factorCode })
    .from(riskDirections)
    .where(and(eq(riskDirections.cycleId, cycleId), eq(riskDirections.schoolId, schoolId)));
  return rows.map((r) => r.code);
}

/** Overridden due dates of a cycle, by kind. */
export async function deadlinesOf(db: Tx, cycleId: number): Promise<{ kind: DocumentKind; dueDate: string }[]> {
  return db.select({ kind: documentDeadlines.kind, dueDate: documentDeadlines.dueDate }).from(documentDeadlines).where(eq(documentDeadlines.cycleId, cycleId));
}

export async function upsertDeadline(db: Tx, cycleId: number, kind: DocumentKind, dueDate: string): Promise<void> {
  await db
    .insert(documentDeadlines)
    .values({ cycleId, kind, dueDate })
    .onConflictDoUpdate({ target: [documentDeadlines.cycleId, documentDeadlines.kind], set: { dueDate } });
}

export async function documentsOfSchool(db: Tx, cycleId: number, schoolId: number): Promise<DocumentRow[]> {
  return db
    .select()
    .from(schoolDocuments)
    .where(and(eq(schoolDocuments.cycleId, cycleId), eq(schoolDocuments.schoolId, schoolId)))
    .orderBy(asc(schoolDocuments.id));
}

export async function documentById(db: Tx, id: number, lock = false): Promise<DocumentRow | undefined> {
  const query = db.select().from(schoolDocuments).where(eq(schoolDocuments.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function documentBySlot(db: Tx, cycleId: number, schoolId: number, slotKey: string, lock = false): Promise<DocumentRow | undefined> {
  const query = db
    .select()
    .from(schoolDocuments)
    .where(and(eq(schoolDocuments.cycleId, cycleId), eq(schoolDocuments.schoolId, schoolId), eq(schoolDocuments.slotKey, slotKey)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** Creates the slot's document unless another request did first (then undefined). */
export async function insertDocument(db: Tx, values: typeof schoolDocuments.$inferInsert): Promise<DocumentRow | undefined> {
  const [row] = await db.insert(schoolDocuments).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateDocument(db: Tx, id: number, values: Partial<typeof schoolDocuments.$inferInsert>): Promise<DocumentRow> {
  const [row] = await db.update(schoolDocuments).set(values).where(eq(schoolDocuments.id, id)).returning();
  if (!row) throw new Error('document not saved');
  return row;
}

export async function insertStoredFile(db: Tx, values: typeof storedFiles.$inferInsert) {
  const [row] = await db.insert(storedFiles).values(values).returning();
  if (!row) throw new Error('file not saved');
  return row;
}

/** Adds a file version numbered after the last one (the document row is locked by the caller). */
export async function insertVersion(db: Tx, documentId: number, fileId: number, uploadedBy: number) {
  const [last] = await db.select({ n: max(documentVersions.number) }).from(documentVersions).where(eq(documentVersions.documentId, documentId));
  const [row] = await db
    .insert(documentVersions)
    .values({ documentId, number: (last?.n ?? 0) + 1, fileId, uploadedBy })
    .returning();
  if (!row) throw new Error('version not saved');
  return row;
}

export async function insertEvent(db: Tx, values: typeof documentEvents.$inferInsert): Promise<void> {
  await db.insert(documentEvents).values(values);
}

export async function shaInUse(db: Tx, sha256: string): Promise<boolean> {
  const [row] = await db.select({ id: storedFiles.id }).from(storedFiles).where(eq(storedFiles.sha256, sha256)).limit(1);
  return row !== undefined;
}

export async function userName(db: Tx, id: number | null): Promise<string | null> {
  if (id === null) return null;
  const [row] = await db.select({ name: users.fullName }).from(users).where(eq(users.id, id));
  return row?.name ?? null;
}

export interface VersionRow {
  id: number;
  documentId: number;
  number: number;
  fileId: number;
  name: string;
  size: number;
  mime: string;
  uploadedAt: Date;
  uploadedBy: string | null;
}

/** File versions of the documents, newest first. */
export async function versionsOf(db: Tx, documentIds: number[]): Promise<VersionRow[]> {
  if (documentIds.length === 0) return [];
  return db
    .select({
      id: documentVersions.id,
      documentId: documentVersions.documentId,
      number: documentVersions.number,
      fileId: documentVersions.fileId,
      name: storedFiles.name,
      size: storedFiles.size,
      mime: storedFiles.mime,
      uploadedAt: documentVersions.uploadedAt,
      uploadedBy: users.fullName,
    })
    .from(documentVersions)
    .innerJoin(storedFiles, eq(storedFiles.id, documentVersions.fileId))
    .leftJoin(users, eq(users.id, documentVersions.uploadedBy))
    .where(inArray(documentVersions.documentId, documentIds))
    .orderBy(desc(documentVersions.number));
}

export interface EventRow {
  documentId: number;
  action: string;
  from: DocumentRow['status'];
  to: DocumentRow['status'];
  comment: string;
  actor: string | null;
  at: Date;
}

/** History of the documents, newest first. */
export async function eventsOf(db: Tx, documentIds: number[]): Promise<EventRow[]> {
  if (documentIds.length === 0) return [];
  return db
    .select({
      documentId: documentEvents.documentId,
      action: documentEvents.action,
      from: documentEvents.fromStatus,
      to: documentEvents.toStatus,
      comment: documentEvents.comment,
      actor: users.fullName,
      at: documentEvents.at,
    })
    .from(documentEvents)
    .leftJoin(users, eq(users.id, documentEvents.actorId))
    .where(inArray(documentEvents.documentId, documentIds))
    .orderBy(desc(documentEvents.at), desc(documentEvents.id));
}

// ---- overview ----

export interface OverviewFilter {
  cycleId: number;
  regionId?: number;
  municipalityId?: number;
}

/** Schools of the cycle inside the scope and the filter; a curator's scope is narrowed to the cycle's assignments. */
function overviewCondition(scope: Scope, f: OverviewFilter, curatorId: number | null): SQL {
  const parts: SQL[] = [
    eq(cycleSchools.cycleId, f.cycleId),
    withinScope(scope, { regionId: schools.regionId, municipalityId: schools.municipalityId, schoolId: schools.id }),
  ];
  if (f.regionId !== undefined) parts.push(eq(schools.regionId, f.regionId));
  if (f.municipalityId !== undefined) parts.push(eq(schools.municipalityId, f.municipalityId));
  if (curatorId !== null) {
    parts.push(
      sql`exists (select 1 from ${curatorAssignments} where ${curatorAssignments.cycleId} = ${f.cycleId} and ${curatorAssignments.schoolId} = ${schools.id} and ${curatorAssignments.curatorId} = ${curatorId})`,
    );
  }
  return and(...parts) as SQL;
}

function overviewSchoolIds(db: Tx, scope: Scope, f: OverviewFilter, curatorId: number | null) {
  return db
    .select({ id: schools.id })
    .from(schools)
    .innerJoin(cycleSchools, eq(cycleSchools.schoolId, schools.id))
    .where(overviewCondition(scope, f, curatorId));
}

export async function overviewSchools(db: Tx, scope: Scope, f: OverviewFilter, curatorId: number | null) {
  return db
    .select({ ...schoolColumns, curator: users.fullName })
    .from(schools)
    .innerJoin(cycleSchools, eq(cycleSchools.schoolId, schools.id))
    .innerJoin(municipalities, eq(municipalities.id, schools.municipalityId))
    .leftJoin(curatorAssignments, and(eq(curatorAssignments.cycleId, f.cycleId), eq(curatorAssignments.schoolId, schools.id)))
    .leftJoin(users, eq(users.id, curatorAssignments.curatorId))
    .where(overviewCondition(scope, f, curatorId))
    .orderBy(asc(municipalities.name), asc(schools.shortName), asc(schools.id));
}

export async function overviewDirections(db: Tx, scope: Scope, f: OverviewFilter, curatorId: number | null) {
  return db
    .select({ schoolId: riskDirections.schoolId, code: riskDirections.factorCode })
    .from(riskDirections)
    .where(and(eq(riskDirections.cycleId, f.cycleId), inArray(riskDirections.schoolId, overviewSchoolIds(db, scope, f, curatorId))));
}

export async function overviewDocuments(db: Tx, scope: Scope, f: OverviewFilter, curatorId: number | null) {
  return db
    .select({ schoolId: schoolDocuments.schoolId, slotKey: schoolDocuments.slotKey, status: schoolDocuments.status })
    .from(schoolDocuments)
    .where(and(eq(schoolDocuments.cycleId, f.cycleId), inArray(schoolDocuments.schoolId, overviewSchoolIds(db, scope, f, curatorId))));
}

// ---- stored files ----

/** Schools (with the cycle and its curator) whose documents have a version with this file — for the download check. */
export async function documentSchoolsOfFile(db: Tx, fileId: number) {
  return db
    .selectDistinct({
      cycleId: schoolDocuments.cycleId,
      schoolId: schools.id,
      regionId: schools.regionId,
      municipalityId: schools.municipalityId,
      curatorId: curatorAssignments.curatorId,
    })
    .from(documentVersions)
    .innerJoin(schoolDocuments, eq(schoolDocuments.id, documentVersions.documentId))
    .innerJoin(schools, eq(schools.id, schoolDocuments.schoolId))
    .leftJoin(curatorAssignments, and(eq(curatorAssignments.cycleId, schoolDocuments.cycleId), eq(curatorAssignments.schoolId, schoolDocuments.schoolId)))
    .where(eq(documentVersions.fileId, fileId));
}

export async function regionExists(db: Tx, id: number): Promise<{ regionId: number } | undefined> {
  const [row] = await db.select({ regionId: regions.id }).from(regions).where(eq(regions.id, id));
  return row;
}

export async function municipalityPlace(db: Tx, id: number): Promise<{ regionId: number; municipalityId: number } | undefined> {
  const [row] = await db.select({ regionId: municipalities.regionId, municipalityId: municipalities.id }).from(municipalities).where(eq(municipalities.id, id));
  return row;
}
