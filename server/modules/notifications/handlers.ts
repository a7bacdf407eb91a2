// Background jobs of notifications (docs/notifications-api.md, «How notifications are made»):
//   notify.document   — a document transition (enqueued by the documents service in its transaction);
//   notify.expertise  — a completed expertise review (enqueued by the expertise service);
//   notify.roadmap    — a roadmap mark to confirm or returned, a stage report submitted, accepted or returned;
//   deadline.scan     — daily: reminders of unconfirmed document slots due in NOTIFY_DAYS_BEFORE days, escalation of
//                       overdue activities, the weekly digest (roadmap-events.ts); re-schedules itself;
//   email.send        — one outbox mail: sent by SMTP, or kept for the administrator without SMTP.
// Every notification has a dedupe key unique per user, and a mail is unique per notification, so a job that runs
// twice (a retry, a worker that died after the work but before marking the job done) creates nothing twice.
import { and, eq, ne } from 'drizzle-orm';
import { buildChecklist, CONCLUSION_LABELS, DOCUMENT_KIND_LABELS, type Deadlines, type DocumentKind, type ExpertiseConclusion } from '../../../domain/documents/index.js';
import { FACTOR_CODES, FACTOR_NAMES, type FactorCode } from '../../../domain/surveys/factors.js';
import { daysBetween, ruDate } from '../../../domain/dates.js';
import type { Config } from '../../config.js';
import type { Db, Tx } from '../../db/client.js';
import { cycleSchools, documentDeadlines, riskDirections, schoolDocuments, schools } from '../../db/schema.js';
import { enqueue, type JobHandler } from '../../jobs/queue.js';
import { today } from '../monitoring/clock.js';
import { currentCycle, cycleById } from '../monitoring/queries.js';
import { ensureStages } from '../monitoring/stages.js';
import type { Mailer } from './mailer.js';
import { JOB_KINDS } from './jobs.js';
import { roadmapEvent, scanRoadmaps } from './roadmap-events.js';
import * as q from './queries.js';

export { JOB_KINDS } from './jobs.js';

export interface NotificationEvent {
  kind: q.NotificationKind;
  /** Unique per user and event. */
  dedupeKey: string;
  title: string;
  body: string;
  /** A path of the web UI, e.g. /documents/schools/5. */
  link: string | null;
}

export interface DeliverOptions {
  /** Prefix of links in mail (MEDK_PUBLIC_URL). */
  publicUrl?: string;
}

/**
 * Records the event for each recipient according to their preferences (default: in the app and by email) and queues
 * a mail for those who want one and have an address. Returns how many notifications were new.
 */
export async function deliver(tx: Tx, recipients: readonly q.Recipient[], event: NotificationEvent, options: DeliverOptions = {}): Promise<number> {
  const unique = [...new Map(recipients.map((r) => [r.id, r])).values()];
  const prefs = new Map((await q.preferencesOf(tx, unique.map((r) => r.id))).filter((p) => p.kind === event.kind).map((p) => [p.userId, p]));
  let created = 0;
  for (const r of unique) {
    const pref = prefs.get(r.id) ?? { inApp: true, email: true };
    if (!pref.inApp && !pref.email) continue;
    const row = await q.insertNotification(tx, { userId: r.id, kind: event.kind, title: event.title, body: event.body, link: event.link, dedupeKey: event.dedupeKey, inApp: pref.inApp });
    if (!row) continue;
    created += 1;
    const address = r.email.trim();
    if (!pref.email || !address) continue;
    const link = event.link && options.publicUrl ? `\n\nОткрыть в MEDK: ${options.publicUrl}${event.link}` : '';
    const mail = await q.insertOutbox(tx, {
      notificationId: row.id,
      toAddress: address,
      subject: `MEDK: ${event.title}`,
      body: `${event.body}${link}\n\n—\nЭто письмо отправлено автоматически. Какие уведомления получать, можно выбрать в MEDK: «Уведомления» → «Настройки».`,
    });
    if (mail) await enqueue(tx, JOB_KINDS.email, { outboxId: mail.id }, { dedupeKey: `email:${mail.id}`, maxAttempts: 8 });
  }
  return created;
}

// ---- titles ----

/** The checklist title of a slot key ('antirisk_programme:low_motivation' → «Антирисковая программа: …»). */
export function slotTitle(kind: DocumentKind, slotKey: string): string {
  const factor = slotKey.split(':').at(-1) as FactorCode;
  const label = kind === 'antirisk_programme' ? 'Антирисковая программа' : DOCUMENT_KIND_LABELS[kind];
  return FACTOR_CODES.includes(factor) && kind !== 'concept' ? `${label}: ${FACTOR_NAMES[factor]}` : label;
}

