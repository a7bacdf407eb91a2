// Drizzle schema: the single description of MEDK tables for PGlite and PostgreSQL.
// Migrations in ./migrations are generated from this file (npm run db:generate) and are forward-only.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { ROLES } from '../../domain/access/roles.js';

// Субъект РФ
export const regions = pgTable('regions', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// Муниципальное образование (МОУО)
export const municipalities = pgTable(
  'municipalities',
  {
    id: serial('id').primaryKey(),
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'restrict' }),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('municipalities_id_region_uq').on(t.id, t.regionId), index('municipalities_region_idx').on(t.regionId)],
);

// Образовательная организация (ОО). region_id is kept consistent with the municipality by a composite FK.
export const schools = pgTable(
  'schools',
  {
    id: serial('id').primaryKey(),
    regionId: integer('region_id').notNull(),
    municipalityId: integer('municipality_id').notNull(),
    code: text('code').notNull().unique(),
    fullName: text('full_name').notNull(),
    shortName: text('short_name').notNull(),
    address: text('address').notNull().default(''),
    locality: text('locality', { enum: ['urban', 'rural'] }).notNull(),
    directorName: text('director_name').notNull().default(''),
    email: text('email').notNull().default(''),
    phone: text('phone').notNull().default(''),
    // Контекстные данные: численность обучающихся, педагогов, классы 6/9 и т.п.
    context: jsonb('context').$type<Record<string, number | string | null>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'schools_municipality_region_fk',
      columns: [t.municipalityId, t.regionId],
      foreignColumns: [municipalities.id, municipalities.regionId],
    }).onUpdate('cascade'),
    index('schools_region_idx').on(t.regionId),
    index('schools_municipality_idx').on(t.municipalityId),
  ],
);

// Год проекта
export const cycles = pgTable('cycles', {
  id: serial('id').primaryKey(),
  year: integer('year').notNull().unique(),
  title: text('title').notNull(),
  status: text('status', { enum: ['planned', 'active', 'closed'] }).notNull().default('planned'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

// Школы, отобранные в цикл проекта (ШНОР)
export const cycleSchools = pgTable(
  'cycle_schools',
  {
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    selectedAt: timestamp('selected_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.schoolId] }), index('cycle_schools_school_idx').on(t.schoolId)],
);


export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    login: text('login').notNull(),
    fullName: text('full_name').notNull(),
    email: text('email').notNull().default(''),
    phone: text('phone').notNull().default(''),
    role: text('role', { enum: ROLES }).notNull(),
    // Territory binding: none for federal roles, region, municipality or school.
    regionId: integer('region_id').references(() => regions.id, { onDelete: 'restrict' }),
    municipalityId: integer('municipality_id').references(() => municipalities.id, { onDelete: 'restrict' }),
    schoolId: integer('school_id').references(() => schools.id, { onDelete: 'restrict' }),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    active: boolean('active').notNull().default(true),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_login_uq').on(sql`lower(${t.login})`),
    index('users_region_idx').on(t.regionId),
    index('users_municipality_idx').on(t.municipalityId),
    index('users_school_idx').on(t.schoolId),
  ],
);

// Куратор ОО: назначение куратора на школу в цикле (one curator per school per cycle).
export const curatorAssignments = pgTable(
  'curator_assignments',
  {
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'cascade' }),
    curatorId: integer('curator_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.schoolId] }), index('curator_assignments_curator_idx').on(t.curatorId)],
);

export const sessions = pgTable(
  'sessions',
  {
    // sha256 of the cookie token; the token itself is never stored.
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

// Login throttling per client address, shared by all app processes.
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  attempts: integer('attempts').notNull().default(0),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull().defaultNow(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: integer('user_id'),
    userLogin: text('user_login'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    // Territory of the changed record, so coordinators see only their part of the log.
    regionId: integer('region_id'),
    municipalityId: integer('municipality_id'),
    schoolId: integer('school_id'),
    summary: text('summary').notNull().default(''),
    changes: jsonb('changes').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_region_idx').on(t.regionId, t.at),
    index('audit_log_municipality_idx').on(t.municipalityId, t.at),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
  ],
);
