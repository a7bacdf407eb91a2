// Drizzle schema: the single description of MEDK tables for PGlite and PostgreSQL.
// Migrations in ./migrations are generated from this file (npm run db:generate) and are forward-only.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  date,
  boolean,
  doublePrecision,
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
import { DOCUMENT_KINDS } from '../../domain/documents/checklist.js';
import { VISIT_FORMATS } from '../../domain/documents/visits.js';
import { DOCUMENT_STATUSES, EXPERTISE_CONCLUSIONS, EXPERTISE_STATUSES } from '../../domain/documents/workflow.js';
import type { RevisionDiff, RevisionItem } from '../../domain/roadmaps/revisions.js';
import { INSTRUMENT_CODES } from '../../domain/surveys/instruments/types.js';

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
  /** Days after a due date when an overdue activity is escalated one level up, then two (эскалация просрочки). */
  escalationDays: jsonb('escalation_days').$type<number[]>().notNull().default([3, 10]),
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
    /** The hash before the last change: a new password may not go back to it. */
    previousPasswordHash: text('previous_password_hash'),
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

// ---- Roadmaps (дорожные карты / планы-графики) ----

/** Stored file, content-addressed by sha256 (evidence, documents). */
export const storedFiles = pgTable(
  'stored_files',
  {
    id: serial('id').primaryKey(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mime: text('mime').notNull(),
    name: text('name').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('stored_files_sha_idx').on(t.sha256)],
);

export const ROADMAP_LEVELS = ['federal', 'regional', 'municipal', 'school'] as const;
export const ROADMAP_STATUSES = ['draft', 'approved'] as const;

export const roadmaps = pgTable(
  'roadmaps',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'restrict' }),
    level: text('level', { enum: ROADMAP_LEVELS }).notNull(),
    // Owner territory: none (federal), region, municipality or school — by level.
    regionId: integer('region_id').references(() => regions.id, { onDelete: 'restrict' }),
    municipalityId: integer('municipality_id').references(() => municipalities.id, { onDelete: 'restrict' }),
    schoolId: integer('school_id').references(() => schools.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    // Approving order («приказ»)
    orderAuthority: text('order_authority').notNull().default(''),
    orderNumber: text('order_number').notNull().default(''),
    orderDate: date('order_date', { mode: 'string' }),
    year: integer('year').notNull(),
    /** The roadmap this one was copied from (a regional template for a municipal roadmap). */
    templateId: integer('template_id'),
    /** Imported source text, kept for side-by-side review. */
    sourceText: text('source_text'),
    /** Optimistic concurrency: every save must name the version it edited. */
    version: integer('version').notNull().default(1),
    /** draft = editable, not counted; approved = frozen by an order, changed only by amendments (редакции). */
    status: text('status', { enum: ROADMAP_STATUSES }).notNull().default('draft'),
    /** Number of the latest approved revision (0 while a draft). */
    revision: integer('revision').notNull().default(0),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: 'roadmaps_template_fk', columns: [t.templateId], foreignColumns: [t.id] }).onDelete('set null'),
    index('roadmaps_cycle_region_idx').on(t.cycleId, t.regionId),
    index('roadmaps_municipality_idx').on(t.municipalityId),
    index('roadmaps_school_idx').on(t.schoolId),
    // one approved roadmap per territory, level and cycle
    uniqueIndex('roadmaps_place_approved_uq')
      .on(t.cycleId, t.level, sql`coalesce(${t.regionId}, 0)`, sql`coalesce(${t.municipalityId}, 0)`, sql`coalesce(${t.schoolId}, 0)`)
      .where(sql`${t.status} = 'approved'`),
  ],
);

