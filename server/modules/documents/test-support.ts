// Helpers of the documents API tests: demo ids, activated directions, uploads, counts and files on disk.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { riskDirections } from '../../db/schema.js';
import type { Client } from '../../test/harness.js';
import { multipart } from '../../test/multipart.js';

export { demoIds, type DemoIds } from '../roadmaps/test-support.js';

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 0x90)]);

export interface FileVersion {
  id: number;
  number: number;
  fileId: number;
  name: string;
  size: number;
  mime: string;
  uploadedAt: string;
  uploadedBy: string | null;
}
export interface DocumentEvent {
  action: string;
  from: string;
  to: string;
  comment: string;
  actor: string | null;
  at: string;
}
export interface DocumentView {
  id: number;
  slotKey: string;
  kind: string;
  status: string;
  version: number;
  reviewComment: string;
  programme: Record<string, unknown> | null;
  files: FileVersion[];
  events: DocumentEvent[];
  updatedAt: string;
  can: { upload: boolean; edit: boolean; actions: string[] };
}
export interface SlotView {
  key: string;
  kind: string;
  title: string;
  dueDate: string;
  state: string;
  document: DocumentView | null;
}
export interface SchoolDocuments {
  school: { id: number; name: string; municipality: string };
  cycle: { id: number; year: number };
  directions: string[];
  slots: SlotView[];
  progress: { total: number; confirmed: number; states: Record<string, number>; byKind: Record<string, { total: number; confirmed: number }> };
  can: { upload: boolean; edit: boolean };
}

/** Activates risk directions of a school in a cycle (as the risk-profile module would). */
export async function activate(db: Db, cycleId: number, schoolId: number, codes: string[]): Promise<void> {
  await db
    .insert(riskDirections)
    .values(codes.map((factorCode) => ({ cycleId, schoolId, factorCode })))
    .onConflictDoNothing();
}

export function uploadTo(client: Client, schoolId: number, slotKey: string, name: string, content: Buffer) {
  const { payload, headers } = multipart({ name, content });
  return client.request('POST', `/api/documents/schools/${schoolId}/slots/${slotKey}/files`, payload, headers);
}

export async function count(db: Db, table: string): Promise<number> {
  const res = await db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return Number((res as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
}

/** Rows of the documents tables and stored files, and files on disk (complete or temporary). */
export async function footprint(db: Db, dataDir: string) {
  const root = join(dataDir, 'files');
  let disk: string[];
  try {
    disk = readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort();
  } catch {
    disk = [];
  }
  return {
    documents: await count(db, 'school_documents'),
    versions: await count(db, 'document_versions'),
    files: await count(db, 'stored_files'),
    disk,
  };
}
