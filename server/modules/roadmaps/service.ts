// Roadmaps (дорожные карты): list, read, create, edit (optimistic version), delete, copy down, changes
// against the template, export. Authorization by domain/roadmaps/access.ts; every write is audited.
import { scopeOf, type Actor, type Place } from '../../../domain/access/policy.js';
import { ruDate } from '../../../domain/dates.js';
import { CodedConflictError, ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldIssue } from '../../../domain/errors.js';
import { canEditRoadmap, canReadRoadmap, type RoadmapOwner } from '../../../domain/roadmaps/access.js';
import type { Db, Tx } from '../../db/client.js';
import type { FileStorage } from '../../storage/index.js';
import { audit, type AuditActor } from '../audit/service.js';
import { today } from '../monitoring/clock.js';
import { computeFigures, effectiveStageView, figuresView } from '../monitoring/figures.js';
import { ReportsService } from '../reports/service.js';
import { checkTerritoryFilter, readableRoadmap, requireEditorRole } from './access.js';
import { CONTENT_TYPES, toDocx, toXlsx } from './export.js';
import { revisionView } from './lifecycle.js';
import { buildItems, TEXT_FIELDS, type ItemValues, type TextField } from './items.js';
import * as q from './queries.js';
import type { CreateInput, UpdateInput } from './schemas.js';
import { itemViews, summaryView, territoryName, type Item, type MeasureValue, type RoadmapSummary } from './views.js';

const LEVEL_ADJ: Record<RoadmapOwner['level'], string> = {
  federal: 'федеральная',
  regional: 'региональная',
  municipal: 'муниципальная',
  school: 'школьная',
};

const CONFLICT =
  'Дорожную карту уже изменили в другом окне или другой пользователь. Обновите страницу: ваши изменения не сохранены.';

export function placeOf(rm: Pick<RoadmapOwner, 'regionId' | 'municipalityId' | 'schoolId'>): Partial<Place> | null {
  return rm.regionId === null ? null : { regionId: rm.regionId, municipalityId: rm.municipalityId, schoolId: rm.schoolId };
}

const approvedError = (message: string) => new CodedConflictError('roadmap_approved', message);

function fieldError(path: string, message: string): ValidationError {
  return new ValidationError(message, [{ path, message }]);
}

/** Stored columns of an item from its computed values. */
export function itemRow(v: ItemValues) {
  return {
    position: v.position,
    number: v.number,
    title: v.title,
    timingText: v.timingText,
    timing: v.timing as unknown as Record<string, unknown>,
    startDate: v.startDate,
    dueDate: v.dueDate,
    responsibleText: v.responsibleText,
    responsibleParties: v.responsibleParties,
    indicator: v.indicator,
    infoSupport: v.infoSupport,
    flags: v.flags,
  };
}

/** Stores a roadmap's built items in order and links them to their parents; the new ids in the same order. */
export async function insertItems(tx: Tx, roadmapId: number, values: ItemValues[]): Promise<number[]> {
  const ids = await q.insertItems(tx, values.map((v) => ({ roadmapId, ...itemRow(v) })));
  await linkParents(tx, roadmapId, values, ids);
  return ids;
}

async function linkParents(tx: Tx, roadmapId: number, values: ItemValues[], ids: number[]): Promise<void> {
  const parents = values.flatMap((v, k): [number, number][] =>
    v.parentIndex === null ? [] : [[ids[k] as number, ids[v.parentIndex] as number]],
  );
  if (parents.length) await q.setParents(tx, roadmapId, parents);
}

const label = (i: { number: string | null; title: string }) =>
  `${i.number ?? 'б/н'} «${i.title.length > 80 ? `${i.title.slice(0, 80)}…` : i.title}»`;

function textDiff(before: Record<TextField, string | null>, after: Record<TextField, string | null>) {
  const fields: Record<string, [string | null, string | null]> = {};
  for (const f of TEXT_FIELDS) if (before[f] !== after[f]) fields[f] = [before[f], after[f]];
  return fields;
}

export class RoadmapsService {
  constructor(
    private readonly db: Db,
    private readonly storage: FileStorage,
  ) {}

  async list(actor: Actor, filter: q.ListFilter): Promise<{ items: RoadmapSummary[] }> {
    await checkTerritoryFilter(this.db, actor, filter);
    const rows = await q.listSummaries(this.db, scopeOf(actor), filter);
    return { items: rows.filter((r) => canReadRoadmap(actor, r)).map((r) => summaryView(r, actor)) };
  }

