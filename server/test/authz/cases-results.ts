// Authorization matrix rows for positive-change monitoring (docs/reports-api.md). Template and import: admin, federal,
// the regional coordinator (schools of its region; a school outside comes back as a row error and nothing is saved);
// the others → 403. Dynamics: everyone, for their own territory; another region → 404 (country-wide roles see it).
import ExcelJS from 'exceljs';
import { multipart } from '../multipart.js';
import type { Case, Req, Who } from './cases.js';

const EVERYONE: Who[] = ['admin', 'fed', 'expert', 'region57', 'observer57', 'mo-kromy', 'curator1', 'school1'];
const IMPORTERS: Who[] = ['admin', 'fed', 'region57'];

const get = (url: string): Req => ({ method: 'GET', url });

async function resultsXlsx(schoolCode: string): Promise<Req> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Результаты');
  sheet.addRow(['Год', 'Код школы', 'Процедура', 'Предмет', 'Класс', 'Показатель', 'Значение']);
  sheet.addRow([2025, schoolCode, 'ВПР', 'Математика', 5, 'средний балл', 3.5]);
  const { payload, headers } = multipart({ name: 'results.xlsx', content: Buffer.from(await book.xlsx.writeBuffer()) });
  return { method: 'POST', url: '/api/results/import', body: payload, headers };
}

export const RESULT_CASES: Case[] = [
  { route: 'GET /api/results/template', allowed: IMPORTERS, inScope: () => get('/api/results/template') },
  {
    route: 'POST /api/results/import',
    allowed: IMPORTERS,
    // out-of-territory rows come back as row errors (applied: false); nothing is written
    outRefused: [200, 400, 403, 404],
    inScope: () => resultsXlsx('57-01-001'),
    outOfScope: () => resultsXlsx('99-01-001'),
  },
  {
    route: 'GET /api/results/dynamics',
    allowed: EVERYONE,
    inScope: (f) => get(`/api/results/dynamics?cycleId=${f.cycleId}`),
    outOfScope: (f) => get(`/api/results/dynamics?cycleId=${f.cycleId}&regionId=${f.out.regionId}`),
  },
];
