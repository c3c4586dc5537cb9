-- How many filtered projects there are, how many have a site with coordinates, and how
-- many of those are in Pakistan.
SELECT count(*) AS projects,
       count(*) FILTER (WHERE latitude IS NOT NULL AND longitude IS NOT NULL) AS mapped,
       count(*) FILTER (WHERE latitude IS NOT NULL AND longitude IS NOT NULL
                          AND site_country = 'PK') AS mapped_pk
FROM filtered_projects($filters)
