// medk migrate / medk doctor: apply migrations; check an installation and say what to fix.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { DEMO_PASSWORD } from '../demo/seed.js';
import { createHasher } from '../modules/auth/passwords.js';
import { findUserByLogin } from '../modules/auth/queries.js';
import { createMailer } from '../modules/notifications/mailer.js';
import { CliError, formatCount, type Command, type Io } from './cli.js';
import { filesDir, listFiles } from './backup.js';
import { appliedMigrations, availableMigrations, cliConfig, describeDatabase, migrateDatabase, openCliDatabase, rowsOf, withDatabase, type CliDatabase } from './database.js';

const migrateCommand: Command = {
  name: 'migrate',
  summary: ['применить новые миграции базы данных (только вперёд)', 'apply new database migrations (forward only)'],
  usage: '',
  notes: [
    [
      'Сервер тоже применяет миграции при запуске; команда нужна, чтобы обновить схему заранее (например, перед запуском нескольких процессов).',
      'The server also migrates on start; the command updates the schema beforehand (e.g. before starting several processes).',
    ],
  ],
  async run(io) {
    return withDatabase(io, {}, async (database) => {
      const before = await appliedMigrations(database.db);
      const available = availableMigrations();
      const known = new Set(available.map((m) => m.when));
      const unknown = before.filter((m) => !known.has(m.when));
      if (unknown.length) {
        throw new CliError(
          io.t(
            `В базе применены миграции, которых нет в этой версии МЭДК (${unknown.length}): база обновлена более новой версией. Обновите МЭДК.`,
            `The database has migrations this MEDK version does not know (${unknown.length}): it was upgraded by a newer version. Upgrade MEDK.`,
          ),
        );
      }
      await migrateDatabase(database);
      const after = new Set((await appliedMigrations(database.db)).map((m) => m.when));
      const applied = available.filter((m) => after.has(m.when) && !before.some((b) => b.when === m.when));
      io.out(`${io.t('База данных', 'Database')}: ${describeDatabase(io, database.config)}`);
      if (applied.length) {
        io.out(io.t(`Применены миграции (${applied.length}):`, `Applied migrations (${applied.length}):`));
        for (const m of applied) io.out(`  ${m.tag}`);
      } else {
        io.out(io.t('Схема уже актуальна: новых миграций нет.', 'The schema is up to date: no new migrations.'));
      }
      io.out(io.t(`Всего применено: ${after.size} из ${available.length}`, `Applied in total: ${after.size} of ${available.length}`));
      return 0;
    });
  },
};

type Status = 'ok' | 'warn' | 'fail' | 'info';

interface Check {
  status: Status;
  title: string;
  detail: string;
  advice?: string;
}

const MARK: Record<Status, string> = { ok: '[ ok ]', warn: '[ !! ]', fail: '[FAIL]', info: '[ -- ]' };

