-- A project's milestones in date order, each with its source.
SELECT m.date, period_start(m.date) AS day, m.event, m.description,
       s.publisher, s.title AS source_title, s.url
FROM milestones AS m
JOIN sources AS s ON s.id = m.source_id
WHERE m.project_id = $id
ORDER BY day, m.event
