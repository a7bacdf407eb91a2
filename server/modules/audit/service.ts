// Audit log writer: called inside the same transaction as the change it describes. Also the log's reader.
import { roleMay, scopeOf, type Actor, type Place } from '../../../domain/access/policy.js';
import { ForbiddenError } from '../../../domain/errors.js';
import type { Tx } from '../../db/client.js';
import { auditLog } from '../../db/schema.js';
import * as q from './queries.js';

export interface AuditEntry {
  action: 'create' | 'update' | 'delete' | 'import' | 'login' | 'logout' | 'password' | 'credentials' | string;
  entityType: string;
  entityId?: string | number | null;
  place?: Partial<Place> | null;
  summary: string;
  changes?: Record<string, unknown>;
}

export interface AuditActor {
  userId: number;
  login: string;
}

export async function audit(db: Tx, who: AuditActor | null, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    userId: who?.userId ?? null,
    userLogin: who?.login ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    regionId: entry.place?.regionId ?? null,
    municipalityId: entry.place?.municipalityId ?? null,
    schoolId: entry.place?.schoolId ?? null,
    summary: entry.summary,
    changes: entry.changes ? (redact(entry.changes) as Record<string, unknown>) : null,
  });
}

/** Only the fields that changed, as {field: [before, after]}. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (key === 'updatedAt' || key === 'createdAt' || key === 'passwordHash') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = [before[key] ?? null, after[key] ?? null];
  }
  return out;
}

// Secrets never reach the log, even if a caller passes a whole row by mistake.
const SECRET_KEYS = /^(password|passwordhash|newpassword|currentpassword|token|csrftoken|secret)$/i;

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !SECRET_KEYS.test(key))
        .map(([key, v]) => [key, redact(v)]),
    );
  }
  return value;
}

export interface AuditItem {
  id: number;
  at: string;
  userId: number | null;
  userLogin: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: string;
  changes: Record<string, unknown> | null;
  regionId: number | null;
  municipalityId: number | null;
  schoolId: number | null;
  regionName: string | null;
  municipalityName: string | null;
  schoolName: string | null;
}

/** The part of the log inside the actor's territory (all of it, incl. entries without territory, for federal roles). */
export async function readAudit(
  db: Tx,
  actor: Actor,
  filter: q.AuditFilter,
  page: { page: number; pageSize: number },
): Promise<{ items: AuditItem[]; total: number; page: number; pageSize: number }> {
  if (!roleMay(actor.role, 'audit.read')) throw new ForbiddenError();
  const { rows, total } = await q.listAudit(db, scopeOf(actor), filter, {
    offset: (page.page - 1) * page.pageSize,
    limit: page.pageSize,
  });
  return {
    items: rows.map((r) => ({
      ...r,
      at: r.at.toISOString(),
      changes: r.changes ? (redact(r.changes) as Record<string, unknown>) : null,
    })),
    total,
    page: page.page,
    pageSize: page.pageSize,
  };
}

export async function auditFacets(db: Tx, actor: Actor) {
  if (!roleMay(actor.role, 'audit.read')) throw new ForbiddenError();
  return q.auditFacets(db, scopeOf(actor));
}

export type { Actor };
