// School documents of a cycle (docs/documents-api.md, «Documents»): the checklist with states and progress, file
// uploads (type by content, ZIP directory checked, every upload a new version), the anti-risk programme as data
// (optimistic version), the workflow through the domain state machine (history + audit), the territory overview and
// the deadlines of a cycle.
import type { Readable } from 'node:stream';
import { scopeOf, type Actor, type Place } from '../../../domain/access/policy.js';
import {
  allowedActions,
  buildChecklist,
  checkUpload,
  checkZipEntries,
  DEFAULT_UPLOAD_LIMITS,
  defaultDeadlines,
  DOCUMENT_ACTIONS,
  DOCUMENT_KIND_LABELS,
  DOCUMENT_STATUS_LABELS,
  emptyProgramme,
  formatBytes,
  schoolProgress,
  slotState,
  territoryShare,
  transition,
  validateForSubmit,
  type AntiriskProgramme,
  type ChecklistSlot,
  type Deadlines,
  type DocumentAction,
  type DocumentKind,
  type DocumentStatus,
  type SchoolProgress,
  type SlotState,
  type TerritoryShare,
  type UploadKind,
  type UploadLimits,
} from '../../../domain/documents/index.js';
import { groupBy } from '../../../domain/collections.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../domain/errors.js';
import { FACTOR_CODES, type FactorCode } from '../../../domain/surveys/factors.js';
import type { Db, Tx } from '../../db/client.js';
import { enqueue } from '../../jobs/queue.js';
import { FileTooLargeError, type FileStorage, type StoredBlob } from '../../storage/index.js';
import { sanitizeFileName } from '../../storage/names.js';
import { detectFileType, KINDS, type FileKind } from '../../storage/sniff.js';
import { audit, type AuditActor } from '../audit/service.js';
import { today } from '../monitoring/clock.js';
import { JOB_KINDS } from '../notifications/handlers.js';
import { currentCycle, cycleById, type CycleRow } from '../monitoring/queries.js';
import { ensureStages } from '../monitoring/stages.js';
import { actorFor, checkVisible, CURATOR_ACTIONS, DOCUMENT_NOT_FOUND, readableSchool, SCHOOL_ACTIONS, type DocumentRights } from './access.js';
import * as q from './queries.js';
import { DEADLINE_KINDS, type DeadlineKind, type DeadlinesBody, type ProgrammeBody, type TransitionBody } from './schemas.js';
import { BrokenZipError, readZipEntries } from './zip.js';

const MB = 1024 * 1024;

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
  from: DocumentStatus;
  to: DocumentStatus;
  comment: string;
  actor: string | null;
  at: string;
}

export interface DocumentView {
  id: number;
  slotKey: string;
  kind: DocumentKind;
  status: DocumentStatus;
  version: number;
  reviewComment: string;
  programme: AntiriskProgramme | null;
  /** Newest first. */
  files: FileVersion[];
  /** Newest first. */
  events: DocumentEvent[];
  updatedAt: string;
  can: { upload: boolean; edit: boolean; actions: DocumentAction[] };
}

export interface SlotView extends ChecklistSlot {
  state: SlotState;
  document: DocumentView | null;
}

export interface OverviewRow {
  schoolId: number;
  name: string;
  municipality: string;
  curator: string | null;
  progress: SchoolProgress;
  overdue: number;
}

export interface Upload {
  stream: Readable;
  filename: string;
  /** The transport cut the file at its own limit. */
  truncated: () => boolean;
}

/** A file may be added and the programme edited while the document is with the school. */
const EDITABLE: readonly DocumentStatus[] = ['draft', 'returned'];

const AUDIT_ACTIONS: Record<DocumentAction, string> = {
  submit: 'submit',
  withdraw: 'update',
  confirm: 'approve',
  return: 'reject',
  reopen: 'update',
};

/** What happened, for the audit log. */
const DONE: Record<DocumentAction, string> = {
  submit: 'отправлен на проверку',
  withdraw: 'отозван с проверки',
  confirm: 'подтверждён куратором',
  return: 'возвращён на доработку',
  reopen: 'подтверждение снято, возвращён на доработку',
};

