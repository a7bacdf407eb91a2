// Drizzle queries of roadmaps, their items, execution marks and evidence.
import { and, asc, desc, eq, inArray, isNull, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../../../domain/access/policy.js';
import type { Tx } from '../../db/client.js';
import {
  cycles,
  itemEvidence,
  itemExecutions,
  municipalities,
  regions,
  roadmapItems,
  roadmapRevisions,
  roadmaps,
  schools,
  storedFiles,
  users,
} from '../../db/schema.js';

export type RoadmapRow = typeof roadmaps.$inferSelect;
export type ItemRow = typeof roadmapItems.$inferSelect;
export type NewItem = typeof roadmapItems.$inferInsert;
export type ExecutionRow = typeof itemExecutions.$inferSelect;
export type RevisionRow = typeof roadmapRevisions.$inferSelect;

/** Roadmaps the scope may read — the SQL twin of canReadRoadmap (the service re-checks every row). */
export function readableBy(scope: Scope): SQL {
  const federal = eq(roadmaps.level, 'federal');
  switch (scope.level) {
    case 'all':
      return sql`true`;
    case 'none':
      return sql`false`;
    case 'region':
      return or(federal, eq(roadmaps.regionId, scope.regionId)) as SQL;
    case 'municipality':
      return or(
        federal,
        eq(roadmaps.municipalityId, scope.municipalityId),
        and(eq(roadmaps.level, 'regional'), eq(roadmaps.regionId, scope.regionId)),
      ) as SQL;
    case 'schools': {
      const schoolIds = uniq(scope.schools.map((s) => s.schoolId));
      const regionIds = uniq(scope.schools.map((s) => s.regionId));
      const municipalityIds = uniq(scope.schools.map((s) => s.municipalityId));
      const parts: SQL[] = [federal];
      if (schoolIds.length) parts.push(inArray(roadmaps.schoolId, schoolIds));
      if (regionIds.length) parts.push(and(eq(roadmaps.level, 'regional'), inArray(roadmaps.regionId, regionIds)) as SQL);
      if (municipalityIds.length) {
        parts.push(and(isNull(roadmaps.schoolId), inArray(roadmaps.municipalityId, municipalityIds)) as SQL);
      }
      return or(...parts) as SQL;
    }
  }
}

function uniq(values: (number | null | undefined)[]): number[] {
  return [...new Set(values.filter((v): v is number => typeof v === 'number'))];
}

const summaryColumns = {
  id: roadmaps.id,
  cycleId: roadmaps.cycleId,
  year: roadmaps.year,
  level: roadmaps.level,
  title: roadmaps.title,
  regionId: roadmaps.regionId,
  municipalityId: roadmaps.municipalityId,
  schoolId: roadmaps.schoolId,
  orderAuthority: roadmaps.orderAuthority,
  orderNumber: roadmaps.orderNumber,
  orderDate: roadmaps.orderDate,
  templateId: roadmaps.templateId,
  version: roadmaps.version,
  status: roadmaps.status,
  revision: roadmaps.revision,
  updatedAt: roadmaps.updatedAt,
  regionName: regions.name,
  municipalityName: municipalities.name,
  schoolName: schools.shortName,
  itemCount: sql<number>`(select count(*) from ${roadmapItems} where ${roadmapItems.roadmapId} = ${roadmaps.id} and ${roadmapItems.removedInRevision} is null)`.mapWith(Number),
  flaggedCount: sql<number>`(select count(*) from ${roadmapItems} where ${roadmapItems.roadmapId} = ${roadmaps.id} and ${roadmapItems.removedInRevision} is null and jsonb_array_length(${roadmapItems.flags}) > 0)`.mapWith(
    Number,
  ),
};

export interface SummaryRow
  extends Pick<
    RoadmapRow,
    | 'id' | 'cycleId' | 'year' | 'level' | 'title' | 'regionId' | 'municipalityId' | 'schoolId'
    | 'orderAuthority' | 'orderNumber' | 'orderDate' | 'templateId' | 'version' | 'status' | 'revision' | 'updatedAt'
  > {
  regionName: string | null;
  municipalityName: string | null;
  schoolName: string | null;
  itemCount: number;
  flaggedCount: number;
}

function summaries(db: Tx) {
  return db
    .select(summaryColumns)
    .from(roadmaps)
    .leftJoin(regions, eq(regions.id, roadmaps.regionId))
    .leftJoin(municipalities, eq(municipalities.id, roadmaps.municipalityId))
    .leftJoin(schools, eq(schools.id, roadmaps.schoolId));
}

export interface ListFilter {
  cycleId?: number;
  level?: RoadmapRow['level'];
  regionId?: number;
  municipalityId?: number;
  schoolId?: number;
}

const LEVEL_ORDER = sql`case ${roadmaps.level} when 'federal' then 0 when 'regional' then 1 when 'municipal' then 2 else 3 end`;

export async function listSummaries(db: Tx, scope: Scope, filter: ListFilter): Promise<SummaryRow[]> {
  const rows = await summaries(db)
    .where(
      and(
        readableBy(scope),
        filter.cycleId !== undefined ? eq(roadmaps.cycleId, filter.cycleId) : undefined,
        filter.level !== undefined ? eq(roadmaps.level, filter.level) : undefined,
        filter.regionId !== undefined ? eq(roadmaps.regionId, filter.regionId) : undefined,
        filter.municipalityId !== undefined ? eq(roadmaps.municipalityId, filter.municipalityId) : undefined,
        filter.schoolId !== undefined ? eq(roadmaps.schoolId, filter.schoolId) : undefined,
      ),
    )
    .orderBy(desc(roadmaps.year), LEVEL_ORDER, asc(regions.name), asc(municipalities.name), asc(schools.shortName), asc(roadmaps.id));
  return rows as SummaryRow[];
}

export async function summaryById(db: Tx, id: number): Promise<SummaryRow | undefined> {
  const [row] = await summaries(db).where(eq(roadmaps.id, id));
  return row as SummaryRow | undefined;
}

export async function roadmapById(db: Tx, id: number): Promise<RoadmapRow | undefined> {
  const [row] = await db.select().from(roadmaps).where(eq(roadmaps.id, id));
  return row;
}

/** The roadmap row locked until the end of the transaction (serialises saves, marks and uploads). */
export async function roadmapForUpdate(db: Tx, id: number): Promise<RoadmapRow | undefined> {
  const [row] = await db.select().from(roadmaps).where(eq(roadmaps.id, id)).for('update');
  return row;
}

export async function cycleById(db: Tx, id: number) {
  const [row] = await db.select().from(cycles).where(eq(cycles.id, id));
  return row;
}

export async function regionById(db: Tx, id: number) {
  const [row] = await db.select({ id: regions.id, name: regions.name }).from(regions).where(eq(regions.id, id));
  return row;
}

export async function municipalityById(db: Tx, id: number) {
  const [row] = await db
    .select({ id: municipalities.id, regionId: municipalities.regionId, name: municipalities.name })
    .from(municipalities)
    .where(eq(municipalities.id, id));
  return row;
}

export async function schoolById(db: Tx, id: number) {
  const [row] = await db
    .select({ id: schools.id, regionId: schools.regionId, municipalityId: schools.municipalityId, name: schools.shortName })
    .from(schools)
    .where(eq(schools.id, id));
  return row;
}

export async function insertRoadmap(db: Tx, values: typeof roadmaps.$inferInsert): Promise<RoadmapRow> {
  const [row] = await db.insert(roadmaps).values(values).returning();
  if (!row) throw new Error('roadmap not inserted');
  return row;
}

/** Bumps the version when it is still `version`; undefined when someone saved in between. */
export async function updateRoadmapIfVersion(
  db: Tx,
  id: number,
  version: number,
  values: Pick<RoadmapRow, 'title' | 'orderAuthority' | 'orderNumber' | 'orderDate'>,
): Promise<RoadmapRow | undefined> {
  const [row] = await db
    .update(roadmaps)
    .set({ ...values, version: sql`${roadmaps.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(roadmaps.id, id), eq(roadmaps.version, version)))
    .returning();
  return row;
}

export async function deleteRoadmap(db: Tx, id: number): Promise<void> {
  await db.delete(roadmaps).where(eq(roadmaps.id, id));
}

/** The activities of the plan in force (those removed by an amendment are left out). */
export async function itemsOf(db: Tx, roadmapId: number): Promise<ItemRow[]> {
  return db
    .select()
    .from(roadmapItems)
    .where(and(eq(roadmapItems.roadmapId, roadmapId), isNull(roadmapItems.removedInRevision)))
    .orderBy(asc(roadmapItems.position), asc(roadmapItems.id));
}

/** Activities removed by amendments: kept with their marks for the history. */
export async function removedItemsOf(db: Tx, roadmapId: number): Promise<ItemRow[]> {
  return db
    .select()
    .from(roadmapItems)
    .where(and(eq(roadmapItems.roadmapId, roadmapId), sql`${roadmapItems.removedInRevision} is not null`))
    .orderBy(asc(roadmapItems.removedInRevision), asc(roadmapItems.position), asc(roadmapItems.id));
}

export async function markRemoved(db: Tx, roadmapId: number, ids: number[], revision: number): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(roadmapItems)
    .set({ removedInRevision: revision, parentId: null, updatedAt: sql`now()` })
    .where(and(eq(roadmapItems.roadmapId, roadmapId), inArray(roadmapItems.id, ids)));
}

/** Any roadmap of the cycle for the territory and level (to refuse a silent second one). */
export async function roadmapAt(
  db: Tx,
  cycleId: number,
  owner: { level: RoadmapRow['level']; regionId: number | null; municipalityId: number | null; schoolId: number | null },
): Promise<RoadmapRow | undefined> {
  const same = (col: typeof roadmaps.regionId | typeof roadmaps.municipalityId | typeof roadmaps.schoolId, v: number | null) => (v === null ? isNull(col) : eq(col, v));
  const [row] = await db
    .select()
    .from(roadmaps)
    .where(
      and(
        eq(roadmaps.cycleId, cycleId),
        eq(roadmaps.level, owner.level),
        same(roadmaps.regionId, owner.regionId),
        same(roadmaps.municipalityId, owner.municipalityId),
        same(roadmaps.schoolId, owner.schoolId),
      ),
    )
    .orderBy(sql`case ${roadmaps.status} when 'approved' then 0 else 1 end`, asc(roadmaps.id))
    .limit(1);
  return row;
}

/** Serialises creation of roadmaps for one territory, level and cycle until the end of the transaction. */
export async function lockPlace(db: Tx, cycleId: number, owner: { level: string; regionId: number | null; municipalityId: number | null; schoolId: number | null }) {
  const key = `roadmap:${cycleId}:${owner.level}:${owner.regionId ?? 0}:${owner.municipalityId ?? 0}:${owner.schoolId ?? 0}`;
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}

// ---- revisions (редакции) ----

export async function revisionsOf(db: Tx, roadmapId: number) {
  return db
    .select({
      revision: roadmapRevisions,
      createdByName: users.fullName,
      fileName: storedFiles.name,
      fileSize: storedFiles.size,
    })
    .from(roadmapRevisions)
    .leftJoin(users, eq(users.id, roadmapRevisions.createdBy))
    .leftJoin(storedFiles, eq(storedFiles.id, roadmapRevisions.orderFileId))
    .where(eq(roadmapRevisions.roadmapId, roadmapId))
    .orderBy(asc(roadmapRevisions.number));
}

export async function insertRevision(db: Tx, values: typeof roadmapRevisions.$inferInsert): Promise<RevisionRow> {
  const [row] = await db.insert(roadmapRevisions).values(values).returning();
  if (!row) throw new Error('revision not saved');
  return row;
}

export async function setRevisionFile(db: Tx, roadmapId: number, number: number, fileId: number): Promise<number | null> {
  const [before] = await db
    .select({ fileId: roadmapRevisions.orderFileId })
    .from(roadmapRevisions)
    .where(and(eq(roadmapRevisions.roadmapId, roadmapId), eq(roadmapRevisions.number, number)));
  await db
    .update(roadmapRevisions)
    .set({ orderFileId: fileId })
    .where(and(eq(roadmapRevisions.roadmapId, roadmapId), eq(roadmapRevisions.number, number)));
  return before?.fileId ?? null;
}

/** Marks the roadmap approved at `revision` with the order's header; undefined when the version moved on. */
export async function setApproved(
  db: Tx,
  id: number,
  version: number,
  values: Pick<RoadmapRow, 'orderAuthority' | 'orderNumber' | 'orderDate' | 'revision'> & { title?: string },
): Promise<RoadmapRow | undefined> {
  const [row] = await db
    .update(roadmaps)
    .set({ ...values, status: 'approved', version: sql`${roadmaps.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(roadmaps.id, id), eq(roadmaps.version, version)))
    .returning();
  return row;
}

export async function itemById(db: Tx, roadmapId: number, itemId: number): Promise<ItemRow | undefined> {
  const [row] = await db
    .select()
    .from(roadmapItems)
    .where(and(eq(roadmapItems.id, itemId), eq(roadmapItems.roadmapId, roadmapId)));
  return row;
}

/** One multi-row insert; returns the ids in the order given. */
export async function insertItems(db: Tx, values: NewItem[]): Promise<number[]> {
  const ids: number[] = [];
  // Stay well below the protocol's 65535 parameters per statement.
  for (let i = 0; i < values.length; i += 1000) {
    const rows = await db.insert(roadmapItems).values(values.slice(i, i + 1000)).returning({ id: roadmapItems.id });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

export async function updateItem(db: Tx, id: number, values: Partial<NewItem>): Promise<void> {
  await db
    .update(roadmapItems)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(roadmapItems.id, id));
}

/** Sets parent_id of every item of the roadmap in one statement (null where not listed). */
export async function setParents(db: Tx, roadmapId: number, parents: [number, number][]): Promise<void> {
  if (parents.length === 0) {
    await db.update(roadmapItems).set({ parentId: null }).where(and(eq(roadmapItems.roadmapId, roadmapId), sql`${roadmapItems.parentId} is not null`));
    return;
  }
  const values = sql.join(
    parents.map(([id, parent]) => sql`(${id}::integer, ${parent}::integer)`),
    sql`, `,
  );
  await db.execute(sql`
    update ${roadmapItems} set parent_id = v.parent
    from (values ${values}) as v(id, parent)
    where ${roadmapItems.id} = v.id and ${roadmapItems.roadmapId} = ${roadmapId}`);
}

export async function clearParents(db: Tx, roadmapId: number): Promise<void> {
  await db.update(roadmapItems).set({ parentId: null }).where(and(eq(roadmapItems.roadmapId, roadmapId), sql`${roadmapItems.parentId} is not null`));
}

export async function deleteItemsExcept(db: Tx, roadmapId: number, keep: number[]): Promise<number[]> {
  const rows = await db
    .delete(roadmapItems)
    .where(and(eq(roadmapItems.roadmapId, roadmapId), keep.length ? notInArray(roadmapItems.id, keep) : undefined))
    .returning({ id: roadmapItems.id });
  return rows.map((r) => r.id);
}

/** Items of other roadmaps copied from these items lose the link (the template items are gone). */
export async function unlinkCopies(db: Tx, templateItemIds: number[]): Promise<void> {
  if (templateItemIds.length === 0) return;
  await db.update(roadmapItems).set({ templateItemId: null }).where(inArray(roadmapItems.templateItemId, templateItemIds));
}

// ---- execution marks and evidence ----

export async function executionsOf(db: Tx, itemIds: number[]): Promise<ExecutionRow[]> {
  if (itemIds.length === 0) return [];
  return db.select().from(itemExecutions).where(inArray(itemExecutions.itemId, itemIds));
}

export async function executionsOfRoadmap(db: Tx, roadmapId: number): Promise<ExecutionRow[]> {
  return db
    .select({ execution: itemExecutions })
    .from(itemExecutions)
    .innerJoin(roadmapItems, eq(roadmapItems.id, itemExecutions.itemId))
    .where(eq(roadmapItems.roadmapId, roadmapId))
    .then((rows) => rows.map((r) => r.execution));
}

/** The mark of an item at a stage; stageId null is a one-off activity's single fact. */
export async function execution(db: Tx, itemId: number, stageId: number | null): Promise<ExecutionRow | undefined> {
  const [row] = await db
    .select()
    .from(itemExecutions)
    .where(and(eq(itemExecutions.itemId, itemId), stageId === null ? isNull(itemExecutions.stageId) : eq(itemExecutions.stageId, stageId)));
  return row;
}

export async function upsertExecution(db: Tx, values: typeof itemExecutions.$inferInsert): Promise<ExecutionRow> {
  const { itemId: _i, stageId: _s, ...set } = values;
  const [row] = await db
    .insert(itemExecutions)
    .values(values)
    .onConflictDoUpdate({ target: [itemExecutions.itemId, itemExecutions.stageId], set })
    .returning();
  if (!row) throw new Error('execution not saved');
  return row;
}

export interface EvidenceRow {
  id: number;
  itemId: number;
  stageId: number;
  fileId: number;
  name: string;
  size: number;
  mime: string;
  sha256: string;
  uploadedAt: Date;
}

const evidenceColumns = {
  id: itemEvidence.id,
  itemId: itemEvidence.itemId,
  stageId: itemEvidence.stageId,
  fileId: itemEvidence.fileId,
  name: storedFiles.name,
  size: storedFiles.size,
  mime: storedFiles.mime,
  sha256: storedFiles.sha256,
  uploadedAt: itemEvidence.uploadedAt,
};

export async function evidenceOfRoadmap(db: Tx, roadmapId: number): Promise<EvidenceRow[]> {
  return db
    .select(evidenceColumns)
    .from(itemEvidence)
    .innerJoin(storedFiles, eq(storedFiles.id, itemEvidence.fileId))
    .innerJoin(roadmapItems, eq(roadmapItems.id, itemEvidence.itemId))
    .where(eq(roadmapItems.roadmapId, roadmapId))
    .orderBy(asc(itemEvidence.uploadedAt), asc(itemEvidence.id));
}

/** Evidence of an item at a stage; stageId null: all its evidence (a one-off activity's, shown at every stage). */
export async function evidenceOf(db: Tx, itemId: number, stageId: number | null): Promise<EvidenceRow[]> {
  return db
    .select(evidenceColumns)
    .from(itemEvidence)
    .innerJoin(storedFiles, eq(storedFiles.id, itemEvidence.fileId))
    .where(and(eq(itemEvidence.itemId, itemId), stageId === null ? undefined : eq(itemEvidence.stageId, stageId)))
    .orderBy(asc(itemEvidence.uploadedAt), asc(itemEvidence.id));
}

export async function evidenceById(db: Tx, id: number) {
  const [row] = await db
    .select({ ...evidenceColumns, roadmapId: roadmapItems.roadmapId })
    .from(itemEvidence)
    .innerJoin(storedFiles, eq(storedFiles.id, itemEvidence.fileId))
    .innerJoin(roadmapItems, eq(roadmapItems.id, itemEvidence.itemId))
    .where(eq(itemEvidence.id, id));
  return row;
}

/** File ids attached to the roadmap (before deleting it or its items). */
export async function fileIdsOfItems(db: Tx, roadmapId: number, exceptItemIds: number[] = []): Promise<number[]> {
  const rows = await db
    .selectDistinct({ fileId: itemEvidence.fileId })
    .from(itemEvidence)
    .innerJoin(roadmapItems, eq(roadmapItems.id, itemEvidence.itemId))
    .where(and(eq(roadmapItems.roadmapId, roadmapId), exceptItemIds.length ? notInArray(roadmapItems.id, exceptItemIds) : undefined));
  return rows.map((r) => r.fileId);
}

export async function insertStoredFile(db: Tx, values: typeof storedFiles.$inferInsert) {
  const [row] = await db.insert(storedFiles).values(values).returning();
  if (!row) throw new Error('file not saved');
  return row;
}

export async function insertEvidence(db: Tx, values: typeof itemEvidence.$inferInsert) {
  const [row] = await db.insert(itemEvidence).values(values).returning();
  if (!row) throw new Error('evidence not saved');
  return row;
}

export async function deleteEvidence(db: Tx, id: number): Promise<void> {
  await db.delete(itemEvidence).where(eq(itemEvidence.id, id));
}

/** Deletes stored files no evidence refers to any more; returns their content hashes. */
export async function deleteUnreferencedFiles(db: Tx, fileIds: number[]): Promise<string[]> {
  if (fileIds.length === 0) return [];
  const rows = await db
    .delete(storedFiles)
    .where(
      and(
        inArray(storedFiles.id, fileIds),
        sql`not exists (select 1 from ${itemEvidence} where ${itemEvidence.fileId} = ${storedFiles.id})`,
        sql`not exists (select 1 from ${roadmapRevisions} where ${roadmapRevisions.orderFileId} = ${storedFiles.id})`,
      ),
    )
    .returning({ sha256: storedFiles.sha256 });
  return [...new Set(rows.map((r) => r.sha256))];
}

export async function shaInUse(db: Tx, sha256: string): Promise<boolean> {
  const [row] = await db.select({ id: storedFiles.id }).from(storedFiles).where(eq(storedFiles.sha256, sha256)).limit(1);
  return row !== undefined;
}

export async function fileById(db: Tx, id: number) {
  const [row] = await db.select().from(storedFiles).where(eq(storedFiles.id, id));
  return row;
}

/** Owners of the roadmaps a file is attached to (for the download check). */
export async function roadmapsOfFile(db: Tx, fileId: number) {
  return db
    .selectDistinct({
      id: roadmaps.id,
      level: roadmaps.level,
      regionId: roadmaps.regionId,
      municipalityId: roadmaps.municipalityId,
      schoolId: roadmaps.schoolId,
    })
    .from(itemEvidence)
    .innerJoin(roadmapItems, eq(roadmapItems.id, itemEvidence.itemId))
    .innerJoin(roadmaps, eq(roadmaps.id, roadmapItems.roadmapId))
    .where(eq(itemEvidence.fileId, fileId))
    .union(
      db
        .selectDistinct({
          id: roadmaps.id,
          level: roadmaps.level,
          regionId: roadmaps.regionId,
          municipalityId: roadmaps.municipalityId,
          schoolId: roadmaps.schoolId,
        })
        .from(roadmapRevisions)
        .innerJoin(roadmaps, eq(roadmaps.id, roadmapRevisions.roadmapId))
        .where(eq(roadmapRevisions.orderFileId, fileId)),
    );
}

/**
 * Approves every draft roadmap of a cycle at once (revision 1 = its present plan, dated by its order): for generated
 * data only (medk synth, benchmarks) — users approve one by one with their order (lifecycle.ts).
 */
export async function approveDraftsOfCycle(db: Tx, cycleId: number): Promise<void> {
  await db.execute(sql`
    insert into roadmap_revisions (roadmap_id, number, kind, order_authority, order_number, order_date, order_title, items, diff, created_by)
    select r.id, 1, 'approval', r.order_authority, r.order_number, coalesce(r.order_date, (r.created_at at time zone 'UTC')::date), r.title,
      coalesce((
        select jsonb_agg(jsonb_build_object(
          'id', i.id, 'parentId', i.parent_id, 'position', i.position, 'number', i.number, 'title', i.title,
          'timingText', i.timing_text, 'startDate', i.start_date, 'dueDate', i.due_date,
          'periodic', (i.timing->>'period' is not null or i.timing->>'recurrence' is not null),
          'responsibleText', i.responsible_text, 'indicator', i.indicator, 'infoSupport', i.info_support
        ) order by i.position, i.id)
        from roadmap_items i where i.roadmap_id = r.id and i.removed_in_revision is null
      ), '[]'::jsonb),
      '{"added":[],"removed":[],"changed":[]}'::jsonb, r.created_by
    from roadmaps r where r.cycle_id = ${cycleId} and r.status = 'draft'`);
  await db.execute(sql`update roadmaps set status = 'approved', revision = 1 where cycle_id = ${cycleId} and status = 'draft'`);
}
