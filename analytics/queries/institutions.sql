-- Institutions that take part in at least one project, by English name.
SELECT i.id, i.name_en, i.name_zh, i.short_name, i.country, i.type
FROM institutions AS i
WHERE EXISTS (SELECT 1 FROM project_partners AS pp WHERE pp.institution_id = i.id)
ORDER BY i.name_en