const fileError = (message: string) => new ValidationError(message, [{ path: 'file', message }]);
const lockedMessage = (status: DocumentStatus) =>
  `Документ ${DOCUMENT_STATUS_LABELS[status]}: менять его можно в статусах «черновик» и «возвращён на доработку»` +
  (status === 'submitted' ? ' — отзовите его с проверки' : '');

const MOSCOW_TIME = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** The kind of the domain's upload rules for a sniffed file kind. */
function uploadKindOf(kind: FileKind | null): UploadKind | null {
  if (!kind) return null;
  const found = (Object.entries(KINDS) as [UploadKind, FileKind][]).find(([, k]) => k.mime === kind.mime);
  return found ? found[0] : null;
}

const ZIP_KINDS: readonly UploadKind[] = ['docx', 'xlsx', 'odt'];

/** Reads the upload into memory (it is at most the configured limit), refusing more than `maxBytes`. */
async function readUpload(upload: Upload, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const raw of upload.stream) {
      const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw as Uint8Array);
      size += chunk.length;
      if (size > maxBytes) throw new FileTooLargeError(maxBytes);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof FileTooLargeError) throw error;
    // the request ended before the file did (a dropped connection, a cut multipart body)
    throw fileError('Файл передан не полностью: загрузите его ещё раз');
  }
  if (upload.truncated()) throw new FileTooLargeError(maxBytes);
  return Buffer.concat(chunks, size);
}

function isoOf(d: Date | string): string {
  return d instanceof Date ? d.toISOString() : new Date(d).toISOString();
}

interface Context {
  cycle: CycleRow;
  school: q.SchoolRow;
  rights: DocumentRights;
  directions: FactorCode[];
  slots: ChecklistSlot[];
}

export class DocumentsService {
  private readonly limits: UploadLimits;

  constructor(
    private readonly db: Db,
    private readonly storage: FileStorage,
    options: { uploadMaxMb: number },
  ) {
    this.limits = { ...DEFAULT_UPLOAD_LIMITS, maxBytes: Math.round(options.uploadMaxMb * MB) };
  }

  // ---- reading ----

  async school(actor: Actor, schoolId: number, cycleId?: number) {
    const ctx = await this.context(this.db, actor, schoolId, cycleId);
    const docs = await q.documentsOfSchool(this.db, ctx.cycle.id, ctx.school.id);
    const views = await this.views(this.db, docs, ctx.rights);
    const bySlot = new Map(views.map((v) => [v.slotKey, v]));
    const now = today();
    const slots: SlotView[] = ctx.slots.map((slot) => {
      const document = bySlot.get(slot.key) ?? null;
      return { ...slot, state: slotState(slot, document, now), document };
    });
    const can = ctx.rights.asSchool;
    return {
      school: { id: ctx.school.id, name: ctx.school.name, municipality: ctx.school.municipality },
      cycle: { id: ctx.cycle.id, year: ctx.cycle.year },
      directions: ctx.directions,
      slots,
      progress: schoolProgress(ctx.slots, docs, now),
      can: { upload: can, edit: can },
    };
  }

  async get(actor: Actor, id: number): Promise<{ document: DocumentView; slot: ChecklistSlot }> {
    const doc = await q.documentById(this.db, id);
    if (!doc) throw new NotFoundError(DOCUMENT_NOT_FOUND);
    const ctx = await this.context(this.db, actor, doc.schoolId, doc.cycleId, DOCUMENT_NOT_FOUND);
    const [document] = await this.views(this.db, [doc], ctx.rights);
    return { document: document as DocumentView, slot: slotOfDocument(ctx, doc) };
  }

  // ---- uploads ----

  /** Checks before reading an upload's body: a slot of the checklist, the school's side, an editable document. */
  async checkUpload(actor: Actor, schoolId: number, slotKey: string, cycleId?: number): Promise<void> {
    const ctx = await this.context(this.db, actor, schoolId, cycleId);
    slotIn(ctx, slotKey);
    if (!ctx.rights.asSchool) throw new ForbiddenError('Документы загружает школа');
    const doc = await q.documentBySlot(this.db, ctx.cycle.id, ctx.school.id, slotKey);
    if (doc && !EDITABLE.includes(doc.status)) throw fileError(lockedMessage(doc.status));
  }

