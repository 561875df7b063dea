-- The audit trail: one append-only hash chain per agency (agency_id 0 for
-- global records such as user accounts), so it shards with the agency under
-- Citus. merit.AuditEntry.ComputeHash documents how hash is computed.
-- audit_head holds each chain's last seq and hash; it is updated in the same
-- transaction as each append, so on PostgreSQL its row lock serializes the
-- appends of one agency (SQLite has a single writer), and a removed tail
-- shows as a head that does not match the last entry.

-- +goose Up
CREATE TABLE audit_log (
    agency_id   BIGINT    NOT NULL,
    seq         BIGINT    NOT NULL,
    at          TIMESTAMP NOT NULL,
    actor_id    BIGINT    NOT NULL,
    actor       TEXT      NOT NULL,
    action      TEXT      NOT NULL,
    entity      TEXT      NOT NULL,
    entity_id   BIGINT    NOT NULL,
    before_json TEXT      NOT NULL,
    after_json  TEXT      NOT NULL,
    ip          TEXT      NOT NULL,
    user_agent  TEXT      NOT NULL,
    prev_hash   TEXT      NOT NULL,
    hash        TEXT      NOT NULL,
    PRIMARY KEY (agency_id, seq)
);

CREATE INDEX audit_log_entity ON audit_log (agency_id, entity, entity_id, seq);

CREATE TABLE audit_head (
    agency_id BIGINT PRIMARY KEY,
    seq       BIGINT NOT NULL,
    hash      TEXT   NOT NULL
);

-- +goose Down
DROP TABLE audit_head;
DROP TABLE audit_log;