  async get(actor: Actor, id: number) {
    const rm = await readableRoadmap(this.db, actor, id);
    const cycle = await q.cycleById(this.db, rm.cycleId);
    if (!cycle) throw new NotFoundError('Год проекта не найден');
    const now = today();
    const [figures, summary, items, removed, executions, evidence, revisions] = await Promise.all([
      computeFigures(this.db, cycle, [rm], now),
      q.summaryById(this.db, id),
      q.itemsOf(this.db, id),
      q.removedItemsOf(this.db, id),
      q.executionsOfRoadmap(this.db, id),
      q.evidenceOfRoadmap(this.db, id),
      q.revisionsOf(this.db, id),
    ]);
    if (!summary) throw new NotFoundError('Дорожная карта не найдена');
    const stages = figures.stagesOf(rm.regionId);
    const stageIds = stages.map((s) => s.id);
    return {
      roadmap: summaryView(summary, actor),
      items: await this.withMeasures(actor, rm, itemViews(items, executions, evidence, now, stageIds)),
      /** Activities excluded by an amendment, with their marks (shown in the history). */
      removedItems: itemViews(removed, executions, evidence, now, stageIds).map((i, k) => ({ ...i, removedInRevision: removed[k]?.removedInRevision ?? null })),
      stages: stages.map(effectiveStageView),
      /** Per stage (drafts: empty — a draft is not counted). */
      monitoring: (figures.byRoadmap.get(id) ?? []).map(figuresView),
      revisions: revisions.map(revisionView),
      sourceText: rm.sourceText,
    };
  }

  /** Bound items get the live value of their measure for the roadmap's territory (the dashboard's indicator). */
  private async withMeasures(actor: Actor, rm: q.RoadmapRow, items: Item[]): Promise<Item[]> {
    if (!items.some((i) => i.measure)) return items;
    let values = new Map<string, MeasureValue>();
    // the federal roadmap: the country's figures, for those who see the whole country
    if (rm.level !== 'federal' || scopeOf(actor).level === 'all') {
      try {
        const d = await new ReportsService(this.db).dashboard(actor, {
          cycleId: rm.cycleId,
          regionId: rm.regionId ?? undefined,
          municipalityId: rm.municipalityId ?? undefined,
          schoolId: rm.schoolId ?? undefined,
        });
        values = new Map(d.indicators.map((i) => [i.code, { value: i.value, numerator: i.numerator, denominator: i.denominator }]));
      } catch (e) {
        if (!(e instanceof NotFoundError)) throw e;
      }
    }
    return items.map((i) => (i.measure ? { ...i, measureValue: values.get(i.measure) ?? null } : i));
  }

  /** Bind an item's indicator to a live measure (or unbind with null): whoever may edit the roadmap. */
  async setMeasure(actor: Actor, who: AuditActor, id: number, itemId: number, measure: string | null): Promise<{ item: { id: number; measure: string | null } }> {
    return this.db.transaction(async (tx) => {
      const rm = await readableRoadmap(tx, actor, id, true);
      if (!canEditRoadmap(actor, rm)) throw new ForbiddenError('Нет прав изменять эту дорожную карту');
      const item = await q.itemById(tx, id, itemId);
      if (!item) throw new NotFoundError('Мероприятие не найдено');
      if (item.measure !== measure) {
        await q.updateItem(tx, itemId, { measure });
        await audit(tx, who, {
          action: 'update',
          entityType: 'roadmap',
          entityId: id,
          place: placeOf(rm),
          summary: measure
            ? `Показатель мероприятия ${label(item)} связан с мониторингом: ${measure}`
            : `Показатель мероприятия ${label(item)} отвязан от мониторинга`,
          changes: { itemId, measure: [item.measure, measure] },
        });
      }
      return { item: { id: itemId, measure } };
    });
  }