// Редакция дорожной карты: 1 = approved by an order, 2… = amendments («О внесении изменений…»). Never changed.
export const roadmapRevisions = pgTable(
  'roadmap_revisions',
  {
    id: serial('id').primaryKey(),
    roadmapId: integer('roadmap_id')
      .notNull()
      .references(() => roadmaps.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    kind: text('kind', { enum: ['approval', 'amendment'] }).notNull(),
    orderAuthority: text('order_authority').notNull().default(''),
    orderNumber: text('order_number').notNull(),
    orderDate: date('order_date', { mode: 'string' }).notNull(),
    orderTitle: text('order_title').notNull().default(''),
    orderFileId: integer('order_file_id').references(() => storedFiles.id, { onDelete: 'restrict' }),
    /** The plan in force from orderDate (all its items, in order). */
    items: jsonb('items').$type<RevisionItem[]>().notNull(),
    /** Against the previous revision (empty for the approval). */
    diff: jsonb('diff').$type<RevisionDiff>().notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('roadmap_revisions_number_uq').on(t.roadmapId, t.number)],
);

// Мероприятие дорожной карты
export const roadmapItems = pgTable(
  'roadmap_items',
  {
    id: serial('id').primaryKey(),
    roadmapId: integer('roadmap_id')
      .notNull()
      .references(() => roadmaps.id, { onDelete: 'cascade' }),
    /** Sub-item of (e.g. 3.1 under 3). */
    parentId: integer('parent_id'),
    position: integer('position').notNull(),
    /** Number as printed («1», «3.1»); null for unnumbered rows. */
    number: text('number'),
    title: text('title').notNull(),
    timingText: text('timing_text').notNull().default(''),
    /** Parsed date expression (domain/roadmaps Timing). */
    timing: jsonb('timing').$type<Record<string, unknown>>().notNull().default({}),
    startDate: date('start_date', { mode: 'string' }),
    dueDate: date('due_date', { mode: 'string' }),
    responsibleText: text('responsible_text').notNull().default(''),
    responsibleParties: jsonb('responsible_parties').$type<string[]>().notNull().default([]),
    // Показатель реализации
    indicator: text('indicator').notNull().default(''),
    // Информационное сопровождение
    infoSupport: text('info_support').notNull().default(''),
    flags: jsonb('flags').$type<string[]>().notNull().default([]),
    /** A live measure the indicator is bound to (domain/dashboard indicator code, e.g. 'visited'); null = typed by hand. */
    measure: text('measure'),
    /** Item of the template roadmap this one was copied from. */
    templateItemId: integer('template_item_id'),
    /** Removed from the plan by this amendment: kept with its marks, shown only in the history. */
    removedInRevision: integer('removed_in_revision'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: 'roadmap_items_parent_fk', columns: [t.parentId], foreignColumns: [t.id] }).onDelete('cascade'),
    index('roadmap_items_roadmap_idx').on(t.roadmapId, t.position),
    index('roadmap_items_due_idx').on(t.dueDate),
  ],
);

// Этап мониторинга: June, September, October/November by default, with a threshold of executed activities.
export const monitoringStages = pgTable(
  'monitoring_stages',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    /** The date the stage is measured at: activities due by then count. */
    measuredOn: date('measured_on', { mode: 'string' }).notNull(),
    /** Required share of executed and confirmed activities among those due, percent. */
    thresholdPercent: integer('threshold_percent').notNull(),
  },
  (t) => [unique('monitoring_stages_cycle_number_uq').on(t.cycleId, t.number)],
);

// Региональные целевые значения этапа: a region's own threshold and date (its municipalities inherit them).
export const stageTargets = pgTable(
  'stage_targets',
  {
    id: serial('id').primaryKey(),
    stageId: integer('stage_id')
      .notNull()
      .references(() => monitoringStages.id, { onDelete: 'cascade' }),
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    measuredOn: date('measured_on', { mode: 'string' }).notNull(),
    thresholdPercent: integer('threshold_percent').notNull(),
    setBy: integer('set_by').references(() => users.id, { onDelete: 'set null' }),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('stage_targets_stage_region_uq').on(t.stageId, t.regionId)],
);

export const STAGE_REPORT_STATUSES = ['submitted', 'accepted', 'returned'] as const;

