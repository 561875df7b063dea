-- API tokens for machine clients (merit token create): a global table like
-- user_session. Only the SHA-256 of a token is stored. Each token carries one
-- grant (agency_id, role) that may not exceed its user's role there; it ends
-- at expires_at or when revoked_at is set.

-- +goose Up
CREATE TABLE api_token (
    id           BIGINT    PRIMARY KEY,
    user_id      BIGINT    NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    agency_id    BIGINT    NOT NULL REFERENCES agency (id),
    role         TEXT      NOT NULL,
    name         TEXT      NOT NULL,
    token_hash   TEXT      NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    revoked_at   TIMESTAMP NULL,
    last_used_at TIMESTAMP NULL
);
CREATE INDEX api_token_user ON api_token (user_id);

-- +goose Down
DROP TABLE api_token;
