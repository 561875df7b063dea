-- Talent pool and succession (issue 5): the agency's talent-pool rule (the
-- 9-box boxes whose talents form the kelompok rencana suksesi), the reasons
-- a position is critical (the flag itself is position.critical), the ranked
-- successors of each critical position with readiness and a link to the
-- candidate's development plan, the agency's official merit-system results
-- (entered by an admin until the merit evaluation of issue 7 records its
-- own, source 'evaluation') and the JPT fillings decided through talent
-- management under the rule of regulations.md §1.6.
--
-- Candidates name employees without a foreign key: deleting an employee
-- must not fail on a succession plan; the store reads candidates joined to
-- their employee, so a deleted one drops out of every plan.

-- +goose Up
CREATE TABLE talent_pool_rule (
    agency_id  BIGINT    NOT NULL PRIMARY KEY REFERENCES agency (id),
    boxes      TEXT      NOT NULL, -- comma-separated box numbers, e.g. '7,8,9'
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE critical_position (
    agency_id   BIGINT    NOT NULL,
    position_id BIGINT    NOT NULL,
    reasons     TEXT      NOT NULL, -- comma-separated succession.Reason codes
    note        TEXT      NOT NULL DEFAULT '',
    flagged_at  TIMESTAMP NOT NULL,
    flagged_by  TEXT      NOT NULL DEFAULT '',
    PRIMARY KEY (agency_id, position_id),
    FOREIGN KEY (agency_id, position_id) REFERENCES position (agency_id, id)
);

CREATE TABLE succession_candidate (
    agency_id   BIGINT    NOT NULL,
    id          BIGINT    NOT NULL,
    position_id BIGINT    NOT NULL,
    employee_id BIGINT    NOT NULL,
    rank        INTEGER   NOT NULL,
    readiness   TEXT      NOT NULL,
    plan_id     BIGINT    NOT NULL DEFAULT 0, -- development_plan.id of the candidate, 0 when none is linked
    development TEXT      NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, id),
    UNIQUE (agency_id, position_id, employee_id),
    FOREIGN KEY (agency_id, position_id) REFERENCES critical_position (agency_id, position_id)
);

CREATE TABLE merit_result (
    agency_id  BIGINT           NOT NULL REFERENCES agency (id),
    id         BIGINT           NOT NULL,
    year       INTEGER          NOT NULL,
    score      DOUBLE PRECISION NOT NULL,
    category   TEXT             NOT NULL,
    decree     TEXT             NOT NULL,
    decided_on DATE             NOT NULL,
    source     TEXT             NOT NULL,
    created_at TIMESTAMP        NOT NULL,
    created_by TEXT             NOT NULL DEFAULT '',
    PRIMARY KEY (agency_id, id),
    UNIQUE (agency_id, year)
);

CREATE TABLE succession_fill (
    agency_id       BIGINT    NOT NULL,
    id              BIGINT    NOT NULL,
    position_id     BIGINT    NOT NULL,
    employee_id     BIGINT    NOT NULL,
    merit_result_id BIGINT    NOT NULL,
    decided_at      TIMESTAMP NOT NULL,
    decided_by      TEXT      NOT NULL DEFAULT '',
    PRIMARY KEY (agency_id, id),
    FOREIGN KEY (agency_id, position_id) REFERENCES position (agency_id, id)
);

-- +goose Down
DROP TABLE succession_fill;
DROP TABLE merit_result;
DROP TABLE succession_candidate;
DROP TABLE critical_position;
DROP TABLE talent_pool_rule;
