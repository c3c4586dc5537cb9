-- Dated events of the filtered projects, with the partners of each.
SELECT p.id, p.title_en, p.title_zh, p.subsector, m.date, period_start(m.date) AS day,
       m.event, m.description, pa.partners
FROM filtered_projects($filters) AS p
JOIN milestones AS m ON m.project_id = p.id
LEFT JOIN project_partner_names AS pa ON pa.project_id = p.id
ORDER BY day, p.id
