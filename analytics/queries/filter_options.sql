-- Bounds of the year filter: the first and last project years in the data.
SELECT
    min(coalesce(agreement_year, start_year)) AS year_min,
    max(coalesce(agreement_year, start_year)) AS year_max,
    strftime(max(last_checked), '%Y-%m-%d') AS as_of,
    count(*) AS projects
FROM projects
