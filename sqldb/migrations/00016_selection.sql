-- Open selection of JPT posts (seleksi terbuka; issue 6; regulations.md §5;
-- package selection holds the rules, package sqldb only stores).
--
-- selection is one selection: its legal basis, level, registration window,
--   aggregation, the panel composition rule and the agency's extra
--   requirements (JSON of selection.PanelRule and []ExtraRequirement), and
--   its status. Weights freeze when it is announced (weights_frozen).
-- selection_post is a vacant post (position) it fills (one or more).
-- selection_stage is the stage plan in order (seq from 1) with weight in
--   hundredths of a percent, timeline and status; selection_criterion the
--   scorecard of each stage (max in hundredths).
-- selection_member is a panel member (pansel); user_id links the account of
--   a member who signs in with a pansel/asesor grant (NULL for a member who
--   does not), ethics_at when the code of ethics was accepted.
-- selection_conflict is a member's declared conflict of interest with one
--   candidate: it blocks that member from scoring that candidate.
-- selection_candidate is a registration: an internal employee (employee_id,
--   pre-filled from the registry) or an external applicant (profile fields),
--   with per-field verification (verified, JSON {field: true}) and the
--   administrative check (admin_reasons as JSON); an external applicant
--   gets an access code at registration (only its hash is kept) with which
--   they upload corrected documents.
-- selection_document is one uploaded document per slot of a candidate, kept
--   in the database (BYTEA: binary on PostgreSQL, blob affinity on SQLite)
--   with its SHA-256, verification status, note and correction deadline.
-- selection_score is one member's score (hundredths) of one candidate on one
--   criterion of one stage. selection_result is a stage's computed result
--   per candidate (score, members counted), written when it is published.
-- selection_seal is the hash of a published stage's canonical file, chained
--   to the stage's previous seal (seq 1 at publication, +1 per amendment);
--   the canonical file itself is kept so the public can download it and
--   recompute the hash. A change after publication is a
--   selection_amendment (reason, lines before and after) and a new seal.
-- selection_decision is the PPK's choice of one of the top three of a post.
-- selection_comment is a public comment (uji publik) on a candidate, shown
--   to the panel once moderated (status approved).

-- +goose Up
CREATE TABLE selection (
    agency_id          BIGINT    NOT NULL REFERENCES agency (id),
    id                 BIGINT    NOT NULL,
    title              TEXT      NOT NULL,
    legal_basis        TEXT      NOT NULL DEFAULT '',
    level              TEXT      NOT NULL,
    status             TEXT      NOT NULL,
    aggregation        TEXT      NOT NULL,
    registration_open  DATE,
    registration_close DATE,
    weights_frozen     BOOLEAN   NOT NULL DEFAULT FALSE,
    panel_rule         TEXT      NOT NULL DEFAULT '',
    extras             TEXT      NOT NULL DEFAULT '',
    announced_at       TIMESTAMP,
    created_by         TEXT      NOT NULL DEFAULT '',
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, id)
);
CREATE INDEX selection_status ON selection (agency_id, status, id);

CREATE TABLE selection_post (
    agency_id    BIGINT NOT NULL,
    id           BIGINT NOT NULL,
    selection_id BIGINT NOT NULL,
    position_id  BIGINT NOT NULL,
    PRIMARY KEY (agency_id, id),
    UNIQUE (agency_id, selection_id, position_id),
    FOREIGN KEY (agency_id, selection_id) REFERENCES selection (agency_id, id) ON DELETE CASCADE,
    FOREIGN KEY (agency_id, position_id) REFERENCES position (agency_id, id)
);

