-- Joint labs and research centres agreed or started by the end of $year.
SELECT count(*) AS value
FROM filtered_projects($filters)
WHERE mode = 'joint_lab'
  AND (first_year IS NULL OR first_year <= $year)
