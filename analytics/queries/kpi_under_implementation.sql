-- Projects under implementation among projects whose year is $year or earlier.
SELECT count(*) AS value
FROM filtered_projects($filters)
WHERE status = 'under_implementation'
  AND (project_year IS NULL OR project_year <= $year)
