CREATE TABLE "action_due_days" (
	"inspection_id" uuid NOT NULL,
	"due_date" date NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"owning_unit_id" uuid NOT NULL,
	"lead" integer NOT NULL,
	"actions" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "action_due_days_pkey" PRIMARY KEY("inspection_id","due_date","recommendation_id","owning_unit_id","lead")
);
--> statement-breakpoint
CREATE TABLE "action_due_months" (
	"inspection_id" uuid NOT NULL,
	"due_month" date NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"owning_unit_id" uuid NOT NULL,
	"actions" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "action_due_months_pkey" PRIMARY KEY("inspection_id","due_month","recommendation_id","owning_unit_id")
);
--> statement-breakpoint
CREATE TABLE "action_figures" (
	"inspection_id" uuid NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"owning_unit_id" uuid NOT NULL,
	"not_started" integer DEFAULT 0 NOT NULL,
	"in_progress" integer DEFAULT 0 NOT NULL,
	"blocked" integer DEFAULT 0 NOT NULL,
	"complete" integer DEFAULT 0 NOT NULL,
	"verified_closed" integer DEFAULT 0 NOT NULL,
	"cancelled" integer DEFAULT 0 NOT NULL,
	"percent_sum" integer DEFAULT 0 NOT NULL,
	"red" integer DEFAULT 0 NOT NULL,
	"amber" integer DEFAULT 0 NOT NULL,
	"green" integer DEFAULT 0 NOT NULL,
	"dated" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "action_figures_pkey" PRIMARY KEY("inspection_id","recommendation_id","owning_unit_id")
);
--> statement-breakpoint
CREATE TABLE "open_action_days" (
	"inspection_id" uuid NOT NULL,
	"due_date" date NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"open" integer DEFAULT 0 NOT NULL,
	"unowned" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "open_action_days_pkey" PRIMARY KEY("inspection_id","due_date","recommendation_id")
);
--> statement-breakpoint
ALTER TABLE "action_due_days" ADD CONSTRAINT "action_due_days_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_due_days" ADD CONSTRAINT "action_due_days_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_due_days" ADD CONSTRAINT "action_due_days_owning_unit_id_org_units_id_fk" FOREIGN KEY ("owning_unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_due_months" ADD CONSTRAINT "action_due_months_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_due_months" ADD CONSTRAINT "action_due_months_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_due_months" ADD CONSTRAINT "action_due_months_owning_unit_id_org_units_id_fk" FOREIGN KEY ("owning_unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_figures" ADD CONSTRAINT "action_figures_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_figures" ADD CONSTRAINT "action_figures_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_figures" ADD CONSTRAINT "action_figures_owning_unit_id_org_units_id_fk" FOREIGN KEY ("owning_unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_action_days" ADD CONSTRAINT "open_action_days_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "public"."inspections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open_action_days" ADD CONSTRAINT "open_action_days_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "actions_open_due_idx" ON "actions" USING btree ("recommendation_id","due_date") WHERE "actions"."status" in ('not_started', 'in_progress', 'blocked');--> statement-breakpoint
CREATE INDEX "actions_unowned_due_idx" ON "actions" USING btree ("recommendation_id","due_date") WHERE "actions"."owner_id" is null and "actions"."status" in ('not_started', 'in_progress', 'blocked');