/** «через 7 дней», «через 1 день», «через 3 дня», «сегодня». */
export function inDays(n: number): string {
  if (n === 0) return 'сегодня';
  const mod10 = n % 10;
  const mod100 = n % 100;
  const word = mod10 === 1 && mod100 !== 11 ? 'день' : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? 'дня' : 'дней';
  return `через ${n} ${word}`;
}

// ---- event handlers ----

type DocumentAction = 'submit' | 'withdraw' | 'confirm' | 'return' | 'reopen';

async function documentEvent(db: Db, payload: Record<string, unknown>, options: DeliverOptions): Promise<void> {
  const action = payload.action as DocumentAction;
  const doc = await q.documentInfo(db, Number(payload.documentId));
  if (!doc) return; // deleted meanwhile: nothing to tell
  const title = typeof payload.slotTitle === 'string' && payload.slotTitle ? payload.slotTitle : slotTitle(doc.kind, doc.slotKey);
  const comment = typeof payload.comment === 'string' ? payload.comment.trim() : '';
  const dedupeKey = `document:${doc.id}:v${Number(payload.version)}:${action}`;
  const link = `/documents/schools/${doc.schoolId}`;
  await db.transaction(async (tx) => {
    if (action === 'submit') {
      await deliver(
        tx,
        await q.curatorsOf(tx, doc.cycleId, doc.schoolId),
        { kind: 'document_submitted', dedupeKey, title: `Документ на проверку: ${title}`, body: `${doc.school} отправила на проверку документ «${title}». Проверьте его и подтвердите или верните на доработку.`, link },
        options,
      );
    } else if (action === 'return' || action === 'reopen') {
      await deliver(
        tx,
        await q.schoolUsers(tx, doc.schoolId),
        {
          kind: 'document_returned',
          dedupeKey,
          title: `Документ возвращён на доработку: ${title}`,
          body: `Куратор вернул на доработку документ «${title}» (${doc.school}).${comment ? ` Комментарий куратора: ${comment}` : ''}`,
          link,
        },
        options,
      );
    } else if (action === 'confirm') {
      await deliver(
        tx,
        await q.schoolUsers(tx, doc.schoolId),
        { kind: 'document_confirmed', dedupeKey, title: `Документ подтверждён: ${title}`, body: `Куратор подтвердил документ «${title}» (${doc.school}).${comment ? ` Комментарий: ${comment}` : ''}`, link },
        options,
      );
    }
  });
}

async function expertiseEvent(db: Db, payload: Record<string, unknown>, options: DeliverOptions): Promise<void> {
  const review = await q.reviewInfo(db, Number(payload.reviewId));
  if (!review || review.status !== 'completed') return; // reopened before the job ran: the next completion tells
  const conclusion = review.conclusion ? `: ${CONCLUSION_LABELS[review.conclusion as ExpertiseConclusion]}` : '';
  await db.transaction(async (tx) => {
    const recipients = [...(await q.schoolUsers(tx, review.schoolId)), ...(await q.curatorsOf(tx, review.cycleId, review.schoolId))];
    await deliver(
      tx,
      recipients,
      {
        kind: 'expertise_completed',
        dedupeKey: `expertise:${review.id}:v${Number(payload.version)}`,
        title: `Результаты федеральной экспертизы: ${review.school}`,
        body: `Завершена федеральная экспертиза документов (${review.sample}), заключение${conclusion || ' вынесено'}.`,
        link: `/expertise/reviews/${review.id}`,
      },
      options,
    );
  });
}

// ---- deadline reminders ----

export interface ScanResult {
  cycleId: number | null;
  created: number;
}

/**
 * Reminds the school accounts of every checklist slot not yet confirmed whose due date is `daysBefore` days away (or
 * closer, when a scan was missed: the nearest threshold not passed). One reminder per user, slot, due date and
 * threshold.
 */
