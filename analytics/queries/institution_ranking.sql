-- The $limit institutions in the most filtered projects (NULL = all), with country and type.
WITH counts AS (
    SELECT pp.institution_no, count(DISTINCT pp.project_no) AS projects
    FROM filtered_projects($filters) AS p
    JOIN project_partners AS pp ON pp.project_no = p.project_no
    GROUP BY pp.institution_no
)
SELECT i.id, i.name_en, i.name_zh, i.short_name, i.country, i.type, n.projects
FROM counts AS n
JOIN institutions AS i ON i.institution_no = n.institution_no
ORDER BY n.projects DESC, i.name_en
LIMIT $limit
