-- Distinct institutions in the projects whose year is $year or earlier.
SELECT count(DISTINCT pp.institution_id) AS value
FROM filtered_projects($filters) AS p
JOIN project_partners AS pp ON pp.project_id = p.id
WHERE p.project_year IS NULL OR p.project_year <= $year
