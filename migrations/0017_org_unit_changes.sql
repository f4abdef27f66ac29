ALTER TABLE "org_units" ADD COLUMN "retired_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "org_units" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;