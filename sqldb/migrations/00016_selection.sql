-- Open selection of JPT posts (seleksi terbuka; issue 6; regulations.md §5;
-- package selection holds the rules, package sqldb only stores).
--
-- selection is one selection: its legal basis, level, registration window,
--   the rules it runs under (aggregation, tie rule, panel composition, extra
--   requirements, document slots) as JSON of the selection package's types,
--   and its status. Weights freeze when announced_at is set.
-- selection_post is a vacant post it fills (one or more).
-- selection_stage is the stage plan in order (seq from 1) with weight,
--   timeline and state; selection_criterion the scorecard of each stage.
-- selection_member is a panel member (pansel); user_id links the account of
--   a member who signs in with a pansel/asesor grant (NULL for a member who
--   does not), ethics_at when the code of ethics was accepted.
-- selection_conflict is a member's declared conflict of interest with one
--   candidate: it blocks that member from scoring that candidate.
-- selection_candidate is a registration: an internal employee (employee_id,
--   pre-filled from the registry) or an external applicant (profile fields),
--   with per-field verification (verified, JSON {field: true}) and the
--   administrative check (admin_status, admin_reasons as JSON).
-- selection_document is one uploaded document per slot of a candidate, kept
--   in the database (BYTEA: binary on PostgreSQL, blob affinity on SQLite)
--   with its SHA-256, verification status, note and correction deadline.
-- selection_score is one member's score of one candidate on one criterion of
--   one stage. selection_result is a stage's computed result per candidate
--   (aggregate, rank, passed), written when the stage is published.
-- selection_seal is the hash of a published stage's canonical file, chained
--   to the selection's previous seal; the canonical file itself is kept so
--   the public can download and recompute it. A change after publication is
--   a selection_amendment (with reason) followed by a new seal.
-- selection_decision is the PPK's choice of one of the top three of a post.
-- selection_comment is a public comment (uji publik) on a candidate, shown
--   to the panel once moderated (status approved).

-- +goose Up
CREATE TABLE selection (
    agency_id       BIGINT    NOT NULL REFERENCES agency (id),
    id              BIGINT    NOT NULL,
    title           TEXT      NOT NULL,
    level           TEXT      NOT NULL,
    legal_basis     TEXT      NOT NULL DEFAULT '',
    opens_on        DATE,
    closes_on       DATE,
    rules           TEXT      NOT NULL DEFAULT '',
    status          TEXT      NOT NULL,
    announced_at    TIMESTAMP,
    created_by      TEXT      NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, id)
);
CREATE INDEX selection_status ON selection (agency_id, status, id);

CREATE TABLE selection_post (
    agency_id    BIGINT NOT NULL,
    id           BIGINT NOT NULL,
    selection_id BIGINT NOT NULL,
    position_id  BIGINT,
    name         TEXT   NOT NULL,
    unit_name    TEXT   NOT NULL DEFAULT '',
    PRIMARY KEY (agency_id, id),
    FOREIGN KEY (agency_id, selection_id) REFERENCES selection (agency_id, id) ON DELETE CASCADE,
    FOREIGN KEY (agency_id, position_id) REFERENCES position (agency_id, id)
);
CREATE INDEX selection_post_selection ON selection_post (agency_id, selection_id, id);

