// Личный кабинет: the user's territory, current cycle, key counts and what is due next.
import { scopeOf, type Actor } from '../../../domain/access/policy.js';
import { ROLE_LABELS } from '../../../domain/access/roles.js';
import { missingContext, nextSteps } from '../../../domain/cabinet/next-steps.js';
import type { Db } from '../../db/client.js';
import type { UserRow } from '../auth/queries.js';
import * as q from './queries.js';
import { workFacts } from './work.js';

export async function cabinet(db: Db, user: UserRow, actor: Actor) {
  const scope = scopeOf(actor);
  const cycle = (await q.currentCycle(db)) ?? null;
  const names = await q.territoryNames(db, user);
  const counts = await q.territoryCounts(db, scope, cycle?.id ?? null);
  const coordinator = ['admin', 'federal_coordinator', 'regional_coordinator', 'municipal_coordinator'].includes(actor.role);
  const [neverLoggedIn, withoutAccount] = coordinator
    ? [await q.neverLoggedIn(db, scope), await q.schoolsWithoutAccount(db, scope)]
    : [0, 0];

  let school: { id: number; selected: boolean; hasCurator: boolean; missingContext: string[] } | undefined;
  let curator: Awaited<ReturnType<typeof q.schoolCurator>> = null;
  if (actor.role === 'school' && actor.schoolId !== null) {
    curator = cycle ? await q.schoolCurator(db, actor.schoolId, cycle.id) : null;
    school = {
      id: actor.schoolId,
      selected: cycle ? await q.isSelected(db, actor.schoolId, cycle.id) : false,
      hasCurator: curator !== null,
      missingContext: missingContext(names.schoolContext),
    };
  }
  const curatedSchools = actor.role === 'curator' && cycle ? await q.curatorSchools(db, actor.userId, cycle.id) : [];

  return {
    user: { fullName: user.fullName, role: user.role, roleLabel: ROLE_LABELS[user.role] },
    territory: {
      level: scope.level,
      label: names.school ?? names.municipality ?? names.region ?? 'Российская Федерация',
      region: names.region,
      municipality: names.municipality,
      school: names.school,
    },
    cycle: cycle ? { id: cycle.id, year: cycle.year, title: cycle.title, status: cycle.status } : null,
    counts: {
      regions: counts.regions ?? 0,
      municipalities: counts.municipalities ?? 0,
      schools: counts.schools ?? 0,
      cycleSchools: counts.cycleSchools,
      schoolsWithoutCurator: counts.withoutCurator,
      accountsNeverLoggedIn: neverLoggedIn,
      schoolsWithoutAccount: withoutAccount,
    },
    curator,
    curatedSchools,
    nextSteps: nextSteps({
      role: actor.role,
      cycle: cycle ? { id: cycle.id, year: cycle.year, status: cycle.status } : null,
      schoolsInScope: counts.schools ?? 0,
      cycleSchools: counts.cycleSchools,
      schoolsWithoutCurator: counts.withoutCurator,
      schoolsWithoutAccount: withoutAccount,
      accountsNeverLoggedIn: neverLoggedIn,
      school,
      curatedSchools: curatedSchools.length,
      work: await workFacts(db, actor, cycle ? { id: cycle.id, year: cycle.year } : null),
    }),
  };
}

export type Cabinet = Awaited<ReturnType<typeof cabinet>>;
