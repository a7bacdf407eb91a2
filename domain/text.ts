// Text that is stored as a name or a cell: no control, format or invisible characters (BEL, NUL, the
// bidirectional overrides that make a name read differently, zero-width spaces, soft hyphens).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/g;

/** Removes control, format and invisible characters; tab and line breaks become spaces. */
export function stripUnsafeText(value: string): string {
  return value.replace(/[\t\n\r]/g, ' ').replace(UNSAFE, '');
}
