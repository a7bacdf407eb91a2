// Stage figures for every territory of the national synthetic dataset (medk synth: 85 regions, 2,500 municipalities,
// 40,000 schools; regional plans and municipal copies, approved, with execution facts): the one computation
// (server/modules/monitoring/figures.ts) over every approved roadmap against its revision in force and its region's
// targets, summed per region and per municipality at each stage.
//   stage figures: country — computeFigures for all roadmaps + totals per region and municipality
//   stage figures: a region — the same for one region's roadmaps
// Baseline, measured interleaved in the same run: one read of all marks (item_id, stage_id, status, executed_on).
import { sql } from 'drizzle-orm';
import { totalFigures } from '../domain/monitoring/figures.js';
import type { Io } from '../server/cli/cli.js';
import { synthesize } from '../server/cli/synth.js';
import { computeFigures } from '../server/modules/monitoring/figures.js';
import { currentCycle } from '../server/modules/monitoring/queries.js';
import { listSummaries } from '../server/modules/roadmaps/queries.js';
import { compare, DEFAULT_OPTIONS, QUICK_OPTIONS, type Benchmark, type BenchRow } from './lib.js';

const quietIo = (log: (m: string) => void): Io => ({
  lang: 'en',
  t: (_ru, en) => en,
  out: () => undefined,
  err: (text) => text && log(text),
  env: {},
  stderrIsTty: false,
});

export const monitoringBench: Benchmark = {
  name: 'monitoring',
  description: 'Stage figures of every territory of the national synthetic dataset (85 regions, 2,500 municipalities, 40,000 schools)',
  baseline: 'one read of all marks (item_executions)',
  async run(ctx) {
    const db = ctx.database.db;
    const year = new Date().getFullYear();
    ctx.log('medk synth: 85 regions, 2,500 municipalities, 40,000 schools, roadmaps');
    await synthesize(quietIo(ctx.log), db, 'x', { regions: 85, municipalities: 2500, schools: 40_000, seed: 1, year, selectedPercent: 12, schoolsPerCurator: 3, roadmaps: true, answers: false, quiet: true });
    await db.execute(sql`analyze`);
    const cycle = (await currentCycle(db))!;
    const all = (await listSummaries(db, { level: 'all' }, { cycleId: cycle.id })).filter((r) => r.status === 'approved');
    const oneRegion = all[0]!.regionId!;
    const regionRows = all.filter((r) => r.regionId === oneRegion);
    let marks = 0;
    let territories = 0;
    const sumBy = (figures: Awaited<ReturnType<typeof computeFigures>>, rows: typeof all, key: (r: (typeof all)[number]) => number | null) => {
      const groups = new Map<number, (typeof all)[number][]>();
      for (const r of rows) {
        const k = key(r);
        if (k === null) continue;
        groups.set(k, [...(groups.get(k) ?? []), r]);
      }
      for (const [, list] of groups) {
        const stages = figures.stagesOf(list[0]!.regionId);
        for (const s of stages) totalFigures(list.flatMap((r) => figures.byRoadmap.get(r.id)?.filter((f) => f.stageId === s.id) ?? []), s.thresholdPercent);
      }
      return groups.size;
    };
    const today = `${year}-10-15`;
    const r = await compare(
      {
        'read all marks': async () => {
          const res = await db.execute(sql`select item_id, stage_id, status, executed_on from item_executions`);
          marks = (res as unknown as { rows: unknown[] }).rows.length;
        },
        'stage figures: country': async () => {
          const figures = await computeFigures(db, cycle, all, today);
          territories = sumBy(figures, all, (x) => x.regionId) + sumBy(figures, all, (x) => x.municipalityId);
        },
        'stage figures: a region': async () => {
          const figures = await computeFigures(db, cycle, regionRows, today);
          sumBy(figures, regionRows, (x) => x.municipalityId);
        },
      },
      ctx.quick ? QUICK_OPTIONS : { ...DEFAULT_OPTIONS, minRounds: 5, budgetMs: 20_000 },
    );
    const rows: BenchRow[] = [
      { label: 'read all marks', unit: 'request', stats: r['read all marks']!, note: `${marks} marks` },
      { label: 'stage figures: country', unit: 'request', stats: r['stage figures: country']!, baseline: 'read all marks', note: `${all.length} approved roadmaps, ${territories} territories × 3 stages` },
      { label: 'stage figures: a region', unit: 'request', stats: r['stage figures: a region']!, baseline: 'read all marks', note: `${regionRows.length} roadmaps` },
    ];
    return rows;
  },
};
