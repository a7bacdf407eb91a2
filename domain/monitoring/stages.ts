// Monitoring stages of a cycle and the share of executed and confirmed activities among those due.

export interface StageDef {
  number: number;
  title: string;
  /** 'YYYY-MM-DD': activities due by this date count at this stage. */
  measuredOn: string;
  thresholdPercent: number;
}

/** Programme defaults: stage 1 in June (≥45%), stage 2 in September (≥75%), stage 3 in October/November (100%). */
export function defaultStages(year: number): StageDef[] {
  return [
    { number: 1, title: 'Первый этап мониторинга (июнь)', measuredOn: `${year}-06-30`, thresholdPercent: 45 },
    { number: 2, title: 'Второй этап мониторинга (сентябрь)', measuredOn: `${year}-09-30`, thresholdPercent: 75 },
    { number: 3, title: 'Третий этап мониторинга (октябрь–ноябрь)', measuredOn: `${year}-11-30`, thresholdPercent: 100 },
  ];
}

export type ExecutionStatus = 'planned' | 'in_progress' | 'done' | 'confirmed';
export type ShownStatus = ExecutionStatus | 'overdue';

/** The status a person sees: «просрочено» when the date has passed and the activity is not done. */
export function shownStatus(item: { dueDate: string | null; status: ExecutionStatus }, today: string): ShownStatus {
  if ((item.status === 'planned' || item.status === 'in_progress') && item.dueDate !== null && item.dueDate < today) {
    return 'overdue';
  }
  return item.status;
}

export const STATUS_LABELS: Record<ShownStatus, string> = {
  planned: 'запланировано',
  in_progress: 'выполняется',
  done: 'выполнено',
  confirmed: 'подтверждено',
  overdue: 'просрочено',
};
