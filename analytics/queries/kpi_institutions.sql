-- Distinct institutions in the projects agreed or started by the end of $year.
SELECT count(DISTINCT pp.institution_id) AS value
FROM filtered_projects($filters) AS p
JOIN project_partners AS pp ON pp.project_id = p.id
WHERE p.first_year IS NULL OR p.first_year <= $year
