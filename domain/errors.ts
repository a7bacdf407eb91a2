// Typed errors of MEDK. Domain and services throw them; server/http/errors.ts maps them to HTTP once.

export interface FieldIssue {
  /** Exact field path for API clients, e.g. "rows.3.code" or "password". */
  path: string;
  /** Russian message for people. */
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly code: string;
}

export class ValidationError extends AppError {
  readonly code = 'validation_failed';
  constructor(
    message: string,
    readonly fields: FieldIssue[] = [],
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  readonly code = 'not_found';
  constructor(message = 'Запись не найдена') {
    super(message);
  }
}

export class ForbiddenError extends AppError {
  readonly code: string = 'forbidden';
  constructor(message = 'Недостаточно прав для этого действия') {
    super(message);
  }
}

export class PasswordChangeRequiredError extends ForbiddenError {
  override readonly code = 'password_change_required';
  constructor() {
    super('Сначала смените временный пароль');
  }
}

export class UnauthorizedError extends AppError {
  readonly code = 'unauthorized';
  constructor(message = 'Требуется вход в систему') {
    super(message);
  }
}

export class ConflictError extends AppError {
  readonly code: string = 'conflict';
  constructor(
    message: string,
    readonly fields: FieldIssue[] = [],
    /** Machine-readable facts for API clients (e.g. the id of the existing record). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** A conflict with its own code (e.g. 'roadmap_exists', 'roadmap_approved', 'stage_locked'). */
export class CodedConflictError extends ConflictError {
  override readonly code: string;
  constructor(code: string, message: string, fields: FieldIssue[] = [], details?: Record<string, unknown>) {
    super(message, fields, details);
    this.code = code;
  }
}

export class TooManyRequestsError extends AppError {
  readonly code = 'too_many_requests';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export class AccountLockedError extends AppError {
  readonly code = 'account_locked';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
