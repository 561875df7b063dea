package api

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

// upload posts a file to the import endpoint as a browser form does.
func (c *client) upload(agency, filename string, content []byte, fields map[string]string) (*http.Response, []byte) {
	c.t.Helper()
	return c.postForm("/api/v1/agencies/"+agency+"/imports", filename, content, fields)
}

// postForm posts a multipart form with a file (none when filename is "")
// and fields, as a browser form does.
func (c *client) postForm(path, filename string, content []byte, fields map[string]string) (*http.Response, []byte) {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if filename != "" {
		fw, err := mw.CreateFormFile("file", filename)
		if err != nil {
			c.t.Fatal(err)
		}
		fw.Write(content)
	}
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	mw.Close()
	req, err := http.NewRequest("POST", c.url+path, &body)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp, data
}

// importOK uploads a file that must be accepted and returns the report.
func (c *client) importOK(agency, filename string, content []byte, fields map[string]string) *importReport {
	c.t.Helper()
	resp, data := c.upload(agency, filename, content, fields)
	var rep importReport
	if resp.StatusCode != http.StatusOK || json.Unmarshal(data, &rep) != nil {
		c.t.Fatalf("import %s: status %d: %s", filename, resp.StatusCode, data)
	}
	return &rep
}

// importFail uploads a file that must be refused with status.
func (c *client) importFail(agency, filename string, content []byte, fields map[string]string, status int) *problem {
	c.t.Helper()
	resp, data := c.upload(agency, filename, content, fields)
	var p problem
	if resp.StatusCode != status || json.Unmarshal(data, &p) != nil || resp.Header.Get("Content-Type") != "application/problem+json" {
		c.t.Fatalf("import %s: status %d (%s), want %d problem: %s", filename, resp.StatusCode, resp.Header.Get("Content-Type"), status, data)
	}
	return &p
}

func (f *fixture) total(c *client, agency string) int {
	f.t.Helper()
	var page employeePage
	c.call("GET", "/api/v1/agencies/"+agency+"/employees", nil, http.StatusOK, &page)
	return page.Total
}

