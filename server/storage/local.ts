// Local disk storage: `<root>/<sha[0:2]>/<sha>`. Content is written to `<root>/tmp/*.part`, synced, checked
// and only then renamed into place, so an interrupted or refused upload leaves nothing behind.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { FileTooLargeError, SHA256_RE, type FileStorage, type PutOptions, type Sample, type StoredBlob } from './types.js';

const HEAD_BYTES = 64 * 1024;
const TAIL_BYTES = 256 * 1024;
/** Leftovers of a crashed process older than this are removed on the next upload. */
const STALE_MS = 60 * 60 * 1000;

export class LocalFileStorage implements FileStorage {
  private swept = false;

  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    if (!SHA256_RE.test(sha256)) throw new Error('invalid sha256');
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(source: Readable | Buffer, options: PutOptions): Promise<StoredBlob> {
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    if (!this.swept) {
      this.swept = true;
      await this.sweep(tmpDir);
    }
    const tmp = join(tmpDir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let headSize = 0;
    let tail: Buffer[] = [];
    let tailSize = 0;
    let size = 0;
    const file = await open(tmp, 'wx');
    let closed = false;
    try {
      const stream = Buffer.isBuffer(source) ? Readable.from([source]) : source;
      for await (const raw of stream) {
        const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw as Uint8Array);
        size += chunk.length;
        if (size > options.maxBytes) throw new FileTooLargeError(options.maxBytes);
        hash.update(chunk);
        if (headSize < HEAD_BYTES) {
          head.push(chunk.subarray(0, HEAD_BYTES - headSize));
          headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
        }
        tail.push(chunk);
        tailSize += chunk.length;
        while (tail.length > 1 && tailSize - (tail[0] as Buffer).length >= TAIL_BYTES) tailSize -= (tail.shift() as Buffer).length;
        await file.write(chunk);
      }
      if (options.isTruncated?.()) throw new FileTooLargeError(options.maxBytes);
      await file.sync();
      await file.close();
      closed = true;
      const tailBuf = Buffer.concat(tail);
      tail = [];
      const sample: Sample = { head: Buffer.concat(head), tail: tailBuf.subarray(Math.max(0, tailBuf.length - TAIL_BYTES)), size };
      await options.inspect?.(sample);
      const sha256 = hash.digest('hex');
      const target = this.pathOf(sha256);
      await mkdir(dirname(target), { recursive: true });
      if (await exists(target)) {
        await rm(tmp, { force: true });
        return { sha256, size, created: false };
      }
      await rename(tmp, target);
      return { sha256, size, created: true };
    } catch (error) {
      if (!closed) await file.close().catch(() => undefined);
      await rm(tmp, { force: true });
      throw error;
    }
  }

  async get(sha256: string): Promise<{ stream: Readable; size: number } | null> {
    if (!SHA256_RE.test(sha256)) return null;
    const path = this.pathOf(sha256);
    try {
      const info = await stat(path);
      return { stream: createReadStream(path), size: info.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async remove(sha256: string): Promise<void> {
    if (!SHA256_RE.test(sha256)) return;
    await rm(this.pathOf(sha256), { force: true });
  }

  private async sweep(tmpDir: string): Promise<void> {
    const now = Date.now();
    for (const name of await readdir(tmpDir).catch(() => [] as string[])) {
      if (!name.endsWith('.part')) continue;
      const path = join(tmpDir, name);
      const info = await stat(path).catch(() => null);
      if (info && now - info.mtimeMs > STALE_MS) await rm(path, { force: true });
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
