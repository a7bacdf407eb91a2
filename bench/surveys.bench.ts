// Questionnaires at the scale of a region of 1,000 schools (synthetic, seeded):
//   answer            — one completed questionnaire through the public answering path (RespondService.answer:
//                       code lookup, window check, flood guards under a row lock, cleaning, required check,
//                       insert) — printed as answers/s;
//   compute profiles  — computeCampaignProfiles over every school of the campaign after ~41,000 answers
//                       (director 1, teachers 10, grade 6 10, grade 9 10, parents 10 per school) — seconds.
// Baselines, measured in the same run: for `answer`, a bare INSERT of the same JSON into a plain table in
// its own transaction; for `compute profiles`, one SELECT reading every submitted answer of the campaign
// (the floor of any computation over them).
import { sql } from 'drizzle-orm';
import type { Actor } from '../domain/access/policy.js';
import { seededRandom } from '../domain/documents/sampling.js';
import { DEFAULT_INSTRUMENTS, type SchoolInstrumentCode } from '../domain/surveys/index.js';
import type { Db } from '../server/db/client.js';
import { cycles, cycleSchools, municipalities, regions, schools, users } from '../server/db/schema.js';
import { syntheticAnswers } from '../server/demo/answers.js';
import { computeCampaignProfiles } from '../server/modules/risk-profiles/compute.js';
import { RespondService } from '../server/modules/surveys/respond.js';
import { SurveysService } from '../server/modules/surveys/service.js';
import { compare, DEFAULT_OPTIONS, QUICK_OPTIONS, stats, time, type Benchmark, type BenchRow } from './lib.js';

const SCHOOLS = 1000;
const MUNICIPALITIES = 25;
/** Answers per school and instrument in the filled dataset. */
const PER_INSTRUMENT: Record<SchoolInstrumentCode, number> = { director: 1, teachers: 10, students6: 10, students9: 10, parents: 10 };

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function setup(db: Db, log: (m: string) => void) {
  const [region] = await db.insert(regions).values({ code: '90', name: 'Синтетическая область' }).returning();
  const [cycle] = await db.insert(cycles).values({ year: 2026, title: 'Проект 500+ — 2026', status: 'active' }).returning();
  const [admin] = await db.insert(users).values({ login: 'bench-admin', role: 'admin', fullName: 'Администратор', passwordHash: 'x' }).returning();
  const mos = await db
    .insert(municipalities)
    .values(Array.from({ length: MUNICIPALITIES }, (_, k) => ({ regionId: region!.id, code: `90-${k + 1}`, name: `Район ${k + 1}` })))
    .returning();
  const schoolRows = await db
    .insert(schools)
    .values(
      Array.from({ length: SCHOOLS }, (_, k) => ({
        regionId: region!.id,
        municipalityId: mos[k % MUNICIPALITIES]!.id,
        code: `90-s${k + 1}`,
        fullName: `Школа ${k + 1}`,
        shortName: `Школа ${k + 1}`,
        locality: 'rural' as const,
      })),
    )
    .returning({ id: schools.id });
  await db.insert(cycleSchools).values(schoolRows.map((s) => ({ cycleId: cycle!.id, schoolId: s.id })));
  const actor: Actor = { userId: admin!.id, role: 'admin', regionId: null, municipalityId: null, schoolId: null, curatedSchools: [] };
  const who = { userId: admin!.id, login: 'bench-admin' };
  log(`${SCHOOLS} schools created; opening the campaign`);
  const { campaign } = await new SurveysService(db).create(actor, who, {
    cycleId: cycle!.id,
    regionId: region!.id,
    title: 'Анкетирование (синтетическое)',
    opensOn: isoDay(-1),
    closesOn: isoDay(30),
  });
  await db.execute(sql`update campaign_schools set teachers = 20, students6 = 25, students9 = 25, parents = 50 where campaign_id = ${campaign.id}`);
  await db.execute(sql`update respondent_links set max_responses = 1000000 where campaign_id = ${campaign.id}`);
  const res = await db.execute(sql`select code, instrument, school_id from respondent_links where campaign_id = ${campaign.id} and school_id is not null order by id`);
  const links = (res as unknown as { rows: { code: string; instrument: SchoolInstrumentCode; school_id: number }[] }).rows;
  return { campaignId: campaign.id, links };
}