  /** Stores the upload when its content is an allowed type (ZIP-based ones with a sane directory) and adds a version. */
  async upload(actor: Actor, who: AuditActor, schoolId: number, slotKey: string, cycleId: number | undefined, upload: Upload): Promise<{ document: DocumentView }> {
    await this.checkUpload(actor, schoolId, slotKey, cycleId);
    const tooLarge = () => fileError(`Файл больше ${formatBytes(this.limits.maxBytes)}: уменьшите его или разделите на части`);
    let blob: StoredBlob;
    let detected: FileKind | null = null;
    try {
      const content = await readUpload(upload, this.limits.maxBytes);
      blob = await this.storage.put(content, {
        maxBytes: this.limits.maxBytes,
        inspect: async (sample) => {
          detected = detectFileType(sample);
          const kind = uploadKindOf(detected);
          const problem = checkUpload({ size: sample.size, kind }, this.limits);
          if (problem) throw fileError(problem.code === 'kind_not_allowed' ? `Такой файл не принимается. ${problem.message}` : problem.message);
          if (kind && ZIP_KINDS.includes(kind)) {
            let entries;
            try {
              entries = await readZipEntries(content, this.limits.zip.maxEntries);
            } catch (error) {
              if (error instanceof BrokenZipError) throw fileError('Файл повреждён: его не удаётся прочитать');
              throw error;
            }
            const zipProblem = checkZipEntries(entries, this.limits);
            if (zipProblem) throw fileError(zipProblem.message);
          }
        },
      });
    } catch (error) {
      if (error instanceof FileTooLargeError) throw tooLarge();
      throw error;
    }
    const kind = detected as FileKind | null;
    if (!kind) throw fileError('Такой файл не принимается');
    try {
      return await this.db.transaction(async (tx) => {
        const ctx = await this.context(tx, actor, schoolId, cycleId);
        const slot = slotIn(ctx, slotKey);
        if (!ctx.rights.asSchool) throw new ForbiddenError('Документы загружает школа');
        const { doc, created } = await this.lockOrCreate(tx, ctx, slot, actor);
        if (!EDITABLE.includes(doc.status)) throw fileError(lockedMessage(doc.status));
        const name = sanitizeFileName(upload.filename, kind.ext);
        const file = await q.insertStoredFile(tx, { sha256: blob.sha256, size: blob.size, mime: kind.mime, name, createdBy: actor.userId });
        const version = await q.insertVersion(tx, doc.id, file.id, actor.userId);
        const saved = await q.updateDocument(tx, doc.id, {
          version: created ? doc.version : doc.version + 1,
          updatedBy: actor.userId,
          updatedAt: new Date(),
        });
        await audit(tx, who, {
          action: 'create',
          entityType: 'document_version',
          entityId: version.id,
          place: placeOf(ctx.school),
          summary: `${ctx.school.name}: загружен файл «${name}» (${kind.label}, версия ${version.number}) — ${slot.title}, ${ctx.cycle.year} год`,
          changes: { documentId: doc.id, slotKey, version: version.number, file: name, size: blob.size, sha256: blob.sha256 },
        });
        const [view] = await this.views(tx, [saved], ctx.rights);
        return { document: view as DocumentView };
      });
    } catch (error) {
      if (blob.created) await this.dropBlob(blob.sha256);
      throw error;
    }
  }

  // ---- anti-risk programme ----