// Отчёт территории за этап мониторинга: a municipality to its region, a region to the federal level.
export const stageReports = pgTable(
  'stage_reports',
  {
    id: serial('id').primaryKey(),
    stageId: integer('stage_id')
      .notNull()
      .references(() => monitoringStages.id, { onDelete: 'cascade' }),
    level: text('level', { enum: ['municipal', 'regional'] }).notNull(),
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'restrict' }),
    municipalityId: integer('municipality_id').references(() => municipalities.id, { onDelete: 'restrict' }),
    status: text('status', { enum: STAGE_REPORT_STATUSES }).notNull(),
    /** Figures and activities as submitted (frozen). */
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    submittedBy: integer('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    reviewedBy: integer('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewComment: text('review_comment').notNull().default(''),
  },
  (t) => [
    unique('stage_reports_place_uq').on(t.stageId, t.regionId, t.municipalityId).nullsNotDistinct(),
    index('stage_reports_region_idx').on(t.regionId, t.stageId),
  ],
);

// История отчёта за этап: every submission (with its snapshot), acceptance and return.
export const stageReportEvents = pgTable(
  'stage_report_events',
  {
    id: serial('id').primaryKey(),
    reportId: integer('report_id')
      .notNull()
      .references(() => stageReports.id, { onDelete: 'cascade' }),
    action: text('action', { enum: ['submit', 'accept', 'return'] }).notNull(),
    comment: text('comment').notNull().default(''),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('stage_report_events_report_idx').on(t.reportId, t.at)],
);

export const EXECUTION_STATUSES = ['planned', 'in_progress', 'done', 'confirmed'] as const;

// Отметка об исполнении мероприятия: one fact per one-off activity (stage_id null, carried to every later stage),
// one per stage for periodic activities («ежемесячно», «в течение года»).
export const itemExecutions = pgTable(
  'item_executions',
  {
    id: serial('id').primaryKey(),
    itemId: integer('item_id')
      .notNull()
      .references(() => roadmapItems.id, { onDelete: 'cascade' }),
    stageId: integer('stage_id').references(() => monitoringStages.id, { onDelete: 'cascade' }),
    status: text('status', { enum: EXECUTION_STATUSES }).notNull().default('planned'),
    /** The day the activity was executed (done / confirmed); counts at stages measured on or after it. */
    executedOn: date('executed_on', { mode: 'string' }),
    comment: text('comment').notNull().default(''),
    /** Comment of the level above when it returned the mark instead of confirming it. */
    reviewComment: text('review_comment').notNull().default(''),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedBy: integer('confirmed_by').references(() => users.id, { onDelete: 'set null' }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  },
  (t) => [unique('item_executions_item_stage_uq').on(t.itemId, t.stageId).nullsNotDistinct(), index('item_executions_stage_idx').on(t.stageId)],
);

// Подтверждающий документ мероприятия на этапе
export const itemEvidence = pgTable(
  'item_evidence',
  {
    id: serial('id').primaryKey(),
    itemId: integer('item_id')
      .notNull()
      .references(() => roadmapItems.id, { onDelete: 'cascade' }),
    stageId: integer('stage_id')
      .notNull()
      .references(() => monitoringStages.id, { onDelete: 'cascade' }),
    fileId: integer('file_id')
      .notNull()
      .references(() => storedFiles.id, { onDelete: 'restrict' }),
    uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('item_evidence_item_idx').on(t.itemId, t.stageId)],
);

// ---- Questionnaires (анкетирование) and risk profiles (рисковый профиль школы) ----

// Анкета: a versioned SurveyJS definition; the default Russian set ships in domain/surveys/instruments.
export const surveyInstruments = pgTable(
  'survey_instruments',
  {
    id: serial('id').primaryKey(),
    code: text('code', { enum: INSTRUMENT_CODES }).notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('survey_instruments_code_version_uq').on(t.code, t.version)],
);

// Методика расчёта рискового профиля: factors → indicators → questions → weights → thresholds, as data.
export const riskMethodologies = pgTable('risk_methodologies', {
  id: serial('id').primaryKey(),
  version: integer('version').notNull().unique(),
  title: text('title').notNull(),
  definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

// Кампания анкетирования: a window over the selected schools of a region (or of the whole country).
export const surveyCampaigns = pgTable(
  'survey_campaigns',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'restrict' }),
    /** null = a federal campaign over every region. */
    regionId: integer('region_id').references(() => regions.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    opensOn: date('opens_on', { mode: 'string' }).notNull(),
    closesOn: date('closes_on', { mode: 'string' }).notNull(),
    /** Closed early by a coordinator (or when profiles were computed on closing). */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    methodologyVersion: integer('methodology_version').notNull(),
    /** Instrument versions in use: { director: 1, teachers: 1, … }. */
    instrumentVersions: jsonb('instrument_versions').$type<Record<string, number>>().notNull(),
    /** Rules of activating risk directions for this cycle (domain ActivationRules; defaults when empty). */
    activationRules: jsonb('activation_rules').$type<Record<string, unknown>>().notNull().default({}),
    profilesComputedAt: timestamp('profiles_computed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('survey_campaigns_cycle_region_idx').on(t.cycleId, t.regionId)],
);

// A school in a campaign with the numbers it entered (expected respondents).
export const campaignSchools = pgTable(
  'campaign_schools',
  {
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => surveyCampaigns.id, { onDelete: 'cascade' }),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'restrict' }),
    teachers: integer('teachers'),
    students6: integer('students6'),
    students9: integer('students9'),
    parents: integer('parents'),
    factsUpdatedAt: timestamp('facts_updated_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.schoolId] }), index('campaign_schools_school_idx').on(t.schoolId)],
);

// Ссылка/код для респондентов: one per school and instrument (one per campaign for curator candidates).
export const respondentLinks = pgTable(
  'respondent_links',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => surveyCampaigns.id, { onDelete: 'cascade' }),
    schoolId: integer('school_id').references(() => schools.id, { onDelete: 'restrict' }),
    instrument: text('instrument', { enum: INSTRUMENT_CODES }).notNull(),
    code: text('code').notNull().unique(),
    /** Cap of answers through this code (flood guard). */
    maxResponses: integer('max_responses').notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('respondent_links_campaign_school_idx').on(t.campaignId, t.schoolId)],
);

