// Queries of a request whose client went away are cancelled (PostgreSQL only).
//
// Each request runs in an AsyncLocalStorage scope (registerQueryCancellation). The node-postgres pool is
// instrumented (trackPool) so that a connection taken from it inside a scope is remembered while it is checked
// out. When the response's connection closes before the answer was sent, every connection the request still
// holds gets `pg_cancel_backend(pid)` (sent over a short-lived connection of its own, so it works when the pool
// is exhausted), and the request's later queries fail at once instead of waiting for a free connection.
// The handler then ends with PostgreSQL's error 57014, which is logged at debug, not as a server error.
// PGlite runs queries inside this process and cannot interrupt them: there, nothing is cancelled.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import pg from 'pg';
import { loggedUrl } from '../http/logging.js';

interface Scope {
  clients: Set<pg.PoolClient>;
  aborted: boolean;
}

const storage = new AsyncLocalStorage<Scope>();
const abortedRequests = new WeakSet<FastifyRequest>();
const scopes = new WeakMap<FastifyRequest, Scope>();

export class RequestAbortedError extends Error {
  readonly code = '57014';
  constructor() {
    super('the client went away; query not started');
  }
}

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;

/** Remembers, per request scope, the connections checked out of this pool. */
export function trackPool(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool) as (cb?: ConnectCallback) => Promise<pg.PoolClient> | void;
  const track = (scope: Scope, client: pg.PoolClient) => {
    scope.clients.add(client);
    const release = client.release;
    client.release = (err?: Error | boolean) => {
      scope.clients.delete(client);
      client.release = release;
      return release.call(client, err);
    };
  };
  (pool as { connect: unknown }).connect = (cb?: ConnectCallback) => {
    const scope = storage.getStore();
    if (!scope) return connect(cb);
    if (scope.aborted) {
      const error = new RequestAbortedError();
      if (cb) return void process.nextTick(() => cb(error, undefined, () => {}));
      return Promise.reject(error);
    }
    if (cb) {
      return connect((err, client, done) => {
        if (client) track(scope, client);
        cb(err, client, done);
      });
    }
    return (connect() as Promise<pg.PoolClient>).then((client) => {
      track(scope, client);
      return client;
    });
  };
}

async function cancel(pool: pg.Pool, pids: number[]): Promise<void> {
  const client = new pg.Client(pool.options as pg.ClientConfig);
  try {
    await client.connect();
    await client.query('select pg_cancel_backend(pid) from unnest($1::int[]) as pid', [pids]);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Whether this request's failure comes from cancelling it after its client went away. */
export function wasAbandoned(request: FastifyRequest): boolean {
  return abortedRequests.has(request);
}

export function registerQueryCancellation(app: FastifyInstance, pool: pg.Pool | undefined): void {
  if (!pool) return;
  app.addHook('onRequest', (request, reply, done) => {
    const scope: Scope = { clients: new Set(), aborted: false };
    reply.raw.on('close', () => {
      if (reply.raw.writableFinished) return;
      scope.aborted = true;
      abortedRequests.add(request);
      const pids = [...scope.clients].map((c) => (c as unknown as { processID: number }).processID).filter(Boolean);
      request.log.debug({ method: request.method, url: loggedUrl(request.url), cancelled: pids.length }, 'client went away');
      if (pids.length) {
        storage.exit(() => cancel(pool, pids)).catch((error: unknown) => request.log.warn({ err: error }, 'could not cancel the queries of an abandoned request'));
      }
    });
    scopes.set(request, scope);
    storage.run(scope, done);
  });
  // entered again once the body is read: its stream events do not carry the scope of onRequest
  app.addHook('preValidation', (request, _reply, done) => {
    const scope = scopes.get(request);
    if (scope) storage.run(scope, done);
    else done();
  });
}
