-- +goose Up
-- The levels of each assessment packed in one column, and the current
-- assessments' packed levels in one partial index: the JPM stream
-- (EachAssessedProfile) read each current assessment's levels with a
-- correlated group_concat / string_agg over assessment_level, about five
-- B-tree seeks a row (2 s of CPU for 250,000 assessments on SQLite, 2.5-5.9 s
-- of server CPU on PostgreSQL). assessment_level stays the source the pages
-- read; packed_levels is a copy every writer keeps (sqldb/competency_*.go):
-- each level as the decimal competency_id*8 + level, comma separated, by
-- competency_id; '' when there are none.
ALTER TABLE assessment ADD COLUMN packed_levels TEXT NOT NULL DEFAULT '';

-- One text for both engines: SQLite has string_agg with ORDER BY since 3.44.
UPDATE assessment SET packed_levels = COALESCE((
    SELECT string_agg(CAST(l.competency_id * 8 + l.level AS TEXT), ',' ORDER BY l.competency_id)
    FROM assessment_level l
    WHERE l.agency_id = assessment.agency_id AND l.assessment_id = assessment.id), '');

-- The stream reads the current assessments of a range of employees from
-- this index alone. current is a column too although every entry holds
-- TRUE: SQLite reads the stream's term "a.current" from the table
-- otherwise (EXPLAIN QUERY PLAN says USING INDEX, not USING COVERING INDEX).
CREATE INDEX assessment_current_levels ON assessment (agency_id, employee_id, packed_levels, current) WHERE current;

-- +goose Down
DROP INDEX assessment_current_levels;
ALTER TABLE assessment DROP COLUMN packed_levels;
