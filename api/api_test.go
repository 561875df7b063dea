package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"merit"
	"merit/auth"
	"merit/internal/testdb"
	"merit/pdfdoc"
	"merit/server"
	"merit/sqldb"
	"merit/web"
)

const password = "kata-sandi-uji"

// fixture is a running server (the whole server.Handler, middleware
// included) over a real database with two agencies, A and B, and users:
// op-a (operator of A), view-a (viewer of A), op-b (operator of B).
type fixture struct {
	t            *testing.T
	db           *sqldb.DB
	url          string
	a, b         *merit.Agency
	unitA, unitB *merit.Unit
	logs         *syncBuffer
	handler      http.Handler // the server's whole handler, for requests no client would send
}

// syncBuffer collects the server's log; the server writes from its own
// goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newFixture(t *testing.T, db *sqldb.DB) *fixture {
	t.Helper()
	f := &fixture{t: t, db: db, logs: &syncBuffer{}}
	f.a, f.unitA = testdb.Agency(t, db, "kota-a")
	f.b, f.unitB = testdb.Agency(t, db, "kota-b")
	f.addUser("op-a", f.a.ID, merit.RoleOperator)
	f.addUser("view-a", f.a.ID, merit.RoleViewer)
	f.addUser("op-b", f.b.ID, merit.RoleOperator)
	sessions := auth.NewSessions(db, auth.Cheap)
	logger := slog.New(slog.NewTextHandler(f.logs, nil))
	regular, bold := web.PDFFonts()
	deps := server.Deps{DB: db, Sessions: sessions, Logger: logger, PDFFonts: pdfdoc.Fonts{Regular: regular, Bold: bold}}
	srv := &server.Server{DB: db, Sessions: sessions, Logger: logger, API: New(deps)}
	f.handler = srv.Handler()
	ts := httptest.NewServer(f.handler)
	f.url = ts.URL
	t.Cleanup(func() {
		ts.Close()
		if strings.Contains(f.logs.String(), "internal error") || strings.Contains(f.logs.String(), "panic") {
			t.Errorf("the server logged an internal error:\n%s", f.logs)
		}
	})
	return f
}

func (f *fixture) addUser(username string, agencyID int64, role merit.Role) {
	f.t.Helper()
	hash, err := auth.HashPassword(password, auth.Cheap)
	if err != nil {
		f.t.Fatal(err)
	}
	u := &merit.User{Username: username, Name: "User " + username, Grants: []merit.Grant{{AgencyID: agencyID, Role: role}}}
	if err := f.db.CreateUser(testdb.System(), u, hash); err != nil {
		f.t.Fatal(err)
	}
}

// client is a browser-like API client: it keeps cookies and sends
// Sec-Fetch-Site: same-origin on unsafe requests, as browsers do.
type client struct {
	t      *testing.T
	url    string
	hc     *http.Client
	header http.Header
}

func (f *fixture) anon() *client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		f.t.Fatal(err)
	}
	return &client{t: f.t, url: f.url, hc: &http.Client{Jar: jar}, header: http.Header{}}
}

// signIn returns a client signed in through POST /api/v1/session.
func (f *fixture) signIn(username string) *client {
	f.t.Helper()
	c := f.anon()
	var u merit.User
	c.call("POST", "/api/v1/session", map[string]string{"username": username, "password": password}, http.StatusOK, &u)
	if u.Username != username {
		f.t.Fatalf("sign in as %s: got user %q", username, u.Username)
	}
	return c
}

