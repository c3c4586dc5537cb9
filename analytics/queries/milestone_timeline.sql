-- Dated events of the filtered projects, with the partners of each: the events of the $limit
-- projects with the most recent events (a timeline of more rows could not be read).
WITH events AS (
    SELECT p.id, p.title_en, p.title_zh, p.subsector, m.date, period_start(m.date) AS day,
           m.event, m.description
    FROM filtered_projects($filters) AS p
    JOIN milestones AS m ON m.project_no = p.project_no
),
latest AS (
    SELECT id FROM events GROUP BY id ORDER BY max(day) DESC, id LIMIT $limit
)
SELECT *, partner_names(id) AS partners
FROM events
WHERE id IN (SELECT id FROM latest)
ORDER BY day, id
