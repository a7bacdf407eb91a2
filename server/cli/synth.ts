// `medk synth`: a reproducible synthetic national dataset for load tests and sizing — regions, municipalities,
// schools with realistic Russian names, a project cycle with selected schools, accounts of every role (all with
// ONE precomputed argon2 hash), curator assignments, monitoring stages, regional roadmaps and municipal copies.
// With --answers, the questionnaire year follows (synth-answers.ts). The same seed gives the same data. Rows go in
// with multi-row INSERTs (≤ 1000 rows each) in one transaction.
import { sql } from 'drizzle-orm';
import type { Role } from '../../domain/access/roles.js';
import { defaultStages } from '../../domain/monitoring/stages.js';
import { recogniseParties } from '../../domain/roadmaps/parties.js';
import { dueDate, parseTiming } from '../../domain/roadmaps/index.js';
import { baseLogin } from '../../domain/users/accounts.js';
import type { Tx } from '../db/client.js';
import type { FileStorage } from '../storage/index.js';
import { approveDraftsOfCycle } from '../modules/roadmaps/queries.js';
import {
  curatorAssignments,
  cycles,
  cycleSchools,
  monitoringStages,
  municipalities,
  regions,
  roadmapItems,
  roadmaps,
  schools,
  users,
} from '../db/schema.js';
import { formatCount, formatSeconds, type Io } from './cli.js';
import { Progress } from './progress.js';
import { DEFAULT_ANSWERS, synthesizeAnswers } from './synth-answers.js';
import {
  FEMALE_NAMES,
  MALE_NAMES,
  PATRONYMIC_STEMS,
  REGIONS,
  ROADMAP_ITEMS,
  STREETS,
  SURNAMES,
  TOWNS,
  VILLAGES,
} from './synth-names.js';

export interface SynthOptions {
  regions: number;
  municipalities: number;
  schools: number;
  seed: number;
  year: number;
  /** Share of schools selected into the cycle, percent. */
  selectedPercent: number;
  /** Schools per curator. */
  schoolsPerCurator: number;
  roadmaps: boolean;
  /** Questionnaires, risk profiles, visits and documents (synth-answers.ts). */
  answers: boolean;
  /** Answers per respondent group (teachers, grade 6 and 9 students, parents) of a school; the director answers once. */
  respondents?: number;
  /** Where the shared document files of --answers are written. */
  storage?: FileStorage;
  quiet?: boolean;
}

export const BATCH_ROWS = 1000;

/** mulberry32: a small, fast, seedable PRNG (the same seed gives the same dataset). */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}

/** Split total into parts proportional to weights, each at least `min` (when total allows). */
export function allocate(total: number, weights: number[], min: number): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const floor = total >= n * min ? min : 0;
  const rest = total - floor * n;
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const exact = weights.map((w) => (w / sum) * rest);
  const out = exact.map((x) => floor + Math.floor(x));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) {
    const index = order[k]?.[1] ?? 0;
    out[index] = (out[index] ?? 0) + 1;
  }
  return out;
}

const TYPE_FULL: Record<string, string> = {
  МБОУ: 'Муниципальное бюджетное общеобразовательное учреждение',
  МАОУ: 'Муниципальное автономное общеобразовательное учреждение',
  МКОУ: 'Муниципальное казённое общеобразовательное учреждение',
  МОУ: 'Муниципальное общеобразовательное учреждение',
};
const KIND_FULL: Record<string, string> = {
  СОШ: 'Средняя общеобразовательная школа',
  ООШ: 'Основная общеобразовательная школа',
  НОШ: 'Начальная общеобразовательная школа',
  Гимназия: 'Гимназия',
  Лицей: 'Лицей',
};

function person(rng: Rng): string {
  const female = rng.next() < 0.75; // most teachers and curators are women
  const surname = rng.pick(SURNAMES);
  const patronymic = rng.pick(PATRONYMIC_STEMS);
  return female
    ? `${surname}а ${rng.pick(FEMALE_NAMES)} ${patronymic}на`
    : `${surname} ${rng.pick(MALE_NAMES)} ${patronymic}ич`;
}

type SchoolRow = typeof schools.$inferInsert;
type UserRow = typeof users.$inferInsert;

interface Timer {
  stage: string;
  rows: number;
  ms: number;
}

export interface SynthResult {
  counts: Record<string, number>;
  timings: Timer[];
  totalMs: number;
}