  async saveProgramme(actor: Actor, who: AuditActor, schoolId: number, slotKey: string, body: ProgrammeBody): Promise<{ document: DocumentView }> {
    return this.db.transaction(async (tx) => {
      const ctx = await this.context(tx, actor, schoolId, body.cycleId);
      const slot = slotIn(ctx, slotKey);
      if (slot.kind !== 'antirisk_programme') {
        const message = 'Данными заполняется только антирисковая программа';
        throw new ValidationError(message, [{ path: 'slotKey', message }]);
      }
      if (!ctx.rights.asSchool) throw new ForbiddenError('Антирисковую программу заполняет школа');
      let doc = await q.documentBySlot(tx, ctx.cycle.id, ctx.school.id, slotKey, true);
      let created = false;
      if (!doc && body.version === null) {
        doc = await q.insertDocument(tx, this.newDocument(ctx, slot, actor));
        if (doc) created = true;
        else doc = await q.documentBySlot(tx, ctx.cycle.id, ctx.school.id, slotKey, true);
      }
      if (!doc) throw new ConflictError('Программа не найдена: обновите страницу', [{ path: 'version', message: 'Обновите страницу' }]);
      if (!created && body.version !== doc.version) throw await this.conflict(tx, doc, 'Программу');
      if (!EDITABLE.includes(doc.status)) throw new ValidationError(lockedMessage(doc.status), [{ path: 'programme', message: lockedMessage(doc.status) }]);
      const before = doc.programme as AntiriskProgramme | null;
      const saved = await q.updateDocument(tx, doc.id, {
        programme: body.programme as unknown as Record<string, unknown>,
        version: created ? doc.version : doc.version + 1,
        updatedBy: actor.userId,
        updatedAt: new Date(),
      });
      const p = body.programme;
      await audit(tx, who, {
        action: created ? 'create' : 'update',
        entityType: 'school_document',
        entityId: doc.id,
        place: placeOf(ctx.school),
        summary: `${ctx.school.name}: ${created ? 'заполнена' : 'изменена'} — ${slot.title} (${ctx.cycle.year} год)`,
        changes: {
          slotKey,
          version: [doc.version, saved.version],
          tasks: [before?.tasks.length ?? null, p.tasks.length],
          measures: [before?.measures.length ?? null, p.measures.length],
          indicators: [before?.indicators.length ?? null, p.indicators.length],
          ...(before?.goal !== p.goal ? { goal: [before?.goal ?? null, p.goal] } : {}),
        },
      });
      const [view] = await this.views(tx, [saved], ctx.rights);
      return { document: view as DocumentView };
    });
  }

  // ---- workflow ----

  async transition(actor: Actor, who: AuditActor, id: number, body: TransitionBody): Promise<{ document: DocumentView }> {
    return this.db.transaction(async (tx) => {
      const doc = await q.documentById(tx, id, true);
      if (!doc) throw new NotFoundError(DOCUMENT_NOT_FOUND);
      const ctx = await this.context(tx, actor, doc.schoolId, doc.cycleId, DOCUMENT_NOT_FOUND);
      const { action } = body;
      const by = actorFor(ctx.rights, action);
      const side = SCHOOL_ACTIONS.includes(action) ? 'school' : 'curator';
      if (by !== side) {
        const refused = transition(doc.status, action, by);
        throw new ForbiddenError(refused.ok ? undefined : refused.reason);
      }
      if (body.version !== doc.version) throw await this.conflict(tx, doc, 'Документ');

      const versions = await q.versionsOf(tx, [doc.id]);
      const programme = doc.programme as AntiriskProgramme | null;
      const programmeIssues = doc.kind === 'antirisk_programme' ? validateForSubmit(programme ?? emptyProgramme()) : [];
      // an anti-risk programme is submitted as data (a file — e.g. the signed scan — is optional); other kinds as a file
      const hasContent = doc.kind === 'antirisk_programme' ? programme !== null && programmeIssues.length === 0 : versions.length > 0;
      const comment = body.comment.trim();
      const result = transition(doc.status, action, by, { comment, hasContent });
      if (!result.ok) {
        if (action === 'submit' && doc.kind === 'antirisk_programme' && EDITABLE.includes(doc.status)) {
          throw new ValidationError(
            'Заполните антирисковую программу перед отправкой',
            programmeIssues.map((i) => ({ path: `programme.${i.path}`, message: i.message })),
          );
        }
        const path = CURATOR_ACTIONS.includes(action) && comment === '' && ACTION_FROM[action].includes(doc.status) ? 'comment' : 'action';
        throw new ValidationError(result.reason, [{ path, message: result.reason }]);
      }
      const decides = CURATOR_ACTIONS.includes(action);
      const saved = await q.updateDocument(tx, doc.id, {
        status: result.to,
        reviewComment: decides ? comment : doc.reviewComment,
        version: doc.version + 1,
        updatedBy: actor.userId,
        updatedAt: new Date(),
      });
      await q.insertEvent(tx, { documentId: doc.id, action, fromStatus: doc.status, toStatus: result.to, comment, actorId: actor.userId });
      const slot = slotOfDocument(ctx, doc);
      if (action !== 'withdraw') {
        // notifications (server/modules/notifications): the job exists exactly when this transition commits
        const payload = { documentId: doc.id, action, version: saved.version, slotTitle: slot.title, comment };
        await enqueue(tx, JOB_KINDS.document, payload, { dedupeKey: `document:${doc.id}:v${saved.version}` });
      }
      await audit(tx, who, {
        action: AUDIT_ACTIONS[action],
        entityType: 'school_document',
        entityId: doc.id,
        place: placeOf(ctx.school),
        summary:
          `${ctx.school.name}: ${slot.title} (${ctx.cycle.year} год) — ${DONE[action]} ` +
          `(${DOCUMENT_STATUS_LABELS[doc.status]} → ${DOCUMENT_STATUS_LABELS[result.to]})${comment ? `. Комментарий: ${comment}` : ''}`,
        changes: { status: [doc.status, result.to], action, slotKey: doc.slotKey, ...(comment ? { comment } : {}) },
      });
      const [view] = await this.views(tx, [saved], ctx.rights);
      return { document: view as DocumentView };
    });
  }

