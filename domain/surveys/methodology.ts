// The risk-profile methodology as versioned data: factors → indicators → questions and answer scores → weights → thresholds.
import { z } from 'zod';
import type { FieldIssue } from '../errors.js';
import { FACTOR_CODES, FACTOR_NAMES, type FactorCode } from './factors.js';
import { DEFAULT_INSTRUMENTS, questionCatalog } from './instruments.js';
import { INSTRUMENT_CODES, SCHOOL_INSTRUMENTS, type InstrumentCode, type InstrumentDefinition, type SchoolInstrumentCode } from './instruments/types.js';

/** 'mean': mean of answer scores; 'share': share of respondents giving an answer scored 1 (scores must be 0 or 1). */
export type Aggregation = 'mean' | 'share';
/** Whether a larger indicator value means a larger risk. */
export type Direction = 'higher_is_risk' | 'lower_is_risk';

/** One question of one instrument and the score (0–1) of each of its answers; answers not listed are ignored. */
export interface IndicatorItem {
  instrument: SchoolInstrumentCode;
  question: string;
  scores: Record<string, number>;
}

export interface IndicatorDef {
  code: string;
  name: string;
  aggregation: Aggregation;
  direction: Direction;
  /** Relative weight inside its factor (> 0). */
  weight: number;
  /** Value range mapped linearly onto risk 0…1 (clamped); default [0, 1]. */
  range?: [number, number];
  items: IndicatorItem[];
}

/** Score thresholds (0–1): score ≥ high → 'high', ≥ medium → 'medium', ≥ low → 'low', else 'none'. */
export interface Thresholds {
  high: number;
  medium: number;
  low: number;
}

export interface FactorDef {
  code: FactorCode;
  name: string;
  indicators: IndicatorDef[];
  /** Overrides the methodology's thresholds for this factor. */
  thresholds?: Thresholds;
}

export interface Methodology {
  /** Integer version; a profile records which version computed it. */
  version: number;
  title: string;
  description?: string;
  /** Versions of the instruments the questions refer to. */
  instrumentVersions: Partial<Record<InstrumentCode, number>>;
  /** Fewer answers than this (per instrument) still compute, flagged «мало ответов». */
  minRespondents: Partial<Record<SchoolInstrumentCode, number>>;
  thresholds: Thresholds;
  factors: FactorDef[];
}

const unit = z.number().min(0).max(1);
const thresholdsSchema = z
  .strictObject({ high: unit, medium: unit, low: unit })
  .refine((t) => t.low > 0 && t.low < t.medium && t.medium < t.high, {
    message: 'Пороги должны возрастать: 0 < низкий < средний < высокий ≤ 1',
  });

const itemSchema = z.strictObject({
  instrument: z.enum(SCHOOL_INSTRUMENTS),
  question: z.string().min(1),
  scores: z.record(z.string().min(1), unit).refine((s) => Object.keys(s).length > 0, { message: 'Нужна оценка хотя бы одного ответа' }),
});

const indicatorSchema = z
  .strictObject({
    code: z.string().regex(/^[a-z][a-z0-9_]*$/, { message: 'Код: латинские строчные буквы, цифры и «_»' }),
    name: z.string().trim().min(1),
    aggregation: z.enum(['mean', 'share']),
    direction: z.enum(['higher_is_risk', 'lower_is_risk']),
    weight: z.number().positive(),
    range: z.tuple([unit, unit]).refine(([from, to]) => from < to, { message: 'Начало диапазона должно быть меньше конца' }).optional(),
    items: z.array(itemSchema).min(1),
  })
  .superRefine((ind, ctx) => {
    if (ind.aggregation !== 'share') return;
    ind.items.forEach((item, i) => {
      for (const [value, score] of Object.entries(item.scores)) {
        if (score !== 0 && score !== 1) {
          ctx.addIssue({ code: 'custom', path: ['items', i, 'scores', value], message: 'Для доли ответы оцениваются только 0 или 1' });
        }
      }
    });
    if (!ind.items.some((item) => Object.values(item.scores).includes(1))) {
      ctx.addIssue({ code: 'custom', path: ['items'], message: 'Для доли нужен хотя бы один ответ с оценкой 1' });
    }
  });

