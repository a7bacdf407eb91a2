// Accounts, one-time passwords, bulk access credentials and bulk import. Every read and write is checked
// against the policy and limited to the actor's scope; every change is audited in its own transaction.
import { randomBytes } from 'node:crypto';
import { generatePassword } from '../../../domain/access/passwords.js';
import {
  canManageUser,
  contains,
  manageableRoles,
  roleMay,
  scopeOf,
  type Action,
  type Actor,
  type Place,
  type Scope,
} from '../../../domain/access/policy.js';
import { ROLE_LABELS, type Role } from '../../../domain/access/roles.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../domain/errors.js';
import {
  baseLogin,
  bindingField,
  placeOfBinding,
  resolveBinding,
  TERRITORY_UNAVAILABLE,
  uniqueLogin,
  type Binding,
  type BindingRequest,
  type FoundTerritories,
} from '../../../domain/users/accounts.js';
import {
  issuePath,
  mapHeaders,
  parseImportRows,
  USER_IMPORT_COLUMNS,
  type ImportIssue,
} from '../../../domain/users/import.js';
import type { Db, Tx } from '../../db/client.js';
import { audit, diff, type AuditActor } from '../audit/service.js';
import { deleteUserSessions, setPassword } from '../auth/queries.js';
import { publicUser } from '../auth/routes.js';
import type { ModuleDeps } from '../deps.js';
import * as q from './queries.js';
import { planImport, type PlannedAccount } from './importer.js';
import { importTemplate, readImportSheet, type IssuedCredential } from './xlsx.js';

const ALL: Scope = { level: 'all' };

export interface UserView extends ReturnType<typeof publicUser> {
  phone: string;
  active: boolean;
  locked: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  regionName: string | null;
  municipalityName: string | null;
  schoolName: string | null;
  schoolCode: string | null;
  curatedSchools: { id: number; code: string; name: string; cycleYear: number; cycleStatus: string }[];
  /** May the actor edit, reset or deactivate this account (the server checks again on every write). */
  canManage: boolean;
  self: boolean;
}

export interface CreateUserInput extends BindingRequest {
  login?: string;
  fullName: string;
  email?: string;
  phone?: string;
  role: Role;
}

export interface UpdateUserInput {
  fullName?: string;
  email?: string;
  phone?: string;
  active?: boolean;
}

export type CredentialsRequest =
  | { userIds: number[] }
  | { schools: { cycleYear?: number; regionId?: number; municipalityId?: number; schoolIds?: number[] } };

export interface ImportReport {
  valid: boolean;
  /** Non-empty data rows in the file. */
  total: number;
  errors: ImportIssue[];
  preview: { row: number; fullName: string; role: Role; roleLabel: string; territory: string; login: string; curatorSchools: string[] }[];
}

function requireRole(actor: Actor, action: Action): void {
  if (!roleMay(actor.role, action)) throw new ForbiddenError();
}

export function placeOfUser(user: Pick<q.UserRow, 'regionId' | 'municipalityId' | 'schoolId'>): Place | null {
  return placeOfBinding(user);
}

function territoryText(u: Pick<q.UserWithNames, 'regionName' | 'municipalityName' | 'schoolName'>): string {
  return [u.regionName, u.municipalityName, u.schoolName].filter(Boolean).join(', ') || 'Вся страна';
}

function credentialOf(user: q.UserWithNames, password: string, created: boolean): IssuedCredential {
  const isSchool = user.role === 'school' && user.schoolName;
  return {
    userId: user.id,
    login: user.login,
    organisation: isSchool ? (user.schoolName ?? user.fullName) : user.fullName,
    role: user.role,
    territory: isSchool
      ? [user.regionName, user.municipalityName].filter(Boolean).join(', ')
      : territoryText(user),
    password,
    created,
  };
}

function newPassword(): string {
  return generatePassword((n) => randomBytes(n));
}

/** Run fn over items, at most `limit` at a time (argon2 runs in the thread pool). */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}

const LOGIN_TAKEN = 'Такой логин уже занят';

export class UsersService {
  private readonly db: Db;

  constructor(private readonly deps: ModuleDeps) {
    this.db = deps.db;
  }

  // ——— Reading ———

  async list(actor: Actor, filter: q.UserFilter, page: { page: number; pageSize: number }) {
    requireRole(actor, 'user.read');
    const scope = scopeOf(actor);
    const { rows, total } = await q.listUsers(this.db, scope, filter, {
      offset: (page.page - 1) * page.pageSize,
      limit: page.pageSize,
    });
    return { items: await this.views(this.db, actor, rows), total, page: page.page, pageSize: page.pageSize };
  }

