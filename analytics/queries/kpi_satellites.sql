-- Space projects launched by the end of $year with at least one Chinese partner.
SELECT count(DISTINCT p.id) AS value
FROM filtered_projects($filters) AS p
JOIN milestones AS m ON m.project_id = p.id AND m.event = 'launched'
WHERE p.sector = 'space'
  AND m.date_year <= $year
  AND EXISTS (
      SELECT 1 FROM project_partners AS pp
      JOIN institutions AS i ON i.id = pp.institution_id
      WHERE pp.project_id = p.id AND i.country = 'CN')
