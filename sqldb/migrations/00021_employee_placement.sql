-- Each employee's position and unit read from an index alone: the JPM
-- stream (sqldb.DB.assessedRangeQuery) joins every current assessment to its
-- employee's position and unit. On PostgreSQL, without this index, the
-- planner hashed every employee row of the agency for each range of the
-- stream (a million employees: about 5 s of server CPU a recompute); with it,
-- the two ordered index scans are merged (0.2 s). SQLite walks this narrow
-- index over the range instead of the table (52 ms against 66 ms of CPU for
-- 125,000 employee IDs in the sqlite3 shell).

-- +goose Up
CREATE INDEX employee_placement ON employee (agency_id, id, position_id, unit_id);

-- +goose Down
DROP INDEX employee_placement;