  async get(actor: Actor, id: number): Promise<UserView> {
    requireRole(actor, 'user.read');
    const row = await q.userInScope(this.db, scopeOf(actor), id);
    if (!row) throw new NotFoundError('Пользователь не найден');
    const [view] = await this.views(this.db, actor, [row]);
    if (!view) throw new NotFoundError('Пользователь не найден');
    return view;
  }

  private async views(db: Tx, actor: Actor, rows: q.UserWithNames[]): Promise<UserView[]> {
    const curators = rows.filter((r) => r.role === 'curator').map((r) => r.id);
    const curated = await q.curatedSchoolsOf(db, scopeOf(actor), curators);
    const now = Date.now();
    return rows.map((row) => ({
      ...publicUser(row),
      phone: row.phone,
      active: row.active,
      locked: row.lockedUntil !== null && row.lockedUntil.getTime() > now,
      lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      regionName: row.regionName,
      municipalityName: row.municipalityName,
      schoolName: row.schoolName,
      schoolCode: row.schoolCode,
      curatedSchools: curated
        .filter((c) => c.curatorId === row.id)
        .map((c) => ({ id: c.schoolId, code: c.code, name: c.name, cycleYear: c.cycleYear, cycleStatus: c.cycleStatus })),
      canManage: row.id !== actor.userId && canManageUser(actor, row.role, placeOfUser(row)),
      self: row.id === actor.userId,
    }));
  }

  /** An account inside the actor's scope that the actor may manage (404 outside the scope, 403 otherwise). */
  private async manageable(db: Tx, actor: Actor, id: number): Promise<q.UserWithNames> {
    requireRole(actor, 'user.write');
    const target = await q.userInScope(db, scopeOf(actor), id);
    if (!target) throw new NotFoundError('Пользователь не найден');
    if (!canManageUser(actor, target.role, placeOfUser(target))) {
      throw new ForbiddenError('Нет прав изменять эту учётную запись');
    }
    return target;
  }

  // ——— Single accounts ———

  /** Territory binding for a new account; ids outside the actor's scope count as not found. */
  private async bindingFor(db: Tx, actor: Actor, role: Role, request: BindingRequest): Promise<Binding> {
    const scope = scopeOf(actor);
    const region = request.regionId ? await q.findRegion(db, request.regionId) : undefined;
    const municipality = request.municipalityId ? await q.findMunicipality(db, request.municipalityId) : undefined;
    const school = request.schoolId ? await q.findSchool(db, request.schoolId) : undefined;
    const found: FoundTerritories = {
      region: region && contains(scope, { regionId: region.id }) ? region : null,
      municipality:
        municipality && contains(scope, { regionId: municipality.regionId, municipalityId: municipality.id })
          ? municipality
          : null,
      school:
        school && contains(scope, { regionId: school.regionId, municipalityId: school.municipalityId, schoolId: school.id })
          ? school
          : null,
    };
    const result = resolveBinding(role, request, found);
    if (!result.ok) throw new ValidationError('Проверьте территорию', result.issues);
    const place = placeOfBinding(result.binding);
    if (!canManageUser(actor, role, place)) {
      const path = bindingField(role, request);
      throw new ValidationError('Проверьте территорию', [
        { path, message: place ? TERRITORY_UNAVAILABLE : 'Укажите территорию в пределах вашей зоны ответственности' },
      ]);
    }
    return result.binding;
  }

  async create(actor: Actor, auditor: AuditActor, input: CreateUserInput): Promise<{ user: UserView; password: string }> {
    requireRole(actor, 'user.write');
    if (!manageableRoles(actor.role).includes(input.role)) {
      throw new ForbiddenError(`Вы не можете создавать учётные записи с ролью «${ROLE_LABELS[input.role]}»`);
    }
    const binding = await this.bindingFor(this.db, actor, input.role, input);
    let login = input.login?.trim();
    if (login) {
      if ((await q.takenLogins(this.db, [login])).size) {
        throw new ConflictError(LOGIN_TAKEN, [{ path: 'login', message: LOGIN_TAKEN }]);
      }
    } else {
      const school = binding.schoolId ? await q.findSchool(this.db, binding.schoolId) : undefined;
      const base = baseLogin(input.role, input.fullName, school?.code);
      login = uniqueLogin(base, await q.loginsLike(this.db, [base]));
    }
    const password = newPassword();
    const passwordHash = await this.deps.hasher.hash(password);
    const created = await this.inTransaction(async (tx) => {
      const row = await q.insertUser(tx, {
        login,
        fullName: input.fullName,
        email: input.email ?? '',
        phone: input.phone ?? '',
        role: input.role,
        ...binding,
        passwordHash,
        mustChangePassword: true,
      });
      await audit(tx, auditor, {
        action: 'create',
        entityType: 'user',
        entityId: row.id,
        place: placeOfBinding(binding),
        summary: `Создана учётная запись «${row.login}» (${ROLE_LABELS[row.role]}): ${row.fullName}`,
        changes: {
          login: row.login,
          fullName: row.fullName,
          role: row.role,
          email: row.email,
          phone: row.phone,
          ...binding,
        },
      });
      return row;
    });
    return { user: await this.get(actor, created.id), password };
  }

