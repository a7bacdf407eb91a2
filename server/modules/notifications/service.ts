// Notifications of the signed-in user, their preferences, the mail outbox (administrator), and the calendar of a
// cycle's deadlines (docs/notifications-api.md). Notifications themselves are made by background jobs (handlers.ts).
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { scopeOf, type Actor } from '../../../domain/access/policy.js';
import { DOCUMENT_KIND_LABELS } from '../../../domain/documents/index.js';
import { ForbiddenError, NotFoundError } from '../../../domain/errors.js';
import type { Db } from '../../db/client.js';
import { NOTIFICATION_KINDS, roadmapItems, roadmaps } from '../../db/schema.js';
import type { DocumentsService } from '../documents/service.js';
import { currentCycle, cycleById } from '../monitoring/queries.js';
import { ensureStages } from '../monitoring/stages.js';
import { readableBy } from '../roadmaps/queries.js';
import * as q from './queries.js';
import type { ListQuery, OutboxQuery, PreferencesBody } from './schemas.js';

export const KIND_LABELS: Record<q.NotificationKind, string> = {
  deadline: 'Приближается срок документа',
  document_submitted: 'Документ отправлен на проверку (куратору)',
  document_returned: 'Документ возвращён на доработку',
  document_confirmed: 'Документ подтверждён',
  expertise_completed: 'Результаты федеральной экспертизы',
  mark_to_confirm: 'Исполнение мероприятия ждёт подтверждения',
  mark_returned: 'Отметка об исполнении возвращена на доработку',
  overdue_escalation: 'Просроченные мероприятия подведомственной территории',
  stage_report: 'Отчёты за этап мониторинга',
  weekly_digest: 'Еженедельная сводка по территории',
};

export interface NotificationView {
  id: number;
  kind: q.NotificationKind;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface PreferenceView {
  kind: q.NotificationKind;
  label: string;
  inApp: boolean;
  email: boolean;
}

export interface CalendarEntry {
  /** 'YYYY-MM-DD' */
  date: string;
  type: 'document' | 'stage' | 'roadmap_item';
  title: string;
  detail: string;
  link: string | null;
  /** A document slot's state (SlotState) when the school is known. */
  state: string | null;
}

/** Most roadmap items listed in a calendar. */
const ROADMAP_ITEM_LIMIT = 500;

const view = (n: q.NotificationRow): NotificationView => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  link: n.link,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt?.toISOString() ?? null,
});

export class NotificationsService {
  constructor(
    private readonly db: Db,
    private readonly documents: DocumentsService,
    private readonly smtpConfigured: boolean,
  ) {}

  async list(actor: Actor, query: ListQuery) {
    const { items, total, unread } = await q.listOf(this.db, actor.userId, {
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
      unreadOnly: query.unread === 'true',
    });
    return { items: items.map(view), total, unread, page: query.page, pageSize: query.pageSize };
  }

  async unreadCount(actor: Actor) {
    return { unread: await q.unreadCount(this.db, actor.userId) };
  }

  async markRead(actor: Actor, id: number) {
    if (!(await q.markRead(this.db, actor.userId, id))) throw new NotFoundError('Уведомление не найдено');
    return { ok: true, unread: await q.unreadCount(this.db, actor.userId) };
  }

  async markAllRead(actor: Actor) {
    const marked = await q.markAllRead(this.db, actor.userId);
    return { ok: true, marked, unread: 0 };
  }

  async preferences(actor: Actor): Promise<{ preferences: PreferenceView[] }> {
    const rows = new Map((await q.preferencesOf(this.db, [actor.userId])).map((p) => [p.kind, p]));
    return {
      preferences: NOTIFICATION_KINDS.map((kind) => ({ kind, label: KIND_LABELS[kind], inApp: rows.get(kind)?.inApp ?? true, email: rows.get(kind)?.email ?? true })),
    };
  }

  async setPreferences(actor: Actor, body: PreferencesBody) {
    await this.db.transaction(async (tx) => {
      for (const p of body.preferences) await q.upsertPreference(tx, actor.userId, p.kind, p.inApp, p.email);
    });
    return this.preferences(actor);
  }

  async outbox(actor: Actor, query: OutboxQuery) {
    if (actor.role !== 'admin') throw new ForbiddenError('Исходящие письма видит администратор');
    const { items, total } = await q.outbox(this.db, { status: query.status, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    return {
      smtpConfigured: this.smtpConfigured,
      items: items.map((m) => ({ ...m, sentAt: m.sentAt?.toISOString() ?? null, createdAt: m.createdAt.toISOString() })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** The actor's deadlines in a cycle: document slots of their school(s) (or the cycle's deadlines), stages, roadmap items. */
  async calendar(actor: Actor, cycleId?: number) {
    const cycle = cycleId === undefined ? await currentCycle(this.db) : await cycleById(this.db, cycleId);
    if (!cycle) throw new NotFoundError('Год проекта не найден');
    const entries: CalendarEntry[] = [];
    const stages = await ensureStages(this.db, cycle);
    for (const s of stages) {
      entries.push({ date: s.measuredOn, type: 'stage', title: `Этап мониторинга: ${s.title}`, detail: `Порог исполнения мероприятий — ${s.thresholdPercent}%`, link: '/monitoring', state: null });
    }

    const schoolIds = actor.role === 'school' && actor.schoolId !== null ? [actor.schoolId] : actor.role === 'curator' ? [...new Set(actor.curatedSchools.map((s) => s.schoolId!).filter(Boolean))] : [];
    if (schoolIds.length) {
      for (const schoolId of schoolIds) {
        const school = await this.documents.school(actor, schoolId, cycle.id).catch((error: unknown) => {
          if (error instanceof NotFoundError) return null; // not in this cycle
          throw error;
        });
        if (!school) continue;
        for (const slot of school.slots) {
          entries.push({ date: slot.dueDate, type: 'document', title: slot.title, detail: school.school.name, link: `/documents/schools/${schoolId}`, state: slot.state });
        }
      }
    } else {
      const { deadlines } = await this.documents.deadlines(cycle.id);
      for (const [kind, date] of Object.entries(deadlines)) {
        entries.push({ date, type: 'document', title: DOCUMENT_KIND_LABELS[kind as keyof typeof deadlines], detail: 'Срок для школ проекта', link: '/documents', state: null });
      }
    }

    const items = await this.db
      .select({ id: roadmapItems.id, number: roadmapItems.number, title: roadmapItems.title, dueDate: roadmapItems.dueDate, roadmapId: roadmaps.id, roadmap: roadmaps.title })
      .from(roadmapItems)
      .innerJoin(roadmaps, eq(roadmaps.id, roadmapItems.roadmapId))
      .where(and(eq(roadmaps.cycleId, cycle.id), isNotNull(roadmapItems.dueDate), readableBy(scopeOf(actor))))
      .orderBy(asc(roadmapItems.dueDate), asc(roadmaps.id), asc(roadmapItems.position))
      .limit(ROADMAP_ITEM_LIMIT + 1);
    for (const item of items.slice(0, ROADMAP_ITEM_LIMIT)) {
      entries.push({ date: item.dueDate!, type: 'roadmap_item', title: `${item.number ? `${item.number}. ` : ''}${item.title}`, detail: item.roadmap, link: `/roadmaps/${item.roadmapId}`, state: null });
    }
    entries.sort((a, b) => a.date.localeCompare(b.date) || a.type.localeCompare(b.type));
    return { cycle: { id: cycle.id, year: cycle.year }, entries, truncated: items.length > ROADMAP_ITEM_LIMIT };
  }
}