const factorSchema = z.strictObject({
  code: z.enum(FACTOR_CODES),
  name: z.string().trim().min(1),
  indicators: z.array(indicatorSchema).min(1),
  thresholds: thresholdsSchema.optional(),
});

/** Validates the shape and internal consistency of a methodology (not its questions: see `checkMethodology`). */
export const methodologySchema = z
  .strictObject({
    version: z.number().int().positive(),
    title: z.string().trim().min(1),
    description: z.string().optional(),
    instrumentVersions: z.partialRecord(z.enum(INSTRUMENT_CODES), z.number().int().positive()),
    minRespondents: z.partialRecord(z.enum(SCHOOL_INSTRUMENTS), z.number().int().positive()),
    thresholds: thresholdsSchema,
    factors: z.array(factorSchema).min(1),
  })
  .superRefine((m, ctx) => {
    const factors = new Set<string>();
    const indicators = new Set<string>();
    m.factors.forEach((f, i) => {
      if (factors.has(f.code)) ctx.addIssue({ code: 'custom', path: ['factors', i, 'code'], message: `Фактор ${f.code} указан дважды` });
      factors.add(f.code);
      f.indicators.forEach((ind, j) => {
        if (indicators.has(ind.code)) {
          ctx.addIssue({ code: 'custom', path: ['factors', i, 'indicators', j, 'code'], message: `Код показателя ${ind.code} уже использован` });
        }
        indicators.add(ind.code);
      });
    });
  });

/**
 * Checks a methodology against questionnaires: every instrument version matches, every question exists and is not
 * free text, every scored answer is an answer the question offers. Returns issues with exact paths (empty when fine).
 */
export function checkMethodology(
  methodology: Methodology,
  instruments: Readonly<Partial<Record<InstrumentCode, InstrumentDefinition>>> = DEFAULT_INSTRUMENTS,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [code, version] of Object.entries(methodology.instrumentVersions) as [InstrumentCode, number][]) {
    const def = instruments[code];
    if (def && def.version !== version) {
      issues.push({ path: `instrumentVersions.${code}`, message: `Методика написана для версии ${version} анкеты «${def.title}», а доступна версия ${def.version}` });
    }
  }
  const catalogs = new Map<InstrumentCode, Map<string, string[] | null>>();
  methodology.factors.forEach((factor, i) =>
    factor.indicators.forEach((ind, j) =>
      ind.items.forEach((item, k) => {
        const path = `factors.${i}.indicators.${j}.items.${k}`;
        const def = instruments[item.instrument];
        if (!def) {
          issues.push({ path: `${path}.instrument`, message: `Анкета ${item.instrument} не найдена` });
          return;
        }
        let catalog = catalogs.get(item.instrument);
        if (!catalog) catalogs.set(item.instrument, (catalog = questionCatalog(def.survey)));
        if (!catalog.has(item.question)) {
          issues.push({ path: `${path}.question`, message: `В анкете «${def.title}» нет вопроса ${item.question}` });
          return;
        }
        const allowed = catalog.get(item.question);
        if (!allowed) {
          issues.push({ path: `${path}.question`, message: `Вопрос ${item.question} — свободный текст, его нельзя оценить` });
          return;
        }
        for (const value of Object.keys(item.scores)) {
          if (!allowed.includes(value)) {
            issues.push({ path: `${path}.scores.${value}`, message: `У вопроса ${item.question} нет ответа «${value}» (есть: ${allowed.join(', ')})` });
          }
        }
      }),
    ),
  );
  return issues;
}

export type ParseMethodologyResult = { ok: true; methodology: Methodology } | { ok: false; issues: FieldIssue[] };

/** Validates a coordinator-supplied methodology (shape, then questions against the instruments). */
export function parseMethodology(
  input: unknown,
  instruments: Readonly<Partial<Record<InstrumentCode, InstrumentDefinition>>> = DEFAULT_INSTRUMENTS,
): ParseMethodologyResult {
  const parsed = methodologySchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })) };
  }
  const methodology = parsed.data as Methodology;
  const issues = checkMethodology(methodology, instruments);
  return issues.length ? { ok: false, issues } : { ok: true, methodology };
}