export async function scanDeadlines(db: Db, daysBefore: readonly number[], on: string = today(), options: DeliverOptions = {}): Promise<ScanResult> {
  const cycle = await currentCycle(db);
  if (!cycle || cycle.status === 'closed' || !daysBefore.length) return { cycleId: cycle?.id ?? null, created: 0 };
  const full = (await cycleById(db, cycle.id))!;
  const stages = await ensureStages(db, full);
  const [members, directions, docs, overrides] = await Promise.all([
    db.select({ id: schools.id, name: schools.shortName }).from(cycleSchools).innerJoin(schools, eq(schools.id, cycleSchools.schoolId)).where(eq(cycleSchools.cycleId, cycle.id)),
    db.select({ schoolId: riskDirections.schoolId, code: riskDirections.factorCode }).from(riskDirections).where(eq(riskDirections.cycleId, cycle.id)),
    db.select({ schoolId: schoolDocuments.schoolId, slotKey: schoolDocuments.slotKey, status: schoolDocuments.status }).from(schoolDocuments).where(eq(schoolDocuments.cycleId, cycle.id)),
    db.select().from(documentDeadlines).where(and(eq(documentDeadlines.cycleId, cycle.id), ne(documentDeadlines.kind, 'evidence'))),
  ]);
  const deadlines = Object.fromEntries(overrides.map((r) => [r.kind, r.dueDate])) as Partial<Deadlines>;
  const thresholds = [...daysBefore].sort((a, b) => a - b);
  const confirmed = new Set(docs.filter((d) => d.status === 'confirmed').map((d) => `${d.schoolId}|${d.slotKey}`));
  const due: { school: { id: number; name: string }; events: NotificationEvent[] }[] = [];
  for (const school of members) {
    const codes = directions.filter((d) => d.schoolId === school.id).map((d) => d.code);
    const slots = buildChecklist({ directions: FACTOR_CODES.filter((c) => codes.includes(c)), stages, deadlines, year: cycle.year });
    const events: NotificationEvent[] = [];
    for (const slot of slots) {
      if (confirmed.has(`${school.id}|${slot.key}`)) continue;
      const left = daysBetween(on, slot.dueDate);
      if (left < 0) continue;
      const threshold = thresholds.find((d) => left <= d);
      if (threshold === undefined) continue;
      events.push({
        kind: 'deadline',
        dedupeKey: `deadline:${cycle.id}:${school.id}:${slot.key}:${slot.dueDate}:${threshold}`,
        title: `Срок ${inDays(left)}: ${slot.title}`,
        body: `${school.name}: документ «${slot.title}» должен быть подтверждён куратором до ${ruDate(slot.dueDate)} (${inDays(left)}).`,
        link: `/documents/schools/${school.id}`,
      });
    }
    if (events.length) due.push({ school, events });
  }
  const recipients = await q.schoolUsersOf(db, due.map((d) => d.school.id));
  let created = 0;
  for (const { school, events } of due) {
    const users = recipients.get(school.id) ?? [];
    if (!users.length) continue;
    await db.transaction(async (tx) => {
      for (const event of events) created += await deliver(tx, users, event, options);
    });
  }
  return { cycleId: cycle.id, created };
}

/** Local date 'YYYY-MM-DD' of a moment. */
function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Makes sure today's scan exists (run at start by every process: the dedupe key keeps it to one). */
export async function scheduleDeadlineScan(db: Tx, now = new Date()): Promise<void> {
  await enqueue(db, JOB_KINDS.scan, {}, { dedupeKey: `deadline-scan:${localDate(now)}`, runAt: now });
}

/** The next scan: tomorrow at 06:00 server time. */
function nextScan(now: Date): Date {
  const next = new Date(now);
  next.setDate(next.getDate() + 1);
  next.setHours(6, 0, 0, 0);
  return next;
}

// ---- mail ----

async function sendMail(db: Db, outboxId: number, mailer: Mailer | null, attempt: { n: number; last: boolean }): Promise<void> {
  const mail = await q.outboxById(db, outboxId);
  if (!mail || mail.status !== 'pending') return; // already sent or kept: never twice
  if (!mailer) {
    await q.updateOutbox(db, mail.id, { status: 'kept' });
    return;
  }
  try {
    await mailer.send({ to: mail.toAddress, subject: mail.subject, text: mail.body, messageId: `<medk-outbox-${mail.id}@medk>` });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await q.updateOutbox(db, mail.id, { attempts: attempt.n, lastError: message.slice(0, 2000), ...(attempt.last ? { status: 'failed' } : {}) });
    throw error;
  }
  await q.updateOutbox(db, mail.id, { status: 'sent', attempts: attempt.n, lastError: null, sentAt: new Date() });
}

export interface HandlerDeps {
  config: Pick<Config, 'notifyDaysBefore' | 'publicUrl'>;
  mailer: Mailer | null;
}

export function notificationHandlers(deps: HandlerDeps): Record<string, JobHandler> {
  const options: DeliverOptions = { publicUrl: deps.config.publicUrl };
  return {
    [JOB_KINDS.document]: (payload, { db }) => documentEvent(db, payload, options),
    [JOB_KINDS.expertise]: (payload, { db }) => expertiseEvent(db, payload, options),
    [JOB_KINDS.roadmap]: (payload, { db }) => roadmapEvent(db, payload, options),
    [JOB_KINDS.scan]: async (_payload, { db, now }) => {
      const on = today();
      await scanDeadlines(db, deps.config.notifyDaysBefore, on, options);
      await scanRoadmaps(db, on, options);
      const next = nextScan(now);
      await enqueue(db, JOB_KINDS.scan, {}, { dedupeKey: `deadline-scan:${localDate(next)}`, runAt: next });
    },
    [JOB_KINDS.email]: (payload, { db, job }) => sendMail(db, Number(payload.outboxId), deps.mailer, { n: job.attempts, last: job.attempts >= job.maxAttempts }),
  };
}
