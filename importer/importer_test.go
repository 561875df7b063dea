package importer

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"merit"
	"merit/i18n"
	"merit/internal/testdb"
	"merit/sqldb"
	"merit/tabular"
)

// row is one data row of an employee file, in column order.
type row = [numColumns]string

// validRow returns a valid row for testdb.Employee(_, seq): a pelaksana in
// Bidang Mutasi below the agency's root unit.
func validRow(seq int) row {
	e := testdb.Employee(0, seq)
	p := &merit.Position{Name: "Pengadministrasi Kepegawaian", Jenis: "PELAKSANA", KelasJabatan: 6}
	e.TMTJabatan = merit.MustDate("2019-01-02")
	return values(e, "Bidang Mutasi", "Badan Kepegawaian dan Pengembangan SDM", p)
}

// with returns r with column c set to v.
func with(r row, c int, v string) row {
	r[c] = v
	return r
}

// file writes a header and rows in the format with the real writers.
func file(t *testing.T, format string, rows ...row) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := tabular.NewWriter(&buf, format, "Pegawai")
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(header()...); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Write(r[:]...); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// run imports data as the system and fails the test on an error.
func run(t *testing.T, db *sqldb.DB, agencyID int64, data []byte, opts Options) *Report {
	t.Helper()
	opts.AgencyID = agencyID
	if opts.Format == "" {
		opts.Format = tabular.CSV
	}
	rep, err := Employees(testdb.System(), db, bytes.NewReader(data), int64(len(data)), opts)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return rep
}

// count returns how many employees and units the agency has.
func count(t *testing.T, db *sqldb.DB, agencyID int64) (employees, units int) {
	t.Helper()
	_, n, err := db.FindEmployees(testdb.System(), merit.EmployeeFilter{AgencyID: agencyID, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	us, err := db.FindUnits(testdb.System(), agencyID)
	if err != nil {
		t.Fatal(err)
	}
	return n, len(us)
}

func errorsText(rep *Report) string {
	var b strings.Builder
	for _, e := range rep.Errors {
		fmt.Fprintf(&b, "\n  %d %s %q %s %v", e.Row, e.Column, e.Value, e.Code, e.Args)
	}
	return b.String()
}

func TestImportNew(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a, _ := testdb.Agency(t, db, "kota-import")
		r1 := validRow(1)
		// Other accepted spellings: day-first dates, names instead of codes,
		// L/P, a NIP written with spaces, golongan "3c".
		r2 := validRow(2)
		r2[colNIP], r2[colTglLahir], r2[colTMTCPNS] = "19850310 201001 1 002", "10-03-1985", "01/01/2010"
		r2[colJenisKelamin], r2[colAgama], r2[colGolongan], r2[colPendidikan] = "L", "islam", "3c", "S-1"
		r2[colJabatanNama], r2[colJenisJabatan], r2[colJenjangJabatan] = "Analis SDM Aparatur", "JF Keahlian", "Ahli Muda"
		r3 := with(validRow(3), colUnorIndukNama, "") // a new root unit
		r3[colUnorNama] = "Dinas Pendidikan"
		rep := run(t, db, a.ID, file(t, tabular.CSV, r1, r2, r3), Options{})
		if rep.Rows != 3 || rep.Inserted != 3 || rep.Rejected != 0 || !rep.Written {
			t.Fatalf("report %+v%s", rep, errorsText(rep))
		}
		e, err := db.FindEmployeeByNIP(testdb.System(), a.ID, "198503102010011002")
		if err != nil {
			t.Fatal(err)
		}
		if e.Sex != merit.SexMale || e.Golongan != "III/c" || e.Education != "S1" || e.Religion != "ISLAM" ||
			e.BirthDate.String() != "1985-03-10" || e.PositionName != "Analis SDM Aparatur" || e.Jenis != "JF_KEAHLIAN" ||
			e.UnitName != "Bidang Mutasi" {
			t.Errorf("stored %+v", e)
		}
		if _, units := count(t, db, a.ID); units != 3 {
			t.Errorf("units: got %d, want the root, Bidang Mutasi and Dinas Pendidikan", units)
		}
	})
}

