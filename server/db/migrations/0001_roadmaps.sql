CREATE TABLE "item_evidence" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"stage_id" integer NOT NULL,
	"file_id" integer NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "item_executions" (
	"item_id" integer NOT NULL,
	"stage_id" integer NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"review_comment" text DEFAULT '' NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_by" integer,
	"confirmed_at" timestamp with time zone,
	CONSTRAINT "item_executions_item_id_stage_id_pk" PRIMARY KEY("item_id","stage_id")
);
--> statement-breakpoint
CREATE TABLE "monitoring_stages" (
	"id" serial PRIMARY KEY NOT NULL,
	"cycle_id" integer NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"measured_on" date NOT NULL,
	"threshold_percent" integer NOT NULL,
	CONSTRAINT "monitoring_stages_cycle_number_uq" UNIQUE("cycle_id","number")
);
--> statement-breakpoint
CREATE TABLE "roadmap_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"roadmap_id" integer NOT NULL,
	"parent_id" integer,
	"position" integer NOT NULL,
	"number" text,
	"title" text NOT NULL,
	"timing_text" text DEFAULT '' NOT NULL,
	"timing" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"start_date" date,
	"due_date" date,
	"responsible_text" text DEFAULT '' NOT NULL,
	"responsible_parties" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"indicator" text DEFAULT '' NOT NULL,
	"info_support" text DEFAULT '' NOT NULL,
	"flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"template_item_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roadmaps" (
	"id" serial PRIMARY KEY NOT NULL,
	"cycle_id" integer NOT NULL,
	"level" text NOT NULL,
	"region_id" integer,
	"municipality_id" integer,
	"school_id" integer,
	"title" text NOT NULL,
	"order_authority" text DEFAULT '' NOT NULL,
	"order_number" text DEFAULT '' NOT NULL,
	"order_date" date,
	"year" integer NOT NULL,
	"template_id" integer,
	"source_text" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"mime" text NOT NULL,
	"name" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "item_evidence" ADD CONSTRAINT "item_evidence_item_id_roadmap_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."roadmap_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_evidence" ADD CONSTRAINT "item_evidence_stage_id_monitoring_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."monitoring_stages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_evidence" ADD CONSTRAINT "item_evidence_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_evidence" ADD CONSTRAINT "item_evidence_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_executions" ADD CONSTRAINT "item_executions_item_id_roadmap_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."roadmap_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_executions" ADD CONSTRAINT "item_executions_stage_id_monitoring_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."monitoring_stages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_executions" ADD CONSTRAINT "item_executions_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_executions" ADD CONSTRAINT "item_executions_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_stages" ADD CONSTRAINT "monitoring_stages_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD CONSTRAINT "roadmap_items_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD CONSTRAINT "roadmap_items_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."roadmap_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD CONSTRAINT "roadmaps_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD CONSTRAINT "roadmaps_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD CONSTRAINT "roadmaps_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD CONSTRAINT "roadmaps_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD CONSTRAINT "roadmaps_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD CONSTRAINT "roadmaps_template_fk" FOREIGN KEY ("template_id") REFERENCES "public"."roadmaps"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "item_evidence_item_idx" ON "item_evidence" USING btree ("item_id","stage_id");--> statement-breakpoint
CREATE INDEX "item_executions_stage_idx" ON "item_executions" USING btree ("stage_id");--> statement-breakpoint
CREATE INDEX "roadmap_items_roadmap_idx" ON "roadmap_items" USING btree ("roadmap_id","position");--> statement-breakpoint
CREATE INDEX "roadmap_items_due_idx" ON "roadmap_items" USING btree ("due_date");--> statement-breakpoint
CREATE INDEX "roadmaps_cycle_region_idx" ON "roadmaps" USING btree ("cycle_id","region_id");--> statement-breakpoint
CREATE INDEX "roadmaps_municipality_idx" ON "roadmaps" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "roadmaps_school_idx" ON "roadmaps" USING btree ("school_id");--> statement-breakpoint
CREATE INDEX "stored_files_sha_idx" ON "stored_files" USING btree ("sha256");