// The central directory of a ZIP container (DOCX, XLSX, ODT), read with yauzl from the upload's bytes without
// inflating anything; the entries go to the domain's checkZipEntries (zip bomb, path traversal).
import yauzl from 'yauzl';
import type { ZipEntry } from '../../../domain/documents/index.js';

/** Thrown when the container cannot be read as a ZIP at all. */
export class BrokenZipError extends Error {}

/** Entry names as stored: bit 11 marks UTF-8, otherwise the bytes are read one to one (unsafe characters are ASCII anyway). */
function entryName(raw: Buffer | string, flags: number): string {
  if (typeof raw === 'string') return raw;
  return raw.toString((flags & 0x800) !== 0 ? 'utf8' : 'latin1');
}

/**
 * Lists the entries of the central directory. Names are not decoded by yauzl (`decodeStrings: false`) so that
 * yauzl does not refuse unsafe names itself: the domain rule reports them with its own message. At most
 * `maxEntries + 1` entries are read — one more than allowed is enough to refuse.
 */
export function readZipEntries(buffer: Buffer, maxEntries: number): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false }, (openError, zip) => {
      if (openError || !zip) return reject(new BrokenZipError(openError?.message ?? 'not a zip'));
      const entries: ZipEntry[] = [];
      let done = false;
      const finish = (error?: Error) => {
        if (done) return;
        done = true;
        zip.close();
        if (error) reject(new BrokenZipError(error.message));
        else resolve(entries);
      };
      zip.on('error', (error: Error) => finish(error));
      zip.on('end', () => finish());
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.push({
          name: entryName(entry.fileName as unknown as Buffer | string, entry.generalPurposeBitFlag),
          compressedSize: entry.compressedSize,
          uncompressedSize: entry.uncompressedSize,
        });
        if (entries.length > maxEntries) finish();
        else zip.readEntry();
      });
      zip.readEntry();
    });
  });
}
