-- Usulan perubahan data: an employee proposes new values for fields of their
-- own data utama (changes is a JSON object {field: new value}) with a reason;
-- an operator accepts (the change is applied through the validated update)
-- or rejects with a reason. Attachments (PDF, JPEG, PNG up to 5 MiB) are kept
-- in the database so a backup holds everything: BYTEA is PostgreSQL's binary
-- type, and SQLite gives the type name BYTEA blob affinity, so one migration
-- serves both engines.

-- +goose Up
CREATE TABLE employee_proposal (
    agency_id       BIGINT    NOT NULL REFERENCES agency (id),
    id              BIGINT    NOT NULL,
    employee_id     BIGINT    NOT NULL,
    changes         TEXT      NOT NULL,
    reason          TEXT      NOT NULL,
    status          TEXT      NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    decided_by      TEXT      NOT NULL DEFAULT '',
    decided_at      TIMESTAMP NULL,
    decision_reason TEXT      NOT NULL DEFAULT '',
    PRIMARY KEY (agency_id, id),
    FOREIGN KEY (agency_id, employee_id) REFERENCES employee (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX employee_proposal_status ON employee_proposal (agency_id, status, created_at);
CREATE INDEX employee_proposal_employee ON employee_proposal (agency_id, employee_id, created_at);

CREATE TABLE proposal_attachment (
    agency_id    BIGINT NOT NULL,
    id           BIGINT NOT NULL,
    proposal_id  BIGINT NOT NULL,
    file_name    TEXT   NOT NULL,
    content_type TEXT   NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT   NOT NULL,
    bytes        BYTEA  NOT NULL,
    PRIMARY KEY (agency_id, id),
    FOREIGN KEY (agency_id, proposal_id) REFERENCES employee_proposal (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX proposal_attachment_proposal ON proposal_attachment (agency_id, proposal_id);

-- +goose Down
DROP TABLE proposal_attachment;
DROP TABLE employee_proposal;
