-- Employee self-service: a grant with role "employee" is linked to the one
-- employee record (of the grant's agency) that its user may read. The column
-- is NULL for every other role. Employee IDs are unique within an agency, so
-- (agency_id, employee_id) names the record.

-- +goose Up
ALTER TABLE user_grant ADD COLUMN employee_id BIGINT NULL;

-- +goose Down
ALTER TABLE user_grant DROP COLUMN employee_id;
