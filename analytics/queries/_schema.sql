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
  AND (f['agreed_in'] IS NULL OR p.agreement_year = f['agreed_in'])
  AND (len(f['ids']) = 0 OR list_contains(f['ids'], p.id))
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

-- The steps forward of a project, in order (contract.STATUSES without the halts).
CREATE MACRO STAGES() AS ['proposed', 'agreed', 'under_implementation', 'operational'];

-- The filtered projects counted at the end of each year in the list `ys` (those whose
-- project year is that year or earlier, and those with no known year), each with its status
-- then, `status_then`. The one place that says how a status at a date is worked out
-- (the Methodology page gives an example):
-- * from the year the project was last checked on, its recorded status;
-- * before it, from its dated facts (status_facts): the furthest it had come (proposed,
--   agreed, under implementation, operational; never further than its recorded status,
--   so the agreement date of a project still proposed is its announcement), unless it was
--   suspended or cancelled on or after the date of its latest step forward; a year-only
--   date counts within its year;
-- * 'unknown' when no fact dates it by then, and from the year of its latest fact on when
--   no fact dates its recorded status (operational, say, with no completion date: it may
--   have got there in any year since); such projects are listed, never guessed.
CREATE MACRO status_then(f, ys) AS TABLE
WITH y AS (SELECT unnest(ys) AS year),
p AS (
    -- the recorded status's step (a halt: no cap), and the per-project columns that
    -- queries/_compile.sql derives from the facts
    SELECT *, coalesce(list_position(STAGES(), status), 4) AS stage FROM filtered_projects(f)
),
-- the latest halt by each year end, and the latest step forward before it, of the few
-- projects ever suspended or cancelled
halted AS (
    SELECT y.year, s.project_no,
           arg_max(s.rank, s.date || '~' || s.rank) FILTER (WHERE s.rank > 4) AS halt,
           max(s.date) FILTER (WHERE s.rank > 4) AS halt_date,
           max(s.date) FILTER (WHERE s.rank <= 4) AS progress_date
    FROM y
    JOIN status_facts AS s ON s.year <= y.year
    WHERE s.project_no IN (SELECT project_no FROM p WHERE p.halted)
    GROUP BY ALL
),
steps AS (
    SELECT y.year, p.*,
           CASE WHEN p.first_done <= y.year THEN 4
                WHEN p.first_started <= y.year THEN 3
                WHEN p.first_agreed <= y.year THEN 2
                WHEN p.first_proposed <= y.year THEN 1 END AS progress
    FROM y
    JOIN p ON p.project_year IS NULL OR p.project_year <= y.year
)
SELECT s.* EXCLUDE (stage, progress),
       CASE
           WHEN s.year >= year(s.last_checked) THEN s.status
           WHEN NOT s.explained AND s.year >= coalesce(s.last_fact_year, 0) THEN 'unknown'
           WHEN h.halt IS NOT NULL AND (h.progress_date IS NULL OR h.halt_date >= h.progress_date)
               THEN ['suspended', 'cancelled'][h.halt - 4]
           WHEN s.progress IS NOT NULL THEN STAGES()[least(s.progress, s.stage)]
           ELSE 'unknown'
       END AS status_then
FROM steps AS s
LEFT JOIN halted AS h ON h.year = s.year AND h.project_no = s.project_no;

-- The projects behind each KPI at the end of each year in `ys`: a row per year and project
-- that counts towards one or more of them, with a flag for each (contract.KPI_CODES, less
-- institutions, which counts institutions). The one place that says which projects a KPI
-- counts: kpis.sql counts and sums these rows, kpi_ids.sql lists those of one KPI (what a
-- click on its card shows).
-- * projects_total: those status_then counts at the year's end; under_implementation and
--   operational by their status then; agreements_year, those agreed in the year;
-- * committed_usd: those with a disclosed amount, less records marked
--   excluded_from_totals (AidData's not-recommended rows); the KPI sums their amounts;
-- * green_mw: green generation (not transmission) operational then, with a known capacity;
-- * joint_labs: joint laboratories;
-- * satellites: space projects with a Chinese partner first launched by the year's end,
--   whatever their project year.
CREATE MACRO kpi_projects(f, ys) AS TABLE
WITH counted AS (
    SELECT year, project_no, id, status_then, amount_usd_m, capacity_mw,
           status_then = 'under_implementation' AS under_implementation,
           status_then = 'operational' AS operational,
           coalesce(agreement_year = year, false) AS agreements_year,
           amount_usd_m IS NOT NULL AND excluded_from_totals IS NULL AS committed_usd,
           coalesce(sector = 'green_energy' AND subsector IS DISTINCT FROM 'transmission'
                    AND status_then = 'operational' AND capacity_mw IS NOT NULL, false) AS green_mw,
           coalesce(mode = 'joint_lab', false) AS joint_labs
    FROM status_then(f, ys)
),
launched AS (
    SELECT p.project_no, any_value(p.id) AS id, min(m.date_year) AS launch_year
    FROM filtered_projects(f) AS p
    JOIN milestones AS m ON m.project_no = p.project_no AND m.event = 'launched'
    WHERE p.sector = 'space'
      AND EXISTS (
          SELECT 1 FROM project_partners AS pp
          JOIN institutions AS i ON i.institution_no = pp.institution_no
          WHERE pp.project_no = p.project_no AND i.country = 'CN')
    GROUP BY p.project_no
),
satellites AS (
    SELECT y.year, l.project_no, l.id
    FROM (SELECT unnest(ys) AS year) AS y
    JOIN launched AS l ON l.launch_year <= y.year
)
SELECT coalesce(c.year, s.year) AS year,
       coalesce(c.project_no, s.project_no) AS project_no,
       coalesce(c.id, s.id) AS id,
       c.status_then, c.amount_usd_m, c.capacity_mw,
       c.project_no IS NOT NULL AS projects_total,
       coalesce(c.under_implementation, false) AS under_implementation,
       coalesce(c.operational, false) AS operational,
       coalesce(c.agreements_year, false) AS agreements_year,
       coalesce(c.committed_usd, false) AS committed_usd,
       coalesce(c.green_mw, false) AS green_mw,
       coalesce(c.joint_labs, false) AS joint_labs,
       s.project_no IS NOT NULL AS satellites
FROM counted AS c
FULL JOIN satellites AS s ON s.year = c.year AND s.project_no = c.project_no;
