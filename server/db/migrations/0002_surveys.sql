CREATE TABLE "campaign_schools" (
	"campaign_id" integer NOT NULL,
	"school_id" integer NOT NULL,
	"teachers" integer,
	"students6" integer,
	"students9" integer,
	"parents" integer,
	"facts_updated_at" timestamp with time zone,
	CONSTRAINT "campaign_schools_campaign_id_school_id_pk" PRIMARY KEY("campaign_id","school_id")
);
--> statement-breakpoint
CREATE TABLE "respondent_links" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"school_id" integer,
	"instrument" text NOT NULL,
	"code" text NOT NULL,
	"max_responses" integer NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "respondent_links_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "risk_directions" (
	"id" serial PRIMARY KEY NOT NULL,
	"cycle_id" integer NOT NULL,
	"school_id" integer NOT NULL,
	"factor_code" text NOT NULL,
	"profile_id" integer,
	"activated_by" integer,
	"activated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_directions_cycle_school_factor_uq" UNIQUE("cycle_id","school_id","factor_code")
);
--> statement-breakpoint
CREATE TABLE "risk_methodologies" (
	"id" serial PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_methodologies_version_unique" UNIQUE("version")
);
--> statement-breakpoint
CREATE TABLE "risk_profiles" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"school_id" integer NOT NULL,
	"methodology_version" integer NOT NULL,
	"result" jsonb NOT NULL,
	"answer_counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"verification" text DEFAULT 'pending' NOT NULL,
	"verification_comment" text DEFAULT '' NOT NULL,
	"verified_by" integer,
	"verified_at" timestamp with time zone,
	CONSTRAINT "risk_profiles_campaign_school_uq" UNIQUE("campaign_id","school_id")
);
--> statement-breakpoint
CREATE TABLE "survey_campaigns" (
	"id" serial PRIMARY KEY NOT NULL,
	"cycle_id" integer NOT NULL,
	"region_id" integer,
	"title" text NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"closed_at" timestamp with time zone,
	"methodology_version" integer NOT NULL,
	"instrument_versions" jsonb NOT NULL,
	"activation_rules" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"profiles_computed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_instruments" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_instruments_code_version_uq" UNIQUE("code","version")
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"link_id" integer NOT NULL,
	"campaign_id" integer NOT NULL,
	"school_id" integer,
	"instrument" text NOT NULL,
	"instrument_version" integer NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"token_hash" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "survey_responses_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "campaign_schools" ADD CONSTRAINT "campaign_schools_campaign_id_survey_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."survey_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_schools" ADD CONSTRAINT "campaign_schools_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "respondent_links" ADD CONSTRAINT "respondent_links_campaign_id_survey_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."survey_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "respondent_links" ADD CONSTRAINT "respondent_links_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_directions" ADD CONSTRAINT "risk_directions_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_directions" ADD CONSTRAINT "risk_directions_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_directions" ADD CONSTRAINT "risk_directions_profile_id_risk_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."risk_profiles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_directions" ADD CONSTRAINT "risk_directions_activated_by_users_id_fk" FOREIGN KEY ("activated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_methodologies" ADD CONSTRAINT "risk_methodologies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_profiles" ADD CONSTRAINT "risk_profiles_campaign_id_survey_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."survey_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_profiles" ADD CONSTRAINT "risk_profiles_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_profiles" ADD CONSTRAINT "risk_profiles_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_campaigns" ADD CONSTRAINT "survey_campaigns_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_campaigns" ADD CONSTRAINT "survey_campaigns_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_campaigns" ADD CONSTRAINT "survey_campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_instruments" ADD CONSTRAINT "survey_instruments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_link_id_respondent_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."respondent_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_campaign_id_survey_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."survey_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_school_id_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."schools"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_schools_school_idx" ON "campaign_schools" USING btree ("school_id");--> statement-breakpoint
CREATE INDEX "respondent_links_campaign_school_idx" ON "respondent_links" USING btree ("campaign_id","school_id");--> statement-breakpoint
CREATE INDEX "risk_profiles_school_idx" ON "risk_profiles" USING btree ("school_id");--> statement-breakpoint
CREATE INDEX "survey_campaigns_cycle_region_idx" ON "survey_campaigns" USING btree ("cycle_id","region_id");--> statement-breakpoint
CREATE INDEX "survey_responses_campaign_school_idx" ON "survey_responses" USING btree ("campaign_id","school_id","instrument","status");--> statement-breakpoint
CREATE INDEX "survey_responses_link_started_idx" ON "survey_responses" USING btree ("link_id","started_at");