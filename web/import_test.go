package web_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"merit"
	"merit/importer"
	"merit/internal/testdb"
	"merit/sqldb"
	"merit/tabular"
)

// csvHeader is the header row of the employee file, as the template has it.
var csvHeader = func() string {
	var b bytes.Buffer
	if err := importer.Template(&b, tabular.CSV, "id", nil); err != nil {
		panic(err)
	}
	header, _, _ := strings.Cut(b.String(), "\n")
	return strings.TrimSpace(header)
}()

// employeeCSV returns an employee file with the given rows, each a map from
// column name to value.
func employeeCSV(rows ...map[string]string) []byte {
	header := strings.Split(csvHeader, ",")
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(header)
	for _, row := range rows {
		rec := make([]string, len(header))
		for i, col := range header {
			rec[i] = row[col]
		}
		w.Write(rec)
	}
	w.Flush()
	return b.Bytes()
}

var (
	goodRow = map[string]string{"nipBaru": "199001012015031001", "nama": "Bayu Aji Nugroho", "gelarBelakang": "S.Kom.",
		"tempatLahir": "Magelang", "tglLahir": "1990-01-01", "jenisKelamin": "M", "agama": "ISLAM", "statusPegawai": "PNS",
		"tmtCpns": "2015-03-01", "golRuangAkhir": "III/b", "tmtGolAkhir": "2019-04-01", "pendidikanTerakhir": "S1",
		"unorNama": "Bidang Aplikasi Informatika", "unorIndukNama": "Dinas Komunikasi dan Informatika"}
	// badRow's NIP says born 2 February 1991; tglLahir says 2 March.
	badRow = map[string]string{"nipBaru": "199102022016042002", "nama": "Citra Lestari", "tglLahir": "1991-03-02",
		"jenisKelamin": "F", "agama": "ISLAM", "statusPegawai": "PNS", "tmtCpns": "2016-04-01", "golRuangAkhir": "III/a",
		"pendidikanTerakhir": "S1"}
)

