CREATE TYPE "public"."action_status" AS ENUM('not_started', 'in_progress', 'blocked', 'complete', 'verified_closed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."evidence_kind" AS ENUM('file', 'link', 'note');--> statement-breakpoint
CREATE TYPE "public"."inspection_type" AS ENUM('regional_review', 'pdu_inspection');--> statement-breakpoint
CREATE TYPE "public"."measure_direction" AS ENUM('higher_is_better', 'lower_is_better');--> statement-breakpoint
CREATE TYPE "public"."owner_level" AS ENUM('pdu', 'region', 'hmpps');--> statement-breakpoint
CREATE TYPE "public"."plan_status" AS ENUM('draft', 'submitted', 'returned', 'accepted', 'closed');--> statement-breakpoint
CREATE TYPE "public"."rag" AS ENUM('red', 'amber', 'green');--> statement-breakpoint
CREATE TYPE "public"."rating_value" AS ENUM('outstanding', 'good', 'requires_improvement', 'inadequate');--> statement-breakpoint
CREATE TYPE "public"."recommendation_status" AS ENUM('open', 'in_progress', 'actions_complete', 'closed');--> statement-breakpoint
CREATE TYPE "public"."response_decision" AS ENUM('agreed', 'partly_agreed', 'not_agreed');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'region_lead', 'head_of_operations', 'national_lead', 'inspector');--> statement-breakpoint
CREATE TYPE "public"."theme" AS ENUM('risk_of_harm', 'staffing', 'training', 'diversity_and_inclusion', 'victims', 'domestic_abuse_and_safeguarding', 'interventions_and_services', 'management_oversight', 'court_work', 'resettlement', 'engagement');--> statement-breakpoint
CREATE TYPE "public"."unit_type" AS ENUM('hmpps', 'region', 'pdu', 'inspectorate');--> statement-breakpoint
CREATE TABLE "org_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"type" "unit_type" NOT NULL,
	"parent_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_units_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "role" NOT NULL,
	"unit_id" uuid NOT NULL,
	"password_hash" text,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "inspected_pdus" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inspection_id" uuid NOT NULL,
	"pdu_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"fieldwork_start_month" text,
	"overall_rating" "rating_value",
	"score_achieved" integer,
	"score_max" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspected_pdus_inspection_pdu_key" UNIQUE("inspection_id","pdu_id")
);
--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"title" text NOT NULL,
	"type" "inspection_type" NOT NULL,
	"letter_date" date NOT NULL,
	"author" text NOT NULL,
	"addressee" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "standard_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inspected_pdu_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"rating" "rating_value",
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "standard_ratings_pdu_code_key" UNIQUE("inspected_pdu_id","code")
);
--> statement-breakpoint
CREATE TABLE "recommendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inspection_id" uuid NOT NULL,
	"source_pdu_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"owner_level" "owner_level" NOT NULL,
	"owning_unit_id" uuid NOT NULL,
	"themes" "theme"[] DEFAULT '{}' NOT NULL,
	"status" "recommendation_status" DEFAULT 'open' NOT NULL,
	"closing_note" text,
	"closed_at" timestamp with time zone,
	"closed_by_id" uuid,
	"response_decision" "response_decision",
	"response_rationale" text,
	"response_accepted_part" text,
	"responded_at" timestamp with time zone,
	"responded_by_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendations_source_number_key" UNIQUE("inspection_id","source_pdu_id","number")
);
--> statement-breakpoint
CREATE TABLE "action_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inspection_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"status" "plan_status" DEFAULT 'draft' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_plans_inspection_region_key" UNIQUE("inspection_id","region_id")
);
--> statement-breakpoint
CREATE TABLE "action_dependencies" (
	"action_id" uuid NOT NULL,
	"depends_on_action_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_dependencies_action_id_depends_on_action_id_pk" PRIMARY KEY("action_id","depends_on_action_id")
);
--> statement-breakpoint
CREATE TABLE "action_due_date_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"from_date" date,
	"to_date" date,
	"reason" text NOT NULL,
	"changed_by_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"owning_unit_id" uuid NOT NULL,
	"owner_id" uuid,
	"owner_role" text,
	"start_date" date,
	"due_date" date,
	"original_due_date" date,
	"success_measure" text,
	"status" "action_status" DEFAULT 'not_started' NOT NULL,
	"cancel_reason" text,
	"percent_complete" integer DEFAULT 0 NOT NULL,
	"rag_override" "rag",
	"rag_override_reason" text,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "actions_percent_complete_range" CHECK ("actions"."percent_complete" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "progress_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"narrative" text NOT NULL,
	"percent_complete" integer,
	"status_change" "action_status",
	"author_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "progress_updates_percent_complete_range" CHECK ("progress_updates"."percent_complete" is null or "progress_updates"."percent_complete" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"kind" "evidence_kind" NOT NULL,
	"title" text NOT NULL,
	"file_id" uuid,
	"file_name" text,
	"media_type" text,
	"size_bytes" bigint,
	"sha256" text,
	"url" text,
	"note" text,
	"period_start" date,
	"period_end" date,
	"added_by_id" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by_id" uuid,
	"removed_reason" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_kind_fields" CHECK (("evidence"."kind" <> 'file' or "evidence"."file_id" is not null)
        and ("evidence"."kind" <> 'link' or "evidence"."url" is not null)
        and ("evidence"."kind" <> 'note' or "evidence"."note" is not null))
);
--> statement-breakpoint
CREATE TABLE "evidence_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measure_readings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"measure_id" uuid NOT NULL,
	"value" double precision NOT NULL,
	"reading_date" date NOT NULL,
	"note" text,
	"recorded_by_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outcome_measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"direction" "measure_direction" NOT NULL,
	"baseline_value" double precision NOT NULL,
	"baseline_date" date,
	"baseline_period" text NOT NULL,
	"baseline_source" text NOT NULL,
	"target_value" double precision,
	"target_date" date,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_api_client_id" uuid,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid,
	"request_id" text,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "org_units" ADD CONSTRAINT "org_units_parent_id_org_units_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspected_pdus" ADD CONSTRAINT "inspected_pdus_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspected_pdus" ADD CONSTRAINT "inspected_pdus_pdu_id_org_units_id_fk" FOREIGN KEY ("pdu_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_region_id_org_units_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_ratings" ADD CONSTRAINT "standard_ratings_inspected_pdu_id_inspected_pdus_id_fk" FOREIGN KEY ("inspected_pdu_id") REFERENCES "public"."inspected_pdus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_source_pdu_id_org_units_id_fk" FOREIGN KEY ("source_pdu_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_owning_unit_id_org_units_id_fk" FOREIGN KEY ("owning_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_closed_by_id_users_id_fk" FOREIGN KEY ("closed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_responded_by_id_users_id_fk" FOREIGN KEY ("responded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_region_id_org_units_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_dependencies" ADD CONSTRAINT "action_dependencies_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_dependencies" ADD CONSTRAINT "action_dependencies_depends_on_action_id_actions_id_fk" FOREIGN KEY ("depends_on_action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_due_date_changes" ADD CONSTRAINT "action_due_date_changes_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_due_date_changes" ADD CONSTRAINT "action_due_date_changes_changed_by_id_users_id_fk" FOREIGN KEY ("changed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_owning_unit_id_org_units_id_fk" FOREIGN KEY ("owning_unit_id") REFERENCES "public"."org_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_updates" ADD CONSTRAINT "progress_updates_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_updates" ADD CONSTRAINT "progress_updates_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_file_id_evidence_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."evidence_files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_added_by_id_users_id_fk" FOREIGN KEY ("added_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_removed_by_id_users_id_fk" FOREIGN KEY ("removed_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_readings" ADD CONSTRAINT "measure_readings_measure_id_outcome_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."outcome_measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_readings" ADD CONSTRAINT "measure_readings_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_measures" ADD CONSTRAINT "outcome_measures_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "org_units_parent_id_idx" ON "org_units" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "org_units_type_idx" ON "org_units" USING btree ("type");--> statement-breakpoint
CREATE INDEX "users_unit_id_idx" ON "users" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "inspected_pdus_pdu_id_idx" ON "inspected_pdus" USING btree ("pdu_id");--> statement-breakpoint
CREATE INDEX "inspections_region_id_idx" ON "inspections" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "recommendations_inspection_position_idx" ON "recommendations" USING btree ("inspection_id","position");--> statement-breakpoint
CREATE INDEX "recommendations_owner_level_idx" ON "recommendations" USING btree ("owner_level");--> statement-breakpoint
CREATE INDEX "recommendations_owning_unit_id_idx" ON "recommendations" USING btree ("owning_unit_id");--> statement-breakpoint
CREATE INDEX "recommendations_source_pdu_id_idx" ON "recommendations" USING btree ("source_pdu_id");--> statement-breakpoint
CREATE INDEX "recommendations_status_idx" ON "recommendations" USING btree ("status");--> statement-breakpoint
CREATE INDEX "recommendations_themes_idx" ON "recommendations" USING gin ("themes");--> statement-breakpoint
CREATE INDEX "recommendations_updated_at_idx" ON "recommendations" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "action_plans_region_id_idx" ON "action_plans" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "action_plans_status_idx" ON "action_plans" USING btree ("status");--> statement-breakpoint
CREATE INDEX "action_dependencies_depends_on_idx" ON "action_dependencies" USING btree ("depends_on_action_id");--> statement-breakpoint
CREATE INDEX "action_due_date_changes_action_id_idx" ON "action_due_date_changes" USING btree ("action_id","created_at");--> statement-breakpoint
CREATE INDEX "actions_recommendation_id_idx" ON "actions" USING btree ("recommendation_id");--> statement-breakpoint
CREATE INDEX "actions_owning_unit_id_idx" ON "actions" USING btree ("owning_unit_id");--> statement-breakpoint
CREATE INDEX "actions_owner_id_idx" ON "actions" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "actions_status_due_date_idx" ON "actions" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "actions_due_date_idx" ON "actions" USING btree ("due_date","id");--> statement-breakpoint
CREATE INDEX "progress_updates_action_id_idx" ON "progress_updates" USING btree ("action_id","recorded_at");--> statement-breakpoint
CREATE INDEX "evidence_action_id_idx" ON "evidence" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "measure_readings_measure_id_idx" ON "measure_readings" USING btree ("measure_id","reading_date");--> statement-breakpoint
CREATE INDEX "outcome_measures_recommendation_id_idx" ON "outcome_measures" USING btree ("recommendation_id");--> statement-breakpoint
CREATE INDEX "audit_events_subject_idx" ON "audit_events" USING btree ("subject_type","subject_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_actor_user_idx" ON "audit_events" USING btree ("actor_user_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events" USING btree ("occurred_at");