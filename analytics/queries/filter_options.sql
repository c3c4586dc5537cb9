-- Bounds of the year filter (the first project year to the latest year with a dated fact,
-- which is the reference year by default), the data's as-of date and the number of projects.
SELECT
    min(project_year) AS year_min,
    greatest(max(project_year), (SELECT max(year) FROM status_facts)) AS year_max,
    strftime(max(last_checked), '%Y-%m-%d') AS as_of,
    count(*) AS projects
FROM projects_dated