// Анонимный ответ: no name, no IP, no user agent. A draft survives reloads by a token only its browser holds.
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    linkId: integer('link_id')
      .notNull()
      .references(() => respondentLinks.id, { onDelete: 'cascade' }),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => surveyCampaigns.id, { onDelete: 'cascade' }),
    schoolId: integer('school_id').references(() => schools.id, { onDelete: 'restrict' }),
    instrument: text('instrument', { enum: INSTRUMENT_CODES }).notNull(),
    instrumentVersion: integer('instrument_version').notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status', { enum: ['draft', 'submitted'] }).notNull().default('draft'),
    /** SHA-256 of the respondent's resume token. */
    tokenHash: text('token_hash').notNull().unique(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [
    index('survey_responses_campaign_school_idx').on(t.campaignId, t.schoolId, t.instrument, t.status),
    index('survey_responses_link_started_idx').on(t.linkId, t.startedAt),
  ],
);

export const VERIFICATION_STATUSES = ['pending', 'verified', 'disputed'] as const;

// Рисковый профиль школы, computed by a methodology version; the curator verifies or disputes it.
export const riskProfiles = pgTable(
  'risk_profiles',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => surveyCampaigns.id, { onDelete: 'cascade' }),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'restrict' }),
    methodologyVersion: integer('methodology_version').notNull(),
    /** domain RiskProfile: factors with levels, indicators and explanations. */
    result: jsonb('result').$type<Record<string, unknown>>().notNull(),
    /** Answers counted per instrument at computation. */
    answerCounts: jsonb('answer_counts').$type<Record<string, number>>().notNull().default({}),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
    verification: text('verification', { enum: VERIFICATION_STATUSES }).notNull().default('pending'),
    verificationComment: text('verification_comment').notNull().default(''),
    verifiedBy: integer('verified_by').references(() => users.id, { onDelete: 'set null' }),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
  },
  (t) => [unique('risk_profiles_campaign_school_uq').on(t.campaignId, t.schoolId), index('risk_profiles_school_idx').on(t.schoolId)],
);

// Активированное рисковое направление школы в цикле: unlocks an anti-risk programme slot.
export const riskDirections = pgTable(
  'risk_directions',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'restrict' }),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'restrict' }),
    factorCode: text('factor_code').notNull(),
    /** The profile it was chosen from; null when activated by hand. */
    profileId: integer('profile_id').references(() => riskProfiles.id, { onDelete: 'set null' }),
    activatedBy: integer('activated_by').references(() => users.id, { onDelete: 'set null' }),
    activatedAt: timestamp('activated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('risk_directions_cycle_school_factor_uq').on(t.cycleId, t.schoolId, t.factorCode)],
);