  // ---- coordinators ----

  async overview(actor: Actor, filter: { cycleId?: number; regionId?: number; municipalityId?: number }): Promise<{ share: TerritoryShare; schools: OverviewRow[] }> {
    const cycle = await this.cycle(this.db, filter.cycleId);
    if (filter.regionId !== undefined) checkVisible(actor, await q.regionExists(this.db, filter.regionId), 'Регион не найден');
    if (filter.municipalityId !== undefined) checkVisible(actor, await q.municipalityPlace(this.db, filter.municipalityId), 'Муниципалитет не найден');
    const f: q.OverviewFilter = { cycleId: cycle.id, regionId: filter.regionId, municipalityId: filter.municipalityId };
    const scope = scopeOf(actor);
    const curatorId = actor.role === 'curator' ? actor.userId : null;
    const stages = await ensureStages(this.db, cycle);
    const [schools, directions, docs, deadlines] = await Promise.all([
      q.overviewSchools(this.db, scope, f, curatorId),
      q.overviewDirections(this.db, scope, f, curatorId),
      q.overviewDocuments(this.db, scope, f, curatorId),
      this.overrides(this.db, cycle.id),
    ]);
    const directionsBySchool = groupBy(directions, (d) => d.schoolId);
    const docsBySchool = groupBy(docs, (d) => d.schoolId);
    const now = today();
    const rows: OverviewRow[] = schools.map((s) => {
      const slots = buildChecklist({
        directions: factorCodes((directionsBySchool.get(s.id) ?? []).map((d) => d.code)),
        stages,
        deadlines,
        year: cycle.year,
      });
      const progress = schoolProgress(slots, docsBySchool.get(s.id) ?? [], now);
      return { schoolId: s.id, name: s.name, municipality: s.municipality, curator: s.curator, progress, overdue: progress.states.overdue };
    });
    return { share: territoryShare(rows), schools: rows };
  }

  async deadlines(cycleId?: number): Promise<{ cycleId: number; deadlines: Deadlines }> {
    const cycle = await this.cycle(this.db, cycleId);
    return { cycleId: cycle.id, deadlines: { ...defaultDeadlines(cycle.year), ...(await this.overrides(this.db, cycle.id)) } };
  }

