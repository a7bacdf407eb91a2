// Shows API validation errors next to the form fields they name.
import type { FormInstance } from 'antd';
import { ApiError } from './api';

/** Puts field errors on the form; returns the message for the rest (or undefined when all were placed). */
export function applyApiError(form: FormInstance, error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return 'Что-то пошло не так. Попробуйте ещё раз.';
  const known = new Set(Object.keys(form.getFieldsValue(true) ?? {}));
  const placed = error.fields.filter((f) => known.has(f.path.split('.')[0] ?? ''));
  form.setFields(placed.map((f) => ({ name: f.path.split('.'), errors: [f.message] })));
  return placed.length === error.fields.length && placed.length > 0 ? undefined : error.message;
}

export function errorText(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Что-то пошло не так. Попробуйте ещё раз.';
}
