// Execution marks per monitoring stage (the owner marks, the level above confirms or returns), evidence
// files (checked by content, stored once by content hash) and their download.
import type { Actor } from '../../../domain/access/policy.js';
import { ruDate } from '../../../domain/dates.js';
import { CodedConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../domain/errors.js';
import { touchedStages } from '../../../domain/monitoring/figures.js';
import { transition, type ExecutionAction } from '../../../domain/monitoring/execution.js';
import { STATUS_LABELS } from '../../../domain/monitoring/stages.js';
import { canReadRoadmap, isOwner, isReviewer } from '../../../domain/roadmaps/access.js';
import type { Db, Tx } from '../../db/client.js';
import { fileError, storeChecked, type Upload } from '../../storage/checked.js';
import type { FileStorage } from '../../storage/index.js';
import { sanitizeFileName } from '../../storage/names.js';
import { audit, type AuditActor } from '../audit/service.js';
import { mayReadDocumentFile } from '../documents/access.js';
import { enqueue } from '../../jobs/queue.js';
import { today } from '../monitoring/clock.js';
import { stagesResolver } from '../monitoring/figures.js';
import { ROADMAP_JOB } from '../notifications/jobs.js';
import { lockingReports } from '../stage-reports/queries.js';
import { stageById } from '../monitoring/queries.js';
import { isRunFileOf } from '../reports/queries.js';
import { readableRoadmap } from './access.js';
import * as q from './queries.js';
import { placeOf } from './service.js';
import { evidenceView, isPeriodic, markView, type EvidenceView, type Mark } from './views.js';

/** The stages a roadmap is measured against (its region's targets applied). */
async function stagesFor(tx: Tx, rm: q.RoadmapRow) {
  const cycle = await q.cycleById(tx, rm.cycleId);
  if (!cycle) throw new NotFoundError('Год проекта не найден');
  return (await stagesResolver(tx, cycle))(rm.regionId);
}

/** Largest evidence file (the multipart limit of the application is the same). */
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

const OWNER_ACTIONS = new Set<ExecutionAction>(['start', 'complete', 'reopen']);

const ACTION_LABELS: Record<ExecutionAction, string> = {
  start: 'начато выполнение',
  complete: 'отмечено выполнение',
  reopen: 'выполнение возобновлено',
  confirm: 'исполнение подтверждено',
  return: 'возвращено на доработку',
  unconfirm: 'подтверждение снято',
};

const AUDIT_ACTIONS: Record<ExecutionAction, string> = {
  start: 'update',
  complete: 'update',
  reopen: 'update',
  confirm: 'approve',
  return: 'reject',
  unconfirm: 'update',
};

const CONFIRMED_LOCKED = 'Исполнение на этом этапе уже подтверждено: документы менять нельзя, пока подтверждение не снято';

interface Target {
  roadmapId: number;
  itemId: number;
  stageId: number;
}

const itemLabel = (i: { number: string | null; title: string }) =>
  `${i.number ? `${i.number} ` : ''}«${i.title.length > 80 ? `${i.title.slice(0, 80)}…` : i.title}»`;

export class ExecutionService {
  constructor(
    private readonly db: Db,
    private readonly storage: FileStorage,
  ) {}

  /** Roadmap, item and stage of a request, each checked to belong to the previous one (else 404). */
  private async target(tx: Tx, actor: Actor, t: Target, lock = false) {
    const rm = await readableRoadmap(tx, actor, t.roadmapId, lock);
    const item = await q.itemById(tx, rm.id, t.itemId);
    if (!item) throw new NotFoundError('Мероприятие не найдено');
    const stage = await stageById(tx, t.stageId);
    if (!stage || stage.cycleId !== rm.cycleId) throw new NotFoundError('Этап мониторинга не найден');
    const periodic = isPeriodic(item.timing);
    // a one-off activity has one fact for all stages; a periodic one a mark per stage
    return { rm, item, stage, periodic, factStage: periodic ? stage.id : null };
  }

  async mark(actor: Actor, who: AuditActor, t: Target, action: ExecutionAction, comment: string, executedOn: string | null = null): Promise<{ mark: Mark }> {
    return this.db.transaction(async (tx) => {
      const { rm, item, stage, periodic, factStage } = await this.target(tx, actor, t, true);
      if (rm.status !== 'approved') {
        throw new CodedConflictError('roadmap_draft', 'Отметки об исполнении ставятся в утверждённой дорожной карте: сначала утвердите её приказом');
      }
      if (item.removedInRevision !== null) {
        throw new CodedConflictError('item_removed', `Мероприятие исключено из дорожной карты (редакция ${item.removedInRevision}): отметки не ставятся`);
      }
      const by = OWNER_ACTIONS.has(action) ? 'owner' : 'reviewer';
      if (by === 'owner' && !isOwner(actor, rm)) {
        throw new ForbiddenError('Отметку об исполнении ставит уровень, ответственный за дорожную карту');
      }
      if (by === 'reviewer' && !isReviewer(actor, rm)) throw new ForbiddenError('Подтверждает исполнение вышестоящий уровень');
      const now = today();
      if (executedOn !== null && action !== 'complete') throw new ValidationError('Дата исполнения указывается только при отметке «Выполнено»', [{ path: 'executedOn', message: 'Только для «Выполнено»' }]);
      if (executedOn !== null && executedOn > now) throw new ValidationError('Дата исполнения не может быть позже сегодняшней', [{ path: 'executedOn', message: 'Не позже сегодняшнего дня' }]);
      const before = await q.execution(tx, item.id, factStage);
      const from = before?.status ?? 'planned';
      const result = transition(from, action, by, comment);
      if (!result.ok) throw new ValidationError(result.reason, [{ path: 'action', message: result.reason }]);
      const executed = (s: string) => s === 'done' || s === 'confirmed';
      const wasOn = before && executed(before.status) ? (before.executedOn ?? now) : null;
      const day = executed(result.to) ? (action === 'complete' ? (executedOn ?? now) : (before?.executedOn ?? now)) : null;
      await this.checkUnlocked(tx, rm, touchedStages(await stagesFor(tx, rm), { periodic }, stage.id, wasOn, day));
      const at = new Date();
      const row = await q.upsertExecution(tx, {
        itemId: item.id,
        stageId: factStage,
        status: result.to,
        executedOn: day,
        comment: by === 'owner' && comment !== '' ? comment : (before?.comment ?? ''),
        reviewComment: by === 'reviewer' ? comment : (before?.reviewComment ?? ''),
        updatedBy: actor.userId,
        updatedAt: at,
        confirmedBy: result.to === 'confirmed' ? actor.userId : null,
        confirmedAt: result.to === 'confirmed' ? at : null,
      });
      const where = periodic ? `, ${stage.title}` : '';
      await audit(tx, who, {
        action: AUDIT_ACTIONS[action],
        entityType: 'item_execution',
        entityId: periodic ? `${item.id}:${stage.id}` : `${item.id}`,
        place: placeOf(rm),
        summary:
          `Мероприятие ${itemLabel(item)}${where}: ${ACTION_LABELS[action]} (${STATUS_LABELS[from]} → ${STATUS_LABELS[result.to]})` +
          `${day && action === 'complete' ? `, дата исполнения ${ruDate(day)}` : ''}${comment ? `. Комментарий: ${comment}` : ''}`,
        changes: {
          status: [from, result.to],
          action,
          ...(comment ? { comment } : {}),
          ...(day !== (before?.executedOn ?? null) ? { executedOn: [before?.executedOn ?? null, day] } : {}),
          roadmapId: rm.id,
          itemId: item.id,
          stageId: factStage,
        },
      });
      if (action === 'complete' || action === 'return') {
        await enqueue(
          tx,
          ROADMAP_JOB,
          { event: 'mark', action, roadmapId: rm.id, itemId: item.id, stageId: stage.id, comment, at: at.getTime() },
          { dedupeKey: `mark:${row.id}:${action}:${at.getTime()}` },
        );
      }
      const evidence = await q.evidenceOf(tx, item.id, factStage);
      return { mark: markView(item, row, evidence, now) };
    });
  }

  /** Refuses a change to figures a submitted or accepted stage report stands on (until the level above returns it). */
  private async checkUnlocked(tx: Tx, rm: q.RoadmapRow, stages: { id: number; title: string }[]): Promise<void> {
    if (rm.regionId === null || !stages.length) return;
    const locking = await lockingReports(tx, stages.map((s) => s.id), rm.regionId, rm.level === 'regional' ? null : rm.municipalityId);
    const first = locking[0];
    if (!first) return;
    const stage = stages.find((s) => s.id === first.stageId);
    const whose = first.level === 'municipal' ? 'муниципалитета' : 'региона';
    const state = first.status === 'accepted' ? 'принят' : 'отправлен на проверку';
    throw new CodedConflictError(
      'stage_locked',
      `Отчёт ${whose} за этап «${stage?.title ?? ''}» ${state}: отметки этого этапа изменить нельзя, пока отчёт не возвращён на доработку`,
      [{ path: 'action', message: 'Этап закрыт отчётом' }],
      { reportId: first.id, stageId: first.stageId, status: first.status },
    );
  }

  /** Checks before reading an upload: the owner of the roadmap, and the mark not confirmed yet. */
  async checkUpload(actor: Actor, t: Target): Promise<void> {
    const { rm, item, factStage } = await this.target(this.db, actor, t);
    if (!isOwner(actor, rm)) throw new ForbiddenError('Документы загружает уровень, ответственный за дорожную карту');
    if (rm.status !== 'approved') throw fileError('Документы об исполнении прикладываются к утверждённой дорожной карте');
    if (item.removedInRevision !== null) throw fileError('Мероприятие исключено из дорожной карты');
    if ((await q.execution(this.db, item.id, factStage))?.status === 'confirmed') throw fileError(CONFIRMED_LOCKED);
  }

  /** Stores the upload (refused unless its content is an allowed type) and attaches it to the item at the stage. */
  async attach(
    actor: Actor,
    who: AuditActor,
    t: Target,
    upload: Upload,
  ): Promise<{ evidence: EvidenceView }> {
    await this.checkUpload(actor, t);
    const { blob, kind: detected } = await storeChecked(this.storage, upload, {
      maxBytes: MAX_EVIDENCE_BYTES,
      tooLarge: 'Файл больше 20 МБ: уменьшите его или разделите на части',
      refused: 'Такой файл не принимается: загрузите PDF, DOCX, XLSX, ODT, JPG или PNG',
    });
    try {
      return await this.db.transaction(async (tx) => {
        const { rm, item, stage, factStage } = await this.target(tx, actor, t, true);
        if (!isOwner(actor, rm)) throw new ForbiddenError();
        if ((await q.execution(tx, item.id, factStage))?.status === 'confirmed') throw fileError(CONFIRMED_LOCKED);
        const name = sanitizeFileName(upload.filename, detected.ext);
        const file = await q.insertStoredFile(tx, { sha256: blob.sha256, size: blob.size, mime: detected.mime, name, createdBy: actor.userId });
        const row = await q.insertEvidence(tx, { itemId: item.id, stageId: stage.id, fileId: file.id, uploadedBy: actor.userId });
        await audit(tx, who, {
          action: 'create',
          entityType: 'item_evidence',
          entityId: row.id,
          place: placeOf(rm),
          summary: `Загружен подтверждающий документ «${name}» (${detected.label}) к мероприятию ${itemLabel(item)}, ${stage.title}`,
          changes: { file: name, size: blob.size, sha256: blob.sha256, roadmapId: rm.id, itemId: item.id, stageId: stage.id },
        });
        return {
          evidence: evidenceView({ ...row, name, size: file.size, mime: file.mime, sha256: file.sha256 }),
        };
      });
    } catch (error) {
      if (blob.created) await this.dropBlob(blob.sha256);
      throw error;
    }
  }

  async deleteEvidence(actor: Actor, who: AuditActor, roadmapId: number, evidenceId: number): Promise<void> {
    const orphans = await this.db.transaction(async (tx) => {
      const rm = await readableRoadmap(tx, actor, roadmapId, true);
      const ev = await q.evidenceById(tx, evidenceId);
      if (!ev || ev.roadmapId !== rm.id) throw new NotFoundError('Документ не найден');
      if (!isOwner(actor, rm)) throw new ForbiddenError('Документы удаляет уровень, ответственный за дорожную карту');
      const item = await q.itemById(tx, rm.id, ev.itemId);
      const factStage = item && isPeriodic(item.timing) ? ev.stageId : null;
      if ((await q.execution(tx, ev.itemId, factStage))?.status === 'confirmed') {
        throw new ValidationError(CONFIRMED_LOCKED, [{ path: 'evidenceId', message: CONFIRMED_LOCKED }]);
      }
      await q.deleteEvidence(tx, ev.id);
      const orphans = await q.deleteUnreferencedFiles(tx, [ev.fileId]);
      await audit(tx, who, {
        action: 'delete',
        entityType: 'item_evidence',
        entityId: ev.id,
        place: placeOf(rm),
        summary: `Удалён подтверждающий документ «${ev.name}» мероприятия ${item ? itemLabel(item) : ev.itemId}`,
        changes: { file: ev.name, roadmapId: rm.id, itemId: ev.itemId, stageId: ev.stageId },
      });
      return orphans;
    });
    for (const sha of orphans) await this.dropBlob(sha);
  }

  /** A stored file for a user who may read a roadmap or a school document it is attached to; 404 otherwise. */
  async openFile(actor: Actor, fileId: number) {
    const file = await q.fileById(this.db, fileId);
    if (!file) throw new NotFoundError('Файл не найден');
    const owners = await q.roadmapsOfFile(this.db, fileId);
    // a version of a school document is readable by whoever may read that school's documents; a report built in
    // the background (report_runs) by the one who requested it
    const readable =
      owners.some((o) => canReadRoadmap(actor, o)) || (await mayReadDocumentFile(this.db, actor, fileId)) || (await isRunFileOf(this.db, actor.userId, fileId));
    if (!readable) throw new NotFoundError('Файл не найден');
    const blob = await this.storage.get(file.sha256);
    if (!blob) throw new NotFoundError('Файл не найден в хранилище');
    return { stream: blob.stream, size: blob.size, mime: file.mime, name: file.name };
  }

  private async dropBlob(sha256: string): Promise<void> {
    try {
      if (!(await q.shaInUse(this.db, sha256))) await this.storage.remove(sha256);
    } catch {
      // an unreferenced leftover is never served
    }
  }
}
