-- Number of projects per status at the end of $year: the projects the Projects KPI counts,
-- each by its status then ('unknown' where no dated fact places it; _schema.sql).
SELECT status_then AS status, count(*) AS projects, $year AS year
FROM status_then($filters, [$year])
GROUP BY ALL
ORDER BY projects DESC, status
