-- Joint labs and research centres whose year is $year or earlier.
SELECT count(*) AS value
FROM filtered_projects($filters)
WHERE mode = 'joint_lab'
  AND (project_year IS NULL OR project_year <= $year)
