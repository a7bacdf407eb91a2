// The `medk` command line without a database, run as subprocesses: help on every command, exit codes of
// wrong usage, and `medk roadmap parse` (text summary and the --json shape) on the shared order fixtures.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parseRoadmapDocument, toJson } from '../../domain/roadmaps/index.js';
import { fixturePath, inParallel, medk, show, type Run } from './test-support.js';

const FIXTURES = ['kaluga-2021.txt', 'kromskoy-2022.txt', 'leninsky-eao-2021.txt'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every command the general help lists: «  medk <words> <usage>». */
function listedCommands(help: string): string[] {
  const known = ['roadmap', 'territories', 'users'];
  return help
    .split('\n')
    .filter((l) => /^ {2}medk /.test(l))
    .map((l) => {
      const words = l.trim().split(/\s+/).slice(1);
      return known.includes(words[0] as string) ? words.slice(0, 2).join(' ') : (words[0] as string);
    });
}

describe('medk: help and usage', () => {
  test('general help lists every command; --help works on each of them in Russian and English', async () => {
    const general = await medk(['--help']);
    assert.equal(general.code, 0, show(general));
    const commands = listedCommands(general.stdout);
    assert.deepEqual(commands, [
      'roadmap parse',
      'roadmap import',
      'roadmap export',
      'territories import',
      'territories export',
      'users create',
      'users credentials',
      'users reset-password',
      'backup',
      'restore',
      'demo',
      'synth',
      'migrate',
      'doctor',
    ]);
    // Russian (the default) on every command; English once (the same help texts have both languages).
    const english = ['roadmap import'];
    const runs = await inParallel([
      ...commands.map((c) => () => medk([...c.split(' '), '--help'])),
      ...english.map((c) => () => medk(['--lang', 'en', ...c.split(' '), '-h'])),
    ]);
    commands.forEach((c, k) => {
      const ru = runs[k] as Run;
      assert.equal(ru.code, 0, `${c} --help: ${show(ru)}`);
      assert.ok(ru.stdout.startsWith(`Использование: medk ${c}`), `${c} --help: ${ru.stdout}`);
      assert.match(ru.stdout, /Параметры:\n/);
      assert.match(ru.stdout, /-h, --help +эта справка/);
      assert.equal(ru.stderr, '', `${c}: nothing on stderr`);
    });
    english.forEach((c, k) => {
      const en = runs[commands.length + k] as Run;
      assert.equal(en.code, 0, `${c} -h --lang en: ${show(en)}`);
      assert.ok(en.stdout.startsWith(`Usage: medk ${c}`), `${c} -h --lang en: ${en.stdout}`);
      assert.match(en.stdout, /-h, --help +this help/);
    });
  });

  test('group help, `medk help <command>`, LANG=en, and wrong usage exits 2 with a hint', async () => {
    const [group, helpTopic, english, unknown, unknownSub, unknownOption, missing, badNumber] = await inParallel([
      () => medk(['roadmap']),
      () => medk(['help', 'roadmap', 'import']),
      () => medk(['--help'], { LANG: 'en_US.UTF-8' }),
      () => medk(['frobnicate']),
      () => medk(['roadmap', 'frobnicate']),
      () => medk(['roadmap', 'parse', fixturePath('kromskoy-2022.txt'), '--yaml']),
      () => medk(['roadmap', 'parse', 'a.txt', 'b.txt']),
      () => medk(['synth', '--regions', 'many']),
    ]);
    assert.equal(group.code, 0, show(group));
    assert.match(group.stdout, /medk roadmap parse FILE/);
    assert.match(group.stdout, /medk roadmap import FILE --territory CODE --cycle YEAR/);
    assert.match(group.stdout, /medk roadmap export ID --out FILE/);
    assert.doesNotMatch(group.stdout, /medk users/);
    assert.equal(helpTopic.code, 0, show(helpTopic));
    assert.match(helpTopic.stdout, /^Использование: medk roadmap import FILE --territory CODE --cycle YEAR/);
    assert.match(helpTopic.stdout, /--territory CODE +чья дорожная карта/);
    assert.equal(english.code, 0, show(english));
    assert.match(english.stdout, /^MEDK — administrator command line/);

    assert.equal(unknown.code, 2, show(unknown));
    assert.match(unknown.stderr, /Неизвестная команда: frobnicate/);
    assert.equal(unknownSub.code, 2, show(unknownSub));
    assert.match(unknownSub.stderr, /Неизвестная команда: roadmap frobnicate/);
    assert.equal(unknownOption.code, 2, show(unknownOption));
    assert.match(unknownOption.stderr, /Ошибка: Неизвестный параметр --yaml\nСправка: medk roadmap parse --help/);
    assert.equal(missing.code, 2, show(missing));
    assert.match(missing.stderr, /Лишние аргументы: b\.txt/);
    assert.equal(badNumber.code, 2, show(badNumber));
    assert.match(badNumber.stderr, /--regions: нужно целое число/);
  });
});

describe('medk roadmap parse', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medk-cli-parse-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('--json: document {authority, number, date, year, level} and items with timing intervals, dates YYYY-MM-DD', async () => {
    const runs = await inParallel(FIXTURES.map((name) => () => medk(['roadmap', 'parse', fixturePath(name), '--json'])));
    const expected: Record<string, { document: Record<string, unknown>; items: number }> = {
      'kaluga-2021.txt': { document: { number: '779', date: '2021-06-10', year: 2021, level: 'regional' }, items: 53 },
      'kromskoy-2022.txt': { document: { number: '101', date: '2022-03-10', year: 2022, level: 'municipal' }, items: 15 },
      'leninsky-eao-2021.txt': { document: { year: 2021 }, items: 22 },
    };
    FIXTURES.forEach((name, k) => {
      const r = runs[k] as Run;
      assert.equal(r.code, 0, `${name}: ${show(r)}`);
      assert.equal(r.stderr, '', name);
      const json = JSON.parse(r.stdout) as {
        document: Record<string, unknown>;
        items: {
          number: string | null;
          title: string;
          timing: { text: string; intervals: [string | null, string | null][]; recurrence: unknown };
          responsible: { text: string; parties: string[] };
          indicator: string;
          flags: string[];
        }[];
      };
      assert.deepEqual(Object.keys(json), ['document', 'items'], name);
      assert.deepEqual(Object.keys(json.document), ['authority', 'number', 'date', 'year', 'level'], name);
      for (const [key, value] of Object.entries(expected[name]?.document ?? {})) assert.deepEqual(json.document[key], value, `${name}: document.${key}`);
      assert.ok(json.document.date === null || DATE.test(String(json.document.date)), `${name}: date ${json.document.date}`);
      assert.equal(typeof json.document.authority, 'string', name);
      assert.equal(json.items.length, expected[name]?.items, `${name}: items`);
      let intervals = 0;
      for (const item of json.items) {
        assert.deepEqual(Object.keys(item), ['number', 'title', 'timing', 'responsible', 'indicator', 'flags'], name);
        assert.ok(item.number === null || typeof item.number === 'string');
        assert.ok(item.title.length > 0, `${name}: title`);
        assert.deepEqual(Object.keys(item.timing), ['text', 'intervals', 'recurrence']);
        assert.equal(typeof item.timing.text, 'string');
        for (const interval of item.timing.intervals) {
          assert.equal(interval.length, 2, `${name}: [start, end]`);
          for (const d of interval) assert.ok(d === null || DATE.test(d), `${name}: interval date ${d}`);
          intervals++;
        }
        assert.ok(item.timing.recurrence === null || typeof item.timing.recurrence === 'object');
        assert.equal(typeof item.responsible.text, 'string');
        assert.ok(Array.isArray(item.responsible.parties));
        assert.equal(typeof item.indicator, 'string');
        assert.ok(item.flags.every((f) => typeof f === 'string'));
      }
      assert.ok(intervals > json.items.length / 2, `${name}: most timings have dates (${intervals})`);
      // Exactly the domain parser's JSON view: the CLI adds nothing and loses nothing.
      const text = readFixture(name).toString('utf8');
      assert.deepEqual(json, JSON.parse(JSON.stringify(toJson(parseRoadmapDocument(text)))), `${name}: same as the domain parser`);
    });
  });

  test('the summary, a Windows-1251 file, and clear errors for a missing file, a PDF and a text without a table', async () => {
    const kromskoy = readFixture('kromskoy-2022.txt').toString('utf8');
    const cp1251 = join(dir, 'kromskoy-cp1251.txt');
    writeFileSync(cp1251, toCp1251(kromskoy));
    const pdf = join(dir, 'order.pdf');
    writeFileSync(pdf, '%PDF-1.4\n%%EOF\n');
    const noTable = join(dir, 'letter.txt');
    writeFileSync(noTable, 'ПРИКАЗ\n№ 5 от 01.02.2026\nО проведении совещания\n');
    const [summary, fromCp1251, missing, pdfRun, noTableRun] = await inParallel([
      () => medk(['roadmap', 'parse', fixturePath('kromskoy-2022.txt')]),
      () => medk(['roadmap', 'parse', cp1251, '--json']),
      () => medk(['roadmap', 'parse', join(dir, 'no-such-order.docx')]),
      () => medk(['roadmap', 'parse', pdf]),
      () => medk(['roadmap', 'parse', noTable]),
    ]);
    assert.equal(summary.code, 0, show(summary));
    assert.match(summary.stdout, /^Орган: МУНИЦИПАЛЬНЫЙ ОРГАН УПРАВЛЕНИЯ ОБРАЗОВАНИЕМ/);
    assert.match(summary.stdout, /Приказ: № 101 от 10\.03\.2022/);
    assert.match(summary.stdout, /Год: 2022; уровень: муниципальный/);
    assert.match(summary.stdout, /Мероприятий: 15; с замечаниями: \d+/);

    assert.equal(fromCp1251.code, 0, show(fromCp1251));
    const utf8Json = toJson(parseRoadmapDocument(kromskoy));
    assert.deepEqual(JSON.parse(fromCp1251.stdout), JSON.parse(JSON.stringify(utf8Json)), 'Windows-1251 reads as the UTF-8 original');

    assert.equal(missing.code, 1, show(missing));
    assert.match(missing.stderr, /^Ошибка: Не удалось прочитать файл .*no-such-order\.docx: ENOENT/);
    assert.equal(pdfRun.code, 1, show(pdfRun));
    assert.match(pdfRun.stderr, /order\.pdf: PDF не поддерживается: загрузите приказ в формате \.docx или \.txt/);
    assert.equal(noTableRun.code, 1, show(noTableRun));
    assert.match(noTableRun.stderr, /В файле не найдена таблица мероприятий/);
  });
});

function readFixture(name: string): Buffer {
  return readFileSync(fixturePath(name));
}

/** Windows-1251 bytes of a text (the table is built from the decoder, so it is exact). */
function toCp1251(text: string): Buffer {
  const decoder = new TextDecoder('windows-1251');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from([...text].map((ch) => table.get(ch) ?? 0x3f));
}
