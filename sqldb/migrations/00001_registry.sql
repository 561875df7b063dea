-- The ASN registry. Written in the SQL that SQLite and PostgreSQL share.
--
-- Citus-readiness (see docs/architecture.md): every tenant table carries
-- agency_id, its primary key starts with agency_id, and foreign keys between
-- tenant tables include agency_id. ref_item, agency, app_user and the session
-- tables are global. IDs come from id_sequence, never from AUTOINCREMENT.

-- +goose Up
CREATE TABLE ref_item (
    kind    TEXT    NOT NULL,
    code    TEXT    NOT NULL,
    name    TEXT    NOT NULL,
    name_en TEXT    NOT NULL DEFAULT '',
    grp     TEXT    NOT NULL DEFAULT '',
    extra   TEXT    NOT NULL DEFAULT '',
    ordinal INTEGER NOT NULL DEFAULT 0,
    aliases TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (kind, code)
);

CREATE TABLE id_sequence (
    name    TEXT   PRIMARY KEY,
    next_id BIGINT NOT NULL
);

CREATE TABLE agency (
    id         BIGINT    PRIMARY KEY,
    code       TEXT      NOT NULL UNIQUE,
    name       TEXT      NOT NULL,
    kind       TEXT      NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE unit (
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    id        BIGINT NOT NULL,
    parent_id BIGINT,
    name      TEXT   NOT NULL,
    PRIMARY KEY (agency_id, id),
    FOREIGN KEY (agency_id, parent_id) REFERENCES unit (agency_id, id)
);
CREATE INDEX unit_parent ON unit (agency_id, parent_id);

CREATE TABLE position (
    agency_id     BIGINT  NOT NULL REFERENCES agency (id),
    id            BIGINT  NOT NULL,
    unit_id       BIGINT  NOT NULL,
    name          TEXT    NOT NULL,
    jenis         TEXT    NOT NULL,
    jenjang       TEXT    NOT NULL DEFAULT '',
    kelas_jabatan INTEGER NOT NULL DEFAULT 0,
    critical      BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (agency_id, id),
    UNIQUE (agency_id, unit_id, name),
    FOREIGN KEY (agency_id, unit_id) REFERENCES unit (agency_id, id)
);

CREATE TABLE employee (
    agency_id      BIGINT    NOT NULL REFERENCES agency (id),
    id             BIGINT    NOT NULL,
    nip            TEXT      NOT NULL,
    name           TEXT      NOT NULL,
    name_search    TEXT      NOT NULL,
    gelar_depan    TEXT      NOT NULL DEFAULT '',
    gelar_belakang TEXT      NOT NULL DEFAULT '',
    birth_place    TEXT      NOT NULL DEFAULT '',
    birth_date     DATE      NOT NULL,
    sex            TEXT      NOT NULL,
    religion       TEXT      NOT NULL,
    status         TEXT      NOT NULL,
    tmt_cpns       DATE,
    golongan       TEXT      NOT NULL,
    tmt_golongan   DATE,
    unit_id        BIGINT,
    position_id    BIGINT,
    tmt_jabatan    DATE,
    education      TEXT      NOT NULL,
    email          TEXT      NOT NULL DEFAULT '',
    phone          TEXT      NOT NULL DEFAULT '',
    updated_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, id),
    UNIQUE (agency_id, nip),
    FOREIGN KEY (agency_id, unit_id) REFERENCES unit (agency_id, id),
    FOREIGN KEY (agency_id, position_id) REFERENCES position (agency_id, id)
);
-- The list page walks one of these in order and stops after a page, so its
-- cost does not grow with the agency (see sqldb.EmployeeListQuery).
CREATE INDEX employee_name ON employee (agency_id, name_search, id);
CREATE INDEX employee_unit ON employee (agency_id, unit_id, name_search, id);
CREATE INDEX employee_golongan ON employee (agency_id, golongan, name_search, id);
CREATE INDEX employee_status ON employee (agency_id, status, name_search, id);
CREATE INDEX employee_birth ON employee (agency_id, birth_date, name_search, id);
CREATE INDEX employee_tmt_golongan ON employee (agency_id, tmt_golongan, name_search, id);

