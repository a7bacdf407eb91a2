// Who the CLI acts as. By default a system administrator that is not an account: the services apply the
// administrator's rights and the audit log records the change with no user id and the login «medk-cli».
// With --as LOGIN the CLI acts as that (active) account, with its role and territory, like a signed-in user.
import type { Actor } from '../../domain/access/policy.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { AuditActor } from '../modules/audit/service.js';
import { createHasher, type Hasher } from '../modules/auth/passwords.js';
import { findUserByLogin } from '../modules/auth/queries.js';
import { AuthService } from '../modules/auth/service.js';
import type { ModuleDeps } from '../modules/deps.js';
import { CliError, stringOption, type Io, type Options, type Values } from './cli.js';

export const CLI_LOGIN = 'medk-cli';

/**
 * The system actor is not an account, so its user id is NULL (never equal to an account's id in «yourself»
 * checks). Services store `actor.userId` in nullable «created by» columns that reference users(id)
 * (roadmaps.created_by, stored_files.created_by, …): NULL there means «made by the command line», while a
 * made-up id such as 0 would break those foreign keys. Actor types the id as a number, hence the cast.
 */
export const SYSTEM_ACTOR: Actor = {
  userId: null as unknown as number,
  role: 'admin',
  regionId: null,
  municipalityId: null,
  schoolId: null,
  curatedSchools: [],
};

/**
 * audit_log.user_id is nullable and has no foreign key; the system actor is written as NULL there
 * (audit() stores `who?.userId ?? null`), so no fake user id ever appears in the log.
 */
export const SYSTEM_AUDITOR = { userId: null, login: CLI_LOGIN } as unknown as AuditActor;

export const AS_OPTION: Options = { as: { type: 'string' } };
export const AS_HELP: [string, string, string] = [
  '--as LOGIN',
  'действовать от имени этой учётной записи (её роль и территория); по умолчанию — системный администратор «medk-cli»',
  'act as this account (its role and territory); by default a system administrator «medk-cli»',
];

export interface CliActor {
  actor: Actor;
  auditor: AuditActor;
  /** Login shown to the user. */
  name: string;
}

export function moduleDeps(db: Db, config: Config, hasher: Hasher = createHasher(config.argon2MemoryKib)): ModuleDeps {
  return { db, config, hasher, auth: new AuthService(db, config, hasher) };
}

export async function resolveActor(io: Io, deps: ModuleDeps, values: Values): Promise<CliActor> {
  const login = stringOption(values, 'as');
  if (!login) return { actor: SYSTEM_ACTOR, auditor: SYSTEM_AUDITOR, name: CLI_LOGIN };
  const user = await findUserByLogin(deps.db, login);
  if (!user || !user.active) {
    throw new CliError(io.t(`Учётная запись «${login}» не найдена или отключена`, `Account «${login}» not found or disabled`));
  }
  return { actor: await deps.auth.actorOf(user), auditor: { userId: user.id, login: user.login }, name: user.login };
}
