package web_test

import (
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"merit/auth"
	"merit/i18n"
	"merit/internal/testdb"
	"merit/sqldb"
)

// Every page renders in both languages: status 200 (or the status the page
// is about), the document's language set, and no translation missing (the
// server logs each missing key; newApp fails the test on any).
func TestPagesInBothLanguages(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 12)
		siti := a.siti()
		entries, err := db.FindHistory(testdb.System(), a.agency.ID, siti.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		s := a.profileURL(siti)
		pages := map[string]int{
			"/masuk": http.StatusOK, "/a/kota-magelang": http.StatusOK, "/a/kota-magelang/pegawai": http.StatusOK,
			"/a/kota-magelang/pegawai?q=tidak-ada": http.StatusOK, "/a/kota-magelang/pegawai?page=1&sort=golongan&dir=desc": http.StatusOK,
			s: http.StatusOK, s + "/ubah": http.StatusOK, s + "/hapus": http.StatusOK,
			"/a/kota-magelang/pegawai/baru": http.StatusOK, "/a/kota-magelang/unit": http.StatusOK,
			fmt.Sprintf("/a/kota-magelang/unit/%d/ubah", siti.UnitID): http.StatusOK,
			"/a/kota-magelang/impor":                                  http.StatusOK, "/a/tidak-ada": http.StatusNotFound,
			"/a/kota-magelang/audit": http.StatusOK, "/a/kota-magelang/audit?entity=employee&action=update&page=2": http.StatusOK,
		}
		for _, e := range entries {
			pages[fmt.Sprintf("%s/riwayat/%s/baru", s, e.Kind)] = http.StatusOK
			pages[fmt.Sprintf("%s/riwayat/%s/%d/ubah", s, e.Kind, e.ID)] = http.StatusOK
			pages[fmt.Sprintf("%s/riwayat/%s/%d/hapus", s, e.Kind, e.ID)] = http.StatusOK
		}
		for _, lang := range i18n.Languages {
			u := a.signIn("admin")
			u.c.Jar.SetCookies(mustURL(a.url), []*http.Cookie{{Name: "lang", Value: lang, Path: "/"}})
			// An import report, and the form's own error states.
			job := u.postFile("/a/kota-magelang/impor", "pegawai.csv", []byte(csvHeader+"\n1234,Tanpa NIP\n"), nil)
			pages[job.path] = http.StatusOK
			for path, want := range pages {
				p := u.get(path)
				if p.status != want {
					t.Errorf("%s %s: status %d, want %d", lang, path, p.status, want)
					continue
				}
				if got := attr(p.one("html"), "lang"); got != lang {
					t.Errorf("%s %s: <html lang=%q>", lang, path, got)
				}
				if title := textOf(p.one("head title")); !strings.HasSuffix(title, " · Merit") || len(title) < 10 {
					t.Errorf("%s %s: title %q", lang, path, title)
				}
			}
			u.post("/a/kota-magelang/pegawai/baru", url.Values{}).want(http.StatusUnprocessableEntity)
			u.post("/a/kota-magelang/unit", url.Values{}).want(http.StatusUnprocessableEntity)
			u.postFile("/a/kota-magelang/impor", "pegawai.txt", []byte("x"), nil).want(http.StatusUnprocessableEntity)
			u.post(s+"/riwayat/hukdis/baru", url.Values{}).want(http.StatusUnprocessableEntity)
			u.get("/a/tidak-ada").want(http.StatusNotFound)
		}
		// An English page is in English.
		u := a.signIn("viewer")
		u.c.Jar.SetCookies(mustURL(a.url), []*http.Cookie{{Name: "lang", Value: "en", Path: "/"}})
		p := u.get("/a/kota-magelang/pegawai")
		if got := textOf(p.one(".result-count")); got != "Showing 1–13 of 13 employees" {
			t.Errorf("English count line %q", got)
		}
		if got := textOf(p.one("nav.nav a[aria-current=page]")); got != "Employees" {
			t.Errorf("English menu %q", got)
		}
	})
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

// The language toggle sets a cookie, stores the choice in the session and
// returns to the page it was pressed on.
func TestLanguageToggle(t *testing.T) {
	a := newApp(t, testdb.Open(t, sqldb.SQLite), 2)
	u := a.signIn("operator")
	p := u.post("/bahasa", url.Values{"lang": {"en"}, "next": {"/a/kota-magelang/unit"}}).want(http.StatusOK)
	if p.path != "/a/kota-magelang/unit" || attr(p.one("html"), "lang") != "en" {
		t.Fatalf("after the toggle at %s in %q", p.path, attr(p.one("html"), "lang"))
	}
	if got := attr(p.one(".lang button[aria-pressed=true]"), "value"); got != "en" {
		t.Errorf("toggle shows %q pressed", got)
	}
	// Another browser with only the session cookie (no lang cookie) gets
	// the session's language.
	var session *http.Cookie
	for _, c := range u.c.Jar.Cookies(mustURL(a.url)) {
		if c.Name == auth.CookieName {
			session = c
		}
	}
	jar, _ := cookiejar.New(nil)
	jar.SetCookies(mustURL(a.url), []*http.Cookie{session})
	other := &user{app: a, c: &http.Client{Jar: jar}}
	if got := attr(other.get("/a/kota-magelang").one("html"), "lang"); got != "en" {
		t.Errorf("session language not used: %q", got)
	}
	// The toggle does not redirect to other sites.
	p = u.post("/bahasa", url.Values{"lang": {"id"}, "next": {"https://evil.example/"}})
	if p.path != "/a/kota-magelang" || attr(p.one("html"), "lang") != "id" {
		t.Errorf("toggle with a foreign next landed on %s", p.path)
	}
}

// Static files are served under content-hashed URLs with long cache
// headers; other URLs under /static/ do not exist.
func TestStaticFiles(t *testing.T) {
	a := newApp(t, testdb.Open(t, sqldb.SQLite), 0)
	u := a.anonymous()
	p := u.get("/masuk").want(http.StatusOK)
	css := attr(p.one("link[rel=stylesheet]"), "href")
	js := attr(p.one("script"), "src")
	for _, path := range []string{css, js, attr(p.one("link[rel=icon]"), "href")} {
		r := u.get(path).want(http.StatusOK)
		if r.header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Errorf("%s: Cache-Control %q", path, r.header.Get("Cache-Control"))
		}
	}
	if ct := u.get(css).header.Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
		t.Errorf("CSS served as %q", ct)
	}
	u.get("/static/app.css").want(http.StatusNotFound)
	u.get(strings.Replace(css, ".css", "x.css", 1)).want(http.StatusNotFound)
	// Pages are never cached; the CSP forbids inline styles and scripts, so
	// pages have none.
	if cc := p.header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("page Cache-Control %q", cc)
	}
	for _, n := range p.all("*") {
		if _, ok := attrOK(n, "style"); ok || n.Data == "style" || n.Data == "script" && attr(n, "src") == "" {
			t.Errorf("inline style or script in <%s>", n.Data)
		}
	}
}