// ---- The default methodology (version 1) ----

/** Yes / partly / no: «нет» is the risk. */
const YPN = { yes: 0, partly: 0.5, no: 1 };
/** Agreement with a positive statement: disagreement is the risk. */
const AGREE_POS = { agree: 0, rather_agree: 0.33, rather_disagree: 0.67, disagree: 1 };
/** Agreement with a negative statement: agreement is the risk. */
const AGREE_NEG = { agree: 1, rather_agree: 0.67, rather_disagree: 0.33, disagree: 0 };
/** 1–5 rating where 5 is good. */
const RATING_POS = { '1': 1, '2': 0.75, '3': 0.5, '4': 0.25, '5': 0 };
/** «Всегда … никогда» of a good practice. */
const ALWAYS = { always: 0, often: 0.33, rarely: 0.67, never: 1 };
/** «Никогда … часто» of a problem. */
const NEVER = { never: 0, rarely: 0.33, sometimes: 0.67, often: 1 };
/** «Почти каждый день … никогда» of a good practice. */
const DAILY = { daily: 0, weekly: 0.33, rarely: 0.67, never: 1 };

const item = (instrument: SchoolInstrumentCode, question: string, scores: Record<string, number>): IndicatorItem => ({ instrument, question, scores });
const students = (question: string, scores: Record<string, number>): IndicatorItem[] => [item('students6', question, scores), item('students9', question, scores)];
const mean = (code: string, name: string, weight: number, items: IndicatorItem[]): IndicatorDef => ({
  code,
  name,
  aggregation: 'mean',
  direction: 'higher_is_risk',
  weight,
  items,
});
const share = (code: string, name: string, weight: number, range: [number, number], items: IndicatorItem[], direction: Direction = 'higher_is_risk'): IndicatorDef => ({
  code,
  name,
  aggregation: 'share',
  direction,
  weight,
  range,
  items,
});
const factor = (code: FactorCode, indicators: IndicatorDef[]): FactorDef => ({ code, name: FACTOR_NAMES[code], indicators });