async function checkWritable(dir: string): Promise<string | null> {
  try {
    await mkdir(dir, { recursive: true });
    const probe = join(dir, `.medk-doctor-${randomBytes(4).toString('hex')}`);
    await writeFile(probe, 'ok');
    await rm(probe);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

function envIntProblems(io: Io): string[] {
  const names = ['PORT', 'SESSION_HOURS', 'LOCKOUT_THRESHOLD', 'LOCKOUT_MINUTES', 'LOGIN_RATE_LIMIT', 'LOGIN_RATE_WINDOW_MINUTES', 'ARGON2_MEMORY_KIB', 'DB_POOL_SIZE', 'MEDK_UPLOAD_MAX_MB'];
  return names.filter((n) => {
    const v = io.env[n];
    return v !== undefined && v !== '' && !(Number.isFinite(Number(v)) && Number(v) > 0);
  });
}

async function databaseChecks(io: Io, database: CliDatabase, checks: Check[]): Promise<void> {
  const [version] = await rowsOf<{ v: string }>(database.db, sql`select current_setting('server_version') as v`);
  checks.push({ status: 'ok', title: io.t('Подключение к базе данных', 'Database connection'), detail: `${describeDatabase(io, database.config)}; PostgreSQL ${version?.v ?? '?'}` });

  const applied = await appliedMigrations(database.db);
  const available = availableMigrations();
  const known = new Set(available.map((m) => m.when));
  const appliedSet = new Set(applied.map((m) => m.when));
  const pending = available.filter((m) => !appliedSet.has(m.when));
  const unknown = applied.filter((m) => !known.has(m.when));
  const changed = applied.filter((a) => {
    const local = available.find((m) => m.when === a.when);
    return local && local.hash !== a.hash;
  });
  if (unknown.length) {
    checks.push({
      status: 'fail',
      title: io.t('Миграции', 'Migrations'),
      detail: io.t(`в базе ${unknown.length} миграций, неизвестных этой версии`, `${unknown.length} migrations in the database are unknown to this version`),
      advice: io.t('База обновлена более новой версией МЭДК: обновите приложение на этом сервере.', 'A newer MEDK upgraded this database: upgrade the application here.'),
    });
  } else if (pending.length) {
    checks.push({
      status: applied.length === 0 ? 'warn' : 'fail',
      title: io.t('Миграции', 'Migrations'),
      detail: io.t(`применено ${applied.length} из ${available.length}; ожидают: ${pending.map((m) => m.tag).join(', ')}`, `${applied.length} of ${available.length} applied; pending: ${pending.map((m) => m.tag).join(', ')}`),
      advice: io.t('Выполните «medk migrate» (или запустите сервер — он применит миграции сам).', 'Run «medk migrate» (or start the server — it migrates on start).'),
    });
  } else {
    checks.push({ status: 'ok', title: io.t('Миграции', 'Migrations'), detail: io.t(`применены все (${available.length})`, `all applied (${available.length})`) });
  }
  if (changed.length) {
    checks.push({
      status: 'warn',
      title: io.t('Файлы миграций', 'Migration files'),
      detail: io.t(`изменены после применения: ${changed.length}`, `changed after being applied: ${changed.length}`),
      advice: io.t('Миграции только добавляются, применённые не редактируют: верните исходные файлы.', 'Migrations are append-only: restore the original files.'),
    });
  }
  if (pending.length || unknown.length || applied.length === 0) return;

  const [admins] = await rowsOf<{ n: string }>(database.db, sql`select count(*)::text as n from users where role = 'admin' and active`);
  const [accounts] = await rowsOf<{ n: string }>(database.db, sql`select count(*)::text as n from users`);
  if (Number(admins?.n ?? 0) === 0) {
    checks.push({
      status: 'warn',
      title: io.t('Администратор', 'Administrator'),
      detail: io.t('нет ни одной активной учётной записи администратора', 'no active administrator account'),
      advice: io.t('Создайте: medk users create --role admin --name "ФИО" --login admin', 'Create one: medk users create --role admin --name "Full Name" --login admin'),
    });
  } else {
    checks.push({ status: 'ok', title: io.t('Учётные записи', 'Accounts'), detail: io.t(`всего ${formatCount(io, Number(accounts?.n ?? 0))}, администраторов ${admins?.n}`, `${formatCount(io, Number(accounts?.n ?? 0))} in total, ${admins?.n} administrators`) });
  }
  const admin = await findUserByLogin(database.db, 'admin');
  if (admin?.active && (await createHasher(database.config.argon2MemoryKib).verify(admin.passwordHash, DEMO_PASSWORD))) {
    checks.push({
      status: database.kind === 'postgres' ? 'fail' : 'warn',
      title: io.t('Демо-пароли', 'Demo passwords'),
      detail: io.t(`у учётной записи admin демо-пароль ${DEMO_PASSWORD}`, `account admin has the demo password ${DEMO_PASSWORD}`),
      advice: io.t('В рабочей системе не загружайте демо-данные (MEDK_DEMO=false) и смените пароль: medk users reset-password admin --as <другой администратор>.', 'In production do not load demo data (MEDK_DEMO=false) and change the password.'),
    });
  }

  const [stored] = await rowsOf<{ n: string }>(database.db, sql`select count(*)::text as n from stored_files`).catch(() => [{ n: '0' }]);
  const root = filesDir(database.config.dataDir);
  const files = await listFiles(root);
  const problem = existsSync(root) ? await checkWritable(root) : null;
  if (problem) {
    checks.push({ status: 'fail', title: io.t('Хранилище файлов', 'File storage'), detail: `${root}: ${problem}`, advice: io.t('Дайте процессу МЭДК права на запись в эту папку.', 'Give the MEDK process write access to this folder.') });
  } else if (Number(stored?.n ?? 0) > 0 && files.length === 0) {
    checks.push({
      status: 'fail',
      title: io.t('Хранилище файлов', 'File storage'),
      detail: io.t(`в базе ${stored?.n} записей о файлах, а папка ${root} пуста`, `${stored?.n} file records in the database but ${root} is empty`),
      advice: io.t('Проверьте MEDK_DATA_DIR: он должен указывать на ту же папку, что у сервера; при переносе восстановите файлы из резервной копии.', 'Check MEDK_DATA_DIR points at the server’s folder; after a move, restore the files from a backup.'),
    });
  } else {
    checks.push({
      status: 'ok',
      title: io.t('Хранилище файлов', 'File storage'),
      detail: existsSync(root)
        ? io.t(`${root}: файлов ${files.length}, записей в базе ${stored?.n ?? 0}`, `${root}: ${files.length} files, ${stored?.n ?? 0} records in the database`)
        : io.t(`${root} ещё не создана (появится при первой загрузке файла)`, `${root} not created yet (appears with the first upload)`),
    });
  }
}

export async function runDoctor(io: Io): Promise<Check[]> {
  const config = cliConfig(io);
  const checks: Check[] = [];

  // Configuration
  const badInts = envIntProblems(io);
  checks.push(
    badInts.length
      ? {
          status: 'fail',
          title: io.t('Настройки', 'Configuration'),
          detail: io.t(`не числа: ${badInts.join(', ')} (используются значения по умолчанию)`, `not numbers: ${badInts.join(', ')} (defaults are used)`),
          advice: io.t('Исправьте эти переменные окружения: нужны положительные целые числа.', 'Fix these environment variables: positive integers are expected.'),
        }
      : {
          status: 'ok',
          title: io.t('Настройки', 'Configuration'),
          detail: `PORT=${config.port}, MEDK_DATA_DIR=${config.dataDir}, ${config.databaseUrl ? 'DATABASE_URL' : io.t('встроенная база', 'embedded database')}, MEDK_DEMO=${config.demo}`,
        },
  );
  if (config.databaseUrl && config.demo) {
    checks.push({
      status: 'warn',
      title: 'MEDK_DEMO',
      detail: io.t('включена загрузка демо-данных в пустую базу PostgreSQL', 'demo data would be loaded into an empty PostgreSQL database'),
      advice: io.t('В рабочей системе задайте MEDK_DEMO=false.', 'Set MEDK_DEMO=false in production.'),
    });
  }
  if (config.trustProxy && !config.secureCookies) {
    checks.push({
      status: 'warn',
      title: io.t('HTTPS', 'HTTPS'),
      detail: io.t('TRUST_PROXY=true, но SECURE_COOKIES=false', 'TRUST_PROXY=true but SECURE_COOKIES=false'),
      advice: io.t('За прокси с TLS задайте SECURE_COOKIES=true, чтобы cookie сеанса уходила только по HTTPS.', 'Behind a TLS proxy set SECURE_COOKIES=true so the session cookie travels over HTTPS only.'),
    });
  }
  if (!config.publicUrl && (!config.demo || process.env.NODE_ENV === 'production')) {
    checks.push({
      status: 'warn',
      title: 'MEDK_PUBLIC_URL',
      detail: io.t('не задан: адрес для входа в листах с паролями и ссылки в письмах не указывают на вашу установку', 'not set: the sign-in address on credential sheets and links in mail do not point at your installation'),
      advice: io.t('Задайте публичный адрес интерфейса, например MEDK_PUBLIC_URL=https://medk.example.ru (при https cookie сеанса получает флаг Secure автоматически).', 'Set the public address of the UI, e.g. MEDK_PUBLIC_URL=https://medk.example.ru (with https the session cookie gets the Secure flag automatically).'),
    });
  }
  if (config.argon2MemoryKib < 19456) {
    checks.push({
      status: 'warn',
      title: 'ARGON2_MEMORY_KIB',
      detail: io.t(`${config.argon2MemoryKib} КиБ — меньше рекомендуемых 19456`, `${config.argon2MemoryKib} KiB — below the recommended 19456`),
      advice: io.t('Уменьшать стоимость хеширования можно только в тестах.', 'Lower the hashing cost in tests only.'),
    });
  }

  // Data directory
  const writable = await checkWritable(config.dataDir);
  checks.push(
    writable
      ? { status: 'fail', title: io.t('Папка данных', 'Data folder'), detail: `${config.dataDir}: ${writable}`, advice: io.t('Создайте папку и дайте процессу МЭДК право записи (MEDK_DATA_DIR).', 'Create the folder and give the MEDK process write access (MEDK_DATA_DIR).') }
      : { status: 'ok', title: io.t('Папка данных', 'Data folder'), detail: io.t(`${config.dataDir} доступна для записи`, `${config.dataDir} is writable`) },
  );

  // Database
  let database: CliDatabase | undefined;
  try {
    database = await openCliDatabase(io);
    await databaseChecks(io, database, checks);
  } catch (error) {
    const e = error as CliError;
    checks.push({
      status: 'fail',
      title: io.t('База данных', 'Database'),
      detail: e.message,
      advice: e instanceof CliError ? e.details.join(' ') : undefined,
    });
  } finally {
    await database?.close();
  }

  // Web UI build
  const index = join(config.webDist, 'index.html');
  checks.push(
    existsSync(index)
      ? { status: 'ok', title: io.t('Веб-интерфейс', 'Web UI'), detail: io.t(`сборка найдена: ${config.webDist}`, `build found: ${config.webDist}`) }
      : {
          status: 'fail',
          title: io.t('Веб-интерфейс', 'Web UI'),
          detail: io.t(`нет сборки ${index}: сервер будет отдавать только API`, `no build at ${index}: the server would serve the API only`),
          advice: io.t('Соберите интерфейс: npm run build:web (или задайте MEDK_WEB_DIST).', 'Build the UI: npm run build:web (or set MEDK_WEB_DIST).'),
        },
  );

  // Mail
  const mailer = createMailer(config);
  if (!mailer) {
    checks.push({
      status: 'info',
      title: io.t('Почта (SMTP)', 'Mail (SMTP)'),
      detail: io.t('SMTP_URL не задан: письма-уведомления сохраняются в исходящих', 'SMTP_URL is not set: notification mail is kept in the outbox'),
      advice: io.t('Администратор видит их на странице «Исходящие письма»; чтобы отправлять, задайте SMTP_URL и SMTP_FROM.', 'The administrator sees them on the Outbox page; set SMTP_URL and SMTP_FROM to send.'),
    });
  } else {
    const host = new URL(config.smtpUrl as string).host;
    try {
      await Promise.race([mailer.verify(), new Promise((_, reject) => setTimeout(() => reject(new Error(io.t('нет ответа за 10 с', 'no answer in 10 s'))), 10_000).unref())]);
      checks.push({ status: 'ok', title: io.t('Почта (SMTP)', 'Mail (SMTP)'), detail: io.t(`сервер ${host} принимает подключение`, `server ${host} accepts the connection`) });
    } catch (error) {
      checks.push({
        status: 'fail',
        title: io.t('Почта (SMTP)', 'Mail (SMTP)'),
        detail: io.t(`сервер ${host} недоступен: ${(error as Error).message}`, `server ${host} is not reachable: ${(error as Error).message}`),
        advice: io.t('Проверьте SMTP_URL (адрес, порт, логин и пароль); пока почта не уходит, письма ждут в очереди и повторяются.', 'Check SMTP_URL (host, port, user and password); meanwhile mail waits in the queue and is retried.'),
      });
    } finally {
      mailer.close();
    }
  }
  checks.push({
    status: 'info',
    title: io.t('Хранилище S3', 'S3 storage'),
    detail: io.t('запланировано; сейчас файлы хранятся на диске в MEDK_DATA_DIR/files', 'planned; files are kept on disk in MEDK_DATA_DIR/files for now'),
  });
  return checks;
}

const doctor: Command = {
  name: 'doctor',
  summary: ['проверить установку: настройки, базу, миграции, папки, сборку интерфейса', 'check the installation: settings, database, migrations, folders, UI build'],
  usage: '[--json]',
  options: { json: { type: 'boolean' } },
  optionHelp: [['--json', 'результаты проверок в JSON', 'check results as JSON']],
  notes: [['Код выхода 1, если найдена хотя бы одна ошибка [FAIL]; предупреждения [ !! ] на код выхода не влияют.', 'Exit code 1 when any check fails [FAIL]; warnings [ !! ] do not change the exit code.']],
  async run(io, { values }) {
    const checks = await runDoctor(io);
    const failed = checks.filter((c) => c.status === 'fail').length;
    const warned = checks.filter((c) => c.status === 'warn').length;
    if (values.json) {
      io.out(JSON.stringify({ ok: failed === 0, checks }, null, 2));
    } else {
      for (const c of checks) {
        io.out(`${MARK[c.status]} ${c.title}: ${c.detail}`);
        if (c.advice && c.status !== 'ok') io.out(`       → ${c.advice}`);
      }
      io.out('');
      io.out(
        failed
          ? io.t(`Найдены проблемы: ${failed}, предупреждений: ${warned}.`, `Problems found: ${failed}, warnings: ${warned}.`)
          : io.t(`Всё в порядке${warned ? ` (предупреждений: ${warned})` : ''}.`, `All good${warned ? ` (warnings: ${warned})` : ''}.`),
      );
    }
    return failed ? 1 : 0;
  },
};

export const opsCommands: Command[] = [migrateCommand, doctor];

