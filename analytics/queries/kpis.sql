-- Every KPI (contract.KPI_CODES) for $year and for the year before, in one pass over the
-- filtered projects: one row per year, one column per KPI, plus `undisclosed`, the projects
-- in committed_usd without a disclosed amount. "Dated" means the project's year is that year
-- or earlier; projects with no known year count in every year. Records marked
-- excluded_from_totals (AidData's not-recommended rows) keep their amount but add nothing.
WITH p AS MATERIALIZED (
    SELECT project_no, sector, subsector, mode, status, project_year, agreement_year,
           completion_year, amount_usd_m, excluded_from_totals, capacity_mw
    FROM filtered_projects($filters)
),
years AS (SELECT unnest([$year, $year - 1]) AS year),
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
),
per_year AS (
    SELECT y.year, p.*, p.project_year IS NULL OR p.project_year <= y.year AS dated
    FROM years AS y LEFT JOIN p ON true
)
SELECT
    year,
    count(project_no) FILTER (WHERE dated) AS projects_total,
    count(project_no) FILTER (WHERE dated AND status = 'under_implementation')
        AS under_implementation,
    count(project_no) FILTER (
        WHERE dated AND status = 'operational'
          AND (completion_year IS NULL OR completion_year <= year)) AS operational,
    count(project_no) FILTER (WHERE agreement_year = year) AS agreements_year,
    coalesce(sum(amount_usd_m) FILTER (WHERE dated AND excluded_from_totals IS NULL), 0)
        AS committed_usd,
    count(project_no) FILTER (WHERE dated AND amount_usd_m IS NULL) AS undisclosed,
    -- installed MW of operational green generation (not transmission) completed by then
    coalesce(sum(capacity_mw) FILTER (
        WHERE sector = 'green_energy' AND subsector IS DISTINCT FROM 'transmission'
          AND status = 'operational' AND completion_year <= year), 0) AS green_mw,
    count(project_no) FILTER (WHERE dated AND mode = 'joint_lab') AS joint_labs,
    (SELECT count(*) FROM launched WHERE launch_year <= per_year.year) AS satellites,
    (SELECT count(*) FROM engaged WHERE always OR first_year <= per_year.year) AS institutions
FROM per_year
GROUP BY year