// send sends a request; body is JSON-encoded unless it is a string (sent
// as is).
func (c *client) send(method, path string, body any) (*http.Response, []byte) {
	c.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			c.t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, c.url+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	for k, v := range c.header {
		req.Header[k] = v
	}
	if rd != nil && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if method != http.MethodGet && method != http.MethodHead && req.Header.Get("Sec-Fetch-Site") == "" {
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
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

// call sends a request, checks the status and decodes the body into out.
func (c *client) call(method, path string, body any, want int, out any) *http.Response {
	c.t.Helper()
	resp, data := c.send(method, path, body)
	if resp.StatusCode != want {
		c.t.Fatalf("%s %s: status %d, want %d; body: %s", method, path, resp.StatusCode, want, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			c.t.Fatalf("%s %s: decode %s: %v", method, path, data, err)
		}
	}
	return resp
}

// fail sends a request that must fail with status and returns its problem
// document.
func (c *client) fail(method, path string, body any, status int) *problem {
	c.t.Helper()
	var p problem
	resp := c.call(method, path, body, status, &p)
	if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
		c.t.Errorf("%s %s: Content-Type %q, want application/problem+json", method, path, ct)
	}
	if p.Status != status || p.Code == "" || p.Detail == "" {
		c.t.Errorf("%s %s: incomplete problem %+v", method, path, p)
	}
	return &p
}

// hasField reports whether the problem names the field with the rule code.
func (p *problem) hasField(field, code string) bool {
	for _, e := range p.Errors {
		if e.Field == field && e.Code == code && e.Message != "" && e.Message != code {
			return true
		}
	}
	return false
}

func employeeBody(seq int) *merit.Employee { return testdb.Employee(0, seq) }

func (f *fixture) createEmployee(c *client, agency string, e *merit.Employee) *merit.Employee {
	f.t.Helper()
	var got merit.Employee
	c.call("POST", "/api/v1/agencies/"+agency+"/employees", e, http.StatusCreated, &got)
	return &got
}

func TestSession(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		anon := f.anon()
		for _, path := range []string{"/api/v1/me", "/api/v1/agencies", "/api/v1/agencies/kota-a", "/api/v1/agencies/kota-a/employees",
			"/api/v1/agencies/kota-a/employees/1", "/api/v1/agencies/nowhere/stats"} {
			if p := anon.fail("GET", path, nil, http.StatusUnauthorized); p.Code != "err.unauthenticated" {
				t.Errorf("GET %s without a session: code %q", path, p.Code)
			}
		}
		anon.fail("POST", "/api/v1/agencies/kota-a/employees", employeeBody(1), http.StatusUnauthorized)
		anon.fail("DELETE", "/api/v1/agencies/kota-a/employees/1", nil, http.StatusUnauthorized)

		// Wrong password and unknown user get the same clear answer.
		for _, u := range []string{"op-a", "nobody"} {
			p := anon.fail("POST", "/api/v1/session", map[string]string{"username": u, "password": "salah"}, http.StatusUnauthorized)
			if p.Code != "auth.bad_credentials" || p.Detail != "Nama pengguna atau kata sandi salah." {
				t.Errorf("bad credentials for %s: %+v", u, p)
			}
		}
		p := anon.fail("POST", "/api/v1/session", map[string]string{"username": "op-a"}, http.StatusUnprocessableEntity)
		if !p.hasField("password", "field.required") {
			t.Errorf("sign in without password: %+v", p)
		}

		c := f.signIn("op-a")
		var me merit.User
		c.call("GET", "/api/v1/me", nil, http.StatusOK, &me)
		if me.Username != "op-a" || len(me.Grants) != 1 || me.Grants[0].AgencyCode != "kota-a" || me.Grants[0].Role != merit.RoleOperator {
			t.Errorf("me: %+v", me)
		}
		var agencies items[merit.Agency]
		c.call("GET", "/api/v1/agencies", nil, http.StatusOK, &agencies)
		if len(agencies.Items) != 1 || agencies.Items[0].Code != "kota-a" {
			t.Errorf("agencies of op-a: %+v", agencies.Items)
		}
		c.call("DELETE", "/api/v1/session", nil, http.StatusNoContent, nil)
		c.fail("GET", "/api/v1/me", nil, http.StatusUnauthorized)
	})
}

