package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

const sitiNIP = "198807152012032001"

// siti returns the seeded employee with a history of every kind.
func (a *app) siti() *merit.Employee {
	a.t.Helper()
	e, err := a.db.FindEmployeeByNIP(testdb.System(), a.agency.ID, sitiNIP)
	if err != nil {
		a.t.Fatal(err)
	}
	return e
}

func (a *app) profileURL(e *merit.Employee) string {
	return fmt.Sprintf("/a/%s/pegawai/%d", a.agency.Code, e.ID)
}

func TestEmployeeList(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 60)
		u := a.signIn("viewer")
		list := "/a/kota-magelang/pegawai"

		p := u.get(list).want(http.StatusOK)
		if got := textOf(p.one(".result-count")); got != "Menampilkan 1–50 dari 61 pegawai" {
			t.Errorf("count line %q", got)
		}
		if n := len(p.all("table.employees tbody tr")); n != 50 {
			t.Errorf("page 1 has %d rows, want 50", n)
		}
		if got := p.texts(".pager li"); !slices.Equal(got, []string{"1", "2"}) {
			t.Errorf("pager %q", got)
		}
		if attr(p.one(".pager a[rel=next]"), "href") != list+"?page=2" {
			t.Errorf("next link %q", attr(p.one(".pager a[rel=next]"), "href"))
		}
		// Sorted by name by default.
		names := p.texts("table.employees tbody td.cell-name")
		if !slices.IsSortedFunc(names, func(x, y string) int { return strings.Compare(strings.ToLower(x), strings.ToLower(y)) }) {
			t.Errorf("names not in order: %q", names[:5])
		}

		p = u.get(list + "?page=2").want(http.StatusOK)
		if n := len(p.all("table.employees tbody tr")); n != 11 {
			t.Errorf("page 2 has %d rows, want 11", n)
		}
		if got := textOf(p.one(".pager .current")); got != "2" {
			t.Errorf("current page %q", got)
		}

		// Search by part of the name, any case, and by the start of the NIP.
		siti := a.siti()
		for _, q := range []string{"siti ami", "AMINAH", "19880715"} {
			p = u.get(list + "?q=" + url.QueryEscape(q)).want(http.StatusOK)
			rows := p.all("table.employees tbody tr")
			if len(rows) != 1 || attr(p.one("table.employees td.cell-name a"), "href") != a.profileURL(siti) {
				t.Errorf("search %q: %d rows, want Siti Aminah linked to her profile", q, len(rows))
			}
			if got := attr(p.one("input#q"), "value"); got != q {
				t.Errorf("search box shows %q, want %q", got, q)
			}
		}

		// Filters: status, golongan, and a unit with the units below it.
		p = u.get(list + "?status=PPPK").want(http.StatusOK)
		if got := textOf(p.one(".result-count")); got != "Menampilkan 1–6 dari 6 pegawai" {
			t.Errorf("PPPK: %q", got)
		}
		for _, row := range p.all("table.employees tbody tr") {
			cells := childElements(row, "td")
			if got := textOf(cells[5]); got != "PPPK" {
				t.Errorf("PPPK filter shows status %q", got)
			}
		}
		p = u.get(list + "?golongan=III%2Fd").want(http.StatusOK)
		for _, row := range p.all("table.employees tbody tr") {
			if got := textOf(childElements(row, "td")[2]); got != "III/d" {
				t.Errorf("III/d filter shows golongan %q", got)
			}
		}
		units, err := db.FindUnits(testdb.System(), a.agency.ID)
		if err != nil {
			t.Fatal(err)
		}
		var bkpsdm, bidang *merit.Unit
		for _, un := range units {
			switch un.Name {
			case "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia":
				bkpsdm = un
			case "Bidang Mutasi dan Promosi":
				bidang = un
			}
		}
		p = u.get(fmt.Sprintf("%s?unit=%d", list, bkpsdm.ID)).want(http.StatusOK)
		if got := textOf(p.one(".result-count")); !strings.HasSuffix(got, fmt.Sprintf("dari %d pegawai", bkpsdm.Total)) {
			t.Errorf("unit filter: %q, want %d employees (the unit and its bidang)", got, bkpsdm.Total)
		}
		if !slices.Contains(p.texts("table.employees td.cell-name"), "Siti Aminah, S.Psi., M.M.") {
			t.Errorf("Siti Aminah of %s is not listed under its OPD", bidang.Name)
		}
		if got := attr(p.one("select#f-unit option[selected]"), "value"); got != fmt.Sprint(bkpsdm.ID) {
			t.Errorf("unit select shows %q", got)
		}

		// Sorting by a column header, then the other way round.
		p = u.get(list + "?sort=nip&dir=desc").want(http.StatusOK)
		nips := p.texts("table.employees tbody td.mono")
		if !slices.IsSortedFunc(nips, func(x, y string) int { return strings.Compare(y, x) }) {
			t.Errorf("NIPs not descending: %q", nips[:3])
		}
		th := p.one("th[aria-sort=descending] a")
		if textOf(th) != "NIP" || attr(th, "href") != list+"?sort=nip" {
			t.Errorf("sorted header %q links to %q", textOf(th), attr(th, "href"))
		}

		// Nothing found: a clear state and a way back.
		p = u.get(list + "?q=tidak+ada+orangnya").want(http.StatusOK)
		p.one("#no-results a[href=" + list + "]")
		if len(p.all("table.employees")) != 0 {
			t.Errorf("empty result still shows a table")
		}

		// Nonsense in the query string still shows a list.
		p = u.get(list + "?sort=password&page=abc&unit=x&dir=sideways").want(http.StatusOK)
		if n := len(p.all("table.employees tbody tr")); n != 50 {
			t.Errorf("odd query: %d rows", n)
		}
	})
}