  async create(actor: Actor, who: AuditActor, input: CreateInput): Promise<{ roadmap: RoadmapSummary }> {
    requireEditorRole(actor);
    return this.db.transaction(async (tx) => {
      const cycle = await q.cycleById(tx, input.cycleId);
      if (!cycle) throw fieldError('cycleId', 'Год проекта не найден');
      const owner = await this.ownerOf(tx, actor, input);
      if (!canEditRoadmap(actor, owner)) throw new ForbiddenError('Нет прав составлять дорожную карту для этой территории');
      if (input.orderDate && Number(input.orderDate.slice(0, 4)) !== cycle.year && !input.otherCycle) {
        const message =
          `Приказ от ${ruDate(input.orderDate)} относится к ${input.orderDate.slice(0, 4)} году, а выбран ${cycle.year} год проекта. ` +
          `Выберите год проекта приказа или подтвердите, что сохраняете его в ${cycle.year} год`;
        throw new ValidationError(message, [{ path: 'otherCycle', message }]);
      }
      await this.refuseSecond(tx, cycle.id, owner);
      const rm = await q.insertRoadmap(tx, {
        ...owner,
        cycleId: cycle.id,
        year: cycle.year,
        title: input.title,
        orderAuthority: input.orderAuthority,
        orderNumber: input.orderNumber,
        orderDate: input.orderDate,
        sourceText: input.sourceText,
        createdBy: actor.userId,
      });
      await insertItems(tx, rm.id, buildItems(input.items, rm.year));
      const summary = await this.summary(tx, rm.id);
      await audit(tx, who, {
        action: input.sourceText ? 'import' : 'create',
        entityType: 'roadmap',
        entityId: rm.id,
        place: placeOf(rm),
        summary:
          `${input.sourceText ? 'Импортирована' : 'Создана'} ${LEVEL_ADJ[rm.level]} дорожная карта «${rm.title}» ` +
          `(${summary.territory ?? ''}, ${rm.year} год): мероприятий ${input.items.length}`,
        changes: { created: true, title: rm.title, orderNumber: rm.orderNumber, orderDate: rm.orderDate, items: input.items.length },
      });
      return { roadmap: summaryView(summary, actor) };
    });
  }

  async update(actor: Actor, who: AuditActor, id: number, input: UpdateInput): Promise<{ roadmap: RoadmapSummary }> {
    const { summary, orphans } = await this.db.transaction(async (tx) => {
      const rm = await readableRoadmap(tx, actor, id, true);
      if (!canEditRoadmap(actor, rm)) throw new ForbiddenError('Нет прав изменять эту дорожную карту');
      if (rm.status === 'approved') throw approvedError('Утверждённая дорожная карта не редактируется: изменения вносятся приказом о внесении изменений');
      if (rm.version !== input.version) throw new ConflictError(CONFLICT, [{ path: 'version', message: CONFLICT }]);

      const existing = await q.itemsOf(tx, id);
      const byId = new Map(existing.map((i) => [i.id, i]));
      const issues: FieldIssue[] = [];
      const seen = new Set<number>();
      input.items.forEach((item, k) => {
        if (item.id === undefined) return;
        if (!byId.has(item.id)) issues.push({ path: `items.${k}.id`, message: 'Мероприятие не найдено в этой дорожной карте' });
        else if (seen.has(item.id)) issues.push({ path: `items.${k}.id`, message: 'Мероприятие указано дважды' });
        seen.add(item.id);
      });
      if (issues.length) throw new ValidationError('Проверьте заполнение полей', issues);

      const updated = await q.updateRoadmapIfVersion(tx, id, input.version, {
        title: input.title,
        orderAuthority: input.orderAuthority,
        orderNumber: input.orderNumber,
        orderDate: input.orderDate,
      });
      if (!updated) throw new ConflictError(CONFLICT, [{ path: 'version', message: CONFLICT }]);

      const values = buildItems(input.items, rm.year);
      // Parents are re-linked below; unlinking first keeps the cascade from taking kept children along.
      await q.clearParents(tx, id);
      const keep = [...seen];
      const removedFiles = await q.fileIdsOfItems(tx, id, keep);
      const removedIds = await q.deleteItemsExcept(tx, id, keep);
      await q.unlinkCopies(tx, removedIds);
      const orphans = await q.deleteUnreferencedFiles(tx, removedFiles);

      const ids: number[] = [];
      const added: number[] = [];
      const changed: { id: number; number: string | null; fields: Record<string, unknown> }[] = [];
      let moved = 0;
      for (const [k, v] of values.entries()) {
        const itemId = input.items[k]?.id;
        const before = itemId === undefined ? undefined : byId.get(itemId);
        if (itemId === undefined || !before) {
          added.push(k);
          continue;
        }
        ids[k] = itemId;
        const fields = textDiff(before, v);
        if (before.position !== v.position) moved++;
        if (Object.keys(fields).length || before.position !== v.position) await q.updateItem(tx, itemId, itemRow(v));
        if (Object.keys(fields).length) changed.push({ id: itemId, number: v.number, fields });
      }
      const newIds = await q.insertItems(tx, added.map((k) => ({ roadmapId: id, ...itemRow(values[k] as ItemValues) })));
      added.forEach((k, j) => {
        ids[k] = newIds[j] as number;
      });
      await linkParents(tx, id, values, ids);

      const header: Record<string, unknown> = {};
      for (const f of ['title', 'orderAuthority', 'orderNumber', 'orderDate'] as const) {
        if (rm[f] !== updated[f]) header[f] = [rm[f], updated[f]];
      }
      const removed = existing.filter((i) => !seen.has(i.id));
      const summary = await this.summary(tx, id);
      await audit(tx, who, {
        action: 'update',
        entityType: 'roadmap',
        entityId: id,
        place: placeOf(rm),
        summary:
          `Изменена ${LEVEL_ADJ[rm.level]} дорожная карта «${updated.title}» (${summary.territory}): ` +
          `добавлено мероприятий ${added.length}, изменено ${changed.length}, удалено ${removed.length}` +
          (moved ? `, перемещено ${moved}` : ''),
        changes: {
          ...header,
          version: [rm.version, updated.version],
          ...(added.length ? { itemsAdded: added.map((k) => label(values[k] as ItemValues)) } : {}),
          ...(removed.length ? { itemsRemoved: removed.map(label) } : {}),
          ...(changed.length ? { itemsChanged: changed } : {}),
          ...(moved ? { itemsMoved: moved } : {}),
        },
      });
      return { summary, orphans };
    });
    await this.dropBlobs(orphans);
    return { roadmap: summaryView(summary, actor) };
  }