// Every reason a row is rejected, with its row, column and value; and by
// default nothing at all is stored.
func TestImportRejections(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a, _ := testdb.Agency(t, db, "kota-tolak")
		beforeEmployees, beforeUnits := count(t, db, a.ID)
		rows := []row{
			validRow(1), // row 2
			with(validRow(2), colNIP, "19850310201001100"),                  // 3: 17 digits
			with(validRow(3), colTglLahir, "1985-03-11"),                    // 4: NIP birth date differs
			with(validRow(4), colGolongan, "III/x"),                         // 5: unknown golongan
			with(validRow(5), colTglLahir, "31-02-1990"),                    // 6: not a date
			with(validRow(6), colTMTJabatan, "2099-01-01"),                  // 7: in the future
			with(validRow(7), colNIP, "198503102010011001"),                 // 8: same NIP as row 2
			with(validRow(8), colNIP, "1.98503E+17"),                        // 9: Excel number
			with(validRow(9), colKelasJabatan, "sembilan"),                  // 10: not a number
			with(with(validRow(10), colUnorNama, ""), colUnorIndukNama, ""), // 11: position without unit
			with(validRow(11), colJenisJabatan, "JF_KEAHLIAN"),              // 12: JF without jenjang
			with(validRow(12), colJenisKelamin, "X"),                        // 13: sex
			with(validRow(13), colStatus, "PPPK"),                           // 14: PNS NIP, PPPK status, PNS golongan
			with(validRow(14), colNama, ""),                                 // 15: required
			with(validRow(15), colEmail, "siti@"),                           // 16: e-mail
			with(validRow(16), colNIP, "198503102010011000"),                // 17: lost digits
			with(validRow(17), colNIK, "3371031013850001"),                  // 18: NIK month 13
		}
		rep := run(t, db, a.ID, file(t, tabular.CSV, rows...), Options{})
		want := []RowError{
			{Row: 3, Column: "nipBaru", Value: "19850310201001100", Code: "nip.length", Args: []any{17}},
			{Row: 4, Column: "nipBaru", Value: "198503102010011003", Code: "nip.birth_date_mismatch", Args: []any{"1985-03-10", "1985-03-11"}},
			{Row: 5, Column: "golRuangAkhir", Value: "III/x", Code: "field.unknown_ref"},
			{Row: 6, Column: "tglLahir", Value: "31-02-1990", Code: "field.not_a_date"},
			{Row: 7, Column: "tmtJabatan", Value: "2099-01-01", Code: "field.date_future"},
			{Row: 8, Column: "nipBaru", Value: "198503102010011001", Code: "import.nip_duplicate", Args: []any{2}},
			{Row: 9, Column: "nipBaru", Value: "1.98503E+17", Code: "nip.excel_number", Args: []any{"1.98503E+17"}},
			{Row: 10, Column: "kelasJabatan", Value: "sembilan", Code: "field.not_a_number"},
			{Row: 11, Column: "unorNama", Code: "import.unit_required"},
			{Row: 12, Column: "jenjangJabatan", Code: "position.jenjang_required"},
			{Row: 13, Column: "jenisKelamin", Value: "X", Code: "field.sex_invalid"},
			{Row: 14, Column: "golRuangAkhir", Value: "PPPK", Code: "employee.golongan_scale", Args: []any{"PPPK"}},
			{Row: 14, Column: "nipBaru", Value: "198503102010011013", Code: "nip.not_pppk"},
			{Row: 15, Column: "nama", Code: "field.required"},
			{Row: 16, Column: "email", Value: "siti@", Code: "field.email_invalid"},
			{Row: 17, Column: "nipBaru", Value: "198503102010011000", Code: "nip.excel_lost_digits"},
			{Row: 18, Column: "nik", Value: "3371031013850001", Code: "nik.birth_date"},
		}
		// Row 14's golongan error carries the status as its value.
		want[11].Value = "III/c"
		if !reflect.DeepEqual(rep.Errors, want) {
			t.Errorf("errors:%s\nwant:%s", errorsText(rep), errorsText(&Report{Errors: want}))
		}
		if rep.Rows != 17 || rep.Rejected != 16 || rep.Written || rep.Inserted != 0 {
			t.Errorf("report %+v", rep)
		}
		if e, u := count(t, db, a.ID); e != beforeEmployees || u != beforeUnits {
			t.Errorf("stored %d employees and %d units, want %d and %d: nothing", e, u, beforeEmployees, beforeUnits)
		}
		// The CLI's and the web page's line for a row.
		if got := rep.Errors[3].Text(i18n.ID); got != `baris 6, kolom tglLahir, nilai "31-02-1990": bukan tanggal (gunakan 2006-01-31 atau 31-01-2006)` {
			t.Errorf("text: %s", got)
		}
		if got := rep.Errors[8].Text(i18n.EN); got != "row 11, column unorNama: fill in unorNama: a position or a parent unit needs a unit" {
			t.Errorf("text: %s", got)
		}
	})
}