CREATE TABLE selection_stage (
    agency_id    BIGINT    NOT NULL,
    id           BIGINT    NOT NULL,
    selection_id BIGINT    NOT NULL,
    seq          INTEGER   NOT NULL,
    kind         TEXT      NOT NULL,
    weight       BIGINT    NOT NULL DEFAULT 0,
    starts_on    DATE,
    ends_on      DATE,
    status       TEXT      NOT NULL,
    PRIMARY KEY (agency_id, id),
    UNIQUE (agency_id, selection_id, seq),
    UNIQUE (agency_id, selection_id, kind),
    FOREIGN KEY (agency_id, selection_id) REFERENCES selection (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE selection_criterion (
    agency_id BIGINT  NOT NULL,
    stage_id  BIGINT  NOT NULL,
    code      TEXT    NOT NULL,
    seq       INTEGER NOT NULL,
    name      TEXT    NOT NULL,
    max_score BIGINT  NOT NULL,
    PRIMARY KEY (agency_id, stage_id, code),
    FOREIGN KEY (agency_id, stage_id) REFERENCES selection_stage (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE selection_member (
    agency_id    BIGINT    NOT NULL,
    id           BIGINT    NOT NULL,
    selection_id BIGINT    NOT NULL,
    code         TEXT      NOT NULL,
    name         TEXT      NOT NULL,
    user_id      BIGINT,
    kind         TEXT      NOT NULL,
    role         TEXT      NOT NULL,
    affiliation  TEXT      NOT NULL DEFAULT '',
    ethics_at    TIMESTAMP,
    PRIMARY KEY (agency_id, id),
    UNIQUE (agency_id, selection_id, code),
    UNIQUE (agency_id, selection_id, user_id),
    FOREIGN KEY (agency_id, selection_id) REFERENCES selection (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX selection_member_user ON selection_member (agency_id, user_id);

CREATE TABLE selection_candidate (
    agency_id        BIGINT    NOT NULL,
    id               BIGINT    NOT NULL,
    selection_id     BIGINT    NOT NULL,
    post_id          BIGINT    NOT NULL,
    reg_no           TEXT      NOT NULL,
    employee_id      BIGINT,
    status           TEXT      NOT NULL,
    registered_at    TIMESTAMP NOT NULL,
    name             TEXT      NOT NULL,
    gelar_depan      TEXT      NOT NULL DEFAULT '',
    gelar_belakang   TEXT      NOT NULL DEFAULT '',
    nip              TEXT      NOT NULL DEFAULT '',
    birth_place      TEXT      NOT NULL DEFAULT '',
    birth_date       DATE,
    email            TEXT      NOT NULL DEFAULT '',
    phone            TEXT      NOT NULL DEFAULT '',
    education        TEXT      NOT NULL DEFAULT '',
    graduation_year  INTEGER   NOT NULL DEFAULT 0,
    golongan         TEXT      NOT NULL DEFAULT '',
    tmt_golongan     DATE,
    current_position TEXT      NOT NULL DEFAULT '',
    eselon           TEXT      NOT NULL DEFAULT '',
    tmt_jabatan      DATE,
    agency_name      TEXT      NOT NULL DEFAULT '',
    tmt_pengangkatan DATE,
    verified         TEXT      NOT NULL DEFAULT '', -- comma-separated JSON names of verified profile fields
    admin_note       TEXT      NOT NULL DEFAULT '',
    admin_reasons    TEXT      NOT NULL DEFAULT '', -- JSON: the administrative check's result per requirement
    access_hash      TEXT      NOT NULL DEFAULT '', -- SHA-256 of the code an external applicant uploads corrections with
    PRIMARY KEY (agency_id, id),
    UNIQUE (agency_id, selection_id, reg_no),
    FOREIGN KEY (agency_id, selection_id) REFERENCES selection (agency_id, id) ON DELETE CASCADE,
    FOREIGN KEY (agency_id, post_id) REFERENCES selection_post (agency_id, id)
);
CREATE INDEX selection_candidate_selection ON selection_candidate (agency_id, selection_id, id);
CREATE INDEX selection_candidate_nip ON selection_candidate (agency_id, selection_id, nip);

CREATE TABLE selection_conflict (
    agency_id    BIGINT    NOT NULL,
    member_id    BIGINT    NOT NULL,
    candidate_id BIGINT    NOT NULL,
    selection_id BIGINT    NOT NULL,
    reason       TEXT      NOT NULL,
    declared_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, member_id, candidate_id),
    FOREIGN KEY (agency_id, member_id) REFERENCES selection_member (agency_id, id) ON DELETE CASCADE,
    FOREIGN KEY (agency_id, candidate_id) REFERENCES selection_candidate (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX selection_conflict_selection ON selection_conflict (agency_id, selection_id);

CREATE TABLE selection_document (
    agency_id           BIGINT    NOT NULL,
    id                  BIGINT    NOT NULL,
    candidate_id        BIGINT    NOT NULL,
    slot                TEXT      NOT NULL,
    status              TEXT      NOT NULL,
    file_name           TEXT      NOT NULL,
    content_type        TEXT      NOT NULL,
    size                BIGINT    NOT NULL,
    sha256              TEXT      NOT NULL,
    bytes               BYTEA     NOT NULL,
    uploaded_at         TIMESTAMP NOT NULL,
    note                TEXT      NOT NULL DEFAULT '',
    correction_deadline DATE,
    checked_by          TEXT      NOT NULL DEFAULT '',
    checked_at          TIMESTAMP,
    PRIMARY KEY (agency_id, id),
    UNIQUE (agency_id, candidate_id, slot),
    FOREIGN KEY (agency_id, candidate_id) REFERENCES selection_candidate (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE selection_score (
    agency_id    BIGINT    NOT NULL,
    stage_id     BIGINT    NOT NULL,
    candidate_id BIGINT    NOT NULL,
    member_id    BIGINT    NOT NULL,
    criterion    TEXT      NOT NULL,
    selection_id BIGINT    NOT NULL,
    value        BIGINT    NOT NULL,
    scored_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, stage_id, candidate_id, member_id, criterion),
    FOREIGN KEY (agency_id, stage_id, criterion) REFERENCES selection_criterion (agency_id, stage_id, code),
    FOREIGN KEY (agency_id, candidate_id) REFERENCES selection_candidate (agency_id, id) ON DELETE CASCADE,
    FOREIGN KEY (agency_id, member_id) REFERENCES selection_member (agency_id, id)
);

CREATE TABLE selection_result (
    agency_id    BIGINT NOT NULL,
    stage_id     BIGINT NOT NULL,
    candidate_id BIGINT NOT NULL,
    score        BIGINT NOT NULL,
    members      INTEGER NOT NULL,
    PRIMARY KEY (agency_id, stage_id, candidate_id),
    FOREIGN KEY (agency_id, stage_id) REFERENCES selection_stage (agency_id, id) ON DELETE CASCADE,
    FOREIGN KEY (agency_id, candidate_id) REFERENCES selection_candidate (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE selection_seal (
    agency_id    BIGINT    NOT NULL,
    stage_id     BIGINT    NOT NULL,
    seq          INTEGER   NOT NULL,
    selection_id BIGINT    NOT NULL,
    hash         TEXT      NOT NULL,
    previous     TEXT      NOT NULL DEFAULT '',
    canonical    BYTEA     NOT NULL,
    sealed_by    BIGINT    NOT NULL DEFAULT 0,
    sealed_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, stage_id, seq),
    FOREIGN KEY (agency_id, stage_id) REFERENCES selection_stage (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE selection_amendment (
    agency_id    BIGINT    NOT NULL,
    id           BIGINT    NOT NULL,
    stage_id     BIGINT    NOT NULL,
    selection_id BIGINT    NOT NULL,
    reason       TEXT      NOT NULL,
    before_text  TEXT      NOT NULL,
    after_text   TEXT      NOT NULL,
    seal_hash    TEXT      NOT NULL,
    amended_by   BIGINT    NOT NULL DEFAULT 0,
    amended_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, id),
    FOREIGN KEY (agency_id, stage_id) REFERENCES selection_stage (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX selection_amendment_selection ON selection_amendment (agency_id, selection_id, id);

CREATE TABLE selection_decision (
    agency_id    BIGINT    NOT NULL,
    post_id      BIGINT    NOT NULL,
    selection_id BIGINT    NOT NULL,
    candidate_id BIGINT    NOT NULL,
    reason       TEXT      NOT NULL,
    decided_by   BIGINT    NOT NULL DEFAULT 0,
    decided_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, post_id),
    FOREIGN KEY (agency_id, post_id) REFERENCES selection_post (agency_id, id) ON DELETE CASCADE,
    FOREIGN KEY (agency_id, candidate_id) REFERENCES selection_candidate (agency_id, id)
);

CREATE TABLE selection_comment (
    agency_id    BIGINT    NOT NULL,
    id           BIGINT    NOT NULL,
    selection_id BIGINT    NOT NULL,
    candidate_id BIGINT    NOT NULL,
    name         TEXT      NOT NULL,
    body         TEXT      NOT NULL,
    status       TEXT      NOT NULL,
    at           TIMESTAMP NOT NULL,
    moderated_by TEXT      NOT NULL DEFAULT '',
    moderated_at TIMESTAMP,
    PRIMARY KEY (agency_id, id),
    FOREIGN KEY (agency_id, candidate_id) REFERENCES selection_candidate (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX selection_comment_selection ON selection_comment (agency_id, selection_id, status, id);

-- +goose Down
DROP TABLE selection_comment;
DROP TABLE selection_decision;
DROP TABLE selection_amendment;
DROP TABLE selection_seal;
DROP TABLE selection_result;
DROP TABLE selection_score;
DROP TABLE selection_document;
DROP TABLE selection_conflict;
DROP TABLE selection_candidate;
DROP TABLE selection_member;
DROP TABLE selection_criterion;
DROP TABLE selection_stage;
DROP TABLE selection_post;
DROP TABLE selection;