// ---- School documents, curator visits, federal selective expertise ----

// Документ школы в слоте чек-листа цикла (концепция, программа, антирисковая программа, подтверждающий документ).
export const schoolDocuments = pgTable(
  'school_documents',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'restrict' }),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'restrict' }),
    /** domain slotKey: 'concept', 'antirisk_programme:<factor>', 'evidence:<stage>:<factor>'. */
    slotKey: text('slot_key').notNull(),
    kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
    factorCode: text('factor_code'),
    stageId: integer('stage_id').references(() => monitoringStages.id, { onDelete: 'restrict' }),
    status: text('status', { enum: DOCUMENT_STATUSES }).notNull().default('draft'),
    /** Structured anti-risk programme (domain AntiriskProgramme); null for file-only documents. */
    programme: jsonb('programme').$type<Record<string, unknown>>(),
    /** The curator's last comment (return for rework). */
    reviewComment: text('review_comment').notNull().default(''),
    /** Optimistic concurrency: a save names the version it edited. */
    version: integer('version').notNull().default(1),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('school_documents_slot_uq').on(t.cycleId, t.schoolId, t.slotKey), index('school_documents_school_idx').on(t.schoolId)],
);

// Версия файла документа: every upload is kept.
export const documentVersions = pgTable(
  'document_versions',
  {
    id: serial('id').primaryKey(),
    documentId: integer('document_id')
      .notNull()
      .references(() => schoolDocuments.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    fileId: integer('file_id')
      .notNull()
      .references(() => storedFiles.id, { onDelete: 'restrict' }),
    uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('document_versions_number_uq').on(t.documentId, t.number), index('document_versions_file_idx').on(t.fileId)],
);

// Переход документа по процессу: who, when, comment.
export const documentEvents = pgTable(
  'document_events',
  {
    id: serial('id').primaryKey(),
    documentId: integer('document_id')
      .notNull()
      .references(() => schoolDocuments.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    fromStatus: text('from_status', { enum: DOCUMENT_STATUSES }).notNull(),
    toStatus: text('to_status', { enum: DOCUMENT_STATUSES }).notNull(),
    comment: text('comment').notNull().default(''),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('document_events_document_idx').on(t.documentId, t.at)],
);

// Сроки документов цикла по видам (defaults from domain defaultDeadlines when absent).
export const documentDeadlines = pgTable(
  'document_deadlines',
  {
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.kind] })],
);

