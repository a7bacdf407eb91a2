// Authorization matrix rows for the documents routes (docs/documents-api.md). In scope = school1's school (region 57,
// Кромской район, curated by curator1); out of scope = the closed region's school. Read: the school, its curator,
// coordinators and observers of the territory, federal, expert, admin; upload / programme — the school (and admin);
// confirm / return / reopen — the school's curator (and admin); deadlines — admin and federal coordinator.
import { and, eq } from 'drizzle-orm';
import { riskDirections, schoolDocuments } from '../../db/schema.js';
import { multipart } from '../multipart.js';
import type { Case, Req, Who } from './cases.js';
import type { Fixtures } from './fixtures.js';

const EVERYONE: Who[] = ['admin', 'fed', 'expert', 'region57', 'observer57', 'mo-kromy', 'curator1', 'school1'];
const ADMINS: Who[] = ['admin', 'fed'];
const SCHOOL_SIDE: Who[] = ['admin', 'school1'];
const CURATOR_SIDE: Who[] = ['admin', 'curator1'];

const PDF = Buffer.from('%PDF-1.4\n% документ для проверки прав\n%%EOF\n');
const FACTOR = 'low_motivation';
const PROGRAMME = { goal: 'Повысить мотивацию', tasks: ['Наставничество'], measures: [], indicators: [] };

const get = (url: string): Req => ({ method: 'GET', url });

/** A document of the school made directly in the database (a synthetic slot, so every request gets a fresh one). */
async function makeDocument(f: Fixtures, schoolId: number, status: 'draft' | 'submitted'): Promise<number> {
  const [row] = await f.db
    .insert(schoolDocuments)
    .values({ cycleId: f.cycleId, schoolId, slotKey: `authz_${f.next()}`, kind: 'concept', status })
    .returning();
  return row!.id;
}

const readable = new Map<number, number>();
async function readableDocument(f: Fixtures, schoolId: number): Promise<number> {
  const known = readable.get(schoolId);
  if (known !== undefined) return known;
  const id = await makeDocument(f, schoolId, 'draft');
  readable.set(schoolId, id);
  return id;
}

function upload(f: Fixtures, schoolId: number): Req {
  const { payload, headers } = multipart({ name: 'Среднесрочная программа.pdf', content: PDF });
  return { method: 'POST', url: `/api/documents/schools/${schoolId}/slots/midterm_programme/files?cycleId=${f.cycleId}`, body: payload, headers };
}

/** The programme of an activated direction, saved with the version currently stored (null before the first save). */
async function programme(f: Fixtures, schoolId: number): Promise<Req> {
  await f.db.insert(riskDirections).values({ cycleId: f.cycleId, schoolId, factorCode: FACTOR }).onConflictDoNothing();
  const slotKey = `antirisk_programme:${FACTOR}`;
  const [doc] = await f.db
    .select({ version: schoolDocuments.version })
    .from(schoolDocuments)
    .where(and(eq(schoolDocuments.cycleId, f.cycleId), eq(schoolDocuments.schoolId, schoolId), eq(schoolDocuments.slotKey, slotKey)));
  return {
    method: 'PUT',
    url: `/api/documents/schools/${schoolId}/slots/${slotKey}/programme`,
    body: { cycleId: f.cycleId, version: doc?.version ?? null, programme: PROGRAMME },
  };
}

async function confirm(f: Fixtures, schoolId: number): Promise<Req> {
  const id = await makeDocument(f, schoolId, 'submitted');
  return { method: 'POST', url: `/api/documents/${id}/transition`, body: { action: 'confirm', version: 1 } };
}

export const DOCUMENT_CASES: Case[] = [
  {
    route: 'GET /api/documents/overview',
    allowed: EVERYONE,
    inScope: (f) => get(`/api/documents/overview?cycleId=${f.cycleId}`),
    outOfScope: (f) => get(`/api/documents/overview?cycleId=${f.cycleId}&regionId=${f.out.regionId}`),
  },
  { route: 'GET /api/documents/deadlines', allowed: EVERYONE, inScope: (f) => get(`/api/documents/deadlines?cycleId=${f.cycleId}`) },
  {
    route: 'PUT /api/documents/deadlines',
    allowed: ADMINS,
    inScope: (f) => ({ method: 'PUT', url: '/api/documents/deadlines', body: { cycleId: f.cycleId, deadlines: { school_roadmap: '2026-05-15' } } }),
  },
  {
    route: 'GET /api/documents/schools/:schoolId',
    allowed: EVERYONE,
    inScope: (f) => get(`/api/documents/schools/${f.in.schoolId}?cycleId=${f.cycleId}`),
    outOfScope: (f) => get(`/api/documents/schools/${f.out.schoolId}?cycleId=${f.cycleId}`),
  },
  {
    route: 'POST /api/documents/schools/:schoolId/slots/:slotKey/files',
    allowed: SCHOOL_SIDE,
    inScope: (f) => upload(f, f.in.schoolId),
    outOfScope: (f) => upload(f, f.out.schoolId),
  },
  {
    route: 'PUT /api/documents/schools/:schoolId/slots/:slotKey/programme',
    allowed: SCHOOL_SIDE,
    inScope: (f) => programme(f, f.in.schoolId),
    outOfScope: (f) => programme(f, f.out.schoolId),
  },
  {
    route: 'GET /api/documents/:id',
    allowed: EVERYONE,
    inScope: async (f) => get(`/api/documents/${await readableDocument(f, f.in.schoolId)}`),
    outOfScope: async (f) => get(`/api/documents/${await readableDocument(f, f.out.schoolId)}`),
  },
  {
    route: 'POST /api/documents/:id/transition',
    allowed: CURATOR_SIDE,
    inScope: (f) => confirm(f, f.in.schoolId),
    outOfScope: (f) => confirm(f, f.out.schoolId),
  },
];