  async remove(actor: Actor, who: AuditActor, id: number): Promise<void> {
    const orphans = await this.db.transaction(async (tx) => {
      const rm = await readableRoadmap(tx, actor, id, true);
      if (!canEditRoadmap(actor, rm)) throw new ForbiddenError('Нет прав удалять эту дорожную карту');
      if (rm.status === 'approved') throw approvedError('Утверждённую приказом дорожную карту удалить нельзя: её мероприятия и отметки входят в отчёты мониторинга');
      const summary = await this.summary(tx, id);
      const items = await q.itemsOf(tx, id);
      const files = await q.fileIdsOfItems(tx, id);
      await q.deleteRoadmap(tx, id);
      await q.unlinkCopies(tx, items.map((i) => i.id));
      const orphans = await q.deleteUnreferencedFiles(tx, files);
      await audit(tx, who, {
        action: 'delete',
        entityType: 'roadmap',
        entityId: id,
        place: placeOf(rm),
        summary: `Удалена ${LEVEL_ADJ[rm.level]} дорожная карта «${rm.title}» (${summary.territory}, ${rm.year} год): мероприятий ${items.length}`,
      });
      return orphans;
    });
    await this.dropBlobs(orphans);
  }

  /** A municipal roadmap from a regional one, or a school roadmap from a municipal one, linked item by item. */
  async copy(actor: Actor, who: AuditActor, id: number, target: { municipalityId?: number | null; schoolId?: number | null }) {
    return this.db.transaction(async (tx) => {
      const template = await readableRoadmap(tx, actor, id);
      let owner: RoadmapOwner;
      if (template.level === 'regional') {
        if (!target.municipalityId) throw fieldError('municipalityId', 'Выберите муниципалитет');
        const m = await q.municipalityById(tx, target.municipalityId);
        owner = { level: 'municipal', regionId: m?.regionId ?? -1, municipalityId: m?.id ?? -1, schoolId: null };
        if (!m || !canReadRoadmap(actor, owner)) throw new NotFoundError('Муниципалитет не найден');
        if (m.regionId !== template.regionId) throw fieldError('municipalityId', 'Муниципалитет не входит в регион этой дорожной карты');
      } else if (template.level === 'municipal') {
        if (!target.schoolId) throw fieldError('schoolId', 'Выберите школу');
        const s = await q.schoolById(tx, target.schoolId);
        owner = { level: 'school', regionId: s?.regionId ?? -1, municipalityId: s?.municipalityId ?? -1, schoolId: s?.id ?? -1 };
        if (!s || !canReadRoadmap(actor, owner)) throw new NotFoundError('Школа не найдена');
        if (s.municipalityId !== template.municipalityId) throw fieldError('schoolId', 'Школа не входит в муниципалитет этой дорожной карты');
      } else {
        throw fieldError('(body)', 'Скопировать можно региональную дорожную карту в муниципалитет или муниципальную — в школу');
      }
      if (!canEditRoadmap(actor, owner)) throw new ForbiddenError('Нет прав составлять дорожную карту для этой территории');
      await this.refuseSecond(tx, template.cycleId, owner);

      const rm = await q.insertRoadmap(tx, {
        ...owner,
        cycleId: template.cycleId,
        year: template.year,
        title: template.title,
        templateId: template.id,
        createdBy: actor.userId,
      });
      const items = await q.itemsOf(tx, template.id);
      const ids = await q.insertItems(
        tx,
        items.map((i) => ({
          roadmapId: rm.id,
          position: i.position,
          number: i.number,
          title: i.title,
          timingText: i.timingText,
          timing: i.timing,
          startDate: i.startDate,
          dueDate: i.dueDate,
          responsibleText: i.responsibleText,
          responsibleParties: i.responsibleParties,
          indicator: i.indicator,
          infoSupport: i.infoSupport,
          flags: i.flags,
          templateItemId: i.id,
        })),
      );
      const newId = new Map(items.map((i, k) => [i.id, ids[k] as number]));
      const parents = items.flatMap((i, k): [number, number][] =>
        i.parentId !== null && newId.has(i.parentId) ? [[ids[k] as number, newId.get(i.parentId) as number]] : [],
      );
      if (parents.length) await q.setParents(tx, rm.id, parents);
      const summary = await this.summary(tx, rm.id);
      const from = await this.summary(tx, template.id);
      await audit(tx, who, {
        action: 'create',
        entityType: 'roadmap',
        entityId: rm.id,
        place: placeOf(rm),
        summary: `Создана ${LEVEL_ADJ[rm.level]} дорожная карта «${rm.title}» (${summary.territory}) копированием из дорожной карты (${from.territory}): мероприятий ${items.length}`,
        changes: { created: true, templateId: template.id, items: items.length },
      });
      return { roadmap: summaryView(summary, actor) };
    });
  }