func TestEmployeeRoundTrip(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		c := f.signIn("op-a")
		base := "/api/v1/agencies/kota-a"

		var unit merit.Unit
		resp := c.call("POST", base+"/units", merit.Unit{Name: "Bidang Mutasi", ParentID: f.unitA.ID}, http.StatusCreated, &unit)
		if unit.ID == 0 || unit.AgencyID != f.a.ID || unit.Depth != 1 || resp.Header.Get("Location") != fmt.Sprintf("%s/units/%d", "/api/v1/agencies/kota-a", unit.ID) {
			t.Fatalf("created unit %+v, Location %q", unit, resp.Header.Get("Location"))
		}
		unit.Name = "Bidang Mutasi dan Promosi"
		c.call("PUT", fmt.Sprintf("%s/units/%d", base, unit.ID), unit, http.StatusOK, &unit)
		var units items[merit.Unit]
		c.call("GET", base+"/units", nil, http.StatusOK, &units)
		if len(units.Items) != 2 || units.Items[1].Name != "Bidang Mutasi dan Promosi" {
			t.Errorf("units: %+v", units.Items)
		}

		var pos merit.Position
		c.call("POST", base+"/positions", merit.Position{UnitID: unit.ID, Name: "Analis Kepegawaian", Jenis: "PELAKSANA", KelasJabatan: 7},
			http.StatusCreated, &pos)
		var positions items[merit.Position]
		c.call("GET", fmt.Sprintf("%s/positions?unitId=%d", base, unit.ID), nil, http.StatusOK, &positions)
		if len(positions.Items) != 1 || positions.Items[0].ID != pos.ID {
			t.Errorf("positions of unit: %+v", positions.Items)
		}

		in := employeeBody(1)
		in.PositionID, in.TMTJabatan, in.Email = pos.ID, merit.MustDate("2020-01-02"), "budi@example.go.id"
		e := f.createEmployee(c, "kota-a", in)
		if e.ID == 0 || e.AgencyID != f.a.ID || e.UnitID != unit.ID || e.PositionName != "Analis Kepegawaian" || e.UnitName != unit.Name ||
			e.BirthDate != in.BirthDate || e.TMTJabatan.String() != "2020-01-02" {
			t.Fatalf("created employee: %+v", e)
		}
		var got merit.Employee
		c.call("GET", fmt.Sprintf("%s/employees/%d", base, e.ID), nil, http.StatusOK, &got)
		if got.NIP != in.NIP || got.Email != in.Email {
			t.Errorf("read back: %+v", got)
		}
		c.call("GET", base+"/nip/"+in.NIP, nil, http.StatusOK, &got)
		if got.ID != e.ID {
			t.Errorf("by NIP: got ID %d, want %d", got.ID, e.ID)
		}
		c.fail("GET", base+"/nip/199001012015031001", nil, http.StatusNotFound)

		// The record as read goes back unchanged (empty dates included),
		// then with a promotion, which adds to the golongan history.
		c.call("PUT", fmt.Sprintf("%s/employees/%d", base, e.ID), got, http.StatusOK, &got)
		got.Golongan, got.TMTGolongan = "III/d", merit.MustDate("2022-04-01")
		c.call("PUT", fmt.Sprintf("%s/employees/%d", base, e.ID), got, http.StatusOK, &got)
		if got.Golongan != "III/d" {
			t.Errorf("after promotion: golongan %q", got.Golongan)
		}
		var hist items[merit.HistoryEntry]
		c.call("GET", fmt.Sprintf("%s/employees/%d/history?kind=golongan", base, e.ID), nil, http.StatusOK, &hist)
		if len(hist.Items) != 2 || hist.Items[0].Ref != "III/d" {
			t.Errorf("golongan history: %+v", hist.Items)
		}

		// Histories: add, list, change, delete.
		var h merit.HistoryEntry
		diklat := merit.HistoryEntry{Kind: merit.HistDiklat, Ref: "TEKNIS", Title: "Pelatihan SIASN", Place: "BKN",
			Start: merit.MustDate("2023-05-02"), End: merit.MustDate("2023-05-05"), Hours: 32}
		resp = c.call("POST", fmt.Sprintf("%s/employees/%d/history", base, e.ID), diklat, http.StatusCreated, &h)
		if h.ID == 0 || h.EmployeeID != e.ID || !strings.HasSuffix(resp.Header.Get("Location"), fmt.Sprintf("/history/%d", h.ID)) {
			t.Fatalf("created history %+v, Location %q", h, resp.Header.Get("Location"))
		}
		h.Hours, h.Kind = 40, merit.HistHukdis // the kind stays
		c.call("PUT", fmt.Sprintf("%s/employees/%d/history/%d", base, e.ID, h.ID), h, http.StatusOK, &h)
		c.call("GET", fmt.Sprintf("%s/employees/%d/history?kind=diklat", base, e.ID), nil, http.StatusOK, &hist)
		if len(hist.Items) != 1 || hist.Items[0].Hours != 40 || hist.Items[0].Kind != merit.HistDiklat {
			t.Errorf("diklat history after update: %+v", hist.Items)
		}
		c.call("GET", fmt.Sprintf("%s/employees/%d/history", base, e.ID), nil, http.StatusOK, &hist)
		if len(hist.Items) != 3 { // the golongan replaced, the new one, the diklat
			t.Errorf("all history: %d entries, want 3: %+v", len(hist.Items), hist.Items)
		}
		c.call("DELETE", fmt.Sprintf("%s/employees/%d/history/%d", base, e.ID, h.ID), nil, http.StatusNoContent, nil)
		c.fail("DELETE", fmt.Sprintf("%s/employees/%d/history/%d", base, e.ID, h.ID), nil, http.StatusNotFound)
		c.fail("PUT", fmt.Sprintf("%s/employees/%d/history/%d", base, e.ID, h.ID), h, http.StatusNotFound)

		var st merit.Stats
		c.call("GET", base+"/stats", nil, http.StatusOK, &st)
		if st.Total != 1 || len(st.ByUnit) != 1 || st.ByUnit[0].N != 1 {
			t.Errorf("stats: %+v", st)
		}
		var refs items[merit.RefItem]
		f.anon().call("GET", "/api/v1/reference/golongan", nil, http.StatusOK, &refs)
		if len(refs.Items) != 34 || refs.Items[0].Code != "I/a" {
			t.Errorf("golongan reference: %d items, first %+v", len(refs.Items), refs.Items[0])
		}
		for _, table := range refTables {
			c.call("GET", "/api/v1/reference/"+table, nil, http.StatusOK, &refs)
			if len(refs.Items) == 0 {
				t.Errorf("reference table %s is empty", table)
			}
		}
		c.fail("GET", "/api/v1/reference/nothing", nil, http.StatusUnprocessableEntity)

		c.call("DELETE", fmt.Sprintf("%s/employees/%d", base, e.ID), nil, http.StatusNoContent, nil)
		c.fail("GET", fmt.Sprintf("%s/employees/%d", base, e.ID), nil, http.StatusNotFound)
		c.fail("GET", fmt.Sprintf("%s/employees/%d/history", base, e.ID), nil, http.StatusNotFound)
		c.fail("DELETE", fmt.Sprintf("%s/employees/%d", base, e.ID), nil, http.StatusNotFound)
		c.fail("PUT", fmt.Sprintf("%s/employees/%d", base, e.ID), got, http.StatusNotFound)
	})
}

