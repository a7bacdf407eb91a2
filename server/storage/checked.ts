// The one upload pipeline of attached files (evidence, order files): stored by content hash while the content is
// checked — not empty, an allowed type by its bytes, not over the limit — with Russian messages on the `file` field.
import type { Readable } from 'node:stream';
import { ValidationError } from '../../domain/errors.js';
import { FileTooLargeError, type FileStorage, type StoredBlob } from './index.js';
import { detectFileType, type FileKind } from './sniff.js';

export interface Upload {
  stream: Readable;
  filename: string;
  truncated: () => boolean;
}

export const fileError = (message: string) => new ValidationError(message, [{ path: 'file', message }]);

export async function storeChecked(
  storage: FileStorage,
  upload: Upload,
  rules: { maxBytes: number; tooLarge: string; refused: string; allow?: (kind: FileKind) => boolean },
): Promise<{ blob: StoredBlob; kind: FileKind }> {
  let kind: FileKind | null = null;
  let blob: StoredBlob;
  try {
    blob = await storage.put(upload.stream, {
      maxBytes: rules.maxBytes,
      isTruncated: upload.truncated,
      inspect: (sample) => {
        if (sample.size === 0) throw fileError('Файл пустой');
        kind = detectFileType(sample);
        if (!kind || (rules.allow && !rules.allow(kind))) throw fileError(rules.refused);
      },
    });
  } catch (error) {
    if (error instanceof FileTooLargeError) throw fileError(rules.tooLarge);
    throw error;
  }
  const detected = kind as FileKind | null;
  if (!detected) throw fileError(rules.refused);
  return { blob, kind: detected };
}
