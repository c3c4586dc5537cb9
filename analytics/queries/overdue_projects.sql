-- Projects finished after their planned completion, or still unfinished and past it on
-- $today (the data's as-of date); the delay in whole months. The $limit most delayed (NULL
-- = all), and in `total` how many there are.
SELECT p.id, p.title_en, p.title_zh, p.title_zh_basis, p.sector, p.status,
       p.planned_completion_date AS planned, p.completion_date AS completed,
       datediff('month', period_end(p.planned_completion_date),
                coalesce(period_start(p.completion_date), CAST($today AS DATE))) AS months_late,
       count(*) OVER () AS total
FROM filtered_projects($filters) AS p
WHERE p.planned_completion_date IS NOT NULL
  AND (p.completion_date IS NOT NULL
       OR p.status IN ('proposed', 'agreed', 'under_implementation'))
  AND coalesce(period_start(p.completion_date), CAST($today AS DATE))
      > period_end(p.planned_completion_date)
ORDER BY months_late DESC, p.id
LIMIT $limit