// childElements returns n's child elements of the tag.
func childElements(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == tag {
			out = append(out, c)
		}
	}
	return out
}

func TestProfile(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 5)
		siti := a.siti()

		p := a.signIn("operator").get(a.profileURL(siti)).want(http.StatusOK)
		if got := textOf(p.one("h1")); got != "Siti Aminah, S.Psi., M.M." {
			t.Errorf("heading %q", got)
		}
		facts := map[string]string{}
		for _, f := range p.all("dl.facts .fact") {
			facts[textOf(childElements(f, "dt")[0])] = textOf(childElements(f, "dd")[0])
		}
		for label, want := range map[string]string{
			"NIP": sitiNIP, "Tempat, tanggal lahir": "Magelang, 15 Juli 1988", "Jenis kelamin": "Perempuan",
			"Golongan": "III/d – Penata Tingkat I", "Jabatan": "Analis SDM Aparatur Ahli Muda (JF Keahlian)",
			"Unit kerja": "Bidang Mutasi dan Promosi", "Pendidikan terakhir": "S-2", "Gelar depan": "–",
			"Email": "siti.aminah@magelangkota.go.id",
		} {
			if facts[label] != want {
				t.Errorf("%s = %q, want %q", label, facts[label], want)
			}
		}
		// Every history kind has its section with its entry.
		for _, kind := range merit.HistoryKinds {
			s := p.one("section#riwayat-" + kind)
			rows := (&page{t: t, doc: s}).all("tbody tr")
			if len(rows) != 1 {
				t.Errorf("%s: %d entries, want 1", kind, len(rows))
			}
		}
		diklat := (&page{t: t, doc: p.one("section#riwayat-diklat")}).texts("tbody td")
		for _, want := range []string{"Kepemimpinan", "Pelatihan Kepemimpinan Pengawas", "4 Maret 2019", "10 Mei 2019", "240"} {
			if !slices.Contains(diklat, want) {
				t.Errorf("diklat row %q lacks %q", diklat, want)
			}
		}
		// An operator gets edit controls for the employee and each entry.
		p.one(".actions a[href=" + a.profileURL(siti) + "/ubah]")
		p.one("section#riwayat-golongan a[href=" + a.profileURL(siti) + "/riwayat/golongan/baru]")
		if n := len(p.all("td.row-actions a")); n != 12 {
			t.Errorf("%d entry edit/delete links, want 12", n)
		}

		// A viewer sees the same data and no controls.
		p = a.signIn("viewer").get(a.profileURL(siti)).want(http.StatusOK)
		if n := len(p.all("section.history tbody tr")); n != 6 {
			t.Errorf("viewer sees %d entries", n)
		}
		edits := 0
		for _, l := range p.all("a") {
			if strings.HasSuffix(attr(l, "href"), "/ubah") || strings.HasSuffix(attr(l, "href"), "/hapus") || strings.HasSuffix(attr(l, "href"), "/baru") {
				edits++
			}
		}
		if n := edits + len(p.all(".row-actions")); n != 0 {
			t.Errorf("viewer sees %d edit controls", n)
		}
	})
}