func TestEmployeeList(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		c := f.signIn("op-a")
		base := "/api/v1/agencies/kota-a"
		var sub merit.Unit
		c.call("POST", base+"/units", merit.Unit{Name: "Seksi Data", ParentID: f.unitA.ID}, http.StatusCreated, &sub)
		var other merit.Unit
		c.call("POST", base+"/units", merit.Unit{Name: "Dinas Kesehatan"}, http.StatusCreated, &other)
		var pos merit.Position
		c.call("POST", base+"/positions", merit.Position{UnitID: sub.ID, Name: "Pranata Komputer", Jenis: "PELAKSANA"}, http.StatusCreated, &pos)

		people := []struct {
			name, golongan, status string
			unit, position         int64
		}{
			{"Ahmad Fauzi", "III/a", "PNS", f.unitA.ID, 0},
			{"Budi Hartono", "III/c", "PNS", sub.ID, pos.ID},
			{"Citra Lestari", "IV/a", "PNS", sub.ID, 0},
			{"Dewi Sartika", "III/a", "CPNS", other.ID, 0},
			{"Eko Prasetyo", "II/c", "PNS", other.ID, 0},
			{"Fajar Nugroho", "III/c", "PNS", f.unitA.ID, 0},
			{"Gita Permata", "III/b", "PNS", sub.ID, pos.ID},
		}
		for i, p := range people {
			e := employeeBody(i + 1)
			e.Name, e.Golongan, e.Status, e.UnitID, e.PositionID = p.name, p.golongan, p.status, p.unit, p.position
			f.createEmployee(c, "kota-a", e)
		}
		// Noise in agency B must never show up.
		f.createEmployee(f.signIn("op-b"), "kota-b", employeeBody(50))

		names := func(query string) ([]string, employeePage) {
			t.Helper()
			var page employeePage
			c.call("GET", base+"/employees"+query, nil, http.StatusOK, &page)
			var out []string
			for _, e := range page.Items {
				out = append(out, e.Name)
			}
			return out, page
		}
		tests := []struct {
			query string
			want  []string
			total int
		}{
			{"", []string{"Ahmad Fauzi", "Budi Hartono", "Citra Lestari", "Dewi Sartika", "Eko Prasetyo", "Fajar Nugroho", "Gita Permata"}, 7},
			{"?q=sar", []string{"Dewi Sartika"}, 1},
			{"?q=DEWI", []string{"Dewi Sartika"}, 1},
			{"?q=198503102010011003", []string{"Citra Lestari"}, 1},
			{"?q=19850310&perPage=2", []string{"Ahmad Fauzi", "Budi Hartono"}, 7}, // a NIP prefix
			{fmt.Sprintf("?unit=%d", f.unitA.ID), []string{"Ahmad Fauzi", "Budi Hartono", "Citra Lestari", "Fajar Nugroho", "Gita Permata"}, 5},
			{fmt.Sprintf("?unit=%d", sub.ID), []string{"Budi Hartono", "Citra Lestari", "Gita Permata"}, 3},
			{"?golongan=III/a", []string{"Ahmad Fauzi", "Dewi Sartika"}, 2},
			{"?golongan=III%2Fc&unit=" + fmt.Sprint(f.unitA.ID), []string{"Budi Hartono", "Fajar Nugroho"}, 2},
			{"?status=CPNS", []string{"Dewi Sartika"}, 1},
			{"?jenis=PELAKSANA", []string{"Budi Hartono", "Gita Permata"}, 2},
			{"?sort=name&desc=true&perPage=3", []string{"Gita Permata", "Fajar Nugroho", "Eko Prasetyo"}, 7},
			{"?sort=golongan&desc=true&perPage=2", []string{"Citra Lestari", "Fajar Nugroho"}, 7},
			{"?sort=golongan&perPage=2", []string{"Eko Prasetyo", "Ahmad Fauzi"}, 7},
			{"?perPage=3&page=2", []string{"Dewi Sartika", "Eko Prasetyo", "Fajar Nugroho"}, 7},
			{"?perPage=3&page=3", []string{"Gita Permata"}, 7},
			{"?perPage=3&page=4", nil, 7},
			{"?q=nobody", nil, 0},
		}
		for _, tt := range tests {
			got, page := names(tt.query)
			if !slices.Equal(got, tt.want) || page.Total != tt.total {
				t.Errorf("GET employees%s: got %q (total %d), want %q (total %d)", tt.query, got, page.Total, tt.want, tt.total)
			}
		}
		var page employeePage
		c.call("GET", base+"/employees?perPage=3&page=2", nil, http.StatusOK, &page)
		if page.Page != 2 || page.PerPage != 3 {
			t.Errorf("paging echoed as page %d perPage %d", page.Page, page.PerPage)
		}
		c.call("GET", base+"/employees", nil, http.StatusOK, &page)
		if page.Page != 1 || page.PerPage != 50 {
			t.Errorf("default paging: page %d perPage %d", page.Page, page.PerPage)
		}
		var raw map[string]any
		c.call("GET", base+"/employees?q=nobody", nil, http.StatusOK, &raw)
		if items, ok := raw["items"].([]any); !ok || len(items) != 0 {
			t.Errorf("an empty page must have items: [], got %v", raw["items"])
		}

		for _, tt := range []struct{ query, field string }{
			{"?sort=salary", "sort"},
			{"?perPage=0", "perPage"},
			{"?perPage=5000", "perPage"},
			{"?page=0", "page"},
			{"?page=abc", "page"},
			{"?unit=x", "unit"},
			{"?desc=maybe", "desc"},
		} {
			p := c.fail("GET", base+"/employees"+tt.query, nil, http.StatusUnprocessableEntity)
			if len(p.Errors) == 0 || p.Errors[0].Field != tt.field {
				t.Errorf("GET employees%s: errors %+v, want field %s", tt.query, p.Errors, tt.field)
			}
		}
	})
}

