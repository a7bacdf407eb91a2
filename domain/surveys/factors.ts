// The programme's ten risk factors («рисковые профили» 500+) and the risk levels of a school profile.

/** Stable codes of the ten risk factors, in the programme's order. */
export const FACTOR_CODES = [
  'low_equipment',
  'staff_shortage',
  'teacher_competence',
  'process_adaptability',
  'no_pd_system',
  'academic_failure',
  'language_barriers',
  'environment',
  'parent_involvement',
  'low_motivation',
] as const;

export type FactorCode = (typeof FACTOR_CODES)[number];

/** Factor names exactly as the programme words them (shown in the UI). */
export const FACTOR_NAMES: Record<FactorCode, string> = {
  low_equipment: 'Низкий уровень оснащения школы',
  staff_shortage: 'Дефицит педагогических кадров',
  teacher_competence: 'Недостаточная предметная и методическая компетентность педагогических работников',
  process_adaptability: 'Низкая адаптивность учебного процесса',
  no_pd_system: 'Несформированность внутришкольной системы повышения квалификации',
  academic_failure: 'Высокая доля обучающихся с рисками учебной неуспешности',
  language_barriers: 'Низкое качество преодоления языковых и культурных барьеров',
  environment: 'Пониженный уровень качества школьной образовательной и воспитательной среды',
  parent_involvement: 'Низкий уровень вовлечённости родителей',
  low_motivation: 'Низкая учебная мотивация обучающихся',
};

/** True when the string is one of the ten factor codes. */
export function isFactorCode(code: string): code is FactorCode {
  return (FACTOR_CODES as readonly string[]).includes(code);
}

/** Levels a methodology assigns by thresholds. */
export const RISK_LEVELS = ['high', 'medium', 'low', 'none'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
/** A computed factor level: one of the risk levels, or 'unknown' when no indicator had data. */
export type FactorLevel = RiskLevel | 'unknown';

/** Russian labels of levels. */
export const LEVEL_LABELS: Record<FactorLevel, string> = {
  high: 'высокий риск',
  medium: 'средний риск',
  low: 'низкий риск',
  none: 'риск не выявлен',
  unknown: 'нет данных',
};

/** Rank for ordering: high 3 … none 0, unknown −1. */
export const LEVEL_RANK: Record<FactorLevel, number> = { high: 3, medium: 2, low: 1, none: 0, unknown: -1 };
