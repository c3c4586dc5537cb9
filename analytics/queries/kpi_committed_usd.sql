-- Disclosed amounts (USD millions) of projects whose year is $year or earlier,
-- and how many of those projects have no disclosed amount; records marked
-- excluded_from_totals (AidData's not-recommended rows) keep their amount but add nothing.
SELECT
    coalesce(sum(amount_usd_m) FILTER (WHERE excluded_from_totals IS NULL), 0) AS value,
    count(*) FILTER (WHERE amount_usd_m IS NULL) AS undisclosed
FROM filtered_projects($filters)
WHERE project_year IS NULL OR project_year <= $year
