-- Dated events of the filtered projects, with the partners of each: the events of the $limit
-- projects with the most recent events (a timeline of more rows could not be read).
WITH events AS (
    SELECT p.project_no, p.id, p.title_en, p.title_zh, p.subsector, m.date,
           period_start(m.date) AS day, m.event, m.description
    FROM filtered_projects($filters) AS p
    JOIN milestones AS m ON m.project_no = p.project_no
),
latest AS (
    SELECT project_no FROM events GROUP BY ALL ORDER BY max(day) DESC, any_value(id) LIMIT $limit
),
partners AS (
    SELECT l.project_no, partner_line(i.short_name, i.name_en) AS partners
    FROM latest AS l
    JOIN project_partners AS pp ON pp.project_no = l.project_no
    JOIN institutions AS i ON i.institution_no = pp.institution_no
    GROUP BY l.project_no
)
SELECT e.id, e.title_en, e.title_zh, e.subsector, e.date, e.day, e.event, e.description,
       n.partners
FROM events AS e
JOIN latest AS l ON l.project_no = e.project_no
LEFT JOIN partners AS n ON n.project_no = e.project_no
ORDER BY e.day, e.id
