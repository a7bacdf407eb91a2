// medk demo / medk synth: load the demo dataset or a synthetic national dataset into an empty database.
import { join } from 'node:path';
import { analyzeDatabase } from '../db/analyze.js';
import { formatAccounts, seedDemo } from '../demo/seed.js';
import { createHasher } from '../modules/auth/passwords.js';
import { createFileStorage } from '../storage/index.js';
import { CliError, formatBytes, formatCount, intOption, stringOption, UsageError, type Command, type Io } from './cli.js';
import { isDatabaseEmpty, withDatabase, type CliDatabase } from './database.js';
import { databaseSize, synthesize, timingTable } from './synth.js';

async function requireEmpty(io: Io, database: CliDatabase): Promise<void> {
  if (!(await isDatabaseEmpty(database.db))) {
    throw new CliError(io.t('База данных не пустая: набор данных загружается только в пустую базу', 'The database is not empty: datasets load only into an empty database'), [
      io.t(
        'Укажите другую папку данных (MEDK_DATA_DIR) или новую базу PostgreSQL (DATABASE_URL).',
        'Point MEDK_DATA_DIR at another folder or DATABASE_URL at a new PostgreSQL database.',
      ),
    ]);
  }
}

const demo: Command = {
  name: 'demo',
  summary: ['загрузить демо-набор данных (Орловская область) в пустую базу', 'load the demo dataset (Oryol region) into an empty database'],
  usage: '',
  notes: [
    [
      'Тот же набор, что сервер загружает при первом запуске с MEDK_DEMO=true. Пароль всех демо-учётных записей — medk-demo-2026: не используйте демо-данные в рабочей системе.',
      'The same dataset the server loads on first start with MEDK_DEMO=true. All demo accounts use the password medk-demo-2026: never use demo data in production.',
    ],
  ],
  async run(io) {
    return withDatabase(io, { migrate: true }, async (database) => {
      await requireEmpty(io, database);
      const accounts = await seedDemo(database.db, createHasher(database.config.argon2MemoryKib), { surveys: true });
      io.out(io.t('Загружен демо-набор данных.', 'Demo dataset loaded.'));
      io.out(formatAccounts(accounts));
      return 0;
    });
  },
};

export const SYNTH_PASSWORD = 'synth12345';

