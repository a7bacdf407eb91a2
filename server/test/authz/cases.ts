// Rows of the authorization matrix: who may call each route on a target inside their territory,
// and how to build a target outside it. Expectations are written out by hand, not derived from the policy.
import ExcelJS from 'exceljs';
import { multipart } from '../multipart.js';
import type { Fixtures } from './fixtures.js';

export type Who = 'admin' | 'fed' | 'expert' | 'region57' | 'observer57' | 'mo-kromy' | 'curator1' | 'school1';

export interface Req {
  method: string;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Case {
  route: string;
  allowed: Who[];
  inScope: (f: Fixtures, who: Who) => Req | Promise<Req>;
  outOfScope?: (f: Fixtures, who: Who) => Req | Promise<Req>;
  /** Success codes for allowed roles (default 200/201/204). */
  ok?: number[];
  /**
   * What an allowed role gets for an out-of-scope target when that is not 403/404 — e.g. an import
   * reports out-of-territory rows as row errors (400). The data must still be unchanged.
   */
  outRefused?: number[];
  /** Log in afresh for this route (it ends or changes the session). */
  ownSession?: boolean;
}

const OUT_REGION = 'Закрытая область';
const OUT_MUNICIPALITY = 'Закрытый район';
const EVERYONE: Who[] = ['admin', 'fed', 'expert', 'region57', 'observer57', 'mo-kromy', 'curator1', 'school1'];

const get = (url: string): Req => ({ method: 'GET', url });
const req = (method: string, url: string, body?: unknown): Req => ({ method, url, body });

let nextYear = 2031;
const ADMINS: Who[] = ['admin', 'fed'];
const REGION_UP: Who[] = ['admin', 'fed', 'region57'];
const COORDINATORS: Who[] = ['admin', 'fed', 'region57', 'mo-kromy'];

/** A territory CSV with one school row (region 57 / 57-01 in scope, 99 / 99-01 out of scope). */
function territoryCsv(f: Fixtures, out: boolean): Req {
  const n = f.next();
  const [region, mo] = out ? ['99', '99-01'] : ['57', '57-01'];
  const header = 'Код региона;Регион;Код муниципалитета;Муниципалитет;Код школы;Полное наименование;Краткое наименование;Адрес;Тип местности';
  const row = `${region};${out ? 'Другое имя области' : 'Орловская область'};${mo};${out ? 'Другой район' : 'Кромской район'};csv-${n};Школа из файла ${n};Школа ${n};адрес;городская`;
  const { payload, headers } = multipart({ name: 'schools.csv', content: Buffer.from(`${header}\n${row}\n`, 'utf8') }, { mode: 'all' });
  return { method: 'POST', url: '/api/territories/import', body: payload, headers };
}

/** A user import XLSX with one observer row bound to a municipality. */
async function usersXlsx(f: Fixtures, out: boolean): Promise<Req> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Пользователи');
  sheet.addRow(['ФИО', 'Роль', 'Код территории', 'Email', 'Телефон', 'Логин', 'Школы куратора']);
  sheet.addRow([`Импортированный наблюдатель ${f.next()}`, 'Наблюдатель', out ? '99-01' : '57-01', '', '', '', '']);
  const content = Buffer.from(await book.xlsx.writeBuffer());
  const { payload, headers } = multipart({ name: 'users.xlsx', content });
  return { method: 'POST', url: '/api/users/import', body: payload, headers };
}

