// Runtime configuration from the environment. Every setting has a working default for `npm start`.
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Config {
  port: number;
  host: string;
  /** postgres://… — use PostgreSQL instead of the embedded database. */
  databaseUrl?: string;
  /** Data directory: embedded database (./data/db) and stored files. */
  dataDir: string;
  /** Take the client address from X-Forwarded-For (only behind a reverse proxy you control). */
  trustProxy: boolean;
  /** Send the session cookie only over HTTPS: SECURE_COOKIES, on by default when MEDK_PUBLIC_URL is https. */
  secureCookies: boolean;
  /** Load the demo dataset into an empty database on start. */
  demo: boolean;
  sessionHours: number;
  /** Failed logins of one account before a temporary lockout, and its length. */
  lockoutThreshold: number;
  lockoutMinutes: number;
  /** Login attempts allowed from one address per window. */
  loginRateLimit: number;
  loginRateWindowMinutes: number;
  /** Cost of argon2id hashing (memory in KiB). Lower only in tests. */
  argon2MemoryKib: number;
  /** Serve the built web UI from this folder when it exists. */
  webDist: string;
  logLevel: string;
  /** A response that does not match its route's schema fails (tests) instead of being logged and sent as it is. */
  strictResponses: boolean;
  /** A request slower than this is logged at warn (MEDK_SLOW_REQUEST_MS, default 1000); faster ones only at debug. */
  slowRequestMs: number;
  /** PostgreSQL statement_timeout of the connections serving requests, ms (MEDK_STATEMENT_TIMEOUT_MS, default 30000; 0 = none). */
  statementTimeoutMs: number;
  /** Largest uploaded school document, MB (MEDK_UPLOAD_MAX_MB). */
  uploadMaxMb: number;
  /** smtp://host:port (or smtps://user:password@host) — send notification mail; without it mail is kept in the outbox. */
  smtpUrl?: string;
  /** From address of notification mail (SMTP_FROM). */
  smtpFrom: string;
  /** Days before a document deadline to remind the school (NOTIFY_DAYS_BEFORE=7,1). */
  notifyDaysBefore: number[];
  /** A claimed job whose lock is older than this is taken again (the process died), minutes (JOB_LOCK_MINUTES). */
  jobLockMinutes: number;
  /** Public address of the UI for links in mail and credential sheets (MEDK_PUBLIC_URL), e.g. https://medk.example.ru. Required in production. */
  publicUrl: string;
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

function int(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) ? n : fallback;
}

/** A setting that must be a positive number: a wrong value stops the start with a clear message. */
function positive(name: string, n: number): number {
  if (!(n > 0)) throw new Error(`${name} должно быть положительным числом, а указано ${n}`);
  return n;
}

/** '7,1' → [7, 1]: whole non-negative days, largest first, no repeats. */
function days(name: string, value: string | undefined, fallback: number[]): number[] {
  if (value === undefined || value.trim() === '') return fallback;
  const list = value.split(',').map((v) => Number(v.trim()));
  if (list.some((n) => !Number.isInteger(n) || n < 0)) throw new Error(`${name} должно быть списком целых чисел дней через запятую, а указано «${value}»`);
  return [...new Set(list)].sort((a, b) => b - a);
}

/** dist/web next to the code: <repo>/dist/web for the sources (tsx) and for the build (dist/server/config.js). */
function defaultWebDist(): string {
  const up = fileURLToPath(new URL('..', import.meta.url));
  return basename(up) === 'dist' ? join(up, 'web') : join(up, 'dist', 'web');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const publicUrl = (env.MEDK_PUBLIC_URL ?? '').trim().replace(/\/+$/, '');
  return {
    port: int(env.PORT, 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.MEDK_DATA_DIR ?? env.DATA_DIR ?? './data'),
    trustProxy: bool(env.TRUST_PROXY, false),
    secureCookies: bool(env.SECURE_COOKIES, publicUrl.toLowerCase().startsWith('https://')),
    demo: bool(env.MEDK_DEMO, true),
    sessionHours: int(env.SESSION_HOURS, 12),
    lockoutThreshold: int(env.LOCKOUT_THRESHOLD, 5),
    lockoutMinutes: int(env.LOCKOUT_MINUTES, 15),
    loginRateLimit: int(env.LOGIN_RATE_LIMIT, 30),
    loginRateWindowMinutes: int(env.LOGIN_RATE_WINDOW_MINUTES, 15),
    argon2MemoryKib: int(env.ARGON2_MEMORY_KIB, 19456),
    webDist: env.MEDK_WEB_DIST ? resolve(env.MEDK_WEB_DIST) : defaultWebDist(),
    logLevel: env.LOG_LEVEL ?? 'info',
    strictResponses: bool(env.MEDK_STRICT_RESPONSES, false),
    slowRequestMs: positive('MEDK_SLOW_REQUEST_MS', int(env.MEDK_SLOW_REQUEST_MS, 1000)),
    statementTimeoutMs: int(env.MEDK_STATEMENT_TIMEOUT_MS, 30_000),
    uploadMaxMb: positive('MEDK_UPLOAD_MAX_MB', int(env.MEDK_UPLOAD_MAX_MB, 20)),
    smtpUrl: env.SMTP_URL || undefined,
    smtpFrom: env.SMTP_FROM || 'MEDK <medk@localhost>',
    notifyDaysBefore: days('NOTIFY_DAYS_BEFORE', env.NOTIFY_DAYS_BEFORE, [7, 1]),
    jobLockMinutes: positive('JOB_LOCK_MINUTES', int(env.JOB_LOCK_MINUTES, 10)),
    publicUrl,
  };
}