func TestValidationErrors(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		c := f.signIn("op-a")
		path := "/api/v1/agencies/kota-a/employees"
		future := merit.DateOf(db.Now().AddDate(0, 2, 0))
		tests := []struct {
			name        string
			change      func(e *merit.Employee)
			field, code string
		}{
			{"NIP too short", func(e *merit.Employee) { e.NIP = "19850310201001100" }, "nip", "nip.length"},
			{"NIP too long", func(e *merit.Employee) { e.NIP = "1985031020100110011" }, "nip", "nip.length"},
			{"NIP letters", func(e *merit.Employee) { e.NIP = "19850310201001100A" }, "nip", "nip.digits"},
			{"NIP birth date differs", func(e *merit.Employee) { e.BirthDate = merit.MustDate("1985-03-11") }, "nip", "nip.birth_date_mismatch"},
			{"NIP sex differs", func(e *merit.Employee) { e.Sex = merit.SexFemale }, "nip", "nip.sex_mismatch"},
			{"unknown golongan", func(e *merit.Employee) { e.Golongan = "V/a" }, "golongan", "field.unknown_ref"},
			{"future TMT golongan", func(e *merit.Employee) { e.TMTGolongan = future }, "tmtGolongan", "field.date_future"},
			{"future birth date", func(e *merit.Employee) { e.BirthDate = future }, "birthDate", "field.date_future"},
			{"no name", func(e *merit.Employee) { e.Name = " " }, "name", "field.required"},
			{"bad email", func(e *merit.Employee) { e.Email = "budi@" }, "email", "field.email_invalid"},
			{"unit of nowhere", func(e *merit.Employee) { e.UnitID = 999999 }, "unitId", "err.bad_reference"},
		}
		for _, tt := range tests {
			e := employeeBody(1)
			tt.change(e)
			p := c.fail("POST", path, e, http.StatusUnprocessableEntity)
			if p.Code != "err.invalid" || !p.hasField(tt.field, tt.code) {
				t.Errorf("%s: want field %s with %s, got %s %+v", tt.name, tt.field, tt.code, p.Code, p.Errors)
			}
		}
		// Several mistakes are reported together, with the values sent.
		e := employeeBody(1)
		e.Golongan, e.BirthDate = "IX/z", merit.MustDate("1990-01-01")
		p := c.fail("POST", path, e, http.StatusUnprocessableEntity)
		if !p.hasField("golongan", "field.unknown_ref") || !p.hasField("nip", "nip.birth_date_mismatch") {
			t.Errorf("two mistakes: %+v", p.Errors)
		}
		for _, fe := range p.Errors {
			if fe.Field == "golongan" && fe.Value != "IX/z" {
				t.Errorf("golongan error echoes %q, want IX/z", fe.Value)
			}
		}

		// Shapes huma rejects before the domain sees them, as field errors too.
		shapes := []struct {
			name, body, field, code string
		}{
			{"malformed date", `{"nip":"198503102010011001","birthDate":"10/03/1985x"}`, "birthDate", "field.not_a_date"},
			{"impossible date", `{"birthDate":"1985-02-30"}`, "birthDate", "field.not_a_date"},
			{"number for a text", `{"name":5}`, "name", "api.expected_type"},
			{"text for a number", `{"unitId":"abc"}`, "unitId", "field.not_a_number"},
			{"unknown property", `{"salary":1}`, "salary", "api.unexpected_property"},
		}
		for _, tt := range shapes {
			p := c.fail("POST", path, tt.body, http.StatusUnprocessableEntity)
			if !p.hasField(tt.field, tt.code) {
				t.Errorf("%s: want field %s with %s, got %+v", tt.name, tt.field, tt.code, p.Errors)
			}
		}
		if p := c.fail("POST", path, `{"name": "Budi"`, http.StatusBadRequest); p.Code != "api.bad_request" {
			t.Errorf("malformed JSON: %+v", p)
		}
		c.fail("POST", path, "", http.StatusBadRequest)
		c.header.Set("Content-Type", "text/plain")
		resp, body := c.send("POST", path, "nip=1")
		if resp.StatusCode != http.StatusUnsupportedMediaType && resp.StatusCode != http.StatusBadRequest {
			t.Errorf("a text/plain body: %d %s", resp.StatusCode, body)
		}
		c.header.Del("Content-Type")

		// The language follows Accept-Language or ?lang=.
		e = employeeBody(1)
		e.NIP = "123"
		p = c.fail("POST", path+"?lang=en", e, http.StatusUnprocessableEntity)
		if p.Detail != "The data is not valid." || p.Errors[0].Message != "NIP must have 18 digits, not 3" {
			t.Errorf("English problem: %+v", p)
		}
		c.header.Set("Accept-Language", "en-US,en;q=0.9")
		p = c.fail("POST", path, e, http.StatusUnprocessableEntity)
		if p.Detail != "The data is not valid." {
			t.Errorf("Accept-Language en: %+v", p)
		}
		c.header.Del("Accept-Language")

		// A duplicate NIP is a conflict on the NIP field.
		f.createEmployee(c, "kota-a", employeeBody(1))
		p = c.fail("POST", path, employeeBody(1), http.StatusConflict)
		if p.Code != "err.conflict" || !p.hasField("nip", "employee.nip_taken") {
			t.Errorf("duplicate NIP: %+v", p)
		}

		// Histories and units are checked the same way.
		var emps employeePage
		c.call("GET", path, nil, http.StatusOK, &emps)
		hpath := fmt.Sprintf("%s/%d/history", path, emps.Items[0].ID)
		p = c.fail("POST", hpath, merit.HistoryEntry{Kind: merit.HistDiklat, Ref: "TEKNIS"}, http.StatusUnprocessableEntity)
		if !p.hasField("title", "field.required") || !p.hasField("hours", "field.range") {
			t.Errorf("diklat without title and hours: %+v", p.Errors)
		}
		p = c.fail("POST", hpath, merit.HistoryEntry{Kind: "gaji"}, http.StatusUnprocessableEntity)
		if !p.hasField("kind", "field.unknown_ref") {
			t.Errorf("unknown history kind: %+v", p.Errors)
		}
		c.fail("GET", hpath+"?kind=gaji", nil, http.StatusUnprocessableEntity)
		p = c.fail("POST", "/api/v1/agencies/kota-a/units", merit.Unit{}, http.StatusUnprocessableEntity)
		if !p.hasField("name", "field.required") {
			t.Errorf("unit without name: %+v", p.Errors)
		}
		p = c.fail("POST", "/api/v1/agencies/kota-a/positions", merit.Position{Name: "Analis", Jenis: "RAJA", UnitID: f.unitA.ID}, http.StatusUnprocessableEntity)
		if !p.hasField("jenis", "field.unknown_ref") {
			t.Errorf("position of unknown jenis: %+v", p.Errors)
		}
		c.fail("GET", path+"/abc", nil, http.StatusUnprocessableEntity)
	})
}

