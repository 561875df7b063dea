-- Job fit (uji kompetensi for rotating JPT holders, regulations.md §5.7):
-- each run is kept with the date tenure was counted to, the JPM rule
-- version and the whole result as JSON (selection.JobFitResult), so the
-- recommendation sent to BKN and the PPK can be shown later exactly as it
-- was, whatever the registry became since. Runs are never changed.

-- +goose Up
CREATE TABLE jobfit_run (
    agency_id    BIGINT    NOT NULL REFERENCES agency (id),
    id           BIGINT    NOT NULL,
    run_on       DATE      NOT NULL,
    rule_version INTEGER   NOT NULL,
    posts        INTEGER   NOT NULL, -- target posts in the run
    recommended  INTEGER   NOT NULL, -- posts with a recommendation; the others go to open selection
    note         TEXT      NOT NULL DEFAULT '',
    result       TEXT      NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    created_by   TEXT      NOT NULL DEFAULT '',
    PRIMARY KEY (agency_id, id)
);

-- +goose Down
DROP TABLE jobfit_run;
