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

export interface MonitoredItem {
  id: number;
  dueDate: string | null;
  /** Ongoing activities («постоянно», «ежемесячно», «в течение года» without dates) are due at every stage. */
  ongoing: boolean;
  status: ExecutionStatus;
}

export function isDueAt(item: Pick<MonitoredItem, 'dueDate' | 'ongoing'>, measuredOn: string): boolean {
  if (item.dueDate) return item.dueDate <= measuredOn;
  return item.ongoing;
}

/** The status a person sees: «просрочено» when the date has passed and the activity is not done. */
export function shownStatus(item: Pick<MonitoredItem, 'dueDate' | 'status'>, today: string): ShownStatus {
  if ((item.status === 'planned' || item.status === 'in_progress') && item.dueDate !== null && item.dueDate < today) {
    return 'overdue';
  }
  return item.status;
}

export interface StageResult {
  due: number;
  done: number;
  confirmed: number;
  /** Executed and confirmed among those due, percent (0–100, one decimal); null when nothing is due. */
  percent: number | null;
  thresholdPercent: number;
  /** null when nothing is due yet. */
  met: boolean | null;
  overdue: number[];
}

export function stageResult(items: MonitoredItem[], stage: Pick<StageDef, 'measuredOn' | 'thresholdPercent'>, today: string): StageResult {
  const due = items.filter((item) => isDueAt(item, stage.measuredOn));
  const confirmed = due.filter((item) => item.status === 'confirmed').length;
  const done = due.filter((item) => item.status === 'done' || item.status === 'confirmed').length;
  const percent = due.length ? Math.round((confirmed / due.length) * 1000) / 10 : null;
  return {
    due: due.length,
    done,
    confirmed,
    percent,
    thresholdPercent: stage.thresholdPercent,
    met: percent === null ? null : percent >= stage.thresholdPercent,
    overdue: due.filter((item) => shownStatus(item, today) === 'overdue').map((item) => item.id),
  };
}

export const STATUS_LABELS: Record<ShownStatus, string> = {
  planned: 'запланировано',
  in_progress: 'выполняется',
  done: 'выполнено',
  confirmed: 'подтверждено',
  overdue: 'просрочено',
};
