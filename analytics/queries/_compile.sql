-- Run once when the data is compiled (analytics/compile.py), after the tables: what every
-- query would otherwise work out again on each run.

-- Each project's partners as one line of short names, in name order (NULL: none), and in
-- Chinese (their Chinese names, where the data has none the short name). Joined per query
-- it cost the project list a third of its time (28 -> 19 ms on the curated data).
CREATE TABLE projects_partnered AS
SELECT p.*, l.partners, l.partners_zh
FROM projects AS p
LEFT JOIN (
    SELECT pp.project_no,
           string_agg(DISTINCT coalesce(i.short_name, i.name_en), ', '
                      ORDER BY coalesce(i.short_name, i.name_en)) AS partners,
           string_agg(DISTINCT coalesce(i.name_zh, i.short_name, i.name_en), '、'
                      ORDER BY coalesce(i.name_zh, i.short_name, i.name_en)) AS partners_zh
    FROM project_partners AS pp
    JOIN institutions AS i ON i.institution_no = pp.institution_no
    GROUP BY pp.project_no
) AS l ON l.project_no = p.project_no
ORDER BY p.project_no;
DROP TABLE projects;
ALTER TABLE projects_partnered RENAME TO projects;

-- Restricted records, and what is reachable only through them, flagged once here so that
-- the views of a session without the right to see them (queries/_public.sql) are plain
-- filters. An institution is restricted when all its projects are; a source when every
-- record citing it is restricted (a target's source is public).
ALTER TABLE projects ADD COLUMN restricted BOOLEAN;
UPDATE projects SET restricted = visibility = 'restricted';
ALTER TABLE project_partners ADD COLUMN restricted BOOLEAN DEFAULT false;
UPDATE project_partners SET restricted = true
WHERE project_no IN (SELECT project_no FROM projects WHERE restricted);
ALTER TABLE milestones ADD COLUMN restricted BOOLEAN DEFAULT false;
UPDATE milestones SET restricted = true
WHERE project_no IN (SELECT project_no FROM projects WHERE restricted);
ALTER TABLE project_sources ADD COLUMN restricted BOOLEAN DEFAULT false;
UPDATE project_sources SET restricted = true
WHERE project_no IN (SELECT project_no FROM projects WHERE restricted);
ALTER TABLE institutions ADD COLUMN restricted BOOLEAN DEFAULT false;
UPDATE institutions SET restricted = true
WHERE institution_no IN (
    SELECT institution_no FROM project_partners GROUP BY ALL HAVING bool_and(restricted));
ALTER TABLE sources ADD COLUMN restricted BOOLEAN DEFAULT false;
UPDATE sources SET restricted = true
WHERE id IN (
    SELECT id FROM (
        SELECT source_id AS id, restricted FROM project_sources
        UNION ALL SELECT source_id, restricted FROM milestones
        UNION ALL SELECT cpec_source_id, restricted FROM projects
        UNION ALL SELECT source_id, false FROM targets
    )
    WHERE id IS NOT NULL
    GROUP BY id
    HAVING bool_and(restricted));
-- A line of the change log is restricted when its record was or became restricted (as the
-- apply that wrote it saw), its project is restricted now, or it is an institution's or a
-- source's that is restricted now or gone (whether it was public then, nothing says).
ALTER TABLE record_changes ADD COLUMN restricted BOOLEAN;
UPDATE record_changes SET restricted = visibility = 'restricted'
    OR coalesce(project_id IN (SELECT id FROM projects WHERE restricted), false)
    OR (table_name = 'institutions'
        AND record NOT IN (SELECT id FROM institutions WHERE NOT restricted))
    OR (table_name = 'sources' AND record NOT IN (SELECT id FROM sources WHERE NOT restricted));

-- Each project's dated facts of status, from which its status at the end of any year is
-- worked out (the macro status_then in queries/_schema.sql): the project's own agreement,
-- start and completion dates, and the milestones that say the same (a launch completes a
-- space mission and starts anything else), or that it was proposed, suspended or
-- cancelled. `rank` is the status's place in contract.STATUSES (1 proposed ... 4
-- operational, 5 suspended, 6 cancelled); `date` stays ISO text, so '2016' < '2016-05'.
-- Inaugurations (a ground-breaking as often as an opening) and other events say nothing.
CREATE TABLE status_facts AS
WITH facts AS (
    SELECT project_no, agreement_date AS date, 2 AS rank, restricted FROM projects
    UNION ALL SELECT project_no, start_date, 3, restricted FROM projects
    UNION ALL SELECT project_no, completion_date, 4, restricted FROM projects
    UNION ALL
    SELECT m.project_no, m.date,
           CASE m.event
               WHEN 'announced' THEN 1
               WHEN 'agreement_signed' THEN 2
               WHEN 'financial_close' THEN 2
               WHEN 'construction_started' THEN 3
               WHEN 'launched' THEN CASE WHEN p.sector = 'space' THEN 4 ELSE 3 END
               WHEN 'suspended' THEN 5
               WHEN 'cancelled' THEN 6
               ELSE 4  -- commissioned, completed, handed_over
           END,
           m.restricted
    FROM milestones AS m
    JOIN projects AS p ON p.project_no = m.project_no
    WHERE m.event IN ('announced', 'agreement_signed', 'financial_close', 'construction_started',
                      'launched', 'commissioned', 'completed', 'handed_over', 'suspended',
                      'cancelled')
)
SELECT project_no, date, CAST(left(date, 4) AS INTEGER) AS year, rank, restricted
FROM facts
WHERE date IS NOT NULL
ORDER BY project_no, date;

