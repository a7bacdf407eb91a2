// Drizzle queries of the risk-profiles module.
import { and, asc, eq, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import {
  campaignSchools,
  curatorAssignments,
  municipalities,
  riskDirections,
  riskProfiles,
  schools,
  surveyCampaigns,
  users,
} from '../../db/schema.js';

export interface CampaignRow {
  id: number;
  cycleId: number;
  regionId: number | null;
  title: string;
  activationRules: Record<string, unknown>;
}

export async function campaignById(db: Tx, id: number): Promise<CampaignRow | undefined> {
  const [row] = await db
    .select({
      id: surveyCampaigns.id,
      cycleId: surveyCampaigns.cycleId,
      regionId: surveyCampaigns.regionId,
      title: surveyCampaigns.title,
      activationRules: surveyCampaigns.activationRules,
    })
    .from(surveyCampaigns)
    .where(eq(surveyCampaigns.id, id));
  return row;
}

export async function campaignHasSchool(db: Tx, campaignId: number, schoolId: number): Promise<boolean> {
  const rows = await db
    .select({ schoolId: campaignSchools.schoolId })
    .from(campaignSchools)
    .where(and(eq(campaignSchools.campaignId, campaignId), eq(campaignSchools.schoolId, schoolId)));
  return rows.length > 0;
}

export async function isCurator(db: Tx, cycleId: number, schoolId: number, userId: number): Promise<boolean> {
  const rows = await db
    .select({ schoolId: curatorAssignments.schoolId })
    .from(curatorAssignments)
    .where(and(eq(curatorAssignments.cycleId, cycleId), eq(curatorAssignments.schoolId, schoolId), eq(curatorAssignments.curatorId, userId)));
  return rows.length > 0;
}

const rowFields = {
  id: riskProfiles.id,
  campaignId: riskProfiles.campaignId,
  schoolId: riskProfiles.schoolId,
  school: schools.shortName,
  schoolCode: schools.code,
  municipality: municipalities.name,
  regionId: schools.regionId,
  municipalityId: schools.municipalityId,
  cycleId: surveyCampaigns.cycleId,
  levels: sql<Record<string, string> | null>`(select jsonb_object_agg(f->>'code', f->>'level') from jsonb_array_elements(${riskProfiles.result}->'factors') f)`,
  directions: sql<string[]>`coalesce((select jsonb_agg(d.factor_code order by d.id) from risk_directions d where d.cycle_id = ${surveyCampaigns.cycleId} and d.school_id = ${riskProfiles.schoolId}), '[]'::jsonb)`,
  verification: riskProfiles.verification,
  computedAt: riskProfiles.computedAt,
};

export type ProfileListRow = Awaited<ReturnType<typeof listProfiles>>[number];

/** Profiles matching the condition (over risk_profiles, schools, municipalities, survey_campaigns). */
export async function listProfiles(db: Tx, where: SQL | undefined) {
  return db
    .select(rowFields)
    .from(riskProfiles)
    .innerJoin(schools, eq(schools.id, riskProfiles.schoolId))
    .innerJoin(municipalities, eq(municipalities.id, schools.municipalityId))
    .innerJoin(surveyCampaigns, eq(surveyCampaigns.id, riskProfiles.campaignId))
    .where(where)
    .orderBy(asc(municipalities.name), asc(schools.code), asc(riskProfiles.campaignId));
}

export type ProfileDetailRow = NonNullable<Awaited<ReturnType<typeof profileById>>>;

export async function profileById(db: Tx, id: number, lock = false) {
  const query = db
    .select({
      ...rowFields,
      result: riskProfiles.result,
      answerCounts: riskProfiles.answerCounts,
      methodologyVersion: riskProfiles.methodologyVersion,
      verificationComment: riskProfiles.verificationComment,
      verifiedBy: users.fullName,
      verifiedAt: riskProfiles.verifiedAt,
      activationRules: surveyCampaigns.activationRules,
      campaignTitle: surveyCampaigns.title,
    })
    .from(riskProfiles)
    .innerJoin(schools, eq(schools.id, riskProfiles.schoolId))
    .innerJoin(municipalities, eq(municipalities.id, schools.municipalityId))
    .innerJoin(surveyCampaigns, eq(surveyCampaigns.id, riskProfiles.campaignId))
    .leftJoin(users, eq(users.id, riskProfiles.verifiedBy))
    .where(eq(riskProfiles.id, id));
  const [row] = lock ? await query.for('update', { of: riskProfiles }) : await query;
  return row;
}

export async function setVerification(
  db: Tx,
  id: number,
  values: { verification: 'verified' | 'disputed'; comment: string; userId: number },
): Promise<void> {
  await db
    .update(riskProfiles)
    .set({ verification: values.verification, verificationComment: values.comment, verifiedBy: values.userId, verifiedAt: new Date() })
    .where(eq(riskProfiles.id, id));
}

export async function directionsOf(db: Tx, cycleId: number, schoolId: number): Promise<string[]> {
  const rows = await db
    .select({ code: riskDirections.factorCode })
    .from(riskDirections)
    .where(and(eq(riskDirections.cycleId, cycleId), eq(riskDirections.schoolId, schoolId)))
    .orderBy(asc(riskDirections.id));
  return rows.map((r) => r.code);
}

/** Makes the school's set of directions in the cycle exactly `codes`; kept ones keep their activation time. */
export async function replaceDirections(
  db: Tx,
  target: { cycleId: number; schoolId: number; profileId: number; userId: number },
  codes: string[],
): Promise<void> {
  const mine = and(eq(riskDirections.cycleId, target.cycleId), eq(riskDirections.schoolId, target.schoolId));
  await db.delete(riskDirections).where(codes.length ? and(mine, notInArray(riskDirections.factorCode, codes)) : mine);
  if (!codes.length) return;
  await db
    .insert(riskDirections)
    .values(codes.map((factorCode) => ({ cycleId: target.cycleId, schoolId: target.schoolId, factorCode, profileId: target.profileId, activatedBy: target.userId })))
    .onConflictDoUpdate({
      target: [riskDirections.cycleId, riskDirections.schoolId, riskDirections.factorCode],
      set: { profileId: target.profileId, activatedBy: target.userId },
    });
}

/** Profiles counted per factor and level (the factors of the stored results), and the number of schools. */
export async function aggregate(db: Tx, where: SQL) {
  const factors = db
    .select({ f: sql<unknown>`jsonb_array_elements(${riskProfiles.result}->'factors')`.as('f') })
    .from(riskProfiles)
    .innerJoin(schools, eq(schools.id, riskProfiles.schoolId))
    .where(where)
    .as('p');
  const code = sql<string>`${factors.f}->>'code'`;
  const level = sql<string>`${factors.f}->>'level'`;
  const counts = await db.select({ code, level, n: sql<number>`count(*)::int` }).from(factors).groupBy(code, level);
  const [total] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(riskProfiles)
    .innerJoin(schools, eq(schools.id, riskProfiles.schoolId))
    .where(where);
  return { schools: Number(total?.n ?? 0), counts: counts.map((c) => ({ ...c, n: Number(c.n) })) };
}
