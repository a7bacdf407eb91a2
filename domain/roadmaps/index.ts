// Public API of the roadmaps domain: timing expressions («сроки») and order documents («приказ»).
export { dueDate, formatTiming, isDueBy, parseTiming, timingFromParts, TIMING_FLAGS } from './timing.js';
export type {
  Interval,
  ParseTimingOptions,
  Period,
  Recurrence,
  RecurrenceEvery,
  Timing,
  TimingKind,
  TimingPart,
} from './timing.js';
export { parseRoadmapDocument, toJson } from './document.js';
export type { Column, DocumentMeta, Field, Level, Responsible, RoadmapDocument, RoadmapItem, RoadmapJson } from './document.js';
