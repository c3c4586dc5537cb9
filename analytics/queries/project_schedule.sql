-- Projects with a known start, from start to completion (or, if not completed, to the
-- planned completion), with the planned date where known: the $limit started most recently
-- (a chart of more bars could not be read), and in `total` how many there are.
SELECT p.id, p.title_en, p.title_zh, p.sector, s.label_en AS sector_en, s.label_zh AS sector_zh,
       p.status,
       period_start(p.start_date) AS start_day,
       period_end(coalesce(p.completion_date, p.planned_completion_date)) AS end_day,
       p.completion_date IS NOT NULL AS completed,
       period_end(p.planned_completion_date) AS planned_day,
       count(*) OVER () AS total
FROM filtered_projects($filters) AS p
JOIN sectors AS s ON s.code = p.sector
WHERE p.start_date IS NOT NULL
  AND coalesce(p.completion_date, p.planned_completion_date) IS NOT NULL
ORDER BY start_day DESC, p.id
LIMIT $limit
