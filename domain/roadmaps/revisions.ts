// Revisions (редакции) of an approved roadmap: the frozen plan of each order and the difference between two of them.

/** One activity of a revision's frozen plan. */
export interface RevisionItem {
  id: number;
  parentId: number | null;
  position: number;
  number: string | null;
  title: string;
  timingText: string;
  startDate: string | null;
  dueDate: string | null;
  /** Period or recurrence («в течение года», «ежемесячно»): marked and counted per stage. */
  periodic: boolean;
  responsibleText: string;
  indicator: string;
  infoSupport: string;
}

export type RevisionField = 'number' | 'title' | 'timingText' | 'responsibleText' | 'indicator' | 'infoSupport';
export const REVISION_FIELDS: RevisionField[] = ['number', 'title', 'timingText', 'responsibleText', 'indicator', 'infoSupport'];

export const REVISION_FIELD_LABELS: Record<RevisionField, string> = {
  number: 'номер',
  title: 'мероприятие',
  timingText: 'сроки',
  responsibleText: 'ответственные',
  indicator: 'показатель',
  infoSupport: 'информационное сопровождение',
};

export interface DiffEntry {
  id: number;
  number: string | null;
  title: string;
}

export interface RevisionDiff {
  added: DiffEntry[];
  removed: DiffEntry[];
  changed: (DiffEntry & { fields: Partial<Record<RevisionField, [string | null, string | null]>> })[];
}

export const EMPTY_DIFF: RevisionDiff = { added: [], removed: [], changed: [] };

const entry = (i: RevisionItem): DiffEntry => ({ id: i.id, number: i.number, title: i.title });

/** Added, removed and changed activities of `after` against `before`, matched by item id, in plan order. */
export function revisionDiff(before: RevisionItem[], after: RevisionItem[]): RevisionDiff {
  const old = new Map(before.map((i) => [i.id, i]));
  const now = new Set(after.map((i) => i.id));
  const diff: RevisionDiff = { added: [], removed: [], changed: [] };
  for (const item of after) {
    const was = old.get(item.id);
    if (!was) {
      diff.added.push(entry(item));
      continue;
    }
    const fields: Partial<Record<RevisionField, [string | null, string | null]>> = {};
    for (const f of REVISION_FIELDS) if (was[f] !== item[f]) fields[f] = [was[f], item[f]];
    if (Object.keys(fields).length) diff.changed.push({ ...entry(item), fields });
  }
  for (const item of before) if (!now.has(item.id)) diff.removed.push(entry(item));
  return diff;
}

export const isEmptyDiff = (d: RevisionDiff) => d.added.length + d.removed.length + d.changed.length === 0;

/** The revision in force on a date: the latest whose order is dated on or before it, else the first one. */
export function revisionInForce<T extends { number: number; orderDate: string }>(revisions: T[], date: string): T | undefined {
  let best: T | undefined;
  let first: T | undefined;
  for (const r of revisions) {
    if (!first || r.number < first.number) first = r;
    if (r.orderDate <= date && (!best || r.number > best.number)) best = r;
  }
  return best ?? first;
}

/**
 * Pairs re-imported rows with the activities of the plan in force, by printed number (then by title), so that an
 * amendment made from a new order text keeps the marks of the activities it repeats. Returns the matched id per row.
 */
export function matchByNumber(existing: Pick<RevisionItem, 'id' | 'number' | 'title'>[], rows: { number: string | null; title: string }[]): (number | undefined)[] {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
  const byNumber = new Map<string, number[]>();
  const byTitle = new Map<string, number[]>();
  for (const e of existing) {
    if (e.number !== null) byNumber.set(e.number, [...(byNumber.get(e.number) ?? []), e.id]);
    byTitle.set(norm(e.title), [...(byTitle.get(norm(e.title)) ?? []), e.id]);
  }
  const used = new Set<number>();
  const take = (list: number[] | undefined) => {
    const id = list?.find((x) => !used.has(x));
    if (id !== undefined) used.add(id);
    return id;
  };
  return rows.map((r) => take(r.number !== null ? byNumber.get(r.number) : undefined) ?? take(byTitle.get(norm(r.title))));
}
