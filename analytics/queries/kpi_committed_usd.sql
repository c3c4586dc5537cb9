-- Disclosed amounts (USD millions) of projects whose year is $year or earlier,
-- and how many of those projects have no disclosed amount.
SELECT
    coalesce(sum(amount_usd_m), 0) AS value,
    count(*) FILTER (WHERE amount_usd_m IS NULL) AS undisclosed
FROM filtered_projects($filters)
WHERE project_year IS NULL OR project_year <= $year
