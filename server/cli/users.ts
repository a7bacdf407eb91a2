// medk users create / credentials / reset-password: the UsersService of the API (policy, binding rules,
// login generation, one-time passwords, audit).
import { ROLE_BINDING, ROLE_LABELS, ROLES, isRole, type Role } from '../../domain/access/roles.js';
import { LOGIN_PATTERN, LOGIN_RULE, type BindingRequest } from '../../domain/users/accounts.js';
import { z } from 'zod';
import { parse } from '../http/validate.js';
import { findUserByLogin } from '../modules/auth/queries.js';
import type { CredentialsRequest } from '../modules/users/service.js';
import { AS_HELP, AS_OPTION, moduleDeps, resolveActor } from './actor.js';
import { CliError, formatCount, intOption, requireOption, stringOption, UsageError, type Command } from './cli.js';
import { withDatabase } from './database.js';
import { territoryByCode, unknownTerritory, type Territory } from './lookup.js';
import { writeOutput } from './territories.js';

const LEVELS_BY_BINDING: Record<(typeof ROLE_BINDING)[Role], Territory['kind'][]> = {
  none: [],
  region: ['region'],
  municipality: ['municipality'],
  school: ['school'],
  any: ['school', 'municipality', 'region'],
};

function bindingOf(t: Territory): BindingRequest {
  if (t.kind === 'region') return { regionId: t.id };
  if (t.kind === 'municipality') return { regionId: t.regionId, municipalityId: t.id };
  return { regionId: t.regionId, municipalityId: t.municipalityId, schoolId: t.id };
}

// The fields of POST /api/users as its route checks them (server/modules/users/routes.ts keeps its schema
// private; the rules come from the same domain constants and the same zod messages).
const createFields = z.object({
  login: z.string().trim().regex(LOGIN_PATTERN, LOGIN_RULE).optional(),
  fullName: z.string().trim().min(1, 'Введите ФИО').max(300, 'Не длиннее 300 символов'),
  email: z
    .string()
    .trim()
    .max(200)
    .refine((v) => v === '' || z.email().safeParse(v).success, 'Некорректный адрес почты')
    .optional(),
  phone: z.string().trim().max(50, 'Не длиннее 50 символов').optional(),
});

const create: Command = {
  name: 'users create',
  summary: ['создать учётную запись и выдать временный пароль', 'create an account and issue a one-time password'],
  usage: '--role ROLE [--territory CODE] --name "ФИО" [--login LOGIN] [--email EMAIL] [--phone PHONE] [--json]',
  options: {
    role: { type: 'string' },
    territory: { type: 'string' },
    name: { type: 'string' },
    login: { type: 'string' },
    email: { type: 'string' },
    phone: { type: 'string' },
    json: { type: 'boolean' },
    ...AS_OPTION,
  },
  optionHelp: [
    ['--role ROLE', `роль: ${ROLES.join(', ')}`, `role: ${ROLES.join(', ')}`],
    ['--territory CODE', 'код региона, муниципалитета или школы — по роли (не нужен администратору и федеральному координатору)', 'region, municipality or school code — by role (not for admin and federal coordinator)'],
    ['--name "ФИО"', 'ФИО (для школы — название)', 'full name (a school: its name)'],
    ['--login LOGIN', 'логин (по умолчанию предлагается по роли и ФИО)', 'login (suggested from the role and name by default)'],
    ['--email, --phone', 'контакты', 'contacts'],
    ['--json', 'вывести {login, password, user} в JSON', 'print {login, password, user} as JSON'],
    AS_HELP,
  ],
  notes: [['Пароль временный: при первом входе его нужно сменить. Он показывается один раз.', 'The password is one-time: it must be changed at first login. It is shown once.']],
  async run(io, { values }) {
    const roleText = requireOption(io, values, 'role');
    if (!isRole(roleText)) throw new UsageError(io.t(`Неизвестная роль «${roleText}». Роли: ${ROLES.join(', ')}`, `Unknown role «${roleText}». Roles: ${ROLES.join(', ')}`));
    const role: Role = roleText;
    const fields = parse(createFields, {
      login: stringOption(values, 'login') || undefined,
      fullName: requireOption(io, values, 'name'),
      email: stringOption(values, 'email'),
      phone: stringOption(values, 'phone'),
    });
    const code = stringOption(values, 'territory');
    const levels = LEVELS_BY_BINDING[ROLE_BINDING[role]];
    if (code && levels.length === 0) {
      throw new UsageError(io.t(`Роль ${role} не привязывается к территории: уберите --territory`, `Role ${role} has no territory: drop --territory`));
    }
    if (!code && ROLE_BINDING[role] !== 'none' && ROLE_BINDING[role] !== 'any') {
      throw new UsageError(io.t(`Для роли ${role} укажите --territory (код: ${levels.join('/')})`, `Role ${role} needs --territory (a ${levels.join('/')} code)`));
    }
    // The service (and the Excel library) load on use, so `--help` stays instant.
    const { UsersService } = await import('../modules/users/service.js');
    return withDatabase(io, { migrate: true }, async (database) => {
      const deps = moduleDeps(database.db, database.config);
      const { actor, auditor } = await resolveActor(io, deps, values);
      let binding: BindingRequest = {};
      if (code) {
        const territory = await territoryByCode(database.db, code, levels);
        if (!territory) throw unknownTerritory(io, code);
        binding = bindingOf(territory);
      }
      const { user, password } = await new UsersService(deps).create(actor, auditor, {
        role,
        ...fields,
        ...binding,
      });
      if (values.json) {
        io.out(JSON.stringify({ login: user.login, password, user }, null, 2));
      } else {
        const territory = [user.regionName, user.municipalityName, user.schoolName].filter(Boolean).join(', ') || io.t('вся страна', 'whole country');
        io.out(io.t(`Создана учётная запись: ${user.fullName} (${ROLE_LABELS[role]}, ${territory})`, `Account created: ${user.fullName} (${role}, ${territory})`));
        io.out(`${io.t('Логин', 'Login')}: ${user.login}`);
        io.out(`${io.t('Временный пароль', 'One-time password')}: ${password}`);
      }
      return 0;
    });
  },
};

