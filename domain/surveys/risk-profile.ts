// Computes a school's risk profile from questionnaire answers by a methodology; pure, deterministic, self-explaining.
import { expectedCounts, type SchoolFacts } from './completion.js';
import { FACTOR_NAMES, LEVEL_RANK, type FactorCode, type FactorLevel, type RiskLevel } from './factors.js';
import { fixed, num, plural, round } from './format.js';
import { answerKey, INSTRUMENT_LABELS } from './instruments.js';
import { SCHOOL_INSTRUMENTS, type InstrumentCode, type SchoolInstrumentCode } from './instruments/types.js';
import type { FactorDef, IndicatorDef, IndicatorItem, Methodology, Thresholds } from './methodology.js';

/** SurveyJS result objects per instrument (one object per respondent) and the school's numbers. */
export interface RiskProfileInput {
  answers: Partial<Record<InstrumentCode, ReadonlyArray<Record<string, unknown>>>>;
  facts?: SchoolFacts;
}

export interface RespondentCount {
  instrument: SchoolInstrumentCode;
  /** Respondents who gave at least one scored answer to the indicator's questions. */
  count: number;
}

export interface IndicatorResult {
  code: string;
  name: string;
  /** The indicator as measured (mean score or share, 0–1); null without data. */
  value: number | null;
  /** Its contribution to the factor score (0–1) after direction and range; null without data. */
  risk: number | null;
  weight: number;
  respondents: RespondentCount[];
  /** Russian remarks: «мало ответов …», «нет ответов …». */
  note?: string;
}

export interface FactorResult {
  code: FactorCode;
  name: string;
  level: FactorLevel;
  /** Weighted mean of indicator risks (0–1, two decimals); null when no indicator had data. */
  score: number | null;
  /** Some indicator used has fewer respondents than the methodology's minimum. */
  preliminary: boolean;
  indicators: IndicatorResult[];
  /** Russian, e.g. «Высокий риск: 0,72 ≥ порога 0,6. …». */
  explanation: string;
}

export interface RiskProfile {
  methodologyVersion: number;
  factors: FactorResult[];
  /** Number of factors at each level. */
  summary: Record<FactorLevel, number>;
}

/** The level a score falls into (monotone: a larger score never gives a lower level). */
export function levelFor(score: number, thresholds: Thresholds): RiskLevel {
  if (score >= thresholds.high) return 'high';
  if (score >= thresholds.medium) return 'medium';
  if (score >= thresholds.low) return 'low';
  return 'none';
}

const ANSWERS = ['ответ', 'ответа', 'ответов'] as const;

/** Score of one item for one respondent: the scored answer, or for a multiple choice the largest score; null if none. */
function itemScore(item: IndicatorItem, response: Record<string, unknown>): number | null {
  if (!Object.hasOwn(response, item.question)) return null;
  const raw = response[item.question];
  const values = Array.isArray(raw) ? raw : [raw];
  let best: number | null = null;
  for (const v of values) {
    const key = answerKey(v);
    if (key === null || !Object.hasOwn(item.scores, key)) continue;
    const score = item.scores[key];
    if (typeof score === 'number' && (best === null || score > best)) best = score;
  }
  return best;
}

interface SourceResult {
  instrument: SchoolInstrumentCode;
  submitted: number;
  count: number;
  mean: number | null;
}

function sourceResult(ind: IndicatorDef, instrument: SchoolInstrumentCode, responses: ReadonlyArray<Record<string, unknown>>): SourceResult {
  const items = ind.items.filter((i) => i.instrument === instrument);
  let count = 0;
  let sum = 0;
  for (const response of responses) {
    if (typeof response !== 'object' || response === null) continue;
    const scores = items.map((item) => itemScore(item, response)).filter((s): s is number => s !== null);
    if (!scores.length) continue;
    count++;
    sum += ind.aggregation === 'share' ? Math.max(...scores) : scores.reduce((a, b) => a + b, 0) / scores.length;
  }
  return { instrument, submitted: responses.length, count, mean: count ? sum / count : null };
}

function toRisk(ind: IndicatorDef, value: number): number {
  const [from, to] = ind.range ?? [0, 1];
  const r = ind.direction === 'higher_is_risk' ? (value - from) / (to - from) : (to - value) / (to - from);
  return Math.min(1, Math.max(0, r));
}

function indicatorInstruments(ind: IndicatorDef): SchoolInstrumentCode[] {
  return [...new Set(ind.items.map((i) => i.instrument))];
}

function minimumFor(m: Methodology, instrument: SchoolInstrumentCode, facts: SchoolFacts | undefined): number {
  const configured = m.minRespondents[instrument] ?? 1;
  const expected = facts ? expectedCounts(facts)[instrument] : null;
  return expected !== null && expected > 0 ? Math.min(configured, expected) : configured;
}