  async setDeadlines(actor: Actor, who: AuditActor, body: DeadlinesBody): Promise<{ cycleId: number; deadlines: Deadlines }> {
    if (actor.role !== 'admin' && actor.role !== 'federal_coordinator') throw new ForbiddenError('Сроки документов устанавливает федеральный координатор');
    return this.db.transaction(async (tx) => {
      const cycle = await cycleById(tx, body.cycleId);
      if (!cycle) throw new ValidationError('Год проекта не найден', [{ path: 'cycleId', message: 'Год проекта не найден' }]);
      const before: Deadlines = { ...defaultDeadlines(cycle.year), ...(await this.overrides(tx, cycle.id)) };
      const changes: Record<string, [string, string]> = {};
      for (const kind of DEADLINE_KINDS) {
        const due = body.deadlines[kind];
        if (due === undefined) continue;
        await q.upsertDeadline(tx, cycle.id, kind, due);
        if (due !== before[kind]) changes[kind] = [before[kind], due];
      }
      const after: Deadlines = { ...before, ...(body.deadlines as Partial<Deadlines>) };
      await audit(tx, who, {
        action: 'update',
        entityType: 'document_deadlines',
        entityId: cycle.id,
        summary:
          `Сроки документов ${cycle.year} года: ` +
          (Object.keys(changes).length
            ? Object.entries(changes)
                .map(([k, [a, b]]) => `${DOCUMENT_KIND_LABELS[k as DeadlineKind]} — ${b} (было ${a})`)
                .join('; ')
            : 'без изменений'),
        changes,
      });
      return { cycleId: cycle.id, deadlines: after };
    });
  }

  // ---- helpers ----

  private async cycle(db: Tx, cycleId?: number): Promise<CycleRow> {
    const cycle = cycleId === undefined ? await currentCycle(db) : await cycleById(db, cycleId);
    if (!cycle) throw new NotFoundError('Год проекта не найден');
    return cycle;
  }

  private async overrides(db: Tx, cycleId: number): Promise<Partial<Deadlines>> {
    const rows = await q.deadlinesOf(db, cycleId);
    return Object.fromEntries(rows.filter((r) => r.kind !== 'evidence').map((r) => [r.kind, r.dueDate])) as Partial<Deadlines>;
  }

  /** The school's documents of a cycle as the actor may see them: 404 unless readable and taking part in the cycle. */
  private async context(db: Tx, actor: Actor, schoolId: number, cycleId?: number, notFound?: string): Promise<Context> {
    const cycle = await this.cycle(db, cycleId);
    const { school, rights } = await readableSchool(db, actor, schoolId, cycle.id).catch((error: unknown) => {
      if (notFound && error instanceof NotFoundError) throw new NotFoundError(notFound);
      throw error;
    });
    if (!(await q.inCycle(db, cycle.id, school.id))) throw new NotFoundError(notFound ?? `Школа не участвует в проекте в ${cycle.year} году`);
    const [stages, codes, deadlines] = await Promise.all([ensureStages(db, cycle), q.directionsOf(db, cycle.id, school.id), this.overrides(db, cycle.id)]);
    const directions = factorCodes(codes);
    return { cycle, school, rights, directions, slots: buildChecklist({ directions, stages, deadlines, year: cycle.year }) };
  }

  private newDocument(ctx: Context, slot: ChecklistSlot, actor: Actor) {
    return {
      cycleId: ctx.cycle.id,
      schoolId: ctx.school.id,
      slotKey: slot.key,
      kind: slot.kind,
      factorCode: slot.factorCode ?? null,
      stageId: slot.stageId ?? null,
      updatedBy: actor.userId,
    };
  }

  /** The slot's document, locked; created as a draft on first use. */
  private async lockOrCreate(tx: Tx, ctx: Context, slot: ChecklistSlot, actor: Actor): Promise<{ doc: q.DocumentRow; created: boolean }> {
    const existing = await q.documentBySlot(tx, ctx.cycle.id, ctx.school.id, slot.key, true);
    if (existing) return { doc: existing, created: false };
    const inserted = await q.insertDocument(tx, this.newDocument(ctx, slot, actor));
    if (inserted) return { doc: inserted, created: true };
    // another request created it meanwhile
    const doc = await q.documentBySlot(tx, ctx.cycle.id, ctx.school.id, slot.key, true);
    if (!doc) throw new Error('document vanished');
    return { doc, created: false };
  }