const credentials: Command = {
  name: 'users credentials',
  summary: [
    'выдать школам территории реквизиты доступа (XLSX с логинами и временными паролями)',
    'issue access credentials to the schools of a territory (XLSX with logins and one-time passwords)',
  ],
  usage: '--territory CODE [--cycle YEAR] --out FILE.xlsx [--url URL]',
  options: { territory: { type: 'string' }, cycle: { type: 'string' }, out: { type: 'string', short: 'o' }, url: { type: 'string' }, ...AS_OPTION },
  optionHelp: [
    ['--territory CODE', 'код региона, муниципалитета или школы', 'region, municipality or school code'],
    ['--cycle YEAR', 'только школы, отобранные в проект этого года', 'only the schools selected in this project year'],
    ['-o, --out FILE', 'куда записать XLSX', 'where to write the XLSX'],
    ['--url URL', 'адрес для входа, печатается в файле (по умолчанию http://localhost:PORT/)', 'sign-in address printed in the file (default http://localhost:PORT/)'],
    AS_HELP,
  ],
  notes: [
    [
      'Школам без учётной записи она создаётся, у остальных пароль сбрасывается на временный. Файл содержит пароли: передавайте его лично и удалите после раздачи.',
      'Schools without an account get one; the others get their password reset to a one-time one. The file holds passwords: hand it over in person and delete it afterwards.',
    ],
  ],
  async run(io, { values }) {
    const code = requireOption(io, values, 'territory');
    const out = requireOption(io, values, 'out');
    const cycleYear = stringOption(values, 'cycle') === undefined ? undefined : intOption(io, values, 'cycle', 0, 2000, 2100);
    // The service (and the Excel library) load on use, so `--help` stays instant.
    const { UsersService } = await import('../modules/users/service.js');
    return withDatabase(io, { migrate: true }, async (database) => {
      const deps = moduleDeps(database.db, database.config);
      const { actor, auditor } = await resolveActor(io, deps, values);
      const territory = await territoryByCode(database.db, code, ['region', 'municipality', 'school']);
      if (!territory) throw unknownTerritory(io, code);
      const schools: Extract<CredentialsRequest, { schools: unknown }>['schools'] = { cycleYear };
      if (territory.kind === 'region') schools.regionId = territory.id;
      else if (territory.kind === 'municipality') schools.municipalityId = territory.id;
      else schools.schoolIds = [territory.id];
      const items = await new UsersService(deps).issueCredentials(actor, auditor, { schools });
      const url = stringOption(values, 'url') ?? `http://localhost:${database.config.port}/`;
      const { credentialsWorkbook } = await import('../modules/users/xlsx.js');
      await writeOutput(io, out, await credentialsWorkbook(items, url));
      const created = items.filter((i) => i.created).length;
      io.out(
        io.t(
          `Реквизиты для ${formatCount(io, items.length)} учётных записей (${territory.name}): создано ${created}, пароль сброшен ${items.length - created}. Файл: ${out}`,
          `Credentials for ${formatCount(io, items.length)} accounts (${territory.name}): created ${created}, password reset ${items.length - created}. File: ${out}`,
        ),
      );
      return 0;
    });
  },
};

const resetPassword: Command = {
  name: 'users reset-password',
  summary: ['выдать учётной записи новый временный пароль (снимает блокировку, завершает сеансы)', 'issue a new one-time password (unlocks the account, ends its sessions)'],
  usage: 'LOGIN [--json]',
  positionals: { min: 1, max: 1, names: 'LOGIN' },
  options: { json: { type: 'boolean' }, ...AS_OPTION },
  optionHelp: [['--json', 'вывести {login, password} в JSON', 'print {login, password} as JSON'], AS_HELP],
  async run(io, { values, positionals }) {
    const login = positionals[0] as string;
    // The service (and the Excel library) load on use, so `--help` stays instant.
    const { UsersService } = await import('../modules/users/service.js');
    return withDatabase(io, { migrate: true }, async (database) => {
      const deps = moduleDeps(database.db, database.config);
      const { actor, auditor } = await resolveActor(io, deps, values);
      const user = await findUserByLogin(database.db, login);
      if (!user) throw new CliError(io.t(`Учётная запись «${login}» не найдена`, `Account «${login}» not found`));
      const result = await new UsersService(deps).resetPassword(actor, auditor, user.id);
      if (values.json) io.out(JSON.stringify(result));
      else {
        io.out(`${io.t('Логин', 'Login')}: ${result.login}`);
        io.out(`${io.t('Временный пароль', 'One-time password')}: ${result.password}`);
      }
      return 0;
    });
  },
};

export const usersCommands: Command[] = [create, credentials, resetPassword];
