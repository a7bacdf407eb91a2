// State machine of an activity's execution mark per stage: the owner marks progress, the level above confirms or returns.
import type { ExecutionStatus } from './stages.js';

export type ExecutionActor = 'owner' | 'reviewer';

export type ExecutionAction = 'start' | 'complete' | 'reopen' | 'confirm' | 'return' | 'unconfirm';

const TRANSITIONS: Record<ExecutionAction, { from: ExecutionStatus[]; to: ExecutionStatus; by: ExecutionActor }> = {
  start: { from: ['planned'], to: 'in_progress', by: 'owner' },
  complete: { from: ['planned', 'in_progress'], to: 'done', by: 'owner' },
  reopen: { from: ['done'], to: 'in_progress', by: 'owner' },
  confirm: { from: ['done'], to: 'confirmed', by: 'reviewer' },
  // «вернуть на доработку»: needs a comment
  return: { from: ['done'], to: 'in_progress', by: 'reviewer' },
  unconfirm: { from: ['confirmed'], to: 'done', by: 'reviewer' },
};

export type TransitionResult = { ok: true; to: ExecutionStatus } | { ok: false; reason: string };

export function transition(from: ExecutionStatus, action: ExecutionAction, by: ExecutionActor, comment = ''): TransitionResult {
  const rule = TRANSITIONS[action];
  if (rule.by !== by) {
    return {
      ok: false,
      reason: by === 'owner' ? 'Подтверждает исполнение вышестоящий уровень' : 'Отметку об исполнении ставит ответственный уровень',
    };
  }
  if (!rule.from.includes(from)) return { ok: false, reason: `Действие недоступно в состоянии «${LABEL[from]}»` };
  if (action === 'return' && comment.trim() === '') return { ok: false, reason: 'Укажите, что нужно доработать' };
  return { ok: true, to: rule.to };
}

const LABEL: Record<ExecutionStatus, string> = {
  planned: 'запланировано',
  in_progress: 'выполняется',
  done: 'выполнено',
  confirmed: 'подтверждено',
};

export function allowedActions(from: ExecutionStatus, by: ExecutionActor): ExecutionAction[] {
  return (Object.keys(TRANSITIONS) as ExecutionAction[]).filter((a) => TRANSITIONS[a].by === by && TRANSITIONS[a].from.includes(from));
}
