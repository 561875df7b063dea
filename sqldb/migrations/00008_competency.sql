-- Competency and assessment (issue 4): the national competency dictionary of
-- PermenPANRB 38/2017 as seed data, the agency's technical competencies, the
-- standard (SKJ) of each position, the versioned JPM rule, assessment results
-- with a level per competency, and development records (coaching/mentoring
-- sessions, individual development plans).
--
-- competency and competency_level are global reference data (IDs 1–99 are
-- reserved for them, see competency.NationalMaxID); every other table is a
-- tenant table led by agency_id. Technical competency IDs come from
-- id_sequence starting at 100, so one ID space covers both, and a standard or
-- a result can name either without two foreign keys.
--
-- assessment.current marks each employee's newest assessment (by date, then
-- ID); the store keeps it right on every write, so streaming the actual
-- levels of a whole agency is one join without a per-employee subquery.

-- +goose Up
CREATE TABLE competency (
    id         BIGINT  PRIMARY KEY,
    code       TEXT    NOT NULL UNIQUE,
    kind       TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    name_en    TEXT    NOT NULL DEFAULT '',
    definition TEXT    NOT NULL DEFAULT '',
    ordinal    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE competency_level (
    competency_id BIGINT  NOT NULL REFERENCES competency (id),
    level         INTEGER NOT NULL,
    description   TEXT    NOT NULL,
    PRIMARY KEY (competency_id, level)
);

CREATE TABLE technical_competency (
    agency_id   BIGINT NOT NULL REFERENCES agency (id),
    id          BIGINT NOT NULL,
    code        TEXT   NOT NULL,
    name        TEXT   NOT NULL,
    description TEXT   NOT NULL DEFAULT '',
    levels      TEXT   NOT NULL DEFAULT '[]', -- JSON array: description of level 1..5
    PRIMARY KEY (agency_id, id),
    UNIQUE (agency_id, code)
);

CREATE TABLE competency_standard (
    agency_id     BIGINT  NOT NULL,
    position_id   BIGINT  NOT NULL,
    competency_id BIGINT  NOT NULL,
    level         INTEGER NOT NULL,
    PRIMARY KEY (agency_id, position_id, competency_id),
    FOREIGN KEY (agency_id, position_id) REFERENCES position (agency_id, id)
);

CREATE TABLE jpm_rule (
    agency_id       BIGINT    NOT NULL REFERENCES agency (id),
    version         INTEGER   NOT NULL,
    meets_min       INTEGER   NOT NULL,
    still_meets_min INTEGER   NOT NULL,
    basis           TEXT      NOT NULL,
    unverified      BOOLEAN   NOT NULL,
    created_by      TEXT      NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, version)
);

