// Multipart uploads read whole into memory (small files: sheets of territories, school results).
import type { FastifyRequest } from 'fastify';
import { ValidationError } from '../../domain/errors.js';

/** The uploaded file and the plain fields of a multipart request, in any order. */
export async function readUpload(request: FastifyRequest) {
  const missing = () => new ValidationError('Выберите файл', [{ path: 'file', message: 'Выберите файл' }]);
  if (!request.isMultipart()) throw missing();
  const fields: Record<string, string> = {};
  let file: { body: Buffer; filename: string } | undefined;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const body = await part.toBuffer();
      if (!file) file = { body, filename: part.filename ?? '' };
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  if (!file) throw missing();
  return { file, fields };
}
