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
