-- IP ASN inputs in blocks (docs/decisions.md, "IP ASN inputs in blocks").
-- A recompute reads every employee's stored input; kept one row per
-- employee, the drivers' per-row cost was most of a recompute of a large
-- agency (a million employees: over half its CPU time). One row now holds the
-- inputs of the employees whose IDs share id >> 6 (sqldb.ipasnBlockShift):
-- employees is how many, inputs their entries as sqldb.encodeBlock writes
-- them (each with the fingerprint of the employee's stored score). The
-- blocks are derived data: the next recompute re-reads every input from the
-- registry, which the changed version mark below asks for (sqldb.inputVersion).
-- Like every tenant table the key starts with agency_id, for sharding.
-- PostgreSQL compresses the blocks (several kilobytes each) with lz4, whose
-- decompression reads a million employees' blocks in about a third of the
-- time of the default pglz (0.19-0.23 s against 0.55 s of server CPU);
-- SQLite takes "BYTEA COMPRESSION lz4" as a type name like any other and
-- stores the bytes as they are.

-- +goose Up
DROP TABLE ipasn_input;

CREATE TABLE ipasn_input_block (
    agency_id BIGINT  NOT NULL REFERENCES agency (id),
    block     BIGINT  NOT NULL,
    employees INTEGER NOT NULL,
    inputs    BYTEA COMPRESSION lz4 NOT NULL,
    PRIMARY KEY (agency_id, block)
);

UPDATE ipasn_state SET version = version || '+';

-- +goose Down
DROP TABLE ipasn_input_block;

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

UPDATE ipasn_state SET version = version || '+';
