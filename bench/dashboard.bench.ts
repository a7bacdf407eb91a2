// Territory dashboard at the scale of a region of 1,000 schools (synthetic, seeded): 25 municipalities, every school
// in the cycle with a questionnaire campaign (facts, ~5 answers per school), a risk profile, directions, documents
// (concept, programme, roadmap, anti-risk programme, evidence), curator visits, and roadmaps — the region's, one per
// municipality and one per school (8 activities each, approved, one dated execution fact per activity).
//   dashboard: region        — GET /api/dashboard's service for the regional coordinator (region view, 25 children)
//   dashboard: municipality  — the same for one municipality (40 schools as children)
//   stage report XLSX        — the region's stage report, data gathering and the XLSX file
// Baseline, measured interleaved in the same run: a plain SELECT of the region's schools (id, name, municipality).
import { sql } from 'drizzle-orm';
import type { Actor } from '../domain/access/policy.js';
import { seededRandom } from '../domain/documents/sampling.js';
import type { Db } from '../server/db/client.js';
import {
  campaignSchools,
  curatorVisits,
  cycles,
  cycleSchools,
  itemExecutions,
  municipalities,
  regions,
  riskDirections,
  riskProfiles,
  roadmapItems,
  roadmaps,
  schoolDocuments,
  schools,
  surveyCampaigns,
  users,
} from '../server/db/schema.js';
import { ensureStages } from '../server/modules/monitoring/stages.js';
import { approveDraftsOfCycle } from '../server/modules/roadmaps/queries.js';
import { ReportFiles, ReportsService } from '../server/modules/reports/service.js';
import { compare, DEFAULT_OPTIONS, QUICK_OPTIONS, type Benchmark, type BenchRow } from './lib.js';

const SCHOOLS = 1000;
const MUNICIPALITIES = 25;
const ITEMS = 8;

