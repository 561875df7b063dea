-- Personal data of an employee that SIASN keeps and Merit lacked: the NIK
-- (Nomor Induk Kependudukan, 16 digits, checked by merit.checkNIK) and the
-- alamat domisili. Both optional, so existing rows and files stay valid.
-- Readers without registry.personal get them masked (merit.MaskPersonal).

-- +goose Up
ALTER TABLE employee ADD COLUMN nik TEXT NOT NULL DEFAULT '';
ALTER TABLE employee ADD COLUMN alamat TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE employee DROP COLUMN alamat;
ALTER TABLE employee DROP COLUMN nik;