const synth: Command = {
  name: 'synth',
  summary: [
    'создать воспроизводимый синтетический набор данных масштаба страны (для нагрузочных тестов)',
    'create a reproducible national-scale synthetic dataset (for load tests)',
  ],
  usage: '[--regions 85] [--municipalities 2500] [--schools 40000] [--seed N] [--answers [--respondents 5]]',
  options: {
    regions: { type: 'string' },
    municipalities: { type: 'string' },
    schools: { type: 'string' },
    seed: { type: 'string' },
    cycle: { type: 'string' },
    selected: { type: 'string' },
    'per-curator': { type: 'string' },
    'no-roadmaps': { type: 'boolean' },
    answers: { type: 'boolean' },
    respondents: { type: 'string' },
    password: { type: 'string' },
  },
  optionHelp: [
    ['--regions N', 'регионов (по умолчанию 85 — субъекты РФ)', 'regions (default 85 — the subjects of the Russian Federation)'],
    ['--municipalities N', 'муниципалитетов (по умолчанию 2500)', 'municipalities (default 2500)'],
    ['--schools N', 'школ (по умолчанию 40000)', 'schools (default 40000)'],
    ['--seed N', 'зерно генератора: одно зерно — одни и те же данные (по умолчанию 1)', 'generator seed: the same seed gives the same data (default 1)'],
    ['--cycle YEAR', 'год проекта (по умолчанию текущий)', 'project year (default: the current year)'],
    ['--selected P', 'доля школ, отобранных в проект, % (по умолчанию 12)', 'share of schools selected into the project, % (default 12)'],
    ['--per-curator N', 'школ на одного куратора (по умолчанию 3)', 'schools per curator (default 3)'],
    ['--no-roadmaps', 'без дорожных карт', 'no roadmaps'],
    [
      '--answers',
      'анкетирование года: кампания в каждом регионе, коды респондентов, ответы, рисковые профили (часть подтверждена, направления активированы), посещения кураторов, документы школ',
      "the questionnaire year: a campaign per region, respondent codes, answers, risk profiles (some verified, directions activated), curator visits, school documents",
    ],
    [
      '--respondents N',
      'с --answers: ответов на школу от учителей, учеников 6 и 9 классов и родителей (каждой группы; по умолчанию 5, директор — 1)',
      "with --answers: answers per school from teachers, grade 6 and 9 students and parents (each group; default 5, the director 1)",
    ],
    ['--password P', `пароль всех учётных записей (по умолчанию ${SYNTH_PASSWORD})`, `password of every account (default ${SYNTH_PASSWORD})`],
  ],
  notes: [
    [
      'Учётные записи: admin, fed, expert, region<код> (региональные координаторы), mo-<код> (муниципальные), curator-<код региона>-NNN, school-<код школы> (школы, отобранные в проект). ' +
        'Все — с одним заранее вычисленным хешем пароля. Только в пустую базу.',
      'Accounts: admin, fed, expert, region<code> (regional coordinators), mo-<code> (municipal), curator-<region code>-NNN, school-<school code> (schools selected into the project). ' +
        'All share one precomputed password hash. Empty databases only.',
    ],
  ],
  async run(io, { values }) {
    const options = {
      regions: intOption(io, values, 'regions', 85, 1, 1000),
      municipalities: intOption(io, values, 'municipalities', 2500, 0, 100_000),
      schools: intOption(io, values, 'schools', 40_000, 0, 1_000_000),
      seed: intOption(io, values, 'seed', 1, 0, 2 ** 32 - 1),
      year: intOption(io, values, 'cycle', new Date().getFullYear(), 2000, 2100),
      selectedPercent: intOption(io, values, 'selected', 12, 0, 100),
      schoolsPerCurator: intOption(io, values, 'per-curator', 3, 1, 1000),
      roadmaps: !values['no-roadmaps'],
      answers: Boolean(values.answers),
      respondents: intOption(io, values, 'respondents', 5, 0, 1000),
    };
    if (options.schools > 0 && options.municipalities === 0) {
      throw new CliError(io.t('Школы должны относиться к муниципалитетам: задайте --municipalities', 'Schools belong to municipalities: set --municipalities'));
    }
    if (values.respondents !== undefined && !values.answers) throw new UsageError(io.t('--respondents задаётся вместе с --answers', '--respondents goes with --answers'));
    const password = stringOption(values, 'password') ?? SYNTH_PASSWORD;
    return withDatabase(io, { migrate: true }, async (database) => {
      await requireEmpty(io, database);
      const hashStarted = Date.now();
      const passwordHash = await createHasher(database.config.argon2MemoryKib).hash(password);
      io.err(io.t(`Хеш пароля вычислен за ${Date.now() - hashStarted} мс (один на все учётные записи)`, `Password hash computed in ${Date.now() - hashStarted} ms (one for all accounts)`));
      const storage = options.answers ? createFileStorage(database.config.dataDir) : undefined;
      const result = await synthesize(io, database.db, passwordHash, { ...options, storage });
      // planner statistics for the new data (PGlite never analyses by itself, autovacuum comes later)
      const analyzeMs = await analyzeDatabase(database.db);
      io.err(io.t(`ANALYZE: ${analyzeMs} мс`, `ANALYZE: ${analyzeMs} ms`));
      const size = await databaseSize(database.db);
      const c = result.counts;
      io.out(
        io.t(
          `Синтетический набор (зерно ${options.seed}, год ${options.year}): регионов ${formatCount(io, c.regions ?? 0)}, муниципалитетов ${formatCount(io, c.municipalities ?? 0)}, ` +
            `школ ${formatCount(io, c.schools ?? 0)} (в проекте ${formatCount(io, c.selectedSchools ?? 0)}), учётных записей ${formatCount(io, c.users ?? 0)} ` +
            `(кураторов ${formatCount(io, c.curators ?? 0)}), назначений кураторов ${formatCount(io, c.curatorAssignments ?? 0)}, ` +
            `дорожных карт ${formatCount(io, c.roadmaps ?? 0)} (мероприятий ${formatCount(io, c.roadmapItems ?? 0)})`,
          `Synthetic dataset (seed ${options.seed}, year ${options.year}): ${formatCount(io, c.regions ?? 0)} regions, ${formatCount(io, c.municipalities ?? 0)} municipalities, ` +
            `${formatCount(io, c.schools ?? 0)} schools (${formatCount(io, c.selectedSchools ?? 0)} in the project), ${formatCount(io, c.users ?? 0)} accounts ` +
            `(${formatCount(io, c.curators ?? 0)} curators), ${formatCount(io, c.curatorAssignments ?? 0)} curator assignments, ` +
            `${formatCount(io, c.roadmaps ?? 0)} roadmaps (${formatCount(io, c.roadmapItems ?? 0)} items)`,
        ),
      );
      if (options.answers) {
        io.out(
          io.t(
            `Анкетирование: кампаний ${formatCount(io, c.survey_campaigns ?? 0)}, кодов респондентов ${formatCount(io, c.respondent_links ?? 0)}, ответов ${formatCount(io, c.survey_responses ?? 0)}, ` +
              `рисковых профилей ${formatCount(io, c.risk_profiles ?? 0)} (подтверждено ${formatCount(io, c.verifiedProfiles ?? 0)}, оспорено ${formatCount(io, c.disputedProfiles ?? 0)}), ` +
              `активированных направлений ${formatCount(io, c.risk_directions ?? 0)}, посещений кураторов ${formatCount(io, c.curator_visits ?? 0)}, ` +
              `документов школ ${formatCount(io, c.school_documents ?? 0)} (версий ${formatCount(io, c.document_versions ?? 0)}, файлов ${formatCount(io, c.stored_files ?? 0)})`,
            `Questionnaires: ${formatCount(io, c.survey_campaigns ?? 0)} campaigns, ${formatCount(io, c.respondent_links ?? 0)} respondent codes, ${formatCount(io, c.survey_responses ?? 0)} answers, ` +
              `${formatCount(io, c.risk_profiles ?? 0)} risk profiles (${formatCount(io, c.verifiedProfiles ?? 0)} verified, ${formatCount(io, c.disputedProfiles ?? 0)} disputed), ` +
              `${formatCount(io, c.risk_directions ?? 0)} activated directions, ${formatCount(io, c.curator_visits ?? 0)} curator visits, ` +
              `${formatCount(io, c.school_documents ?? 0)} school documents (${formatCount(io, c.document_versions ?? 0)} versions, ${formatCount(io, c.stored_files ?? 0)} files)`,
          ),
        );
      }
      io.out(`${io.t('Время загрузки', 'Load time')}:\n${timingTable(io, result)}`);
      if (size !== null) {
        io.out(
          `${io.t('Размер базы данных', 'Database size')}: ${formatBytes(size)}${database.pgliteDir ? ` (${join(database.pgliteDir)})` : ''}`,
        );
      }
      io.out(io.t(`Пароль всех учётных записей: ${password}`, `Password of every account: ${password}`));
      return 0;
    });
  },
};

export const dataCommands: Command[] = [demo, synth];
