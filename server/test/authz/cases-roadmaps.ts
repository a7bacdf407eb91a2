// Authorization matrix rows for the roadmaps and monitoring routes. In scope = roadmaps of the demo
// region (a regional one and school ones of school1's school); out of scope = the closed region's.
// Who may act follows docs/roadmaps-api.md: read — own territory and levels above; edit — the owner
// or a coordinator above; marks and evidence — the owner only.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { EMPTY_DIFF } from '../../../domain/roadmaps/revisions.js';
import { cycles, itemEvidence, roadmaps, stageReports, storedFiles } from '../../db/schema.js';
import { snapshotOf } from '../../modules/roadmaps/lifecycle.js';
import { ensureStages } from '../../modules/monitoring/stages.js';
import { buildItems } from '../../modules/roadmaps/items.js';
import * as q from '../../modules/roadmaps/queries.js';
import { createFileStorage } from '../../storage/index.js';
import { multipart } from '../multipart.js';
import type { Case, Req, Who } from './cases.js';
import type { Fixtures } from './fixtures.js';

const EVERYONE: Who[] = ['admin', 'fed', 'expert', 'region57', 'observer57', 'mo-kromy', 'curator1', 'school1'];
/** May create or edit a school roadmap of school1's school. */
const SCHOOL_EDITORS: Who[] = ['admin', 'fed', 'region57', 'mo-kromy', 'school1'];
/** The owner of a school roadmap (and the administrator) marks execution and handles evidence. */
const SCHOOL_OWNER: Who[] = ['admin', 'school1'];

const get = (url: string): Req => ({ method: 'GET', url });

type Place =
  | { level: 'regional'; regionId: number }
  | { level: 'school'; regionId: number; municipalityId: number; schoolId: number };

interface Made {
  id: number;
  itemId: number;
  stageId: number;
}

/** A cycle of its own (closed, a far year): one roadmap per place and cycle, so each write gets a fresh place. */
async function freshCycle(f: Fixtures): Promise<{ id: number; year: number }> {
  const year = 2300 + f.next();
  const [cycle] = await f.db.insert(cycles).values({ year, title: `Проверка прав ${year}`, status: 'closed' }).returning();
  return cycle!;
}

async function makeRoadmap(f: Fixtures, place: Place, options: { fresh?: boolean; approved?: boolean } = {}): Promise<Made> {
  const cycle = options.fresh || options.approved ? await freshCycle(f) : (await f.db.select().from(cycles).where(eq(cycles.id, f.cycleId)))[0]!;
  const stages = await ensureStages(f.db, cycle);
  const rm = await q.insertRoadmap(f.db, {
    municipalityId: null,
    schoolId: null,
    ...place,
    cycleId: cycle.id,
    year: cycle.year,
    title: `Дорожная карта для проверки прав ${f.next()}`,
  });
  const [item] = buildItems([{ number: '1', title: 'Мероприятие', timingText: 'до 31.12.2026', responsibleText: 'ОО', indicator: '100%', infoSupport: '' }], cycle.year);
  const [itemId] = await q.insertItems(f.db, [
    {
      roadmapId: rm.id,
      position: item!.position,
      number: item!.number,
      title: item!.title,
      timingText: item!.timingText,
      timing: item!.timing as unknown as Record<string, unknown>,
      startDate: item!.startDate,
      dueDate: item!.dueDate,
      responsibleText: item!.responsibleText,
      responsibleParties: item!.responsibleParties,
      indicator: item!.indicator,
      infoSupport: item!.infoSupport,
      flags: item!.flags,
    },
  ]);
  if (options.approved) {
    await q.insertRevision(f.db, { roadmapId: rm.id, number: 1, kind: 'approval', orderNumber: '1', orderDate: '2026-01-15', items: snapshotOf(await q.itemsOf(f.db, rm.id)), diff: EMPTY_DIFF });
    await f.db.update(roadmaps).set({ status: 'approved', revision: 1 }).where(eq(roadmaps.id, rm.id));
  }
  return { id: rm.id, itemId: itemId!, stageId: stages[0]!.id };
}

/** A stage report of a municipality at stage 1 of a fresh cycle, as submitted. */
async function makeReport(f: Fixtures, regionId: number, municipalityId: number): Promise<number> {
  const cycle = await freshCycle(f);
  const [stage] = await ensureStages(f.db, cycle);
  const [row] = await f.db
    .insert(stageReports)
    .values({ stageId: stage!.id, level: 'municipal', regionId, municipalityId, status: 'submitted', snapshot: { territory: 'проверка' }, submittedAt: new Date() })
    .returning();
  return row!.id;
}