func TestImportExport(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		a := f.signIn("op-a")
		var pos merit.Position
		a.call("POST", "/api/v1/agencies/kota-a/positions", merit.Position{UnitID: f.unitA.ID, Name: "Analis SDM Aparatur",
			Jenis: "PELAKSANA", KelasJabatan: 7}, http.StatusCreated, &pos)
		for i := 1; i <= 5; i++ {
			e := employeeBody(i)
			e.PositionID, e.TMTJabatan = pos.ID, merit.MustDate("2021-01-04")
			f.createEmployee(a, "kota-a", e)
		}

		// Export, then import the file back: nothing changes.
		resp, csv := a.send("GET", "/api/v1/agencies/kota-a/export?format=csv", nil)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" ||
			!strings.Contains(resp.Header.Get("Content-Disposition"), `filename="pegawai-kota-a-`) {
			t.Fatalf("CSV export: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"))
		}
		lines := strings.Split(strings.TrimSpace(string(csv)), "\n")
		if len(lines) != 6 || !strings.HasPrefix(strings.TrimPrefix(lines[0], "\ufeff"), "nipBaru") {
			t.Fatalf("CSV export has %d lines: %q", len(lines), lines[0])
		}
		if rep := a.importOK("kota-a", "pegawai.csv", csv, nil); rep.Rows != 5 || rep.Unchanged != 5 || !rep.Written {
			t.Errorf("re-import of the export: %+v", rep)
		}
		if _, def := a.send("GET", "/api/v1/agencies/kota-a/export", nil); !bytes.Equal(def, csv) {
			t.Errorf("the default export format is not the CSV")
		}
		resp, xlsx := a.send("GET", "/api/v1/agencies/kota-a/export?format=xlsx", nil)
		if resp.StatusCode != http.StatusOK || !bytes.HasPrefix(xlsx, []byte("PK")) ||
			resp.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			t.Fatalf("XLSX export: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if rep := a.importOK("kota-a", "pegawai.xlsx", xlsx, nil); rep.Unchanged != 5 {
			t.Errorf("re-import of the XLSX export: %+v", rep)
		}
		a.fail("GET", "/api/v1/agencies/kota-a/export?format=pdf", nil, http.StatusUnprocessableEntity)

		// The same file into agency B creates B's own employees.
		b := f.signIn("op-b")
		if rep := b.importOK("kota-b", "pegawai.xlsx", xlsx, map[string]string{"dryRun": "true"}); rep.Inserted != 5 || rep.Written {
			t.Errorf("dry run into B: %+v", rep)
		}
		if n := f.total(b, "kota-b"); n != 0 {
			t.Errorf("the dry run wrote %d employees", n)
		}
		if rep := b.importOK("kota-b", "pegawai.xlsx", xlsx, nil); rep.Inserted != 5 || !rep.Written {
			t.Errorf("import into B: %+v", rep)
		}
		if n := f.total(b, "kota-b"); n != 5 {
			t.Errorf("B has %d employees after the import, want 5", n)
		}

		// A file with a bad row: rejected whole by default, with the row's reasons.
		bad := strings.Join(lines, "\n") + "\n" + strings.Replace(lines[5], "198503102010011005", "19850310201001100", 1) + "\n"
		bad = strings.Replace(bad, "198503102010011001", "198503102010011009", 1) // a new employee on row 2
		p := a.importFail("kota-a", "pegawai.csv", []byte(bad), nil, http.StatusUnprocessableEntity)
		if p.Code != "api.import_rejected" || p.Report == nil || p.Report.Rejected != 1 || p.Report.Written || len(p.Errors) == 0 {
			t.Fatalf("bad file: %+v", p)
		}
		if e := p.Errors[0]; e.Row != 7 || e.Field != "nipBaru" || e.Code != "nip.length" || e.Value != "19850310201001100" ||
			e.Message != "NIP harus 18 digit, bukan 17" {
			t.Errorf("row error: %+v", e)
		}
		if !strings.HasPrefix(p.Detail, "Berkas tidak diimpor") {
			t.Errorf("detail %q", p.Detail)
		}
		if n := f.total(a, "kota-a"); n != 5 {
			t.Errorf("the rejected file changed A: %d employees", n)
		}
		// With skipInvalid the valid rows are written and the reject reported.
		rep := a.importOK("kota-a", "pegawai.csv", []byte(bad), map[string]string{"skipInvalid": "true"})
		if rep.Inserted != 1 || rep.Rejected != 1 || !rep.Written || len(rep.Errors) == 0 || rep.Errors[0].Row != 7 {
			t.Errorf("skipInvalid: %+v", rep)
		}
		if n := f.total(a, "kota-a"); n != 6 {
			t.Errorf("A has %d employees after skipInvalid, want 6", n)
		}

		// Files that are not employee files.
		if p := a.importFail("kota-a", "pegawai.txt", csv, nil, http.StatusUnprocessableEntity); !p.hasField("file", "import.format") {
			t.Errorf("a .txt file: %+v", p)
		}
		if p := a.importFail("kota-a", "pegawai.xlsx", csv, nil, http.StatusUnprocessableEntity); !p.hasField("file", "import.bad_file") {
			t.Errorf("a CSV named .xlsx: %+v", p)
		}
		if p := a.importFail("kota-a", "", nil, nil, http.StatusUnprocessableEntity); !p.hasField("file", "field.required") {
			t.Errorf("no file: %+v", p)
		}
		if p := a.importFail("kota-a", "pegawai.csv", []byte{}, nil, http.StatusUnprocessableEntity); p.Code != "api.import_rejected" || len(p.Errors) == 0 {
			t.Errorf("an empty file: %+v", p)
		}

		// Scoping and roles.
		a.importFail("kota-b", "pegawai.csv", csv, nil, http.StatusNotFound)
		a.fail("GET", "/api/v1/agencies/kota-b/export", nil, http.StatusNotFound)
		v := f.signIn("view-a")
		v.importFail("kota-a", "pegawai.csv", csv, nil, http.StatusForbidden)
		if p := v.fail("GET", "/api/v1/agencies/kota-a/export", nil, http.StatusForbidden); p.Code != "err.forbidden" {
			t.Errorf("viewer export: %+v", p)
		}
		f.anon().importFail("kota-a", "pegawai.csv", csv, nil, http.StatusUnauthorized)
		if n := f.total(b, "kota-b"); n != 5 {
			t.Errorf("B has %d employees after A's attempts, want 5", n)
		}
	})
}

func TestImportTooLarge(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		a := f.signIn("op-a")
		req := httptest.NewRequest("POST", "/api/v1/agencies/kota-a/imports", strings.NewReader("x"))
		req.ContentLength = maxUpload + 1
		req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		u, _ := url.Parse(f.url)
		for _, c := range a.hc.Jar.Cookies(u) {
			req.AddCookie(c)
		}
		rec := httptest.NewRecorder()
		f.handler.ServeHTTP(rec, req)
		var p problem
		if rec.Code != http.StatusRequestEntityTooLarge || json.Unmarshal(rec.Body.Bytes(), &p) != nil || p.Code != "api.too_large" {
			t.Errorf("an upload over %d bytes: %d %s", maxUpload, rec.Code, rec.Body)
		}
	})
}