  /** What the copy changed against its template: added, removed and changed items. */
  async changes(actor: Actor, id: number) {
    const rm = await readableRoadmap(this.db, actor, id);
    const template = rm.templateId === null ? undefined : await q.roadmapById(this.db, rm.templateId);
    if (!template || !canReadRoadmap(actor, template)) return { template: null, added: [] as Item[], removed: [], changed: [] };
    const [items, templateItems, executions, evidence, templateSummary] = await Promise.all([
      q.itemsOf(this.db, id),
      q.itemsOf(this.db, template.id),
      q.executionsOfRoadmap(this.db, id),
      q.evidenceOfRoadmap(this.db, id),
      this.summary(this.db, template.id),
    ]);
    const byTemplateId = new Map(templateItems.map((i) => [i.id, i]));
    const views = itemViews(items, executions, evidence, today());
    const linked = new Set<number>();
    const added: Item[] = [];
    const changed: { itemId: number; number: string | null; fields: Record<string, [string | null, string | null]> }[] = [];
    items.forEach((item, k) => {
      const source = item.templateItemId === null ? undefined : byTemplateId.get(item.templateItemId);
      if (!source) {
        added.push(views[k] as Item);
        return;
      }
      linked.add(source.id);
      const fields = textDiff(source, item);
      if (Object.keys(fields).length) changed.push({ itemId: item.id, number: item.number, fields });
    });
    const removed = templateItems.filter((i) => !linked.has(i.id)).map((i) => ({ id: i.id, number: i.number, title: i.title }));
    return { template: summaryView(templateSummary, actor), added, removed, changed };
  }

