// Types of the file storage (see index.ts).
import type { Readable } from 'node:stream';

/** The first and last bytes of an upload (type checks read the ZIP directory at the end) and its size. */
export interface Sample {
  head: Buffer;
  tail: Buffer;
  size: number;
}

export interface PutOptions {
  /** Refuse (FileTooLargeError) once the content grows beyond this many bytes. */
  maxBytes: number;
  /** Called before the content becomes visible; throw to refuse it (nothing is kept). */
  inspect?: (sample: Sample) => void | Promise<void>;
  /** The upload was cut off by a transport limit (multipart `truncated`): refused as too large. */
  isTruncated?: () => boolean;
}

export interface StoredBlob {
  sha256: string;
  size: number;
  /** False when the same content was stored already (it is kept once). */
  created: boolean;
}

export interface FileStorage {
  /** Receives content; it becomes visible under its SHA-256 only when complete and accepted. */
  put(source: Readable | Buffer, options: PutOptions): Promise<StoredBlob>;
  get(sha256: string): Promise<{ stream: Readable; size: number } | null>;
  remove(sha256: string): Promise<void>;
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file larger than ${maxBytes} bytes`);
  }
}

export const SHA256_RE = /^[0-9a-f]{64}$/;
