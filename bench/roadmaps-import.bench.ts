// Import of an order («приказ») with its roadmap, per real export in ../shared/fixtures/roadmaps/*.txt:
//   parse        — the import preview: bytes → text (uploadedText) → preview() (parseRoadmapDocument,
//                  timing formatting), exactly what POST /api/roadmaps/parse returns;
//   parse+save   — the preview, then what the import page saves: the request body validated by the
//                  route's zod schema (createBody) and RoadmapsService.create (one transaction: the
//                  roadmap, its items with timings re-parsed for the cycle's year, parents, audit entry).
//
// Baseline (one per document, measured interleaved with its cases): the same document stored with
// hand-written SQL and nothing else — one transaction with one INSERT of the source text and ONE
// multi-row INSERT of the item texts into a plain table (no ORM, no validation, no timing parsing,
// no parents, no audit). It is the floor of «saving this document» on this machine and this database,
// so «parse+save 3.0×» reads: the real import costs three bare writes of the same data; «parse 0.4×»:
// parsing costs less than half a bare write.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../domain/access/policy.js';
import type { Db } from '../server/db/client.js';
import { cycles, municipalities, regions, schools, users } from '../server/db/schema.js';
import { seedDemo } from '../server/demo/seed.js';
import { createHasher } from '../server/modules/auth/passwords.js';
import { preview, uploadedText, type ParseResult } from '../server/modules/roadmaps/import.js';
import { createBody, type CreateInput } from '../server/modules/roadmaps/schemas.js';
import { RoadmapsService } from '../server/modules/roadmaps/service.js';
import { createFileStorage } from '../server/storage/index.js';
import { compare, DEFAULT_OPTIONS, QUICK_OPTIONS, type Benchmark, type BenchRow } from './lib.js';

/** The fixtures, relative to the repository root (read-only). */
export const FIXTURE_DIR = '../shared/fixtures/roadmaps';

interface Target {
  level: CreateInput['level'];
  regionId?: number;
  municipalityId?: number;
  schoolId?: number;
}

async function setup(db: Db) {
  // The demo dataset gives an admin account and a region → municipality → school to own the roadmaps.
  await seedDemo(db, createHasher(1024));
  const [admin] = await db.select().from(users).where(eq(users.login, 'admin'));
  const [region] = await db.select().from(regions).where(eq(regions.code, '57'));
  const [mo] = await db.select().from(municipalities).where(eq(municipalities.code, '57-01'));
  const [school] = await db.select().from(schools).where(eq(schools.code, '57-01-001'));
  if (!admin || !region || !mo || !school) throw new Error('demo data incomplete');
  const actor: Actor = { userId: admin.id, role: admin.role, regionId: null, municipalityId: null, schoolId: null, curatedSchools: [] };
  const targets: Record<string, Target> = {
    federal: { level: 'federal' },
    regional: { level: 'regional', regionId: region.id },
    municipal: { level: 'municipal', municipalityId: mo.id },
    school: { level: 'school', schoolId: school.id },
  };
  await db.execute(sql`create table bench_doc (id serial primary key, source text not null)`);
  await db.execute(sql`
    create table bench_item (
      id serial primary key,
      doc_id integer not null references bench_doc(id),
      position integer not null,
      number text,
      title text not null,
      timing_text text not null,
      responsible_text text not null,
      indicator text not null,
      info_support text not null
    )`);
  return { actor, who: { userId: admin.id, login: admin.login }, targets };
}

/** The cycle of the document's year (created once), else the demo's 2026 cycle. */
async function cycleFor(db: Db, year: number | null): Promise<number> {
  const y = year ?? 2026;
  const [found] = await db.select().from(cycles).where(eq(cycles.year, y));
  if (found) return found.id;
  const [made] = await db.insert(cycles).values({ year: y, title: `Проект 500+ — ${y}`, status: 'active' }).returning();
  if (!made) throw new Error(`cycle ${y} not created`);
  return made.id;
}