export const CASES: Case[] = [
  // auth and cabinet: every signed-in user, about themselves only
  { route: 'GET /api/health', allowed: EVERYONE, inScope: () => get('/api/health') },
  // a fresh unknown login each time: unknown logins are locked after repeated failures like existing ones
  { route: 'POST /api/auth/login', allowed: EVERYONE, ok: [401], inScope: (f) => ({ method: 'POST', url: '/api/auth/login', body: { login: `x-${f.next()}`, password: 'wrong' } }) },
  { route: 'GET /api/auth/me', allowed: EVERYONE, inScope: () => get('/api/auth/me') },
  { route: 'POST /api/auth/logout', allowed: EVERYONE, ownSession: true, inScope: () => ({ method: 'POST', url: '/api/auth/logout' }) },
  {
    route: 'POST /api/auth/password',
    allowed: EVERYONE,
    ok: [400], // reaches the password check, which refuses the wrong current password
    inScope: () => ({ method: 'POST', url: '/api/auth/password', body: { currentPassword: 'wrong', newPassword: 'NewPass123' } }),
  },
  { route: 'GET /api/cabinet', allowed: EVERYONE, inScope: () => get('/api/cabinet') },

  // territories: everyone reads inside (and the parents of) their territory
  { route: 'GET /api/territories/regions', allowed: EVERYONE, inScope: () => get('/api/territories/regions') },
  {
    route: 'GET /api/territories/regions/:id',
    allowed: EVERYONE,
    inScope: (f) => get(`/api/territories/regions/${f.in.regionId}`),
    outOfScope: (f) => get(`/api/territories/regions/${f.out.regionId}`),
  },
  {
    route: 'POST /api/territories/regions',
    allowed: ADMINS,
    inScope: (f) => req('POST', '/api/territories/regions', { code: `r-${f.next()}`, name: `Область ${f.next()}` }),
  },
  {
    route: 'PATCH /api/territories/regions/:id',
    allowed: ADMINS,
    inScope: (f) => req('PATCH', `/api/territories/regions/${f.in.regionId}`, { name: 'Орловская область' }),
    outOfScope: (f) => req('PATCH', `/api/territories/regions/${f.out.regionId}`, { name: OUT_REGION }),
  },
  {
    route: 'DELETE /api/territories/regions/:id',
    allowed: ADMINS,
    inScope: async (f) => req('DELETE', `/api/territories/regions/${await f.freshRegion()}`),
  },
  { route: 'GET /api/territories/municipalities', allowed: EVERYONE, inScope: () => get('/api/territories/municipalities') },
  {
    route: 'GET /api/territories/municipalities/:id',
    allowed: EVERYONE,
    inScope: (f) => get(`/api/territories/municipalities/${f.in.municipalityId}`),
    outOfScope: (f) => get(`/api/territories/municipalities/${f.out.municipalityId}`),
  },
  {
    route: 'POST /api/territories/municipalities',
    allowed: REGION_UP,
    inScope: (f) => req('POST', '/api/territories/municipalities', { regionId: f.in.regionId, code: `m-${f.next()}`, name: `Район ${f.next()}` }),
    outOfScope: (f) => req('POST', '/api/territories/municipalities', { regionId: f.out.regionId, code: `m-${f.next()}`, name: `Район ${f.next()}` }),
  },
  {
    route: 'PATCH /api/territories/municipalities/:id',
    allowed: REGION_UP,
    inScope: (f) => req('PATCH', `/api/territories/municipalities/${f.in.municipalityId}`, { name: 'Кромской район' }),
    outOfScope: (f) => req('PATCH', `/api/territories/municipalities/${f.out.municipalityId}`, { name: OUT_MUNICIPALITY }),
  },
  {
    route: 'DELETE /api/territories/municipalities/:id',
    allowed: REGION_UP,
    inScope: async (f) => req('DELETE', `/api/territories/municipalities/${await f.freshMunicipality(f.in.regionId)}`),
    outOfScope: async (f) => req('DELETE', `/api/territories/municipalities/${await f.freshMunicipality(f.out.regionId)}`),
  },
  { route: 'GET /api/territories/schools', allowed: EVERYONE, inScope: () => get('/api/territories/schools?pageSize=200') },
  {
    route: 'GET /api/territories/schools/:id',
    allowed: EVERYONE,
    inScope: (f) => get(`/api/territories/schools/${f.in.schoolId}`),
    outOfScope: (f) => get(`/api/territories/schools/${f.out.schoolId}`),
  },
  {
    route: 'POST /api/territories/schools',
    allowed: COORDINATORS,
    inScope: (f) => req('POST', '/api/territories/schools', newSchool(f, f.in.municipalityId)),
    outOfScope: (f) => req('POST', '/api/territories/schools', newSchool(f, f.out.municipalityId)),
  },
  {
    route: 'PATCH /api/territories/schools/:id',
    // a school account may change its own contacts and context numbers
    allowed: [...COORDINATORS, 'school1'],
    inScope: (f) => req('PATCH', `/api/territories/schools/${f.in.schoolId}`, { phone: '+7 (48643) 2-11-11' }),
    outOfScope: (f) => req('PATCH', `/api/territories/schools/${f.out.schoolId}`, { phone: '+7 (000) 0-00-00' }),
  },
  {
    route: 'DELETE /api/territories/schools/:id',
    allowed: COORDINATORS,
    inScope: async (f) => req('DELETE', `/api/territories/schools/${await f.freshSchool()}`),
    outOfScope: async (f) => req('DELETE', `/api/territories/schools/${await f.freshOutSchool()}`),
  },
  // a blank template holds no data
  { route: 'GET /api/territories/import/template', allowed: EVERYONE, inScope: () => get('/api/territories/import/template?format=csv') },
  { route: 'GET /api/territories/export', allowed: EVERYONE, inScope: () => get('/api/territories/export?format=csv') },
  {
    route: 'POST /api/territories/import',
    allowed: COORDINATORS,
    // out-of-territory rows come back as row errors in the report (applied: false); nothing is written
    outRefused: [200, 400, 403, 404],
    inScope: (f) => territoryCsv(f, false),
    outOfScope: (f) => territoryCsv(f, true),
  },

  // project cycles: read by everyone, written by federal staff; schools selected by the region
  { route: 'GET /api/cycles', allowed: EVERYONE, inScope: () => get('/api/cycles') },
  { route: 'GET /api/cycles/:id', allowed: EVERYONE, inScope: (f) => get(`/api/cycles/${f.cycleId}`) },
  {
    route: 'GET /api/cycles/curators',
    allowed: COORDINATORS,
    inScope: (f) => get(`/api/cycles/curators?regionId=${f.in.regionId}&cycleId=${f.cycleId}`),
    outOfScope: (f) => get(`/api/cycles/curators?regionId=${f.out.regionId}&cycleId=${f.cycleId}`),
  },
  { route: 'POST /api/cycles', allowed: ADMINS, inScope: () => req('POST', '/api/cycles', { year: nextYear++, title: 'Новый год проекта' }) },
  { route: 'PATCH /api/cycles/:id', allowed: ADMINS, inScope: (f) => req('PATCH', `/api/cycles/${f.cycleId}`, { title: 'Проект 500+ — 2026' }) },
  { route: 'GET /api/cycles/:id/schools', allowed: EVERYONE, inScope: (f) => get(`/api/cycles/${f.cycleId}/schools`) },
  {
    route: 'POST /api/cycles/:id/schools',
    allowed: REGION_UP,
    inScope: async (f) => req('POST', `/api/cycles/${f.cycleId}/schools`, { schoolIds: [await f.freshSchool()] }),
    outOfScope: async (f) => req('POST', `/api/cycles/${f.cycleId}/schools`, { schoolIds: [await f.freshOutSchool()] }),
  },
  {
    route: 'DELETE /api/cycles/:id/schools/:schoolId',
    allowed: REGION_UP,
    inScope: async (f) => req('DELETE', `/api/cycles/${f.cycleId}/schools/${await f.select(await f.freshSchool())}`),
    outOfScope: async (f) => req('DELETE', `/api/cycles/${f.cycleId}/schools/${await f.select(await f.freshOutSchool())}`),
  },
  {
    route: 'PUT /api/cycles/:id/schools/:schoolId/curator',
    allowed: COORDINATORS,
    inScope: (f) => req('PUT', `/api/cycles/${f.cycleId}/schools/${f.in.schoolId}/curator`, { curatorId: f.in.curatorId }),
    outOfScope: (f) => req('PUT', `/api/cycles/${f.cycleId}/schools/${f.out.schoolId}/curator`, { curatorId: f.out.curatorId }),
  },

  // accounts: coordinators manage the accounts of their territory
  { route: 'GET /api/users', allowed: COORDINATORS, inScope: () => get('/api/users?pageSize=200') },
  { route: 'GET /api/users/import/template', allowed: COORDINATORS, inScope: () => get('/api/users/import/template') },
  {
    route: 'GET /api/users/:id',
    allowed: COORDINATORS,
    inScope: (f) => get(`/api/users/${f.in.userId}`),
    outOfScope: (f) => get(`/api/users/${f.out.userId}`),
  },
  {
    route: 'POST /api/users',
    allowed: COORDINATORS,
    // an out-of-territory binding is reported on its field
    outRefused: [400, 403, 404],
    inScope: (f) => req('POST', '/api/users', { fullName: `Наблюдатель ${f.next()}`, role: 'observer', municipalityId: f.in.municipalityId }),
    outOfScope: (f) => req('POST', '/api/users', { fullName: `Наблюдатель ${f.next()}`, role: 'observer', municipalityId: f.out.municipalityId }),
  },
  {
    route: 'PATCH /api/users/:id',
    allowed: COORDINATORS,
    inScope: (f) => req('PATCH', `/api/users/${f.in.userId}`, { phone: '+7 900 000-00-00' }),
    outOfScope: (f) => req('PATCH', `/api/users/${f.out.userId}`, { phone: '+7 900 000-00-01' }),
  },
  {
    route: 'POST /api/users/:id/reset-password',
    allowed: COORDINATORS,
    inScope: async (f) =>
      req('POST', `/api/users/${await f.freshUser('observer', { regionId: f.in.regionId, municipalityId: f.in.municipalityId })}/reset-password`),
    outOfScope: async (f) =>
      req('POST', `/api/users/${await f.freshUser('observer', { regionId: f.out.regionId, municipalityId: f.out.municipalityId })}/reset-password`),
  },
  {
    route: 'POST /api/users/credentials',
    allowed: COORDINATORS,
    inScope: async (f) =>
      req('POST', '/api/users/credentials', { userIds: [await f.freshUser('observer', { regionId: f.in.regionId, municipalityId: f.in.municipalityId })] }),
    outOfScope: (f) => req('POST', '/api/users/credentials', { userIds: [f.out.userId] }),
  },
  {
    route: 'POST /api/users/import',
    allowed: COORDINATORS,
    outRefused: [400, 403, 404],
    inScope: (f) => usersXlsx(f, false),
    outOfScope: (f) => usersXlsx(f, true),
  },

  // audit log: coordinators read the log of their territory
  { route: 'GET /api/audit', allowed: COORDINATORS, inScope: () => get('/api/audit?pageSize=200') },
  { route: 'GET /api/audit/facets', allowed: COORDINATORS, inScope: () => get('/api/audit/facets') },
];

function newSchool(f: Fixtures, municipalityId: number) {
  const n = f.next();
  return { municipalityId, code: `s-${n}`, fullName: `Новая школа ${n}`, shortName: `Школа ${n}`, locality: 'rural' };
}
