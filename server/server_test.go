package server_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"merit"
	"merit/auth"
	"merit/internal/testdb"
	"merit/server"
	"merit/sqldb"
)

func newServer(t *testing.T, web http.Handler) http.Handler {
	db := testdb.Open(t, sqldb.SQLite)
	s := &server.Server{DB: db, Sessions: auth.NewSessions(db, auth.Cheap), Web: web,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	return s.Handler()
}

func TestSecurityHeaders(t *testing.T) {
	h := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	for header, want := range map[string]string{
		"Content-Security-Policy": "default-src 'self'",
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
		"Referrer-Policy":         "same-origin",
	} {
		if got := rec.Header().Get(header); !strings.Contains(got, want) {
			t.Errorf("%s = %q, want it to contain %q", header, got, want)
		}
	}
	if csp := rec.Header().Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP allows inline code: %q", csp)
	}
}

// A cross-site form POST is refused before any handler runs; a same-origin
// one passes.
func TestCrossOriginProtection(t *testing.T) {
	reached := 0
	h := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached++ }))
	for _, tt := range []struct {
		site string
		want int
	}{{"cross-site", http.StatusForbidden}, {"same-origin", http.StatusOK}} {
		req := httptest.NewRequest("POST", "/a/kota-x/pegawai/baru", strings.NewReader("name=x"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", tt.site)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tt.want {
			t.Errorf("Sec-Fetch-Site %s: status %d, want %d", tt.site, rec.Code, tt.want)
		}
	}
	if reached != 1 {
		t.Errorf("handler reached %d times, want 1", reached)
	}
}

func TestPanicIsA500(t *testing.T) {
	h := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic("boom") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != 500 || strings.Contains(rec.Body.String(), "boom") {
		t.Errorf("panic answered %d %q", rec.Code, rec.Body.String())
	}
}

// TestClientInContext: every request's context carries the client's address
// (without the port) and user agent, which the audit trail records.
func TestClientInContext(t *testing.T) {
	var got merit.Client
	h := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = merit.ClientFrom(r.Context()) }))
	req := httptest.NewRequest("GET", "/", nil)
	req.RemoteAddr = "203.0.113.7:52110"
	req.Header.Set("User-Agent", "Mozilla/5.0 Firefox/140.0")
	h.ServeHTTP(httptest.NewRecorder(), req)
	if got != (merit.Client{IP: "203.0.113.7", UserAgent: "Mozilla/5.0 Firefox/140.0"}) {
		t.Errorf("client = %+v", got)
	}
}
