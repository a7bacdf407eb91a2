// Reading the audit log, limited to the actor's scope.
import { and, count, desc, eq, gte, ilike, lt, or, type SQL } from 'drizzle-orm';
import type { Scope } from '../../../domain/access/policy.js';
import type { Tx } from '../../db/client.js';
import { auditLog, municipalities, regions, schools } from '../../db/schema.js';
import { withinScope } from '../../db/scope.js';

export interface AuditFilter {
  action?: string;
  entityType?: string;
  entityId?: string;
  userId?: number;
  q?: string;
  /** Inclusive lower bound. */
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
}

const auditCols = { regionId: auditLog.regionId, municipalityId: auditLog.municipalityId, schoolId: auditLog.schoolId };

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function conditions(scope: Scope, filter: AuditFilter): SQL {
  const where: SQL[] = [withinScope(scope, auditCols)];
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.entityType) where.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId) where.push(eq(auditLog.entityId, filter.entityId));
  if (filter.userId) where.push(eq(auditLog.userId, filter.userId));
  if (filter.from) where.push(gte(auditLog.at, filter.from));
  if (filter.to) where.push(lt(auditLog.at, filter.to));
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    where.push(
      or(ilike(auditLog.summary, pattern), ilike(auditLog.userLogin, pattern), eq(auditLog.entityId, filter.q)) as SQL,
    );
  }
  return and(...where) as SQL;
}

export async function listAudit(db: Tx, scope: Scope, filter: AuditFilter, page: { offset: number; limit: number }) {
  const where = conditions(scope, filter);
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      userId: auditLog.userId,
      userLogin: auditLog.userLogin,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      regionId: auditLog.regionId,
      municipalityId: auditLog.municipalityId,
      schoolId: auditLog.schoolId,
      regionName: regions.name,
      municipalityName: municipalities.name,
      schoolName: schools.shortName,
      summary: auditLog.summary,
      changes: auditLog.changes,
    })
    .from(auditLog)
    .leftJoin(regions, eq(regions.id, auditLog.regionId))
    .leftJoin(municipalities, eq(municipalities.id, auditLog.municipalityId))
    .leftJoin(schools, eq(schools.id, auditLog.schoolId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await db.select({ n: count() }).from(auditLog).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

/** Actions and entity types that occur in the visible part of the log (for filter lists). */
export async function auditFacets(db: Tx, scope: Scope) {
  const where = withinScope(scope, auditCols);
  const actions = await db
    .selectDistinct({ value: auditLog.action })
    .from(auditLog)
    .where(where)
    .orderBy(auditLog.action);
  const entityTypes = await db
    .selectDistinct({ value: auditLog.entityType })
    .from(auditLog)
    .where(where)
    .orderBy(auditLog.entityType);
  return { actions: actions.map((r) => r.value), entityTypes: entityTypes.map((r) => r.value) };
}
