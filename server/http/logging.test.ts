// At info the log has the slow request only; at debug every request has one line.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import Fastify, { LogController } from 'fastify';
import { registerRequestLog } from './logging.js';

async function linesAt(level: string): Promise<{ msg: string; url?: string; level: number }[]> {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const app = Fastify({ logger: { level, stream }, logController: new LogController({ disableRequestLogging: true }) });
  registerRequestLog(app, 100);
  app.get('/fast', async () => ({ ok: true }));
  app.get('/slow', async () => {
    await new Promise((r) => setTimeout(r, 150));
    return { ok: true };
  });
  await app.ready();
  for (const url of ['/fast', '/fast', '/slow']) assert.equal((await app.inject({ url })).statusCode, 200);
  await app.close();
  return lines.map((l) => JSON.parse(l) as { msg: string; url?: string; level: number });
}

describe('request log', () => {
  it('at info: only the slow request, as a warning', async () => {
    const lines = await linesAt('info');
    assert.deepEqual(
      lines.filter((l) => l.url).map((l) => [l.msg, l.url, l.level]),
      [['slow request', '/slow', 40]],
    );
  });

  it('at debug: one line per request', async () => {
    const lines = await linesAt('debug');
    assert.deepEqual(
      lines.filter((l) => l.url).map((l) => [l.msg, l.url]),
      [
        ['request', '/fast'],
        ['request', '/fast'],
        ['slow request', '/slow'],
      ],
    );
  });
});