  private async conflict(tx: Tx, doc: q.DocumentRow, what: 'Документ' | 'Программу'): Promise<ConflictError> {
    const name = (await q.userName(tx, doc.updatedBy)) ?? 'другой пользователь';
    const when = MOSCOW_TIME.format(doc.updatedAt);
    const verb = what === 'Документ' ? 'Документ уже изменил(а)' : 'Программу уже сохранил(а)';
    const message = `${verb} ${name} (${when} мск). Обновите страницу: ваши изменения не сохранены.`;
    return new ConflictError(message, [{ path: 'version', message }]);
  }

  private async views(db: Tx, docs: q.DocumentRow[], rights: DocumentRights): Promise<DocumentView[]> {
    const ids = docs.map((d) => d.id);
    const [versions, events] = await Promise.all([q.versionsOf(db, ids), q.eventsOf(db, ids)]);
    const versionsOf = groupBy(versions, (v) => v.documentId);
    const eventsOf = groupBy(events, (e) => e.documentId);
    return docs.map((d) => {
      const editable = rights.asSchool && EDITABLE.includes(d.status);
      const actions = new Set<DocumentAction>([
        ...(rights.asSchool ? allowedActions(d.status, 'school') : []),
        ...(rights.asCurator ? allowedActions(d.status, 'curator') : []),
      ]);
      return {
        id: d.id,
        slotKey: d.slotKey,
        kind: d.kind,
        status: d.status,
        version: d.version,
        reviewComment: d.reviewComment,
        programme: (d.programme as AntiriskProgramme | null) ?? null,
        files: (versionsOf.get(d.id) ?? []).map((v) => ({
          id: v.id,
          number: v.number,
          fileId: v.fileId,
          name: v.name,
          size: v.size,
          mime: v.mime,
          uploadedAt: isoOf(v.uploadedAt),
          uploadedBy: v.uploadedBy,
        })),
        events: (eventsOf.get(d.id) ?? []).map((e) => ({ action: e.action, from: e.from, to: e.to, comment: e.comment, actor: e.actor, at: isoOf(e.at) })),
        updatedAt: isoOf(d.updatedAt),
        can: { upload: editable, edit: editable && d.kind === 'antirisk_programme', actions: DOCUMENT_ACTIONS.filter((a) => actions.has(a)) },
      };
    });
  }

  private async dropBlob(sha256: string): Promise<void> {
    try {
      if (!(await q.shaInUse(this.db, sha256))) await this.storage.remove(sha256);
    } catch {
      // an unreferenced leftover is never served
    }
  }
}

/** Statuses an action of the curator starts from (to tell a missing comment from a wrong status). */
const ACTION_FROM: Record<DocumentAction, readonly DocumentStatus[]> = {
  submit: ['draft', 'returned'],
  withdraw: ['submitted'],
  confirm: ['submitted'],
  return: ['submitted'],
  reopen: ['confirmed'],
};

function placeOf(school: q.SchoolRow): Place {
  return { regionId: school.regionId, municipalityId: school.municipalityId, schoolId: school.id };
}

function factorCodes(codes: readonly string[]): FactorCode[] {
  return FACTOR_CODES.filter((c) => codes.includes(c));
}

function slotIn(ctx: Context, slotKey: string): ChecklistSlot {
  const slot = ctx.slots.find((s) => s.key === slotKey);
  if (!slot) throw new NotFoundError('Такого документа нет в перечне школы на этот год');
  return slot;
}

/** The document's slot; a slot no longer in the checklist (a direction taken back) is rebuilt from the document. */
function slotOfDocument(ctx: Context, doc: q.DocumentRow): ChecklistSlot {
  const slot = ctx.slots.find((s) => s.key === doc.slotKey);
  if (slot) return slot;
  const due = doc.kind === 'evidence' ? `${ctx.cycle.year}-12-31` : defaultDeadlines(ctx.cycle.year)[doc.kind as keyof Deadlines];
  return {
    key: doc.slotKey,
    kind: doc.kind,
    title: DOCUMENT_KIND_LABELS[doc.kind],
    ...(doc.factorCode ? { factorCode: doc.factorCode as FactorCode } : {}),
    ...(doc.stageId ? { stageId: doc.stageId } : {}),
    dueDate: due,
  };
}
