-- The $limit institutions in the most filtered projects (NULL = all), with country and type.
SELECT i.id, i.name_en, i.name_zh, i.short_name, i.country, i.type,
       count(DISTINCT p.id) AS projects
FROM filtered_projects($filters) AS p
JOIN project_partners AS pp ON pp.project_id = p.id
JOIN institutions AS i ON i.id = pp.institution_id
GROUP BY ALL
ORDER BY projects DESC, i.name_en
LIMIT $limit
