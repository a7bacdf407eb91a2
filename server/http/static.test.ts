// The built UI as the server sends it: precompressed variants, cache headers, the SPA fallback. The static root is
// a throw-away folder laid out like dist/web (scripts/build.mjs), so the test does not depend on a build.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { createTestApp, type TestContext } from '../test/harness.js';
import { IMMUTABLE, REVALIDATE, SHORT } from './static.js';

const SCRIPT = `console.log(${JSON.stringify('МЭДК '.repeat(400))});\n`;
const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head><body><div id="root"></div></body></html>';

function put(root: string, path: string, body: string, compressed = true): void {
  writeFileSync(join(root, path), body);
  if (!compressed) return;
  writeFileSync(join(root, `${path}.gz`), gzipSync(body));
  writeFileSync(join(root, `${path}.br`), brotliCompressSync(body));
}

describe('the built web UI', () => {
  let ctx: TestContext;
  let root: string;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'medk-web-'));
    mkdirSync(join(root, 'assets'));
    put(root, 'index.html', INDEX);
    put(root, 'assets/index-AbC123.js', SCRIPT);
    put(root, 'favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>', false);
    ctx = await createTestApp({ demo: false, config: { webDist: root } });
  });
  after(async () => {
    await ctx.close();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    ctx.app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('sends the brotli file to a browser that accepts it, cached for a year as immutable', async () => {
    const res = await get('/assets/index-AbC123.js', 'gzip, deflate, br');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-encoding'], 'br');
    assert.match(String(res.headers['content-type']), /javascript/);
    assert.equal(res.headers['cache-control'], IMMUTABLE);
    assert.match(String(res.headers.vary), /accept-encoding/i);
    assert.equal(brotliDecompressSync(res.rawPayload).toString(), SCRIPT);
    assert.ok(res.rawPayload.length < Buffer.byteLength(SCRIPT) / 5, 'the compressed file, not the original');
  });

  it('sends gzip when brotli is not accepted, the original when nothing is', async () => {
    const gz = await get('/assets/index-AbC123.js', 'gzip');
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.rawPayload).toString(), SCRIPT);
    assert.equal(gz.headers['cache-control'], IMMUTABLE);

    const plain = await get('/assets/index-AbC123.js');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body, SCRIPT);
    assert.equal(plain.headers['cache-control'], IMMUTABLE);
  });

  it('makes the browser revalidate index.html, also when it answers a client-side route', async () => {
    for (const url of ['/', '/index.html', '/dashboard', '/s/ABC123']) {
      const res = await get(url, 'br');
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers['cache-control'], REVALIDATE, url);
      assert.match(String(res.headers['content-type']), /text\/html/, url);
      const body = res.headers['content-encoding'] === 'br' ? brotliDecompressSync(res.rawPayload).toString() : res.body;
      assert.equal(body, INDEX, url);
    }
  });

  it('caches other unhashed files for a day', async () => {
    const res = await get('/favicon.svg', 'br');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-encoding'], undefined);
    assert.equal(res.headers['cache-control'], SHORT);
  });

  it('serves files written after the start (a rebuild) and answers 404 for a missing hashed file', async () => {
    assert.equal((await get('/assets/later-XyZ789.js')).statusCode, 404);
    put(root, 'assets/later-XyZ789.js', SCRIPT);
    const res = await get('/assets/later-XyZ789.js', 'br');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-encoding'], 'br');
  });

  it('never answers an API path with the page', async () => {
    const res = await get('/api/no-such-thing');
    assert.ok(res.statusCode === 401 || res.statusCode === 404, String(res.statusCode));
    assert.match(String(res.headers['content-type']), /application\/json/);
    assert.ok(res.json().error.code);
  });
});
