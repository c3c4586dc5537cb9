-- Ids of the projects the filters let through.
SELECT id FROM filtered_projects($filters) ORDER BY id
