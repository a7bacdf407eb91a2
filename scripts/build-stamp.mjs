// What a build is made of, and whether dist/ still matches it. Shared by scripts/build.mjs (`npm run build`,
// `npm start`) and bin/medk.mjs (which runs the built CLI when it is current).
//
// Each part of the build (server, web) has a SHA-256 over the contents of its input files; a successful build
// writes those hashes to dist/.build-stamp.json. Contents, not modification times: a fresh `git clone` or a
// `git checkout` that leaves the files as they were does not cause a rebuild. Tests are not inputs.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
export const STAMP = join(DIST, '.build-stamp.json');

const COMMON = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.mjs', 'scripts/build-stamp.mjs'];

/** Input folders and files of each part, relative to the repository root. */
export const INPUTS = {
  server: [...COMMON, 'tsconfig.build.json', 'server', 'domain'],
  web: [...COMMON, 'web', 'domain'],
};

function isTest(name) {
  return /\.test\.tsx?$/.test(name) || name === 'test-support.ts' || name === 'test-fixtures.ts';
}

function listFiles(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  const out = [];
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name.startsWith('.') || isTest(name)) continue;
    out.push(...listFiles(join(path, name)));
  }
  return out;
}

/** The hash of one part's inputs; undefined when its sources are not here (a dist-only installation). */
export function inputHash(part) {
  const files = INPUTS[part].flatMap((p) => listFiles(join(ROOT, p))).sort();
  if (!files.some((f) => f.endsWith('.ts') || f.endsWith('.tsx'))) return undefined;
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(relative(ROOT, file).split(sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function readStamp() {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return {};
  }
}

/** Whether dist/ holds a build of this part made from the current sources. */
export function isCurrent(part, stamp = readStamp()) {
  const outputs = { server: join(DIST, 'server', 'main.js'), web: join(DIST, 'web', 'index.html') };
  if (!existsSync(outputs[part])) return false;
  const hash = inputHash(part);
  return hash === undefined || stamp[part] === hash;
}
