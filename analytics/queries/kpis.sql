-- Every KPI (contract.KPI_CODES) for $year and for the year before, in one pass over the
-- filtered projects: one row per year, one column per KPI, plus `undisclosed`, the projects
-- in committed_usd without a disclosed amount, and `<kpi>_change` for the stock figures. A year counts the projects whose year is that
-- year or earlier, and those with no known year; stock figures (under implementation,
-- operational, green MW) take each project's status at the end of the year (status_then in
-- _schema.sql). Records marked excluded_from_totals (AidData's not-recommended rows) keep
-- their amount but add nothing.
WITH years AS (SELECT unnest([$year, $year - 1]) AS year),
-- the projects counted at the end of each year, with their status then
counted AS MATERIALIZED (
    SELECT year, project_no, sector, subsector, mode, status_then, agreement_year,
           amount_usd_m, excluded_from_totals, capacity_mw
    FROM status_then($filters, [$year, $year - 1])
),
-- Changes of the stock figures, over the projects whose status is known at the end of both
-- years (one new in the year counts: it was not there before), so that a status no fact
-- dates does not pass for a change of the year.
pairs AS (
    SELECT project_no,
           any_value(status_then) FILTER (WHERE year = $year) AS now,
           any_value(status_then) FILTER (WHERE year = $year - 1) AS before,
           any_value(CASE WHEN sector = 'green_energy' AND subsector IS DISTINCT FROM 'transmission'
                          THEN coalesce(capacity_mw, 0) ELSE 0 END) AS mw
    FROM counted
    GROUP BY project_no
),
changes AS (
    SELECT
        count(*) FILTER (WHERE now = 'under_implementation' AND before IS DISTINCT FROM 'unknown')
        - count(*) FILTER (WHERE before = 'under_implementation' AND now <> 'unknown')
            AS under_implementation_change,
        count(*) FILTER (WHERE now = 'operational' AND before IS DISTINCT FROM 'unknown')
        - count(*) FILTER (WHERE before = 'operational' AND now <> 'unknown')
            AS operational_change,
        coalesce(sum(mw) FILTER (WHERE now = 'operational' AND before IS DISTINCT FROM 'unknown'), 0)
        - coalesce(sum(mw) FILTER (WHERE before = 'operational' AND now <> 'unknown'), 0)
            AS green_mw_change
    FROM pairs
),
p AS MATERIALIZED (
    SELECT project_no, sector, project_year FROM filtered_projects($filters)
),
-- Each institution in the filtered projects, with the first year it took part
-- (`always`: it is in a project with no known year).
engaged AS (
    SELECT bool_or(p.project_year IS NULL) AS always, min(p.project_year) AS first_year
    FROM p JOIN project_partners AS pp ON pp.project_no = p.project_no
    GROUP BY pp.institution_no
),
-- Each space project with a Chinese partner, with its first launch year.
launched AS (
    SELECT min(m.date_year) AS launch_year
    FROM p JOIN milestones AS m ON m.project_no = p.project_no AND m.event = 'launched'
    WHERE p.sector = 'space'
      AND EXISTS (
          SELECT 1 FROM project_partners AS pp
          JOIN institutions AS i ON i.institution_no = pp.institution_no
          WHERE pp.project_no = p.project_no AND i.country = 'CN')
    GROUP BY p.project_no
)
SELECT
    y.year,
    count(c.project_no) AS projects_total,
    count(c.project_no) FILTER (WHERE c.status_then = 'under_implementation')
        AS under_implementation,
    count(c.project_no) FILTER (WHERE c.status_then = 'operational') AS operational,
    count(c.project_no) FILTER (WHERE c.agreement_year = y.year) AS agreements_year,
    coalesce(sum(c.amount_usd_m) FILTER (WHERE c.excluded_from_totals IS NULL), 0)
        AS committed_usd,
    count(c.project_no) FILTER (WHERE c.amount_usd_m IS NULL) AS undisclosed,
    -- MW of green generation (not transmission) operational at the end of the year
    coalesce(sum(c.capacity_mw) FILTER (
        WHERE c.sector = 'green_energy' AND c.subsector IS DISTINCT FROM 'transmission'
          AND c.status_then = 'operational'), 0) AS green_mw,
    count(c.project_no) FILTER (WHERE c.mode = 'joint_lab') AS joint_labs,
    (SELECT count(*) FROM launched WHERE launch_year <= y.year) AS satellites,
    (SELECT count(*) FROM engaged WHERE always OR first_year <= y.year) AS institutions,
    any_value(ch.under_implementation_change) AS under_implementation_change,
    any_value(ch.operational_change) AS operational_change,
    any_value(ch.green_mw_change) AS green_mw_change
FROM years AS y
CROSS JOIN changes AS ch
LEFT JOIN counted AS c ON c.year = y.year
GROUP BY y.year
