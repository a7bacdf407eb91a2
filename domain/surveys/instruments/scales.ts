// Answer scales shared by the default questionnaires (values are stable; texts are Russian).
import type { ChoiceElement, RatingElement, SurveyChoice } from './types.js';

const c = (value: string, text: string): SurveyChoice => ({ value, text });

/** Да / Частично / Нет. */
export const YES_PARTLY_NO = [c('yes', 'Да'), c('partly', 'Частично'), c('no', 'Нет')];
/** Да / Нет. */
export const YES_NO = [c('yes', 'Да'), c('no', 'Нет')];
/** Four-point agreement. */
export const AGREE4 = [
  c('agree', 'Полностью согласен(на)'),
  c('rather_agree', 'Скорее согласен(на)'),
  c('rather_disagree', 'Скорее не согласен(на)'),
  c('disagree', 'Совсем не согласен(на)'),
];
/** How often, from «всегда» down. */
export const ALWAYS4 = [c('always', 'Всегда'), c('often', 'Часто'), c('rarely', 'Редко'), c('never', 'Никогда')];
/** How often, from «никогда» up (for problems). */
export const NEVER4 = [c('never', 'Никогда'), c('rarely', 'Редко'), c('sometimes', 'Иногда'), c('often', 'Часто')];
/** How often, «часто» down to «никогда». */
export const OFTEN4 = [c('often', 'Часто'), c('sometimes', 'Иногда'), c('rarely', 'Редко'), c('never', 'Никогда')];
/** Нет / Иногда / Часто (values never, rarely, often). */
export const NO_SOMETIMES_OFTEN = [c('never', 'Нет'), c('rarely', 'Иногда'), c('often', 'Часто')];
/** Five-point frequency. */
export const FREQ5 = [
  c('always', 'Почти на каждом уроке'),
  c('often', 'Часто'),
  c('sometimes', 'Иногда'),
  c('rarely', 'Редко'),
  c('never', 'Никогда'),
];
/** Share buckets of a whole (staff, students). */
export const SHARE4 = [c('lt10', 'Менее 10%'), c('10_30', '10–30%'), c('30_50', '30–50%'), c('gt50', 'Более 50%')];
/** «Затрудняюсь ответить» — never scored. */
export const DONT_KNOW = c('dont_know', 'Затрудняюсь ответить');

export { c as choice };

/** A required single-choice question. */
export function radio(name: string, title: string, choices: SurveyChoice[], extra: Partial<ChoiceElement> = {}): ChoiceElement {
  return { type: 'radiogroup', name, title, choices, isRequired: true, ...extra };
}

/** A required 1–5 rating. */
export function rating(name: string, title: string, minText: string, maxText: string): RatingElement {
  return { type: 'rating', name, title, rateMin: 1, rateMax: 5, minRateDescription: minText, maxRateDescription: maxText, isRequired: true };
}
