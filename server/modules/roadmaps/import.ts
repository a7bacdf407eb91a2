// Import preview: an order as .txt (UTF-8 or Windows-1251) or .docx, or pasted text → the document's
// details and items as the editor will save them. Nothing is written.
import { ValidationError } from '../../../domain/errors.js';
import { formatTiming, parseRoadmapDocument, type Timing } from '../../../domain/roadmaps/index.js';
import { isZip, zipKind } from '../../storage/sniff.js';
import { docxToRoadmapText } from './docx-text.js';
import type { ItemInput } from './items.js';

export interface ParsedItem extends Omit<ItemInput, 'id'> {
  timing: Timing;
  timingFormatted: string;
  flags: string[];
  responsibleParties: string[];
}

export interface ParseResult {
  document: { authority: string | null; number: string | null; date: string | null; title: string | null; year: number | null; level: string | null };
  items: ParsedItem[];
  flags: string[];
  sourceText: string;
}

/** Longest text accepted (characters): a real order is well below 200 000. */
export const MAX_TEXT = 1_500_000;

const refuse = (message: string, path = 'file') => new ValidationError(message, [{ path, message }]);

/** UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1251. */
export function decodeText(buffer: Buffer): string {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8');
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return new TextDecoder('utf-16le').decode(buffer.subarray(2));
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return new TextDecoder('utf-16be').decode(buffer.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('windows-1251').decode(buffer);
  }
}

/** The text of an uploaded order, by its content: a Word .docx (ZIP) or plain text. */
export async function uploadedText(buffer: Buffer): Promise<string> {
  if (buffer.length === 0) throw refuse('Файл пустой');
  if (isZip(buffer)) {
    if (zipKind({ head: buffer.subarray(0, 64 * 1024), tail: buffer.subarray(Math.max(0, buffer.length - 256 * 1024)) }) !== 'docx') {
      throw refuse('Это не документ Word: загрузите приказ в формате .docx или .txt');
    }
    try {
      return await docxToRoadmapText(buffer);
    } catch {
      throw refuse('Не удалось прочитать документ Word: сохраните его заново в формате .docx и повторите');
    }
  }
  if (buffer[0] === 0xd0 && buffer[1] === 0xcf && buffer[2] === 0x11 && buffer[3] === 0xe0) {
    throw refuse('Старый формат Word (.doc) не поддерживается: сохраните приказ как .docx');
  }
  if (buffer.subarray(0, 5).toString('latin1') === '%PDF-') {
    throw refuse('PDF не поддерживается: загрузите приказ в формате .docx или .txt');
  }
  const text = decodeText(buffer);
  // Binary content (images, programs) decodes to text full of control characters.
  const sample = text.slice(0, 4096);
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const control = sample.replace(/[\t\n\r\f]/g, '').match(/[\u0000-\u001f]/g)?.length ?? 0;
  if (control > sample.length / 100 || sample.includes('\u0000')) {
    throw refuse('Файл не похож на текст: загрузите приказ в формате .docx или .txt');
  }
  return text;
}

export function preview(text: string): ParseResult {
  if (text.length > MAX_TEXT) throw refuse('Текст слишком длинный', 'text');
  if (text.trim() === '') throw refuse('В документе нет текста', 'text');
  const doc = parseRoadmapDocument(text);
  const { authority, number, date, title, year, level } = doc.document;
  return {
    document: { authority, number, date, title, year, level },
    items: doc.items.map((i) => ({
      number: i.number,
      title: i.title,
      timingText: i.timing.text,
      responsibleText: i.responsible.text,
      indicator: i.indicator,
      infoSupport: i.infoSupport,
      timing: i.timing,
      timingFormatted: formatTiming(i.timing),
      flags: i.flags,
      responsibleParties: i.responsible.parties,
    })),
    flags: doc.flags,
    sourceText: text,
  };
}
