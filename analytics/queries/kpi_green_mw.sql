-- Installed MW of operational green-energy generation completed by the end of $year.
SELECT coalesce(sum(capacity_mw), 0) AS value
FROM filtered_projects($filters)
WHERE sector = 'green_energy'
  AND subsector IS DISTINCT FROM 'transmission'
  AND status = 'operational'
  AND completion_year IS NOT NULL AND completion_year <= $year
