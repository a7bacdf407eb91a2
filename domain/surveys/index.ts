// Public API of the surveys domain: questionnaires, methodology, risk profiles, activation, completion, campaigns.
export { FACTOR_CODES, FACTOR_NAMES, isFactorCode, LEVEL_LABELS, LEVEL_RANK, RISK_LEVELS } from './factors.js';
export type { FactorCode, FactorLevel, RiskLevel } from './factors.js';
export {
  allowedValues,
  answerKey,
  cleanResponse,
  DEFAULT_INSTRUMENTS,
  INSTRUMENT_CODES,
  INSTRUMENT_LABELS,
  isInstrumentCode,
  questionCatalog,
  SCHOOL_INSTRUMENTS,
  surveyQuestions,
} from './instruments.js';
export type {
  InstrumentCode,
  InstrumentDefinition,
  SchoolInstrumentCode,
  SurveyChoice,
  SurveyElement,
  SurveyJson,
  SurveyPage,
} from './instruments.js';
export { checkMethodology, DEFAULT_METHODOLOGY, methodologySchema, parseMethodology } from './methodology.js';
export type { Aggregation, Direction, FactorDef, IndicatorDef, IndicatorItem, Methodology, ParseMethodologyResult, Thresholds } from './methodology.js';
export { computeRiskProfile, factorsByRisk, levelFor } from './risk-profile.js';
export type { FactorResult, IndicatorResult, RespondentCount, RiskProfile, RiskProfileInput } from './risk-profile.js';
export { DEFAULT_ACTIVATION_RULES, suggestedDirections, validateActivation } from './activation.js';
export type { ActivationProblem, ActivationProblemKind, ActivationRules } from './activation.js';
export { DEFAULT_COMPLETION_TARGETS, expectedCounts, schoolCompletion, territoryCompletion } from './completion.js';
export type {
  BehindSchool,
  CompletionTargets,
  ExpectedCounts,
  InstrumentCompletion,
  SchoolCompletion,
  SchoolCompletionRow,
  SchoolFacts,
  TerritoryCompletion,
} from './completion.js';
export {
  acceptsAnswers,
  CAMPAIGN_STATUS_LABELS,
  campaignInstants,
  campaignStatus,
  checkCampaignWindow,
  formatRespondentCode,
  isIsoDate,
  isRespondentCode,
  moscowDate,
  normalizeRespondentCode,
  RESPONDENT_CODE_ALPHABET,
  RESPONDENT_CODE_BYTES,
  RESPONDENT_CODE_LENGTH,
} from './campaign.js';
export type { CampaignStatus, CampaignWindow } from './campaign.js';
