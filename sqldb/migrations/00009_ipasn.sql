-- IP ASN (regulations.md §3; package ipasn). Points are stored as integer
-- hundredths (ipasn.Points), so 22.5 is 2250 and sums are exact.
--
-- ipasn_input is each employee's input in compact form (education, jenis
--   jabatan of the position, and the trainings and sanctions that can count,
--   as ipasn.Input.AppendFacts writes them), refreshed from the registry by
--   the recompute for the employees changed since the last one (found on
--   the audit trail, ipasn_state.audit_seq). score_hash is the fingerprint
--   of the stored score, so a recompute writes only what changed.
-- ipasn_score is the last computed result per employee: the points per
--   dimension, total, category, the reasons (JSON of ipasn.Score), the table
--   version and the measurement date.
-- ipasn_official holds the values imported from SIASN (nilaiIpAsn), shown
--   beside ours for reconciliation.

-- +goose Up
CREATE TABLE ipasn_input (
    agency_id    BIGINT    NOT NULL,
    employee_id  BIGINT    NOT NULL,
    education    TEXT      NOT NULL,
    jenis        TEXT      NOT NULL DEFAULT '',
    facts        TEXT      NOT NULL DEFAULT '',
    score_hash   BIGINT    NOT NULL DEFAULT 0,
    PRIMARY KEY (agency_id, employee_id),
    FOREIGN KEY (agency_id, employee_id) REFERENCES employee (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE ipasn_score (
    agency_id   BIGINT    NOT NULL,
    employee_id BIGINT    NOT NULL,
    version     TEXT      NOT NULL,
    measured_on DATE      NOT NULL,
    kualifikasi INTEGER   NOT NULL,
    kompetensi  INTEGER   NOT NULL,
    kinerja     INTEGER   NOT NULL,
    disiplin    INTEGER   NOT NULL,
    total       INTEGER   NOT NULL,
    category    TEXT      NOT NULL,
    reasons     TEXT      NOT NULL,
    computed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, employee_id),
    FOREIGN KEY (agency_id, employee_id) REFERENCES employee (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE ipasn_official (
    agency_id   BIGINT    NOT NULL,
    employee_id BIGINT    NOT NULL,
    year        INTEGER   NOT NULL,
    kualifikasi INTEGER   NOT NULL,
    kompetensi  INTEGER   NOT NULL,
    kinerja     INTEGER   NOT NULL,
    disiplin    INTEGER   NOT NULL,
    total       INTEGER   NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, employee_id),
    FOREIGN KEY (agency_id, employee_id) REFERENCES employee (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE ipasn_state (
    agency_id     BIGINT    PRIMARY KEY REFERENCES agency (id),
    audit_seq     BIGINT    NOT NULL,
    version       TEXT      NOT NULL,
    measured_on   DATE      NOT NULL,
    recomputed_at TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE ipasn_state;
DROP TABLE ipasn_official;
DROP TABLE ipasn_score;
DROP TABLE ipasn_input;
