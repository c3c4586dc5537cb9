-- The $limit filtered projects with the most capacity (MW), largest first.
SELECT id, title_en, title_zh, status, capacity_mw
FROM filtered_projects($filters)
WHERE capacity_mw IS NOT NULL
ORDER BY capacity_mw DESC, id DESC
LIMIT $limit
