// «Что сделать дальше»: the to-do list on each cabinet, computed from facts about the user's territory.
import type { Role } from '../access/roles.js';

export interface CabinetFacts {
  role: Role;
  cycle: { id: number; year: number; status: 'planned' | 'active' | 'closed' } | null;
  schoolsInScope: number;
  cycleSchools: number;
  schoolsWithoutCurator: number;
  schoolsWithoutAccount: number;
  accountsNeverLoggedIn: number;
  /** For a school account: is it selected into the cycle, has it a curator, are its context numbers filled? */
  school?: { id: number; selected: boolean; hasCurator: boolean; missingContext: string[] };
  /** For a curator: how many schools they have in the cycle. */
  curatedSchools?: number;
  /** What waits for this user in roadmaps, documents and stage reports. */
  work?: WorkFacts;
}

/** A count with the place to act on it (one roadmap or school: its page; several: the list). */
export interface WorkCount {
  count: number;
  link: string;
}

export interface WorkFacts {
  /** Marks «выполнено» on roadmaps this user confirms. */
  marksToConfirm: WorkCount;
  /** Marks returned to this user's roadmaps for rework. */
  marksReturned: WorkCount;
  /** Activities overdue in the user's territory (not executed after their due date). */
  overdue: WorkCount;
  /** Drafts of roadmaps this user owns, not yet approved by an order. */
  drafts: WorkCount;
  /** Documents submitted to this curator. */
  documentsToReview: WorkCount;
  /** Documents of this school returned for rework. */
  documentsReturned: WorkCount;
  /** The stage report of the user's territory to submit (not submitted or returned), with the stage's title. */
  reportToSubmit: (WorkCount & { stage: string; returned: boolean }) | null;
  /** Reports of child territories waiting for this user's acceptance. */
  reportsToReview: WorkCount;
}

/** The steps of what waits across modules; each appears only when its count is not zero. */
export function workSteps(w: WorkFacts): NextStep[] {
  const steps: NextStep[] = [];
  const add = (key: string, c: WorkCount, text: string, severity: NextStep['severity'] = 'warning') => {
    if (c.count > 0) steps.push({ key, text, link: c.link, severity, count: c.count });
  };
  add('marks-returned', w.marksReturned, `Доработайте мероприятия, возвращённые на доработку: ${w.marksReturned.count}`);
  add('documents-returned', w.documentsReturned, `Доработайте документы, возвращённые куратором: ${w.documentsReturned.count}`);
  add('marks-to-confirm', w.marksToConfirm, `Подтвердите исполнение мероприятий или верните на доработку: ${w.marksToConfirm.count}`);
  add('documents-to-review', w.documentsToReview, `Проверьте документы школ, отправленные вам: ${w.documentsToReview.count}`);
  add('reports-to-review', w.reportsToReview, `Примите или верните отчёты за этап: ${w.reportsToReview.count}`);
  if (w.reportToSubmit) {
    const r = w.reportToSubmit;
    steps.push({
      key: 'report-to-submit',
      text: r.returned ? `Отчёт за ${r.stage.toLowerCase()} возвращён: исправьте и отправьте снова` : `Отправьте отчёт за ${r.stage.toLowerCase()}`,
      link: r.link,
      severity: 'warning',
    });
  }
  add('overdue', w.overdue, `Просроченные мероприятия в вашей зоне: ${w.overdue.count}`);
  add('drafts', w.drafts, `Утвердите приказом черновики дорожных карт: ${w.drafts.count}`, 'info');
  return steps;
}

export interface NextStep {
  key: string;
  text: string;
  /** Client route to act on it. */
  link: string;
  severity: 'info' | 'warning';
  count?: number;
}

const COORDINATORS: Role[] = ['admin', 'federal_coordinator', 'regional_coordinator', 'municipal_coordinator'];

export const CONTEXT_FIELDS: Record<string, string> = {
  students: 'численность обучающихся',
  teachers: 'численность педагогов',
  classes6: 'число 6-х классов',
  classes9: 'число 9-х классов',
};

export function missingContext(context: Record<string, unknown> | null | undefined): string[] {
  return Object.keys(CONTEXT_FIELDS).filter((key) => {
    const value = context?.[key];
    return value === undefined || value === null || value === '';
  });
}

export function nextSteps(f: CabinetFacts): NextStep[] {
  const steps: NextStep[] = [];
  if (!f.cycle && (f.role === 'admin' || f.role === 'federal_coordinator')) {
    steps.push({ key: 'create-cycle', text: 'Создайте год проекта и отберите в него школы', link: '/cycles', severity: 'warning' });
  }
  if (COORDINATORS.includes(f.role) && f.cycle && f.cycle.status !== 'closed') {
    if (f.cycleSchools === 0 && f.schoolsInScope > 0) {
      steps.push({
        key: 'select-schools',
        text: `Отберите школы в проект ${f.cycle.year} года`,
        link: `/cycles/${f.cycle.id}`,
        severity: 'warning',
      });
    }
    if (f.schoolsWithoutCurator > 0) {
      steps.push({
        key: 'assign-curators',
        text: `Назначьте кураторов: школ без куратора — ${f.schoolsWithoutCurator}`,
        link: `/cycles/${f.cycle.id}`,
        severity: 'warning',
        count: f.schoolsWithoutCurator,
      });
    }
  }
  if (COORDINATORS.includes(f.role)) {
    if (f.schoolsWithoutAccount > 0) {
      steps.push({
        key: 'school-accounts',
        text: `Сформируйте реквизиты доступа: школ без учётной записи — ${f.schoolsWithoutAccount}`,
        link: '/users',
        severity: 'warning',
        count: f.schoolsWithoutAccount,
      });
    }
    if (f.accountsNeverLoggedIn > 0) {
      steps.push({
        key: 'never-logged-in',
        text: `Ещё не входили в систему: ${f.accountsNeverLoggedIn} уч. записей — проверьте, переданы ли реквизиты`,
        link: '/users',
        severity: 'info',
        count: f.accountsNeverLoggedIn,
      });
    }
  }
  if (f.role === 'school' && f.school) {
    if (f.school.missingContext.length > 0) {
      steps.push({
        key: 'school-context',
        text: `Заполните сведения о школе: ${f.school.missingContext.map((k) => CONTEXT_FIELDS[k]).join(', ')}`,
        link: `/territories/schools/${f.school.id}`,
        severity: 'warning',
      });
    }
    if (f.cycle && f.school.selected && !f.school.hasCurator) {
      steps.push({
        key: 'await-curator',
        text: 'Куратор школы ещё не назначен — обратитесь к муниципальному координатору',
        link: '/',
        severity: 'info',
      });
    }
  }
  if (f.work) steps.unshift(...workSteps(f.work));
  if (f.role === 'curator' && f.cycle && (f.curatedSchools ?? 0) === 0) {
    steps.push({
      key: 'no-schools',
      text: `Вам пока не назначены школы в проекте ${f.cycle.year} года`,
      link: '/',
      severity: 'info',
    });
  }
  return steps;
}
