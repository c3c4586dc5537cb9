-- Run once at load. A project's year is the first known of its agreement, start and
-- completion years; this view is the one place that says so.
CREATE VIEW projects_dated AS
SELECT *, coalesce(agreement_year, start_year, completion_year) AS project_year
FROM projects;

-- The one place where the global filters become a WHERE clause. $filters is a STRUCT built
-- by analytics.filters.Filters.params(); an empty list or a NULL field means "all".
-- Restricted records are not a filter: the views a session reads leave them out unless it
-- has the right (queries/_public.sql).
CREATE MACRO filtered_projects(f) AS TABLE
SELECT p.*
FROM projects_dated AS p
WHERE (f['include_imported'] OR p.source_dataset = 'curated')
  AND (len(f['sectors']) = 0 OR list_contains(f['sectors'], p.sector))
  AND (len(f['statuses']) = 0 OR list_contains(f['statuses'], p.status))
  AND (len(f['modes']) = 0 OR list_contains(f['modes'], p.mode))
  AND (len(f['provinces']) = 0 OR list_contains(f['provinces'], p.province))
  AND (f['year_from'] IS NULL OR p.project_year >= f['year_from'])
  AND (f['year_to'] IS NULL OR p.project_year <= f['year_to'])
  AND (NOT f['cpec_only'] OR p.cpec = 'yes')
  AND (f['institution'] IS NULL OR EXISTS (
        SELECT 1 FROM project_partners AS pp
        WHERE pp.project_id = p.id AND pp.institution_id = f['institution']));

-- Partial dates as days: the first and the last day of the period a date names
-- ('2015' -> 2015-01-01 / 2015-12-31, '2015-04' -> 2015-04-01 / 2015-04-30).
CREATE MACRO period_start(d) AS
    CAST(CASE length(d) WHEN 4 THEN d || '-01-01' WHEN 7 THEN d || '-01' ELSE d END AS DATE);
CREATE MACRO period_end(d) AS
    CASE length(d)
        WHEN 4 THEN CAST(d || '-12-31' AS DATE)
        WHEN 7 THEN last_day(CAST(d || '-01' AS DATE))
        ELSE CAST(d AS DATE)
    END;
