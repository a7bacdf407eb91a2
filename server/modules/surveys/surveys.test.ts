// API test of a survey campaign end to end (docs/surveys-api.md, «Campaigns» and «Answering»): opening, rights,
// school facts, respondent codes, anonymous answers with drafts, flood guards, completion, closing with profiles.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, isNull, sql } from 'drizzle-orm';
import {
  DEFAULT_INSTRUMENTS,
  moscowDate,
  surveyQuestions,
  type InstrumentCode,
  type InstrumentDefinition,
} from '../../../domain/surveys/index.js';
import { auditLog, regions, riskProfiles, surveyResponses } from '../../db/schema.js';
import { createTestApp, type Client, type TestContext } from '../../test/harness.js';
import { demoIds, type DemoIds } from '../roadmaps/test-support.js';

const DAY = 24 * 3600 * 1000;
const day = (offset: number) => moscowDate(new Date(Date.now() + offset * DAY));

/** A realistic full answer set: every question answered with a value its definition offers (varied by `k`). */
function answersFor(def: InstrumentDefinition, k = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [i, q] of surveyQuestions(def.survey).entries()) {
    const n = i + k;
    switch (q.type) {
      case 'radiogroup':
      case 'dropdown':
        out[q.name] = q.choices[n % q.choices.length]!.value;
        break;
      case 'checkbox':
        out[q.name] = [q.choices[n % q.choices.length]!.value];
        break;
      case 'rating':
        out[q.name] = q.rateMin + (n % (q.rateMax - q.rateMin + 1));
        break;
      case 'boolean':
        out[q.name] = n % 2 === 0;
        break;
      default:
        out[q.name] = `Комментарий респондента ${n}`;
    }
  }
  return out;
}

const required = (def: InstrumentDefinition) => surveyQuestions(def.survey).filter((q) => q.isRequired).map((q) => q.name);

interface Link {
  instrument: InstrumentCode;
  code: string;
  url: string;
  received: number;
  drafts: number;
  maxResponses: number;
  revoked: boolean;
}