func TestAgencyIsolation(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		a, b := f.signIn("op-a"), f.signIn("op-b")
		eb := f.createEmployee(b, "kota-b", employeeBody(7))
		ea := f.createEmployee(a, "kota-a", employeeBody(8))
		var hb merit.HistoryEntry
		b.call("POST", fmt.Sprintf("/api/v1/agencies/kota-b/employees/%d/history", eb.ID),
			merit.HistoryEntry{Kind: merit.HistPenghargaan, Title: "Satyalancana Karya Satya", Start: merit.MustDate("2020-08-17")}, http.StatusCreated, &hb)

		eID, hID, uB := fmt.Sprint(eb.ID), fmt.Sprint(hb.ID), fmt.Sprint(f.unitB.ID)
		changed := *eb
		changed.Name = "Diubah oleh A"
		notFound := []struct {
			method, path string
			body         any
		}{
			{"GET", "/api/v1/agencies/kota-b", nil},
			{"GET", "/api/v1/agencies/kota-b/stats", nil},
			{"GET", "/api/v1/agencies/kota-b/units", nil},
			{"GET", "/api/v1/agencies/kota-b/positions", nil},
			{"GET", "/api/v1/agencies/kota-b/employees", nil},
			{"GET", "/api/v1/agencies/kota-b/employees/" + eID, nil},
			{"GET", "/api/v1/agencies/kota-b/nip/" + eb.NIP, nil},
			{"GET", "/api/v1/agencies/kota-b/employees/" + eID + "/history", nil},
			{"PUT", "/api/v1/agencies/kota-b/employees/" + eID, changed},
			{"DELETE", "/api/v1/agencies/kota-b/employees/" + eID, nil},
			{"POST", "/api/v1/agencies/kota-b/employees", employeeBody(9)},
			{"POST", "/api/v1/agencies/kota-b/units", merit.Unit{Name: "Unit A di B"}},
			{"PUT", "/api/v1/agencies/kota-b/units/" + uB, merit.Unit{Name: "Diubah"}},
			{"POST", "/api/v1/agencies/kota-b/employees/" + eID + "/history", hb},
			{"PUT", "/api/v1/agencies/kota-b/employees/" + eID + "/history/" + hID, hb},
			{"DELETE", "/api/v1/agencies/kota-b/employees/" + eID + "/history/" + hID, nil},
			// B's records under A's own path do not exist either.
			{"GET", "/api/v1/agencies/kota-a/employees/" + eID, nil},
			{"GET", "/api/v1/agencies/kota-a/nip/" + eb.NIP, nil},
			{"PUT", "/api/v1/agencies/kota-a/employees/" + eID, changed},
			{"DELETE", "/api/v1/agencies/kota-a/employees/" + eID, nil},
			{"GET", "/api/v1/agencies/kota-a/employees/" + eID + "/history", nil},
			{"PUT", "/api/v1/agencies/kota-a/employees/" + eID + "/history/" + hID, hb},
			{"DELETE", "/api/v1/agencies/kota-a/employees/" + eID + "/history/" + hID, nil},
			{"PUT", "/api/v1/agencies/kota-a/units/" + uB, merit.Unit{Name: "Diubah"}},
			{"GET", "/api/v1/agencies/no-such-agency", nil},
		}
		for _, tt := range notFound {
			if p := a.fail(tt.method, tt.path, tt.body, http.StatusNotFound); p.Code != "err.not_found" {
				t.Errorf("%s %s as op-a: code %q", tt.method, tt.path, p.Code)
			}
		}
		var list employeePage
		a.call("GET", fmt.Sprintf("/api/v1/agencies/kota-a/employees?unit=%d", f.unitB.ID), nil, http.StatusOK, &list)
		if list.Total != 0 {
			t.Errorf("A filtering by B's unit sees %d employees", list.Total)
		}

		// A forged agencyId in a body is ignored: the agency is the path's.
		forged := employeeBody(10)
		forged.AgencyID = f.b.ID
		if got := f.createEmployee(a, "kota-a", forged); got.AgencyID != f.a.ID {
			t.Errorf("forged create landed in agency %d", got.AgencyID)
		}
		upd := *ea
		upd.AgencyID, upd.Name = f.b.ID, "Budi Pindah"
		var got merit.Employee
		a.call("PUT", fmt.Sprintf("/api/v1/agencies/kota-a/employees/%d", ea.ID), upd, http.StatusOK, &got)
		if got.AgencyID != f.a.ID || got.Name != "Budi Pindah" {
			t.Errorf("forged update: %+v", got)
		}
		var unit merit.Unit
		a.call("POST", "/api/v1/agencies/kota-a/units", merit.Unit{AgencyID: f.b.ID, Name: "Unit Palsu"}, http.StatusCreated, &unit)
		if unit.AgencyID != f.a.ID {
			t.Errorf("forged unit landed in agency %d", unit.AgencyID)
		}
		// A's unit below B's unit, or a position in B's unit: B's IDs do not exist in A.
		a.fail("POST", "/api/v1/agencies/kota-a/units", merit.Unit{Name: "Anak", ParentID: f.unitB.ID}, http.StatusUnprocessableEntity)
		a.fail("POST", "/api/v1/agencies/kota-a/positions", merit.Position{UnitID: f.unitB.ID, Name: "Palsu", Jenis: "PELAKSANA", AgencyID: f.b.ID},
			http.StatusUnprocessableEntity)
		fe := employeeBody(11)
		fe.UnitID = f.unitB.ID
		a.fail("POST", "/api/v1/agencies/kota-a/employees", fe, http.StatusUnprocessableEntity)

		// B's data is as B left it.
		var bs employeePage
		b.call("GET", "/api/v1/agencies/kota-b/employees", nil, http.StatusOK, &bs)
		if bs.Total != 1 || bs.Items[0].ID != eb.ID || bs.Items[0].Name != eb.Name {
			t.Errorf("B's employees after A's attempts: %+v", bs.Items)
		}
		var bh items[merit.HistoryEntry]
		b.call("GET", fmt.Sprintf("/api/v1/agencies/kota-b/employees/%d/history?kind=penghargaan", eb.ID), nil, http.StatusOK, &bh)
		if len(bh.Items) != 1 {
			t.Errorf("B's history after A's attempts: %+v", bh.Items)
		}
		var bu items[merit.Unit]
		b.call("GET", "/api/v1/agencies/kota-b/units", nil, http.StatusOK, &bu)
		if len(bu.Items) != 1 || bu.Items[0].Name != f.unitB.Name {
			t.Errorf("B's units after A's attempts: %+v", bu.Items)
		}
	})
}

