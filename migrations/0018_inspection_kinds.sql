ALTER TYPE "public"."inspection_type" RENAME TO "inspection_kind";--> statement-breakpoint
ALTER TYPE "public"."inspection_kind" ADD VALUE 'thematic_inspection';--> statement-breakpoint
ALTER TYPE "public"."inspection_kind" ADD VALUE 'sfo_review';--> statement-breakpoint
ALTER TYPE "public"."inspection_kind" ADD VALUE 'internal_audit';--> statement-breakpoint
ALTER TYPE "public"."inspection_kind" ADD VALUE 'policy_review';--> statement-breakpoint
ALTER TABLE "inspections" RENAME COLUMN "type" TO "kind";--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "reviewer_id" uuid;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inspections_reviewer_id_idx" ON "inspections" USING btree ("reviewer_id");--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_reviewer_kind_check" CHECK (("inspections"."reviewer_id" is null) = ("inspections"."kind"::text in ('regional_review', 'pdu_inspection', 'thematic_inspection')));