  async update(actor: Actor, auditor: AuditActor, id: number, input: UpdateUserInput): Promise<UserView> {
    const target = await this.manageable(this.db, actor, id);
    if (input.active === false && target.id === actor.userId) {
      throw new ForbiddenError('Нельзя отключить собственную учётную запись');
    }
    const before = { fullName: target.fullName, email: target.email, phone: target.phone, active: target.active };
    const after = { ...before, ...input };
    const changes = diff(before, after);
    if (Object.keys(changes).length) {
      await this.db.transaction(async (tx) => {
        await q.updateUser(tx, id, input);
        if (input.active === false && target.active) await deleteUserSessions(tx, id);
        const summary =
          input.active === false && target.active
            ? `Учётная запись «${target.login}» отключена`
            : input.active === true && !target.active
              ? `Учётная запись «${target.login}» включена`
              : `Изменена учётная запись «${target.login}»`;
        await audit(tx, auditor, {
          action: 'update',
          entityType: 'user',
          entityId: id,
          place: placeOfUser(target),
          summary,
          changes,
        });
      });
    }
    return this.get(actor, id);
  }

  /** A new one-time password for one account: unlocks it and ends its sessions. */
  async resetPassword(actor: Actor, auditor: AuditActor, id: number): Promise<{ login: string; password: string }> {
    const target = await this.manageable(this.db, actor, id);
    if (target.id === actor.userId) {
      throw new ForbiddenError('Свой пароль меняйте в разделе «Смена пароля»');
    }
    const password = newPassword();
    const passwordHash = await this.deps.hasher.hash(password);
    await this.db.transaction(async (tx) => {
      await setPassword(tx, id, passwordHash, true);
      await deleteUserSessions(tx, id);
      await audit(tx, auditor, {
        action: 'password_reset',
        entityType: 'user',
        entityId: id,
        place: placeOfUser(target),
        summary: `Сброшен пароль учётной записи «${target.login}»: выдан временный пароль`,
        changes: { mustChangePassword: true, unlocked: target.lockedUntil !== null },
      });
    });
    return { login: target.login, password };
  }

  // ——— Bulk credentials ———

  /**
   * Who gets new credentials: existing accounts to reset and schools that need a new account.
   * Throws when any target is outside the scope or not manageable, so nothing is changed at all.
   */
  private async planCredentials(db: Tx, actor: Actor, request: CredentialsRequest) {
    requireRole(actor, 'user.write');
    const scope = scopeOf(actor);
    if ('userIds' in request) {
      const ids = [...new Set(request.userIds)];
      const rows = await q.usersInScope(db, scope, ids);
      if (rows.length !== ids.length) throw new NotFoundError('Не все выбранные учётные записи найдены');
      for (const row of rows) {
        if (row.id === actor.userId) throw new ForbiddenError('Свой пароль меняйте в разделе «Смена пароля»');
        if (!canManageUser(actor, row.role, placeOfUser(row))) {
          throw new ForbiddenError(`Нет прав выдавать реквизиты для учётной записи «${row.login}»`);
        }
        if (!row.active) {
          throw new ValidationError('Среди выбранных есть отключённые учётные записи', [
            { path: 'userIds', message: `Учётная запись «${row.login}» отключена: сначала включите её` },
          ]);
        }
      }
      rows.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
      return { resets: rows, creates: [] as q.SchoolForCredentials[] };
    }

    const { cycleYear, regionId, municipalityId, schoolIds } = request.schools;
    if (regionId && !((await q.findRegion(db, regionId)) && contains(scope, { regionId }))) {
      throw new NotFoundError('Регион не найден');
    }
    if (municipalityId) {
      const municipality = await q.findMunicipality(db, municipalityId);
      if (!municipality || !contains(scope, { regionId: municipality.regionId, municipalityId })) {
        throw new NotFoundError('Муниципалитет не найден');
      }
    }
    let cycleId: number | undefined;
    if (cycleYear) {
      const cycle = await q.cycleByYear(db, cycleYear);
      if (!cycle) {
        throw new ValidationError('Год проекта не найден', [
          { path: 'schools.cycleYear', message: `Нет года проекта ${cycleYear}` },
        ]);
      }
      cycleId = cycle.id;
    }
    const ids = schoolIds ? [...new Set(schoolIds)] : undefined;
    if (ids) {
      const found = await q.schoolsInScope(db, scope, { schoolIds: ids, regionId, municipalityId });
      if (found.length !== ids.length) throw new NotFoundError('Не все выбранные школы найдены');
    }
    const schoolRows = await q.schoolsInScope(db, scope, { regionId, municipalityId, schoolIds: ids, cycleId });
    if (schoolRows.length === 0) {
      throw new ValidationError('Нет школ, для которых можно выдать реквизиты', [
        { path: 'schools', message: 'Нет школ, для которых можно выдать реквизиты' },
      ]);
    }
    for (const school of schoolRows) {
      const place = { regionId: school.regionId, municipalityId: school.municipalityId, schoolId: school.id };
      if (!canManageUser(actor, 'school', place)) throw new ForbiddenError('Нет прав выдавать реквизиты школам');
    }
    const accounts = await q.activeSchoolAccounts(db, schoolRows.map((s) => s.id));
    const withAccount = new Set(accounts.map((a) => a.schoolId));
    const order = new Map(schoolRows.map((s, i) => [s.id, i]));
    accounts.sort((a, b) => (order.get(a.schoolId ?? 0) ?? 0) - (order.get(b.schoolId ?? 0) ?? 0));
    for (const account of accounts) {
      if (account.id === actor.userId) throw new ForbiddenError('Свой пароль меняйте в разделе «Смена пароля»');
      if (!canManageUser(actor, account.role, placeOfUser(account))) throw new ForbiddenError();
    }
    return { resets: accounts, creates: schoolRows.filter((s) => !withAccount.has(s.id)) };
  }

