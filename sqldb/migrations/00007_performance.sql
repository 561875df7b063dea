-- Performance management (regulations.md §6): SKP results per employee and
-- period, the organisation predikat of a unit per year, and the instruments
-- as data (angka kredit coefficients and percentages, the distribution curve).
--
-- skp holds both schemes in one shape (package performance, type SKP):
--   scheme '2022'   PermenPANRB 6/2022: hasil_kerja and the seven BerAKHLAK
--                   ratings (berakhlak, comma-separated in the fixed order of
--                   performance.Values), perilaku derived from them, predikat
--                   by the §6.1 matrix;
--   scheme 'LEGACY' numeric SKP before 2022 (§6.2): legacy_score is the nilai
--                   SKP in hundredths (0..12000), predikat its band.
-- period is TAHUNAN, TW1..TW4 (triwulan) or B01..B12 (bulan). predikat is
-- stored (not only derived) so lists and IP ASN filter and count by it.
-- months and jenjang are those the angka kredit is computed from: months in
-- the position during the period, and the JF jenjang held (empty otherwise).
-- rater_id is the pejabat penilai's employee record when he is in the agency
-- (no foreign key: a rater who leaves must not block or erase the SKP);
-- rater_nip and rater_name keep who it was, also for raters from elsewhere.
-- rater_override says the rater was chosen instead of the default superior.

-- +goose Up
CREATE TABLE skp (
    agency_id         BIGINT    NOT NULL REFERENCES agency (id),
    id                BIGINT    NOT NULL,
    employee_id       BIGINT    NOT NULL,
    year              INTEGER   NOT NULL,
    period            TEXT      NOT NULL,
    scheme            TEXT      NOT NULL,
    hasil_kerja       TEXT      NOT NULL DEFAULT '',
    berakhlak         TEXT      NOT NULL DEFAULT '',
    perilaku          TEXT      NOT NULL DEFAULT '',
    legacy_score      INTEGER   NOT NULL DEFAULT 0,
    legacy_innovation BOOLEAN   NOT NULL DEFAULT FALSE,
    predikat          TEXT      NOT NULL,
    months            INTEGER   NOT NULL DEFAULT 12,
    jenjang           TEXT      NOT NULL DEFAULT '',
    rater_id          BIGINT    NULL,
    rater_nip         TEXT      NOT NULL DEFAULT '',
    rater_name        TEXT      NOT NULL DEFAULT '',
    rater_override    BOOLEAN   NOT NULL DEFAULT FALSE,
    note              TEXT      NOT NULL DEFAULT '',
    source            TEXT      NOT NULL DEFAULT '',
    rated_by          TEXT      NOT NULL DEFAULT '',
    updated_at        TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, id),
    UNIQUE (agency_id, employee_id, year, period),
    FOREIGN KEY (agency_id, employee_id) REFERENCES employee (agency_id, id) ON DELETE CASCADE
);
-- The agency's list for a period (and the annual predikat IP ASN reads).
CREATE INDEX skp_period ON skp (agency_id, year, period, predikat, employee_id);
CREATE INDEX skp_rater ON skp (agency_id, rater_id, year);

-- Predikat kinerja organisasi of a unit for a year (annual).
CREATE TABLE skp_unit (
    agency_id  BIGINT    NOT NULL REFERENCES agency (id),
    unit_id    BIGINT    NOT NULL,
    year       INTEGER   NOT NULL,
    predikat   TEXT      NOT NULL,
    set_by     TEXT      NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, unit_id, year),
    FOREIGN KEY (agency_id, unit_id) REFERENCES unit (agency_id, id) ON DELETE CASCADE
);

-- Instruments (global, versioned by valid_from; the row in force for a year
-- is the latest valid_from on or before 1 January of that year).
-- Angka kredit per year of a JF jenjang, in hundredths (PermenPANRB 1/2023 Lampiran A).
CREATE TABLE ak_coefficient (
    jenjang     TEXT    NOT NULL,
    valid_from  DATE    NOT NULL,
    coefficient INTEGER NOT NULL,
    legal_basis TEXT    NOT NULL,
    verified    BOOLEAN NOT NULL,
    PRIMARY KEY (jenjang, valid_from)
);
-- Percentage of the coefficient earned per predikat (PermenPANRB 1/2023 Ps. 37).
CREATE TABLE ak_percentage (
    predikat    TEXT    NOT NULL,
    valid_from  DATE    NOT NULL,
    percent     INTEGER NOT NULL,
    legal_basis TEXT    NOT NULL,
    verified    BOOLEAN NOT NULL,
    PRIMARY KEY (predikat, valid_from)
);
-- Distribution curve: for a unit of a given organisation predikat, the share
-- (whole percent, inclusive) of its staff expected at each predikat. Only the
-- Lampiran's graphs are known (regulations.md §6.1 [I]): a departure is a soft
-- warning, never a quota.
CREATE TABLE skp_curve (
    org_predikat TEXT    NOT NULL,
    predikat     TEXT    NOT NULL,
    valid_from   DATE    NOT NULL,
    min_pct      INTEGER NOT NULL,
    max_pct      INTEGER NOT NULL,
    legal_basis  TEXT    NOT NULL,
    verified     BOOLEAN NOT NULL,
    PRIMARY KEY (org_predikat, predikat, valid_from)
);