function computeIndicator(m: Methodology, ind: IndicatorDef, input: RiskProfileInput): IndicatorResult & { few: string[] } {
  const sources = indicatorInstruments(ind).map((instrument) => sourceResult(ind, instrument, input.answers[instrument] ?? []));
  const withData = sources.filter((s) => s.mean !== null);
  const notes: string[] = [];
  const absent = sources.filter((s) => s.submitted === 0).map((s) => INSTRUMENT_LABELS[s.instrument]);
  if (absent.length) notes.push(`нет ответов: ${absent.join(', ')}`);
  for (const s of sources) {
    if (s.submitted > 0 && s.count === 0) {
      notes.push(`${INSTRUMENT_LABELS[s.instrument]}: ${s.submitted} ${plural(s.submitted, ['анкета', 'анкеты', 'анкет'])} без ответов на вопросы показателя`);
    }
  }
  const few: string[] = [];
  for (const s of withData) {
    const min = minimumFor(m, s.instrument, input.facts);
    if (s.count < min) few.push(`${INSTRUMENT_LABELS[s.instrument]} — ${s.count} ${plural(s.count, ANSWERS)} при минимуме ${min}`);
  }
  if (few.length) notes.unshift(`мало ответов: ${few.join(', ')}`);
  // Each instrument (respondent group) counts equally; within it each respondent counts equally.
  const value = withData.length ? withData.reduce((sum, s) => sum + (s.mean ?? 0), 0) / withData.length : null;
  return {
    code: ind.code,
    name: ind.name,
    value: value === null ? null : round(value),
    risk: value === null ? null : round(toRisk(ind, value)),
    weight: ind.weight,
    respondents: sources.map((s) => ({ instrument: s.instrument, count: s.count })),
    ...(notes.length ? { note: notes.join('; ') } : {}),
    few,
  };
}

function levelSentence(level: RiskLevel, score: number, t: Thresholds): string {
  const s = fixed(score);
  switch (level) {
    case 'high':
      return `Высокий риск: ${s} ≥ порога ${num(t.high)}`;
    case 'medium':
      return `Средний риск: ${s} ≥ порога ${num(t.medium)} (порог высокого риска ${num(t.high)} не достигнут)`;
    case 'low':
      return `Низкий риск: ${s} ≥ порога ${num(t.low)} (порог среднего риска ${num(t.medium)} не достигнут)`;
    case 'none':
      return `Риск не выявлен: ${s} < порога низкого риска ${num(t.low)}`;
  }
}

function describeIndicator(r: IndicatorResult): string {
  const value = r.value === null ? '' : fixed(r.value);
  const risk = r.risk !== null && r.value !== null && round(r.risk, 2) !== round(r.value, 2) ? ` → риск ${fixed(r.risk)}` : '';
  const who = r.respondents
    .filter((x) => x.count > 0)
    .map((x) => `${INSTRUMENT_LABELS[x.instrument]}: ${x.count}`)
    .join(', ');
  return `«${r.name}» ${value}${risk} (вес ${num(r.weight)}; ${who})`;
}

function computeFactor(m: Methodology, f: FactorDef, input: RiskProfileInput): FactorResult {
  const computed = f.indicators.map((ind) => computeIndicator(m, ind, input));
  const indicators: IndicatorResult[] = computed.map(({ few: _few, ...rest }) => rest);
  const used = computed.filter((r) => r.risk !== null);
  const missing = computed.filter((r) => r.risk === null);
  const thresholds = f.thresholds ?? m.thresholds;
  const name = f.name || FACTOR_NAMES[f.code];
  if (!used.length) {
    const referenced = new Set(f.indicators.flatMap(indicatorInstruments));
    const involved = SCHOOL_INSTRUMENTS.filter((i) => referenced.has(i));
    const absent = involved.filter((i) => (input.answers[i] ?? []).length === 0).map((i) => INSTRUMENT_LABELS[i]);
    const skipped = involved.filter((i) => (input.answers[i] ?? []).length > 0).map((i) => INSTRUMENT_LABELS[i]);
    const parts = ['Нет данных: ни по одному показателю нет ответов'];
    if (absent.length) parts.push(`нет анкет — ${absent.join(', ')}`);
    if (skipped.length) parts.push(`анкеты есть, но вопросы фактора пропущены — ${skipped.join(', ')}`);
    return { code: f.code, name, level: 'unknown', score: null, preliminary: false, indicators, explanation: `${parts.join('; ')}.` };
  }
  const weightSum = used.reduce((sum, r) => sum + r.weight, 0);
  const score = round(used.reduce((sum, r) => sum + r.weight * (r.risk ?? 0), 0) / weightSum, 2);
  const level = levelFor(score, thresholds);
  const few = used.flatMap((r) => r.few);
  const sentences = [
    `${levelSentence(level, score, thresholds)}.`,
    `Оценка — взвешенное среднее ${used.length} из ${computed.length} ${plural(computed.length, ['показателя', 'показателей', 'показателей'])}: ${used.map(describeIndicator).join('; ')}.`,
  ];
  if (missing.length) {
    sentences.push(`Без данных: ${missing.map((r) => `«${r.name}»${r.note ? ` (${r.note})` : ''}`).join('; ')}.`);
  }
  if (few.length) sentences.push(`Оценка предварительная — мало ответов: ${[...new Set(few)].join('; ')}.`);
  return { code: f.code, name, level, score, preliminary: few.length > 0, indicators, explanation: sentences.join(' ') };
}

/** Computes the risk profile of one school: per factor the level, score, indicators and a Russian explanation. */
export function computeRiskProfile(methodology: Methodology, input: RiskProfileInput): RiskProfile {
  const factors = methodology.factors.map((f) => computeFactor(methodology, f, input));
  const summary: Record<FactorLevel, number> = { high: 0, medium: 0, low: 0, none: 0, unknown: 0 };
  for (const f of factors) summary[f.level]++;
  return { methodologyVersion: methodology.version, factors, summary };
}

/** Factors ordered by risk: level, then score (descending), then methodology order. */
export function factorsByRisk(profile: RiskProfile): FactorResult[] {
  return profile.factors
    .map((f, i) => ({ f, i }))
    .sort((a, b) => LEVEL_RANK[b.f.level] - LEVEL_RANK[a.f.level] || (b.f.score ?? -1) - (a.f.score ?? -1) || a.i - b.i)
    .map((x) => x.f);
}
