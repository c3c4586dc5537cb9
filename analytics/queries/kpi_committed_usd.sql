-- Disclosed amounts (USD millions) of projects agreed or started by the end of $year,
-- and how many of those projects have no disclosed amount.
SELECT
    coalesce(sum(amount_usd_m), 0) AS value,
    count(*) FILTER (WHERE amount_usd_m IS NULL) AS undisclosed
FROM filtered_projects($filters)
WHERE first_year IS NULL OR first_year <= $year
