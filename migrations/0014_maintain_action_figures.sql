-- The plan dashboard's figures (action_figures, action_due_days, action_due_months,
-- open_action_days: see server/src/db/schema/action-figures.ts) kept in the same transaction as
-- every write to actions. Statement-level triggers with transition tables, so a 5,000-row import
-- costs one run, not 5,000. Written by hand: drizzle-kit does not model triggers. The reference
-- recount the tests hold these to is server/src/action-plans/summary-recount.ts.
CREATE TYPE action_figure_change AS (
  inspection_id uuid,
  recommendation_id uuid,
  owning_unit_id uuid,
  status action_status,
  percent_complete integer,
  rag_override rag,
  due_date date,
  open boolean,
  owned boolean,
  -- Open, not blocked, no override, a due date: RAG then depends on the date (action_due_days).
  dated boolean,
  lead integer,
  sign integer
);
--> statement-breakpoint
-- How one action counts: sign +1 as it now is, -1 as it was. lead: the action is behind (amber
-- while due soon) on the days d = due_date - today with d <= lead, which is ragSql's rule in
-- server/src/action-plans/summary.ts: percent complete below the share of the time elapsed from
-- its start (or the day it was created) to its due date, 100% once that span is not positive.
CREATE FUNCTION action_figure_change_of(a actions, inspection_id uuid, sign integer)
RETURNS action_figure_change LANGUAGE sql STABLE AS $$
  SELECT ROW(inspection_id, a.recommendation_id, a.owning_unit_id, a.status, a.percent_complete,
             a.rag_override, a.due_date, open.is_open, a.owner_id IS NOT NULL,
             open.is_open AND a.status <> 'blocked' AND a.rag_override IS NULL AND a.due_date IS NOT NULL,
             CASE WHEN span.days IS NULL THEN NULL
                  WHEN a.percent_complete >= 100 THEN -1
                  WHEN span.days <= 0 THEN 2147483647
                  ELSE (span.days * (100 - a.percent_complete) - 1) / 100 END,
             sign)::action_figure_change
  FROM (SELECT a.status IN ('not_started', 'in_progress', 'blocked') AS is_open) open,
       (SELECT a.due_date - coalesce(a.start_date, (a.created_at AT TIME ZONE 'Europe/London')::date) AS days) span
