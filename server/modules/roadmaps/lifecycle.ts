// Roadmap lifecycle: a draft is approved by an order (revision 1); later changes only by an amendment order
// («О внесении изменений…»), each a new revision with its frozen plan and its diff against the previous one.
// Activities removed by an amendment stay (with their marks) and are shown in the history.
import type { Actor } from '../../../domain/access/policy.js';
import { ruDate } from '../../../domain/dates.js';
import { CodedConflictError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../domain/errors.js';
import { canEditRoadmap } from '../../../domain/roadmaps/access.js';
import { EMPTY_DIFF, isEmptyDiff, matchByNumber, revisionDiff, type RevisionDiff, type RevisionItem } from '../../../domain/roadmaps/revisions.js';
import type { Db, Tx } from '../../db/client.js';
import { storeChecked, type Upload } from '../../storage/checked.js';
import type { FileStorage } from '../../storage/index.js';
import { sanitizeFileName } from '../../storage/names.js';
import { audit, type AuditActor } from '../audit/service.js';
import { readableRoadmap } from './access.js';
import type { RevisionView } from './schemas.js';
import { buildItems, type ItemInput, type ItemValues } from './items.js';
import * as q from './queries.js';
import { itemRow, placeOf } from './service.js';
import { isPeriodic, summaryView, territoryName, type RoadmapSummary } from './views.js';

export interface OrderInput {
  version: number;
  orderAuthority: string;
  orderNumber: string;
  orderDate: string;
  orderTitle: string;
}

export interface AmendmentInput extends OrderInput {
  title?: string | undefined;
  items: ItemInput[];
  matchByNumber: boolean;
}

export type { RevisionView } from './schemas.js';

const CONFLICT = 'Дорожную карту уже изменили в другом окне или другой пользователь. Обновите страницу: ваши изменения не сохранены.';
const staleVersion = () => new ConflictError(CONFLICT, [{ path: 'version', message: CONFLICT }]);
const MAX_ORDER_FILE_BYTES = 20 * 1024 * 1024;

const orderLabel = (o: { orderNumber: string; orderDate: string }) => `№ ${o.orderNumber} от ${ruDate(o.orderDate)}`;

/** Stores a version (редакция): its order and its frozen plan, with the diff against the previous one. */
async function addRevision(tx: Tx, actor: Actor, roadmapId: number, number: number, kind: 'approval' | 'amendment', order: OrderInput, items: RevisionItem[], diff: RevisionDiff) {
  const { orderAuthority, orderNumber, orderDate, orderTitle } = order;
  await q.insertRevision(tx, { roadmapId, number, kind, orderAuthority, orderNumber, orderDate, orderTitle, items, diff, createdBy: actor.userId });
}

/** The frozen plan of the roadmap's present items. */
export function snapshotOf(items: q.ItemRow[]): RevisionItem[] {
  return items.map((i) => ({
    id: i.id,
    parentId: i.parentId,
    position: i.position,
    number: i.number,
    title: i.title,
    timingText: i.timingText,
    startDate: i.startDate,
    dueDate: i.dueDate,
    periodic: isPeriodic(i.timing),
    responsibleText: i.responsibleText,
    indicator: i.indicator,
    infoSupport: i.infoSupport,
  }));
}

export function revisionView(r: Awaited<ReturnType<typeof q.revisionsOf>>[number]): RevisionView {
  const rev = r.revision;
  return {
    number: rev.number,
    kind: rev.kind,
    orderAuthority: rev.orderAuthority,
    orderNumber: rev.orderNumber,
    orderDate: rev.orderDate,
    orderTitle: rev.orderTitle,
    orderFile: rev.orderFileId !== null && r.fileName !== null ? { id: rev.orderFileId, name: r.fileName, size: r.fileSize ?? 0 } : null,
    createdBy: r.createdByName,
    createdAt: rev.createdAt.toISOString(),
    itemCount: rev.items.length,
    diff: rev.diff,
  };
}


export class LifecycleService {
  constructor(
    private readonly db: Db,
    private readonly storage: FileStorage,
  ) {}

  private async editable(tx: Tx, actor: Actor, id: number) {
    const rm = await readableRoadmap(tx, actor, id, true);
    if (!canEditRoadmap(actor, rm)) throw new ForbiddenError('Нет прав утверждать или изменять эту дорожную карту');
    return rm;
  }

  private async summary(tx: Tx, actor: Actor, id: number): Promise<RoadmapSummary> {
    const row = await q.summaryById(tx, id);
    if (!row) throw new NotFoundError('Дорожная карта не найдена');
    return summaryView(row, actor);
  }

  /** «Утвердить приказом»: the draft becomes revision 1 and is frozen. */
  async approve(actor: Actor, who: AuditActor, id: number, input: OrderInput): Promise<{ roadmap: RoadmapSummary; revision: RevisionView }> {
    return this.db.transaction(async (tx) => {
      const rm = await this.editable(tx, actor, id);
      if (rm.status === 'approved') {
        throw new CodedConflictError('roadmap_approved', 'Дорожная карта уже утверждена: изменения вносятся приказом о внесении изменений');
      }
      if (rm.version !== input.version) throw staleVersion();
      const items = await q.itemsOf(tx, id);
      if (items.length === 0) throw new ValidationError('В дорожной карте нет мероприятий', [{ path: 'items', message: 'Добавьте мероприятия' }]);
      await q.lockPlace(tx, rm.cycleId, rm);
      const other = await q.roadmapAt(tx, rm.cycleId, rm);
      if (other && other.id !== rm.id && other.status === 'approved') {
        throw new CodedConflictError(
          'roadmap_exists',
          'Для этой территории уже утверждена дорожная карта этого года: внесите изменения в неё',
          [{ path: 'id', message: 'Уже есть утверждённая дорожная карта' }],
          { roadmapId: other.id, status: other.status },
        );
      }
      const updated = await q.setApproved(tx, id, input.version, {
        orderAuthority: input.orderAuthority,
        orderNumber: input.orderNumber,
        orderDate: input.orderDate,
        revision: 1,
      });
      if (!updated) throw staleVersion();
      await addRevision(tx, actor, id, 1, 'approval', input, snapshotOf(items), EMPTY_DIFF);
      const summary = await this.summary(tx, actor, id);
      await audit(tx, who, {
        action: 'approve',
        entityType: 'roadmap',
        entityId: id,
        place: placeOf(rm),
        summary: `Утверждена дорожная карта «${rm.title}» (${summary.territory}) приказом ${orderLabel(input)}: мероприятий ${items.length}`,
        changes: { revision: 1, orderNumber: input.orderNumber, orderDate: input.orderDate, items: items.length },
      });
      return { roadmap: summary, revision: await this.revisionOf(tx, id, 1) };
    });
  }

  /** What an amendment would change (nothing is saved). */
  async previewAmendment(actor: Actor, id: number, input: AmendmentInput): Promise<{ diff: RevisionDiff }> {
    const rm = await readableRoadmap(this.db, actor, id);
    if (!canEditRoadmap(actor, rm)) throw new ForbiddenError('Нет прав изменять эту дорожную карту');
    const existing = await q.itemsOf(this.db, id);
    const plan = this.plan(existing, input, rm.year);
    const before = snapshotOf(existing);
    const after: RevisionItem[] = plan.values.map((v, k) => ({ ...itemSnapshot(v), id: plan.ids[k] ?? -(k + 1) }));
    return { diff: revisionDiff(before, after) };
  }

  /** Ids of the input rows among the present items (explicit, else matched by number when asked); checked. */
  private plan(existing: q.ItemRow[], input: AmendmentInput, year: number) {
    const byId = new Map(existing.map((i) => [i.id, i]));
    const issues: { path: string; message: string }[] = [];
    const seen = new Set<number>();
    const matched = input.matchByNumber ? matchByNumber(existing, input.items) : [];
    const ids = input.items.map((item, k) => {
      if (item.id !== undefined) {
        if (!byId.has(item.id)) issues.push({ path: `items.${k}.id`, message: 'Мероприятие не найдено в действующей редакции' });
        else if (seen.has(item.id)) issues.push({ path: `items.${k}.id`, message: 'Мероприятие указано дважды' });
        seen.add(item.id);
        return item.id;
      }
      const m = matched[k];
      if (m !== undefined && !seen.has(m) && !input.items.some((x) => x.id === m)) {
        seen.add(m);
        return m;
      }
      return undefined;
    });
    if (issues.length) throw new ValidationError('Проверьте заполнение полей', issues);
    return { ids, values: buildItems(input.items, year) };
  }

  /** «Внести изменения»: a new revision by an amendment order; removed activities keep their marks. */
  async amend(actor: Actor, who: AuditActor, id: number, input: AmendmentInput): Promise<{ roadmap: RoadmapSummary; revision: RevisionView }> {
    return this.db.transaction(async (tx) => {
      const rm = await this.editable(tx, actor, id);
      if (rm.status !== 'approved') {
        throw new CodedConflictError('roadmap_draft', 'Дорожная карта ещё не утверждена: измените черновик и утвердите его приказом');
      }
      if (rm.version !== input.version) throw staleVersion();
      if (input.items.length === 0) throw new ValidationError('В дорожной карте должно остаться хотя бы одно мероприятие', [{ path: 'items', message: 'Добавьте мероприятия' }]);
      const revisions = await q.revisionsOf(tx, id);
      const last = revisions[revisions.length - 1]?.revision;
      if (last && input.orderDate < last.orderDate) {
        const message = `Дата приказа о внесении изменений не может быть раньше даты действующей редакции (${ruDate(last.orderDate)})`;
        throw new ValidationError(message, [{ path: 'orderDate', message }]);
      }
      const existing = await q.itemsOf(tx, id);
      const { ids, values } = this.plan(existing, input, rm.year);
      const number = rm.revision + 1;
      const keep = new Set(ids.filter((x): x is number => x !== undefined));
      const removed = existing.filter((i) => !keep.has(i.id)).map((i) => i.id);
      await q.clearParents(tx, id);
      await q.markRemoved(tx, id, removed, number);
      const finalIds: number[] = [];
      const added: number[] = [];
      for (const [k, v] of values.entries()) {
        const itemId = ids[k];
        if (itemId === undefined) added.push(k);
        else {
          finalIds[k] = itemId;
          await q.updateItem(tx, itemId, itemRow(v));
        }
      }
      const newIds = await q.insertItems(tx, added.map((k) => ({ roadmapId: id, ...itemRow(values[k] as ItemValues) })));
      added.forEach((k, j) => (finalIds[k] = newIds[j] as number));
      const parents = values.flatMap((v, k): [number, number][] => (v.parentIndex === null ? [] : [[finalIds[k] as number, finalIds[v.parentIndex] as number]]));
      if (parents.length) await q.setParents(tx, id, parents);

      const after = snapshotOf(await q.itemsOf(tx, id));
      const diff = revisionDiff(last?.items ?? snapshotOf(existing), after);
      if (isEmptyDiff(diff)) throw new ValidationError('Изменений в мероприятиях нет: приказ о внесении изменений не нужен', [{ path: 'items', message: 'Изменений нет' }]);
      const updated = await q.setApproved(tx, id, input.version, {
        orderAuthority: rm.orderAuthority,
        orderNumber: rm.orderNumber,
        orderDate: rm.orderDate,
        revision: number,
        ...(input.title ? { title: input.title } : {}),
      });
      if (!updated) throw staleVersion();
      await addRevision(tx, actor, id, number, 'amendment', input, after, diff);
      const summary = await this.summary(tx, actor, id);
      await audit(tx, who, {
        action: 'update',
        entityType: 'roadmap',
        entityId: id,
        place: placeOf(rm),
        summary:
          `Внесены изменения в дорожную карту «${updated.title}» (${summary.territory}) приказом ${orderLabel(input)}, редакция ${number}: ` +
          `добавлено мероприятий ${diff.added.length}, изменено ${diff.changed.length}, исключено ${diff.removed.length}`,
        changes: { revision: number, orderNumber: input.orderNumber, orderDate: input.orderDate, ...diff },
      });
      return { roadmap: summary, revision: await this.revisionOf(tx, id, number) };
    });
  }

  async revisions(actor: Actor, id: number): Promise<{ revisions: RevisionView[] }> {
    await readableRoadmap(this.db, actor, id);
    return { revisions: (await q.revisionsOf(this.db, id)).map(revisionView) };
  }

  async revision(actor: Actor, id: number, number: number): Promise<{ revision: RevisionView & { items: RevisionItem[] } }> {
    await readableRoadmap(this.db, actor, id);
    const row = (await q.revisionsOf(this.db, id)).find((r) => r.revision.number === number);
    if (!row) throw new NotFoundError('Редакция не найдена');
    return { revision: { ...revisionView(row), items: row.revision.items } };
  }

  private async revisionOf(tx: Tx, id: number, number: number): Promise<RevisionView> {
    const row = (await q.revisionsOf(tx, id)).find((r) => r.revision.number === number);
    if (!row) throw new NotFoundError('Редакция не найдена');
    return revisionView(row);
  }

  /** Checks before reading an order file upload. */
  async checkOrderFile(actor: Actor, id: number, number: number): Promise<void> {
    const rm = await readableRoadmap(this.db, actor, id);
    if (!canEditRoadmap(actor, rm)) throw new ForbiddenError('Нет прав изменять эту дорожную карту');
    if (!(await q.revisionsOf(this.db, id)).some((r) => r.revision.number === number)) throw new NotFoundError('Редакция не найдена');
  }

  /** The scanned or signed order of a revision (PDF, DOCX, ODT, JPG, PNG); replaces an earlier one. */
  async attachOrderFile(
    actor: Actor,
    who: AuditActor,
    id: number,
    number: number,
    upload: Upload,
  ): Promise<{ revision: RevisionView }> {
    await this.checkOrderFile(actor, id, number);
    const { blob, kind: detected } = await storeChecked(this.storage, upload, {
      maxBytes: MAX_ORDER_FILE_BYTES,
      tooLarge: 'Файл больше 20 МБ',
      refused: 'Такой файл не принимается: загрузите PDF, DOCX, ODT, JPG или PNG',
    });
    try {
      const { view, orphans } = await this.db.transaction(async (tx) => {
        const rm = await this.editable(tx, actor, id);
        const name = sanitizeFileName(upload.filename, detected.ext);
        const file = await q.insertStoredFile(tx, { sha256: blob.sha256, size: blob.size, mime: detected.mime, name, createdBy: actor.userId });
        const previous = await q.setRevisionFile(tx, id, number, file.id);
        const orphans = previous === null ? [] : await q.deleteUnreferencedFiles(tx, [previous]);
        const summary = await this.summary(tx, actor, id);
        await audit(tx, who, {
          action: 'create',
          entityType: 'roadmap',
          entityId: id,
          place: placeOf(rm),
          summary: `Загружен файл приказа «${name}» к редакции ${number} дорожной карты (${summary.territory})`,
          changes: { revision: number, file: name, size: blob.size, sha256: blob.sha256 },
        });
        return { view: await this.revisionOf(tx, id, number), orphans };
      });
      for (const sha of orphans) await this.dropBlob(sha);
      return { revision: view };
    } catch (error) {
      if (blob.created) await this.dropBlob(blob.sha256);
      throw error;
    }
  }

  private async dropBlob(sha256: string): Promise<void> {
    try {
      if (!(await q.shaInUse(this.db, sha256))) await this.storage.remove(sha256);
    } catch {
      // an unreferenced leftover is never served
    }
  }
}

function itemSnapshot(v: ItemValues): Omit<RevisionItem, 'id'> {
  return {
    parentId: null,
    position: v.position,
    number: v.number,
    title: v.title,
    timingText: v.timingText,
    startDate: v.startDate,
    dueDate: v.dueDate,
    periodic: v.timing.period != null || v.timing.recurrence != null,
    responsibleText: v.responsibleText,
    indicator: v.indicator,
    infoSupport: v.infoSupport,
  };
}

export { territoryName };
