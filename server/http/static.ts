// Serves the built web UI (dist/web, see scripts/build.mjs) from the same process as the API.
//
// - Files are looked up on each request (wildcard route), so after a rebuild a running process serves the new
//   index.html together with the new chunks; hashed chunks of earlier builds stay in the folder for a while.
// - The build writes a .br and a .gz next to every text file; `preCompressed` sends the best one the browser
//   accepts (with `Vary: Accept-Encoding`), nothing is compressed per request.
// - Hashed files (assets/…) never change under their name: cached for a year, `immutable`. index.html names the
//   current chunks and must be revalidated each time: `no-cache` (ETag/Last-Modified make that a 304).
import { existsSync } from 'node:fs';
import { basename, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';
/** Unhashed files other than index.html (favicon): a day. */
export const SHORT = 'public, max-age=86400';

export function cacheControlFor(path: string): string {
  const logical = path.replace(/\.(br|gz)$/, '');
  if (logical.split(sep).includes('assets') || logical.split('/').includes('assets')) return IMMUTABLE;
  if (basename(logical).endsWith('.html')) return REVALIDATE;
  return SHORT;
}

/** Registers the UI when its folder exists; returns whether it did (the SPA fallback needs to know). */
export async function registerWebUi(app: FastifyInstance, root: string): Promise<boolean> {
  if (!existsSync(root)) return false;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: true,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', cacheControlFor(path));
    },
  });
  return true;
}
