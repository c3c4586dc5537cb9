-- Projects under implementation among those agreed or started by the end of $year.
SELECT count(*) AS value
FROM filtered_projects($filters)
WHERE status = 'under_implementation'
  AND (first_year IS NULL OR first_year <= $year)
