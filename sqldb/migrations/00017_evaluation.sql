-- Merit-system evaluation (issue 7; regulations.md §1, §2; package evaluation).
--
-- evaluation_instrument is a national instrument version (KASN 2018, the
--   2025 framework, the Indeks Kualitas Pengisian JPT): platform-level, not
--   per agency. body is the evaluation.Instrument as JSON, the same text the
--   export writes and the import reads (decisions.md "Evaluation instruments
--   as JSON"); unverified marks seed data not checked against the regulation.
-- evaluation_assessment is an agency's assessment of a year on one
--   instrument version, with its status (draft → submitted → verified →
--   ditetapkan), who moved it and when, and the score and category computed
--   from verified levels only (score in the domain's fixed-point unit).
-- evaluation_team is the agency's self-assessment team of an assessment.
-- evaluation_entry is one indicator of an assessment: the agency's self
--   level and narrative, the suggestion from the agency's own data (level,
--   evidence as JSON, and whether the operator accepted or overrode it), and
--   the evaluator's verified level and note. Level 0 is "not set".
-- evaluation_evidence is a supporting document (bukti dukung) of an
--   indicator; its bytes are kept in the database so a backup holds
--   everything (decisions.md "Evaluation evidence in the database").
-- evaluation_jpt_index is an agency's Indeks Kualitas Pengisian JPT of a
--   year: inputs read from the selection records, the evaluator's inputs,
--   and the result, all as JSON of the domain's types.
-- survey, survey_question: the 2025 framework's employee survey of an agency.
-- survey_participation records THAT an employee answered (to refuse a
--   second answer); survey_response holds WHAT was answered, with no link to
--   the employee: no employee column, a random ID (no insertion order), the
--   day only and a coarse group (the top-level unit's name) for results by group,
--   shown only for groups of at least the survey's threshold
--   (decisions.md "Anonymous employee survey").

-- +goose Up
CREATE TABLE evaluation_instrument (
    framework   TEXT      NOT NULL,
    version     TEXT      NOT NULL,
    name        TEXT      NOT NULL,
    unverified  BOOLEAN   NOT NULL,
    body        TEXT      NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    updated_by  TEXT      NOT NULL DEFAULT '',
    PRIMARY KEY (framework, version)
);

CREATE TABLE evaluation_assessment (
    agency_id    BIGINT    NOT NULL REFERENCES agency (id),
    id           BIGINT    NOT NULL,
    year         INTEGER   NOT NULL,
    framework    TEXT      NOT NULL,
    version      TEXT      NOT NULL,
    status       TEXT      NOT NULL,
    violations   INTEGER   NOT NULL DEFAULT 0,
    score        BIGINT    NOT NULL DEFAULT 0,
    category     TEXT      NOT NULL DEFAULT '',
    decree       TEXT      NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL,
    created_by   TEXT      NOT NULL DEFAULT '',
    submitted_at TIMESTAMP NULL,
    submitted_by TEXT      NOT NULL DEFAULT '',
    verified_at  TIMESTAMP NULL,
    verified_by  TEXT      NOT NULL DEFAULT '',
    decided_at   TIMESTAMP NULL,
    decided_by   TEXT      NOT NULL DEFAULT '',
    PRIMARY KEY (agency_id, id),
    UNIQUE (agency_id, year),
    FOREIGN KEY (framework, version) REFERENCES evaluation_instrument (framework, version)
);
CREATE INDEX evaluation_assessment_year ON evaluation_assessment (year, status, agency_id);

CREATE TABLE evaluation_team (
    agency_id     BIGINT NOT NULL,
    assessment_id BIGINT NOT NULL,
    seq           INTEGER NOT NULL,
    employee_id   BIGINT NOT NULL DEFAULT 0,
    name          TEXT   NOT NULL,
    role          TEXT   NOT NULL,
    PRIMARY KEY (agency_id, assessment_id, seq),
    FOREIGN KEY (agency_id, assessment_id) REFERENCES evaluation_assessment (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE evaluation_entry (
    agency_id           BIGINT    NOT NULL,
    assessment_id       BIGINT    NOT NULL,
    indicator           TEXT      NOT NULL,
    self_level          SMALLINT  NOT NULL DEFAULT 0,
    narrative           TEXT      NOT NULL DEFAULT '',
    suggested_level     SMALLINT  NOT NULL DEFAULT 0,
    suggestion_evidence TEXT      NOT NULL DEFAULT '',
    suggestion          TEXT      NOT NULL DEFAULT '',
    verified_level      SMALLINT  NOT NULL DEFAULT 0,
    verifier_note       TEXT      NOT NULL DEFAULT '',
    updated_at          TIMESTAMP NOT NULL,
    updated_by          TEXT      NOT NULL DEFAULT '',
    PRIMARY KEY (agency_id, assessment_id, indicator),
    FOREIGN KEY (agency_id, assessment_id) REFERENCES evaluation_assessment (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE evaluation_evidence (
    agency_id     BIGINT    NOT NULL,
    id            BIGINT    NOT NULL,
    assessment_id BIGINT    NOT NULL,
    indicator     TEXT      NOT NULL,
    file_name     TEXT      NOT NULL,
    content_type  TEXT      NOT NULL,
    size          BIGINT    NOT NULL,
    sha256        TEXT      NOT NULL,
    bytes         BYTEA     NOT NULL,
    uploaded_at   TIMESTAMP NOT NULL,
    uploaded_by   TEXT      NOT NULL DEFAULT '',
    PRIMARY KEY (agency_id, id),
    FOREIGN KEY (agency_id, assessment_id) REFERENCES evaluation_assessment (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX evaluation_evidence_assessment ON evaluation_evidence (agency_id, assessment_id, indicator, id);

CREATE TABLE evaluation_jpt_index (
    agency_id        BIGINT    NOT NULL REFERENCES agency (id),
    id               BIGINT    NOT NULL,
    year             INTEGER   NOT NULL,
    framework        TEXT      NOT NULL,
    version          TEXT      NOT NULL,
    inputs           TEXT      NOT NULL,
    evaluator_inputs TEXT      NOT NULL,
    result           TEXT      NOT NULL,
    score            BIGINT    NOT NULL,
    category         TEXT      NOT NULL,
    computed_at      TIMESTAMP NOT NULL,
    computed_by      TEXT      NOT NULL DEFAULT '',
    PRIMARY KEY (agency_id, id),
    UNIQUE (agency_id, year),
    FOREIGN KEY (framework, version) REFERENCES evaluation_instrument (framework, version)
);

CREATE TABLE survey (
    agency_id  BIGINT    NOT NULL REFERENCES agency (id),
    id         BIGINT    NOT NULL,
    year       INTEGER   NOT NULL,
    title      TEXT      NOT NULL,
    status     TEXT      NOT NULL,
    scale_max  INTEGER   NOT NULL,
    min_group  INTEGER   NOT NULL,
    invited    INTEGER   NOT NULL DEFAULT 0,
    opened_at  TIMESTAMP NULL,
    closed_at  TIMESTAMP NULL,
    created_at TIMESTAMP NOT NULL,
    created_by TEXT      NOT NULL DEFAULT '',
    PRIMARY KEY (agency_id, id)
);

CREATE TABLE survey_question (
    agency_id BIGINT  NOT NULL,
    survey_id BIGINT  NOT NULL,
    seq       INTEGER NOT NULL,
    code      TEXT    NOT NULL,
    dimension TEXT    NOT NULL,
    text      TEXT    NOT NULL,
    PRIMARY KEY (agency_id, survey_id, seq),
    UNIQUE (agency_id, survey_id, code),
    FOREIGN KEY (agency_id, survey_id) REFERENCES survey (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE survey_participation (
    agency_id   BIGINT NOT NULL,
    survey_id   BIGINT NOT NULL,
    employee_id BIGINT NOT NULL,
    PRIMARY KEY (agency_id, survey_id, employee_id),
    FOREIGN KEY (agency_id, survey_id) REFERENCES survey (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE survey_response (
    agency_id   BIGINT NOT NULL,
    survey_id   BIGINT NOT NULL,
    id          BIGINT NOT NULL,
    group_key   TEXT   NOT NULL DEFAULT '',
    answered_on DATE   NOT NULL,
    answers     TEXT   NOT NULL,
    PRIMARY KEY (agency_id, survey_id, id),
    FOREIGN KEY (agency_id, survey_id) REFERENCES survey (agency_id, id) ON DELETE CASCADE
);

-- +goose Down
DROP TABLE survey_response;
DROP TABLE survey_participation;
DROP TABLE survey_question;
DROP TABLE survey;
DROP TABLE evaluation_jpt_index;
DROP TABLE evaluation_evidence;
DROP TABLE evaluation_entry;
DROP TABLE evaluation_team;
DROP TABLE evaluation_assessment;
DROP TABLE evaluation_instrument;
