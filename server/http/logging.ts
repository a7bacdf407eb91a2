// What the server logs. At `info` (the default LOG_LEVEL) only what an operator needs: the start, errors
// (5xx, logged by the error handler), requests slower than MEDK_SLOW_REQUEST_MS (default 1 s, as `warn`) and
// background jobs. Every request is one line at `debug` (LOG_LEVEL=debug); Fastify's own two lines per request
// are turned off (`logController` in app.ts).
import type { FastifyInstance } from 'fastify';

export function registerRequestLog(app: FastifyInstance, slowMs: number): void {
  app.addHook('onResponse', async (request, reply) => {
    const ms = Math.round(reply.elapsedTime);
    const line = { method: request.method, url: request.url, statusCode: reply.statusCode, ms };
    if (ms >= slowMs) request.log.warn(line, 'slow request');
    else request.log.debug(line, 'request');
  });
}
