// Public API of the documents domain: the school's checklist, the document and expertise workflows, anti-risk
// programmes as data, upload rules, expertise sampling and curator visits.
export {
  allowedActions,
  allowedExpertiseActions,
  CONCLUSION_LABELS,
  DOCUMENT_ACTION_LABELS,
  DOCUMENT_ACTIONS,
  DOCUMENT_STATUS_LABELS,
  DOCUMENT_STATUSES,
  EXPERTISE_ACTION_LABELS,
  EXPERTISE_ACTIONS,
  EXPERTISE_CONCLUSIONS,
  EXPERTISE_STATUS_LABELS,
  EXPERTISE_STATUSES,
  expertiseTransition,
  transition,
} from './workflow.js';
export type {
  DocumentAction,
  DocumentActor,
  DocumentStatus,
  DocumentTransitionInput,
  ExpertiseAction,
  ExpertiseActor,
  ExpertiseConclusion,
  ExpertiseStatus,
  ExpertiseTransitionInput,
  TransitionResult,
} from './workflow.js';
export { checkExpertiseForm, CRITERION_MARK_LABELS, CRITERION_MARKS, DEFAULT_EXPERTISE_CRITERIA, suggestedConclusion } from './expertise.js';
export type { CriterionMark, ExpertiseCriterion, ExpertiseForm } from './expertise.js';
export {
  buildChecklist,
  DEFAULT_DEADLINES,
  defaultDeadlines,
  DOCUMENT_KIND_LABELS,
  DOCUMENT_KINDS,
  schoolProgress,
  SLOT_STATE_LABELS,
  slotKey,
  slotState,
  territoryShare,
} from './checklist.js';
export type {
  ChecklistInput,
  ChecklistSlot,
  ChecklistStage,
  Deadlines,
  DocumentKind,
  KindProgress,
  KindShare,
  SchoolProgress,
  SlotDocument,
  SlotState,
  TerritoryRow,
  TerritoryShare,
} from './checklist.js';
export {
  antiriskProgrammeSchema,
  emptyProgramme,
  INDICATOR_DIRECTION_LABELS,
  indicatorChange,
  programmeChange,
  validateForSubmit,
} from './programme.js';
export type { AntiriskProgramme, IndicatorChange, IndicatorDirection, ProgrammeChange, ProgrammeIndicator, ProgrammeMeasure } from './programme.js';
export {
  checkUpload,
  checkZipEntries,
  DEFAULT_UPLOAD_LIMITS,
  formatBytes,
  isUnsafeEntryName,
  UPLOAD_KIND_LABELS,
  UPLOAD_KINDS,
  uploadHint,
} from './uploads.js';
export type { UploadKind, UploadLimits, UploadProblem, UploadProblemCode, ZipEntry, ZipLimits } from './uploads.js';
export {
  checkSampleOptions,
  drawSample,
  drawSampleDetailed,
  hashString,
  mulberry32,
  proportionalAllocation,
  sampleSize,
  seededRandom,
} from './sampling.js';
export type { SampleItem, SampleOptions, SampleResult, Stratum } from './sampling.js';
export { checkVisit, firstVisitOn, VISIT_FORMAT_LABELS, VISIT_FORMATS, visitShare } from './visits.js';
export type { VisitFormat, VisitInput, VisitRow, VisitShare } from './visits.js';
