CREATE TYPE "public"."link_relation" AS ENUM('repeats', 'overlaps', 'addressed_by');--> statement-breakpoint
ALTER TYPE "public"."response_decision" ADD VALUE 'addressed_by';--> statement-breakpoint
CREATE TABLE "recommendation_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_recommendation_id" uuid NOT NULL,
	"to_recommendation_id" uuid NOT NULL,
	"relation" "link_relation" NOT NULL,
	"note" text,
	"created_by_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendation_links_from_to_key" UNIQUE("from_recommendation_id","to_recommendation_id"),
	CONSTRAINT "recommendation_links_not_to_itself" CHECK ("recommendation_links"."from_recommendation_id" <> "recommendation_links"."to_recommendation_id")
);
--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "response_addressed_by_id" uuid;--> statement-breakpoint
ALTER TABLE "recommendation_links" ADD CONSTRAINT "recommendation_links_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_links" ADD CONSTRAINT "recommendation_links_from_fk" FOREIGN KEY ("from_recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_links" ADD CONSTRAINT "recommendation_links_to_fk" FOREIGN KEY ("to_recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recommendation_links_from_idx" ON "recommendation_links" USING btree ("from_recommendation_id");--> statement-breakpoint
CREATE INDEX "recommendation_links_to_idx" ON "recommendation_links" USING btree ("to_recommendation_id");--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_response_addressed_by_id_recommendations_id_fk" FOREIGN KEY ("response_addressed_by_id") REFERENCES "public"."recommendations"("id") ON DELETE set null ON UPDATE no action;