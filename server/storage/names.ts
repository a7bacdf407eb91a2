// File names from uploads: only the last path segment, no control or reserved characters, the
// extension of the detected type. Names are only shown and sent back; they never become paths.

// eslint-disable-next-line no-control-regex -- control characters are what is stripped
const RESERVED = /[\u0000-\u001f\u007f<>:"/\\|?*]/g;
const MAX_BASE = 150;

/** «../../etc/Отчёт.PDF» → «Отчёт.pdf»; a PNG sent as «скан.pdf» → «скан.png». */
export function sanitizeFileName(raw: string, ext: string, fallback = 'документ'): string {
  let name = raw ?? '';
  // multipart clients may percent-encode names
  if (/%[0-9a-f]{2}/i.test(name)) {
    try {
      name = decodeURIComponent(name);
    } catch {
      /* keep as sent */
    }
  }
  name = name.split(/[\\/]/).pop() ?? '';
  name = name.normalize('NFC').replace(RESERVED, '_').replace(/\s+/g, ' ');
  name = name.replace(/^[\s.]+|[\s.]+$/g, '');
  const dot = name.lastIndexOf('.');
  let base = dot > 0 ? name.slice(0, dot) : name;
  base = base.replace(/[\s.]+$/g, '');
  if (base === '' || /^_+$/.test(base)) base = fallback;
  if (base.length > MAX_BASE) base = base.slice(0, MAX_BASE).trimEnd();
  return `${base}.${ext}`;
}

/** Content-Disposition with a UTF-8 name and an ASCII fallback. */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment', asciiFallback?: string): string {
  const ascii = (asciiFallback ?? name).normalize('NFKD').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