func TestViewerCannotWrite(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		e := f.createEmployee(f.signIn("op-a"), "kota-a", employeeBody(1))
		v := f.signIn("view-a")
		var got merit.Employee
		v.call("GET", fmt.Sprintf("/api/v1/agencies/kota-a/employees/%d", e.ID), nil, http.StatusOK, &got)
		writes := []struct {
			method, path string
			body         any
		}{
			{"POST", "/api/v1/agencies/kota-a/employees", employeeBody(2)},
			{"PUT", fmt.Sprintf("/api/v1/agencies/kota-a/employees/%d", e.ID), got},
			{"DELETE", fmt.Sprintf("/api/v1/agencies/kota-a/employees/%d", e.ID), nil},
			{"POST", fmt.Sprintf("/api/v1/agencies/kota-a/employees/%d/history", e.ID),
				merit.HistoryEntry{Kind: merit.HistPenghargaan, Title: "Piagam", Start: merit.MustDate("2020-08-17")}},
			{"POST", "/api/v1/agencies/kota-a/units", merit.Unit{Name: "Unit Baru"}},
			{"PUT", fmt.Sprintf("/api/v1/agencies/kota-a/units/%d", f.unitA.ID), merit.Unit{Name: "Diubah"}},
			{"POST", "/api/v1/agencies/kota-a/positions", merit.Position{UnitID: f.unitA.ID, Name: "Analis", Jenis: "PELAKSANA"}},
		}
		for _, w := range writes {
			if p := v.fail(w.method, w.path, w.body, http.StatusForbidden); p.Code != "err.forbidden" {
				t.Errorf("%s %s as viewer: code %q", w.method, w.path, p.Code)
			}
		}
		v.call("GET", fmt.Sprintf("/api/v1/agencies/kota-a/employees/%d", e.ID), nil, http.StatusOK, &got)
		if got.Name != e.Name {
			t.Errorf("viewer changed the employee: %+v", got)
		}
	})
}

