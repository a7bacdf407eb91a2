// Request validation with zod: exact field paths for API clients, Russian messages for people.
import { z, type ZodError, type ZodType } from 'zod';
import { ValidationError, type FieldIssue } from '../../domain/errors.js';

// zod ships Russian messages; custom messages in schemas still win.
z.config(z.locales.ru());
z.config({
  customError: (issue) =>
    issue.code === 'invalid_type' && issue.input === undefined ? 'Обязательное поле' : undefined,
});

export function zodIssues(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}

/** Parse input or throw a ValidationError listing every bad field. */
export function parse<T extends ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError('Проверьте заполнение полей', zodIssues(result.error));
  return result.data;
}

export { idParam } from './schemas.js';
