// Stage reports (отчёт за этап): a municipality submits to its region, a region to the federal level; the level
// above accepts or returns with a reason. A submitted or accepted report freezes that stage's marks of its territory.

export type StageReportStatus = 'submitted' | 'accepted' | 'returned';
export type ShownReportStatus = StageReportStatus | 'not_submitted';
export type ReportAction = 'submit' | 'accept' | 'return';

export const REPORT_STATUS_LABELS: Record<ShownReportStatus, string> = {
  not_submitted: 'не представлен',
  submitted: 'представлен, ждёт решения',
  accepted: 'принят',
  returned: 'возвращён на доработку',
};

export type ReportTransition = { ok: true; to: StageReportStatus } | { ok: false; reason: string };

export function reportTransition(from: ShownReportStatus, action: ReportAction, comment = ''): ReportTransition {
  switch (action) {
    case 'submit':
      return from === 'not_submitted' || from === 'returned'
        ? { ok: true, to: 'submitted' }
        : { ok: false, reason: from === 'accepted' ? 'Отчёт уже принят' : 'Отчёт уже представлен и ждёт решения' };
    case 'accept':
      return from === 'submitted' ? { ok: true, to: 'accepted' } : { ok: false, reason: `Принять можно только представленный отчёт (сейчас: ${REPORT_STATUS_LABELS[from]})` };
    case 'return':
      if (from !== 'submitted' && from !== 'accepted') return { ok: false, reason: `Вернуть можно представленный или принятый отчёт (сейчас: ${REPORT_STATUS_LABELS[from]})` };
      if (comment.trim() === '') return { ok: false, reason: 'Укажите причину возврата' };
      return { ok: true, to: 'returned' };
  }
}

/** A report in these states freezes the marks of its stage in its territory. */
export const locksMarks = (status: ShownReportStatus) => status === 'submitted' || status === 'accepted';