func TestCrossOriginRejected(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		c := f.signIn("op-a")
		c.header.Set("Sec-Fetch-Site", "cross-site")
		if resp, body := c.send("POST", "/api/v1/agencies/kota-a/employees", employeeBody(1)); resp.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site POST: status %d, want 403; body %s", resp.StatusCode, body)
		}
		if resp, _ := c.send("POST", "/api/v1/session", map[string]string{"username": "op-a", "password": password}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site sign-in: status %d, want 403", resp.StatusCode)
		}
		c.header.Del("Sec-Fetch-Site")
		var page employeePage
		c.call("GET", "/api/v1/agencies/kota-a/employees", nil, http.StatusOK, &page)
		if page.Total != 0 {
			t.Errorf("the cross-site POST created %d employees", page.Total)
		}
	})
}

func TestNoRoute(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		c := f.signIn("op-a")
		if p := c.fail("GET", "/api/v1/nothing", nil, http.StatusNotFound); p.Code != "api.no_route" {
			t.Errorf("unknown path: %+v", p)
		}
		resp := c.call("PATCH", "/api/v1/agencies/kota-a/employees/1", "{}", http.StatusMethodNotAllowed, nil)
		if allow := resp.Header.Values("Allow"); !slices.Equal(allow, []string{"GET", "PUT", "DELETE"}) {
			t.Errorf("Allow: %q", allow)
		}
		if resp, _ := c.send("GET", "/api/v1/docs", nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET /api/v1/docs: status %d; the docs UI must not be served", resp.StatusCode)
		}
	})
}

func TestHealth(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		c := f.anon()
		var h map[string]string
		c.call("GET", "/healthz", nil, http.StatusOK, &h)
		if h["status"] != "ok" {
			t.Errorf("healthz: %v", h)
		}
		db.Close()
		c.call("GET", "/healthz", nil, http.StatusServiceUnavailable, &h)
		if h["status"] != "unavailable" {
			t.Errorf("healthz with the database closed: %v", h)
		}
	})
}
