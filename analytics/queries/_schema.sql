-- Run once at load. A project's year is the first known of its agreement, start and
-- completion years; this view is the one place that says so.
CREATE VIEW projects_dated AS
SELECT *, coalesce(agreement_year, start_year, completion_year) AS project_year
FROM projects;

-- The one place where the global filters become a WHERE clause. $filters is a STRUCT built
-- by analytics.filters.Filters.params(); an empty list or a NULL field means "all".
CREATE MACRO filtered_projects(f) AS TABLE
SELECT p.*
FROM projects_dated AS p
WHERE (f['include_restricted'] OR p.visibility = 'public')
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