  /** New one-time passwords for the targets (creating missing school accounts), all in one transaction. */
  async issueCredentials(actor: Actor, auditor: AuditActor, request: CredentialsRequest): Promise<IssuedCredential[]> {
    const plan = await this.planCredentials(this.db, actor, request);
    const count = plan.resets.length + plan.creates.length;
    const passwords = Array.from({ length: count }, newPassword);
    const hashes = await mapLimit(passwords, 4, (p) => this.deps.hasher.hash(p));
    const fingerprint = (p: typeof plan) =>
      JSON.stringify([p.resets.map((r) => r.id), p.creates.map((s) => s.id)]);

    return this.inTransaction(async (tx) => {
      // The targets may have changed while passwords were hashed: plan again inside the transaction.
      const current = await this.planCredentials(tx, actor, request);
      if (fingerprint(current) !== fingerprint(plan)) {
        throw new ConflictError('Список учётных записей изменился, повторите действие');
      }
      const out: IssuedCredential[] = [];
      let i = 0;
      for (const user of current.resets) {
        const password = passwords[i] as string;
        await setPassword(tx, user.id, hashes[i++] as string, true);
        await deleteUserSessions(tx, user.id);
        await audit(tx, auditor, {
          action: 'credentials',
          entityType: 'user',
          entityId: user.id,
          place: placeOfUser(user),
          summary: `Выданы реквизиты доступа: «${user.login}», пароль сброшен на временный`,
          changes: { login: user.login, created: false, mustChangePassword: true },
        });
        out.push(credentialOf(user, password, false));
      }
      const bases = current.creates.map((s) => baseLogin('school', s.name, s.code));
      const taken = await q.loginsLike(tx, bases);
      const createdIds: number[] = [];
      const createdPasswords = new Map<number, string>();
      for (const [k, school] of current.creates.entries()) {
        const login = uniqueLogin(bases[k] as string, taken);
        taken.add(login.toLowerCase());
        const binding = { regionId: school.regionId, municipalityId: school.municipalityId, schoolId: school.id };
        const row = await q.insertUser(tx, {
          login,
          fullName: school.name,
          role: 'school',
          ...binding,
          passwordHash: hashes[i] as string,
          mustChangePassword: true,
        });
        createdPasswords.set(row.id, passwords[i++] as string);
        createdIds.push(row.id);
        await audit(tx, auditor, {
          action: 'credentials',
          entityType: 'user',
          entityId: row.id,
          place: binding,
          summary: `Выданы реквизиты доступа: создана учётная запись школы «${login}» (${school.name})`,
          changes: { login, created: true, role: 'school', ...binding },
        });
      }
      const createdRows = await q.usersInScope(tx, ALL, createdIds);
      createdRows.sort((a, b) => createdIds.indexOf(a.id) - createdIds.indexOf(b.id));
      for (const row of createdRows) out.push(credentialOf(row, createdPasswords.get(row.id) ?? '', true));
      return out;
    });
  }

