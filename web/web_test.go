package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"merit/internal/testdb"
	"merit/sqldb"
)

func TestSignIn(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 10)

		// Anonymous visitors are sent to the sign-in form, and back afterwards.
		u := a.anonymous()
		p := u.get("/a/kota-magelang/pegawai").want(http.StatusOK)
		if p.path != "/masuk?next=%2Fa%2Fkota-magelang%2Fpegawai" {
			t.Fatalf("anonymous visitor landed on %s, want the sign-in form with next", p.path)
		}
		p.one("form[action=/masuk] input[name=username]")

		// Wrong password: the form again, a clear message, the username kept.
		p = u.post("/masuk", url.Values{"username": {"operator"}, "password": {"salah"}, "next": {"/a/kota-magelang/pegawai"}})
		p.want(http.StatusUnauthorized)
		if got := textOf(p.one(".alert-error")); got != "Nama pengguna atau kata sandi salah." {
			t.Errorf("error message %q", got)
		}
		if got := attr(p.one("input[name=username]"), "value"); got != "operator" {
			t.Errorf("username not kept: %q", got)
		}
		if got := attr(p.one("form[action=/masuk] input[name=next]"), "value"); got != "/a/kota-magelang/pegawai" {
			t.Errorf("next not kept: %q", got)
		}

		// Right password: straight to where they wanted to go.
		p = u.post("/masuk", url.Values{"username": {"operator"}, "password": {password}, "next": {"/a/kota-magelang/pegawai"}})
		p.want(http.StatusOK)
		if p.path != "/a/kota-magelang/pegawai" {
			t.Errorf("after sign-in at %s", p.path)
		}
		if got := textOf(p.one(".flash")); got != "Selamat datang, Pengguna operator." {
			t.Errorf("flash %q", got)
		}

		// Without next, a user of one agency lands on its dashboard; "/" goes there too.
		p = a.signIn("viewer").get("/").want(http.StatusOK)
		if p.path != "/a/kota-magelang" {
			t.Errorf("home of a one-agency user is %s", p.path)
		}

		// A user of two agencies chooses one, and has each agency's role there.
		ganda := a.signIn("ganda")
		p = ganda.get("/").want(http.StatusOK)
		if p.path != "/" {
			t.Errorf("home of a two-agency user is %s", p.path)
		}
		if got := p.texts(".agency-card .agency-card-name"); len(got) != 2 || got[0] != "Pemerintah Kabupaten Semarang" {
			t.Errorf("agency chooser lists %q", got)
		}
		p = ganda.get("/a/kab-semarang").want(http.StatusOK)
		if got := textOf(p.one(".user-role")); got != "Peninjau" || len(p.all("nav.nav a[href=/a/kab-semarang/impor]")) != 0 {
			t.Errorf("in kab-semarang ganda is %q with the import offered", got)
		}
		p = ganda.get("/a/kota-magelang").want(http.StatusOK)
		if got := textOf(p.one(".user-role")); got != "Operator" {
			t.Errorf("in kota-magelang ganda is %q", got)
		}

		// A next pointing elsewhere is ignored.
		u = a.anonymous()
		p = u.post("/masuk", url.Values{"username": {"viewer"}, "password": {password}, "next": {"//evil.example/x"}})
		if p.path != "/a/kota-magelang" {
			t.Errorf("next to another site led to %s", p.path)
		}

		// Sign-out ends the session.
		p = u.post("/keluar", nil).want(http.StatusOK)
		if p.path != "/masuk" {
			t.Errorf("after sign-out at %s", p.path)
		}
		if p = u.get("/a/kota-magelang"); !strings.HasPrefix(p.path, "/masuk") {
			t.Errorf("after sign-out the dashboard is still open: %s", p.path)
		}
	})
}

func TestDashboard(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 40)
		p := a.signIn("viewer").get("/a/kota-magelang").want(http.StatusOK)
		// 40 generated (every tenth PPPK) and Siti Aminah.
		for stat, want := range map[string]string{"total": "41", "pns": "37", "pppk": "4", "units": "3"} {
			if got := textOf(p.one("[data-stat=" + stat + "]")); got != want {
				t.Errorf("stat %s = %s, want %s", stat, got, want)
			}
		}
		charts := p.all("section.chart-card svg.chart")
		if len(charts) != 7 {
			t.Fatalf("%d charts, want 7", len(charts))
		}
		// Each chart names itself for screen readers, and each bar says its count.
		for _, c := range charts {
			if attr(c, "aria-label") == "" {
				t.Errorf("chart without a name")
			}
		}
		sum := 0
		for _, title := range p.texts("section.chart-card svg.chart g title") {
			if strings.HasPrefix(title, "Laki-laki: ") || strings.HasPrefix(title, "Perempuan: ") {
				var n int
				if _, err := fmt.Sscan(title[strings.Index(title, ": ")+2:], &n); err != nil {
					t.Fatal(err)
				}
				sum += n
			}
		}
		if sum != 41 {
			t.Errorf("the sex chart counts %d, want 41", sum)
		}
		// Golongan bars open the list filtered to them.
		if len(p.all("svg.chart a[href=/a/kota-magelang/pegawai?golongan=III%2Fd]")) != 1 {
			t.Errorf("no link from the III/d bar to the filtered list")
		}
	})
}
