// The criteria checklist of a federal expertise and the check of a filled form.
import type { FieldIssue } from '../errors.js';
import { EXPERTISE_CONCLUSIONS, type ExpertiseConclusion } from './workflow.js';

export interface ExpertiseCriterion {
  /** Stable code (stored with each mark). */
  code: string;
  /** Russian wording shown to the expert. */
  title: string;
}

/** Default criteria for a development concept or an anti-risk programme (a cycle may replace them). */
export const DEFAULT_EXPERTISE_CRITERIA: readonly ExpertiseCriterion[] = [
  { code: 'goals_match_risks', title: 'Цели соответствуют выявленным рискам' },
  { code: 'tasks_lead_to_goal', title: 'Задачи конкретизируют цель и ведут к её достижению' },
  { code: 'measures_specific', title: 'Мероприятия конкретны и измеримы' },
  { code: 'timing_and_responsible', title: 'У мероприятий указаны сроки и ответственные' },
  { code: 'indicators_baseline_target', title: 'Показатели имеют базовые и целевые значения' },
  { code: 'indicators_by_stage', title: 'Показатели позволяют измерить изменения по этапам мониторинга' },
  { code: 'resources_realistic', title: 'Мероприятия обеспечены ресурсами и выполнимы в установленные сроки' },
  { code: 'participants_involved', title: 'Предусмотрено участие педагогов, обучающихся и родителей' },
  { code: 'consistent_documents', title: 'Документ согласован с концепцией развития и среднесрочной программой школы' },
];

export const CRITERION_MARKS = ['yes', 'partially', 'no'] as const;
export type CriterionMark = (typeof CRITERION_MARKS)[number];

export const CRITERION_MARK_LABELS: Record<CriterionMark, string> = { yes: 'да', partially: 'частично', no: 'нет' };

export interface ExpertiseForm {
  /** Mark per criterion code. */
  marks: Partial<Record<string, CriterionMark>>;
  conclusion: ExpertiseConclusion | null;
  comment: string;
}

/** Problems of a form before «завершить» (empty when complete). Paths: 'marks.<code>', 'conclusion', 'comment'. */
export function checkExpertiseForm(form: ExpertiseForm, criteria: readonly ExpertiseCriterion[] = DEFAULT_EXPERTISE_CRITERIA): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const c of criteria) {
    const mark = form.marks[c.code];
    if (!mark || !(CRITERION_MARKS as readonly string[]).includes(mark)) {
      issues.push({ path: `marks.${c.code}`, message: `Оцените критерий «${c.title}»` });
    }
  }
  if (!form.conclusion || !(EXPERTISE_CONCLUSIONS as readonly string[]).includes(form.conclusion)) {
    issues.push({ path: 'conclusion', message: 'Укажите заключение экспертизы' });
  } else if (form.conclusion !== 'meets' && form.comment.trim() === '') {
    issues.push({ path: 'comment', message: 'Поясните заключение в комментарии' });
  }
  return issues;
}

/**
 * The conclusion MEDK proposes from the marks (the expert decides): every criterion «да» → meets; at least half
 * «нет» → does not meet; otherwise partially. Null while a criterion is not marked.
 */
export function suggestedConclusion(
  marks: Partial<Record<string, CriterionMark>>,
  criteria: readonly ExpertiseCriterion[] = DEFAULT_EXPERTISE_CRITERIA,
): ExpertiseConclusion | null {
  const given = criteria.map((c) => marks[c.code]);
  if (given.length === 0 || given.some((m) => m === undefined)) return null;
  if (given.every((m) => m === 'yes')) return 'meets';
  const no = given.filter((m) => m === 'no').length;
  return no * 2 >= given.length ? 'does_not_meet' : 'partially';
}
