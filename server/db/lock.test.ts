// One process per embedded database folder: the server and the CLI take the same lock, a second server
// is refused with a clear message before it opens or migrates the database, a crashed holder's lock is taken over.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { acquireDataLock, DataLockError, lockFileOf } from './lock.js';

const root = mkdtempSync(join(tmpdir(), 'medk-lock-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('data folder lock', () => {
  test('a second holder is refused while the first holds it, and gets it after release', () => {
    const dir = join(root, 'a', 'db');
    const first = acquireDataLock(dir, 'server');
    assert.ok(existsSync(first.file));
    // the holder is another live process: this one stands in for it
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      writeFileSync(first.file, `${child.pid}\n${hostname()}\nserver\n`);
      assert.throws(() => acquireDataLock(dir, 'cli'), (e: unknown) => e instanceof DataLockError && e.holderPid === child.pid && /уже открыта другим процессом МЭДК \(сервер/.test(e.message));
    } finally {
      child.kill();
    }
    writeFileSync(first.file, `${process.pid}\n${hostname()}\nserver\n`);
    first.release();
    assert.equal(existsSync(first.file), false);
    acquireDataLock(dir, 'cli').release();
  });

  test('the lock of a process that is gone (kill -9) is taken over', () => {
    const dir = join(root, 'b', 'db');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    mkdirSync(join(root, 'b'), { recursive: true });
    writeFileSync(lockFileOf(dir), `${dead}\n${hostname()}\nserver\n`);
    const lock = acquireDataLock(dir, 'server');
    assert.equal(readFileSync(lock.file, 'utf8').split('\n')[0], String(process.pid));
    lock.release();
  });

  test('a second server on the same folder exits with a clear message before opening the database', { timeout: 120_000 }, async () => {
    const dataDir = join(root, 'server');
    const env = { ...process.env, MEDK_DATA_DIR: dataDir, MEDK_DEMO: 'false', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', MEDK_WEB_DIST: '/nonexistent', DATABASE_URL: '' };
    const main = join(import.meta.dirname, '..', 'main.ts');
    const first = spawn(process.execPath, ['--import', 'tsx', main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        first.stdout.on('data', (chunk) => {
          out += String(chunk);
          if (out.includes('MEDK: http')) resolve();
        });
        first.on('exit', (code) => reject(new Error(`the first server exited with ${code}`)));
      });
      const second = spawnSync(process.execPath, ['--import', 'tsx', main], { env, encoding: 'utf8', timeout: 60_000 });
      assert.equal(second.status, 1, second.stderr);
      assert.match(second.stderr, new RegExp(`МЭДК \\(сервер, pid ${first.pid}\\)`));
      assert.doesNotMatch(second.stdout, /MEDK: http/);
    } finally {
      first.kill('SIGTERM');
      await new Promise((resolve) => first.once('exit', resolve));
    }
    assert.equal(existsSync(lockFileOf(join(dataDir, 'db'))), false, 'a stopped server leaves no lock');
  });
});