INSERT INTO ak_coefficient (jenjang, valid_from, coefficient, legal_basis, verified) VALUES
('PEMULA',       '2023-01-01',  375, 'PermenPANRB 1/2023 Lampiran A', FALSE),
('TERAMPIL',     '2023-01-01',  500, 'PermenPANRB 1/2023 Lampiran A', FALSE),
('MAHIR',        '2023-01-01', 1250, 'PermenPANRB 1/2023 Lampiran A', FALSE),
('PENYELIA',     '2023-01-01', 2500, 'PermenPANRB 1/2023 Lampiran A', FALSE),
('AHLI_PERTAMA', '2023-01-01', 1250, 'PermenPANRB 1/2023 Lampiran A', FALSE),
('AHLI_MUDA',    '2023-01-01', 2500, 'PermenPANRB 1/2023 Lampiran A', FALSE),
('AHLI_MADYA',   '2023-01-01', 3750, 'PermenPANRB 1/2023 Lampiran A', FALSE),
('AHLI_UTAMA',   '2023-01-01', 5000, 'PermenPANRB 1/2023 Lampiran A', FALSE);

INSERT INTO ak_percentage (predikat, valid_from, percent, legal_basis, verified) VALUES
('SANGAT_BAIK',     '2023-01-01', 150, 'PermenPANRB 1/2023 Ps. 37', TRUE),
('BAIK',            '2023-01-01', 100, 'PermenPANRB 1/2023 Ps. 37', TRUE),
('BUTUH_PERBAIKAN', '2023-01-01',  75, 'PermenPANRB 1/2023 Ps. 37', TRUE),
('KURANG',          '2023-01-01',  50, 'PermenPANRB 1/2023 Ps. 37', TRUE),
('SANGAT_KURANG',   '2023-01-01',  25, 'PermenPANRB 1/2023 Ps. 37', TRUE);

INSERT INTO skp_curve (org_predikat, predikat, valid_from, min_pct, max_pct, legal_basis, verified) VALUES
('ISTIMEWA', 'SANGAT_BAIK',     '2022-01-01', 20,  60, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('ISTIMEWA', 'BAIK',            '2022-01-01', 40,  80, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('ISTIMEWA', 'BUTUH_PERBAIKAN', '2022-01-01',  0,  10, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('ISTIMEWA', 'KURANG',          '2022-01-01',  0,   5, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('ISTIMEWA', 'SANGAT_KURANG',   '2022-01-01',  0,   5, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('BAIK', 'SANGAT_BAIK',     '2022-01-01',  0,  20, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('BAIK', 'BAIK',            '2022-01-01', 60, 100, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('BAIK', 'BUTUH_PERBAIKAN', '2022-01-01',  0,  20, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('BAIK', 'KURANG',          '2022-01-01',  0,  10, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('BAIK', 'SANGAT_KURANG',   '2022-01-01',  0,   5, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('BUTUH_PERBAIKAN', 'SANGAT_BAIK',     '2022-01-01',  0, 10, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('BUTUH_PERBAIKAN', 'BAIK',            '2022-01-01', 30, 70, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('BUTUH_PERBAIKAN', 'BUTUH_PERBAIKAN', '2022-01-01', 20, 50, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('BUTUH_PERBAIKAN', 'KURANG',          '2022-01-01',  0, 20, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('BUTUH_PERBAIKAN', 'SANGAT_KURANG',   '2022-01-01',  0, 10, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('KURANG', 'SANGAT_BAIK',     '2022-01-01',  0,  5, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('KURANG', 'BAIK',            '2022-01-01', 10, 50, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('KURANG', 'BUTUH_PERBAIKAN', '2022-01-01', 20, 50, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('KURANG', 'KURANG',          '2022-01-01', 10, 40, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('KURANG', 'SANGAT_KURANG',   '2022-01-01',  0, 20, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('SANGAT_KURANG', 'SANGAT_BAIK',     '2022-01-01',  0,  5, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('SANGAT_KURANG', 'BAIK',            '2022-01-01',  0, 30, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('SANGAT_KURANG', 'BUTUH_PERBAIKAN', '2022-01-01', 20, 50, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('SANGAT_KURANG', 'KURANG',          '2022-01-01', 10, 40, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE),
('SANGAT_KURANG', 'SANGAT_KURANG',   '2022-01-01', 10, 40, 'PermenPANRB 6/2022 Lampiran (curve read from the graph; percentages unofficial)', FALSE);

-- +goose Down
DROP TABLE skp_curve;
DROP TABLE ak_percentage;
DROP TABLE ak_coefficient;
DROP TABLE skp_unit;
DROP TABLE skp;
