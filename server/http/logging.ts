// What the request log may hold. Respondent codes identify a person (a school has one director), so a
// respondent path is never written, and never together with the address; query strings (searches by
// name, logins) are not written for any route; errors are logged without the values of SQL parameters.
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';

/** `/s/<code>` (the answering page) and `/api/respond/<code>` (its API), with any suffix or query. */
const RESPONDENT_PATH = /^\/(?:s|api\/respond)(?:\/|$|\?)/i;

export function isRespondentPath(url: string): boolean {
  let path = url;
  try {
    path = decodeURI(url);
  } catch {
    // a malformed escape: judge the raw text
  }
  return RESPONDENT_PATH.test(path.replace(/\/{2,}/g, '/'));
}

/** The path as it may be logged: without the query string; a respondent path reduced to its prefix. */
export function loggedUrl(url: string): string {
  if (isRespondentPath(url)) return url.toLowerCase().startsWith('/api/') ? '/api/respond/…' : '/s/…';
  const q = url.indexOf('?');
  return q < 0 ? url : `${url.slice(0, q)}?…`;
}


/** The text of an error without what may carry personal data: drizzle appends the query's parameter values. */
export function loggedErrorMessage(message: string): string {
  const cut = message.search(/\n?params:/);
  const text = cut < 0 ? message : message.slice(0, cut);
  return text.replace(/\/(?:s|api\/respond)\/[^\s'"]+/gi, (m) => (m.toLowerCase().startsWith('/api/') ? '/api/respond/…' : '/s/…')).slice(0, 2000);
}

export const logSerializers = {
  req(request: FastifyRequest) {
    const url = request.url ?? '';
    const respondent = isRespondentPath(url);
    return {
      method: request.method,
      url: loggedUrl(url),
      // the address is kept for other routes (login throttling, incident analysis), never next to a code
      ...(respondent ? {} : { remoteAddress: request.ip }),
    };
  },
  err(error: FastifyError) {
    return {
      type: error.name,
      code: error.code,
      statusCode: error.statusCode,
      message: loggedErrorMessage(error.message ?? ''),
      stack: error.stack ? loggedErrorMessage(error.stack.split('\n').filter((line) => line.trimStart().startsWith('at ')).join('\n')) : '',
      ...(error.cause instanceof Error ? { cause: loggedErrorMessage(`${error.cause.name}: ${error.cause.message}`) } : {}),
    };
  },
};

// At `info` (the default LOG_LEVEL) only what an operator needs: the start, errors (5xx, logged by the error
// handler), requests slower than MEDK_SLOW_REQUEST_MS (default 1 s, as `warn`) and background jobs. Every request is
// one line at `debug`, with the path as it may be logged; Fastify's own two lines per request are off (app.ts).
export function registerRequestLog(app: FastifyInstance, slowMs: number): void {
  app.addHook('onResponse', async (request, reply) => {
    const ms = Math.round(reply.elapsedTime);
    // the address is kept for other routes (login throttling, incident analysis), never next to a respondent path
    const line = { method: request.method, url: loggedUrl(request.url), statusCode: reply.statusCode, ms, ...(isRespondentPath(request.url) ? {} : { remoteAddress: request.ip }) };
    if (ms >= slowMs) request.log.warn(line, 'slow request');
    else request.log.debug(line, 'request');
  });
}