const inSchool = (f: Fixtures): Place => ({ level: 'school', regionId: f.in.regionId, municipalityId: f.in.municipalityId, schoolId: f.in.schoolId });
const outSchool = (f: Fixtures): Place => ({ level: 'school', regionId: f.out.regionId, municipalityId: f.out.municipalityId, schoolId: f.out.schoolId });

/** Roadmaps shared by the read-only rows, made once per fixture set. */
const shared = new WeakMap<Fixtures, Promise<{ inRegional: Made; outRegional: Made; inApproved: Made; outApproved: Made; inFile: number; outFile: number }>>();
function sharedOf(f: Fixtures) {
  let made = shared.get(f);
  if (!made) {
    made = (async () => {
      const inRegional = await makeRoadmap(f, { level: 'regional', regionId: f.in.regionId });
      const outRegional = await makeRoadmap(f, { level: 'regional', regionId: f.out.regionId });
      const inApproved = await makeRoadmap(f, { level: 'regional', regionId: f.in.regionId }, { approved: true });
      const outApproved = await makeRoadmap(f, { level: 'regional', regionId: f.out.regionId }, { approved: true });
      const inFile = await attachFile(f, await makeRoadmap(f, inSchool(f)));
      const outFile = await attachFile(f, await makeRoadmap(f, outSchool(f)));
      return { inRegional, outRegional, inApproved, outApproved, inFile, outFile };
    })();
    shared.set(f, made);
  }
  return made;
}

/** Stores a small PDF and attaches it to the roadmap's item at stage 1; returns the evidence id and file id. */
async function attach(f: Fixtures, rm: Made): Promise<{ evidenceId: number; fileId: number }> {
  const content = Buffer.from(`%PDF-1.4\n% evidence ${randomBytes(8).toString('hex')}\n%%EOF\n`);
  const blob = await createFileStorage(f.dataDir).put(content, { maxBytes: 1 << 20 });
  const [file] = await f.db.insert(storedFiles).values({ sha256: blob.sha256, size: blob.size, mime: 'application/pdf', name: 'Отчёт.pdf' }).returning();
  const [ev] = await f.db.insert(itemEvidence).values({ itemId: rm.itemId, stageId: rm.stageId, fileId: file!.id }).returning();
  return { evidenceId: ev!.id, fileId: file!.id };
}
const attachFile = async (f: Fixtures, rm: Made) => (await attach(f, rm)).fileId;

const ITEM = { number: '1', title: 'Посещение школы куратором', timingText: 'до 30.04.2026', responsibleText: 'Куратор', indicator: 'Справка', infoSupport: '' };

async function createSchoolRoadmap(f: Fixtures, schoolId: number): Promise<Req> {
  return {
    method: 'POST',
    url: '/api/roadmaps',
    body: { cycleId: (await freshCycle(f)).id, level: 'school', schoolId, title: `Дорожная карта школы ${f.next()}`, items: [ITEM] },
  };
}

const ORDER = { orderAuthority: 'Отдел образования', orderNumber: '9', orderDate: '2026-03-01' };
const amendment = (rm: Made) => ({ version: 1, ...ORDER, items: [{ id: rm.itemId, number: '1', title: 'Изменённое мероприятие', timingText: 'до 31.12.2026' }] });

function orderFileUpload(rm: Made): Req {
  const { payload, headers } = multipart({ name: 'приказ.pdf', content: Buffer.from(`%PDF-1.4\n% ${randomBytes(8).toString('hex')}\n%%EOF\n`) });
  return { method: 'POST', url: `/api/roadmaps/${rm.id}/revisions/1/order-file`, body: payload, headers };
}

const updateBody = (f: Fixtures) => ({ version: 1, title: `Изменённая дорожная карта ${f.next()}`, items: [ITEM] });
const markUrl = (rm: Made) => `/api/roadmaps/${rm.id}/items/${rm.itemId}/stages/${rm.stageId}`;

function evidenceUpload(rm: Made): Req {
  const { payload, headers } = multipart({ name: 'справка.pdf', content: Buffer.from(`%PDF-1.4\n% ${randomBytes(8).toString('hex')}\n%%EOF\n`) });
  return { method: 'POST', url: `${markUrl(rm)}/evidence`, body: payload, headers };
}

