DROP INDEX "actions_owning_unit_id_idx";--> statement-breakpoint
ALTER TABLE "actions" ADD COLUMN "inspection_id" uuid;--> statement-breakpoint
ALTER TABLE "actions" ADD COLUMN "region_id" uuid;--> statement-breakpoint
CREATE INDEX "actions_unit_status_due_order_idx" ON "actions" USING btree ("owning_unit_id","status",coalesce("due_date", '9999-12-31'::date),"id");--> statement-breakpoint
CREATE INDEX "actions_inspection_due_order_idx" ON "actions" USING btree ("inspection_id",coalesce("due_date", '9999-12-31'::date),"id");--> statement-breakpoint
CREATE INDEX "actions_region_due_order_idx" ON "actions" USING btree ("region_id",coalesce("due_date", '9999-12-31'::date),"id");