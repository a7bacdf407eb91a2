// Fixtures of the authorization matrix: the demo region (in scope) and a second region nobody
// from the demo should see (out of scope), plus helpers to make fresh records per request.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  auditLog,
  curatorAssignments,
  cycles,
  cycleSchools,
  municipalities,
  regions,
  schools,
  users,
} from '../../db/schema.js';
import { testHasher } from '../harness.js';

export const OUT = {
  regionName: 'Закрытая область',
  municipalityName: 'Закрытый район',
  schoolName: 'МБОУ «Закрытая СОШ»',
  userName: 'Закрытов Закрыт Закрытович',
};

export interface Fixtures {
  db: Db;
  /** The application's data directory (stored files). */
  dataDir: string;
  cycleId: number;
  in: { regionId: number; municipalityId: number; schoolId: number; otherMunicipalitySchoolId: number; userId: number; curatorId: number };
  out: { regionId: number; municipalityId: number; schoolId: number; userId: number; curatorId: number };
  /** A fresh school in Кромской район (inside every demo scope from the region down to mo-kromy). */
  freshSchool(): Promise<number>;
  /** A fresh school in the closed region. */
  freshOutSchool(): Promise<number>;
  freshMunicipality(regionId: number): Promise<number>;
  freshRegion(): Promise<number>;
  /** Select a school into the 2026 cycle. */
  select(schoolId: number): Promise<number>;
  next(): number;
  freshUser(role: 'school' | 'observer' | 'curator', place: { regionId: number; municipalityId?: number; schoolId?: number }): Promise<number>;
}

let counter = 0;

export async function createFixtures(db: Db, dataDir: string): Promise<Fixtures> {
  const id = async (table: string, where: string) => {
    const res = await db.execute(sql.raw(`select id from ${table} where ${where}`));
    return Number((res as unknown as { rows: { id: number }[] }).rows[0]?.id);
  };
  const [cycle] = await db.select().from(cycles).where(eq(cycles.year, 2026));
  const cycleId = cycle!.id;
  const inRegion = await id('regions', `code = '57'`);
  const inMunicipality = await id('municipalities', `code = '57-01'`);
  const inSchool = await id('schools', `code = '57-01-001'`);
  const otherMunicipalitySchool = await id('schools', `code = '57-02-001'`);
  const inUser = await id('users', `login = 'school2'`);
  const inCurator = await id('users', `login = 'curator1'`);

  const hash = await testHasher.hash('closed-region-1');
  const [region] = await db.insert(regions).values({ code: '99', name: OUT.regionName }).returning();
  const [mo] = await db.insert(municipalities).values({ regionId: region!.id, code: '99-01', name: OUT.municipalityName }).returning();
  const [school] = await db
    .insert(schools)
    .values({
      regionId: region!.id,
      municipalityId: mo!.id,
      code: '99-01-001',
      fullName: OUT.schoolName,
      shortName: OUT.schoolName,
      locality: 'rural',
    })
    .returning();
  await db.insert(cycleSchools).values({ cycleId, schoolId: school!.id });
  const [outUser] = await db
    .insert(users)
    .values({ login: 'closed-school', role: 'school', fullName: OUT.userName, passwordHash: hash, regionId: region!.id, municipalityId: mo!.id, schoolId: school!.id })
    .returning();
  const [outCurator] = await db
    .insert(users)
    .values({ login: 'closed-curator', role: 'curator', fullName: `${OUT.userName} (куратор)`, passwordHash: hash, regionId: region!.id })
    .returning();
  await db.insert(curatorAssignments).values({ cycleId, schoolId: school!.id, curatorId: outCurator!.id });
  await db.insert(auditLog).values({
    action: 'update',
    entityType: 'school',
    entityId: String(school!.id),
    regionId: region!.id,
    municipalityId: mo!.id,
    schoolId: school!.id,
    summary: `Изменена школа ${OUT.schoolName}`,
  });

  const makeSchool = async (regionId: number, municipalityId: number) => {
    counter += 1;
    const [row] = await db
      .insert(schools)
      .values({ regionId, municipalityId, code: `fresh-${counter}`, fullName: `Новая школа ${counter}`, shortName: `Новая школа ${counter}`, locality: 'urban' })
      .returning();
    return row!.id;
  };

  return {
    db,
    dataDir,
    cycleId,
    in: { regionId: inRegion, municipalityId: inMunicipality, schoolId: inSchool, otherMunicipalitySchoolId: otherMunicipalitySchool, userId: inUser, curatorId: inCurator },
    out: { regionId: region!.id, municipalityId: mo!.id, schoolId: school!.id, userId: outUser!.id, curatorId: outCurator!.id },
    freshSchool: () => makeSchool(inRegion, inMunicipality),
    freshOutSchool: () => makeSchool(region!.id, mo!.id),
    async freshMunicipality(regionId) {
      counter += 1;
      const [row] = await db.insert(municipalities).values({ regionId, code: `fresh-mo-${counter}`, name: `Новый район ${counter}` }).returning();
      return row!.id;
    },
    async freshRegion() {
      counter += 1;
      const [row] = await db.insert(regions).values({ code: `fresh-region-${counter}`, name: `Новая область ${counter}` }).returning();
      return row!.id;
    },
    async select(schoolId) {
      await db.insert(cycleSchools).values({ cycleId, schoolId });
      return schoolId;
    },
    next: () => ++counter,
    async freshUser(role, place) {
      counter += 1;
      const [row] = await db
        .insert(users)
        .values({
          login: `fresh-user-${counter}`,
          role,
          fullName: `Новый пользователь ${counter}`,
          passwordHash: hash,
          regionId: place.regionId,
          municipalityId: place.municipalityId ?? null,
          schoolId: place.schoolId ?? null,
        })
        .returning();
      return row!.id;
    },
  };
}

/** Every row of every table that a refused request must leave untouched. */
export async function snapshot(db: Db): Promise<string> {
  const listed = await db.execute(
    sql.raw(
      `select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not in ('sessions', 'login_throttle') order by 1`,
    ),
  );
  const tables = (listed as unknown as { rows: { table_name: string }[] }).rows.map((r) => r.table_name);
  const parts: unknown[] = [tables];
  for (const table of tables) {
    const res = await db.execute(sql.raw(`select * from ${table} order by 1, 2`));
    parts.push((res as unknown as { rows: unknown[] }).rows);
  }
  return JSON.stringify(parts);
}