// Посещение школы куратором.
export const curatorVisits = pgTable(
  'curator_visits',
  {
    id: serial('id').primaryKey(),
    cycleId: integer('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'restrict' }),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'restrict' }),
    curatorId: integer('curator_id').references(() => users.id, { onDelete: 'set null' }),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    format: text('format', { enum: VISIT_FORMATS }).notNull(),
    notes: text('notes').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('curator_visits_cycle_school_idx').on(t.cycleId, t.schoolId, t.visitedOn)],
);

// Выборка федеральной экспертизы: reproducible by its seed and options.
export const expertiseSamples = pgTable('expertise_samples', {
  id: serial('id').primaryKey(),
  cycleId: integer('cycle_id')
    .notNull()
    .references(() => cycles.id, { onDelete: 'restrict' }),
  title: text('title').notNull(),
  seed: text('seed').notNull(),
  share: integer('share_percent'),
  count: integer('count'),
  stratifyByRegion: boolean('stratify_by_region').notNull().default(true),
  /** Document kinds the experts check, e.g. ['concept', 'antirisk_programme']. */
  kinds: jsonb('kinds').$type<string[]>().notNull(),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

// Экспертиза одной школы выборки: criteria marks and a conclusion by an assigned expert.
export const expertiseReviews = pgTable(
  'expertise_reviews',
  {
    id: serial('id').primaryKey(),
    sampleId: integer('sample_id')
      .notNull()
      .references(() => expertiseSamples.id, { onDelete: 'cascade' }),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'restrict' }),
    expertId: integer('expert_id').references(() => users.id, { onDelete: 'set null' }),
    status: text('status', { enum: EXPERTISE_STATUSES }).notNull().default('assigned'),
    /** { criterionCode: 'yes' | 'partially' | 'no' } */
    marks: jsonb('marks').$type<Record<string, string>>().notNull().default({}),
    conclusion: text('conclusion', { enum: EXPERTISE_CONCLUSIONS }),
    comment: text('comment').notNull().default(''),
    version: integer('version').notNull().default(1),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('expertise_reviews_sample_school_uq').on(t.sampleId, t.schoolId),
    index('expertise_reviews_expert_idx').on(t.expertId),
    index('expertise_reviews_school_idx').on(t.schoolId, t.status),
  ],
);

// ---- Background jobs and notifications ----

// Задание фоновой очереди: enqueued in the caller's transaction, claimed with `for update skip locked`.
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    lockedBy: text('locked_by'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    lastError: text('last_error'),
    /** At most one job per key (null: no deduplication). */
    dedupeKey: text('dedupe_key').unique('jobs_dedupe_key_uq'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('jobs_due_idx').on(t.runAt).where(sql`${t.doneAt} is null`)],
);

export const NOTIFICATION_KINDS = [
  'deadline',
  'document_submitted',
  'document_returned',
  'document_confirmed',
  'expertise_completed',
  'mark_to_confirm',
  'mark_returned',
  'overdue_escalation',
  'stage_report',
  'weekly_digest',
] as const;

// Уведомление пользователя в системе: one per user and event (dedupe_key).
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    link: text('link'),
    dedupeKey: text('dedupe_key').notNull(),
    /** Shown in the app (false: the user receives this kind by email only; the row still records the event). */
    inApp: boolean('in_app').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [unique('notifications_user_dedupe_uq').on(t.userId, t.dedupeKey), index('notifications_user_idx').on(t.userId, t.readAt, t.createdAt)],
);

export const EMAIL_STATUSES = ['pending', 'sent', 'failed', 'kept'] as const;

// Письмо уведомления: sent by SMTP, or kept here for the administrator when SMTP is not configured.
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    notificationId: bigint('notification_id', { mode: 'number' })
      .notNull()
      .unique('email_outbox_notification_uq')
      .references(() => notifications.id, { onDelete: 'cascade' }),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: EMAIL_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('email_outbox_status_idx').on(t.status, t.createdAt)],
);

// Какие уведомления пользователь получает: absent row = defaults (in the app and by email).
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    inApp: boolean('in_app').notNull().default(true),
    email: boolean('email').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

// ---- Positive-change monitoring and background reports ----

// Результаты оценочных процедур школы (ВПР, ОГЭ, ЕГЭ) за год, imported from XLSX.
export const schoolResults = pgTable(
  'school_results',
  {
    id: serial('id').primaryKey(),
    year: integer('year').notNull(),
    schoolId: integer('school_id')
      .notNull()
      .references(() => schools.id, { onDelete: 'restrict' }),
    /** 'ВПР' | 'ОГЭ' | 'ЕГЭ' */
    exam: text('exam').notNull(),
    subject: text('subject').notNull(),
    /** Grade for ВПР (4–8, 10, 11); 9 for ОГЭ, 11 for ЕГЭ. */
    grade: integer('grade').notNull(),
    /** 'average' (mean score) | 'pass_share' (share of students who passed, %) | 'low_share' (share of «2», %). */
    metric: text('metric').notNull(),
    value: doublePrecision('value').notNull(),
    importedBy: integer('imported_by').references(() => users.id, { onDelete: 'set null' }),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('school_results_uq').on(t.year, t.schoolId, t.exam, t.subject, t.grade, t.metric),
    index('school_results_school_idx').on(t.schoolId, t.year),
  ],
);

// A report generated in the background: progress for the UI, the file when done.
export const reportRuns = pgTable(
  'report_runs',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    requestedBy: integer('requested_by').references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull().default('queued'),
    /** 0–100 */
    progress: integer('progress').notNull().default(0),
    message: text('message').notNull().default(''),
    fileId: integer('file_id').references(() => storedFiles.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('report_runs_user_idx').on(t.requestedBy, t.createdAt)],
);
