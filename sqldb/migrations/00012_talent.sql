-- Talent review (issue 5; regulations.md §4; package talent).
--
-- talent_rule holds the versions of an agency's rule set (talent.RuleSet as
--   JSON): axes, weights, thresholds, numbering scheme and recommended
--   actions. Version 0 is the built-in default and is not stored.
-- talent_review is one review cycle of an agency: the year, the latest
--   performance year read, the population (jenis jabatan, optionally
--   /jenjang), the rule version and scheme it ran under, and its counts.
-- talent_placement is each employee's computed place (levels, scores, box
--   and the explanation as JSON of talent.Point), with the unit, position,
--   jenis and golongan at the time of the review for the page's filters,
--   and the final place: the computed one until a locked calibration
--   session moves it (final_*, calibrated).
-- talent_session is a calibration session of the talent committee (komite
--   talenta) on one review; it ends locked, ditetapkan PPK (locked_by), and
--   keeps the distribution before and after it as JSON (set when locked).
-- talent_move is one move of a person between boxes in a session, with the
--   reason and the place before and after.

-- +goose Up
CREATE TABLE talent_rule (
    agency_id  BIGINT    NOT NULL REFERENCES agency (id),
    version    INTEGER   NOT NULL,
    rules      TEXT      NOT NULL,
    basis      TEXT      NOT NULL,
    created_by TEXT      NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, version)
);

CREATE TABLE talent_review (
    agency_id        BIGINT    NOT NULL REFERENCES agency (id),
    id               BIGINT    NOT NULL,
    year             INTEGER   NOT NULL,
    performance_year INTEGER   NOT NULL,
    name             TEXT      NOT NULL,
    population       TEXT      NOT NULL DEFAULT '',
    rule_version     INTEGER   NOT NULL,
    scheme           TEXT      NOT NULL,
    reviewed_on      DATE      NOT NULL,
    employees        INTEGER   NOT NULL DEFAULT 0,
    mapped           INTEGER   NOT NULL DEFAULT 0,
    created_by       TEXT      NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, id)
);
CREATE INDEX talent_review_year ON talent_review (agency_id, year, id);

CREATE TABLE talent_placement (
    agency_id         BIGINT   NOT NULL,
    review_id         BIGINT   NOT NULL,
    employee_id       BIGINT   NOT NULL,
    unit_id           BIGINT,
    position_id       BIGINT,
    jenis             TEXT     NOT NULL DEFAULT '',
    golongan          TEXT     NOT NULL DEFAULT '',
    mapped            BOOLEAN  NOT NULL,
    performance       SMALLINT NOT NULL,
    potential         SMALLINT NOT NULL,
    box               SMALLINT NOT NULL,
    performance_score INTEGER  NOT NULL,
    potential_score   INTEGER  NOT NULL,
    points            TEXT     NOT NULL,
    final_performance SMALLINT NOT NULL,
    final_potential   SMALLINT NOT NULL,
    final_box         SMALLINT NOT NULL,
    calibrated        BOOLEAN  NOT NULL DEFAULT FALSE,
    PRIMARY KEY (agency_id, review_id, employee_id),
    FOREIGN KEY (agency_id, review_id) REFERENCES talent_review (agency_id, id) ON DELETE CASCADE,
    FOREIGN KEY (agency_id, employee_id) REFERENCES employee (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX talent_placement_employee ON talent_placement (agency_id, employee_id);
-- The grid counts a review's final boxes and lists each box's first people
-- in rank order (sqldb.placementOrder) by walking this index.
CREATE INDEX talent_placement_rank ON talent_placement (agency_id, review_id, final_box, potential_score DESC, performance_score DESC, employee_id);

CREATE TABLE talent_session (
    agency_id    BIGINT    NOT NULL,
    id           BIGINT    NOT NULL,
    review_id    BIGINT    NOT NULL,
    name         TEXT      NOT NULL,
    held_on      DATE      NOT NULL,
    participants TEXT      NOT NULL DEFAULT '',
    locked       BOOLEAN   NOT NULL DEFAULT FALSE,
    decree       TEXT      NOT NULL DEFAULT '',
    distribution TEXT      NOT NULL DEFAULT '',
    locked_by    TEXT      NOT NULL DEFAULT '',
    locked_at    TIMESTAMP,
    created_by   TEXT      NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, id),
    FOREIGN KEY (agency_id, review_id) REFERENCES talent_review (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX talent_session_review ON talent_session (agency_id, review_id, id);

CREATE TABLE talent_move (
    agency_id        BIGINT    NOT NULL,
    id               BIGINT    NOT NULL,
    session_id       BIGINT    NOT NULL,
    employee_id      BIGINT    NOT NULL,
    from_performance SMALLINT  NOT NULL,
    from_potential   SMALLINT  NOT NULL,
    from_box         SMALLINT  NOT NULL,
    to_performance   SMALLINT  NOT NULL,
    to_potential     SMALLINT  NOT NULL,
    to_box           SMALLINT  NOT NULL,
    reason           TEXT      NOT NULL,
    moved_by         TEXT      NOT NULL,
    moved_at         TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, id),
    FOREIGN KEY (agency_id, session_id) REFERENCES talent_session (agency_id, id) ON DELETE CASCADE,
    FOREIGN KEY (agency_id, employee_id) REFERENCES employee (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX talent_move_session ON talent_move (agency_id, session_id, id);

-- +goose Down
DROP TABLE talent_move;
DROP TABLE talent_session;
DROP TABLE talent_placement;
DROP TABLE talent_review;
DROP TABLE talent_rule;
