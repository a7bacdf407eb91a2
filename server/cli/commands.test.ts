// Every database command of `medk`, run as subprocesses against one throw-away target (an embedded database
// in a temporary data folder, or a fresh PostgreSQL database with TEST_DATABASE_URL): migrate, doctor, demo,
// territories import/export, users create/credentials/reset-password, roadmap import/export, and synth --answers
// (twice with one seed, into targets of their own, to show it is reproducible row for row).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { SMTPServer } from 'smtp-server';
import { parseRoadmapDocument, toJson } from '../../domain/roadmaps/index.js';
import { rowsOf } from './database.js';
import { fixturePath, inParallel, medk, onPostgres, show, snapshot, Targets, type Run, type Target } from './test-support.js';

/** Tables `synth --answers` fills. */
const ANSWER_TABLES = [
  'survey_campaigns',
  'campaign_schools',
  'respondent_links',
  'survey_responses',
  'risk_profiles',
  'risk_directions',
  'curator_visits',
  'stored_files',
  'school_documents',
  'document_versions',
  'document_events',
];

interface ParsedJson {
  document: { number: string | null; year: number | null };
  items: { number: string | null; title: string }[];
}

async function sheetRows(file: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  assert.ok(sheet, `${file}: a worksheet`);
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return rows;
}

const HEADER = 'Код региона;Регион;Код муниципалитета;Муниципалитет;Код школы;Полное наименование школы;Краткое наименование школы;Адрес;Местность (город/село)';