async function currentStages(f: Fixtures) {
  const [cycle] = await f.db.select().from(cycles).where(eq(cycles.id, f.cycleId));
  const stages = await ensureStages(f.db, cycle!);
  return stages.map((s) => ({ number: s.number, title: s.title, measuredOn: s.measuredOn, thresholdPercent: s.thresholdPercent }));
}

export const ROADMAP_CASES: Case[] = [
  {
    route: 'GET /api/roadmaps',
    allowed: EVERYONE,
    inScope: async (f) => {
      await sharedOf(f);
      return get(`/api/roadmaps?cycleId=${f.cycleId}`);
    },
    outOfScope: (f) => get(`/api/roadmaps?regionId=${f.out.regionId}`),
  },
  {
    route: 'POST /api/roadmaps',
    allowed: SCHOOL_EDITORS,
    inScope: (f) => createSchoolRoadmap(f, f.in.schoolId),
    outOfScope: (f) => createSchoolRoadmap(f, f.out.schoolId),
  },
  {
    route: 'POST /api/roadmaps/parse',
    allowed: SCHOOL_EDITORS,
    inScope: () => ({ method: 'POST', url: '/api/roadmaps/parse', body: { text: '1. Совещание с руководителями ОО | 10.03.2026 | УО | Протокол' } }),
  },
  {
    route: 'GET /api/roadmaps/:id',
    allowed: EVERYONE,
    inScope: async (f) => get(`/api/roadmaps/${(await sharedOf(f)).inRegional.id}`),
    outOfScope: async (f) => get(`/api/roadmaps/${(await sharedOf(f)).outRegional.id}`),
  },
  {
    route: 'PUT /api/roadmaps/:id',
    allowed: SCHOOL_EDITORS,
    inScope: async (f) => ({ method: 'PUT', url: `/api/roadmaps/${(await makeRoadmap(f, inSchool(f))).id}`, body: updateBody(f) }),
    outOfScope: async (f) => ({ method: 'PUT', url: `/api/roadmaps/${(await makeRoadmap(f, outSchool(f))).id}`, body: updateBody(f) }),
  },
  {
    route: 'PUT /api/roadmaps/:id/items/:itemId/measure',
    allowed: SCHOOL_EDITORS,
    inScope: async (f) => {
      const rm = await makeRoadmap(f, inSchool(f));
      return { method: 'PUT', url: `/api/roadmaps/${rm.id}/items/${rm.itemId}/measure`, body: { measure: 'visited' } };
    },
    outOfScope: async (f) => {
      const rm = await makeRoadmap(f, outSchool(f));
      return { method: 'PUT', url: `/api/roadmaps/${rm.id}/items/${rm.itemId}/measure`, body: { measure: 'visited' } };
    },
  },
  {
    route: 'DELETE /api/roadmaps/:id',
    allowed: SCHOOL_EDITORS,
    inScope: async (f) => ({ method: 'DELETE', url: `/api/roadmaps/${(await makeRoadmap(f, inSchool(f))).id}` }),
    outOfScope: async (f) => ({ method: 'DELETE', url: `/api/roadmaps/${(await makeRoadmap(f, outSchool(f))).id}` }),
  },
  {
    // a regional roadmap copied down as the municipal template: the municipality's coordinator and those above
    route: 'POST /api/roadmaps/:id/copy',
    allowed: ['admin', 'fed', 'region57', 'mo-kromy'],
    inScope: async (f) => ({ method: 'POST', url: `/api/roadmaps/${(await makeRoadmap(f, { level: 'regional', regionId: f.in.regionId }, { fresh: true })).id}/copy`, body: { municipalityId: f.in.municipalityId } }),
    outOfScope: async (f) => ({ method: 'POST', url: `/api/roadmaps/${(await makeRoadmap(f, { level: 'regional', regionId: f.out.regionId }, { fresh: true })).id}/copy`, body: { municipalityId: f.out.municipalityId } }),
  },
  {
    route: 'GET /api/roadmaps/:id/changes',
    allowed: EVERYONE,
    inScope: async (f) => get(`/api/roadmaps/${(await sharedOf(f)).inRegional.id}/changes`),
    outOfScope: async (f) => get(`/api/roadmaps/${(await sharedOf(f)).outRegional.id}/changes`),
  },
  {
    route: 'GET /api/roadmaps/:id/export',
    allowed: EVERYONE,
    inScope: async (f) => get(`/api/roadmaps/${(await sharedOf(f)).inRegional.id}/export?format=xlsx`),
    outOfScope: async (f) => get(`/api/roadmaps/${(await sharedOf(f)).outRegional.id}/export?format=docx`),
  },
  {
    route: 'POST /api/roadmaps/:id/items/:itemId/stages/:stageId/mark',
    allowed: SCHOOL_OWNER,
    inScope: async (f) => ({ method: 'POST', url: `${markUrl(await makeRoadmap(f, inSchool(f), { approved: true }))}/mark`, body: { action: 'start' } }),
    outOfScope: async (f) => ({ method: 'POST', url: `${markUrl(await makeRoadmap(f, outSchool(f), { approved: true }))}/mark`, body: { action: 'start' } }),
  },
  {
    route: 'POST /api/roadmaps/:id/items/:itemId/stages/:stageId/evidence',
    allowed: SCHOOL_OWNER,
    inScope: async (f) => evidenceUpload(await makeRoadmap(f, inSchool(f), { approved: true })),
    outOfScope: async (f) => evidenceUpload(await makeRoadmap(f, outSchool(f), { approved: true })),
  },
  {
    route: 'DELETE /api/roadmaps/:id/evidence/:evidenceId',
    allowed: SCHOOL_OWNER,
    inScope: async (f) => {
      const rm = await makeRoadmap(f, inSchool(f));
      return { method: 'DELETE', url: `/api/roadmaps/${rm.id}/evidence/${(await attach(f, rm)).evidenceId}` };
    },
    outOfScope: async (f) => {
      const rm = await makeRoadmap(f, outSchool(f));
      return { method: 'DELETE', url: `/api/roadmaps/${rm.id}/evidence/${(await attach(f, rm)).evidenceId}` };
    },
  },
  {
    // a file attached to a school roadmap is read by everyone who reads that roadmap
    route: 'GET /api/files/:fileId',
    allowed: EVERYONE,
    inScope: async (f) => get(`/api/files/${(await sharedOf(f)).inFile}`),
    outOfScope: async (f) => get(`/api/files/${(await sharedOf(f)).outFile}`),
  },

  // lifecycle: the editors of a roadmap approve and amend it; everyone who reads it reads its versions
  {
    route: 'POST /api/roadmaps/:id/approve',
    allowed: SCHOOL_EDITORS,
    inScope: async (f) => ({ method: 'POST', url: `/api/roadmaps/${(await makeRoadmap(f, inSchool(f), { fresh: true })).id}/approve`, body: { version: 1, ...ORDER } }),
    outOfScope: async (f) => ({ method: 'POST', url: `/api/roadmaps/${(await makeRoadmap(f, outSchool(f), { fresh: true })).id}/approve`, body: { version: 1, ...ORDER } }),
  },
  {
    route: 'POST /api/roadmaps/:id/amendments/preview',
    allowed: SCHOOL_EDITORS,
    inScope: async (f) => {
      const rm = await makeRoadmap(f, inSchool(f), { approved: true });
      return { method: 'POST', url: `/api/roadmaps/${rm.id}/amendments/preview`, body: amendment(rm) };
    },
    outOfScope: async (f) => {
      const rm = await makeRoadmap(f, outSchool(f), { approved: true });
      return { method: 'POST', url: `/api/roadmaps/${rm.id}/amendments/preview`, body: amendment(rm) };
    },
  },
  {
    route: 'POST /api/roadmaps/:id/amendments',
    allowed: SCHOOL_EDITORS,
    inScope: async (f) => {
      const rm = await makeRoadmap(f, inSchool(f), { approved: true });
      return { method: 'POST', url: `/api/roadmaps/${rm.id}/amendments`, body: amendment(rm) };
    },
    outOfScope: async (f) => {
      const rm = await makeRoadmap(f, outSchool(f), { approved: true });
      return { method: 'POST', url: `/api/roadmaps/${rm.id}/amendments`, body: amendment(rm) };
    },
  },
  {
    route: 'GET /api/roadmaps/:id/revisions',
    allowed: EVERYONE,
    inScope: async (f) => get(`/api/roadmaps/${(await sharedOf(f)).inApproved.id}/revisions`),
    outOfScope: async (f) => get(`/api/roadmaps/${(await sharedOf(f)).outApproved.id}/revisions`),
  },
  {
    route: 'GET /api/roadmaps/:id/revisions/:number',
    allowed: EVERYONE,
    inScope: async (f) => get(`/api/roadmaps/${(await sharedOf(f)).inApproved.id}/revisions/1`),
    outOfScope: async (f) => get(`/api/roadmaps/${(await sharedOf(f)).outApproved.id}/revisions/1`),
  },
  {
    route: 'POST /api/roadmaps/:id/revisions/:number/order-file',
    allowed: SCHOOL_EDITORS,
    inScope: async (f) => orderFileUpload(await makeRoadmap(f, inSchool(f), { approved: true })),
    outOfScope: async (f) => orderFileUpload(await makeRoadmap(f, outSchool(f), { approved: true })),
  },
  // monitoring stages are the programme's, one list per cycle: everyone reads, the federal level sets them
  { route: 'GET /api/monitoring/stages', allowed: EVERYONE, inScope: (f) => get(`/api/monitoring/stages?cycleId=${f.cycleId}`) },
  {
    route: 'PUT /api/monitoring/stages',
    allowed: ['admin', 'fed'],
    inScope: async (f) => ({ method: 'PUT', url: '/api/monitoring/stages', body: { cycleId: f.cycleId, stages: await currentStages(f) } }),
  },
  {
    route: 'GET /api/monitoring/summary',
    allowed: EVERYONE,
    inScope: async (f) => {
      await sharedOf(f);
      return get(`/api/monitoring/summary?cycleId=${f.cycleId}`);
    },
    outOfScope: (f) => get(`/api/monitoring/summary?regionId=${f.out.regionId}`),
  },
  // a region's own targets: everyone in it reads them, its coordinator (and the federal level) sets them
  {
    route: 'GET /api/monitoring/targets',
    allowed: EVERYONE,
    inScope: (f) => get(`/api/monitoring/targets?cycleId=${f.cycleId}&regionId=${f.in.regionId}`),
    outOfScope: (f) => get(`/api/monitoring/targets?cycleId=${f.cycleId}&regionId=${f.out.regionId}`),
  },
  {
    route: 'PUT /api/monitoring/targets',
    allowed: ['admin', 'fed', 'region57'],
    inScope: (f) => ({ method: 'PUT', url: '/api/monitoring/targets', body: { cycleId: f.cycleId, regionId: f.in.regionId, stages: [] } }),
    outOfScope: (f) => ({ method: 'PUT', url: '/api/monitoring/targets', body: { cycleId: f.cycleId, regionId: f.out.regionId, stages: [] } }),
  },
  // stage reports: coordinators and observers of the territory read; the municipality submits, the region reviews
  {
    route: 'GET /api/stage-reports',
    allowed: ['admin', 'fed', 'region57', 'observer57', 'mo-kromy'],
    inScope: (f) => get(`/api/stage-reports?cycleId=${f.cycleId}`),
    outOfScope: (f) => get(`/api/stage-reports?cycleId=${f.cycleId}&regionId=${f.out.regionId}`),
  },
  {
    route: 'GET /api/stage-reports/:id',
    allowed: ['admin', 'fed', 'region57', 'observer57', 'mo-kromy'],
    inScope: async (f) => get(`/api/stage-reports/${await makeReport(f, f.in.regionId, f.in.municipalityId)}`),
    outOfScope: async (f) => get(`/api/stage-reports/${await makeReport(f, f.out.regionId, f.out.municipalityId)}`),
  },
  {
    route: 'POST /api/stage-reports',
    allowed: ['admin', 'mo-kromy'],
    inScope: async (f) => ({ method: 'POST', url: '/api/stage-reports', body: { stageId: (await ensureStages(f.db, await freshCycle(f)))[0]!.id, municipalityId: f.in.municipalityId } }),
    outOfScope: async (f) => ({ method: 'POST', url: '/api/stage-reports', body: { stageId: (await ensureStages(f.db, await freshCycle(f)))[0]!.id, municipalityId: f.out.municipalityId } }),
  },
  {
    route: 'POST /api/stage-reports/:id/accept',
    allowed: ['admin', 'region57'],
    inScope: async (f) => ({ method: 'POST', url: `/api/stage-reports/${await makeReport(f, f.in.regionId, f.in.municipalityId)}/accept`, body: {} }),
    outOfScope: async (f) => ({ method: 'POST', url: `/api/stage-reports/${await makeReport(f, f.out.regionId, f.out.municipalityId)}/accept`, body: {} }),
  },
  {
    route: 'POST /api/stage-reports/:id/return',
    allowed: ['admin', 'region57'],
    inScope: async (f) => ({ method: 'POST', url: `/api/stage-reports/${await makeReport(f, f.in.regionId, f.in.municipalityId)}/return`, body: { comment: 'Уточните данные' } }),
    outOfScope: async (f) => ({ method: 'POST', url: `/api/stage-reports/${await makeReport(f, f.out.regionId, f.out.municipalityId)}/return`, body: { comment: 'Уточните данные' } }),
  },
];
