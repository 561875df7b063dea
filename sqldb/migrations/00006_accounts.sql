-- Accounts and scope: a platform admin flag on the account (platform-wide,
-- so it cannot be a user_grant row, whose agency_id references agency), and
-- the units an agency grant is limited to (user_grant_unit: an operator of
-- some bidang; no row means the whole agency). A unit limit covers the unit
-- and every unit below it. The table is global like user_grant.

-- +goose Up
ALTER TABLE app_user ADD COLUMN platform_admin BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE user_grant_unit (
    user_id   BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    agency_id BIGINT NOT NULL,
    role      TEXT   NOT NULL,
    unit_id   BIGINT NOT NULL,
    PRIMARY KEY (user_id, agency_id, role, unit_id),
    FOREIGN KEY (agency_id, unit_id) REFERENCES unit (agency_id, id)
);

-- +goose Down
DROP TABLE user_grant_unit;
ALTER TABLE app_user DROP COLUMN platform_admin;
