-- Projects agreed or started by the end of $year; unknown years count in every year.
SELECT count(*) AS value
FROM filtered_projects($filters)
WHERE first_year IS NULL OR first_year <= $year