-- Per project, what status_then (queries/_schema.sql) needs of its facts, so that a query
-- reads a few columns instead of every fact (at 100k projects the KPIs took 161 ms reading
-- the facts, and 45 ms before status_then): the first year it had reached each step (a fact
-- of that step or a later one), the year of its latest fact, whether a fact dates its
-- recorded status (a fact of that step or further for a step forward, of that very halt
-- for a suspension or cancellation), and whether it was ever suspended or cancelled (only
-- those read facts).
ALTER TABLE projects ADD COLUMN first_proposed INTEGER;
ALTER TABLE projects ADD COLUMN first_agreed INTEGER;
ALTER TABLE projects ADD COLUMN first_started INTEGER;
ALTER TABLE projects ADD COLUMN first_done INTEGER;
ALTER TABLE projects ADD COLUMN last_fact_year INTEGER;
ALTER TABLE projects ADD COLUMN explained BOOLEAN DEFAULT false;
ALTER TABLE projects ADD COLUMN halted BOOLEAN DEFAULT false;
UPDATE projects
SET first_proposed = f.p1, first_agreed = f.p2, first_started = f.p3, first_done = f.p4,
    last_fact_year = f.last_year, halted = f.halted,
    explained = CASE
        WHEN projects.status IN ('suspended', 'cancelled')
            THEN list_contains(f.halts, list_position(['suspended', 'cancelled'], projects.status) + 4)
        ELSE coalesce(f.top, 0) >= list_position(
            ['proposed', 'agreed', 'under_implementation', 'operational'], projects.status)
    END
FROM (
    SELECT project_no,
           min(year) FILTER (WHERE rank <= 4) AS p1,
           min(year) FILTER (WHERE rank BETWEEN 2 AND 4) AS p2,
           min(year) FILTER (WHERE rank BETWEEN 3 AND 4) AS p3,
           min(year) FILTER (WHERE rank = 4) AS p4,
           max(year) AS last_year,
           max(rank) FILTER (WHERE rank <= 4) AS top,
           coalesce(list(DISTINCT rank) FILTER (WHERE rank > 4), []) AS halts,
           bool_or(rank > 4) AS halted
    FROM status_facts
    GROUP BY project_no
) AS f
WHERE projects.project_no = f.project_no;
