// State machines of a school document (school submits, curator confirms or returns) and of a federal expertise.

export const DOCUMENT_STATUSES = ['draft', 'submitted', 'confirmed', 'returned'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const DOCUMENT_ACTIONS = ['submit', 'confirm', 'return', 'withdraw', 'reopen'] as const;
export type DocumentAction = (typeof DOCUMENT_ACTIONS)[number];

/** Who acts. A coordinator sees every document in their territory but changes none (read-only here). */
export type DocumentActor = 'school' | 'curator' | 'coordinator';

export const DOCUMENT_STATUS_LABELS: Record<DocumentStatus, string> = {
  draft: 'черновик',
  submitted: 'на проверке',
  confirmed: 'подтверждён',
  returned: 'возвращён на доработку',
};

export const DOCUMENT_ACTION_LABELS: Record<DocumentAction, string> = {
  submit: 'Отправить на проверку',
  confirm: 'Подтвердить',
  return: 'Вернуть на доработку',
  withdraw: 'Отозвать с проверки',
  reopen: 'Снять подтверждение и вернуть на доработку',
};

interface Rule<S, A> {
  from: readonly S[];
  to: S;
  by: readonly A[];
}

const DOCUMENT_RULES: Record<DocumentAction, Rule<DocumentStatus, DocumentActor>> = {
  // needs content: a file version, or valid structured data of an anti-risk programme
  submit: { from: ['draft', 'returned'], to: 'submitted', by: ['school'] },
  confirm: { from: ['submitted'], to: 'confirmed', by: ['curator'] },
  // «вернуть на доработку»: needs a comment
  return: { from: ['submitted'], to: 'returned', by: ['curator'] },
  // only while the curator has not acted (the status is still 'submitted')
  withdraw: { from: ['submitted'], to: 'draft', by: ['school'] },
  // a confirmed document found wanting later: needs a comment
  reopen: { from: ['confirmed'], to: 'returned', by: ['curator'] },
};

const NEEDS_COMMENT: readonly DocumentAction[] = ['return', 'reopen'];

export interface DocumentTransitionInput {
  /** Curator's comment; required to return or reopen. */
  comment?: string;
  /** The document has at least one file version or (anti-risk programme) valid structured data; required to submit. */
  hasContent?: boolean;
}

export type TransitionResult<S> = { ok: true; to: S } | { ok: false; reason: string };

function wrongActor(action: DocumentAction, by: DocumentActor): string {
  if (by === 'coordinator') return 'Координатор видит состояние документов, но не меняет его';
  if (by === 'school') return 'Подтверждает документ или возвращает его на доработку куратор';
  return action === 'withdraw' ? 'Отозвать документ с проверки может только школа' : 'Отправляет документ на проверку школа';
}

/** One step of a document: the new status, or a Russian reason why not. */
export function transition(
  from: DocumentStatus,
  action: DocumentAction,
  by: DocumentActor,
  input: DocumentTransitionInput = {},
): TransitionResult<DocumentStatus> {
  const rule = DOCUMENT_RULES[action];
  if (!rule.by.includes(by)) return { ok: false, reason: wrongActor(action, by) };
  if (!rule.from.includes(from)) {
    return { ok: false, reason: `Действие «${DOCUMENT_ACTION_LABELS[action]}» недоступно: документ — ${DOCUMENT_STATUS_LABELS[from]}` };
  }
  if (action === 'submit' && !input.hasContent) {
    return { ok: false, reason: 'Загрузите файл документа (для антирисковой программы — или заполните её) перед отправкой' };
  }
  if (NEEDS_COMMENT.includes(action) && (input.comment ?? '').trim() === '') {
    return { ok: false, reason: 'Укажите в комментарии, что нужно доработать' };
  }
  return { ok: true, to: rule.to };
}

/** Actions the actor may offer in this status (conditions such as a comment or content are checked by `transition`). */
export function allowedActions(from: DocumentStatus, by: DocumentActor): DocumentAction[] {
  return DOCUMENT_ACTIONS.filter((a) => DOCUMENT_RULES[a].by.includes(by) && DOCUMENT_RULES[a].from.includes(from));
}

// ---------------------------------------------------------------------------------------------------------------
// Federal selective expertise: an expert assigned to a school's document fills the criteria and a conclusion.

export const EXPERTISE_STATUSES = ['assigned', 'in_progress', 'completed'] as const;
export type ExpertiseStatus = (typeof EXPERTISE_STATUSES)[number];

export const EXPERTISE_ACTIONS = ['start', 'complete', 'reopen'] as const;
export type ExpertiseAction = (typeof EXPERTISE_ACTIONS)[number];

/** The federal expert, and the federal coordinator who drew the sample and assigned experts. */
export type ExpertiseActor = 'expert' | 'coordinator';

export const EXPERTISE_CONCLUSIONS = ['meets', 'partially', 'does_not_meet'] as const;
export type ExpertiseConclusion = (typeof EXPERTISE_CONCLUSIONS)[number];

export const EXPERTISE_STATUS_LABELS: Record<ExpertiseStatus, string> = {
  assigned: 'назначена',
  in_progress: 'проводится',
  completed: 'завершена',
};

export const EXPERTISE_ACTION_LABELS: Record<ExpertiseAction, string> = {
  start: 'Начать экспертизу',
  complete: 'Завершить экспертизу',
  reopen: 'Вернуть эксперту',
};

export const CONCLUSION_LABELS: Record<ExpertiseConclusion, string> = {
  meets: 'соответствует',
  partially: 'частично соответствует',
  does_not_meet: 'не соответствует',
};

const EXPERTISE_RULES: Record<ExpertiseAction, Rule<ExpertiseStatus, ExpertiseActor>> = {
  start: { from: ['assigned'], to: 'in_progress', by: ['expert'] },
  // needs every criterion assessed and a conclusion; a comment unless the conclusion is «соответствует»
  complete: { from: ['in_progress'], to: 'completed', by: ['expert'] },
  // the coordinator sends a finished expertise back to the expert: needs a comment
  reopen: { from: ['completed'], to: 'in_progress', by: ['coordinator'] },
};

export interface ExpertiseTransitionInput {
  conclusion?: ExpertiseConclusion | null;
  comment?: string;
  /** Every criterion of the checklist has a mark (see `checkExpertiseForm`). */
  criteriaComplete?: boolean;
}

/** One step of an expertise: the new status, or a Russian reason why not. */
export function expertiseTransition(
  from: ExpertiseStatus,
  action: ExpertiseAction,
  by: ExpertiseActor,
  input: ExpertiseTransitionInput = {},
): TransitionResult<ExpertiseStatus> {
  const rule = EXPERTISE_RULES[action];
  if (!rule.by.includes(by)) {
    return { ok: false, reason: by === 'expert' ? 'Вернуть экспертизу может только федеральный координатор' : 'Экспертизу проводит назначенный эксперт' };
  }
  if (!rule.from.includes(from)) {
    return { ok: false, reason: `Действие «${EXPERTISE_ACTION_LABELS[action]}» недоступно: экспертиза ${EXPERTISE_STATUS_LABELS[from]}` };
  }
  const comment = (input.comment ?? '').trim();
  if (action === 'complete') {
    if (!input.criteriaComplete) return { ok: false, reason: 'Оцените все критерии экспертизы' };
    if (!input.conclusion) return { ok: false, reason: 'Укажите заключение экспертизы' };
    if (input.conclusion !== 'meets' && comment === '') return { ok: false, reason: 'Поясните заключение в комментарии' };
  }
  if (action === 'reopen' && comment === '') return { ok: false, reason: 'Укажите в комментарии, что нужно пересмотреть' };
  return { ok: true, to: rule.to };
}

export function allowedExpertiseActions(from: ExpertiseStatus, by: ExpertiseActor): ExpertiseAction[] {
  return EXPERTISE_ACTIONS.filter((a) => EXPERTISE_RULES[a].by.includes(by) && EXPERTISE_RULES[a].from.includes(from));
}
