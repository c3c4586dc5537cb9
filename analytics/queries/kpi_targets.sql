-- Targets the committee set for $year, by KPI code.
SELECT kpi, value
FROM targets
WHERE year = $year
