// Every database command of `medk`, run as subprocesses against one throw-away target (an embedded database
// in a temporary data folder, or a fresh PostgreSQL database with TEST_DATABASE_URL): migrate, doctor, demo,
// territories import/export, users create/credentials/reset-password, roadmap import/export, and synth
// (twice with one seed, into targets of their own, to show it is reproducible).
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { parseRoadmapDocument, toJson } from '../../domain/roadmaps/index.js';
import { rowsOf } from './database.js';
import { fixturePath, inParallel, medk, onPostgres, show, Targets, type Run, type Target } from './test-support.js';

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
          () => run(['roadmap', 'import', fixturePath('kromskoy-2022.txt'), '--territory', '57-01', '--cycle', '2026', '--json']),
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
      assert.equal(m.territory, 'Кромской район');
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
      assert.match(docx.stdout, /Записано: .*roadmap\.docx \(docx, «Дорожная карта Кромской район 2026\.docx»\)/);
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

  test('synth: the same seed gives the same data', async () => {
    const [a, b] = [await targets.create(), await targets.create()];
    const args = ['synth', '--regions', '3', '--municipalities', '9', '--schools', '60', '--seed', '7', '--cycle', '2026'];
    const [first, second] = await inParallel([() => medk(args, a.env), () => medk([...args, '--answers'], b.env)]);
    assert.equal(first.code, 0, show(first));
    assert.equal(second.code, 0, show(second));
    assert.match(first.stdout, /Синтетический набор \(зерно 7, год 2026\): регионов 3, муниципалитетов 9, школ 60/);
    assert.match(second.stderr, /--answers пока не поддерживается/);
    const [exportA, exportB] = await inParallel([
      () => medk(['territories', 'export', '--out', file('synth-a.csv')], a.env),
      () => medk(['territories', 'export', '--out', file('synth-b.csv')], b.env),
    ]);
    assert.equal(exportA.code, 0, show(exportA));
    assert.equal(exportB.code, 0, show(exportB));
    const csv = readFileSync(file('synth-a.csv'), 'utf8');
    assert.equal(csv.trimEnd().split('\r\n').length, 61, 'header + 60 schools');
    assert.equal(csv, readFileSync(file('synth-b.csv'), 'utf8'));
  });
});
