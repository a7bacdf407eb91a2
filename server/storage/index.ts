// File storage behind a small interface (put/get/remove), content-addressed by SHA-256.
// The local implementation keeps files under `${dataDir}/files/<sha[0:2]>/<sha>`; an S3 one can follow.
import { join } from 'node:path';
import { LocalFileStorage } from './local.js';
import type { FileStorage } from './types.js';

export * from './types.js';
export { LocalFileStorage };

/** The storage of an application data directory. */
export function createFileStorage(dataDir: string): FileStorage {
  return new LocalFileStorage(join(dataDir, 'files'));
}

