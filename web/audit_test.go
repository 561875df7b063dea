package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

// sitiForm is the edit form of the seeded Siti Aminah as the form shows it.
func sitiForm(e *merit.Employee) url.Values {
	return url.Values{
		"nip": {e.NIP}, "name": {e.Name}, "gelarBelakang": {e.GelarBelakang}, "birthPlace": {e.BirthPlace},
		"birthDate": {e.BirthDate.String()}, "sex": {e.Sex}, "religion": {e.Religion}, "status": {e.Status},
		"tmtCpns": {e.TMTCPNS.String()}, "golongan": {e.Golongan}, "tmtGolongan": {e.TMTGolongan.String()},
		"unitId": {strconv.FormatInt(e.UnitID, 10)}, "positionId": {strconv.FormatInt(e.PositionID, 10)}, "tmtJabatan": {e.TMTJabatan.String()},
		"education": {e.Education}, "email": {e.Email}, "phone": {e.Phone},
	}
}

// The profile lists the record's change history: who changed which field
// from what to what, when and from where; viewers see it too, other agencies
// find nothing.
func TestProfileChangeHistory(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 3)
		siti := a.siti()
		form := sitiForm(siti)
		form.Set("golongan", "IV/a")
		form.Set("email", "siti@magelangkota.go.id")
		op := a.signIn("operator")
		op.post(a.profileURL(siti)+"/ubah", form).want(http.StatusOK)

		for _, name := range []string{"operator", "viewer"} {
			p := a.signIn(name).get(a.profileURL(siti)).want(http.StatusOK)
			rows := p.all("#perubahan table.changes tbody tr")
			if len(rows) != 2 {
				t.Fatalf("%s sees %d changes, want the edit and the creation", name, len(rows))
			}
			cells := within(rows[0], "td")
			if cells[1] != "operator" || cells[2] != "Diubah" || cells[3] != "127.0.0.1" || !strings.HasSuffix(cells[0], " WIB") {
				t.Errorf("%s: newest change %q", name, cells[:4])
			}
			diff := within(rows[0], "li")
			want := []string{"Email: siti.aminah@magelangkota.go.id → siti@magelangkota.go.id", "Golongan: III/d → IV/a"}
			if name == "viewer" { // personal data is masked for a viewer: both e-mails read s•••@magelangkota.go.id
				want = want[1:]
			}
			if !slices.Equal(diff, want) {
				t.Errorf("%s: diff %q, want %q", name, diff, want)
			}
			created := within(rows[1], "li")
			if !slices.Contains(created, "Unit kerja: – → Bidang Mutasi dan Promosi") || slices.ContainsFunc(created, func(s string) bool { return strings.HasPrefix(s, "updatedAt") }) {
				t.Errorf("%s: creation %q", name, created)
			}
		}
		a.signIn("lain").get(a.profileURL(siti)).want(http.StatusNotFound)
	})
}

// within returns the text of each element below n that matches one selector
// part ("td", ".class").
func within(n *html.Node, part string) []string {
	var out []string
	walk(n, func(c *html.Node) {
		if c != n && matches(c, part) {
			out = append(out, textOf(c))
		}
	})
	return out
}

// The audit search is for agency admins: it filters the trail, pages, and
// exports the filtered entries as CSV, which itself goes into the trail.
func TestAuditSearch(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 3)
		siti := a.siti()
		form := sitiForm(siti)
		form.Set("golongan", "IV/a")
		a.signIn("operator").post(a.profileURL(siti)+"/ubah", form).want(http.StatusOK)
		search := "/a/kota-magelang/audit"

		admin := a.signIn("admin")
		p := admin.get(search).want(http.StatusOK)
		p.one("nav.nav a[href=" + search + "]")
		for _, c := range []struct {
			query string
			count string
		}{
			{"?entity=history", "Menampilkan 1–6 dari 6 catatan"},
			{"?entity=employee&action=update", "Menampilkan 1–1 dari 1 catatan"},
			{"?actor=operator", "Menampilkan 1–1 dari 1 catatan"},
			{"?actor=operator&from=2000-01-01&to=2000-12-31", ""},
		} {
			p := admin.get(search + c.query).want(http.StatusOK)
			if c.count == "" {
				p.one("p.empty")
				continue
			}
			if got := textOf(p.one(".result-count")); got != c.count {
				t.Errorf("%s: %q, want %q", c.query, got, c.count)
			}
		}
		p = admin.get(search + "?entity=employee&action=update").want(http.StatusOK)
		if diff := within(p.one("table.audit tbody tr"), "li"); !slices.Equal(diff, []string{"Golongan: III/d → IV/a"}) {
			t.Errorf("diff %q", diff)
		}
		if got := attr(p.one("select#f-entity option[selected]"), "value"); got != "employee" {
			t.Errorf("entity filter shows %q", got)
		}
		if got := attr(p.one(".actions a[download]"), "href"); got != search+".csv?action=update&entity=employee" {
			t.Errorf("export link %q", got)
		}

		csv := admin.get(search + ".csv?entity=history").want(http.StatusOK)
		if ct := csv.header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
			t.Errorf("export type %q", ct)
		}
		lines := strings.Split(strings.TrimSpace(csv.body), "\r\n")
		if len(lines) != 7 || !strings.HasPrefix(lines[0], "seq,at,actor_id,actor,action,entity") || !strings.Contains(lines[1], ",create,history,") {
			t.Errorf("export has %d lines: %q", len(lines), lines[:min(2, len(lines))])
		}
		exports, _, err := db.SearchAudit(testdb.System(), a.agency.ID, sqldb.AuditFilter{Action: "export"})
		if err != nil || len(exports) != 1 || exports[0].Actor != "admin" || exports[0].Entity != "audit_log" ||
			!strings.Contains(exports[0].After, `"entity":"history"`) || !strings.Contains(exports[0].After, `"count":6`) {
			t.Errorf("the export is not in the trail: %v %+v", err, exports)
		}
		p = admin.get(search + "?action=export").want(http.StatusOK)
		if got := within(p.one("table.audit tbody tr"), "td"); got[2] != "Ekspor" || got[3] != "Jejak audit" {
			t.Errorf("export entry shows %q", got)
		}

		for _, name := range []string{"operator", "viewer"} {
			u := a.signIn(name)
			if n := len(u.get("/a/kota-magelang").want(http.StatusOK).all("nav.nav a[href=" + search + "]")); n != 0 {
				t.Errorf("%s sees the audit link", name)
			}
			u.get(search).want(http.StatusForbidden)
			u.get(search + ".csv").want(http.StatusForbidden)
		}
		lain := a.signIn("lain")
		lain.get(search).want(http.StatusNotFound)
		lain.get(search + ".csv").want(http.StatusNotFound)
		if _, n, _ := db.SearchAudit(testdb.System(), a.agency.ID, sqldb.AuditFilter{Action: "export"}); n != 1 {
			t.Errorf("%d exports recorded, want only the admin's", n)
		}
	})
}