CREATE TABLE assessment (
    agency_id      BIGINT           NOT NULL,
    id             BIGINT           NOT NULL,
    employee_id    BIGINT           NOT NULL,
    assessed_on    DATE             NOT NULL,
    body           TEXT             NOT NULL,
    potential      DOUBLE PRECISION NOT NULL,
    recommendation TEXT             NOT NULL DEFAULT '',
    current        BOOLEAN          NOT NULL DEFAULT FALSE,
    created_at     TIMESTAMP        NOT NULL,
    PRIMARY KEY (agency_id, id),
    FOREIGN KEY (agency_id, employee_id) REFERENCES employee (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX assessment_employee ON assessment (agency_id, employee_id, assessed_on);
CREATE INDEX assessment_date ON assessment (agency_id, assessed_on, id);

CREATE TABLE assessment_level (
    agency_id     BIGINT  NOT NULL,
    assessment_id BIGINT  NOT NULL,
    competency_id BIGINT  NOT NULL,
    level         INTEGER NOT NULL,
    PRIMARY KEY (agency_id, assessment_id, competency_id),
    FOREIGN KEY (agency_id, assessment_id) REFERENCES assessment (agency_id, id) ON DELETE CASCADE
);

CREATE TABLE development_session (
    agency_id   BIGINT    NOT NULL,
    id          BIGINT    NOT NULL,
    employee_id BIGINT    NOT NULL,
    kind        TEXT      NOT NULL,
    held_on     DATE      NOT NULL,
    coach       TEXT      NOT NULL,
    topic       TEXT      NOT NULL,
    notes       TEXT      NOT NULL DEFAULT '',
    hours       INTEGER   NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, id),
    FOREIGN KEY (agency_id, employee_id) REFERENCES employee (agency_id, id) ON DELETE CASCADE
);
CREATE INDEX development_session_employee ON development_session (agency_id, employee_id, held_on);

CREATE TABLE development_plan (
    agency_id   BIGINT    NOT NULL,
    id          BIGINT    NOT NULL,
    employee_id BIGINT    NOT NULL,
    year        INTEGER   NOT NULL,
    goal        TEXT      NOT NULL,
    activities  TEXT      NOT NULL, -- JSON array of competency.Activity
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (agency_id, id),
    UNIQUE (agency_id, employee_id, year),
    FOREIGN KEY (agency_id, employee_id) REFERENCES employee (agency_id, id) ON DELETE CASCADE
);

INSERT INTO id_sequence (name, next_id) VALUES ('technical_competency', 100) ON CONFLICT (name) DO NOTHING;

-- PermenPANRB 38/2017 Lampiran: the eight managerial competencies and the
-- socio-cultural one. Level texts are the short level titles of the Lampiran
-- (abridged; each level's indicators are in the regulation) [P: to be checked
-- against the official text, see docs/decisions.md "Competency dictionary"].
INSERT INTO competency (id, code, kind, name, name_en, definition, ordinal) VALUES
(1, 'integritas', 'manajerial', 'Integritas', 'Integrity', 'Konsisten berperilaku selaras dengan nilai, norma dan/atau etika organisasi, jujur dalam hubungan dengan manajemen, rekan kerja, bawahan langsung, dan pemangku kepentingan.', 1),
(2, 'kerjasama', 'manajerial', 'Kerjasama', 'Teamwork', 'Kemampuan menjalin, membina, mempertahankan hubungan kerja yang efektif, memiliki komitmen saling membantu dalam penyelesaian tugas, dan mengoptimalkan segala sumber daya untuk mencapai tujuan strategis organisasi.', 2),
(3, 'komunikasi', 'manajerial', 'Komunikasi', 'Communication', 'Kemampuan menerangkan pandangan dan gagasan secara jelas, sistematis disertai argumentasi yang logis dengan cara yang sesuai baik secara lisan maupun tertulis; memastikan pemahaman; mendengarkan secara aktif dan efektif.', 3),
(4, 'orientasi-hasil', 'manajerial', 'Orientasi pada Hasil', 'Results orientation', 'Kemampuan mempertahankan komitmen pribadi yang tinggi untuk menyelesaikan tugas, dapat diandalkan, bertanggung jawab, mampu secara sistematis mengidentifikasi risiko dan peluang dengan memperhatikan keterhubungan antara perencanaan dan hasil.', 4),
(5, 'pelayanan-publik', 'manajerial', 'Pelayanan Publik', 'Public service', 'Kemampuan dalam melaksanakan tugas-tugas pemerintahan, pembangunan dan kegiatan pemenuhan kebutuhan pelayanan publik secara profesional, transparan, mengikuti standar pelayanan yang objektif, netral, tidak memihak, tidak diskriminatif.', 5),
(6, 'pengembangan-diri', 'manajerial', 'Pengembangan Diri dan Orang Lain', 'Developing self and others', 'Kemampuan untuk meningkatkan pengetahuan dan menyempurnakan keterampilan diri; menginspirasi orang lain untuk mengembangkan dan menyempurnakan pengetahuan dan keterampilan yang relevan dengan kerja dan pengembangan karir jangka panjang.', 6),
(7, 'mengelola-perubahan', 'manajerial', 'Mengelola Perubahan', 'Managing change', 'Kemampuan dalam menyesuaikan diri dengan situasi yang baru atau berubah dan tidak bergantung secara berlebihan pada metode dan proses lama, mengambil tindakan untuk mendukung dan melaksanakan insiatif perubahan, memimpin usaha perubahan, mengambil tanggung jawab pribadi untuk memastikan perubahan berhasil diimplementasikan secara efektif.', 7),
(8, 'pengambilan-keputusan', 'manajerial', 'Pengambilan Keputusan', 'Decision making', 'Kemampuan membuat keputusan yang baik secara tepat waktu dan dengan keyakinan diri setelah mempertimbangkan prinsip kehati-hatian, dirumuskan secara sistematis dan seksama berdasarkan berbagai informasi, alternatif pemecahan masalah dan konsekuensinya, serta bertanggung jawab atas keputusan yang diambil.', 8),
(9, 'perekat-bangsa', 'sosial_kultural', 'Perekat Bangsa', 'National unity', 'Kemampuan dalam mempromosikan sikap toleransi, keterbukaan, peka terhadap perbedaan individu/kelompok masyarakat; mampu menjadi perpanjangan tangan pemerintah dalam mempersatukan masyarakat dan membangun hubungan sosial psikologis dengan masyarakat di tengah kemajemukan Indonesia sehingga menciptakan kelekatan yang kuat antara ASN dan para pemangku kepentingan serta diantara para pemangku kepentingan itu sendiri; menjaga, mengembangkan, dan mewujudkan rasa persatuan dan kesatuan dalam kehidupan bermasyarakat, berbangsa dan bernegara Indonesia.', 9);

INSERT INTO competency_level (competency_id, level, description) VALUES
(1, 1, 'Mampu bertindak sesuai nilai, norma, etika organisasi dalam kapasitas pribadi'),
(1, 2, 'Mampu mengingatkan, mengajak rekan kerja untuk bertindak sesuai nilai, norma, dan etika organisasi'),
(1, 3, 'Mampu memastikan, menanamkan keyakinan bersama agar anggota yang dipimpin bertindak sesuai nilai, norma, dan etika organisasi, dalam lingkup formal'),
(1, 4, 'Mampu menciptakan situasi kerja yang membuat rekan kerja mematuhi nilai, norma, dan etika organisasi dalam segala situasi dan kondisi'),
(1, 5, 'Mampu menjadi role model dalam penerapan standar keadilan dan etika di tingkat nasional'),
(2, 1, 'Berpartisipasi dalam kelompok kerja'),
(2, 2, 'Menumbuhkan tim kerja yang partisipatif dan efektif'),
(2, 3, 'Efektif membangun tim kerja untuk peningkatan kinerja organisasi'),
(2, 4, 'Membangun komitmen tim, sinergi'),
(2, 5, 'Menciptakan hubungan kerja yang kondusif dalam membentuk sinergi lintas instansi'),
(3, 1, 'Menyampaikan informasi dengan jelas, lengkap, pemahaman yang sama'),
(3, 2, 'Aktif menjalankan komunikasi secara formal dan informal; bersedia mendengarkan orang lain, menginterpretasikan pesan dengan respon yang sesuai'),
(3, 3, 'Berkomunikasi secara asertif, terampil berkomunikasi lisan/tertulis untuk menyampaikan informasi yang sensitif/rumit/kompleks'),
(3, 4, 'Mampu mengemukakan pemikiran multidimensi secara lisan dan tertulis untuk mendorong kesepakatan dengan tujuan meningkatkan kinerja secara keseluruhan'),
(3, 5, 'Menggagas sistem komunikasi yang terbuka secara strategis untuk mencari solusi dengan tujuan meningkatkan kinerja'),
(4, 1, 'Bertanggung jawab untuk memenuhi standar kerja'),
(4, 2, 'Berupaya meningkatkan hasil kerja pribadi yang lebih tinggi dari standar yang ditetapkan, mencari, mencoba metode alternatif untuk peningkatan kinerja'),
(4, 3, 'Menetapkan target kerja yang menantang bagi unit kerja, memberi apresiasi dan teguran untuk mendorong kinerja'),
(4, 4, 'Mendorong unit kerja mencapai target yang ditetapkan atau melebihi hasil kerja sebelumnya'),
(4, 5, 'Menciptakan situasi kerja yang membuat seluruh jajaran memberikan kinerja terbaik secara berkelanjutan'),
(5, 1, 'Menjalankan tugas mengikuti standar pelayanan'),
(5, 2, 'Mampu mensupervisi/mengawasi dan menjelaskan proses pelaksanaan tugas pemerintahan/pelayanan publik secara transparan'),
(5, 3, 'Mampu memanfaatkan kekuatan kelompok serta memperbaiki standar pelayanan publik di lingkup unit kerja'),
(5, 4, 'Mampu memonitor, mengevaluasi dan mengantisipasi dampak isu jangka panjang dalam pelayanan kebutuhan pemangku kepentingan yang transparan, objektif dan profesional'),
(5, 5, 'Mampu memastikan kebijakan pelayanan publik yang objektif, netral, tidak memihak, tidak diskriminatif, serta tidak terpengaruh kepentingan pribadi/kelompok/partai politik'),
(6, 1, 'Pengembangan diri'),
(6, 2, 'Meningkatkan kemampuan bawahan dengan memberikan contoh dan penjelasan cara melaksanakan suatu pekerjaan'),
(6, 3, 'Memberikan umpan balik, membimbing'),
(6, 4, 'Menyusun program pengembangan jangka panjang dalam rangka mendorong manajemen pembelajaran'),
(6, 5, 'Menciptakan situasi yang mendorong organisasi untuk mengembangkan kemampuan belajar secara berkelanjutan'),
(7, 1, 'Menyadari perlunya perubahan dan mau mempelajari hal-hal baru'),
(7, 2, 'Proaktif beradaptasi mengikuti perubahan'),
(7, 3, 'Membantu orang lain mengikuti perubahan, mengantisipasi perubahan secara tepat'),
(7, 4, 'Memimpin perubahan pada unit kerja'),
(7, 5, 'Mengarahkan perubahan pada tingkat organisasi'),
(8, 1, 'Mengumpulkan informasi untuk bertindak sesuai kewenangan'),
(8, 2, 'Menganalisis masalah secara mendalam'),
(8, 3, 'Membandingkan berbagai alternatif, menyeimbangkan risiko keberhasilan dalam implementasi'),
(8, 4, 'Menyelesaikan masalah yang mengandung risiko tinggi, mengantisipasi dampak keputusan, membuat tindakan pengamanan, mitigasi risiko'),
(8, 5, 'Menghasilkan solusi dan mengambil keputusan untuk mengatasi permasalahan jangka panjang/strategis, berdampak nasional'),
(9, 1, 'Peka memahami dan menerima kemajemukan'),
(9, 2, 'Aktif mengembangkan sikap saling menghargai, menekankan persamaan dan persatuan'),
(9, 3, 'Mempromosikan, mengembangkan sikap toleransi dan persatuan'),
(9, 4, 'Mendayagunakan perbedaan secara konstruktif dan kreatif untuk meningkatkan efektivitas organisasi'),
(9, 5, 'Wakil pemerintah untuk membangun hubungan sosial psikologis');

-- +goose Down
DELETE FROM id_sequence WHERE name = 'technical_competency';
DROP TABLE development_plan;
DROP TABLE development_session;
DROP TABLE assessment_level;
DROP TABLE assessment;
DROP TABLE jpm_rule;
DROP TABLE competency_standard;
DROP TABLE technical_competency;
DROP TABLE competency_level;
DROP TABLE competency;
