// Kinds of the notification jobs (one list; features enqueue them in their own transactions).
export const JOB_KINDS = {
  document: 'notify.document',
  expertise: 'notify.expertise',
  /** A roadmap event: a mark to confirm or returned, a stage report submitted, accepted or returned. */
  roadmap: 'notify.roadmap',
  scan: 'deadline.scan',
  email: 'email.send',
} as const;

export const ROADMAP_JOB = JOB_KINDS.roadmap;
