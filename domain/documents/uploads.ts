// Pure rules for document uploads: size and kind limits, and a ZIP-bomb guard over central-directory entries.
// The server sniffs the kind by content (server/storage/sniff.ts), reads the ZIP directory of DOCX/XLSX/ODT and
// passes the entries here; it must still cap the bytes it actually inflates, since a directory can lie.

export const UPLOAD_KINDS = ['pdf', 'docx', 'xlsx', 'odt', 'jpeg', 'png'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

export const UPLOAD_KIND_LABELS: Record<UploadKind, string> = {
  pdf: 'PDF',
  docx: 'DOCX',
  xlsx: 'XLSX',
  odt: 'ODT',
  jpeg: 'JPG',
  png: 'PNG',
};

export interface ZipLimits {
  /** Sum of uncompressed sizes. */
  maxTotalUncompressed: number;
  /** uncompressed / compressed of one entry … */
  maxRatio: number;
  /** … checked only for entries larger than this (small files compress well legitimately). */
  ratioMinBytes: number;
  maxEntries: number;
}

export interface UploadLimits {
  maxBytes: number;
  allowedKinds: readonly UploadKind[];
  zip: ZipLimits;
}

const MB = 1024 * 1024;

export const DEFAULT_UPLOAD_LIMITS: Readonly<UploadLimits> = {
  maxBytes: 20 * MB,
  allowedKinds: UPLOAD_KINDS,
  zip: { maxTotalUncompressed: 200 * MB, maxRatio: 100, ratioMinBytes: MB, maxEntries: 5000 },
};

export type UploadProblemCode = 'too_large' | 'empty' | 'kind_not_allowed' | 'zip_too_many_entries' | 'zip_unsafe_name' | 'zip_bad_size' | 'zip_ratio' | 'zip_too_large';

export interface UploadProblem {
  code: UploadProblemCode;
  /** Russian, for people. */
  message: string;
}

/** «20 МБ», «1,5 МБ», «300 КБ». */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${String(Math.round((bytes / MB) * 10) / 10).replace('.', ',')} МБ`;
  return `${Math.max(1, Math.round(bytes / 1024))} КБ`;
}

/** Hint under an upload field: «PDF, DOCX, XLSX, ODT, JPG, PNG — до 20 МБ». */
export function uploadHint(limits: Pick<UploadLimits, 'maxBytes' | 'allowedKinds'> = DEFAULT_UPLOAD_LIMITS): string {
  return `${limits.allowedKinds.map((k) => UPLOAD_KIND_LABELS[k]).join(', ')} — до ${formatBytes(limits.maxBytes)}`;
}

/** Size and kind (as sniffed by content; null when unrecognised) of an upload. */
export function checkUpload(file: { size: number; kind: UploadKind | null }, limits: Pick<UploadLimits, 'maxBytes' | 'allowedKinds'> = DEFAULT_UPLOAD_LIMITS): UploadProblem | null {
  if (file.size <= 0) return { code: 'empty', message: 'Файл пустой' };
  if (file.size > limits.maxBytes) return { code: 'too_large', message: `Файл больше ${formatBytes(limits.maxBytes)}` };
  if (file.kind === null || !limits.allowedKinds.includes(file.kind)) {
    return { code: 'kind_not_allowed', message: `Допустимые форматы: ${limits.allowedKinds.map((k) => UPLOAD_KIND_LABELS[k]).join(', ')}` };
  }
  return null;
}

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

/** An entry name that could escape the extraction folder: absolute, drive-lettered, or with a '..' segment. */
export function isUnsafeEntryName(name: string): boolean {
  if (name === '' || name.includes('\0')) return true;
  if (name.startsWith('/') || name.startsWith('\\') || /^[a-zA-Z]:/.test(name)) return true;
  return name.split(/[\\/]/).some((segment) => segment === '..');
}

const BROKEN = 'Файл повреждён или небезопасен';

/** The first problem of a ZIP container (DOCX, XLSX, ODT) from its central directory, or null when it looks safe. */
export function checkZipEntries(entries: readonly ZipEntry[], limits: Pick<UploadLimits, 'zip'> = DEFAULT_UPLOAD_LIMITS): UploadProblem | null {
  const z = limits.zip;
  if (entries.length > z.maxEntries) return { code: 'zip_too_many_entries', message: `${BROKEN}: слишком много частей (${entries.length})` };
  let total = 0;
  for (const e of entries) {
    if (isUnsafeEntryName(e.name)) return { code: 'zip_unsafe_name', message: `${BROKEN}: недопустимое имя части «${e.name}»` };
    const sizesOk = [e.compressedSize, e.uncompressedSize].every((n) => Number.isSafeInteger(n) && n >= 0);
    if (!sizesOk) return { code: 'zip_bad_size', message: `${BROKEN}: неверный размер части «${e.name}»` };
    if (e.uncompressedSize > z.ratioMinBytes && e.uncompressedSize > e.compressedSize * z.maxRatio) {
      return { code: 'zip_ratio', message: `${BROKEN}: часть «${e.name}» сжата подозрительно сильно` };
    }
    total += e.uncompressedSize;
  }
  if (total > z.maxTotalUncompressed) {
    return { code: 'zip_too_large', message: `${BROKEN}: после распаковки больше ${formatBytes(z.maxTotalUncompressed)}` };
  }
  return null;
}
