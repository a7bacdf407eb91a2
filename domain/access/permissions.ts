// The one permission table: every action of every module, the roles that may perform it and the
// territory rule that applies to the record. Routes name their action (`config.access`), the server
// refuses other roles before reading the request (403), services check records with `can()` /
// `requireAccess()`. To add an action: add a line in its module's section; docs/architecture.md.
import type { Role } from './roles.js';

/**
 * Where the action applies once the role may perform it:
 * - `anywhere` — no territory limit (federal settings, own account);
 * - `territory` — the record must lie in the actor's territory (region, municipality, curated or own school),
 *   otherwise it is «not found» (404);
 * - `record` — the record's own rule decides (owner or reviewer level of a roadmap, author of a comment…),
 *   written next to the record's access function in domain/.
 */
export type Where = 'anywhere' | 'territory' | 'record';

export interface Permission {
  roles: readonly Role[];
  where: Where;
  /** What the action is, in Russian (docs, 403 messages). */
  title: string;
}

const EVERYONE: readonly Role[] = ['admin', 'federal_coordinator', 'regional_coordinator', 'municipal_coordinator', 'curator', 'school', 'expert', 'observer'];
const FEDERAL: readonly Role[] = ['admin', 'federal_coordinator'];
const TO_REGION: readonly Role[] = ['admin', 'federal_coordinator', 'regional_coordinator'];
const COORDINATORS: readonly Role[] = ['admin', 'federal_coordinator', 'regional_coordinator', 'municipal_coordinator'];

export const ROLE_GROUPS = { EVERYONE, FEDERAL, TO_REGION, COORDINATORS } as const;

export const PERMISSIONS = {
  // ── account (auth, cabinet) ──
  'account.read': { roles: EVERYONE, where: 'anywhere', title: 'Свой кабинет и учётная запись' },
  // end account

  // ── territories ──
  'territory.read': { roles: EVERYONE, where: 'territory', title: 'Просмотр территорий и школ' },
  'region.write': { roles: FEDERAL, where: 'anywhere', title: 'Изменение регионов' },
  'municipality.write': { roles: TO_REGION, where: 'territory', title: 'Изменение муниципалитетов' },
  'school.write': { roles: COORDINATORS, where: 'territory', title: 'Изменение школ' },
  'school.context.write': { roles: [...COORDINATORS, 'school'], where: 'territory', title: 'Контекстные данные школы' },
  // end territories

  // ── cycles ──
  'cycle.write': { roles: FEDERAL, where: 'anywhere', title: 'Годы проекта' },
  'cycle.selectSchools': { roles: TO_REGION, where: 'territory', title: 'Отбор школ в проект' },
  'curator.assign': { roles: COORDINATORS, where: 'territory', title: 'Назначение кураторов' },
  // end cycles

  // ── users ──
  'user.read': { roles: COORDINATORS, where: 'territory', title: 'Просмотр пользователей' },
  'user.write': { roles: COORDINATORS, where: 'territory', title: 'Изменение пользователей' },
  // end users

  // ── audit ──
  'audit.read': { roles: COORDINATORS, where: 'territory', title: 'Журнал действий' },
  // end audit

  // ── monitoring, stage reports ──
  'monitoring.read': { roles: EVERYONE, where: 'territory', title: 'Мониторинг исполнения дорожных карт' },
  'monitoring.stages.write': { roles: FEDERAL, where: 'anywhere', title: 'Этапы мониторинга' },
  'monitoring.targets.write': { roles: TO_REGION, where: 'territory', title: 'Цели этапов региона' },
  'stageReport.read': { roles: COORDINATORS, where: 'territory', title: 'Отчёты за этап' },
  'stageReport.submit': { roles: ['admin', 'regional_coordinator', 'municipal_coordinator'], where: 'record', title: 'Отправка отчёта за этап' },
  'stageReport.review': { roles: TO_REGION, where: 'record', title: 'Приём и возврат отчёта за этап' },
  // end monitoring

  // ── roadmaps ──
  // end roadmaps

  // ── surveys, risk profiles, results ──
  // end surveys

  // ── documents, expertise, visits ──
  // end documents

  // ── reports, notifications ──
  // end reports
} as const satisfies Record<string, Permission>;

export type Action = keyof typeof PERMISSIONS;

/** Access of a route: an action of the table, any signed-in user, or no session at all. */
export type RouteAccess = Action | 'signedIn' | 'public';

export function isAction(value: string): value is Action {
  return Object.hasOwn(PERMISSIONS, value);
}

/** May the role perform the action at all (anywhere)? */
export function roleMay(role: Role, action: Action): boolean {
  return (PERMISSIONS[action].roles as readonly Role[]).includes(role);
}

/** The actions a role may perform — sent to the web UI with the signed-in user. */
export function actionsOf(role: Role): Action[] {
  return (Object.keys(PERMISSIONS) as Action[]).filter((action) => roleMay(role, action));
}
