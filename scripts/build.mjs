#!/usr/bin/env node
// The production build: `npm run build` (both parts), `npm run build:server`, `npm run build:web`.
//
//   node scripts/build.mjs [server] [web] [--if-changed]
//
// server → dist/server, dist/domain: the TypeScript of server/ and domain/ compiled by tsc (tsconfig.build.json),
//          plus the SQL migrations the server reads at run time; started with `node dist/server/main.js`.
// web    → dist/web: the Vite build of the UI, every text file also precompressed as .br and .gz (served by
//          @fastify/static with `preCompressed`).
//
// Each part is built into a temporary folder inside dist/ and then renamed into place, so a process serving the
// previous build keeps finding its files: nothing is emptied while it runs. Hashed UI files of the previous
// builds (dist/web/assets) are carried over for KEEP_DAYS, so a browser that loaded the old index.html still gets
// the chunks it asks for. `--if-changed` (used by `npm start`) skips a part whose inputs have the hash recorded in
// dist/.build-stamp.json by its last successful build (see scripts/build-stamp.mjs).
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { DIST, inputHash, isCurrent, readStamp, ROOT, STAMP } from './build-stamp.mjs';

const KEEP_DAYS = 14;
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.xml', '.ico', '.map', '.webmanifest']);

const args = process.argv.slice(2);
const ifChanged = args.includes('--if-changed');
const unknown = args.filter((a) => a.startsWith('--') && a !== '--if-changed');
const parts = args.filter((a) => !a.startsWith('--'));
if (unknown.length || parts.some((p) => p !== 'server' && p !== 'web')) {
  console.error('usage: node scripts/build.mjs [server] [web] [--if-changed]');
  process.exit(2);
}
const wanted = parts.length ? parts : ['server', 'web'];
const require = createRequire(import.meta.url);
const tmpName = (part) => join(DIST, `.${part}-${process.pid}-${Date.now().toString(36)}`);

function run(label, argv) {
  const started = Date.now();
  const result = spawnSync(process.execPath, argv, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${label} failed (exit code ${result.status ?? result.signal})`);
  return Date.now() - started;
}

/** Put `from` where `to` is, with only the two renames in between (the old folder is removed afterwards). */
function swap(from, to) {
  const old = `${to}.old-${process.pid}`;
  if (existsSync(to)) renameSync(to, old);
  renameSync(from, to);
  rmSync(old, { recursive: true, force: true });
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Writes file.br and file.gz next to each text file when they are smaller; returns [raw, gzip, brotli] bytes. */
function precompress(dir) {
  const totals = [0, 0, 0];
  for (const file of walk(dir)) {
    if (!COMPRESSIBLE.has(extname(file))) continue;
    const body = readFileSync(file);
    const gz = gzipSync(body, { level: 9 });
    const br = brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    });
    if (gz.length < body.length) writeFileSync(`${file}.gz`, gz);
    if (br.length < body.length) writeFileSync(`${file}.br`, br);
    if (extname(file) !== '.map') {
      totals[0] += body.length;
      totals[1] += Math.min(gz.length, body.length);
      totals[2] += Math.min(br.length, body.length);
    }
  }
  return totals;
}

function buildServer() {
  const tmp = tmpName('server');
  try {
    const ms = run('tsc', [require.resolve('typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', tmp]);
    // files the server reads at run time next to its code (server/db/migrate.ts: ./migrations)
    cpSync(join(ROOT, 'server', 'db', 'migrations'), join(tmp, 'server', 'db', 'migrations'), { recursive: true });
    swap(join(tmp, 'server'), join(DIST, 'server'));
    swap(join(tmp, 'domain'), join(DIST, 'domain'));
    // dist/ is an ES-module package of its own; the CLI's backups record this version (server/cli/backup.ts)
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    writeFileSync(join(DIST, 'package.json'), `${JSON.stringify({ name: `${pkg.name}-dist`, version: pkg.version, private: true, type: 'module' }, null, 2)}\n`);
    console.log(`server: dist/server (tsc, ${(ms / 1000).toFixed(1)} s)`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function buildWeb() {
  const tmp = tmpName('web');
  const target = join(DIST, 'web');
  try {
    const vite = join(require.resolve('vite/package.json'), '..', 'bin', 'vite.js');
    const ms = run('vite build', [vite, 'build', '--config', join(ROOT, 'web', 'vite.config.ts'), '--outDir', tmp, '--emptyOutDir', '--logLevel', 'warn']);
    const [raw, gz, br] = precompress(tmp);
    // keep the hashed files of recent builds for pages loaded before this build
    const oldAssets = join(target, 'assets');
    let kept = 0;
    if (existsSync(oldAssets)) {
      mkdirSync(join(tmp, 'assets'), { recursive: true });
      const cutoff = Date.now() - KEEP_DAYS * 24 * 3600 * 1000;
      for (const name of readdirSync(oldAssets)) {
        const from = join(oldAssets, name);
        const to = join(tmp, 'assets', name);
        const stat = statSync(from);
        if (existsSync(to) || !stat.isFile() || stat.mtimeMs < cutoff) continue;
        copyFileSync(from, to);
        utimesSync(to, stat.atime, stat.mtime);
        kept += 1;
      }
    }
    swap(tmp, target);
    const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
    console.log(`web: dist/web (vite, ${(ms / 1000).toFixed(1)} s): ${kb(raw)}, gzip ${kb(gz)}, brotli ${kb(br)}` + (kept ? `; ${kept} files of earlier builds kept` : ''));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** One build at a time in this dist/: another `npm start` on the same host waits for the first. */
function lock() {
  const path = join(DIST, '.build-lock');
  mkdirSync(DIST, { recursive: true });
  const deadline = Date.now() + 15 * 60 * 1000;
  for (;;) {
    try {
      mkdirSync(path);
      return () => rmSync(path, { recursive: true, force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      let age;
      try {
        age = Date.now() - statSync(path).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      if (age > 15 * 60 * 1000 || Date.now() > deadline) {
        rmSync(path, { recursive: true, force: true }); // left by a build that was killed
        continue;
      }
      if (age < 300) console.log('another build is running in this folder; waiting for it');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
}

const unlock = lock();
try {
  const stamp = readStamp();
  for (const part of wanted) {
    if (ifChanged && isCurrent(part, stamp)) continue;
    const hash = inputHash(part);
    if (hash === undefined) {
      console.error(`${part}: no sources to build here`);
      process.exit(1);
    }
    if (part === 'server') buildServer();
    else buildWeb();
    const current = readStamp();
    writeFileSync(STAMP, `${JSON.stringify({ ...current, [part]: hash }, null, 2)}\n`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  unlock();
}