  async exportFile(actor: Actor, id: number, format: 'docx' | 'xlsx') {
    const rm = await readableRoadmap(this.db, actor, id);
    const [summary, items] = await Promise.all([this.summary(this.db, id), q.itemsOf(this.db, id)]);
    const data = {
      title: rm.title,
      territory: summary.territory,
      orderAuthority: rm.orderAuthority,
      orderNumber: rm.orderNumber,
      orderDate: rm.orderDate,
      year: rm.year,
      items,
    };
    const body = format === 'docx' ? await toDocx(data) : await toXlsx(data);
    const name = `Дорожная карта ${summary.territory} ${rm.year}`.replace(/[\\/:*?"<>|«»]/g, '').replace(/\s+/g, ' ').trim();
    return { body, contentType: CONTENT_TYPES[format], filename: `${name}.${format}`, asciiName: `roadmap-${id}-${rm.year}.${format}` };
  }

  // ---- helpers ----

  /** One roadmap per territory, level and cycle: a second one is offered as an amendment of the first, never saved. */
  private async refuseSecond(tx: Tx, cycleId: number, owner: RoadmapOwner): Promise<void> {
    await q.lockPlace(tx, cycleId, owner);
    const existing = await q.roadmapAt(tx, cycleId, owner);
    if (!existing) return;
    const message =
      existing.status === 'approved'
        ? 'Для этой территории уже есть утверждённая дорожная карта этого года: загрузите приказ как изменения в неё'
        : 'Для этой территории уже есть черновик дорожной карты этого года: откройте и исправьте его';
    throw new CodedConflictError('roadmap_exists', message, [{ path: 'level', message }], { roadmapId: existing.id, status: existing.status });
  }

  private async summary(db: Tx, id: number) {
    const row = await q.summaryById(db, id);
    if (!row) throw new NotFoundError('Дорожная карта не найдена');
    return { ...row, territory: territoryName(row) };
  }

  /** The owner territory named by the request, checked against the level. Invisible territories are 404. */
  private async ownerOf(tx: Tx, actor: Actor, input: Pick<CreateInput, 'level' | 'regionId' | 'municipalityId' | 'schoolId'>): Promise<RoadmapOwner> {
    const extra = (fields: ('regionId' | 'municipalityId' | 'schoolId')[], message: string) => {
      const issues = fields.filter((f) => input[f] != null).map((f) => ({ path: f, message }));
      if (issues.length) throw new ValidationError(message, issues);
    };
    const visibleOr404 = (owner: RoadmapOwner, message: string) => {
      if (!canReadRoadmap(actor, owner)) throw new NotFoundError(message);
      return owner;
    };
    switch (input.level) {
      case 'federal':
        extra(['regionId', 'municipalityId', 'schoolId'], 'У федеральной дорожной карты территория не указывается');
        return { level: 'federal', regionId: null, municipalityId: null, schoolId: null };
      case 'regional': {
        if (input.regionId == null) throw fieldError('regionId', 'Выберите регион');
        extra(['municipalityId', 'schoolId'], 'У региональной дорожной карты указывается только регион');
        const region = await q.regionById(tx, input.regionId);
        if (!region) throw new NotFoundError('Регион не найден');
        return visibleOr404({ level: 'regional', regionId: region.id, municipalityId: null, schoolId: null }, 'Регион не найден');
      }
      case 'municipal': {
        if (input.municipalityId == null) throw fieldError('municipalityId', 'Выберите муниципалитет');
        extra(['schoolId'], 'У муниципальной дорожной карты школа не указывается');
        const m = await q.municipalityById(tx, input.municipalityId);
        if (!m) throw new NotFoundError('Муниципалитет не найден');
        const owner = visibleOr404({ level: 'municipal', regionId: m.regionId, municipalityId: m.id, schoolId: null }, 'Муниципалитет не найден');
        if (input.regionId != null && input.regionId !== m.regionId) throw fieldError('regionId', 'Муниципалитет относится к другому региону');
        return owner;
      }
      case 'school': {
        if (input.schoolId == null) throw fieldError('schoolId', 'Выберите школу');
        const s = await q.schoolById(tx, input.schoolId);
        if (!s) throw new NotFoundError('Школа не найдена');
        const owner = visibleOr404({ level: 'school', regionId: s.regionId, municipalityId: s.municipalityId, schoolId: s.id }, 'Школа не найдена');
        if (input.municipalityId != null && input.municipalityId !== s.municipalityId) {
          throw fieldError('municipalityId', 'Школа относится к другому муниципалитету');
        }
        if (input.regionId != null && input.regionId !== s.regionId) throw fieldError('regionId', 'Школа относится к другому региону');
        return owner;
      }
    }
  }

  /** Removes stored content no file record refers to any more (after the transaction that freed it). */
  async dropBlobs(shas: string[]): Promise<void> {
    for (const sha of shas) {
      try {
        if (!(await q.shaInUse(this.db, sha))) await this.storage.remove(sha);
      } catch {
        // a leftover file is harmless; it is not referenced and never served
      }
    }
  }
}