describe('medk database commands', { concurrency: 2 }, () => {
  const targets = new Targets();
  let main: Target;
  let webDist: string;
  const file = (name: string) => join(targets.dir, name);
  const run = (args: string[], extra: NodeJS.ProcessEnv = {}) => medk(args, { ...main.env, MEDK_WEB_DIST: webDist, ...extra });
  const ok = async (args: string[], extra?: NodeJS.ProcessEnv): Promise<Run> => {
    const r = await run(args, extra);
    assert.equal(r.code, 0, `medk ${args.join(' ')}: ${show(r)}`);
    return r;
  };
  const fails = async (args: string[], code: number, stderr: RegExp): Promise<Run> => {
    const r = await run(args);
    assert.equal(r.code, code, `medk ${args.join(' ')}: ${show(r)}`);
    assert.match(r.stderr, stderr, `medk ${args.join(' ')}`);
    return r;
  };

  before(async () => {
    main = await targets.create();
    webDist = file('web');
    mkdirSync(webDist, { recursive: true });
    writeFileSync(join(webDist, 'index.html'), '<!doctype html>');
  });
  after(() => targets.cleanup());

  // One target, one command after another; synth (below) runs meanwhile on targets of its own.
  describe('on one database, in order', { concurrency: 1 }, () => {
    test('migrate creates the schema; doctor checks it (JSON) and fails with advice when the database is unreachable', async () => {
      const r = await ok(['migrate']);
      assert.match(r.stdout, onPostgres ? /База данных: PostgreSQL / : /База данных: встроенная \(PGlite\)/);
      assert.match(r.stdout, /Применены миграции \(\d+\):/);

      const [doctor, broken] = await inParallel([
        () => run(['doctor', '--json']),
        () => run(['doctor'], { DATABASE_URL: 'postgres://medk:secret@127.0.0.1:1/medk' }),
      ]);
      assert.equal(doctor.code, 0, show(doctor));
      const report = JSON.parse(doctor.stdout) as { ok: boolean; checks: { status: string; title: string; detail: string; advice?: string }[] };
      assert.equal(report.ok, true);
      for (const c of report.checks) {
        assert.ok(['ok', 'warn', 'fail', 'info'].includes(c.status), c.status);
        assert.equal(typeof c.title, 'string');
        assert.equal(typeof c.detail, 'string');
      }
      const titles = report.checks.map((c) => c.title);
      for (const t of ['Настройки', 'Папка данных', 'Подключение к базе данных', 'Миграции', 'Веб-интерфейс', 'Почта (SMTP)', 'Хранилище S3']) {
        assert.ok(titles.includes(t), `doctor checks ${t}: ${titles.join(', ')}`);
      }
      assert.equal(report.checks.find((c) => c.title === 'Администратор')?.status, 'warn', 'no administrator yet');

      assert.equal(broken.code, 1, show(broken));
      assert.match(broken.stdout, /\[FAIL\] База данных: Не удалось подключиться к базе данных \(PostgreSQL postgres:\/\/medk:\*\*\*@127\.0\.0\.1:1\/medk\)/);
      assert.match(broken.stdout, /→ Проверьте DATABASE_URL/);
      assert.doesNotMatch(broken.stdout, /secret/, 'the password is never printed');
      assert.match(broken.stdout, /Найдены проблемы: 1/);
    });

    test('doctor checks SMTP: a listening server passes, a closed port fails', async () => {
      const smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false });
      await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
      const port = (smtp.server.address() as AddressInfo).port;
      try {
        const [up, down] = await inParallel([
          () => run(['doctor'], { SMTP_URL: `smtp://127.0.0.1:${port}` }),
          () => run(['doctor'], { SMTP_URL: 'smtp://127.0.0.1:1' }),
        ]);
        assert.match(up.stdout, new RegExp(`\\[ ok \\] Почта \\(SMTP\\): сервер 127\\.0\\.0\\.1:${port} принимает подключение`), show(up));
        assert.match(down.stdout, /\[FAIL\] Почта \(SMTP\): сервер 127\.0\.0\.1:1 недоступен/, show(down));
        assert.notEqual(down.code, 0);
      } finally {
        await new Promise<void>((resolve) => smtp.close(() => resolve()));
      }
    });

    test('demo loads into an empty database only', async () => {
      const r = await ok(['demo']);
      assert.match(r.stdout, /Загружен демо-набор данных\./);
      assert.match(r.stdout, /admin +admin/);
      await fails(['demo'], 1, /^Ошибка: База данных не пустая/);
    });

    test('territories import (CSV, the checks of the UI, all or nothing) and export', async () => {
      const good = file('territories.csv');
      writeFileSync(
        good,
        `${HEADER}\n` +
          '40;Калужская область;40-01;Город Калуга;40-01-001;Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 1»;МБОУ «СШ № 1»;Калуга, ул. Ленина, 1;город\n' +
          '40;Калужская область;40-01;Город Калуга;40-01-002;Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 2»;МБОУ «СШ № 2»;Калуга, ул. Кирова, 2;город\n',
      );
      const bad = file('territories-bad.csv');
      writeFileSync(bad, `${HEADER}\n41;Камчатский край;41-01;Город Петропавловск;41-01-001;;МБОУ «СШ № 3»;;село\n`);

      const imported = await ok(['territories', 'import', good]);
      assert.match(imported.stdout, /Строк в файле: 2, без ошибок: 2, ошибок: 0/);
      assert.match(imported.stdout, /Создано: регионов 1, муниципалитетов 1, школ 2/);
      assert.match(imported.stdout, /Изменения сохранены\./);

      const refused = await run(['territories', 'import', bad]);
      assert.equal(refused.code, 1, show(refused));
      assert.match(refused.stdout, /ошибок: 1/);
      assert.match(refused.stdout, /строка 2, «Полное наименование школы»: /);
      assert.match(refused.stdout, /ничего не загружено/);
      await fails(['territories', 'import', file('missing.csv')], 1, /^Ошибка: Не удалось прочитать файл .*missing\.csv/);

      await ok(['territories', 'export', '--out', file('export.csv')]);
      const csv = readFileSync(file('export.csv'), 'utf8');
      assert.ok(csv.startsWith(`\uFEFF${HEADER}`), csv.slice(0, 200));
      assert.match(csv, /\n40;Калужская область;40-01;Город Калуга;40-01-002;/);
      assert.match(csv, /\n57;Орловская область;57-03;Город Орёл;57-03-004;/);
      assert.doesNotMatch(csv, /41-01/, 'nothing of the refused file was loaded');
    });

    test('users create / reset-password / credentials', async () => {
      const created = await ok(['users', 'create', '--role', 'regional_coordinator', '--territory', '40', '--name', 'Иванова Анна Петровна', '--json']);
      const account = JSON.parse(created.stdout) as { login: string; password: string; user: { role: string; regionName: string } };
      assert.equal(account.user.role, 'regional_coordinator');
      assert.equal(account.user.regionName, 'Калужская область');
      assert.ok(account.login.length > 0 && account.password.length >= 8, created.stdout);

      const reset = await ok(['users', 'reset-password', account.login, '--json']);
      const again = JSON.parse(reset.stdout) as { login: string; password: string };
      assert.equal(again.login, account.login);
      assert.notEqual(again.password, account.password);

      await fails(['users', 'create', '--role', 'wizard', '--name', 'Кто-то'], 2, /Неизвестная роль «wizard»/);

      const r = await ok(['users', 'credentials', '--territory', '57-01', '--cycle', '2026', '--out', file('credentials.xlsx')]);
      assert.match(r.stdout, /Реквизиты для 4 учётных записей \(Кромской район\)/);
      const rows = await sheetRows(file('credentials.xlsx'));
      const logins = rows.slice(1, 5).map((row) => row[4]);
      assert.deepEqual(logins, ['school1', 'school2', 'school3', 'school4']);
      assert.ok(rows.slice(1, 5).every((row) => (row[5] ?? '').length >= 8), 'one-time passwords in the file');
    });

    test('roadmap import saves an order as a municipal or school roadmap; export writes DOCX and XLSX', async () => {
      // Usage errors and a missing file are answered before the database is opened: they run alongside.
      const [municipal, noTerritory, badFormat, badId] = await inParallel(
        [
          () => run(['roadmap', 'import', fixturePath('kromskoy-2022.txt'), '--territory', '57-03', '--cycle', '2026', '--json']),
          () => run(['roadmap', 'import', fixturePath('kromskoy-2022.txt'), '--cycle', '2026']),
          () => run(['roadmap', 'export', '1', '--format', 'pdf', '--out', file('x.pdf')]),
          () => run(['roadmap', 'export', 'first', '--out', file('x.docx')]),
        ],
        3,
      );
      assert.equal(municipal.code, 0, show(municipal));
      assert.match(municipal.stderr, /Внимание: в приказе указан 2022 год, а выбран год проекта 2026/);
      const original = toJson(parseRoadmapDocument(readFileSync(fixturePath('kromskoy-2022.txt'), 'utf8')));
      assert.equal(noTerritory.code, 2, show(noTerritory));
      assert.match(noTerritory.stderr, /^Ошибка: Укажите --territory\nСправка: medk roadmap import --help/);
      assert.equal(badFormat.code, 2, show(badFormat));
      assert.match(badFormat.stderr, /--format: docx или xlsx/);
      assert.equal(badId.code, 2, show(badId));
      assert.match(badId.stderr, /ID — номер дорожной карты \(целое число\), а не «first»/);

      const m = (JSON.parse(municipal.stdout) as { roadmap: Record<string, unknown> }).roadmap;
      assert.equal(m.level, 'municipal');
      // (Kromy has the demo's approved roadmap: one per municipality and cycle)
      assert.equal(m.territory, 'Город Орёл');
      assert.equal(m.year, 2026);
      assert.equal(m.itemCount, 15);
      assert.equal(m.orderNumber, '101');
      assert.equal(m.orderDate, '2022-03-10');

      // (A regional roadmap — region code «57» — is imported by backup.test.ts.)
      const school = await ok(['roadmap', 'import', fixturePath('leninsky-eao-2021.txt'), '--territory', '57-01-001', '--cycle', '2026', '--title', 'План школы']);
      assert.match(school.stdout, /^Сохранена школьная дорожная карта № \d+ «План школы» \(МБОУ «Кромская СОШ №1», 2026 год\): мероприятий 22, с замечаниями \d+\nВыгрузить: medk roadmap export \d+ --format docx --out FILE\.docx/);
      assert.match(school.stderr, /Внимание: по тексту это приказ муниципального уровня, а сохранена школьная дорожная карта/);

      await fails(['roadmap', 'import', fixturePath('kromskoy-2022.txt'), '--territory', '99', '--cycle', '2026'], 1, /^Ошибка: Территория с кодом «99» не найдена/);
      await fails(['roadmap', 'import', fixturePath('kromskoy-2022.txt'), '--territory', '57', '--cycle', '2019'], 1, /^Ошибка: Год проекта 2019 не найден/);
      // --as: the account's own rights — a municipal coordinator may not write the regional roadmap.
      await fails(['roadmap', 'import', fixturePath('kromskoy-2022.txt'), '--territory', '57', '--cycle', '2026', '--as', 'mo-kromy'], 1, /^Ошибка \(forbidden\): Нет прав составлять дорожную карту для этой территории/);

      const id = String(m.id);
      const docx = await ok(['roadmap', 'export', id, '--out', file('roadmap.docx')]);
      assert.match(docx.stdout, /Записано: .*roadmap\.docx \(docx, «Дорожная карта Город Орёл 2026\.docx»\)/);
      await ok(['roadmap', 'export', id, '--format', 'xlsx', '--out', file('roadmap-table')]);
      // The exported DOCX reads back as the same activities (the CLI parses it like an uploaded order).
      const reread = await medk(['roadmap', 'parse', file('roadmap.docx'), '--json']);
      assert.equal(reread.code, 0, show(reread));
      const back = JSON.parse(reread.stdout) as ParsedJson;
      assert.deepEqual(back.items.map((i) => [i.number, i.title]), original.items.map((i) => [i.number, i.title]));
      const rows = await sheetRows(file('roadmap-table'));
      const header = rows.findIndex((row) => row[0] === '№' && row[1] === 'Мероприятие');
      assert.ok(header >= 0, 'the XLSX has the order table header');
      assert.deepEqual(rows.slice(header + 1, header + 1 + 15).map((row) => row[1]), original.items.map((i) => i.title));


      // Written by the services: audited as the command line, no made-up user id.
      const database = await main.open();
      try {
        const audit = await rowsOf<{ user_id: number | null; user_login: string; n: number }>(
          database.db,
          sql`select user_id, user_login, count(*)::int as n from audit_log where entity_type = 'roadmap' and action = 'import' group by 1, 2`,
        );
        assert.deepEqual(audit, [{ user_id: null, user_login: 'medk-cli', n: 2 }]);
        const creators = await rowsOf<{ created_by: number | null }>(database.db, sql`select distinct created_by from roadmaps where source_text is not null`);
        assert.deepEqual(creators, [{ created_by: null }]);
      } finally {
        await database.close();
      }
    });

  });

  test('synth --answers: the same seed gives the same data, with the expected rows', async () => {
    const [a, b] = [await targets.create(), await targets.create()];
    const args = ['synth', '--regions', '2', '--municipalities', '4', '--schools', '40', '--answers', '--seed', '7', '--cycle', '2026', '--selected', '50'];
    const [first, second] = await inParallel([() => medk(args, a.env), () => medk(args, b.env)]);
    assert.equal(first.code, 0, show(first));
    assert.equal(second.code, 0, show(second));
    assert.match(first.stdout, /Синтетический набор \(зерно 7, год 2026\): регионов 2, муниципалитетов 4, школ 40 \(в проекте (\d+)\)/);
    assert.match(first.stdout, /Анкетирование: кампаний 2, кодов респондентов \d+, ответов \d+, рисковых профилей \d+/);
    const summary = (r: Run) => r.stdout.split('\n').filter((l) => /^(Синтетический набор|Анкетирование)/.test(l));
    assert.equal(summary(first).length, 2, first.stdout);
    assert.deepEqual(summary(first), summary(second));
    const contents = async (target: Target) => {
      const database = await target.open();
      try {
        const all = await snapshot(database.db);
        const counts = await rowsOf<Record<string, number>>(
          database.db,
          sql`select (select count(*)::int from cycle_schools) as selected,
                     (select count(*)::int from campaign_schools where teachers is not null) as started,
                     (select count(*)::int from survey_responses where status = 'submitted') as responses,
                     (select count(*)::int from respondent_links) as links,
                     (select count(*)::int from survey_campaigns where profiles_computed_at is not null) as computed,
                     (select count(*)::int from risk_profiles) as profiles,
                     (select count(*)::int from risk_profiles where verification = 'verified') as verified,
                     (select count(*)::int from risk_directions d join risk_profiles p on p.id = d.profile_id and p.verification = 'verified') as directions,
                     (select count(*)::int from risk_directions) as all_directions,
                     (select count(distinct status)::int from school_documents) as statuses,
                     (select count(*)::int from document_versions) as versions,
                     (select count(*)::int from stored_files) as files,
                     (select count(*)::int from curator_visits) as visits,
                     (select count(*)::int from survey_responses r join respondent_links l on l.id = r.link_id
                        where l.school_id is distinct from r.school_id or l.instrument <> r.instrument) as misfiled`,
        );
        const shas = await rowsOf<{ sha256: string }>(database.db, sql`select sha256 from stored_files order by id`);
        // territories and accounts have creation times; compare everything else
        const territories = await rowsOf<Record<string, unknown>>(
          database.db,
          sql`select s.id, s.code, s.full_name, s.short_name, s.address, s.locality, s.director_name, s.email, s.phone, s.context::text,
                     m.code as municipality, m.name as municipality_name, r.code as region, r.name as region_name
              from schools s join municipalities m on m.id = s.municipality_id join regions r on r.id = s.region_id order by s.id`,
        );
        const accounts = await rowsOf<Record<string, unknown>>(database.db, sql`select id, login, role, full_name, region_id, municipality_id, school_id from users order by id`);
        return { tables: Object.fromEntries(ANSWER_TABLES.map((t) => [t, all.tables[t]])), counts: counts[0] as Record<string, number>, shas, territories, accounts };
      } finally {
        await database.close();
      }
    };
    const ca = await contents(a);
    const cb = await contents(b);
    for (const t of ANSWER_TABLES) {
      assert.ok((ca.tables[t]?.length ?? 0) > 0, `${t} has rows`);
      assert.deepEqual(ca.tables[t], cb.tables[t], `${t}: the same rows from the same seed`);
    }
    assert.equal(ca.territories.length, 40);
    assert.deepEqual(ca.territories, cb.territories);
    assert.deepEqual(ca.accounts, cb.accounts);
    const n = ca.counts;
    assert.ok(n.selected! >= 10, `enough schools selected: ${n.selected}`);
    assert.equal(n.links, n.selected! * 5 + 2, 'a code per school and instrument, a curator-candidate code per campaign');
    assert.equal(n.responses, n.started! * 21, 'director 1, teachers/students6/students9/parents 5 each');
    assert.ok(n.started! >= n.selected! - 3, 'most schools answered');
    assert.equal(n.computed, 2);
    assert.equal(n.profiles, n.selected);
    assert.ok(n.verified! > 0 && n.verified! < n.profiles!, 'some profiles verified');
    assert.ok(n.directions! > 0 && n.directions === n.all_directions, 'directions come from verified profiles');
    assert.ok(n.statuses! >= 3, 'documents in several statuses');
    assert.ok(n.versions! > 0 && n.visits! > 0);
    assert.equal(n.files, 5);
    assert.equal(n.misfiled, 0);
    for (const { sha256 } of ca.shas) {
      assert.ok(existsSync(join(a.dataDir, 'files', sha256.slice(0, 2), sha256)), `the shared file ${sha256} is stored`);
    }
  });
});
