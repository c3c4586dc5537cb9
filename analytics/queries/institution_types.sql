-- How many institutions of each type and country take part in the filtered projects.
WITH engaged AS (
    SELECT DISTINCT pp.institution_no
    FROM filtered_projects($filters) AS p
    JOIN project_partners AS pp ON pp.project_no = p.project_no
)
SELECT i.type, i.country, count(*) AS institutions
FROM engaged AS e
JOIN institutions AS i ON i.institution_no = e.institution_no
GROUP BY ALL
ORDER BY i.type, i.country
