// One process per embedded database folder. PGlite's own postmaster.pid holds no usable process id
// (it is always -42) and stays behind after a crash, so MEDK keeps its own lock file next to the
// folder: the holder's pid and host. The server and the CLI take the same lock; a lock whose process
// is gone (kill -9, power loss) is taken over, so a restart after a crash needs nothing by hand.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { hostname } from 'node:os';

export class DataLockError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holderPid: number,
    readonly holderRole: string,
  ) {
    super(
      `Встроенная база уже открыта другим процессом МЭДК (${holderRole === 'server' ? 'сервер' : 'команда medk'}, pid ${holderPid}). ` +
        'Два процесса на одной папке базы повредили бы её: остановите тот процесс или запустите этот с другой MEDK_DATA_DIR. ' +
        `Замок: ${lockFile}`,
    );
  }
}

export interface DataLock {
  file: string;
  release(): void;
}

export function lockFileOf(pgliteDir: string): string {
  return `${pgliteDir.replace(/[/\\]+$/, '')}.lock`;
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Holder {
  pid: number;
  host: string;
  role: string;
}

function readHolder(file: string): Holder | undefined {
  try {
    const [pid, host, role] = readFileSync(file, 'utf8').split('\n');
    return { pid: Number(pid), host: host ?? '', role: role ?? '' };
  } catch {
    return undefined;
  }
}

/** Takes the lock of an embedded database folder, or throws DataLockError naming the live holder. */
export function acquireDataLock(pgliteDir: string, role: 'server' | 'cli'): DataLock {
  const file = lockFileOf(pgliteDir);
  mkdirSync(dirname(file), { recursive: true });
  const content = `${process.pid}\n${hostname()}\n${role}\n${new Date().toISOString()}\n`;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, content);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        // remove only our own lock
        if (readHolder(file)?.pid === process.pid) {
          try {
            unlinkSync(file);
          } catch {
            // already gone
          }
        }
      };
      process.on('exit', release);
      return { file, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      // a lock of another host (a shared folder) cannot be checked: it is respected
      if (holder && (holder.pid === process.pid || (holder.host === hostname() && !alive(holder.pid)))) {
        try {
          unlinkSync(file);
        } catch {
          // another process took it over first
        }
        continue;
      }
      if (holder) throw new DataLockError(file, holder.pid, holder.role);
      // being written right now by a process that just took it
    }
  }
  const holder = readHolder(file);
  throw new DataLockError(file, holder?.pid ?? 0, holder?.role ?? '');
}
