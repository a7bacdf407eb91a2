#!/usr/bin/env node
// `medk` — the MEDK administrator command line. A tiny launcher for server/cli/main.ts, which sets the exit code:
// - the built CLI (dist/server/cli/main.js, `npm run build`) when it was built from the current sources, or when
//   there are no sources (an installation of the build alone);
// - otherwise the TypeScript sources through tsx (a development checkout: tsx is a devDependency);
// - a build older than the sources only when tsx is not installed, with a warning.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isCurrent } from '../scripts/build-stamp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = `${root}dist/server/cli/main.js`;

async function fromSources() {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    return false;
  }
  register({ tsconfig: `${root}tsconfig.json` });
  await import(pathToFileURL(`${root}server/cli/main.ts`).href);
  return true;
}

if (existsSync(built) && isCurrent('server')) {
  await import(pathToFileURL(built).href);
} else if (!(await fromSources())) {
  if (!existsSync(built)) {
    console.error('medk: no build found (dist/server) and tsx is not installed: run `npm ci && npm run build`.');
    process.exit(1);
  }
  console.error('medk: dist/server is older than the sources (run `npm run build`); using it anyway.');
  await import(pathToFileURL(built).href);
}