async function insertAll<R>(
  io: Io,
  label: string,
  rows: R[],
  quiet: boolean,
  insert: (chunk: R[]) => Promise<unknown>,
  timings: Timer[],
): Promise<void> {
  const progress = new Progress(io, label, rows.length, quiet);
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    const chunk = rows.slice(i, i + BATCH_ROWS);
    await insert(chunk);
    progress.tick(chunk.length);
  }
  timings.push({ stage: label, rows: rows.length, ms: progress.finish() });
}

export async function synthesize(io: Io, db: Tx, passwordHash: string, options: SynthOptions): Promise<SynthResult> {
  const rng = new Rng(options.seed);
  const quiet = Boolean(options.quiet);
  const timings: Timer[] = [];
  const counts: Record<string, number> = {};
  const started = Date.now();
  const year = options.year;

  // ——— plan territories (pure, from the seed) ———
  const regionPlan = Array.from({ length: options.regions }, (_, i) => {
    const known = REGIONS[i];
    return { code: known?.[0] ?? String(100 + i), name: known?.[1] ?? `Субъект РФ №${i + 1}` };
  });
  const muniCounts = allocate(options.municipalities, regionPlan.map(() => 0.4 + rng.next() * 1.2), 1);
  const muniPlan: { regionIndex: number; code: string; name: string; town: string; city: boolean }[] = [];
  regionPlan.forEach((region, r) => {
    const towns = rng.shuffle(TOWNS);
    const width = (muniCounts[r] ?? 0) > 99 ? 3 : 2;
    for (let k = 0; k < (muniCounts[r] ?? 0); k++) {
      const [town, adjective] = towns[k % towns.length] as [string, string];
      const round = Math.floor(k / towns.length);
      const city = round === 0 ? rng.next() < 0.25 : round % 2 === 1;
      const base = city ? (rng.next() < 0.5 ? `город ${town}` : `городской округ ${town}`) : `${adjective} район`;
      muniPlan.push({
        regionIndex: r,
        code: `${region.code}-${String(k + 1).padStart(width, '0')}`,
        name: round >= 2 ? `${base} (${round})` : base,
        town,
        city,
      });
    }
  });
  const schoolCounts = allocate(options.schools, muniPlan.map(() => Math.exp(rng.next() * 1.6)), 1);

  await db.transaction(async (tx) => {
    // ——— regions ———
    const regionIds: number[] = [];
    await insertAll(io, 'regions', regionPlan, quiet, async (chunk) => {
      const rows = await tx.insert(regions).values(chunk).returning({ id: regions.id, code: regions.code });
      const byCode = new Map(rows.map((r) => [r.code, r.id]));
      for (const r of chunk) regionIds.push(byCode.get(r.code) as number);
    }, timings);
    counts.regions = regionPlan.length;

    // ——— municipalities ———
    const muniIds: number[] = [];
    await insertAll(io, 'municipalities', muniPlan, quiet, async (chunk) => {
      const rows = await tx
        .insert(municipalities)
        .values(chunk.map((m) => ({ regionId: regionIds[m.regionIndex] as number, code: m.code, name: m.name })))
        .returning({ id: municipalities.id, code: municipalities.code });
      const byCode = new Map(rows.map((r) => [r.code, r.id]));
      for (const m of chunk) muniIds.push(byCode.get(m.code) as number);
    }, timings);
    counts.municipalities = muniPlan.length;

    // ——— schools ———
    const schoolPlan: (SchoolRow & { muniIndex: number; selected: boolean })[] = [];
    muniPlan.forEach((m, mi) => {
      const region = regionPlan[m.regionIndex] as { name: string };
      const usedNames = new Set<string>();
      let urbanNumber = 0;
      const n = schoolCounts[mi] ?? 0;
      const width = n > 999 ? 4 : 3;
      for (let k = 0; k < n; k++) {
        const urban = rng.next() < (m.city ? 0.9 : 0.3);
        let shortName: string;
        let fullName: string;
        let place: string;
        if (urban) {
          urbanNumber += rng.int(1, 3);
          const roll = rng.next();
          const kind = roll < 0.75 ? 'СОШ' : roll < 0.85 ? 'Гимназия' : roll < 0.92 ? 'Лицей' : 'ООШ';
          const type = kind === 'Гимназия' || kind === 'Лицей' ? 'МАОУ' : rng.next() < 0.8 ? 'МБОУ' : 'МОУ';
          shortName = `${type} «${kind} №${urbanNumber}» г. ${m.town}`;
          fullName = `${TYPE_FULL[type]} «${KIND_FULL[kind]} №${urbanNumber}» г. ${m.town}`;
          place = `г. ${m.town}`;
        } else {
          const [village, adjective] = rng.pick(VILLAGES);
          const roll = rng.next();
          const kind = roll < 0.6 ? 'СОШ' : roll < 0.95 ? 'ООШ' : 'НОШ';
          const type = rng.next() < 0.5 ? 'МКОУ' : 'МБОУ';
          let suffix = '';
          for (let no = 2; usedNames.has(`${type}${adjective}${kind}${suffix}`); no++) suffix = ` №${no}`;
          usedNames.add(`${type}${adjective}${kind}${suffix}`);
          shortName = `${type} «${adjective} ${kind}${suffix}»`;
          fullName = `${TYPE_FULL[type]} «${adjective} ${(KIND_FULL[kind] as string).toLowerCase()}${suffix}»`;
          place = `с. ${village}`;
        }
        const students = urban ? rng.int(250, 1300) : rng.int(25, 320);
        const code = `${m.code}-${String(k + 1).padStart(width, '0')}`;
        schoolPlan.push({
          muniIndex: mi,
          selected: rng.next() * 100 < options.selectedPercent,
          regionId: regionIds[m.regionIndex] as number,
          municipalityId: muniIds[mi] as number,
          code,
          fullName,
          shortName,
          address: `${region.name}, ${m.name}, ${place}, ул. ${rng.pick(STREETS)}, д. ${rng.int(1, 120)}`,
          locality: urban ? 'urban' : 'rural',
          directorName: person(rng),
          email: `school-${code}@edu.example.ru`,
          phone: `+7 (${rng.int(400, 499)}) ${rng.int(100, 999)}-${rng.int(10, 99)}-${rng.int(10, 99)}`,
          context: {
            students,
            teachers: Math.max(4, Math.round(students / rng.int(11, 16))),
            classes6: urban ? rng.int(2, 5) : 1,
            classes9: urban ? rng.int(2, 5) : 1,
          },
        });
      }
    });
    const schoolIds = new Map<string, number>();
    await insertAll(io, 'schools', schoolPlan, quiet, async (chunk) => {
      const rows = await tx
        .insert(schools)
        .values(chunk.map(({ muniIndex: _m, selected: _s, ...s }) => s))
        .returning({ id: schools.id, code: schools.code });
      for (const r of rows) schoolIds.set(r.code, r.id);
    }, timings);
    counts.schools = schoolPlan.length;

    // ——— cycle, stages, selection ———
    const t0 = Date.now();
    const [cycle] = await tx
      .insert(cycles)
      .values({ year, title: `Проект 500+ — ${year}`, status: 'active' })
      .returning({ id: cycles.id });
    if (!cycle) throw new Error('cycle not created');
    const stages = await tx
      .insert(monitoringStages)
      .values(defaultStages(year).map((s) => ({ ...s, cycleId: cycle.id })))
      .returning({ id: monitoringStages.id, number: monitoringStages.number, measuredOn: monitoringStages.measuredOn });
    timings.push({ stage: 'cycle', rows: 4, ms: Date.now() - t0 });
    const selected = schoolPlan.filter((s) => s.selected);
    await insertAll(io, 'cycle_schools', selected, quiet, async (chunk) => {
      await tx.insert(cycleSchools).values(chunk.map((s) => ({ cycleId: cycle.id, schoolId: schoolIds.get(s.code) as number })));
    }, timings);
    counts.selectedSchools = selected.length;

    // ——— accounts (one hash for all) ———
    const account = (login: string, role: Role, fullName: string, binding: Partial<Pick<UserRow, 'regionId' | 'municipalityId' | 'schoolId'>> = {}): UserRow => ({
      login,
      role,
      fullName,
      passwordHash,
      mustChangePassword: false,
      regionId: binding.regionId ?? null,
      municipalityId: binding.municipalityId ?? null,
      schoolId: binding.schoolId ?? null,
    });
    const userPlan: UserRow[] = [
      account('admin', 'admin', 'Администратор системы'),
      account('fed', 'federal_coordinator', 'Федеральный координатор (ФИОКО)'),
      account('expert', 'expert', 'Эксперт федеральной экспертизы'),
    ];
    regionPlan.forEach((r, i) => userPlan.push(account(`region${r.code}`, 'regional_coordinator', person(rng), { regionId: regionIds[i] })));
    muniPlan.forEach((m, i) =>
      userPlan.push(account(`mo-${m.code}`, 'municipal_coordinator', person(rng), { regionId: regionIds[m.regionIndex], municipalityId: muniIds[i] })),
    );
    // Curators: one per `schoolsPerCurator` selected schools of a region, assigned round-robin.
    const assignmentsPlan: { curatorLogin: string; schoolCode: string }[] = [];
    regionPlan.forEach((r, ri) => {
      const own = selected.filter((s) => muniPlan[s.muniIndex]?.regionIndex === ri);
      const curators = Math.ceil(own.length / options.schoolsPerCurator);
      for (let c = 0; c < curators; c++) {
        userPlan.push(account(`curator-${r.code}-${String(c + 1).padStart(3, '0')}`, 'curator', person(rng), { regionId: regionIds[ri] }));
      }
      own.forEach((s, k) => assignmentsPlan.push({ curatorLogin: `curator-${r.code}-${String((k % curators) + 1).padStart(3, '0')}`, schoolCode: s.code }));
    });
    const schoolLogins = new Map<string, string>();
    for (const s of selected) {
      schoolLogins.set(s.code, baseLogin('school', s.shortName, s.code));
      userPlan.push(
        account(schoolLogins.get(s.code) as string, 'school', s.shortName, {
          regionId: s.regionId,
          municipalityId: s.municipalityId,
          schoolId: schoolIds.get(s.code),
        }),
      );
    }
    const userIds = new Map<string, number>();
    await insertAll(io, 'users', userPlan, quiet, async (chunk) => {
      const rows = await tx.insert(users).values(chunk).returning({ id: users.id, login: users.login });
      for (const r of rows) userIds.set(r.login, r.id);
    }, timings);
    counts.users = userPlan.length;
    counts.curators = userPlan.filter((u) => u.role === 'curator').length;

    await insertAll(io, 'curator_assignments', assignmentsPlan, quiet, async (chunk) => {
      await tx.insert(curatorAssignments).values(
        chunk.map((a) => ({ cycleId: cycle.id, schoolId: schoolIds.get(a.schoolCode) as number, curatorId: userIds.get(a.curatorLogin) as number })),
      );
    }, timings);
    counts.curatorAssignments = assignmentsPlan.length;

    // ——— roadmaps: a regional plan per region, a municipal copy per municipality with selected schools ———
    const synthRoadmaps = async () => {
      const template = ROADMAP_ITEMS.map(([title, timingText, responsible, indicator], k) => {
        const text = timingText.replaceAll('{Y}', String(year));
        const timing = parseTiming(text, { defaultYear: year });
        const starts = timing.intervals.map(([s]) => s).filter((s): s is string => s !== null).sort();
        return {
          position: k + 1,
          number: String(k + 1),
          title,
          timingText: text,
          timing: timing as unknown as Record<string, unknown>,
          startDate: starts[0] ?? null,
          dueDate: dueDate(timing),
          responsibleText: responsible,
          responsibleParties: recogniseParties(responsible),
          indicator,
          flags: timing.flags.map((f) => `сроки: ${f}`),
        };
      });
      const regionalPlan = regionPlan.map((r, i) => ({
        cycleId: cycle.id,
        level: 'regional' as const,
        regionId: regionIds[i] as number,
        title: `Региональный план-график реализации проекта адресной методической помощи «500+» в ${year} году`,
        orderAuthority: `Орган исполнительной власти в сфере образования: ${r.name}`,
        orderNumber: String(rng.int(10, 400)),
        orderDate: `${year}-02-${String(rng.int(1, 28)).padStart(2, '0')}`,
        year,
      }));
      const regionalIds: number[] = [];
      await insertAll(io, 'roadmaps (regional)', regionalPlan, quiet, async (chunk) => {
        const rows = await tx.insert(roadmaps).values(chunk).returning({ id: roadmaps.id, regionId: roadmaps.regionId });
        const byRegion = new Map(rows.map((r) => [r.regionId, r.id]));
        for (const r of chunk) regionalIds.push(byRegion.get(r.regionId) as number);
      }, timings);
      const withSelected = new Set(selected.map((s) => s.muniIndex));
      const municipalPlan = muniPlan
        .map((m, i) => ({ m, i }))
        .filter(({ i }) => withSelected.has(i))
        .map(({ m, i }) => ({
          cycleId: cycle.id,
          level: 'municipal' as const,
          regionId: regionIds[m.regionIndex] as number,
          municipalityId: muniIds[i] as number,
          title: `Муниципальный план-график реализации проекта «500+» в ${year} году: ${m.name}`,
          orderAuthority: `Отдел образования: ${m.name}`,
          orderNumber: String(rng.int(10, 400)),
          orderDate: `${year}-03-${String(rng.int(1, 28)).padStart(2, '0')}`,
          year,
          templateId: regionalIds[m.regionIndex] as number,
        }));
      const municipalIds: { id: number; templateId: number }[] = [];
      await insertAll(io, 'roadmaps (municipal)', municipalPlan, quiet, async (chunk) => {
        const rows = await tx.insert(roadmaps).values(chunk).returning({ id: roadmaps.id, templateId: roadmaps.templateId });
        for (const r of rows) municipalIds.push({ id: r.id, templateId: r.templateId as number });
      }, timings);
      counts.roadmaps = regionalPlan.length + municipalPlan.length;

      const regionalItems = regionalIds.flatMap((roadmapId) => template.map((item) => ({ ...item, roadmapId })));
      const templateItemIds = new Map<string, number>(); // `${roadmapId}:${position}` → item id
      await insertAll(io, 'roadmap_items (regional)', regionalItems, quiet, async (chunk) => {
        const rows = await tx
          .insert(roadmapItems)
          .values(chunk)
          .returning({ id: roadmapItems.id, roadmapId: roadmapItems.roadmapId, position: roadmapItems.position });
        for (const r of rows) templateItemIds.set(`${r.roadmapId}:${r.position}`, r.id);
      }, timings);
      const municipalItems = municipalIds.flatMap(({ id, templateId }) =>
        template.map((item) => ({ ...item, roadmapId: id, templateItemId: templateItemIds.get(`${templateId}:${item.position}`) ?? null })),
      );
      await insertAll(io, 'roadmap_items (municipal)', municipalItems, quiet, async (chunk) => {
        await tx.insert(roadmapItems).values(chunk);
      }, timings);
      counts.roadmapItems = regionalItems.length + municipalItems.length;
      // approved by their orders; one-off activities due by the first stage are executed (3 in 4), half of them confirmed
      await approveDraftsOfCycle(tx, cycle.id);
      await tx.execute(sql`
        insert into item_executions (item_id, stage_id, status, executed_on)
        select i.id, null, case when i.id % 2 = 0 then 'confirmed' else 'done' end, i.due_date - 3
        from roadmap_items i join roadmaps r on r.id = i.roadmap_id
        where r.cycle_id = ${cycle.id} and i.due_date is not null and i.due_date <= ${`${year}-06-30`}
          and i.timing->>'period' is null and i.timing->>'recurrence' is null and i.id % 4 <> 3`);
    };
    if (options.roadmaps) await synthRoadmaps();
    if (!options.answers) return;
    const curatorOf = new Map(assignmentsPlan.map((a) => [a.schoolCode, userIds.get(a.curatorLogin) ?? null]));
    const groups = options.respondents ?? DEFAULT_ANSWERS.teachers;
    await synthesizeAnswers(io, tx, {
      seed: options.seed,
      year,
      cycleId: cycle.id,
      regions: regionPlan.map((r, i) => ({ id: regionIds[i] as number, code: r.code, name: r.name, coordinatorId: userIds.get(`region${r.code}`) ?? null })),
      schools: selected.map((s) => {
        const context = s.context as { teachers: number; classes6: number; classes9: number };
        return {
          id: schoolIds.get(s.code) as number,
          code: s.code,
          regionIndex: muniPlan[s.muniIndex]?.regionIndex as number,
          teachers: context.teachers,
          classes6: context.classes6,
          classes9: context.classes9,
          curatorId: curatorOf.get(s.code) ?? null,
          accountId: userIds.get(schoolLogins.get(s.code) as string) ?? null,
        };
      }),
      stages,
      answers: { director: DEFAULT_ANSWERS.director, teachers: groups, students6: groups, students9: groups, parents: groups },
      storage: options.storage,
      batchRows: BATCH_ROWS,
      quiet,
      timings,
      counts,
    });
  });

  return { counts, timings, totalMs: Date.now() - started };
}

export async function databaseSize(db: Tx): Promise<number | null> {
  try {
    const result = (await db.execute(sql`select pg_database_size(current_database())::text as n`)) as unknown as { rows: { n: string }[] };
    return Number(result.rows[0]?.n ?? 0);
  } catch {
    return null;
  }
}

export function timingTable(io: Io, result: SynthResult): string {
  const lines = result.timings.map(
    (t) => `  ${t.stage.padEnd(26)} ${formatCount(io, t.rows).padStart(9)}  ${formatSeconds(t.ms).padStart(8)}`,
  );
  lines.push(`  ${io.t('всего', 'total').padEnd(26)} ${''.padStart(9)}  ${formatSeconds(result.totalMs).padStart(8)}`);
  return lines.join('\n');
}
