// Entry point for `npm start`: open the database, migrate, load the demo on first start, serve.
import { join } from 'node:path';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { migrate } from './db/migrate.js';
import { formatAccounts, isEmpty, seedDemo } from './demo/seed.js';
import { createWorker } from './jobs/worker.js';
import { acquireDataLock, DataLockError } from './db/lock.js';

function takeDataLock(dir: string) {
  try {
    return acquireDataLock(dir, 'server');
  } catch (error) {
    if (!(error instanceof DataLockError)) throw error;
    console.error(`MEDK не запущен. ${error.message}`);
    process.exit(1);
  }
}

const config = loadConfig();
// one process per embedded database folder, checked before it is opened, migrated or jobs start
const lock = config.databaseUrl ? undefined : takeDataLock(join(config.dataDir, 'db'));
// requests run on connections with a statement timeout (MEDK_STATEMENT_TIMEOUT_MS); on PostgreSQL, migrations and
// background jobs get a small pool of their own without one (a report or a scan may legitimately take longer)
const database = await openDatabase({ url: config.databaseUrl, dataDir: join(config.dataDir, 'db'), statementTimeoutMs: config.statementTimeoutMs });
const background =
  database.kind === 'postgres' && config.statementTimeoutMs > 0
    ? await openDatabase({ url: config.databaseUrl, statementTimeoutMs: 0, poolSize: 3 })
    : database;
await migrate(background);
const { app, services } = await buildApp({ database, config });

if (config.demo && (await isEmpty(database.db))) {
  const accounts = await seedDemo(database.db, services.hasher, { surveys: true });
  console.log(`\nЗагружен демо-набор данных.\n${formatAccounts(accounts)}\n`);
}

// background jobs (notifications, mail, the daily deadline scan); any number of processes may run one
const worker = createWorker(background.db, config, {
  log: (message) => app.log.error(message),
  info: (message) => app.log.info(message),
  embedded: database.kind === 'pglite',
});
await worker.start();

const shutdown = async () => {
  await worker.stop();
  await app.close();
  if (background !== database) await background.close();
  await database.close();
  lock?.release();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

await app.listen({ port: config.port, host: config.host });
console.log(`MEDK: http://localhost:${config.port} (база данных: ${database.kind === 'pglite' ? `встроенная, ${join(config.dataDir, 'db')}` : 'PostgreSQL'})`);
