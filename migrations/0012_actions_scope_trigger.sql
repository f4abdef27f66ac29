-- An action carries its recommendation's inspection and that inspection's region (decision 012),
-- so a scoped list filters on the action's own index. This trigger is the only writer of both:
-- whatever an insert or update says, they are set from the recommendation.
CREATE FUNCTION actions_set_scope() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT r.inspection_id, i.region_id INTO NEW.inspection_id, NEW.region_id
  FROM recommendations r JOIN inspections i ON i.id = r.inspection_id
  WHERE r.id = NEW.recommendation_id;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER actions_set_scope BEFORE INSERT OR UPDATE OF recommendation_id, inspection_id, region_id
  ON actions FOR EACH ROW EXECUTE FUNCTION actions_set_scope();
--> statement-breakpoint
-- A recommendation moved to another inspection, or an inspection to another region, takes its
-- actions along (the actions' trigger recomputes both columns).
CREATE FUNCTION actions_follow_scope() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'recommendations' THEN
    UPDATE actions SET inspection_id = NEW.inspection_id WHERE recommendation_id = NEW.id;
  ELSE
    UPDATE actions SET region_id = NEW.region_id WHERE inspection_id = NEW.id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER recommendations_carry_scope AFTER UPDATE OF inspection_id ON recommendations
  FOR EACH ROW WHEN (OLD.inspection_id IS DISTINCT FROM NEW.inspection_id)
  EXECUTE FUNCTION actions_follow_scope();
--> statement-breakpoint
CREATE TRIGGER inspections_carry_scope AFTER UPDATE OF region_id ON inspections
  FOR EACH ROW WHEN (OLD.region_id IS DISTINCT FROM NEW.region_id)
  EXECUTE FUNCTION actions_follow_scope();
--> statement-breakpoint
UPDATE actions a SET inspection_id = r.inspection_id
  FROM recommendations r WHERE r.id = a.recommendation_id;
--> statement-breakpoint
-- A unit lies in one region and an inspection in one region: without being told, the planner
-- multiplies the selectivities of a unit (or inspection) filter and the scope's region filter,
-- expects a tenth of the rows, and sorts them all instead of reading the list's index in order.
CREATE STATISTICS actions_scope_dependencies (dependencies)
  ON owning_unit_id, inspection_id, region_id FROM actions;
--> statement-breakpoint
ANALYZE actions;