// A file made before the nik and alamat columns existed still imports.
func TestImportWithoutPersonalColumns(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a, _ := testdb.Agency(t, db, "kota-lama")
		r := validRow(1)
		var buf bytes.Buffer
		w := tabular.NewCSVWriter(&buf)
		if err := w.Write(header()[:colNIK]...); err != nil {
			t.Fatal(err)
		}
		if err := w.Write(r[:colNIK]...); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if rep := run(t, db, a.ID, buf.Bytes(), Options{}); rep.Inserted != 1 || len(rep.Errors) != 0 {
			t.Errorf("old file: %+v%s", rep, errorsText(rep))
		}
	})
}

func TestImportHeader(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a, _ := testdb.Agency(t, db, "kota-judul")
		data := "NIPBARU;nama;tglLahir;jenisKelamin;agama;statusPegawai;golRuangAkhir;gaji;nama\n"
		rep := run(t, db, a.ID, []byte(data), Options{})
		want := []RowError{
			{Row: 1, Column: "gaji", Code: "import.column_unknown", Args: []any{columnList}},
			{Row: 1, Column: "nama", Code: "import.column_repeated"},
			{Row: 1, Column: "pendidikanTerakhir", Code: "import.column_missing"},
		}
		if !reflect.DeepEqual(rep.Errors, want) || rep.Written {
			t.Errorf("errors:%s\nwant:%s", errorsText(rep), errorsText(&Report{Errors: want}))
		}
		rep = run(t, db, a.ID, []byte("\r\n;;\n"), Options{})
		if len(rep.Errors) != 1 || rep.Errors[0].Code != "import.no_header" {
			t.Errorf("empty file: %s", errorsText(rep))
		}
		// Only the header: nothing to do, nothing wrong.
		rep = run(t, db, a.ID, file(t, tabular.CSV), Options{SkipInvalid: true})
		if len(rep.Errors) != 0 || rep.Rows != 0 || !rep.Written {
			t.Errorf("header only: %+v", rep)
		}
	})
}

func TestImportUnreadable(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a, _ := testdb.Agency(t, db, "kota-rusak")
		good := file(t, tabular.CSV, validRow(1))
		data := append(good, []byte("198503102010011002,\"Budi \"Santoso\"\n")...)
		rep := run(t, db, a.ID, data, Options{SkipInvalid: true})
		if len(rep.Errors) != 1 || rep.Errors[0].Row != 3 || rep.Errors[0].Code != "import.csv_quote" || rep.Written {
			t.Errorf("report %+v%s", rep, errorsText(rep))
		}
		if n, _ := count(t, db, a.ID); n != 0 {
			t.Errorf("stored %d employees from a broken file", n)
		}
		_, err := Employees(testdb.System(), db, strings.NewReader("nipBaru,nama\n"), 0, Options{AgencyID: a.ID, Format: tabular.XLSX})
		if merit.KindOf(err) != merit.KindInvalid || merit.FieldsOf(err)[0].Code != "import.bad_file" {
			t.Errorf("CSV sent as XLSX: %v", err)
		}
	})
}

func TestImportSkipInvalidAndRejects(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a, _ := testdb.Agency(t, db, "kota-lewati")
		rows := []row{validRow(1), with(validRow(2), colTglLahir, "31-02-1990"), validRow(3)}
		rep := run(t, db, a.ID, file(t, tabular.CSV, rows...), Options{SkipInvalid: true})
		if rep.Inserted != 2 || rep.Rejected != 1 || !rep.Written || len(rep.Errors) != 1 {
			t.Fatalf("report %+v%s", rep, errorsText(rep))
		}
		if n, _ := count(t, db, a.ID); n != 2 {
			t.Errorf("stored %d employees, want the 2 valid ones", n)
		}
		var buf bytes.Buffer
		if err := WriteRejects(&buf, rep, i18n.ID); err != nil {
			t.Fatal(err)
		}
		want := "baris,kolom,nilai,alasan\r\n3,tglLahir,31-02-1990,bukan tanggal (gunakan 2006-01-31 atau 31-01-2006)\r\n"
		if buf.String() != want {
			t.Errorf("rejects file:\n%s\nwant:\n%s", buf.String(), want)
		}
	})
}

