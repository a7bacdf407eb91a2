// From what the editor or the import preview sends (ItemInput) to stored item values: the timing is
// parsed with the roadmap's year, responsible parties recognised, problems flagged, parents found by number.
import { dueDate, parseTiming, type Timing } from '../../../domain/roadmaps/index.js';
import { recogniseParties } from '../../../domain/roadmaps/parties.js';

export interface ItemInput {
  id?: number;
  number: string | null;
  title: string;
  timingText: string;
  responsibleText: string;
  indicator: string;
  infoSupport: string;
}

/** The text fields people edit (compared for «what changed» and against a template). */
export const TEXT_FIELDS = ['number', 'title', 'timingText', 'responsibleText', 'indicator', 'infoSupport'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export interface ItemValues {
  number: string | null;
  title: string;
  timingText: string;
  timing: Timing;
  startDate: string | null;
  dueDate: string | null;
  responsibleText: string;
  responsibleParties: string[];
  indicator: string;
  infoSupport: string;
  flags: string[];
  position: number;
  /** Index (in the given list) of the item whose number is the longest printed prefix of this one. */
  parentIndex: number | null;
}

/** Earliest start, or null when some interval is open at the start («до 31.05.2021»). */
export function startDate(timing: Timing): string | null {
  if (timing.intervals.length === 0) return null;
  let first: string | null = null;
  for (const [start] of timing.intervals) {
    if (start === null) return null;
    if (first === null || start < first) first = start;
  }
  return first;
}

export function timingValues(timingText: string, year: number) {
  const timing = parseTiming(timingText, { defaultYear: year });
  return { timing, startDate: startDate(timing), dueDate: dueDate(timing) };
}

/** Flags of a saved item: its timing problems (as the import shows them), a missing or repeated number. */
export function itemFlags(timing: Timing, number: string | null, repeated: boolean): string[] {
  const flags = timing.flags.map((f) => `сроки: ${f}`);
  if (number === null) flags.push('строка без номера');
  else if (repeated) flags.push(`номер ${number} повторяется`);
  return [...new Set(flags)];
}

/** «3.1» → its parent is the nearest earlier «3»; «3.1.2» → «3.1», else «3». */
export function parentIndexes(numbers: (string | null)[]): (number | null)[] {
  const lastAt = new Map<string, number>();
  return numbers.map((n, k) => {
    let parent: number | null = null;
    if (n !== null) {
      const parts = n.split('.');
      for (let len = parts.length - 1; len >= 1 && parent === null; len--) parent = lastAt.get(parts.slice(0, len).join('.')) ?? null;
      lastAt.set(n, k);
    }
    return parent;
  });
}

export function buildItems(inputs: ItemInput[], year: number): ItemValues[] {
  const counts = new Map<string, number>();
  for (const i of inputs) if (i.number !== null) counts.set(i.number, (counts.get(i.number) ?? 0) + 1);
  const parents = parentIndexes(inputs.map((i) => i.number));
  return inputs.map((input, k) => {
    const t = timingValues(input.timingText, year);
    return {
      number: input.number,
      title: input.title,
      timingText: input.timingText,
      ...t,
      responsibleText: input.responsibleText,
      responsibleParties: recogniseParties(input.responsibleText),
      indicator: input.indicator,
      infoSupport: input.infoSupport,
      flags: itemFlags(t.timing, input.number, (counts.get(input.number ?? '') ?? 0) > 1),
      position: k + 1,
      parentIndex: parents[k] ?? null,
    };
  });
}
