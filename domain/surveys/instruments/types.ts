// Types of the SurveyJS JSON subset MEDK ships and reads (survey-core JSON format).

/** Questionnaires of the programme: five per school, one for curator candidates. */
export const INSTRUMENT_CODES = ['director', 'teachers', 'students6', 'students9', 'parents', 'curator_candidate'] as const;
export type InstrumentCode = (typeof INSTRUMENT_CODES)[number];

/** Instruments answered inside a school (completion and risk profiles use these). */
export const SCHOOL_INSTRUMENTS = ['director', 'teachers', 'students6', 'students9', 'parents'] as const;
export type SchoolInstrumentCode = (typeof SCHOOL_INSTRUMENTS)[number];

/** One answer option of a choice question. */
export interface SurveyChoice {
  value: string;
  text: string;
}

interface ElementBase {
  name: string;
  title: string;
  description?: string;
  isRequired?: boolean;
}

export interface ChoiceElement extends ElementBase {
  type: 'radiogroup' | 'checkbox' | 'dropdown';
  choices: SurveyChoice[];
}

export interface RatingElement extends ElementBase {
  type: 'rating';
  rateMin: number;
  rateMax: number;
  minRateDescription?: string;
  maxRateDescription?: string;
}

export interface BooleanElement extends ElementBase {
  type: 'boolean';
  labelTrue?: string;
  labelFalse?: string;
}

export interface TextElement extends ElementBase {
  type: 'text' | 'comment';
  maxLength?: number;
}

export type SurveyElement = ChoiceElement | RatingElement | BooleanElement | TextElement;

export interface SurveyPage {
  name: string;
  title?: string;
  elements: SurveyElement[];
}

/** A SurveyJS survey definition (pass to `new Model(json)` of survey-core). */
export interface SurveyJson {
  title: string;
  description?: string;
  locale: 'ru';
  showQuestionNumbers?: 'on' | 'off';
  showProgressBar?: 'top' | 'bottom' | 'off';
  pages: SurveyPage[];
}

/** A versioned questionnaire: its stable code, version and the SurveyJS definition. */
export interface InstrumentDefinition {
  code: InstrumentCode;
  version: number;
  /** Who answers, Russian («Руководитель школы»). */
  respondent: string;
  title: string;
  survey: SurveyJson;
}
