// What a file is, by its content (magic bytes), never by its name. Evidence may be PDF, DOCX, XLSX, ODT, JPEG, PNG.
import type { Sample } from './types.js';

export interface FileKind {
  mime: string;
  ext: string;
  label: string;
}

export const KINDS = {
  pdf: { mime: 'application/pdf', ext: 'pdf', label: 'PDF' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', label: 'Word (DOCX)' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx', label: 'Excel (XLSX)' },
  odt: { mime: 'application/vnd.oasis.opendocument.text', ext: 'odt', label: 'OpenDocument (ODT)' },
  jpeg: { mime: 'image/jpeg', ext: 'jpg', label: 'JPEG' },
  png: { mime: 'image/png', ext: 'png', label: 'PNG' },
} as const satisfies Record<string, FileKind>;

const startsWith = (buf: Buffer, bytes: number[]) => bytes.every((b, i) => buf[i] === b);

export const isZip = (buf: Buffer) => startsWith(buf, [0x50, 0x4b, 0x03, 0x04]);

/**
 * Entry names of a ZIP are stored as plain bytes in the local headers (start) and the central
 * directory (end), so a loose look at both is enough to tell DOCX, XLSX and ODT apart.
 */
export function zipKind(sample: Pick<Sample, 'head' | 'tail'>): 'docx' | 'xlsx' | 'odt' | null {
  const text = sample.head.toString('latin1') + '\n' + sample.tail.toString('latin1');
  if (text.includes('mimetypeapplication/vnd.oasis.opendocument.text')) return 'odt';
  if (!text.includes('[Content_Types].xml')) return null;
  if (text.includes('word/document.xml')) return 'docx';
  if (text.includes('xl/workbook.xml')) return 'xlsx';
  return null;
}

export function detectFileType(sample: Pick<Sample, 'head' | 'tail'>): FileKind | null {
  const { head } = sample;
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return KINDS.pdf;
  if (startsWith(head, [0xff, 0xd8, 0xff])) return KINDS.jpeg;
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return KINDS.png;
  if (isZip(head)) {
    const kind = zipKind(sample);
    return kind ? KINDS[kind] : null;
  }
  return null;
}
