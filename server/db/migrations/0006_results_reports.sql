CREATE TABLE "report_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb NOT NULL,
	"requested_by" integer,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"file_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "school_results" (
	"id" serial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"school_id" integer NOT NULL,
	"exam" text NOT NULL,
	"subject" text NOT NULL,
	"grade" integer NOT NULL,
	"metric" text NOT NULL,
	"value" double precision NOT NULL,
	"imported_by" integer,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "school_results_uq" UNIQUE("year","school_id","exam","subject","grade","metric")
);
--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD COLUMN "measure" text;--> statement-breakpoint
ALTER TABLE "report_runs" ADD CONSTRAINT "report_runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_runs" ADD CONSTRAINT "report_runs_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_results" ADD CONSTRAINT "school_results_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_results" ADD CONSTRAINT "school_results_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_runs_user_idx" ON "report_runs" USING btree ("requested_by","created_at");--> statement-breakpoint
CREATE INDEX "school_results_school_idx" ON "school_results" USING btree ("school_id","year");