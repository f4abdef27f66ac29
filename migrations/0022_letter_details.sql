ALTER TABLE "inspections" ADD COLUMN "overall_rating" "rating_value";--> statement-breakpoint
ALTER TABLE "inspections" ADD COLUMN "published_on" date;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "numbered_by_position" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "measure_readings" ADD COLUMN "numerator" integer;--> statement-breakpoint
ALTER TABLE "measure_readings" ADD COLUMN "denominator" integer;--> statement-breakpoint
ALTER TABLE "outcome_measures" ADD COLUMN "baseline_numerator" integer;--> statement-breakpoint
ALTER TABLE "outcome_measures" ADD COLUMN "baseline_denominator" integer;--> statement-breakpoint
ALTER TABLE "measure_readings" ADD CONSTRAINT "measure_readings_fraction_check" CHECK (("measure_readings"."numerator" is null) = ("measure_readings"."denominator" is null) and ("measure_readings"."denominator" is null or ("measure_readings"."denominator" > 0 and "measure_readings"."numerator" >= 0 and "measure_readings"."numerator" <= "measure_readings"."denominator")));--> statement-breakpoint
ALTER TABLE "outcome_measures" ADD CONSTRAINT "outcome_measures_baseline_fraction_check" CHECK (("outcome_measures"."baseline_numerator" is null) = ("outcome_measures"."baseline_denominator" is null) and ("outcome_measures"."baseline_denominator" is null or ("outcome_measures"."baseline_denominator" > 0 and "outcome_measures"."baseline_numerator" >= 0 and "outcome_measures"."baseline_numerator" <= "outcome_measures"."baseline_denominator")));