func TestImportDryRun(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a, _ := testdb.Agency(t, db, "kota-uji")
		var progress []Progress
		data := file(t, tabular.CSV, validRow(1), validRow(2))
		rep := run(t, db, a.ID, data, Options{DryRun: true, Progress: func(p Progress) { progress = append(progress, p) }})
		if rep.Inserted != 2 || rep.Written {
			t.Errorf("report %+v%s", rep, errorsText(rep))
		}
		if e, u := count(t, db, a.ID); e != 0 || u != 1 {
			t.Errorf("a dry run stored %d employees and %d units", e, u)
		}
		if last := progress[len(progress)-1]; last.Rows != 2 || last.Bytes != int64(len(data)) || last.Total != int64(len(data)) {
			t.Errorf("last progress %+v, want 2 rows and all %d bytes", last, len(data))
		}
	})
}

func TestReimport(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a, _ := testdb.Agency(t, db, "kota-ulang")
		data := file(t, tabular.CSV, validRow(1), validRow(2))
		run(t, db, a.ID, data, Options{})
		rep := run(t, db, a.ID, data, Options{})
		if rep.Unchanged != 2 || rep.Inserted+rep.Updated != 0 || !rep.Written {
			t.Errorf("same file again: %+v%s", rep, errorsText(rep))
		}
		// A promotion and a new position: the employee is updated and both
		// histories get an entry.
		changed := validRow(2)
		changed[colGolongan], changed[colTMTGolongan] = "III/d", "2022-04-01"
		changed[colJabatanNama], changed[colTMTJabatan] = "Analis Kepegawaian", "2023-01-02"
		rep = run(t, db, a.ID, file(t, tabular.CSV, validRow(1), changed), Options{})
		if rep.Unchanged != 1 || rep.Updated != 1 {
			t.Errorf("changed row: %+v%s", rep, errorsText(rep))
		}
		e, err := db.FindEmployeeByNIP(testdb.System(), a.ID, "198503102010011002")
		if err != nil {
			t.Fatal(err)
		}
		if e.Golongan != "III/d" || e.PositionName != "Analis Kepegawaian" {
			t.Errorf("updated employee %+v", e)
		}
		for kind, want := range map[string]int{merit.HistGolongan: 2, merit.HistJabatan: 2} {
			hs, err := db.FindHistory(testdb.System(), a.ID, e.ID, kind)
			if err != nil {
				t.Fatal(err)
			}
			if len(hs) != want {
				t.Errorf("riwayat %s: %d entries, want %d", kind, len(hs), want)
			}
		}
	})
}

// An export imports back with every row unchanged, in both formats.
func TestExportRoundTrip(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a, _ := testdb.Agency(t, db, "kota-bolak")
		rows := []row{validRow(1), validRow(2)}
		jf := validRow(3)
		jf[colJabatanNama], jf[colJenisJabatan], jf[colJenjangJabatan], jf[colKelasJabatan] = "Analis SDM Aparatur", "JF_KEAHLIAN", "AHLI_MUDA", "9"
		jf[colGelarDepan], jf[colEmail], jf[colNoHP] = "Dr.", "budi@example.go.id", "+62 812-3456-7890"
		jf[colNIK], jf[colAlamat] = "3371031003850003", "Jl. Pemuda 12, Magelang"
		bare := validRow(4)
		for _, c := range []int{colJabatanNama, colJenisJabatan, colKelasJabatan, colTMTJabatan, colUnorNama, colUnorIndukNama, colTempatLahir, colTMTGolongan} {
			bare[c] = ""
		}
		// The same unit name below two parents, told apart by unorIndukNama.
		twin := with(validRow(5), colUnorIndukNama, "Dinas Pendidikan")
		rows = append(rows, jf, bare, twin)
		rep := run(t, db, a.ID, file(t, tabular.CSV, rows...), Options{})
		if rep.Inserted != 5 {
			t.Fatalf("import: %+v%s", rep, errorsText(rep))
		}
		for _, format := range []string{tabular.CSV, tabular.XLSX} {
			var buf bytes.Buffer
			if err := ExportEmployees(testdb.System(), db, a.ID, &buf, format); err != nil {
				t.Fatal(err)
			}
			rep := run(t, db, a.ID, buf.Bytes(), Options{Format: format})
			if rep.Rows != 5 || rep.Unchanged != 5 || len(rep.Errors) != 0 {
				t.Errorf("%s export imported back: %+v%s", format, rep, errorsText(rep))
			}
		}
		var buf bytes.Buffer
		if err := ExportEmployees(testdb.System(), db, a.ID, &buf, "pdf"); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("export as pdf: %v", err)
		}
		viewer := merit.WithActor(context.Background(), &merit.Actor{UserID: 9, Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleViewer}}})
		if err := ExportEmployees(viewer, db, a.ID, &buf, tabular.CSV); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("export by a viewer: %v", err)
		}
		if _, err := Employees(viewer, db, bytes.NewReader(nil), 0, Options{AgencyID: a.ID, Format: tabular.CSV}); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("import by a viewer: %v", err)
		}
	})
}

