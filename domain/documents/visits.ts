// Curator visits to schools: the first visit and later ones; the share of schools visited.
import type { FieldIssue } from '../errors.js';

export const VISIT_FORMATS = ['onsite', 'online'] as const;
export type VisitFormat = (typeof VISIT_FORMATS)[number];

export const VISIT_FORMAT_LABELS: Record<VisitFormat, string> = { onsite: 'очно', online: 'дистанционно' };

export interface VisitInput {
  /** 'YYYY-MM-DD' */
  visitedOn: string;
  format: string;
  notes: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === value;
}

/** Problems of a visit record (empty when fine): a real date not in the future, a known format, notes within 5000 characters. */
export function checkVisit(visit: VisitInput, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!isCalendarDate(visit.visitedOn)) issues.push({ path: 'visitedOn', message: 'Укажите дату в формате ГГГГ-ММ-ДД' });
  else if (visit.visitedOn > today) issues.push({ path: 'visitedOn', message: 'Дата посещения не может быть в будущем' });
  if (!(VISIT_FORMATS as readonly string[]).includes(visit.format)) issues.push({ path: 'format', message: 'Выберите формат: очно или дистанционно' });
  if (visit.notes.length > 5000) issues.push({ path: 'notes', message: 'Не более 5000 символов' });
  return issues;
}

/** The earliest visit date of a school, or null. */
export function firstVisitOn(visits: readonly { visitedOn: string }[]): string | null {
  let first: string | null = null;
  for (const v of visits) if (first === null || v.visitedOn < first) first = v.visitedOn;
  return first;
}

export interface VisitRow<Id = string | number> {
  schoolId: Id;
  firstVisitOn: string | null;
}

export interface VisitShare<Id = string | number> {
  schools: number;
  visited: number;
  /** visited / schools (0–1, three decimals); null for no schools. */
  share: number | null;
  /** Schools not visited (by the date), in input order. */
  notVisited: Id[];
}

/** «100% школ посещены кураторами»: schools with a first visit (on or before `byDate` when given). */
export function visitShare<Id extends string | number>(schools: readonly VisitRow<Id>[], byDate?: string): VisitShare<Id> {
  const notVisited = schools.filter((s) => s.firstVisitOn === null || (byDate !== undefined && s.firstVisitOn > byDate)).map((s) => s.schoolId);
  const visited = schools.length - notVisited.length;
  return { schools: schools.length, visited, share: schools.length ? Math.round((visited / schools.length) * 1000) / 1000 : null, notVisited };
}