$$;
--> statement-breakpoint
-- Adds the changes to the four tables and deletes the rows they bring to zero. Rows are written
-- in key order, so two transactions never lock the same figures in opposite orders.
CREATE FUNCTION apply_action_figure_changes(changes action_figure_change[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(changes) = 0 THEN
    RETURN;
  END IF;

  INSERT INTO action_figures AS f (inspection_id, recommendation_id, owning_unit_id, not_started,
    in_progress, blocked, complete, verified_closed, cancelled, percent_sum, red, amber, green, dated)
  SELECT c.inspection_id, c.recommendation_id, c.owning_unit_id,
         coalesce(sum(c.sign) FILTER (WHERE c.status = 'not_started'), 0),
         coalesce(sum(c.sign) FILTER (WHERE c.status = 'in_progress'), 0),
         coalesce(sum(c.sign) FILTER (WHERE c.status = 'blocked'), 0),
         coalesce(sum(c.sign) FILTER (WHERE c.status = 'complete'), 0),
         coalesce(sum(c.sign) FILTER (WHERE c.status = 'verified_closed'), 0),
         coalesce(sum(c.sign) FILTER (WHERE c.status = 'cancelled'), 0),
         sum(c.sign * c.percent_complete),
         coalesce(sum(c.sign) FILTER (WHERE c.open AND (c.rag_override = 'red'
           OR c.rag_override IS NULL AND c.status = 'blocked')), 0),
         coalesce(sum(c.sign) FILTER (WHERE c.open AND c.rag_override = 'amber'), 0),
         coalesce(sum(c.sign) FILTER (WHERE c.open AND (c.rag_override = 'green'
           OR c.rag_override IS NULL AND c.status <> 'blocked' AND c.due_date IS NULL)), 0),
         coalesce(sum(c.sign) FILTER (WHERE c.dated), 0)
  FROM unnest(changes) c
  GROUP BY 1, 2, 3
  ORDER BY 1, 2, 3
  ON CONFLICT (inspection_id, recommendation_id, owning_unit_id) DO UPDATE SET
    not_started = f.not_started + excluded.not_started,
    in_progress = f.in_progress + excluded.in_progress,
    blocked = f.blocked + excluded.blocked,
    complete = f.complete + excluded.complete,
    verified_closed = f.verified_closed + excluded.verified_closed,
    cancelled = f.cancelled + excluded.cancelled,
    percent_sum = f.percent_sum + excluded.percent_sum,
    red = f.red + excluded.red,
    amber = f.amber + excluded.amber,
    green = f.green + excluded.green,
    dated = f.dated + excluded.dated;
  DELETE FROM action_figures f
  USING (SELECT DISTINCT inspection_id, recommendation_id, owning_unit_id FROM unnest(changes)) c
  WHERE f.inspection_id = c.inspection_id AND f.recommendation_id = c.recommendation_id
    AND f.owning_unit_id = c.owning_unit_id
    AND f.not_started = 0 AND f.in_progress = 0 AND f.blocked = 0 AND f.complete = 0
    AND f.verified_closed = 0 AND f.cancelled = 0;

  INSERT INTO action_due_days AS d (inspection_id, due_date, recommendation_id, owning_unit_id, lead, actions)
  SELECT c.inspection_id, c.due_date, c.recommendation_id, c.owning_unit_id, c.lead, sum(c.sign)
  FROM unnest(changes) c WHERE c.dated
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (inspection_id, due_date, recommendation_id, owning_unit_id, lead)
  DO UPDATE SET actions = d.actions + excluded.actions;
  DELETE FROM action_due_days d
  USING (SELECT DISTINCT inspection_id, due_date, recommendation_id, owning_unit_id, lead
         FROM unnest(changes) WHERE dated) c
  WHERE d.inspection_id = c.inspection_id AND d.due_date = c.due_date
    AND d.recommendation_id = c.recommendation_id AND d.owning_unit_id = c.owning_unit_id
    AND d.lead = c.lead AND d.actions = 0;

  INSERT INTO action_due_months AS m (inspection_id, due_month, recommendation_id, owning_unit_id, actions)
  SELECT c.inspection_id, date_trunc('month', c.due_date)::date, c.recommendation_id,
         c.owning_unit_id, sum(c.sign)
  FROM unnest(changes) c WHERE c.dated
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (inspection_id, due_month, recommendation_id, owning_unit_id)
  DO UPDATE SET actions = m.actions + excluded.actions;
  DELETE FROM action_due_months m
  USING (SELECT DISTINCT inspection_id, date_trunc('month', due_date)::date AS due_month,
                recommendation_id, owning_unit_id
         FROM unnest(changes) WHERE dated) c
  WHERE m.inspection_id = c.inspection_id AND m.due_month = c.due_month
    AND m.recommendation_id = c.recommendation_id AND m.owning_unit_id = c.owning_unit_id
    AND m.actions = 0;

  INSERT INTO open_action_days AS o (inspection_id, due_date, recommendation_id, open, unowned)
  SELECT c.inspection_id, coalesce(c.due_date, 'infinity'), c.recommendation_id, sum(c.sign),
         coalesce(sum(c.sign) FILTER (WHERE NOT c.owned), 0)
  FROM unnest(changes) c WHERE c.open
  GROUP BY 1, 2, 3
  ORDER BY 1, 2, 3
  ON CONFLICT (inspection_id, due_date, recommendation_id)
  DO UPDATE SET open = o.open + excluded.open, unowned = o.unowned + excluded.unowned;
  DELETE FROM open_action_days o
  USING (SELECT DISTINCT inspection_id, coalesce(due_date, 'infinity') AS due_date, recommendation_id
         FROM unnest(changes) WHERE open) c
  WHERE o.inspection_id = c.inspection_id AND o.due_date = c.due_date
    AND o.recommendation_id = c.recommendation_id AND o.open = 0;
END;
$$;
--> statement-breakpoint
-- An action whose recommendation is being deleted has no inspection to find: its figures go
-- with the recommendation (foreign keys ON DELETE CASCADE).
CREATE FUNCTION maintain_action_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM apply_action_figure_changes(ARRAY(
      SELECT action_figure_change_of(n, r.inspection_id, 1)
      FROM new_rows n JOIN recommendations r ON r.id = n.recommendation_id));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM apply_action_figure_changes(ARRAY(
      SELECT action_figure_change_of(o, r.inspection_id, -1)
      FROM old_rows o JOIN recommendations r ON r.id = o.recommendation_id));
  ELSE
    -- Only rows whose figures can change: a new revision, title or owner (who stays an owner)
    -- costs nothing here.
    PERFORM apply_action_figure_changes(ARRAY(
      SELECT change.value
      FROM old_rows o
      JOIN new_rows n ON n.id = o.id
      JOIN recommendations ro ON ro.id = o.recommendation_id
      JOIN recommendations rn ON rn.id = n.recommendation_id
      CROSS JOIN LATERAL (VALUES (action_figure_change_of(o, ro.inspection_id, -1)),
                                 (action_figure_change_of(n, rn.inspection_id, 1))) change(value)
      WHERE (o.recommendation_id, o.owning_unit_id, o.status, o.percent_complete, o.rag_override,
             o.due_date, o.start_date, o.created_at, o.owner_id IS NULL)
        IS DISTINCT FROM
            (n.recommendation_id, n.owning_unit_id, n.status, n.percent_complete, n.rag_override,
             n.due_date, n.start_date, n.created_at, n.owner_id IS NULL)));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER actions_figures_after_insert AFTER INSERT ON actions
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION maintain_action_figures();
--> statement-breakpoint
CREATE TRIGGER actions_figures_after_update AFTER UPDATE ON actions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION maintain_action_figures();
--> statement-breakpoint
CREATE TRIGGER actions_figures_after_delete AFTER DELETE ON actions
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION maintain_action_figures();
--> statement-breakpoint
-- The figures of the actions already there.
SELECT apply_action_figure_changes(ARRAY(
  SELECT action_figure_change_of(a, r.inspection_id, 1)
  FROM actions a JOIN recommendations r ON r.id = a.recommendation_id));