export const surveysAnswers: Benchmark = {
  name: 'surveys',
  description: 'Answers ingested through respondent codes and risk profiles computed for a synthetic region of 1,000 schools',
  baseline: 'answer: a bare INSERT of the same JSON in its own transaction; compute: one SELECT of every submitted answer',
  async run(ctx) {
    const db = ctx.database.db;
    const { campaignId, links } = await setup(db, ctx.log);
    const tendency = new Map<number, number>();
    const random = seededRandom('medk-bench-surveys');
    for (const l of links) if (!tendency.has(l.school_id)) tendency.set(l.school_id, random());
    const respond = new RespondService(db);
    await db.execute(sql`create table bench_answer (id bigserial primary key, answers jsonb not null)`);

    // ---- answer: the public path vs a bare insert, interleaved; codes rotate over schools and instruments
    let next = 0;
    const nextLink = () => links[next++ % links.length]!;
    const answersOf = (l: (typeof links)[number]) => syntheticAnswers(DEFAULT_INSTRUMENTS[l.instrument], tendency.get(l.school_id)!, random);
    const opts = ctx.quick ? QUICK_OPTIONS : { ...DEFAULT_OPTIONS, maxRounds: 400 };
    const answered = await compare(
      {
        'bare insert': async () => {
          const a = JSON.stringify(answersOf(nextLink()));
          await db.transaction(async (tx) => {
            await tx.execute(sql`insert into bench_answer (answers) values (${a}::jsonb)`);
          });
        },
        answer: async () => {
          const l = nextLink();
          await respond.answer(l.code, undefined, { answers: answersOf(l), complete: true });
        },
      },
      opts,
    );

    // ---- fill the dataset up to PER_INSTRUMENT answers per school and instrument (batched, untimed)
    ctx.log('filling ~41,000 answers');
    const counts = await db.execute(
      sql`select school_id, instrument, count(*)::int as n from survey_responses where campaign_id = ${campaignId} group by 1, 2`,
    );
    const have = new Map((counts as unknown as { rows: { school_id: number; instrument: string; n: number }[] }).rows.map((r) => [`${r.school_id}:${r.instrument}`, r.n]));
    const rows: { linkId: string; schoolId: number; instrument: string; answers: string; token: string }[] = [];
    const linkIds = await db.execute(sql`select id, code from respondent_links where campaign_id = ${campaignId}`);
    const idOf = new Map((linkIds as unknown as { rows: { id: number; code: string }[] }).rows.map((r) => [r.code, String(r.id)]));
    for (const l of links) {
      const missing = PER_INSTRUMENT[l.instrument] - (have.get(`${l.school_id}:${l.instrument}`) ?? 0);
      for (let k = 0; k < missing; k++) {
        rows.push({ linkId: idOf.get(l.code)!, schoolId: l.school_id, instrument: l.instrument, answers: JSON.stringify(answersOf(l)), token: `fill-${rows.length}` });
      }
    }
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = rows.slice(i, i + 1000);
      const values = sql.join(
        batch.map((r) => sql`(${r.linkId}::int, ${campaignId}, ${r.schoolId}, ${r.instrument}, 1, ${r.answers}::jsonb, 'submitted', ${r.token}, now())`),
        sql`, `,
      );
      await db.execute(
        sql`insert into survey_responses (link_id, campaign_id, school_id, instrument, instrument_version, answers, status, token_hash, submitted_at) values ${values}`,
      );
    }
    const total = Number(
      ((await db.execute(sql`select count(*)::int as n from survey_responses where campaign_id = ${campaignId} and status = 'submitted'`)) as unknown as { rows: { n: number }[] })
        .rows[0]!.n,
    );

    // ---- compute profiles vs reading every answer once, interleaved, a few rounds (each is seconds)
    ctx.log(`computing profiles over ${total} answers`);
    const readAll: number[] = [];
    const computeAll: number[] = [];
    let computed = 0;
    const rounds = ctx.quick ? 1 : 3;
    for (let r = 0; r < rounds; r++) {
      readAll.push(await time(() => db.execute(sql`select school_id, instrument, answers from survey_responses where campaign_id = ${campaignId} and status = 'submitted'`)));
      computeAll.push(
        await time(async () => {
          computed = (await db.transaction((tx) => computeCampaignProfiles(tx, campaignId))).computed;
        }),
      );
    }
    const perSecond = (ms: number) => Math.round(1000 / ms);
    const rowsOut: BenchRow[] = [
      { label: 'bare insert', unit: 'answer', stats: answered['bare insert']!, note: `${perSecond(answered['bare insert']!.median)} answers/s` },
      { label: 'answer', unit: 'answer', stats: answered.answer!, baseline: 'bare insert', note: `${perSecond(answered.answer!.median)} answers/s through respondent codes` },
      { label: 'read all answers', unit: 'run', stats: stats(readAll), note: `${total} answers` },
      {
        label: 'compute profiles',
        unit: 'run',
        stats: stats(computeAll),
        baseline: 'read all answers',
        note: `${computed} schools in ${(stats(computeAll).median / 1000).toFixed(1)} s`,
      },
    ];
    return rowsOut;
  },
};
