-- Operational or completed projects completed by the end of $year (or in an unknown year).
SELECT count(*) AS value
FROM filtered_projects($filters)
WHERE status = 'operational'
  AND (completion_year IS NULL OR completion_year <= $year)
  AND (project_year IS NULL OR project_year <= $year)
