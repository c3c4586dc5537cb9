-- Every KPI (contract.KPI_CODES) for $year and for the year before: one row per year, one
-- column per KPI, plus `undisclosed`, the projects counted without a disclosed amount, and
-- `<kpi>_change` for the stock figures. Which projects each KPI counts is kpi_projects's
-- (queries/_schema.sql), the one definition a click on a card lists too (kpi_ids.sql): a
-- year counts the projects whose year is that year or earlier, and those with no known
-- year; stock figures (under implementation, operational, green MW) take each project's
-- status at the end of the year (status_then).
WITH years AS (SELECT unnest([$year, $year - 1]) AS year),
k AS MATERIALIZED (
    SELECT * FROM kpi_projects($filters, [$year, $year - 1])
),
-- Changes of the stock figures, over the projects whose status is known at the end of both
-- years (one new in the year counts: it was not there before), so that a status no fact
-- dates does not pass for a change of the year.
pairs AS (
    SELECT project_no,
           any_value(status_then) FILTER (WHERE year = $year) AS now,
           any_value(status_then) FILTER (WHERE year = $year - 1) AS before,
           -- its MW in green_mw when operational (the same capacity both years)
           coalesce(any_value(capacity_mw) FILTER (WHERE green_mw), 0) AS mw
    FROM k
    WHERE projects_total
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
-- Each institution in the filtered projects, with the first year it took part
-- (`always`: it is in a project with no known year).
engaged AS (
    SELECT bool_or(p.project_year IS NULL) AS always, min(p.project_year) AS first_year
    FROM filtered_projects($filters) AS p
    JOIN project_partners AS pp ON pp.project_no = p.project_no
    GROUP BY pp.institution_no
)
SELECT
    y.year,
    count(*) FILTER (WHERE k.projects_total) AS projects_total,
    count(*) FILTER (WHERE k.under_implementation) AS under_implementation,
    count(*) FILTER (WHERE k.operational) AS operational,
    count(*) FILTER (WHERE k.agreements_year) AS agreements_year,
    coalesce(sum(k.amount_usd_m) FILTER (WHERE k.committed_usd), 0) AS committed_usd,
    count(*) FILTER (WHERE k.projects_total AND k.amount_usd_m IS NULL) AS undisclosed,
    coalesce(sum(k.capacity_mw) FILTER (WHERE k.green_mw), 0) AS green_mw,
    count(*) FILTER (WHERE k.joint_labs) AS joint_labs,
    count(*) FILTER (WHERE k.satellites) AS satellites,
    (SELECT count(*) FROM engaged WHERE always OR first_year <= y.year) AS institutions,
    any_value(ch.under_implementation_change) AS under_implementation_change,
    any_value(ch.operational_change) AS operational_change,
    any_value(ch.green_mw_change) AS green_mw_change
FROM years AS y
CROSS JOIN changes AS ch
LEFT JOIN k ON k.year = y.year
GROUP BY y.year
