-- Projects whose year is $year or earlier; projects with no known year count in every year.
SELECT count(*) AS value
FROM filtered_projects($filters)
WHERE project_year IS NULL OR project_year <= $year