// finished waits for the import job page to stop refreshing itself and
// returns the report page.
func (u *user) finished(path string) *page {
	u.app.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		p := u.get(path).want(http.StatusOK)
		if len(p.all("meta[http-equiv=refresh]")) == 0 {
			return p
		}
		p.one("progress")
		if time.Now().After(deadline) {
			u.app.t.Fatalf("import at %s still running", path)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestImport(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 2)
		u := a.signIn("operator")
		file := employeeCSV(goodRow, badRow)

		// One bad row: nothing is written, and the report names row, column, value and reason.
		p := u.postFile("/a/kota-magelang/impor", "pegawai-baru.csv", file, nil).want(http.StatusOK)
		if !strings.HasPrefix(p.path, "/a/kota-magelang/impor/") {
			t.Fatalf("upload led to %s", p.path)
		}
		job := p.path
		p = u.finished(job)
		if got := textOf(p.one("h1")); got != "pegawai-baru.csv" {
			t.Errorf("heading %q", got)
		}
		for name, want := range map[string]string{"rows": "2", "inserted": "0", "rejected": "1"} {
			if got := textOf(p.one("[data-count=" + name + "]")); got != want {
				t.Errorf("%s = %s, want %s", name, got, want)
			}
		}
		if !strings.HasPrefix(textOf(p.one("#import-outcome")), "Tidak ada yang disimpan karena ada baris yang ditolak.") {
			t.Errorf("outcome %q", textOf(p.one("#import-outcome")))
		}
		cells := p.texts("#row-errors tbody tr td")
		want := []string{"3", "nipBaru", "199102022016042002", "tanggal lahir dalam NIP (1991-02-02) berbeda dengan tanggal lahir (1991-03-02)"}
		if strings.Join(cells, "|") != strings.Join(want, "|") {
			t.Errorf("row error %q, want %q", cells, want)
		}
		if _, err := db.FindEmployeeByNIP(testdb.System(), a.agency.ID, goodRow["nipBaru"]); err == nil {
			t.Errorf("the good row was written although another row was rejected")
		}

		// The rejects file has the same row.
		r := u.get(job + "/ditolak").want(http.StatusOK)
		if ct := r.header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
			t.Errorf("rejects Content-Type %q", ct)
		}
		if cd := r.header.Get("Content-Disposition"); cd != `attachment; filename=ditolak-pegawai-baru.csv` {
			t.Errorf("rejects Content-Disposition %q", cd)
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.body, "\uFEFF"))).ReadAll()
		if err != nil || len(recs) != 2 || recs[1][0] != "3" || recs[1][1] != "nipBaru" {
			t.Errorf("rejects file %q (%v)", r.body, err)
		}

		// The job is the uploader's: another user of the agency does not find it.
		a.signIn("admin").get(job).want(http.StatusNotFound)
		a.signIn("admin").get(job + "/ditolak").want(http.StatusNotFound)

		// A dry run of a good file writes nothing and says so.
		p = u.finished(u.postFile("/a/kota-magelang/impor", "uji.csv", employeeCSV(goodRow), url.Values{"dryRun": {"1"}}).path)
		if got := textOf(p.one("#import-outcome")); !strings.HasPrefix(got, "Uji coba selesai: tidak ada yang disimpan.") {
			t.Errorf("dry run outcome %q", got)
		}
		if got := textOf(p.one("[data-count=inserted]")); got != "1" {
			t.Errorf("dry run would insert %s, want 1", got)
		}
		if _, err := db.FindEmployeeByNIP(testdb.System(), a.agency.ID, goodRow["nipBaru"]); err == nil {
			t.Errorf("the dry run wrote")
		}

		// Skipping invalid rows writes the good one.
		p = u.finished(u.postFile("/a/kota-magelang/impor", "pegawai-baru.csv", file, url.Values{"skipInvalid": {"1"}}).path)
		if got := textOf(p.one("#import-outcome")); !strings.HasPrefix(got, "Impor selesai: data telah disimpan.") {
			t.Errorf("skip-invalid outcome %q", got)
		}
		if _, err := db.FindEmployeeByNIP(testdb.System(), a.agency.ID, goodRow["nipBaru"]); err != nil {
			t.Errorf("the good row was not written: %v", err)
		}
		// The upload page lists the user's imports.
		p = u.get("/a/kota-magelang/impor").want(http.StatusOK)
		if n := len(p.all("table tbody tr")); n != 3 {
			t.Errorf("%d recent imports listed, want 3", n)
		}

		// No file, or a file of another kind: the form again with the reason.
		p = u.postFile("/a/kota-magelang/impor", "pegawai.pdf", []byte("%PDF"), nil).want(http.StatusUnprocessableEntity)
		if got := textOf(p.one("#f-file-error")); got != "Kesalahan: Berkas: format berkas harus .csv atau .xlsx" {
			t.Errorf("wrong format message %q", got)
		}
		p = u.postFile("/a/kota-magelang/impor", "", nil, nil).want(http.StatusUnprocessableEntity)
		if got := textOf(p.one("#f-file-error")); got != "Kesalahan: Berkas: wajib diisi" {
			t.Errorf("no file message %q", got)
		}
		// A large file: the job page shows the progress and reloads itself
		// until the report is ready.
		rows := make([]map[string]string, 20000)
		for i := range rows {
			birth := merit.NewDate(1970, 1, 1).Time().AddDate(0, 0, i%5000)
			rows[i] = map[string]string{"nipBaru": fmt.Sprintf("%s201001100%d", birth.Format("20060102"), i/5000+1),
				"nama": fmt.Sprintf("Pegawai %05d", i), "tglLahir": birth.Format("2006-01-02"), "jenisKelamin": "M",
				"agama": "ISLAM", "statusPegawai": "PNS", "tmtCpns": "2010-01-01", "golRuangAkhir": "III/a", "pendidikanTerakhir": "S1"}
		}
		p = u.postFile("/a/kota-magelang/impor", "besar.csv", employeeCSV(rows...), url.Values{"dryRun": {"1"}}).want(http.StatusOK)
		if got := attr(p.one("meta[http-equiv=refresh]"), "content"); got != "1" {
			t.Errorf("the progress page refreshes after %q", got)
		}
		if got := textOf(p.one(".progress-card h2")); got != "Sedang mengimpor…" {
			t.Errorf("progress heading %q", got)
		}
		p.one(".progress-card progress")
		p = u.finished(p.path)
		if got := textOf(p.one("[data-count=inserted]")); got != "20.000" {
			t.Errorf("large file: %s would be inserted, want 20.000; first errors %.300q", got, p.texts("#row-errors tbody tr"))
		}

		// A file that is no spreadsheet: the job reports why.
		p = u.finished(u.postFile("/a/kota-magelang/impor", "rusak.xlsx", []byte("bukan zip"), nil).path)
		p.one("#import-failed")
	})
}

func TestDownloads(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 4)
		u := a.signIn("operator")
		for _, format := range []string{"csv", "xlsx"} {
			r := u.get("/a/kota-magelang/impor/templat?format=" + format).want(http.StatusOK)
			if cd := r.header.Get("Content-Disposition"); cd != "attachment; filename=templat-pegawai-kota-magelang."+format {
				t.Errorf("template %s: Content-Disposition %q", format, cd)
			}
			r = u.get("/a/kota-magelang/pegawai/ekspor?format=" + format).want(http.StatusOK)
			if !strings.HasPrefix(r.header.Get("Content-Disposition"), "attachment; filename=pegawai-kota-magelang-") {
				t.Errorf("export %s: Content-Disposition %q", format, r.header.Get("Content-Disposition"))
			}
			if format == "csv" && (!strings.Contains(r.body, sitiNIP) || strings.Count(r.body, "\n") != 6) {
				t.Errorf("export has %d lines:\n%s", strings.Count(r.body, "\n"), r.body)
			}
			if format == "xlsx" && (r.header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" || !strings.HasPrefix(r.body, "PK")) {
				t.Errorf("export xlsx: %q", r.header.Get("Content-Type"))
			}
		}
		// An unknown format is a page that says so, not a broken download.
		p := u.get("/a/kota-magelang/pegawai/ekspor?format=pdf").want(http.StatusUnprocessableEntity)
		if p.header.Get("Content-Disposition") != "" {
			t.Errorf("an error page sent as a download")
		}
	})
}
