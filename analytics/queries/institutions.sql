-- Institutions that take part in at least one project, by English name, with how many
-- projects each takes part in.
SELECT i.id, i.name_en, i.name_zh, i.short_name, i.country, i.type,
       count(DISTINCT pp.project_id) AS projects
FROM institutions AS i
JOIN project_partners AS pp ON pp.institution_id = i.id
GROUP BY ALL
ORDER BY i.name_en, i.id
