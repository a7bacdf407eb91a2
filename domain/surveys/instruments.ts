// Default questionnaires (SurveyJS JSON, Russian) and helpers to read their questions and clean submitted answers.
import { CURATOR_CANDIDATE } from './instruments/curator-candidate.js';
import { DIRECTOR } from './instruments/director.js';
import { PARENTS } from './instruments/parents.js';
import { STUDENTS6, STUDENTS9 } from './instruments/students.js';
import { TEACHERS } from './instruments/teachers.js';
import { INSTRUMENT_CODES, type InstrumentCode, type InstrumentDefinition, type SurveyElement, type SurveyJson } from './instruments/types.js';

export * from './instruments/types.js';

/** The default Russian set shipped with MEDK, one definition per instrument. */
export const DEFAULT_INSTRUMENTS: Readonly<Record<InstrumentCode, InstrumentDefinition>> = {
  director: DIRECTOR,
  teachers: TEACHERS,
  students6: STUDENTS6,
  students9: STUDENTS9,
  parents: PARENTS,
  curator_candidate: CURATOR_CANDIDATE,
};

/** Russian short labels of instruments («руководитель», «учителя» …), genitive-free for lists. */
export const INSTRUMENT_LABELS: Record<InstrumentCode, string> = {
  director: 'руководитель',
  teachers: 'учителя',
  students6: 'обучающиеся 6 классов',
  students9: 'обучающиеся 9 классов',
  parents: 'родители',
  curator_candidate: 'кандидаты в кураторы',
};

/** True when the string is an instrument code. */
export function isInstrumentCode(code: string): code is InstrumentCode {
  return (INSTRUMENT_CODES as readonly string[]).includes(code);
}

/** All questions of a survey in page order. */
export function surveyQuestions(survey: SurveyJson): SurveyElement[] {
  return survey.pages.flatMap((page) => page.elements);
}

/** Answer values a question accepts, as strings ('1'…'5' for a rating, 'true'/'false' for a boolean); null for free text. */
export function allowedValues(element: SurveyElement): string[] | null {
  switch (element.type) {
    case 'radiogroup':
    case 'checkbox':
    case 'dropdown':
      return element.choices.map((choice) => choice.value);
    case 'rating': {
      const out: string[] = [];
      for (let v = element.rateMin; v <= element.rateMax; v++) out.push(String(v));
      return out;
    }
    case 'boolean':
      return ['true', 'false'];
    case 'text':
    case 'comment':
      return null;
  }
}

/** Map of question name → accepted values (null for free text). */
export function questionCatalog(survey: SurveyJson): Map<string, string[] | null> {
  return new Map(surveyQuestions(survey).map((q) => [q.name, allowedValues(q)]));
}

/** The key an answer is scored by: strings as they are, finite numbers and booleans as strings; anything else null. */
export function answerKey(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return null;
}

const FREE_TEXT_LIMIT = 2000;

/**
 * Keeps only what the definition asks: known questions, accepted values (a rating as a number, a boolean as a
 * boolean, a checkbox as a de-duplicated array), free text trimmed and cut to its maxLength (2000 by default).
 * Unknown keys, wrong types and empty answers are dropped. Use it before storing a submitted SurveyJS result.
 */
export function cleanResponse(definition: InstrumentDefinition, raw: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  const source = raw as Record<string, unknown>;
  for (const q of surveyQuestions(definition.survey)) {
    if (!Object.hasOwn(source, q.name)) continue;
    const value = source[q.name];
    switch (q.type) {
      case 'radiogroup':
      case 'dropdown': {
        const key = answerKey(value);
        if (key !== null && q.choices.some((c) => c.value === key)) out[q.name] = key;
        break;
      }
      case 'checkbox': {
        if (!Array.isArray(value)) break;
        const allowed = new Set(q.choices.map((c) => c.value));
        const picked = [...new Set(value.map(answerKey).filter((k): k is string => k !== null && allowed.has(k)))];
        if (picked.length) out[q.name] = picked;
        break;
      }
      case 'rating': {
        const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
        if (typeof n === 'number' && Number.isInteger(n) && n >= q.rateMin && n <= q.rateMax) out[q.name] = n;
        break;
      }
      case 'boolean':
        if (typeof value === 'boolean') out[q.name] = value;
        else if (value === 'true' || value === 'false') out[q.name] = value === 'true';
        break;
      case 'text':
      case 'comment': {
        if (typeof value !== 'string') break;
        const text = value.trim().slice(0, q.maxLength ?? FREE_TEXT_LIMIT);
        if (text) out[q.name] = text;
        break;
      }
    }
  }
  return out;
}