describe('survey campaigns API', () => {
  let t: TestContext;
  let ids: DemoIds;
  let admin: Client;
  let fed: Client;
  let region57: Client;
  let kromy: Client;
  let school1: Client;
  let curator1: Client;
  let curator2: Client;
  let observer: Client;
  let expert: Client;
  let campaignId: number;
  let links: Record<string, Link>;

  /** Anonymous request: no cookie, no CSRF token. */
  const anon = (method: 'GET' | 'PUT', code: string, body?: unknown, token?: string) =>
    t.app.inject({
      method,
      url: `/api/respond/${encodeURIComponent(code)}`,
      headers: token ? { 'x-respondent-token': token } : {},
      ...(body === undefined ? {} : { payload: body as object }),
    });

  const answer = async (code: string, answers: Record<string, unknown>, complete: boolean, token?: string) => {
    const res = await anon('PUT', code, { answers, complete }, token);
    return { res, body: res.json() as { token: string; status: string } };
  };

  const responses = async (where = sql`true`) =>
    Number((await t.database.db.select({ n: sql<number>`count(*)` }).from(surveyResponses).where(where))[0]!.n);

  before(async () => {
    t = await createTestApp();
    ids = await demoIds(t.database.db);
    [admin, fed, region57, kromy, school1, curator1, curator2, observer, expert] = await Promise.all(
      ['admin', 'fed', 'region57', 'mo-kromy', 'school1', 'curator1', 'curator2', 'observer57', 'expert'].map((l) => t.as(l)),
    ) as Client[] as [Client, Client, Client, Client, Client, Client, Client, Client, Client];
  });
  after(() => t.close());

  test('instruments and the methodology are stored on first read; publishing a methodology is checked', async () => {
    const res = await observer.get('/api/surveys/instruments');
    assert.equal(res.statusCode, 200, res.body);
    const { instruments } = res.json() as { instruments: { code: string; version: number; questionCount: number }[] };
    assert.deepEqual(instruments.map((i) => i.code).sort(), Object.keys(DEFAULT_INSTRUMENTS).sort());
    const teachers = instruments.find((i) => i.code === 'teachers')!;
    assert.equal(teachers.questionCount, surveyQuestions(DEFAULT_INSTRUMENTS.teachers.survey).length);
    const one = (await school1.get('/api/surveys/instruments/director?version=1')).json();
    assert.equal(one.version, 1);
    assert.deepEqual(one.definition, JSON.parse(JSON.stringify(DEFAULT_INSTRUMENTS.director)));
    assert.equal((await school1.get('/api/surveys/instruments/director?version=9')).statusCode, 404);
    assert.equal((await school1.get('/api/surveys/instruments/nobody')).statusCode, 400);

    const m = (await curator1.get('/api/surveys/methodology')).json();
    assert.equal(m.version, 1);
    assert.deepEqual(m.versions, [1]);

    const bad = await fed.post('/api/surveys/methodology', {
      title: 'Черновик',
      definition: { ...m.definition, thresholds: { high: 0.2, medium: 0.5, low: 0.1 }, factors: [{ ...m.definition.factors[0], code: 'nonsense' }] },
    });
    assert.equal(bad.statusCode, 400, bad.body);
    const paths = (bad.json().error.fields as { path: string }[]).map((f) => f.path);
    assert.ok(paths.includes('definition.thresholds'), paths.join());
    assert.ok(paths.includes('definition.factors.0.code'), paths.join());
    assert.equal((await region57.post('/api/surveys/methodology', { title: 'x', definition: m.definition })).statusCode, 403);
    const ok = await fed.post('/api/surveys/methodology', { title: 'Методика, версия 2', definition: m.definition });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().version, 2);
    const v2 = (await school1.get('/api/surveys/methodology')).json();
    assert.deepEqual([v2.version, v2.title, v2.versions], [2, 'Методика, версия 2', [1, 2]]);
    assert.equal((await school1.get('/api/surveys/methodology?version=1')).json().version, 1);
  });

  test('a regional coordinator opens a campaign of their region only, once per cycle', async () => {
    const body = { cycleId: ids.cycleId, regionId: ids.regionId, title: 'Анкетирование школ Орловской области', opensOn: day(-1), closesOn: day(14) };
    assert.equal((await school1.post('/api/surveys/campaigns', body)).statusCode, 403);
    assert.equal((await kromy.post('/api/surveys/campaigns', body)).statusCode, 403);
    assert.equal((await region57.post('/api/surveys/campaigns', { ...body, regionId: null })).statusCode, 403);
    const [bryansk] = await t.database.db.insert(regions).values({ code: '32', name: 'Брянская область' }).returning();
    assert.equal((await region57.post('/api/surveys/campaigns', { ...body, regionId: bryansk!.id })).statusCode, 403);
    const window = await region57.post('/api/surveys/campaigns', { ...body, opensOn: day(5), closesOn: day(1) });
    assert.equal(window.statusCode, 400);
    assert.deepEqual(window.json().error.fields.map((f: { path: string }) => f.path), ['closesOn']);
    const rules = await region57.post('/api/surveys/campaigns', { ...body, activationRules: { minDirections: 4, maxDirections: 2 } });
    assert.equal(rules.statusCode, 400);

    const res = await region57.post('/api/surveys/campaigns', { ...body, activationRules: { maxDirections: 2 } });
    assert.equal(res.statusCode, 201, res.body);
    const { campaign } = res.json();
    campaignId = campaign.id;
    assert.equal(campaign.territory, 'Орловская область');
    assert.equal(campaign.status, 'open');
    assert.equal(campaign.schoolCount, 12);
    assert.equal(campaign.year, 2026);
    assert.equal(campaign.methodologyVersion, 2);
    assert.deepEqual(campaign.instrumentVersions, { director: 1, teachers: 1, students6: 1, students9: 1, parents: 1, curator_candidate: 1 });
    assert.equal(campaign.activationRules.maxDirections, 2);
    assert.equal(campaign.activationRules.minDirections, 1);
    assert.deepEqual(campaign.can, { edit: true, compute: true });

    const again = await region57.post('/api/surveys/campaigns', body);
    assert.equal(again.statusCode, 409, again.body);
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'survey_campaign'), eq(auditLog.entityId, String(campaignId))));
    assert.equal(entry?.userLogin, 'region57');
    assert.equal(entry?.regionId, ids.regionId);
  });

  test('completion rows are limited to the territory of the reader', async () => {
    const detail = async (c: Client, query = '') => {
      const res = await c.get(`/api/surveys/campaigns/${campaignId}${query}`);
      assert.equal(res.statusCode, 200, `${c.login}: ${res.body}`);
      return res.json();
    };
    const regional = await detail(region57);
    assert.equal(regional.schools.length, 12);
    assert.deepEqual([regional.completion.schools, regional.completion.completed, regional.completion.share], [12, 0, 0]);
    assert.equal(regional.curatorLink.instrument, 'curator_candidate');
    assert.equal(regional.curatorLink.maxResponses, 500);

    const own = await detail(school1);
    assert.deepEqual(own.schools.map((s: { schoolId: number }) => s.schoolId), [ids.school1Id]);
    assert.equal(own.campaign.schoolCount, 1);
    assert.equal(own.curatorLink, null);
    assert.deepEqual(own.campaign.can, { edit: false, compute: false });
    assert.deepEqual((await detail(curator1)).schools.map((s: { schoolId: number }) => s.schoolId), [ids.school1Id]);
    assert.deepEqual((await detail(curator2)).schools.map((s: { schoolId: number }) => s.schoolId), [ids.school2Id]);
    const mo = await detail(kromy);
    assert.equal(mo.schools.length, 4);
    assert.ok(mo.schools.every((s: { code: string }) => s.code.startsWith('57-01-')));
    assert.equal((await detail(observer)).schools.length, 12);
    const livny = await detail(region57, `?municipalityId=${ids.livnyId}`);
    assert.equal(livny.schools.length, 4);
    assert.equal(livny.campaign.schoolCount, 12);
    assert.equal((await kromy.get(`/api/surveys/campaigns/${campaignId}?municipalityId=${ids.livnyId}`)).statusCode, 404);

    const list = (await school1.get(`/api/surveys/campaigns?cycleId=${ids.cycleId}`)).json();
    assert.deepEqual(list.items.map((c: { id: number; schoolCount: number }) => [c.id, c.schoolCount]), [[campaignId, 1]]);
    assert.deepEqual((await region57.get('/api/surveys/campaigns')).json().items.map((c: { schoolCount: number }) => c.schoolCount), [12]);

    // the school sees only itself
    assert.equal((await school1.get(`/api/surveys/campaigns/${campaignId}/schools/${ids.school2Id}`)).statusCode, 404);
    assert.equal((await curator1.get(`/api/surveys/campaigns/${campaignId}/schools/${ids.school2Id}`)).statusCode, 404);
    // observers see the completion but not the codes
    const seen = (await observer.get(`/api/surveys/campaigns/${campaignId}/schools/${ids.school1Id}`)).json();
    assert.equal(seen.school.schoolId, ids.school1Id);
    assert.deepEqual(seen.links, []);
  });

  test('the school enters its facts; the caps of its codes follow them', async () => {
    const res = await school1.get(`/api/surveys/campaigns/${campaignId}/schools/${ids.school1Id}`);
    assert.equal(res.statusCode, 200, res.body);
    const before = res.json();
    assert.deepEqual(before.school.facts, { teachers: null, students6: null, students9: null, parents: null });
    assert.deepEqual(before.links.map((l: Link) => [l.instrument, l.maxResponses]), [
      ['director', 3],
      ['teachers', 300],
      ['students6', 300],
      ['students9', 300],
      ['parents', 300],
    ]);
    assert.ok(before.links.every((l: Link) => l.url === `/s/${l.code}` && /^[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}$/.test(l.code)));

    const url = `/api/surveys/campaigns/${campaignId}/schools/${ids.school1Id}/facts`;
    assert.equal((await expert.put(url, { teachers: 1, students6: 1, students9: 1 })).statusCode, 403);
    assert.equal((await curator2.put(url, { teachers: 1, students6: 1, students9: 1 })).statusCode, 404);
    const bad = await school1.put(url, { teachers: -1, students6: 5001, students9: 'много' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().error.fields.map((f: { path: string }) => f.path).sort(), ['students6', 'students9', 'teachers']);

    const put = await school1.put(url, { teachers: 0, students6: 3, students9: 2, parents: null });
    assert.equal(put.statusCode, 200, put.body);
    const after = put.json();
    assert.deepEqual(after.school.facts, { teachers: 0, students6: 3, students9: 2, parents: null });
    // expected × 1.5 + 5; parents default to students6 + students9 = 5
    assert.deepEqual(after.links.map((l: Link) => [l.instrument, l.maxResponses]), [
      ['director', 3],
      ['teachers', 5],
      ['students6', 10],
      ['students9', 8],
      ['parents', 13],
    ]);
    links = Object.fromEntries(after.links.map((l: Link) => [l.instrument, l]));
    const expected = Object.fromEntries(after.school.completion.instruments.map((i: { instrument: string; expected: number }) => [i.instrument, i.expected]));
    assert.deepEqual(expected, { director: 1, teachers: 0, students6: 3, students9: 2, parents: 5 });
    // the curator of the school may also enter the numbers
    assert.equal((await curator1.put(url, { teachers: 0, students6: 3, students9: 2 })).statusCode, 200);
  });

  test('respondents answer anonymously through the codes; a draft survives and is not a new response', async () => {
    const def = DEFAULT_INSTRUMENTS.director;
    const typed = links.director!.code.toLowerCase().replace(/-/g, ' ');
    const open = await anon('GET', typed);
    assert.equal(open.statusCode, 200, open.body);
    const page = open.json();
    assert.equal(page.campaign.status, 'open');
    assert.equal(page.school, 'МБОУ «Кромская СОШ №1»');
    assert.equal(page.instrument.code, 'director');
    assert.equal(page.instrument.version, 1);
    assert.ok(page.instrument.definition.survey.pages.length > 0);
    assert.equal(page.draft, null);
    assert.equal(page.submitted, false);
    assert.equal((await anon('GET', 'AAA-AAA-AAA')).statusCode, 404);
    assert.equal((await anon('GET', 'not a code')).statusCode, 404);

    // a partial draft: unknown questions and values are dropped
    const full = answersFor(def);
    const [q1, q2] = required(def);
    const first = await answer(links.director!.code, { [q1!]: full[q1!], hacker: 'x', [q2!]: 'not-a-choice' }, false);
    assert.equal(first.res.statusCode, 200, first.res.body);
    assert.equal(first.body.status, 'draft');
    assert.match(first.body.token, /^[A-Za-z0-9_-]{43}$/);
    const token = first.body.token;
    const stored = await t.database.db.select().from(surveyResponses).where(eq(surveyResponses.instrument, 'director'));
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0]!.tokenHash, token, 'only the hash of the token is stored');
    assert.deepEqual(Object.keys(stored[0]!).sort(), [
      'answers', 'campaignId', 'id', 'instrument', 'instrumentVersion', 'linkId', 'schoolId', 'startedAt', 'status', 'submittedAt', 'tokenHash', 'updatedAt',
    ]);

    const resumed = (await anon('GET', links.director!.code, undefined, token)).json();
    assert.deepEqual(resumed.draft.answers, { [q1!]: full[q1!] });
    assert.equal(resumed.submitted, false);

    // saving again with the token updates the same response
    const second = await answer(links.director!.code, { [q1!]: full[q1!], [q2!]: full[q2!] }, false, token);
    assert.equal(second.body.token, token);
    assert.equal(await responses(eq(surveyResponses.instrument, 'director')), 1);

    // submitting with required questions missing: 400 with the exact paths, nothing changes
    const missing = await answer(links.director!.code, { [q1!]: full[q1!] }, true, token);
    assert.equal(missing.res.statusCode, 400, missing.res.body);
    const paths = (missing.res.json().error.fields as { path: string }[]).map((f) => f.path);
    assert.deepEqual(paths, required(def).slice(1).map((n) => `answers.${n}`));
    assert.equal((await anon('GET', links.director!.code, undefined, token)).json().draft.answers[q2!], full[q2!]);

    const done = await answer(links.director!.code, full, true, token);
    assert.equal(done.res.statusCode, 200, done.res.body);
    assert.equal(done.body.status, 'submitted');
    const again = await answer(links.director!.code, full, false, token);
    assert.equal(again.res.statusCode, 409);
    const after = (await anon('GET', links.director!.code, undefined, token)).json();
    assert.deepEqual([after.draft, after.submitted], [null, true]);
    assert.equal(await responses(eq(surveyResponses.instrument, 'director')), 1);
  });

  test('several instruments answered: completion figures are exact; drafts are not counted', async () => {
    const submit = async (instrument: InstrumentCode, n: number) => {
      for (let k = 0; k < n; k++) {
        const r = await answer(links[instrument]!.code, answersFor(DEFAULT_INSTRUMENTS[instrument], k), true);
        assert.equal(r.res.statusCode, 200, r.res.body);
        assert.equal(r.body.status, 'submitted');
      }
    };
    await submit('students6', 2);
    await submit('students9', 2);
    await submit('parents', 2);
    await answer(links.parents!.code, { p_dummy: 1 }, false); // a draft only

    const regional = (await region57.get(`/api/surveys/campaigns/${campaignId}`)).json();
    const row = regional.schools.find((s: { schoolId: number }) => s.schoolId === ids.school1Id);
    const by = Object.fromEntries(row.completion.instruments.map((i: { instrument: string }) => [i.instrument, i]));
    assert.deepEqual(
      ['director', 'teachers', 'students6', 'students9', 'parents'].map((k) => [k, by[k].expected, by[k].received, by[k].missing, by[k].complete]),
      [
        ['director', 1, 1, 0, true],
        ['teachers', 0, 0, 0, true],
        ['students6', 3, 2, 1, false], // 70% of 3 → 3 needed
        ['students9', 2, 2, 0, true],
        ['parents', 5, 2, 1, false], // 50% of 5 → 3 needed
      ],
    );
    assert.equal(regional.completion.completed, 0);
    assert.equal(regional.completion.behind.length, 12);

    await submit('students6', 1);
    await submit('parents', 1);
    const now = (await region57.get(`/api/surveys/campaigns/${campaignId}`)).json();
    assert.deepEqual([now.completion.schools, now.completion.completed, now.completion.share], [12, 1, 0.083]);
    assert.ok(!now.completion.behind.some((b: { schoolId: number }) => b.schoolId === ids.school1Id));
    const own = (await school1.get(`/api/surveys/campaigns/${campaignId}/schools/${ids.school1Id}`)).json();
    const parents = own.links.find((l: Link) => l.instrument === 'parents');
    assert.deepEqual([parents.received, parents.drafts], [3, 1]);
    assert.equal(own.school.completion.complete, true);
    const mine = (await school1.get(`/api/surveys/campaigns/${campaignId}`)).json();
    assert.deepEqual([mine.completion.schools, mine.completion.completed, mine.completion.share], [1, 1, 1]);
  });

  test('flood guards: the cap counts finished answers, drafts expire, bursts follow the school numbers', async () => {
    // teachers: expected 0 → cap 5 finished answers; 5 new answers per 10 minutes (a third of the cap, at least 5)
    const def = DEFAULT_INSTRUMENTS.teachers;
    for (let k = 0; k < 5; k++) assert.equal((await answer(links.teachers!.code, answersFor(def, k), true)).res.statusCode, 200);
    const capped = await answer(links.teachers!.code, answersFor(def, 9), true);
    assert.equal(capped.res.statusCode, 429, capped.res.body);
    assert.match(capped.res.json().error.message, /уже получено 5 заполненных анкет/);

    // the director code (cap 3): empty drafts left open do not lock it (the probe locked it with four)
    const director = links.director!.code;
    for (let k = 0; k < 4; k++) {
      const r = await answer(director, {}, false);
      assert.equal(r.res.statusCode, 200, r.res.body);
    }
    // the burst of new answers through one code is bounded by the school's numbers: 5 for a cap of 3
    // (the director's answer of an earlier test is among them)
    let burst = await answer(director, {}, false);
    for (let k = 0; k < 5 && burst.res.statusCode === 200; k++) burst = await answer(director, {}, false);
    assert.equal(burst.res.statusCode, 429, burst.res.body);
    const startedRecently = await responses(sql`campaign_id = ${campaignId} and school_id = ${ids.school1Id} and instrument = 'director' and started_at > now() - interval '10 minutes'`);
    assert.equal(startedRecently, 5);
    assert.match(burst.res.json().error.message, /за последние 10 минут. Повторите через \d+ мин/);
    assert.ok(Number(burst.res.headers['retry-after']) > 0);
    // empty drafts untouched for an hour expire (and no longer count toward the burst either)
    const directorDrafts = and(eq(surveyResponses.campaignId, campaignId), eq(surveyResponses.schoolId, ids.school1Id), eq(surveyResponses.instrument, 'director'), eq(surveyResponses.status, 'draft'));
    const before = await responses(directorDrafts);
    await t.database.db.execute(sql`update survey_responses set updated_at = now() - interval '2 hours', started_at = now() - interval '2 hours' where campaign_id = ${campaignId} and school_id = ${ids.school1Id} and instrument = 'director' and status = 'draft' and answers = '{}'::jsonb`);
    const fresh = await answer(director, {}, false);
    assert.equal(fresh.res.statusCode, 200, fresh.res.body);
    assert.equal(await responses(directorDrafts), 1, `${before} empty stale drafts expired, one new`);

    // the curator-candidate code (cap 500): at most 60 new responses per 10 minutes
    const detail = (await region57.get(`/api/surveys/campaigns/${campaignId}`)).json();
    const code = detail.curatorLink.code as string;
    for (let k = 0; k < 60; k++) {
      const r = await answer(code, {}, false);
      assert.equal(r.res.statusCode, 200, r.res.body);
    }
    const flood = await answer(code, {}, false);
    assert.equal(flood.res.statusCode, 429);
    assert.ok(Number(flood.res.headers['retry-after']) > 0);
    assert.equal(await responses(and(eq(surveyResponses.campaignId, campaignId), isNull(surveyResponses.schoolId))), 60);
    const again = (await region57.get(`/api/surveys/campaigns/${campaignId}`)).json();
    assert.deepEqual([again.curatorLink.received, again.curatorLink.drafts], [0, 60]);
  });

  test('a leaked code is rotated: the old one stops working, answers stay, the new code starts clean', async () => {
    const url = `/api/surveys/campaigns/${campaignId}/schools/${ids.school1Id}/links/director/rotate`;
    assert.equal((await curator1.post(url)).statusCode, 403);
    assert.equal((await observer.post(url)).statusCode, 403);
    assert.equal((await school1.post(`/api/surveys/campaigns/${campaignId}/schools/${ids.school2Id}/links/director/rotate`)).statusCode, 404);
    const res = await school1.post(url);
    assert.equal(res.statusCode, 200, res.body);
    const { link } = res.json() as { link: Link };
    assert.notEqual(link.code, links.director!.code);
    assert.deepEqual([link.instrument, link.received, link.maxResponses, link.revoked], ['director', 1, 3, false]);
    assert.equal((await anon('GET', links.director!.code)).statusCode, 404);
    assert.equal((await anon('GET', link.code)).statusCode, 200);
    const own = (await school1.get(`/api/surveys/campaigns/${campaignId}/schools/${ids.school1Id}`)).json();
    assert.equal(own.links.find((l: Link) => l.instrument === 'director').code, link.code);
    // drafts of the old code are gone: nobody can continue them
    const drafts = and(eq(surveyResponses.campaignId, campaignId), eq(surveyResponses.schoolId, ids.school1Id), eq(surveyResponses.instrument, 'director'), eq(surveyResponses.status, 'draft'));
    assert.equal(await responses(drafts), 0);
    // the new code starts clean: its own 3 finished answers, then the cap
    const def = DEFAULT_INSTRUMENTS.director;
    for (let k = 0; k < 3; k++) assert.equal((await answer(link.code, answersFor(def, k), true)).res.statusCode, 200);
    assert.equal((await answer(link.code, answersFor(def, 5), true)).res.statusCode, 429);
    links.director = link;
  });

  test('owners edit the campaign with an optimistic version', async () => {
    const url = `/api/surveys/campaigns/${campaignId}`;
    assert.equal((await school1.patch(url, { version: 1, title: 'x' })).statusCode, 403);
    assert.equal((await kromy.patch(url, { version: 1, title: 'x' })).statusCode, 403);
    const res = await region57.patch(url, { version: 1, title: 'Анкетирование 2026', closesOn: day(20), activationRules: { minDirections: 2 } });
    assert.equal(res.statusCode, 200, res.body);
    const { campaign } = res.json();
    assert.deepEqual([campaign.version, campaign.title, campaign.closesOn, campaign.activationRules.minDirections, campaign.activationRules.maxDirections], [
      2,
      'Анкетирование 2026',
      day(20),
      2,
      2,
    ]);
    assert.equal((await region57.patch(url, { version: 1, title: 'Старое' })).statusCode, 409);
    assert.equal((await region57.patch(url, { version: 2, closesOn: '2020-01-01' })).statusCode, 400);
  });

  test('a scheduled campaign refuses answers; a federal campaign is seen within each territory', async () => {
    const res = await fed.post('/api/surveys/campaigns', { cycleId: ids.cycleId, regionId: null, title: 'Федеральное анкетирование', opensOn: day(3), closesOn: day(10) });
    assert.equal(res.statusCode, 201, res.body);
    const { campaign } = res.json();
    assert.deepEqual([campaign.territory, campaign.status, campaign.schoolCount], ['Российская Федерация', 'scheduled', 12]);
    assert.equal((await admin.post('/api/surveys/campaigns', { cycleId: ids.cycleId, regionId: null, title: 'Ещё одно', opensOn: day(3), closesOn: day(10) })).statusCode, 409);
    const own = (await school1.get(`/api/surveys/campaigns/${campaign.id}/schools/${ids.school1Id}`)).json();
    const code = own.links[0].code;
    const refused = await answer(code, {}, false);
    assert.equal(refused.res.statusCode, 409);
    assert.match(refused.res.json().error.message, /ещё не началось/);
    assert.equal((await anon('GET', code)).json().campaign.status, 'scheduled');
    const list = (await school1.get('/api/surveys/campaigns')).json();
    assert.deepEqual(list.items.map((c: { schoolCount: number }) => c.schoolCount), [1, 1]);
    const regional = (await region57.get(`/api/surveys/campaigns/${campaign.id}`)).json();
    assert.equal(regional.schools.length, 12);
    assert.equal(regional.curatorLink, null, 'a regional coordinator does not own the federal campaign');
    assert.equal((await region57.post(`/api/surveys/campaigns/${campaign.id}/close`)).statusCode, 403);
  });

  test('closing computes every profile in the same transaction; a closed campaign refuses answers', async () => {
    assert.equal((await school1.post(`/api/surveys/campaigns/${campaignId}/close`)).statusCode, 403);
    const res = await region57.post(`/api/surveys/campaigns/${campaignId}/close`);
    assert.equal(res.statusCode, 200, res.body);
    const { campaign, computed } = res.json();
    assert.equal(computed, 12);
    assert.equal(campaign.status, 'closed');
    assert.ok(campaign.closedAt);
    assert.ok(campaign.profilesComputedAt);
    const profiles = await t.database.db.select().from(riskProfiles).where(eq(riskProfiles.campaignId, campaignId));
    assert.equal(profiles.length, 12);
    const mine = profiles.find((p) => p.schoolId === ids.school1Id)!;
    assert.deepEqual(mine.answerCounts, { director: 4, teachers: 5, students6: 3, students9: 2, parents: 3 });

    const row = (await school1.get(`/api/surveys/campaigns/${campaignId}`)).json().schools[0];
    assert.deepEqual([row.profileId, row.verification], [mine.id, 'pending']);

    const refused = await answer(links.students6!.code, answersFor(DEFAULT_INSTRUMENTS.students6), true);
    assert.equal(refused.res.statusCode, 409);
    assert.match(refused.res.json().error.message, /завершено/);
    assert.equal((await region57.post(`/api/surveys/campaigns/${campaignId}/close`)).statusCode, 409);
    assert.equal(
      (await school1.put(`/api/surveys/campaigns/${campaignId}/schools/${ids.school1Id}/facts`, { teachers: 1, students6: 1, students9: 1 })).statusCode,
      409,
    );
  });
});
