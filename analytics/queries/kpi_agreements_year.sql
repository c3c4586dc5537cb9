-- Projects whose agreement was signed or announced in $year.
SELECT count(*) AS value
FROM filtered_projects($filters)
WHERE agreement_year = $year
