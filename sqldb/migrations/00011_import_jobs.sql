-- Import jobs of the web upload page (web/import_job*.go): each job and its
-- report, so the jobs list and a job's report survive a restart of
-- "merit serve". The live progress of a running job stays in memory; a row
-- still 'running' that no server holds in memory is shown as interrupted
-- (its import was one transaction, so nothing of it was written). The
-- report keeps the counts and the first row errors (errors, a JSON array,
-- at most sqldb.MaxImportJobErrors) with their total (errors_total).
-- failure is the JSON of the error that stopped the whole import, if any.
-- Jobs older than 30 days are pruned when a new job is saved.

-- +goose Up
CREATE TABLE import_job (
    agency_id    BIGINT    NOT NULL REFERENCES agency (id),
    id           TEXT      NOT NULL,
    user_id      BIGINT    NOT NULL,
    file_name    TEXT      NOT NULL,
    dry_run      BOOLEAN   NOT NULL DEFAULT FALSE,
    skip_invalid BOOLEAN   NOT NULL DEFAULT FALSE,
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP NULL,
    status       TEXT      NOT NULL,
    rows_read    INTEGER   NOT NULL DEFAULT 0,
    inserted     INTEGER   NOT NULL DEFAULT 0,
    updated      INTEGER   NOT NULL DEFAULT 0,
    unchanged    INTEGER   NOT NULL DEFAULT 0,
    rejected     INTEGER   NOT NULL DEFAULT 0,
    written      BOOLEAN   NOT NULL DEFAULT FALSE,
    errors       TEXT      NOT NULL DEFAULT '[]',
    errors_total INTEGER   NOT NULL DEFAULT 0,
    failure      TEXT      NOT NULL DEFAULT '',
    PRIMARY KEY (agency_id, id)
);
CREATE INDEX import_job_user ON import_job (agency_id, user_id, started_at);

-- +goose Down
DROP TABLE import_job;
