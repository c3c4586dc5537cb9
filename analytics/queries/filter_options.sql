-- Bounds of the year filter, the data's as-of date and the number of projects.
SELECT
    min(project_year) AS year_min,
    max(project_year) AS year_max,
    strftime(max(last_checked), '%Y-%m-%d') AS as_of,
    count(*) AS projects
FROM projects_dated
