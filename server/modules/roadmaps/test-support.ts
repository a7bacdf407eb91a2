// Helpers of the roadmaps and monitoring API tests: demo ids, a temporary data directory, sample items.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { cycles, municipalities, regions, schools } from '../../db/schema.js';

export interface DemoIds {
  cycleId: number;
  regionId: number;
  kromyId: number;
  livnyId: number;
  school1Id: number;
  school2Id: number;
  livnySchoolId: number;
}

export async function demoIds(db: Db): Promise<DemoIds> {
  const [cycle] = await db.select().from(cycles).where(eq(cycles.year, 2026));
  const [region] = await db.select().from(regions).where(eq(regions.code, '57'));
  const mo = async (code: string) => (await db.select().from(municipalities).where(eq(municipalities.code, code)))[0]!.id;
  const school = async (code: string) => (await db.select().from(schools).where(eq(schools.code, code)))[0]!.id;
  return {
    cycleId: cycle!.id,
    regionId: region!.id,
    kromyId: await mo('57-01'),
    livnyId: await mo('57-02'),
    school1Id: await school('57-01-001'),
    school2Id: await school('57-01-002'),
    livnySchoolId: await school('57-02-001'),
  };
}

/** A region nobody from the demo may see, with one municipality and school. */
export async function otherRegion(db: Db, code = '77') {
  const [region] = await db.insert(regions).values({ code, name: `Другая область ${code}` }).returning();
  const [mo] = await db.insert(municipalities).values({ regionId: region!.id, code: `${code}-01`, name: `Другой район ${code}` }).returning();
  const [school] = await db
    .insert(schools)
    .values({ regionId: region!.id, municipalityId: mo!.id, code: `${code}-01-001`, fullName: `Другая школа ${code}`, shortName: `Другая школа ${code}`, locality: 'urban' })
    .returning();
  return { regionId: region!.id, municipalityId: mo!.id, schoolId: school!.id };
}

export function tempDataDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'medk-roadmaps-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function count(db: Db, table: string): Promise<number> {
  const res = await db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return Number((res as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
}

export const SAMPLE_ITEMS = [
  {
    number: '1',
    title: 'Назначение муниципальных координаторов проекта',
    timingText: 'до 15.02.2026',
    responsibleText: 'Региональный координатор, МОУО',
    indicator: 'Приказы о назначении координаторов',
    infoSupport: 'Сайт министерства образования',
  },
  {
    number: '1.1',
    title: 'Сбор сведений о кураторах школ',
    timingText: 'Февраль 2026 г.',
    responsibleText: 'Муниципальный координатор',
    indicator: 'Сведения о кураторах собраны',
    infoSupport: '',
  },
  {
    number: '2',
    title: 'Адресные консультации для школ с низкими результатами',
    timingText: 'Ежемесячно',
    responsibleText: 'ИРО, кураторы',
    indicator: 'Проведено не менее 9 консультаций',
    infoSupport: 'Новости на сайте ИРО',
  },
  {
    number: null,
    title: 'Совещание с руководителями ОО по итогам первого этапа',
    timingText: 'Июнь',
    responsibleText: 'Руководители ОО',
    indicator: 'Протокол совещания',
    infoSupport: '',
  },
];
