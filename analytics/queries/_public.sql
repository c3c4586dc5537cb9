-- What a session without the right to restricted records reads: every table of the
-- compiled data (attached as `data`) through a view that leaves out restricted records and
-- whatever is reachable only through them (flagged by queries/_compile.sql), the tables
-- derived there included. Queries read these views and never `data.` itself, so no query
-- can forget the rule. A session with the right reads the same names as plain views
-- (analytics/db.py).
CREATE VIEW sectors AS SELECT * FROM data.sectors;
CREATE VIEW subsectors AS SELECT * FROM data.subsectors;
CREATE VIEW institutions AS SELECT * FROM data.institutions WHERE NOT restricted;
CREATE VIEW sources AS SELECT * FROM data.sources WHERE NOT restricted;
CREATE VIEW projects AS SELECT * FROM data.projects WHERE NOT restricted;
CREATE VIEW project_partners AS SELECT * FROM data.project_partners WHERE NOT restricted;
CREATE VIEW milestones AS SELECT * FROM data.milestones WHERE NOT restricted;
CREATE VIEW project_sources AS SELECT * FROM data.project_sources WHERE NOT restricted;
-- an alias of an institution the session may not see is not shown either
CREATE VIEW institution_aliases AS SELECT * FROM data.institution_aliases
    WHERE institution_id IN (SELECT id FROM data.institutions WHERE NOT restricted);
CREATE VIEW targets AS SELECT * FROM data.targets;
CREATE VIEW meetings AS SELECT * FROM data.meetings;
CREATE VIEW record_changes AS SELECT * FROM data.record_changes WHERE NOT restricted;
CREATE VIEW status_facts AS SELECT * FROM data.status_facts WHERE NOT restricted;