async function chunked<T>(rows: T[], size: number, insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

async function setup(db: Db, log: (m: string) => void) {
  const random = seededRandom('medk-bench-dashboard');
  const [region] = await db.insert(regions).values({ code: '90', name: 'Синтетическая область' }).returning();
  const regionId = region!.id;
  const [cycle] = await db.insert(cycles).values({ year: 2026, title: 'Проект 500+ — 2026', status: 'active' }).returning();
  const cycleId = cycle!.id;
  const [coordinator] = await db
    .insert(users)
    .values({ login: 'bench-region', role: 'regional_coordinator', fullName: 'Координатор', passwordHash: 'x', regionId })
    .returning();
  const mos = await db
    .insert(municipalities)
    .values(Array.from({ length: MUNICIPALITIES }, (_, k) => ({ regionId, code: `90-${k + 1}`, name: `Район ${k + 1}` })))
    .returning();
  const schoolRows = await db
    .insert(schools)
    .values(
      Array.from({ length: SCHOOLS }, (_, k) => ({
        regionId,
        municipalityId: mos[k % MUNICIPALITIES]!.id,
        code: `90-s${k + 1}`,
        fullName: `Школа ${k + 1}`,
        shortName: `Школа ${k + 1}`,
        locality: 'rural' as const,
      })),
    )
    .returning({ id: schools.id, municipalityId: schools.municipalityId });
  await db.insert(cycleSchools).values(schoolRows.map((s) => ({ cycleId, schoolId: s.id })));
  const stages = await ensureStages(db, { id: cycleId, year: 2026 });
  log(`${SCHOOLS} schools; questionnaires, profiles, directions, documents, visits`);

  const [campaign] = await db
    .insert(surveyCampaigns)
    .values({ cycleId, regionId, title: 'Анкетирование', opensOn: '2026-02-01', closesOn: '2026-03-01', methodologyVersion: 1, instrumentVersions: { director: 1 } })
    .returning();
  await chunked(schoolRows, 500, (b) =>
    db.insert(campaignSchools).values(b.map((s) => ({ campaignId: campaign!.id, schoolId: s.id, teachers: 4, students6: 0, students9: 0, parents: 0 }))),
  );
  // answers: a link per school (director, teachers) and 1 + 0..4 submitted answers
  await db.execute(sql`insert into respondent_links (campaign_id, school_id, instrument, code, max_responses)
    select ${campaign!.id}, s.id, i.instrument, 'B' || s.id || i.instrument, 100 from schools s cross join (values ('director'), ('teachers')) as i(instrument)
    where s.region_id = ${regionId}`);
  await db.execute(sql`insert into survey_responses (link_id, campaign_id, school_id, instrument, instrument_version, answers, status, token_hash, submitted_at)
    select l.id, l.campaign_id, l.school_id, l.instrument, 1, '{}'::jsonb, 'submitted', 'tok-' || l.id || '-' || g, now()
    from respondent_links l cross join generate_series(1, 4) g
    where l.campaign_id = ${campaign!.id} and (l.instrument = 'teachers' or g = 1) and (l.school_id + g) % 3 <> 0`);
  await chunked(schoolRows, 500, (b) =>
    db.insert(riskProfiles).values(
      b.map((s) => ({
        campaignId: campaign!.id,
        schoolId: s.id,
        methodologyVersion: 1,
        result: { factors: [] },
        verification: random() < 0.6 ? ('verified' as const) : ('pending' as const),
      })),
    ),
  );
  const withDirection = schoolRows.filter(() => random() < 0.8);
  await chunked(withDirection, 500, (b) => db.insert(riskDirections).values(b.map((s) => ({ cycleId, schoolId: s.id, factorCode: 'low_motivation' }))));
  const docs: (typeof schoolDocuments.$inferInsert)[] = [];
  const status = () => (random() < 0.5 ? ('confirmed' as const) : random() < 0.5 ? ('submitted' as const) : ('draft' as const));
  for (const s of schoolRows) {
    for (const kind of ['concept', 'midterm_programme', 'school_roadmap'] as const) docs.push({ cycleId, schoolId: s.id, slotKey: kind, kind, status: status() });
    docs.push({ cycleId, schoolId: s.id, slotKey: 'antirisk_programme:low_motivation', kind: 'antirisk_programme', factorCode: 'low_motivation', status: status() });
    docs.push({ cycleId, schoolId: s.id, slotKey: 'evidence:1:low_motivation', kind: 'evidence', factorCode: 'low_motivation', stageId: stages[0]!.id, status: status() });
  }
  await chunked(docs, 1000, (b) => db.insert(schoolDocuments).values(b));
  const visits = schoolRows.filter(() => random() < 0.7).map((s) => ({ cycleId, schoolId: s.id, visitedOn: '2026-03-15', format: 'onsite' as const }));
  await chunked(visits, 1000, (b) => db.insert(curatorVisits).values(b));

  log('roadmaps: the region, 25 municipalities, 1,000 schools, 8 activities each, approved, a dated fact per activity');
  const owners: (typeof roadmaps.$inferInsert)[] = [
    { cycleId, level: 'regional', regionId, title: 'Региональная дорожная карта', year: 2026 },
    ...mos.map((m) => ({ cycleId, level: 'municipal' as const, regionId, municipalityId: m.id, title: `Дорожная карта: ${m.name}`, year: 2026 })),
    ...schoolRows.map((s) => ({ cycleId, level: 'school' as const, regionId, municipalityId: s.municipalityId, schoolId: s.id, title: 'Дорожная карта школы', year: 2026 })),
  ];
  const rmIds: number[] = [];
  await chunked(owners, 500, async (b) => rmIds.push(...(await db.insert(roadmaps).values(b).returning({ id: roadmaps.id })).map((r) => r.id)));
  const items: (typeof roadmapItems.$inferInsert)[] = [];
  for (const id of rmIds) {
    for (let k = 0; k < ITEMS; k++) {
      items.push({ roadmapId: id, position: k + 1, number: String(k + 1), title: `Мероприятие ${k + 1}`, dueDate: `2026-${String(3 + k).padStart(2, '0')}-15` });
    }
  }
  const itemIds: number[] = [];
  await chunked(items, 1000, async (b) => itemIds.push(...(await db.insert(roadmapItems).values(b).returning({ id: roadmapItems.id })).map((r) => r.id)));
  // approved by their orders; one dated execution fact per (one-off) activity
  await approveDraftsOfCycle(db, cycleId);
  const marks: (typeof itemExecutions.$inferInsert)[] = [];
  const mark = () => (random() < 0.5 ? ('confirmed' as const) : random() < 0.5 ? ('done' as const) : ('in_progress' as const));
  itemIds.forEach((itemId, k) => {
    const status = mark();
    marks.push({ itemId, stageId: null, status, executedOn: status === 'in_progress' ? null : `2026-${String(3 + (k % ITEMS)).padStart(2, '0')}-10` });
  });
  await chunked(marks, 1000, (b) => db.insert(itemExecutions).values(b));

  const actor: Actor = { userId: coordinator!.id, role: 'regional_coordinator', regionId, municipalityId: null, schoolId: null, curatedSchools: [] };
  return { actor, cycleId, regionId, municipalityId: mos[0]!.id, counts: { roadmaps: rmIds.length, items: itemIds.length, marks: marks.length, documents: docs.length } };
}

export const dashboardBench: Benchmark = {
  name: 'dashboard',
  description: 'Territory dashboard and stage report for a synthetic region of 1,000 schools',
  baseline: "a plain SELECT of the region's schools (id, name, municipality)",
  async run(ctx) {
    const db = ctx.database.db;
    const { actor, cycleId, regionId, municipalityId, counts } = await setup(db, ctx.log);
    const service = new ReportsService(db);
    const files = new ReportFiles(db, service);
    let regionSchools = 0;
    let children = 0;
    let bytes = 0;
    const opts = ctx.quick ? QUICK_OPTIONS : DEFAULT_OPTIONS;
    ctx.log('timing');
    const r = await compare(
      {
        'select schools': async () => {
          const res = await db.execute(sql`select id, short_name, municipality_id from schools where region_id = ${regionId} order by short_name`);
          regionSchools = (res as unknown as { rows: unknown[] }).rows.length;
        },
        'dashboard: region': async () => {
          children = (await service.dashboard(actor, { cycleId, regionId })).children.length;
        },
        'dashboard: municipality': async () => {
          await service.dashboard(actor, { cycleId, municipalityId });
        },
        'stage report XLSX': async () => {
          bytes = (await files.stage(actor, { cycleId, regionId, format: 'xlsx' })).body.length;
        },
      },
      opts,
    );
    const rows: BenchRow[] = [
      { label: 'select schools', unit: 'request', stats: r['select schools']!, note: `${regionSchools} schools` },
      {
        label: 'dashboard: region',
        unit: 'request',
        stats: r['dashboard: region']!,
        baseline: 'select schools',
        note: `${children} municipalities; ${counts.roadmaps} roadmaps, ${counts.items} activities, ${counts.marks} marks, ${counts.documents} documents`,
      },
      { label: 'dashboard: municipality', unit: 'request', stats: r['dashboard: municipality']!, baseline: 'select schools', note: `${SCHOOLS / MUNICIPALITIES} schools` },
      { label: 'stage report XLSX', unit: 'request', stats: r['stage report XLSX']!, baseline: 'select schools', note: `${Math.round(bytes / 1024)} KB` },
    ];
    return rows;
  },
};
