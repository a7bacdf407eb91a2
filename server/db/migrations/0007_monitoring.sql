CREATE TABLE "roadmap_revisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"roadmap_id" integer NOT NULL,
	"number" integer NOT NULL,
	"kind" text NOT NULL,
	"order_authority" text DEFAULT '' NOT NULL,
	"order_number" text NOT NULL,
	"order_date" date NOT NULL,
	"order_title" text DEFAULT '' NOT NULL,
	"order_file_id" integer,
	"items" jsonb NOT NULL,
	"diff" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadmap_revisions_number_uq" UNIQUE("roadmap_id","number")
);
--> statement-breakpoint
CREATE TABLE "stage_report_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_id" integer NOT NULL,
	"action" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"snapshot" jsonb,
	"user_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stage_reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"stage_id" integer NOT NULL,
	"level" text NOT NULL,
	"region_id" integer NOT NULL,
	"municipality_id" integer,
	"status" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"submitted_by" integer,
	"submitted_at" timestamp with time zone NOT NULL,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"review_comment" text DEFAULT '' NOT NULL,
	CONSTRAINT "stage_reports_place_uq" UNIQUE NULLS NOT DISTINCT("stage_id","region_id","municipality_id")
);
--> statement-breakpoint
CREATE TABLE "stage_targets" (
	"id" serial PRIMARY KEY NOT NULL,
	"stage_id" integer NOT NULL,
	"region_id" integer NOT NULL,
	"measured_on" date NOT NULL,
	"threshold_percent" integer NOT NULL,
	"set_by" integer,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stage_targets_stage_region_uq" UNIQUE("stage_id","region_id")
);
--> statement-breakpoint
ALTER TABLE "item_executions" DROP CONSTRAINT "item_executions_item_id_stage_id_pk";--> statement-breakpoint
ALTER TABLE "item_executions" ALTER COLUMN "stage_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "cycles" ADD COLUMN "escalation_days" jsonb DEFAULT '[3,10]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "item_executions" ADD COLUMN "id" serial PRIMARY KEY NOT NULL;--> statement-breakpoint
ALTER TABLE "item_executions" ADD COLUMN "executed_on" date;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD COLUMN "removed_in_revision" integer;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD COLUMN "status" text DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD COLUMN "revision" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "roadmap_revisions" ADD CONSTRAINT "roadmap_revisions_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_revisions" ADD CONSTRAINT "roadmap_revisions_order_file_id_stored_files_id_fk" FOREIGN KEY ("order_file_id") REFERENCES "public"."stored_files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_revisions" ADD CONSTRAINT "roadmap_revisions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_report_events" ADD CONSTRAINT "stage_report_events_report_id_stage_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."stage_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_report_events" ADD CONSTRAINT "stage_report_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_reports" ADD CONSTRAINT "stage_reports_stage_id_monitoring_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."monitoring_stages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_reports" ADD CONSTRAINT "stage_reports_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_reports" ADD CONSTRAINT "stage_reports_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_reports" ADD CONSTRAINT "stage_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_reports" ADD CONSTRAINT "stage_reports_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_targets" ADD CONSTRAINT "stage_targets_stage_id_monitoring_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."monitoring_stages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_targets" ADD CONSTRAINT "stage_targets_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_targets" ADD CONSTRAINT "stage_targets_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stage_report_events_report_idx" ON "stage_report_events" USING btree ("report_id","at");--> statement-breakpoint
CREATE INDEX "stage_reports_region_idx" ON "stage_reports" USING btree ("region_id","stage_id");--> statement-breakpoint
CREATE UNIQUE INDEX "roadmaps_place_approved_uq" ON "roadmaps" USING btree ("cycle_id","level",coalesce("region_id", 0),coalesce("municipality_id", 0),coalesce("school_id", 0)) WHERE "roadmaps"."status" = 'approved';--> statement-breakpoint
-- Data: a one-off activity keeps one execution fact (its most advanced mark, latest on ties), dated so that it still
-- counts at the stage it was marked at; periodic activities keep one mark per stage.
WITH ranked AS (
  SELECT e.id, row_number() OVER (
    PARTITION BY e.item_id
    ORDER BY CASE e.status WHEN 'confirmed' THEN 3 WHEN 'done' THEN 2 WHEN 'in_progress' THEN 1 ELSE 0 END DESC, e.updated_at DESC, e.id DESC
  ) AS rn
  FROM "item_executions" e JOIN "roadmap_items" i ON i.id = e.item_id
  WHERE i.timing->>'period' IS NULL AND i.timing->>'recurrence' IS NULL
)
DELETE FROM "item_executions" WHERE id IN (SELECT id FROM ranked WHERE rn > 1);--> statement-breakpoint
UPDATE "item_executions" e SET executed_on = least((e.updated_at AT TIME ZONE 'UTC')::date, s.measured_on)
FROM "monitoring_stages" s WHERE s.id = e.stage_id AND e.status IN ('done', 'confirmed');--> statement-breakpoint
UPDATE "item_executions" e SET stage_id = NULL FROM "roadmap_items" i
WHERE i.id = e.item_id AND i.timing->>'period' IS NULL AND i.timing->>'recurrence' IS NULL;--> statement-breakpoint
-- Data: the first roadmap of each territory, level and cycle becomes approved (revision 1 = its present plan);
-- later duplicates stay drafts and are no longer counted.
UPDATE "roadmaps" r SET status = 'approved', revision = 1
WHERE r.id = (
  SELECT min(r2.id) FROM "roadmaps" r2
  WHERE r2.cycle_id = r.cycle_id AND r2.level = r.level AND coalesce(r2.region_id, 0) = coalesce(r.region_id, 0)
    AND coalesce(r2.municipality_id, 0) = coalesce(r.municipality_id, 0) AND coalesce(r2.school_id, 0) = coalesce(r.school_id, 0)
);--> statement-breakpoint
INSERT INTO "roadmap_revisions" (roadmap_id, number, kind, order_authority, order_number, order_date, order_title, items, diff, created_by, created_at)
SELECT r.id, 1, 'approval', r.order_authority, r.order_number, coalesce(r.order_date, (r.created_at AT TIME ZONE 'UTC')::date), r.title,
  coalesce((
    SELECT jsonb_agg(jsonb_build_object(
      'id', i.id, 'parentId', i.parent_id, 'position', i.position, 'number', i.number, 'title', i.title,
      'timingText', i.timing_text, 'startDate', i.start_date, 'dueDate', i.due_date,
      'periodic', (i.timing->>'period' IS NOT NULL OR i.timing->>'recurrence' IS NOT NULL),
      'responsibleText', i.responsible_text, 'indicator', i.indicator, 'infoSupport', i.info_support
    ) ORDER BY i.position, i.id)
    FROM "roadmap_items" i WHERE i.roadmap_id = r.id
  ), '[]'::jsonb),
  '{"added":[],"removed":[],"changed":[]}'::jsonb, r.created_by, r.updated_at
FROM "roadmaps" r WHERE r.status = 'approved';--> statement-breakpoint
ALTER TABLE "item_executions" ADD CONSTRAINT "item_executions_item_stage_uq" UNIQUE NULLS NOT DISTINCT("item_id","stage_id");
