// Demo curator visits: first visits of eight of the twelve demo schools in February–March 2026.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { curatorAssignments, curatorVisits, cycles, schools } from '../db/schema.js';

const VISITED: [schoolCode: string, visitedOn: string, format: 'onsite' | 'online'][] = [
  ['57-01-001', '2026-02-18', 'onsite'],
  ['57-01-002', '2026-02-19', 'onsite'],
  ['57-01-003', '2026-02-25', 'online'],
  ['57-02-001', '2026-02-20', 'onsite'],
  ['57-02-002', '2026-03-03', 'onsite'],
  ['57-03-001', '2026-02-27', 'onsite'],
  ['57-03-002', '2026-03-05', 'online'],
  ['57-03-003', '2026-03-12', 'onsite'],
];

export async function seedDemoVisits(db: Db): Promise<void> {
  const [cycle] = await db.select().from(cycles).where(eq(cycles.year, 2026));
  if (!cycle) return;
  const rows = await db
    .select({ schoolId: schools.id, code: schools.code, curatorId: curatorAssignments.curatorId })
    .from(schools)
    .innerJoin(curatorAssignments, and(eq(curatorAssignments.schoolId, schools.id), eq(curatorAssignments.cycleId, cycle.id)))
    .where(inArray(schools.code, VISITED.map((v) => v[0])));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const values = VISITED.flatMap(([code, visitedOn, format]) => {
    const r = byCode.get(code);
    return r ? [{ cycleId: cycle.id, schoolId: r.schoolId, curatorId: r.curatorId, visitedOn, format, notes: 'Первое посещение: знакомство с управленческой командой, обсуждение рискового профиля' }] : [];
  });
  if (values.length) await db.insert(curatorVisits).values(values);
}