// A workbook as a spreadsheet user leaves it: dates in date cells, and one
// NIP typed into a number cell, which is rejected with the explanation.
func TestImportXLSXNumberCells(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a, _ := testdb.Agency(t, db, "kota-excel")
		f := excelize.NewFile()
		defer f.Close()
		dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		h := header()
		cells := make([]any, len(h))
		for i, v := range h {
			cells[i] = v
		}
		f.SetSheetRow("Sheet1", "A1", &cells)
		for i, r := range []row{validRow(1), validRow(2), validRow(3)} {
			cells := make([]any, len(r))
			for c, v := range r {
				cells[c] = v
				if columns[c].Date && v != "" {
					cells[c] = merit.MustDate(v).Time() // a real date cell
				}
			}
			cells[colKelasJabatan] = 6 // a number cell
			switch i {
			case 1:
				cells[colNIP] = int64(198503102010011002) // typed into a number cell
			case 2:
				cells[colNIP] = 1.98503102010011e17 // as Excel keeps it
			}
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			f.SetSheetRow("Sheet1", cell, &cells)
			f.SetCellStyle("Sheet1", fmt.Sprintf("F%d", i+2), fmt.Sprintf("F%d", i+2), dateStyle)
		}
		var buf bytes.Buffer
		if _, err := f.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		rep := run(t, db, a.ID, buf.Bytes(), Options{Format: tabular.XLSX})
		want := []RowError{
			{Row: 3, Column: "nipBaru", Value: "1.98503102010011E+17", Code: "nip.excel_number", Args: []any{"1.98503102010011E+17"}},
			{Row: 4, Column: "nipBaru", Value: "198503102010011000", Code: "nip.excel_lost_digits"},
		}
		if !reflect.DeepEqual(rep.Errors, want) || rep.Rows != 3 {
			t.Errorf("errors:%s\nwant:%s", errorsText(rep), errorsText(&Report{Errors: want}))
		}
		rep = run(t, db, a.ID, buf.Bytes(), Options{Format: tabular.XLSX, SkipInvalid: true})
		e, err := db.FindEmployeeByNIP(testdb.System(), a.ID, "198503102010011001")
		if err != nil || e.BirthDate.String() != "1985-03-10" || e.TMTCPNS.String() != "2010-01-01" {
			t.Errorf("row with date cells: %+v, %v (report %+v)", e, err, rep)
		}
		if _, err := db.FindEmployeeByNIP(testdb.System(), a.ID, "198503102010011002"); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("a NIP from a number cell was stored: %v", err)
		}
	})
}

// The template's example row imports, in both formats; the XLSX template
// documents every column and offers drop-downs of reference codes.
func TestTemplate(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a, _ := testdb.Agency(t, db, "kota-templat")
		ref, err := db.Reference(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, format := range []string{tabular.CSV, tabular.XLSX} {
			var buf bytes.Buffer
			if err := Template(&buf, format, i18n.ID, ref); err != nil {
				t.Fatal(err)
			}
			rep := run(t, db, a.ID, buf.Bytes(), Options{Format: format, DryRun: true})
			if rep.Rows != 1 || rep.Inserted != 1 || len(rep.Errors) != 0 {
				t.Errorf("%s template: %+v%s", format, rep, errorsText(rep))
			}
			if format != tabular.XLSX {
				continue
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"Pegawai", "Petunjuk Kolom", "Referensi"}) {
				t.Errorf("sheets %q", got)
			}
			if v, _ := f.GetCellValue("Petunjuk Kolom", "A2"); v != "nipBaru" {
				t.Errorf("documentation starts with %q", v)
			}
			dvs, err := f.GetDataValidations("Pegawai")
			if err != nil || len(dvs) != 7 {
				t.Errorf("%d drop-downs (%v), want 7", len(dvs), err)
			}
			f.Close()
		}
		if err := Template(&bytes.Buffer{}, "ods", i18n.ID, ref); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("template as ods: %v", err)
		}
	})
}

func TestFormatOf(t *testing.T) {
	for name, want := range map[string]string{"pegawai.csv": "csv", "Data Pegawai.XLSX": "xlsx", "a.xls": "", "csv": ""} {
		got, err := FormatOf(name)
		if got != want || (err != nil) != (want == "") {
			t.Errorf("FormatOf(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
}
