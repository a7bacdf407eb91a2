// Audit log API: the visible part of the log, newest first, with filters.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../http/session.js';
import { DATE_MESSAGE, MAX_YEAR, MIN_YEAR } from '../../http/input.js';
import { parse } from '../../http/validate.js';
import type { ModuleDeps } from '../deps.js';
import { auditFacets, readAudit } from './service.js';

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** "2026-11-23" or an ISO date-time. A bare date as upper bound means the end of that day. */
function dateParam(endOfDay: boolean) {
  return z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .refine((v) => DATE_ONLY.test(v) || !Number.isNaN(Date.parse(v)), 'Дата в формате ГГГГ-ММ-ДД')
      .refine((v) => {
        const year = new Date(DATE_ONLY.test(v) ? `${v}T00:00:00` : v).getFullYear();
        // an unreadable date is reported once, by the check above
        return Number.isNaN(year) || (year >= MIN_YEAR && year <= MAX_YEAR);
      }, DATE_MESSAGE)
      .transform((v) => {
        if (!DATE_ONLY.test(v)) return new Date(v);
        const day = new Date(`${v}T00:00:00`);
        if (endOfDay) day.setDate(day.getDate() + 1);
        return day;
      })
      .optional(),
  );
}

const auditQuery = z
  .object({
    action: z.preprocess(emptyToUndefined, z.string().trim().max(60).optional()),
    entityType: z.preprocess(emptyToUndefined, z.string().trim().max(60).optional()),
    entityId: z.preprocess(emptyToUndefined, z.string().trim().max(60).optional()),
    userId: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().optional()),
    q: z.preprocess(emptyToUndefined, z.string().trim().max(200).optional()),
    from: dateParam(false),
    to: dateParam(true),
    page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(1)),
    pageSize: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(200).default(50)),
  })
  .refine((v) => !v.from || !v.to || v.from < v.to, { message: 'Начало периода позже конца', path: ['to'] });

export function registerAuditRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  app.get('/api/audit', async (request) => {
    const { page, pageSize, ...filter } = parse(auditQuery, request.query);
    return readAudit(deps.db, actorOf(request), filter, { page, pageSize });
  });

  app.get('/api/audit/facets', async (request) => auditFacets(deps.db, actorOf(request)));
}
