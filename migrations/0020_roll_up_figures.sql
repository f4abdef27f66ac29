CREATE TABLE "version_open_action_days" (
	"version_id" uuid NOT NULL,
	"due_date" date NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"open" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "version_open_action_days_pkey" PRIMARY KEY("version_id","due_date","recommendation_id")
);
--> statement-breakpoint
CREATE TABLE "version_recommendation_figures" (
	"version_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"source_pdu_id" uuid NOT NULL,
	"owner_level" "owner_level" NOT NULL,
	"themes" "theme"[] NOT NULL,
	"status" "recommendation_status" NOT NULL,
	"response_decision" "response_decision",
	"actions" integer DEFAULT 0 NOT NULL,
	"red" integer DEFAULT 0 NOT NULL,
	"amber" integer DEFAULT 0 NOT NULL,
	"green" integer DEFAULT 0 NOT NULL,
	"finished" integer DEFAULT 0 NOT NULL,
	"unowned" integer DEFAULT 0 NOT NULL,
	"without_actions" boolean NOT NULL,
	CONSTRAINT "version_recommendation_figures_pkey" PRIMARY KEY("version_id","recommendation_id")
);
--> statement-breakpoint
ALTER TABLE "version_open_action_days" ADD CONSTRAINT "version_open_action_days_version_id_plan_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."plan_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_recommendation_figures" ADD CONSTRAINT "version_recommendation_figures_version_id_plan_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."plan_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "version_recommendation_figures" ADD CONSTRAINT "version_recommendation_figures_plan_id_action_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."action_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "version_recommendation_figures_plan_idx" ON "version_recommendation_figures" USING btree ("plan_id");--> statement-breakpoint
-- The versions already sent, counted as a submission counts its own (roll-up/version-figures.ts).
insert into version_recommendation_figures (version_id, plan_id, recommendation_id,
      source_pdu_id, owner_level, themes, status, response_decision, actions, red, amber, green,
      finished, unowned, without_actions)
    select v.id, v.plan_id, (rec->>'id')::uuid, (rec->'sourcePdu'->>'id')::uuid,
      (rec->>'ownerLevel')::owner_level,
      array(select jsonb_array_elements_text(rec->'themes'))::theme[],
      (rec->>'status')::recommendation_status,
      (rec->'response'->>'decision')::response_decision,
      counted.*,
      live.not_cancelled = 0 and (rec->'response'->>'decision') is distinct from 'not_agreed'
    from plan_versions v
    cross join jsonb_array_elements(v.document->'recommendations') rec
    cross join lateral (
      select count(*)::int as actions,
        (count(*) filter (where a->>'rag' = 'red'))::int as red,
        (count(*) filter (where a->>'rag' = 'amber'))::int as amber,
        (count(*) filter (where a->>'rag' = 'green'))::int as green,
        (count(*) filter (where not (a->>'status' in ('not_started', 'in_progress', 'blocked'))))::int as finished,
        (count(*) filter (where a->>'status' in ('not_started', 'in_progress', 'blocked') and (jsonb_typeof(a->'owner') is distinct from 'object'
          or (a->'owner'->>'disabled')::boolean)))::int as unowned
      from jsonb_array_elements(rec->'actions') a) counted
    cross join lateral (
      select count(*) filter (where a->>'status' <> 'cancelled') as not_cancelled
      from jsonb_array_elements(rec->'actions') a) live
    where true;
--> statement-breakpoint
insert into version_open_action_days (version_id, due_date, recommendation_id, open)
    select v.id, (a->>'dueDate')::date, (rec->>'id')::uuid, count(*)::int
    from plan_versions v
    cross join jsonb_array_elements(v.document->'recommendations') rec
    cross join jsonb_array_elements(rec->'actions') a
    where true and a->>'status' in ('not_started', 'in_progress', 'blocked') and a->>'dueDate' is not null
    group by 1, 2, 3;
