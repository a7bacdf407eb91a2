// Demo dataset: one region, three municipalities, 12 schools, a curator per school and an account for every role.
import { count } from 'drizzle-orm';
import type { Role } from '../../domain/access/roles.js';
import type { Db } from '../db/client.js';
import { curatorAssignments, cycles, cycleSchools, municipalities, regions, schools, users } from '../db/schema.js';
import type { Hasher } from '../modules/auth/passwords.js';
import { seedDemoRoadmaps } from './roadmaps.js';
import { seedDemoSurveys } from './surveys.js';
import { seedDemoVisits } from './visits.js';

export const DEMO_PASSWORD = 'medk-demo-2026';

export interface DemoAccount {
  login: string;
  role: Role;
  fullName: string;
  territory: string;
}

const MUNICIPALITIES = [
  { code: '57-01', name: 'Кромской район', short: 'Кромская', login: 'mo-kromy' },
  { code: '57-02', name: 'Ливенский район', short: 'Ливенская', login: 'mo-livny' },
  { code: '57-03', name: 'Город Орёл', short: 'Орловская', login: 'mo-orel' },
];

const SCHOOL_TEMPLATES = [
  { kind: 'СОШ №1', locality: 'urban' as const },
  { kind: 'СОШ №2', locality: 'rural' as const },
  { kind: 'ООШ', locality: 'rural' as const },
  { kind: 'СОШ №32', locality: 'urban' as const },
];

const CURATOR_NAMES = [
  'Иванова Мария Петровна',
  'Смирнов Алексей Иванович',
  'Кузнецова Ольга Николаевна',
  'Попов Дмитрий Сергеевич',
  'Васильева Елена Викторовна',
  'Петров Андрей Михайлович',
  'Соколова Наталья Юрьевна',
  'Михайлов Игорь Владимирович',
  'Новикова Татьяна Александровна',
  'Фёдоров Сергей Павлович',
  'Морозова Анна Игоревна',
  'Волков Николай Андреевич',
];

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return Number(row?.n ?? 0) === 0;
}

/** `surveys`: also an open questionnaire campaign with answers, computed profiles and curator visits (for `npm start`, not for tests). */
export async function seedDemo(db: Db, hasher: Hasher, options: { surveys?: boolean } = {}): Promise<DemoAccount[]> {
  const passwordHash = await hasher.hash(DEMO_PASSWORD);
  const accounts: DemoAccount[] = [];
  await db.transaction(async (tx) => {
    const [region] = await tx.insert(regions).values({ code: '57', name: 'Орловская область' }).returning();
    if (!region) throw new Error('region not created');
    const [cycle] = await tx
      .insert(cycles)
      .values({ year: 2026, title: 'Проект 500+ — 2026', status: 'active' })
      .returning();
    await tx.insert(cycles).values({ year: 2025, title: 'Проект 500+ — 2025', status: 'closed' });
    if (!cycle) throw new Error('cycle not created');

    const addUser = async (
      login: string,
      role: Role,
      fullName: string,
      territory: string,
      binding: { regionId?: number; municipalityId?: number; schoolId?: number } = {},
    ) => {
      const [user] = await tx
        .insert(users)
        .values({
          login,
          role,
          fullName,
          passwordHash,
          mustChangePassword: false,
          regionId: binding.regionId ?? null,
          municipalityId: binding.municipalityId ?? null,
          schoolId: binding.schoolId ?? null,
        })
        .returning();
      accounts.push({ login, role, fullName, territory });
      if (!user) throw new Error('user not created');
      return user;
    };

    await addUser('admin', 'admin', 'Администратор системы', 'Россия');
    await addUser('fed', 'federal_coordinator', 'Федеральный координатор (ФИОКО)', 'Россия');
    await addUser('expert', 'expert', 'Эксперт федеральной экспертизы', 'Россия');
    await addUser('region57', 'regional_coordinator', 'Орлова Ирина Васильевна', region.name, { regionId: region.id });
    await addUser('observer57', 'observer', 'Наблюдатель по Орловской области', region.name, { regionId: region.id });

    let n = 0;
    for (const mt of MUNICIPALITIES) {
      const [mo] = await tx.insert(municipalities).values({ regionId: region.id, code: mt.code, name: mt.name }).returning();
      if (!mo) throw new Error('municipality not created');
      await addUser(mt.login, 'municipal_coordinator', `Координатор: ${mt.name}`, mt.name, {
        regionId: region.id,
        municipalityId: mo.id,
      });
      for (const [i, tpl] of SCHOOL_TEMPLATES.entries()) {
        n += 1;
        const short = `МБОУ «${mt.short} ${tpl.kind}»`;
        const [school] = await tx
          .insert(schools)
          .values({
            regionId: region.id,
            municipalityId: mo.id,
            code: `${mt.code}-${String(i + 1).padStart(3, '0')}`,
            fullName: `Муниципальное бюджетное общеобразовательное учреждение «${mt.short} ${tpl.kind.replace('СОШ', 'средняя общеобразовательная школа').replace('ООШ', 'основная общеобразовательная школа')}»`,
            shortName: short,
            address: `Орловская область, ${mt.name}, ул. Школьная, д. ${n}`,
            locality: tpl.locality,
            directorName: CURATOR_NAMES[(n + 5) % CURATOR_NAMES.length] ?? '',
            context: { students: 120 + n * 37, teachers: 12 + n, classes6: 1 + (n % 2), classes9: 1 + (n % 3) },
          })
          .returning();
        if (!school) throw new Error('school not created');
        await tx.insert(cycleSchools).values({ cycleId: cycle.id, schoolId: school.id });
        await addUser(`school${n}`, 'school', `${short} (директор)`, short, {
          regionId: region.id,
          municipalityId: mo.id,
          schoolId: school.id,
        });
        const curator = await addUser(`curator${n}`, 'curator', CURATOR_NAMES[n - 1] ?? `Куратор ${n}`, short, {
          regionId: region.id,
        });
        await tx.insert(curatorAssignments).values({ cycleId: cycle.id, schoolId: school.id, curatorId: curator.id });
      }
    }
  });
  await seedDemoRoadmaps(db);
  if (options.surveys) {
    await seedDemoSurveys(db);
    await seedDemoVisits(db);
  }
  return accounts;
}

export function formatAccounts(accounts: DemoAccount[]): string {
  const lines = accounts.map((a) => `  ${a.login.padEnd(12)} ${a.role.padEnd(22)} ${a.territory}`);
  return [`Демо-учётные записи (пароль для всех: ${DEMO_PASSWORD}):`, ...lines].join('\n');
}
