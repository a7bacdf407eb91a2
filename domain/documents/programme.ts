// The anti-risk programme as structured data: goal, tasks, measures and indicators with values per monitoring stage.
import { z } from 'zod';
import type { FieldIssue } from '../errors.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** A missing field says so; a wrong type gets the given message. */
const typeError = (message: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'Обязательное поле' : message);

const text = (max: number) =>
  z.string({ error: typeError('Ожидается текст') }).max(max, { error: `Не более ${max} символов` });
const value = z.number({ error: typeError('Ожидается число или пусто') }).nullable();

const measureSchema = z.strictObject({
  title: text(1000),
  /** Free text as written in the programme («ежемесячно», «до 1 октября»). */
  timing: text(200),
  dueDate: z.string().refine(isCalendarDate, { error: 'Дата в формате ГГГГ-ММ-ДД' }).optional(),
  responsible: text(500),
});

const actualSchema = z.strictObject({
  stageNumber: z.number({ error: typeError('Ожидается номер этапа') }).int({ error: 'Номер этапа — целое число' }).min(1, { error: 'Номер этапа — от 1' }),
  value,
});

const indicatorSchema = z
  .strictObject({
    name: text(500),
    unit: text(50),
    baseline: value,
    target: value,
    actual: z.array(actualSchema, { error: typeError('Ожидается список значений по этапам') }),
    direction: z.enum(['increase', 'decrease'], { error: 'Укажите, должен показатель расти или снижаться' }),
  })
  .superRefine((ind, ctx) => {
    const seen = new Set<number>();
    ind.actual.forEach((a, i) => {
      if (seen.has(a.stageNumber)) ctx.addIssue({ code: 'custom', path: ['actual', i, 'stageNumber'], message: `Значение за этап ${a.stageNumber} уже указано` });
      seen.add(a.stageNumber);
    });
  });

/**
 * Shape of a programme as stored (drafts allowed: empty texts and lists pass). Completeness before submitting is
 * `validateForSubmit`. Messages are Russian, paths exact (e.g. ['indicators', 0, 'actual', 1, 'value']).
 */
export const antiriskProgrammeSchema = z.strictObject({
  goal: text(2000),
  tasks: z.array(text(1000), { error: typeError('Ожидается список задач') }).max(50, { error: 'Не более 50 задач' }),
  measures: z.array(measureSchema, { error: typeError('Ожидается список мероприятий') }).max(200, { error: 'Не более 200 мероприятий' }),
  indicators: z.array(indicatorSchema, { error: typeError('Ожидается список показателей') }).max(50, { error: 'Не более 50 показателей' }),
});

export type AntiriskProgramme = z.infer<typeof antiriskProgrammeSchema>;
export type ProgrammeMeasure = z.infer<typeof measureSchema>;
export type ProgrammeIndicator = z.infer<typeof indicatorSchema>;
export type IndicatorDirection = ProgrammeIndicator['direction'];

export const INDICATOR_DIRECTION_LABELS: Record<IndicatorDirection, string> = { increase: 'рост', decrease: 'снижение' };

/** An empty programme for a new draft. */
export function emptyProgramme(): AntiriskProgramme {
  return { goal: '', tasks: [], measures: [], indicators: [] };
}

const blank = (s: string): boolean => s.trim() === '';

/** What is missing before the programme may be submitted (empty when complete). */
export function validateForSubmit(p: AntiriskProgramme): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (blank(p.goal)) issues.push({ path: 'goal', message: 'Сформулируйте цель программы' });

  if (p.tasks.length === 0) issues.push({ path: 'tasks', message: 'Добавьте хотя бы одну задачу' });
  p.tasks.forEach((t, i) => {
    if (blank(t)) issues.push({ path: `tasks.${i}`, message: 'Заполните задачу или удалите её' });
  });

  if (p.measures.length === 0) issues.push({ path: 'measures', message: 'Добавьте хотя бы одно мероприятие' });
  p.measures.forEach((m, i) => {
    if (blank(m.title)) issues.push({ path: `measures.${i}.title`, message: 'Укажите название мероприятия' });
    if (blank(m.timing) && !m.dueDate) issues.push({ path: `measures.${i}.timing`, message: 'Укажите срок мероприятия' });
    if (blank(m.responsible)) issues.push({ path: `measures.${i}.responsible`, message: 'Укажите ответственного' });
  });

  if (p.indicators.length === 0) issues.push({ path: 'indicators', message: 'Добавьте хотя бы один показатель' });
  p.indicators.forEach((ind, i) => {
    if (blank(ind.name)) issues.push({ path: `indicators.${i}.name`, message: 'Укажите название показателя' });
    if (ind.baseline === null) issues.push({ path: `indicators.${i}.baseline`, message: 'Укажите базовое значение' });
    if (ind.target === null) issues.push({ path: `indicators.${i}.target`, message: 'Укажите целевое значение' });
    if (ind.baseline !== null && ind.target !== null) {
      if (ind.direction === 'increase' && ind.target < ind.baseline) {
        issues.push({ path: `indicators.${i}.target`, message: 'Показатель должен расти: целевое значение не может быть меньше базового' });
      }
      if (ind.direction === 'decrease' && ind.target > ind.baseline) {
        issues.push({ path: `indicators.${i}.target`, message: 'Показатель должен снижаться: целевое значение не может быть больше базового' });
      }
    }
  });
  return issues;
}

export interface IndicatorChange {
  /** The value of the latest stage that has one (up to `upToStage`); null when none. */
  latest: number | null;
  latestStage: number | null;
  /** latest − baseline; null when either is unknown. */
  change: number | null;
  /** The change goes the intended way (strictly); null when unknown. */
  positive: boolean | null;
  /** The latest value reached the target; null when either is unknown. */
  targetReached: boolean | null;
}

const clean = (n: number): number => Math.round(n * 1e9) / 1e9;

/** Change of an indicator from its baseline to its latest measured stage (optionally only stages ≤ upToStage). */
export function indicatorChange(ind: Pick<ProgrammeIndicator, 'baseline' | 'target' | 'actual' | 'direction'>, upToStage?: number): IndicatorChange {
  let latest: number | null = null;
  let latestStage: number | null = null;
  for (const a of ind.actual) {
    if (a.value === null || !Number.isFinite(a.value)) continue;
    if (upToStage !== undefined && a.stageNumber > upToStage) continue;
    if (latestStage === null || a.stageNumber > latestStage) {
      latest = a.value;
      latestStage = a.stageNumber;
    }
  }
  const sign = ind.direction === 'increase' ? 1 : -1;
  const change = latest !== null && ind.baseline !== null ? clean(latest - ind.baseline) : null;
  return {
    latest,
    latestStage,
    change,
    positive: change === null ? null : change * sign > 0,
    targetReached: latest === null || ind.target === null ? null : (latest - ind.target) * sign >= 0,
  };
}

export interface ProgrammeChange {
  indicators: number;
  /** Indicators with a baseline and a measured value. */
  measured: number;
  positive: number;
  /** positive / measured (0–1, three decimals); null when nothing is measured yet. */
  share: number | null;
}

/** The share of measured indicators that changed the intended way («положительная динамика»). */
export function programmeChange(p: Pick<AntiriskProgramme, 'indicators'>, upToStage?: number): ProgrammeChange {
  const changes = p.indicators.map((ind) => indicatorChange(ind, upToStage));
  const measured = changes.filter((c) => c.positive !== null).length;
  const positive = changes.filter((c) => c.positive === true).length;
  return { indicators: p.indicators.length, measured, positive, share: measured ? Math.round((positive / measured) * 1000) / 1000 : null };
}