/** The body the import page posts after the preview. */
function body(p: ParseResult, cycleId: number, target: Target): unknown {
  return {
    ...target,
    cycleId,
    title: p.document.title ?? 'Дорожная карта',
    orderAuthority: p.document.authority ?? '',
    orderNumber: p.document.number ?? '',
    orderDate: p.document.date,
    sourceText: p.sourceText,
    items: p.items.map(({ number, title, timingText, responsibleText, indicator, infoSupport }) => ({
      number,
      title,
      timingText,
      responsibleText,
      indicator,
      infoSupport,
    })),
  };
}

/** The baseline: the same texts, one transaction, one INSERT for the document and one for all items. */
async function bareInsert(db: Db, p: ParseResult): Promise<void> {
  await db.transaction(async (tx) => {
    const res = await tx.execute(sql`insert into bench_doc (source) values (${p.sourceText}) returning id`);
    const docId = Number((res as unknown as { rows: { id: number }[] }).rows[0]?.id);
    if (p.items.length === 0) return;
    const values = p.items.map(
      (i, k) =>
        sql`(${docId}, ${k + 1}, ${i.number}, ${i.title}, ${i.timingText}, ${i.responsibleText}, ${i.indicator}, ${i.infoSupport})`,
    );
    await tx.execute(
      sql`insert into bench_item (doc_id, position, number, title, timing_text, responsible_text, indicator, info_support) values ${sql.join(values, sql`, `)}`,
    );
  });
}

export const roadmapsImport: Benchmark = {
  name: 'roadmaps-import',
  description: 'Import of a roadmap order: preview (parse) and preview + save through RoadmapsService.create, per fixture document',
  baseline:
    'bare insert = the same document stored with hand-written SQL in one transaction ' +
    '(1 INSERT of the source text + 1 multi-row INSERT of the item texts into a plain table; no ORM, validation, timing parsing, audit)',

  async run(ctx) {
    const dir = join(ctx.root, FIXTURE_DIR);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .sort();
    if (files.length === 0) throw new Error(`no *.txt fixtures in ${dir}`);

    const db = ctx.database.db;
    const { actor, who, targets } = await setup(db);
    const service = new RoadmapsService(db, createFileStorage(ctx.dataDir));
    const options = ctx.quick ? QUICK_OPTIONS : DEFAULT_OPTIONS;
    const rows: BenchRow[] = [];

    for (const file of files) {
      const name = file.replace(/\.txt$/, '');
      const buffer = readFileSync(join(dir, file));
      const parsed = preview(await uploadedText(buffer));
      if (parsed.items.length === 0) throw new Error(`${file}: no items recognised`);
      const cycleId = await cycleFor(db, parsed.document.year);
      const target = targets[parsed.document.level ?? 'regional'] ?? (targets.regional as Target);

      // One save outside the timing, checked, so that a broken import fails loudly instead of timing errors.
      const check = await service.create(actor, who, createBody.parse(body(parsed, cycleId, target)));
      if (check.roadmap.itemCount !== parsed.items.length) {
        throw new Error(`${file}: saved ${check.roadmap.itemCount} items, the preview has ${parsed.items.length}`);
      }

      ctx.log(`${name}: ${parsed.items.length} items, ${(buffer.length / 1024).toFixed(1)} KB`);
      const base = `${name}: bare insert`;
      const result = await compare(
        {
          [base]: () => bareInsert(db, parsed),
          parse: async () => preview(await uploadedText(buffer)),
          'parse+save': async () => {
            const p = preview(await uploadedText(buffer));
            await service.create(actor, who, createBody.parse(body(p, cycleId, target)));
          },
        },
        options,
      );
      const note = `${parsed.items.length} items, ${(buffer.length / 1024).toFixed(1)} KB, ${target.level}`;
      rows.push({ label: base, unit: 'doc', stats: result[base]!, note });
      rows.push({ label: `${name}: parse`, unit: 'doc', stats: result.parse!, baseline: base });
      rows.push({ label: `${name}: parse+save`, unit: 'doc', stats: result['parse+save']!, baseline: base });
    }
    return rows;
  },
};
