package api

import (
	"bytes"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"merit"
	"merit/auth"
	"merit/internal/testdb"
)

// checkSelectionReport: an operator downloads the decided selection's report
// (path one, titled title) as PDF in Indonesian and as XLSX in English; a
// panel member of another selection and an operator of another agency find
// nothing; the selection's own panel member and an employee's own account
// are refused, as on the web.
func checkSelectionReport(t *testing.T, f *fixture, one, title string) {
	t.Helper()
	op := f.signIn("op-a")
	resp, data := op.send("GET", one+"/report", nil)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(data, []byte("%PDF")) ||
		!strings.HasSuffix(resp.Header.Get("Content-Disposition"), `filename=laporan-seleksi-kota-a-`+one[strings.LastIndex(one, "/")+1:]+`.pdf`) {
		t.Fatalf("PDF: %d %q %q %.20q", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"), data)
	}
	path := filepath.Join(t.TempDir(), "laporan.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	text, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	if !strings.Contains(string(text), title) || !strings.Contains(string(text), "Laporan Seleksi Terbuka JPT") {
		t.Errorf("PDF text lacks the title or the Indonesian heading:\n%s", text)
	}

	resp, data = op.send("GET", one+"/report?format=xlsx&lang=en", nil)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != reportTypes["xlsx"] ||
		!strings.HasSuffix(resp.Header.Get("Content-Disposition"), ".xlsx") {
		t.Fatalf("XLSX: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"))
	}
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got, _ := x.GetCellValue("Selection", "B3"); got != title {
		t.Errorf("XLSX Selection!B3 = %q, want %q (sheets %v)", got, title, x.GetSheetList())
	}
	if got, _ := x.GetCellValue("Selection", "A2"); got != "Agency" {
		t.Errorf("XLSX Selection!A2 = %q, want the English label", got)
	}

	f.signIn("op-a").fail("GET", one+"/report?format=docx", nil, http.StatusUnprocessableEntity)
	f.signIn("asesor-lain").fail("GET", one+"/report", nil, http.StatusNotFound)
	f.signIn("pansel-1").fail("GET", one+"/report", nil, http.StatusForbidden) // scores, does not read the record (as the web)
	f.signIn("op-b").fail("GET", one+"/report", nil, http.StatusNotFound)
	e := testdb.Employee(f.a.ID, 9)
	sys := testdb.System()
	if err := f.db.CreateEmployee(sys, e); err != nil {
		t.Fatal(err)
	}
	hash, _ := auth.HashPassword(password, auth.Cheap)
	u := &merit.User{Username: "pegawai-a", Name: "Pegawai", Grants: []merit.Grant{{AgencyID: f.a.ID, Role: merit.RoleEmployee, EmployeeID: e.ID}}}
	if err := f.db.CreateUser(sys, u, hash); err != nil {
		t.Fatal(err)
	}
	if resp, _ := f.signIn("pegawai-a").send("GET", one+"/report", nil); resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
		t.Errorf("employee without selection.read: %d", resp.StatusCode)
	}
}