CREATE TABLE selection_stage (
    agency_id    BIGINT    NOT NULL,
    selection_id BIGINT    NOT NULL,
    seq          INTEGER   NOT NULL,
    kind         TEXT      NOT NULL,
    name         TEXT      NOT NULL DEFAULT '',
    weight       INTEGER   NOT NULL DEFAULT 0,
    starts_on    DATE,
    ends_on      DATE,
    state        TEXT      NOT NULL,
    published_at TIMESTAMP,
    PRIMARY KEY (agency_id, selection_id, seq),
    FOREIGN KEY (agency_id, selection_id) REFERENCES selection (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE selection_criterion (
    agency_id    BIGINT  NOT NULL,
    selection_id BIGINT  NOT NULL,
    stage_seq    INTEGER NOT NULL,
    code         TEXT    NOT NULL,
    seq          INTEGER NOT NULL,
    name         TEXT    NOT NULL,
    weight       INTEGER NOT NULL DEFAULT 0,
    max_score    DOUBLE PRECISION NOT NULL DEFAULT 100,
    PRIMARY KEY (agency_id, selection_id, stage_seq, code),
    FOREIGN KEY (agency_id, selection_id, stage_seq) REFERENCES selection_stage (agency_id, selection_id, seq) ON DELETE CASCADE
);

CREATE TABLE selection_member (
    agency_id    BIGINT    NOT NULL,
    id           BIGINT    NOT NULL,
    selection_id BIGINT    NOT NULL,
    user_id      BIGINT,
    name         TEXT      NOT NULL,
    kind         TEXT      NOT NULL,
    role         TEXT      NOT NULL DEFAULT '',
    institution  TEXT      NOT NULL DEFAULT '',
    ethics_at    TIMESTAMP,
    created_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, id),
    UNIQUE (agency_id, selection_id, user_id),
    FOREIGN KEY (agency_id, selection_id) REFERENCES selection (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX selection_member_selection ON selection_member (agency_id, selection_id, id);
CREATE INDEX selection_member_user ON selection_member (agency_id, user_id);

CREATE TABLE selection_candidate (
    agency_id      BIGINT    NOT NULL,
    id             BIGINT    NOT NULL,
    selection_id   BIGINT    NOT NULL,
    post_id        BIGINT    NOT NULL,
    registration   TEXT      NOT NULL,
    employee_id    BIGINT,
    nip            TEXT      NOT NULL DEFAULT '',
    name           TEXT      NOT NULL,
    email          TEXT      NOT NULL DEFAULT '',
    phone          TEXT      NOT NULL DEFAULT '',
    origin         TEXT      NOT NULL DEFAULT '',
    profile        TEXT      NOT NULL DEFAULT '',
    verified       TEXT      NOT NULL DEFAULT '',
    admin_status   TEXT      NOT NULL DEFAULT '',
    admin_reasons  TEXT      NOT NULL DEFAULT '',
    status         TEXT      NOT NULL,
    registered_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, id),
    UNIQUE (agency_id, selection_id, registration),
    FOREIGN KEY (agency_id, selection_id) REFERENCES selection (agency_id, id) ON DELETE CASCADE,
    FOREIGN KEY (agency_id, post_id) REFERENCES selection_post (agency_id, id)
);
CREATE INDEX selection_candidate_selection ON selection_candidate (agency_id, selection_id, id);
CREATE INDEX selection_candidate_nip ON selection_candidate (agency_id, selection_id, nip);

CREATE TABLE selection_conflict (
    agency_id    BIGINT    NOT NULL,
    member_id    BIGINT    NOT NULL,
    candidate_id BIGINT    NOT NULL,
    reason       TEXT      NOT NULL,
    declared_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, member_id, candidate_id),
    FOREIGN KEY (agency_id, member_id) REFERENCES selection_member (agency_id, id) ON DELETE CASCADE,
    FOREIGN KEY (agency_id, candidate_id) REFERENCES selection_candidate (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE selection_document (
    agency_id      BIGINT    NOT NULL,
    id             BIGINT    NOT NULL,
    candidate_id   BIGINT    NOT NULL,
    slot           TEXT      NOT NULL,
    file_name      TEXT      NOT NULL,
    content_type   TEXT      NOT NULL,
    size           BIGINT    NOT NULL,
    sha256         TEXT      NOT NULL,
    bytes          BYTEA     NOT NULL,
    status         TEXT      NOT NULL,
    note           TEXT      NOT NULL DEFAULT '',
    correction_due DATE,
    uploaded_at    TIMESTAMP NOT NULL,
    checked_by     TEXT      NOT NULL DEFAULT '',
    checked_at     TIMESTAMP,
    PRIMARY KEY (agency_id, id),
    UNIQUE (agency_id, candidate_id, slot),
    FOREIGN KEY (agency_id, candidate_id) REFERENCES selection_candidate (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE selection_score (
    agency_id    BIGINT           NOT NULL,
    selection_id BIGINT           NOT NULL,
    stage_seq    INTEGER          NOT NULL,
    candidate_id BIGINT           NOT NULL,
    member_id    BIGINT           NOT NULL,
    criterion    TEXT             NOT NULL,
    value        DOUBLE PRECISION NOT NULL,
    scored_at    TIMESTAMP        NOT NULL,
    PRIMARY KEY (agency_id, selection_id, stage_seq, candidate_id, member_id, criterion),
    FOREIGN KEY (agency_id, selection_id, stage_seq, criterion) REFERENCES selection_criterion (agency_id, selection_id, stage_seq, code),
    FOREIGN KEY (agency_id, candidate_id) REFERENCES selection_candidate (agency_id, id) ON DELETE CASCADE,
    FOREIGN KEY (agency_id, member_id) REFERENCES selection_member (agency_id, id)
);

CREATE TABLE selection_result (
    agency_id    BIGINT           NOT NULL,
    selection_id BIGINT           NOT NULL,
    stage_seq    INTEGER          NOT NULL,
    candidate_id BIGINT           NOT NULL,
    score        DOUBLE PRECISION NOT NULL,
    rank         INTEGER          NOT NULL,
    passed       BOOLEAN          NOT NULL,
    PRIMARY KEY (agency_id, selection_id, stage_seq, candidate_id),
    FOREIGN KEY (agency_id, candidate_id) REFERENCES selection_candidate (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE selection_amendment (
    agency_id    BIGINT    NOT NULL,
    id           BIGINT    NOT NULL,
    selection_id BIGINT    NOT NULL,
    stage_seq    INTEGER   NOT NULL,
    reason       TEXT      NOT NULL,
    changes      TEXT      NOT NULL,
    amended_by   TEXT      NOT NULL DEFAULT '',
    amended_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, id),
    FOREIGN KEY (agency_id, selection_id) REFERENCES selection (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX selection_amendment_selection ON selection_amendment (agency_id, selection_id, id);

CREATE TABLE selection_seal (
    agency_id    BIGINT    NOT NULL,
    selection_id BIGINT    NOT NULL,
    seq          INTEGER   NOT NULL,
    stage_seq    INTEGER   NOT NULL,
    amendment_id BIGINT,
    hash         TEXT      NOT NULL,
    prev_hash    TEXT      NOT NULL,
    canonical    BYTEA     NOT NULL,
    sealed_by    TEXT      NOT NULL DEFAULT '',
    sealed_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, selection_id, seq),
    FOREIGN KEY (agency_id, selection_id) REFERENCES selection (agency_id, id) ON DELETE CASCADE,
    FOREIGN KEY (agency_id, amendment_id) REFERENCES selection_amendment (agency_id, id)
);
CREATE INDEX selection_seal_stage ON selection_seal (agency_id, selection_id, stage_seq, seq);

CREATE TABLE selection_decision (
    agency_id    BIGINT    NOT NULL,
    selection_id BIGINT    NOT NULL,
    post_id      BIGINT    NOT NULL,
    candidate_id BIGINT    NOT NULL,
    reason       TEXT      NOT NULL,
    decided_by   TEXT      NOT NULL DEFAULT '',
    decided_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, selection_id, post_id),
    FOREIGN KEY (agency_id, post_id) REFERENCES selection_post (agency_id, id) ON DELETE CASCADE,
    FOREIGN KEY (agency_id, candidate_id) REFERENCES selection_candidate (agency_id, id)
);

CREATE TABLE selection_comment (
    agency_id     BIGINT    NOT NULL,
    id            BIGINT    NOT NULL,
    selection_id  BIGINT    NOT NULL,
    candidate_id  BIGINT    NOT NULL,
    author        TEXT      NOT NULL,
    contact       TEXT      NOT NULL DEFAULT '',
    body          TEXT      NOT NULL,
    status        TEXT      NOT NULL,
    submitted_at  TIMESTAMP NOT NULL,
    moderated_by  TEXT      NOT NULL DEFAULT '',
    moderated_at  TIMESTAMP,
    note          TEXT      NOT NULL DEFAULT '',
    PRIMARY KEY (agency_id, id),
    FOREIGN KEY (agency_id, candidate_id) REFERENCES selection_candidate (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX selection_comment_selection ON selection_comment (agency_id, selection_id, status, id);

-- +goose Down
DROP TABLE selection_comment;
DROP TABLE selection_decision;
DROP TABLE selection_seal;
DROP TABLE selection_amendment;
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
