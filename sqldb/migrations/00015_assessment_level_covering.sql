-- +goose Up
-- Every level of an assessment read from the index alone: the JPM stream
-- (EachAssessedProfile) reads all current assessments' levels, and without
-- the level in the index each one was a second lookup in the table.
CREATE INDEX assessment_level_covering ON assessment_level (agency_id, assessment_id, competency_id, level);

-- +goose Down
DROP INDEX assessment_level_covering;
