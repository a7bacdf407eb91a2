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
  readonly code = 'conflict';
  constructor(message: string, readonly fields: FieldIssue[] = []) {
    super(message);
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
