-- A project's partner institutions with their roles.
SELECT i.id, i.name_en, i.name_zh, i.name_zh_basis, i.short_name, i.country, i.type, pp.role, pp.notes
FROM project_partners AS pp
JOIN institutions AS i ON i.id = pp.institution_id
WHERE pp.project_id = $id
ORDER BY CASE pp.role WHEN 'lead' THEN 0 WHEN 'partner' THEN 1 WHEN 'host' THEN 2
         WHEN 'financier' THEN 3 ELSE 4 END, i.name_en
