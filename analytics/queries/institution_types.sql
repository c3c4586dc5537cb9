-- How many institutions of each type and country take part in the filtered projects.
SELECT i.type, i.country, count(DISTINCT i.id) AS institutions
FROM filtered_projects($filters) AS p
JOIN project_partners AS pp ON pp.project_id = p.id
JOIN institutions AS i ON i.id = pp.institution_id
GROUP BY ALL
ORDER BY i.type, i.country
