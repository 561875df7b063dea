package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"merit"
	"merit/auth"
	"merit/internal/testdb"
	"merit/server"
	"merit/sqldb"
	"merit/web"
)

// password is every test user's password.
const password = "rahasia-sekali-123"

// app is a running Merit server over a real database, with its log.
type app struct {
	t    *testing.T
	db   *sqldb.DB
	url  string
	logs *syncBuffer
	// The seeded agency "kota-magelang" and a second agency "kab-semarang".
	agency, other *merit.Agency
}

// syncBuffer is a log buffer safe to read while the server writes to it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newApp seeds the database (see seed) and serves the whole application,
// API and middleware included, as package server composes it.
func newApp(t *testing.T, db *sqldb.DB, employees int) *app {
	t.Helper()
	a := &app{t: t, db: db, logs: &syncBuffer{}}
	a.agency, a.other = seed(t, db, employees)
	logger := slog.New(slog.NewTextHandler(a.logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	sessions := auth.NewSessions(db, auth.Cheap)
	deps := server.Deps{DB: db, Sessions: sessions, Logger: logger}
	srv := &server.Server{DB: db, Sessions: sessions, Logger: logger, Web: web.New(deps)}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	a.url = ts.URL
	t.Cleanup(func() {
		if strings.Contains(a.logs.String(), "missing translation") || strings.Contains(a.logs.String(), "level=ERROR") {
			t.Errorf("server log has problems:\n%s", a.logs.String())
		}
	})
	return a
}

// seed creates two agencies. "kota-magelang" has a unit tree of three OPD
// with bidang below them, positions of every kind, n generated employees
// (deterministic) plus Siti Aminah with a history of every kind, and the
// users admin, operator and viewer. "kab-semarang" has one employee and the
// user "lain" (admin there, nothing in kota-magelang). "ganda" is operator in
// kota-magelang and viewer in kab-semarang.
func seed(t *testing.T, db *sqldb.DB, n int) (*merit.Agency, *merit.Agency) {
	t.Helper()
	ctx := testdb.System()
	a := &merit.Agency{Code: "kota-magelang", Name: "Pemerintah Kota Magelang", Kind: "KOTA"}
	b := &merit.Agency{Code: "kab-semarang", Name: "Pemerintah Kabupaten Semarang", Kind: "KABUPATEN"}
	for _, ag := range []*merit.Agency{a, b} {
		if err := db.CreateAgency(ctx, ag); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Bulk(ctx, a.ID, merit.PermWrite, func(bk *sqldb.Bulk) error { return generate(ctx, bk, n) }); err != nil {
		t.Fatal(err)
	}
	siti := &merit.Employee{AgencyID: a.ID, NIP: "198807152012032001", Name: "Siti Aminah", GelarBelakang: "S.Psi., M.M.",
		BirthPlace: "Magelang", BirthDate: merit.MustDate("1988-07-15"), Sex: merit.SexFemale, Religion: "ISLAM",
		Status: "PNS", TMTCPNS: merit.MustDate("2012-03-01"), Golongan: "III/d", TMTGolongan: merit.MustDate("2022-04-01"),
		Education: "S2", Email: "siti.aminah@magelangkota.go.id", Phone: "0812-2700-1234"}
	positions, err := db.FindPositions(ctx, a.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range positions {
		if p.Name == "Analis SDM Aparatur Ahli Muda" {
			siti.PositionID, siti.UnitID = p.ID, p.UnitID
			siti.TMTJabatan = merit.MustDate("2021-01-04")
		}
	}
	if err := db.CreateEmployee(ctx, siti); err != nil {
		t.Fatal(err)
	}
	for _, h := range []*merit.HistoryEntry{
		{Kind: merit.HistJabatan, Title: "Analis SDM Aparatur Ahli Pertama", Ref: "JF_KEAHLIAN", Place: "BKPSDM", Start: merit.MustDate("2016-05-02"), End: merit.MustDate("2021-01-03"), DocNumber: "821/045/2016"},
		{Kind: merit.HistGolongan, Ref: "III/c", Start: merit.MustDate("2018-04-01"), DocNumber: "823.3/112/2018"},
		{Kind: merit.HistPendidikan, Ref: "S2", Title: "Manajemen SDM", Place: "Universitas Gadjah Mada", End: merit.MustDate("2015-08-20")},
		{Kind: merit.HistDiklat, Ref: "KEPEMIMPINAN", Title: "Pelatihan Kepemimpinan Pengawas", Place: "BPSDMD Jawa Tengah", Start: merit.MustDate("2019-03-04"), End: merit.MustDate("2019-05-10"), Hours: 240},
		{Kind: merit.HistHukdis, Ref: "TEGURAN_LISAN", Title: "Terlambat masuk kerja", Start: merit.MustDate("2017-02-01"), DocNumber: "862/01/2017"},
		{Kind: merit.HistPenghargaan, Title: "Satyalancana Karya Satya X Tahun", Place: "Presiden RI", Start: merit.MustDate("2022-08-17")},
	} {
		h.AgencyID, h.EmployeeID = a.ID, siti.ID
		if err := db.CreateHistory(ctx, h); err != nil {
			t.Fatalf("history %s: %v", h.Kind, err)
		}
	}
	bu := &merit.Unit{AgencyID: b.ID, Name: "Sekretariat Daerah"}
	if err := db.CreateUnit(ctx, bu); err != nil {
		t.Fatal(err)
	}
	other := testdb.Employee(b.ID, 7)
	other.UnitID = bu.ID
	if err := db.CreateEmployee(ctx, other); err != nil {
		t.Fatal(err)
	}
	grant := func(ag *merit.Agency, r merit.Role) merit.Grant {
		return merit.Grant{AgencyID: ag.ID, AgencyCode: ag.Code, Role: r}
	}
	for _, u := range []struct {
		name   string
		grants []merit.Grant
	}{
		{"admin", []merit.Grant{grant(a, merit.RoleAdmin)}}, {"operator", []merit.Grant{grant(a, merit.RoleOperator)}},
		{"viewer", []merit.Grant{grant(a, merit.RoleViewer)}}, {"lain", []merit.Grant{grant(b, merit.RoleAdmin)}},
		{"ganda", []merit.Grant{grant(a, merit.RoleOperator), grant(b, merit.RoleViewer)}},
	} {
		hash, err := auth.HashPassword(password, auth.Cheap)
		if err != nil {
			t.Fatal(err)
		}
		user := &merit.User{Username: u.name, Name: "Pengguna " + u.name, Grants: u.grants}
		if err := db.CreateUser(ctx, user, hash); err != nil {
			t.Fatal(err)
		}
	}
	return a, b
}

// units are the seeded unit tree: OPD → bidang, with the positions of each.
var units = []struct {
	opd, unit string
	positions []merit.Position
}{
	{"Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "", []merit.Position{
		{Name: "Kepala Badan", Jenis: "JPT_PRATAMA"}, {Name: "Pengadministrasi Perkantoran", Jenis: "PELAKSANA"}}},
	{"Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "Bidang Mutasi dan Promosi", []merit.Position{
		{Name: "Kepala Bidang Mutasi dan Promosi", Jenis: "ADMINISTRATOR"},
		{Name: "Analis SDM Aparatur Ahli Muda", Jenis: "JF_KEAHLIAN", Jenjang: "AHLI_MUDA"},
		{Name: "Penata Layanan Operasional", Jenis: "PELAKSANA"}}},
	{"Dinas Kesehatan", "", []merit.Position{{Name: "Kepala Dinas Kesehatan", Jenis: "JPT_PRATAMA"}}},
	{"Dinas Kesehatan", "Puskesmas Magelang Utara", []merit.Position{
		{Name: "Perawat Terampil", Jenis: "JF_KETERAMPILAN", Jenjang: "TERAMPIL"},
		{Name: "Dokter Ahli Pertama", Jenis: "JF_KEAHLIAN", Jenjang: "AHLI_PERTAMA"},
		{Name: "Kepala Subbagian Tata Usaha", Jenis: "PENGAWAS"}}},
	{"Dinas Pendidikan dan Kebudayaan", "", []merit.Position{{Name: "Kepala Dinas Pendidikan dan Kebudayaan", Jenis: "JPT_PRATAMA"}}},
	{"Dinas Pendidikan dan Kebudayaan", "SD Negeri Kramat 1", []merit.Position{
		{Name: "Guru Ahli Pertama", Jenis: "JF_KEAHLIAN", Jenjang: "AHLI_PERTAMA"},
		{Name: "Guru Ahli Muda", Jenis: "JF_KEAHLIAN", Jenjang: "AHLI_MUDA"}}},
}

var (
	maleNames   = []string{"Budi", "Agus", "Ahmad", "Joko", "Hendra", "Rizky", "Dedi", "Eko", "Fajar", "Bambang", "Slamet", "Wahyu", "Arif", "Yusuf", "Dimas"}
	femaleNames = []string{"Dewi", "Sri", "Rina", "Ani", "Lestari", "Nur", "Wulan", "Fitri", "Ratna", "Yuni", "Endang", "Indah", "Putri", "Ayu", "Rahma"}
	familyNames = []string{"Santoso", "Wibowo", "Hidayat", "Saputra", "Rahayu", "Kurniawan", "Setiawan", "Pratama", "Susanti", "Nugroho", "Handayani", "Purnomo", "Maharani", "Wijaya", "Prasetyo"}
)

// generate writes the unit tree and n plausible employees in one batch. The
// same n always gives the same employees.
func generate(ctx context.Context, b *sqldb.Bulk, n int) error {
	ref, err := b.Reference(ctx)
	if err != nil {
		return err
	}
	var posIDs []int64
	unitOf := map[int64]int64{}
	for _, u := range units {
		id, err := b.Unit(ctx, "", u.opd)
		if err != nil {
			return err
		}
		if u.unit != "" {
			if id, err = b.Unit(ctx, u.opd, u.unit); err != nil {
				return err
			}
		}
		for _, p := range u.positions {
			p.UnitID = id
			pid, err := b.Position(ctx, &p)
			if err != nil {
				return err
			}
			posIDs = append(posIDs, pid)
			unitOf[pid] = id
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	today := b.Today()
	for i := range n {
		e := &merit.Employee{Religion: "ISLAM", Status: "PNS", BirthPlace: "Magelang"}
		birth := merit.NewDate(1966+rng.IntN(34), time.Month(1+rng.IntN(12)), 1+rng.IntN(28))
		e.BirthDate = birth
		first := maleNames
		e.Sex = merit.SexMale
		sexDigit := 1
		if rng.IntN(2) == 0 {
			first, e.Sex, sexDigit = femaleNames, merit.SexFemale, 2
		}
		e.Name = first[rng.IntN(len(first))] + " " + familyNames[rng.IntN(len(familyNames))]
		e.Education = []string{"SMA", "D3", "S1", "S1", "S1", "S2"}[rng.IntN(6)]
		tmt := merit.NewDate(min(birth.Year()+23+rng.IntN(6), today.Year()-2), time.Month(1+rng.IntN(12)), 1)
		e.TMTCPNS = tmt
		seq := i%998 + 1
		switch {
		case i%10 == 9:
			e.Status, e.Golongan = "PPPK", []string{"V", "VII", "IX"}[rng.IntN(3)]
			e.NIP = fmt.Sprintf("%04d%02d%02d%04d21%d%03d", birth.Year(), birth.Month(), birth.Day(), tmt.Year(), sexDigit, seq)
		default:
			e.Golongan = []string{"II/c", "III/a", "III/b", "III/c", "III/d", "IV/a"}[rng.IntN(6)]
			e.NIP = fmt.Sprintf("%04d%02d%02d%04d%02d%d%03d", birth.Year(), birth.Month(), birth.Day(), tmt.Year(), tmt.Month(), sexDigit, seq)
		}
		e.TMTGolongan = merit.NewDate(tmt.Year()+rng.IntN(today.Year()-tmt.Year()), 4, 1)
		if e.TMTGolongan.Before(tmt) {
			e.TMTGolongan = tmt
		}
		e.PositionID = posIDs[rng.IntN(len(posIDs))]
		e.UnitID = unitOf[e.PositionID]
		e.TMTJabatan = e.TMTGolongan
		if err := e.Validate(ref, today); err != nil {
			return fmt.Errorf("generated employee %d: %w", i, err)
		}
		if _, err := b.Upsert(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

// user is a browser session of one test user: a cookie jar over the app.
type user struct {
	app *app
	c   *http.Client
}

// anonymous returns a visitor who has not signed in.
func (a *app) anonymous() *user {
	jar, _ := cookiejar.New(nil)
	return &user{app: a, c: &http.Client{Jar: jar}}
}

// signIn returns a user signed in through the sign-in form.
func (a *app) signIn(name string) *user {
	a.t.Helper()
	u := a.anonymous()
	p := u.post("/masuk", url.Values{"username": {name}, "password": {password}})
	if p.status != http.StatusOK || strings.HasPrefix(p.path, "/masuk") {
		a.t.Fatalf("sign in as %s: status %d at %s", name, p.status, p.path)
	}
	return u
}

// page is a response read as a person would: where they landed, its status
// and its HTML.
type page struct {
	t      *testing.T
	status int
	path   string // the final URL's path and query, after redirects
	body   string
	doc    *html.Node
	header http.Header
}

func (u *user) do(req *http.Request) *page {
	u.app.t.Helper()
	resp, err := u.c.Do(req)
	if err != nil {
		u.app.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		u.app.t.Fatal(err)
	}
	p := &page{t: u.app.t, status: resp.StatusCode, path: resp.Request.URL.RequestURI(), body: string(b), header: resp.Header}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		if p.doc, err = html.Parse(bytes.NewReader(b)); err != nil {
			u.app.t.Fatal(err)
		}
	}
	return p
}

func (u *user) get(path string) *page {
	u.app.t.Helper()
	req, _ := http.NewRequest("GET", u.app.url+path, nil)
	return u.do(req)
}

func (u *user) post(path string, form url.Values) *page {
	u.app.t.Helper()
	req, _ := http.NewRequest("POST", u.app.url+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return u.do(req)
}

// postFile posts a multipart form with the fields and a file, as the
// upload form does.
func (u *user) postFile(path, name string, content []byte, fields url.Values) *page {
	u.app.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		u.app.t.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	req, _ := http.NewRequest("POST", u.app.url+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return u.do(req)
}

// want fails the test unless the page has the status.
func (p *page) want(status int) *page {
	p.t.Helper()
	if p.status != status {
		p.t.Fatalf("%s: status %d, want %d\n%s", p.path, p.status, status, p.text())
	}
	return p
}

// all returns the elements matching a simple selector: space-separated
// compound parts, each "tag", ".class", "#id", "[attr]" or "[attr=value]"
// combined (e.g. "table.employees tbody tr", "a[href=/masuk]").
func (p *page) all(sel string) []*html.Node {
	if p.doc == nil {
		p.t.Fatalf("%s: not an HTML page", p.path)
	}
	nodes := []*html.Node{p.doc}
	for _, part := range strings.Fields(sel) {
		var next []*html.Node
		seen := map[*html.Node]bool{}
		for _, n := range nodes {
			walk(n, func(c *html.Node) {
				if c != n && !seen[c] && matches(c, part) {
					seen[c] = true
					next = append(next, c)
				}
			})
		}
		nodes = next
	}
	return nodes
}

// one returns the only element matching sel.
func (p *page) one(sel string) *html.Node {
	p.t.Helper()
	ns := p.all(sel)
	if len(ns) != 1 {
		p.t.Fatalf("%s: %d elements match %q, want 1", p.path, len(ns), sel)
	}
	return ns[0]
}

// text returns the visible text of the page's <main>, spaces collapsed.
func (p *page) text() string {
	if p.doc == nil {
		return p.body
	}
	if m := p.all("main"); len(m) == 1 {
		return textOf(m[0])
	}
	return textOf(p.doc)
}

func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func matches(n *html.Node, part string) bool {
	if n.Type != html.ElementNode {
		return false
	}
	for part != "" {
		end := strings.IndexAny(part[1:], ".#[") + 1
		if end == 0 {
			end = len(part)
		}
		tok := part[:end]
		part = part[end:]
		switch tok[0] {
		case '.':
			if !strings.Contains(" "+attr(n, "class")+" ", " "+tok[1:]+" ") {
				return false
			}
		case '#':
			if attr(n, "id") != tok[1:] {
				return false
			}
		case '[':
			// A value may contain the separators: take the rest up to "]".
			if i := strings.IndexByte(tok+part, ']'); i > 0 {
				tok, part = (tok + part)[:i+1], (tok + part)[i+1:]
			}
			name, val, hasVal := strings.Cut(strings.Trim(tok, "[]"), "=")
			got, ok := attrOK(n, name)
			if !ok || hasVal && got != val {
				return false
			}
		default:
			if n.Data != tok {
				return false
			}
		}
	}
	return true
}

func attrOK(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

func attr(n *html.Node, name string) string {
	v, _ := attrOK(n, name)
	return v
}

// textOf returns the text inside n with runs of white space collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
			b.WriteByte(' ')
		}
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// texts returns the text of each element matching sel.
func (p *page) texts(sel string) []string {
	var out []string
	for _, n := range p.all(sel) {
		out = append(out, textOf(n))
	}
	return out
}