  // ——— Bulk import ———

  async template(actor: Actor): Promise<Buffer> {
    requireRole(actor, 'user.write');
    return importTemplate(manageableRoles(actor.role), await q.territoriesInScope(this.db, scopeOf(actor)));
  }

  /** Dry run: the report. Otherwise creates every account (or none) and returns their credentials. */
  async importUsers(
    actor: Actor,
    auditor: AuditActor,
    file: Buffer,
    dryRun: boolean,
  ): Promise<{ report: ImportReport } | { credentials: IssuedCredential[] }> {
    requireRole(actor, 'user.write');
    const sheet = await readImportSheet(file);
    const header = mapHeaders(sheet.headers);
    const total = sheet.rows.filter((r) => r.cells.some((c) => c !== '')).length;
    let issues: ImportIssue[] = header.issues.map((i) => ({ ...i, row: sheet.headerRow }));
    let planned: PlannedAccount[] = [];
    if (issues.length === 0) {
      const parsed = parseImportRows(header.columns, sheet.rows);
      issues = parsed.issues;
      planned = await planImport(this.db, actor, parsed.rows, issues);
    }
    const columnOrder = (key: ImportIssue['column']) => USER_IMPORT_COLUMNS.findIndex((c) => c.key === key);
    issues.sort((a, b) => a.row - b.row || columnOrder(a.column) - columnOrder(b.column));
    if (dryRun) {
      return {
        report: {
          valid: issues.length === 0,
          total,
          errors: issues,
          preview: planned.map((p) => ({
            row: p.row,
            fullName: p.fullName,
            role: p.role,
            roleLabel: ROLE_LABELS[p.role],
            territory: p.territory,
            login: p.login,
            curatorSchools: p.curatorSchools.map((s) => s.code),
          })),
        },
      };
    }
    if (issues.length) {
      throw new ValidationError(
        `В файле ошибки (${issues.length}): ничего не загружено`,
        issues.map((i) => ({
          path: issuePath(i),
          message: `Строка ${i.row}${i.header ? `, «${i.header}»` : ''}: ${i.message}`,
        })),
      );
    }
    const passwords = planned.map(() => newPassword());
    const hashes = await mapLimit(passwords, 4, (p) => this.deps.hasher.hash(p));
    return {
      credentials: await this.inTransaction(async (tx) => {
        const cycle = await q.activeCycle(tx);
        const ids: number[] = [];
        for (const [k, p] of planned.entries()) {
          const row = await q.insertUser(tx, {
            login: p.login,
            fullName: p.fullName,
            email: p.email,
            phone: p.phone,
            role: p.role,
            ...p.binding,
            passwordHash: hashes[k] as string,
            mustChangePassword: true,
          });
          ids.push(row.id);
          await audit(tx, auditor, {
            action: 'import',
            entityType: 'user',
            entityId: row.id,
            place: placeOfBinding(p.binding),
            summary: `Импорт: создана учётная запись «${row.login}» (${ROLE_LABELS[row.role]}): ${row.fullName}`,
            changes: {
              login: row.login,
              fullName: row.fullName,
              role: row.role,
              email: row.email,
              phone: row.phone,
              ...p.binding,
              ...(p.curatorSchools.length ? { curatorSchools: p.curatorSchools.map((s) => s.code) } : {}),
            },
          });
          for (const school of p.curatorSchools) {
            if (!cycle) throw new ConflictError('Нет активного года проекта');
            const previous = await q.assignCurator(tx, cycle.id, school.id, row.id);
            await audit(tx, auditor, {
              action: previous === null ? 'create' : 'update',
              entityType: 'curator_assignment',
              entityId: `${cycle.id}:${school.id}`,
              place: { regionId: school.regionId, municipalityId: school.municipalityId, schoolId: school.id },
              summary: `Куратор «${row.fullName}» назначен на школу «${school.name}» (${cycle.year})`,
              changes: { curatorId: [previous, row.id], cycleYear: cycle.year, schoolCode: school.code },
            });
          }
        }
        const rows = await q.usersInScope(tx, ALL, ids);
        rows.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
        return rows.map((row) => credentialOf(row, passwords[ids.indexOf(row.id)] as string, true));
      }),
    };
  }

  /** A transaction whose unique-login violation (a concurrent create) becomes a ConflictError on «login». */
  private async inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(fn);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(LOGIN_TAKEN, [{ path: 'login', message: LOGIN_TAKEN }]);
      }
      throw error;
    }
  }
}
