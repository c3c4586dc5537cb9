-- The meetings on record, the latest first (meetings.csv), with the page reporting each.
SELECT CAST(m.date AS VARCHAR) AS date, m.title_en, m.title_zh, s.title AS source_title,
       s.url AS source_url
FROM meetings AS m
LEFT JOIN sources AS s ON s.id = m.source_id
ORDER BY m.date DESC, m.title_en
