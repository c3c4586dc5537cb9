-- What changed since $since (a meeting's day) up to $today (the data's as-of date), for the
-- filtered projects, one row an item, each with its day and source:
--   agreement   a project agreed (or announced) since: its agreement date, unless a change
--               to the data since then moved that date (then it is a correction, below);
--   milestone   a milestone dated since (`note`: its description);
--   status      a project's status changed in the data since (the change log);
--   overdue     an unfinished project whose planned completion passed since;
--   corrected   a field of a record changed since (the change log), or a record removed.
-- A date known to the month or year counts from the last day of that period. Sources: the
-- milestone's own; otherwise the project's newest.
WITH p AS (SELECT * FROM filtered_projects($filters)),
log AS (SELECT * FROM record_changes WHERE changed_on >= CAST($since AS DATE)),
newest AS (
    SELECT ps.project_id, arg_max(s.title, coalesce(s.published, '')) AS source_title,
           arg_max(s.url, coalesce(s.published, '')) AS source_url
    FROM project_sources AS ps JOIN sources AS s ON s.id = ps.source_id
    GROUP BY ps.project_id
),
items AS (
    SELECT 1 AS kind_rank, 'agreement' AS kind, p.id AS project_id, p.agreement_date AS day,
           NULL AS event, NULL AS note, NULL AS field, NULL AS before, NULL AS after,
           NULL AS source_title, NULL AS source_url
    FROM p
    WHERE period_end(p.agreement_date) >= CAST($since AS DATE)
      AND period_start(p.agreement_date) <= CAST($today AS DATE)
      AND p.id NOT IN (
          SELECT project_id FROM log
          WHERE table_name = 'projects' AND field = 'agreement_date' AND project_id IS NOT NULL)
    UNION ALL
    SELECT 2, 'milestone', m.project_id, m.date, m.event, m.description, NULL, NULL, NULL,
           s.title, s.url
    FROM milestones AS m
    JOIN p ON p.id = m.project_id
    LEFT JOIN sources AS s ON s.id = m.source_id
    WHERE period_end(m.date) >= CAST($since AS DATE)
      AND period_start(m.date) <= CAST($today AS DATE)
    UNION ALL
    SELECT 3, 'status', l.project_id, CAST(l.changed_on AS VARCHAR), NULL, NULL, l.field,
           l.before, l.after, NULL, NULL
    FROM log AS l JOIN p ON p.id = l.project_id
    WHERE l.table_name = 'projects' AND l.action = 'changed' AND l.field = 'status'
    UNION ALL
    SELECT 4, 'overdue', p.id, p.planned_completion_date, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL
    FROM p
    WHERE p.status IN ('proposed', 'agreed', 'under_implementation')
      AND period_end(p.planned_completion_date) >= CAST($since AS DATE)
      AND period_end(p.planned_completion_date) < CAST($today AS DATE)
    UNION ALL
    SELECT 5, 'corrected', l.project_id, CAST(l.changed_on AS VARCHAR), l.table_name, NULL,
           l.field, l.before, l.after, NULL, NULL
    FROM log AS l
    WHERE (l.action = 'removed' OR (l.action = 'changed'
           AND NOT (l.table_name = 'projects' AND l.field = 'status')))
      AND (l.project_id IN (SELECT id FROM p) OR l.action = 'removed')
)
SELECT i.kind, i.day, i.project_id, p.title_en, p.title_zh, i.event, i.note, i.field, i.before,
       i.after, coalesce(i.source_title, n.source_title) AS source_title,
       coalesce(i.source_url, n.source_url) AS source_url
FROM items AS i
LEFT JOIN p ON p.id = i.project_id
LEFT JOIN newest AS n ON n.project_id = i.project_id
ORDER BY i.kind_rank, i.day DESC, i.project_id, i.field
