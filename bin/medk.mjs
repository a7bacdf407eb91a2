#!/usr/bin/env node
// `medk` — the MEDK administrator command line. A tiny launcher: registers tsx (TypeScript on the fly, as for
// `npm start`) in this process and runs server/cli/main.ts, which sets the exit code.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
register({ tsconfig: `${root}tsconfig.json` });
await import(pathToFileURL(`${root}server/cli/main.ts`).href);
