// Audit log writer: called inside the same transaction as the change it describes.
import type { Actor, Place } from '../../../domain/access/policy.js';
import type { Tx } from '../../db/client.js';
import { auditLog } from '../../db/schema.js';

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
    changes: entry.changes ?? null,
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

export type { Actor };