CREATE TABLE employee_history (
    agency_id   BIGINT    NOT NULL,
    id          BIGINT    NOT NULL,
    employee_id BIGINT    NOT NULL,
    kind        TEXT      NOT NULL,
    ref         TEXT      NOT NULL DEFAULT '',
    title       TEXT      NOT NULL DEFAULT '',
    place       TEXT      NOT NULL DEFAULT '',
    start_date  DATE,
    end_date    DATE,
    hours       INTEGER   NOT NULL DEFAULT 0,
    doc_number  TEXT      NOT NULL DEFAULT '',
    doc_date    DATE,
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, id),
    FOREIGN KEY (agency_id, employee_id) REFERENCES employee (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX employee_history_employee ON employee_history (agency_id, employee_id, kind);

CREATE TABLE app_user (
    id            BIGINT    PRIMARY KEY,
    username      TEXT      NOT NULL UNIQUE,
    name          TEXT      NOT NULL,
    password_hash TEXT      NOT NULL,
    disabled      BOOLEAN   NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMP NOT NULL
);

CREATE TABLE user_grant (
    user_id   BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    agency_id BIGINT NOT NULL REFERENCES agency (id),
    role      TEXT   NOT NULL,
    PRIMARY KEY (user_id, agency_id, role)
);

CREATE TABLE user_session (
    token_hash TEXT      PRIMARY KEY,
    user_id    BIGINT    NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    lang       TEXT      NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    seen_at    TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX user_session_user ON user_session (user_id);

-- Reference data (regulations.md §7). Aliases are other spellings accepted on import.
INSERT INTO ref_item (kind, code, name, name_en, grp, extra, ordinal, aliases) VALUES
('agency_kind', 'PUSAT', 'Instansi Pusat', 'Central agency', '', '', 1, 'kementerian|lembaga|ministry'),
('agency_kind', 'PROVINSI', 'Pemerintah Provinsi', 'Province', '', '', 2, 'pemprov|province'),
('agency_kind', 'KABUPATEN', 'Pemerintah Kabupaten', 'Regency', '', '', 3, 'pemkab|regency'),
('agency_kind', 'KOTA', 'Pemerintah Kota', 'City', '', '', 4, 'pemkot|city'),

('golongan', 'I/a', 'I/a', '', 'PNS', 'Juru Muda', 11, '1a|11'),
('golongan', 'I/b', 'I/b', '', 'PNS', 'Juru Muda Tingkat I', 12, '1b|12'),
('golongan', 'I/c', 'I/c', '', 'PNS', 'Juru', 13, '1c|13'),
('golongan', 'I/d', 'I/d', '', 'PNS', 'Juru Tingkat I', 14, '1d|14'),
('golongan', 'II/a', 'II/a', '', 'PNS', 'Pengatur Muda', 21, '2a|21'),
('golongan', 'II/b', 'II/b', '', 'PNS', 'Pengatur Muda Tingkat I', 22, '2b|22'),
('golongan', 'II/c', 'II/c', '', 'PNS', 'Pengatur', 23, '2c|23'),
('golongan', 'II/d', 'II/d', '', 'PNS', 'Pengatur Tingkat I', 24, '2d|24'),
('golongan', 'III/a', 'III/a', '', 'PNS', 'Penata Muda', 31, '3a|31'),
('golongan', 'III/b', 'III/b', '', 'PNS', 'Penata Muda Tingkat I', 32, '3b|32'),
('golongan', 'III/c', 'III/c', '', 'PNS', 'Penata', 33, '3c|33'),
('golongan', 'III/d', 'III/d', '', 'PNS', 'Penata Tingkat I', 34, '3d|34'),
('golongan', 'IV/a', 'IV/a', '', 'PNS', 'Pembina', 41, '4a|41'),
('golongan', 'IV/b', 'IV/b', '', 'PNS', 'Pembina Tingkat I', 42, '4b|42'),
('golongan', 'IV/c', 'IV/c', '', 'PNS', 'Pembina Utama Muda', 43, '4c|43'),
('golongan', 'IV/d', 'IV/d', '', 'PNS', 'Pembina Utama Madya', 44, '4d|44'),
('golongan', 'IV/e', 'IV/e', '', 'PNS', 'Pembina Utama', 45, '4e|45'),
('golongan', 'I', 'I', '', 'PPPK', 'PPPK Golongan I', 101, 'pppk i'),
('golongan', 'II', 'II', '', 'PPPK', 'PPPK Golongan II', 102, 'pppk ii'),
('golongan', 'III', 'III', '', 'PPPK', 'PPPK Golongan III', 103, 'pppk iii'),
('golongan', 'IV', 'IV', '', 'PPPK', 'PPPK Golongan IV', 104, 'pppk iv'),
('golongan', 'V', 'V', '', 'PPPK', 'PPPK Golongan V', 105, 'pppk v'),
('golongan', 'VI', 'VI', '', 'PPPK', 'PPPK Golongan VI', 106, 'pppk vi'),
('golongan', 'VII', 'VII', '', 'PPPK', 'PPPK Golongan VII', 107, 'pppk vii'),
('golongan', 'VIII', 'VIII', '', 'PPPK', 'PPPK Golongan VIII', 108, 'pppk viii'),
('golongan', 'IX', 'IX', '', 'PPPK', 'PPPK Golongan IX', 109, 'pppk ix'),
('golongan', 'X', 'X', '', 'PPPK', 'PPPK Golongan X', 110, 'pppk x'),
('golongan', 'XI', 'XI', '', 'PPPK', 'PPPK Golongan XI', 111, 'pppk xi'),
('golongan', 'XII', 'XII', '', 'PPPK', 'PPPK Golongan XII', 112, 'pppk xii'),
('golongan', 'XIII', 'XIII', '', 'PPPK', 'PPPK Golongan XIII', 113, 'pppk xiii'),
('golongan', 'XIV', 'XIV', '', 'PPPK', 'PPPK Golongan XIV', 114, 'pppk xiv'),
('golongan', 'XV', 'XV', '', 'PPPK', 'PPPK Golongan XV', 115, 'pppk xv'),
('golongan', 'XVI', 'XVI', '', 'PPPK', 'PPPK Golongan XVI', 116, 'pppk xvi'),
('golongan', 'XVII', 'XVII', '', 'PPPK', 'PPPK Golongan XVII', 117, 'pppk xvii'),

('jenis_jabatan', 'JPT_UTAMA', 'JPT Utama', 'Senior executive (utama)', 'JPT', '', 9, 'jabatan pimpinan tinggi utama'),
('jenis_jabatan', 'JPT_MADYA', 'JPT Madya', 'Senior executive (madya)', 'JPT', '', 8, 'jabatan pimpinan tinggi madya|eselon i'),
('jenis_jabatan', 'JPT_PRATAMA', 'JPT Pratama', 'Senior executive (pratama)', 'JPT', '', 7, 'jabatan pimpinan tinggi pratama|eselon ii'),
('jenis_jabatan', 'ADMINISTRATOR', 'Administrator', 'Administrator', 'JA', '', 6, 'jabatan administrator|eselon iii'),
('jenis_jabatan', 'PENGAWAS', 'Pengawas', 'Supervisor', 'JA', '', 5, 'jabatan pengawas|eselon iv'),
('jenis_jabatan', 'PELAKSANA', 'Pelaksana', 'Executor', 'JA', '', 2, 'jabatan pelaksana|fungsional umum|jfu'),
('jenis_jabatan', 'JF_KEAHLIAN', 'JF Keahlian', 'Functional (expert)', 'JF', '', 4, 'fungsional keahlian|jft keahlian|jabatan fungsional keahlian'),
('jenis_jabatan', 'JF_KETERAMPILAN', 'JF Keterampilan', 'Functional (skilled)', 'JF', '', 3, 'fungsional keterampilan|jft keterampilan|jabatan fungsional keterampilan'),

('jenjang_jabatan', 'AHLI_PERTAMA', 'Ahli Pertama', 'First expert', 'JF_KEAHLIAN', '', 5, ''),
('jenjang_jabatan', 'AHLI_MUDA', 'Ahli Muda', 'Junior expert', 'JF_KEAHLIAN', '', 6, ''),
('jenjang_jabatan', 'AHLI_MADYA', 'Ahli Madya', 'Middle expert', 'JF_KEAHLIAN', '', 7, ''),
('jenjang_jabatan', 'AHLI_UTAMA', 'Ahli Utama', 'Principal expert', 'JF_KEAHLIAN', '', 8, ''),
('jenjang_jabatan', 'PEMULA', 'Pemula', 'Beginner', 'JF_KETERAMPILAN', '', 1, ''),
('jenjang_jabatan', 'TERAMPIL', 'Terampil', 'Skilled', 'JF_KETERAMPILAN', '', 2, ''),
('jenjang_jabatan', 'MAHIR', 'Mahir', 'Advanced', 'JF_KETERAMPILAN', '', 3, ''),
('jenjang_jabatan', 'PENYELIA', 'Penyelia', 'Supervisor', 'JF_KETERAMPILAN', '', 4, ''),

('pendidikan', 'SD', 'SD', 'Primary school', '', '', 1, 'sekolah dasar'),
('pendidikan', 'SMP', 'SMP/SLTP', 'Junior high school', '', '', 2, 'sltp|mts'),
('pendidikan', 'SMA', 'SMA/SLTA', 'Senior high school', '', '', 3, 'slta|smk|ma|smu'),
('pendidikan', 'D1', 'D-I', 'Diploma I', '', '', 4, 'diploma i|di'),
('pendidikan', 'D2', 'D-II', 'Diploma II', '', '', 5, 'diploma ii|dii'),
('pendidikan', 'D3', 'D-III', 'Diploma III', '', '', 6, 'diploma iii|diii'),
('pendidikan', 'D4', 'D-IV', 'Diploma IV', '', '', 7, 'diploma iv|div'),
('pendidikan', 'S1', 'S-1', 'Bachelor', '', '', 8, 'sarjana|strata 1|strata i'),
('pendidikan', 'S2', 'S-2', 'Master', '', '', 9, 'magister|strata 2|strata ii'),
('pendidikan', 'S3', 'S-3', 'Doctorate', '', '', 10, 'doktor|strata 3|strata iii'),

('agama', 'ISLAM', 'Islam', 'Islam', '', '', 1, ''),
('agama', 'KRISTEN', 'Kristen', 'Protestant', '', '', 2, 'protestan|kristen protestan'),
('agama', 'KATOLIK', 'Katolik', 'Catholic', '', '', 3, 'katholik|kristen katolik'),
('agama', 'HINDU', 'Hindu', 'Hindu', '', '', 4, ''),
('agama', 'BUDDHA', 'Buddha', 'Buddhist', '', '', 5, 'budha|budhha'),
('agama', 'KONGHUCU', 'Konghucu', 'Confucian', '', '', 6, 'khonghucu|kong hu cu'),
('agama', 'LAINNYA', 'Lainnya', 'Other', '', '', 7, 'kepercayaan|lain-lain'),

('status_pegawai', 'PNS', 'PNS', 'Civil servant', 'PNS', '', 1, 'pegawai negeri sipil'),
('status_pegawai', 'CPNS', 'CPNS', 'Candidate civil servant', 'PNS', '', 2, 'calon pns|calon pegawai negeri sipil'),
('status_pegawai', 'PPPK', 'PPPK', 'Contract civil servant', 'PPPK', '', 3, 'p3k|pegawai pemerintah dengan perjanjian kerja'),
('status_pegawai', 'PPPK_PW', 'PPPK Paruh Waktu', 'Part-time contract civil servant', 'PPPK', '', 4, 'pppk paruh waktu|p3k paruh waktu'),

('jenis_diklat', 'KEPEMIMPINAN', 'Kepemimpinan', 'Leadership', '', '', 1, 'struktural|diklatpim|pim|pkp|pka|pkn'),
('jenis_diklat', 'FUNGSIONAL', 'Fungsional', 'Functional', '', '', 2, 'diklat fungsional'),
('jenis_diklat', 'TEKNIS', 'Teknis', 'Technical', '', '', 3, 'diklat teknis|kursus'),
('jenis_diklat', 'SEMINAR', 'Seminar/Workshop/Magang', 'Seminar/workshop/internship', '', '', 4, 'seminar|workshop|magang|lokakarya'),

('tingkat_hukdis', 'RINGAN', 'Ringan', 'Light', '', '', 1, ''),
('tingkat_hukdis', 'SEDANG', 'Sedang', 'Moderate', '', '', 2, ''),
('tingkat_hukdis', 'BERAT', 'Berat', 'Severe', '', '', 3, ''),

('hukdis', 'TEGURAN_LISAN', 'Teguran lisan', 'Oral reprimand', 'RINGAN', '', 1, ''),
('hukdis', 'TEGURAN_TERTULIS', 'Teguran tertulis', 'Written reprimand', 'RINGAN', '', 2, ''),
('hukdis', 'TIDAK_PUAS', 'Pernyataan tidak puas secara tertulis', 'Written statement of dissatisfaction', 'RINGAN', '', 3, 'pernyataan tidak puas'),
('hukdis', 'POTONG_TUKIN_6', 'Pemotongan tunjangan kinerja 25% selama 6 bulan', 'Performance allowance cut 25% for 6 months', 'SEDANG', '', 4, ''),
('hukdis', 'POTONG_TUKIN_9', 'Pemotongan tunjangan kinerja 25% selama 9 bulan', 'Performance allowance cut 25% for 9 months', 'SEDANG', '', 5, ''),
('hukdis', 'POTONG_TUKIN_12', 'Pemotongan tunjangan kinerja 25% selama 12 bulan', 'Performance allowance cut 25% for 12 months', 'SEDANG', '', 6, ''),
('hukdis', 'PENURUNAN_JABATAN', 'Penurunan jabatan setingkat lebih rendah selama 12 bulan', 'Demotion by one level for 12 months', 'BERAT', '', 7, ''),
('hukdis', 'PEMBEBASAN_JABATAN', 'Pembebasan dari jabatan menjadi pelaksana selama 12 bulan', 'Release to an executor post for 12 months', 'BERAT', '', 8, ''),
('hukdis', 'PEMBERHENTIAN', 'Pemberhentian dengan hormat tidak atas permintaan sendiri', 'Honourable dismissal not at own request', 'BERAT', '', 9, '');

-- +goose Down
DROP TABLE user_session;
DROP TABLE user_grant;
DROP TABLE app_user;
DROP TABLE employee_history;
DROP TABLE employee;
DROP TABLE position;
DROP TABLE unit;
DROP TABLE agency;
DROP TABLE id_sequence;
DROP TABLE ref_item;