/** MEDK's default methodology, version 1, written for version 1 of the default instruments (see docs/methodology.md). */
export const DEFAULT_METHODOLOGY: Methodology = {
  version: 1,
  title: 'Методика построения рисковых профилей школ (MEDK, версия 1)',
  description: 'Десять факторов риска программы 500+; показатели по анкетам руководителя, учителей, обучающихся 6 и 9 классов и родителей.',
  instrumentVersions: { director: 1, teachers: 1, students6: 1, students9: 1, parents: 1 },
  minRespondents: { director: 1, teachers: 5, students6: 10, students9: 10, parents: 10 },
  thresholds: { high: 0.6, medium: 0.4, low: 0.2 },
  factors: [
    factor('low_equipment', [
      mean('eq_director', 'Оснащённость школы по оценке руководителя', 2, [
        item('director', 'd_internet', YPN),
        item('director', 'd_computers', { all: 0, most: 0.33, few: 0.67, none: 1 }),
        item('director', 'd_labs', YPN),
        item('director', 'd_textbooks', YPN),
      ]),
      mean('eq_teachers', 'Оснащённость кабинетов по оценке учителей', 2, [item('teachers', 't_equipment', RATING_POS), item('teachers', 't_internet', ALWAYS)]),
      mean('eq_students', 'Работа с компьютерами и оборудованием на уроках (обучающиеся)', 1, students('s_computers', { often: 0, sometimes: 0.33, rarely: 0.67, never: 1 })),
      mean('eq_parents', 'Оснащённость школы по оценке родителей', 1, [item('parents', 'p_equipment', RATING_POS)]),
    ]),
    factor('staff_shortage', [
      mean('ss_director', 'Вакансии, непокрытые предметы и перегрузка учителей (руководитель)', 2, [
        item('director', 'd_vacancies', { '0': 0, '1_2': 0.33, '3_5': 0.67, '6_plus': 1 }),
        item('director', 'd_uncovered', { no: 0, one: 0.5, several: 1 }),
        item('director', 'd_overload', { lt10: 0, '10_30': 0.33, '30_50': 0.67, gt50: 1 }),
      ]),
      share('ss_overload', 'Доля учителей с нагрузкой более 1,5 ставки', 1, [0, 0.5], [item('teachers', 't_load', { lt1: 0, '1': 0, '1_1_5': 0, gt1_5: 1 })]),
      share('ss_out_of_field', 'Доля учителей, ведущих предметы не по специальности из-за нехватки кадров', 1, [0, 0.5], [
        item('teachers', 't_other_subjects', { yes: 1, no: 0 }),
      ]),
      mean('ss_missing_lessons', 'Уроки без учителя или с долгой заменой (обучающиеся, родители)', 1, [
        ...students('s_teachers_missing', { never: 0, rarely: 0.5, often: 1 }),
        item('parents', 'p_teachers_missing', { no: 0, sometimes: 0.5, yes_long: 1 }),
      ]),
    ]),
    factor('teacher_competence', [
      mean('tc_self', 'Методическая уверенность учителей (самооценка)', 2, [
        item('teachers', 't_confidence', RATING_POS),
        item('teachers', 't_difficulty_tasks', NEVER),
        item('teachers', 't_assessment', ALWAYS),
      ]),
      share('tc_specialty', 'Доля учителей без профильного образования и переподготовки', 1, [0, 0.5], [item('teachers', 't_specialty', { yes: 0, retrained: 0, no: 1 })]),
      mean('tc_students', 'Понятность объяснений и помощь учителя (обучающиеся)', 1, [...students('s_understand', NEVER), ...students('s_help', ALWAYS)]),
      mean('tc_parents', 'Удовлетворённость качеством обучения (родители)', 1, [item('parents', 'p_quality', RATING_POS)]),
    ]),
    factor('process_adaptability', [
      mean('pa_teachers', 'Задания разного уровня и дополнительные занятия (учителя)', 2, [
        item('teachers', 't_differentiate', { always: 0, often: 0.25, sometimes: 0.5, rarely: 0.75, never: 1 }),
        item('teachers', 't_extra_help', { regularly: 0, sometimes: 0.5, no: 1 }),
      ]),
      mean('pa_students', 'Задания разной сложности на уроках (обучающиеся)', 1, students('s_tasks_level', AGREE_POS)),
      mean('pa_support', 'Индивидуальная поддержка обучающихся с трудностями (руководитель, родители)', 1, [
        item('director', 'd_individual_plans', YPN),
        item('director', 'd_extra_classes', YPN),
        item('parents', 'p_school_help', YPN),
      ]),
    ]),
    factor('no_pd_system', [
      mean('pd_director', 'План повышения квалификации, методические объединения, наставничество (руководитель)', 2, [
        item('director', 'd_pd_plan', YPN),
        item('director', 'd_methodical', YPN),
        item('director', 'd_mentoring', YPN),
      ]),
      share('pd_courses', 'Доля учителей, прошедших повышение квалификации за 3 года', 1, [0.3, 1], [item('teachers', 't_pd_recent', { yes: 1, no: 0 })], 'lower_is_risk'),
      mean('pd_inschool', 'Внутришкольное профессиональное развитие (учителя)', 2, [
        item('teachers', 't_pd_useful', { very: 0, rather: 0.33, little: 0.67, not: 1, none_held: 1 }),
        item('teachers', 't_lesson_visits', { monthly: 0, quarterly: 0.33, yearly: 0.67, never: 1 }),
        item('teachers', 't_mentor', YPN),
      ]),
    ]),
    factor('academic_failure', [
      mean('af_director', 'Академическая задолженность по итогам года (руководитель)', 2, [
        item('director', 'd_failure_share', { lt5: 0, '5_10': 0.33, '10_20': 0.67, gt20: 1 }),
      ]),
      mean('af_teachers', 'Обучающиеся, не справляющиеся с программой (учителя)', 1, [
        item('teachers', 't_failing_share', { lt10: 0, '10_25': 0.33, '25_50': 0.67, gt50: 1 }),
      ]),
      share('af_students', 'Доля обучающихся, у которых бывают «2»', 1, [0, 0.4], students('s_grades', { mostly5: 0, mostly4: 0, mostly3: 0, has2: 1 })),
      share('af_parents', 'Доля детей, которые часто не справляются с учёбой сами (родители)', 1, [0, 0.4], [
        item('parents', 'p_difficulties', { no: 0, sometimes: 0, often: 1 }),
      ]),
    ]),
    factor('language_barriers', [
      share('lb_students', 'Доля обучающихся, которым часто трудно понять задание из-за языка', 2, [0, 0.3], students('s_language', { never: 0, rarely: 0, often: 1 })),
      mean('lb_teachers', 'Обучающиеся с трудностями понимания русского языка (учителя)', 1, [item('teachers', 't_language', { none: 0, few: 0.5, many: 1 })]),
      mean('lb_director', 'Обучающиеся с недостаточным владением русским языком и их поддержка (руководитель)', 1, [
        item('director', 'd_nonnative_share', { none: 0, lt5: 0.33, '5_15': 0.67, gt15: 1 }),
        item('director', 'd_language_support', YPN),
      ]),
      share('lb_home', 'Доля семей, где дома говорят не на русском языке (обучающиеся, родители)', 1, [0, 0.5], [
        ...students('s_home_language', { russian: 0, both: 0, other: 1 }),
        item('parents', 'p_home_language', { russian: 0, both: 0, other: 1 }),
      ]),
    ]),
    factor('environment', [
      mean('en_students', 'Безопасность и отсутствие травли (обучающиеся)', 2, [
        ...students('s_safe', AGREE_POS),
        ...students('s_bullying', { never: 0, once: 0.33, several: 0.67, often: 1 }),
      ]),
      mean('en_teachers', 'Поддержка в коллективе и дисциплина на уроках (учителя)', 1, [item('teachers', 't_climate', AGREE_POS), item('teachers', 't_discipline', AGREE_NEG)]),
      mean('en_director', 'Конфликты и психолого-педагогическая служба (руководитель)', 1, [
        item('director', 'd_bullying', { no: 0, single: 0.33, several: 0.67, many: 1 }),
        item('director', 'd_psychologist', { both: 0, one: 0.5, none: 1 }),
      ]),
      mean('en_parents', 'Безопасность ребёнка в школе (родители)', 1, [item('parents', 'p_safe', AGREE_POS)]),
    ]),
    factor('parent_involvement', [
      mean('pi_parents', 'Участие родителей в жизни школы и учёбе ребёнка (родители)', 2, [
        item('parents', 'p_meetings', ALWAYS),
        item('parents', 'p_events', { regularly: 0, sometimes: 0.5, never: 1 }),
        item('parents', 'p_homework_help', DAILY),
        item('parents', 'p_informed', YPN),
      ]),
      mean('pi_students', 'Интерес родителей к учёбе (обучающиеся)', 1, students('s_parents_interest', DAILY)),
      mean('pi_school', 'Посещаемость собраний и обращения родителей (руководитель, учителя)', 1, [
        item('director', 'd_parent_meetings', { gt75: 0, '50_75': 0.33, '25_50': 0.67, lt25: 1 }),
        item('teachers', 't_parents_contact', { often: 0, sometimes: 0.33, rarely: 0.67, never: 1 }),
      ]),
    ]),
    factor('low_motivation', [
      mean('lm_students', 'Интерес к учёбе и выполнение домашних заданий (обучающиеся)', 2, [
        ...students('s_like_school', AGREE_POS),
        ...students('s_interesting_lessons', AGREE_POS),
        ...students('s_homework', { always: 0, often: 0.33, sometimes: 0.67, rarely: 1 }),
      ]),
      mean('lm_teachers', 'Интерес обучающихся к учёбе по оценке учителей', 1, [item('teachers', 't_motivation', AGREE_POS)]),
      mean('lm_parents', 'Желание ребёнка ходить в школу (родители)', 1, [item('parents', 'p_child_likes', AGREE_POS)]),
      mean('lm_grade9', 'Уверенность в сдаче ОГЭ и планы после 9 класса (обучающиеся 9 классов)', 1, [
        item('students9', 's_exam_ready', { sure: 0, rather_sure: 0.33, rather_not: 0.67, not_sure: 1 }),
        item('students9', 's_plans', { decided: 0, thinking: 0.33, no_idea: 1 }),
      ]),
    ]),
  ],
};
