-- The projects behind KPI $kpi at the end of $year (kpi_projects, queries/_schema.sql): what
-- a click on its card lists. $kpi is one of contract.KPI_CODES, less institutions.
SELECT id FROM kpi_projects($filters, [$year])
WHERE CASE $kpi
    WHEN 'projects_total' THEN projects_total
    WHEN 'under_implementation' THEN under_implementation
    WHEN 'operational' THEN operational
    WHEN 'agreements_year' THEN agreements_year
    WHEN 'committed_usd' THEN committed_usd
    WHEN 'green_mw' THEN green_mw
    WHEN 'joint_labs' THEN joint_labs
    WHEN 'satellites' THEN satellites
END
ORDER BY id
