package server_test

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	"merit"
	"merit/auth"
	"merit/internal/testdb"
	"merit/server"
	"merit/sqldb"
)

// proxied returns a server trusting the given proxies, with its sessions.
func proxied(t *testing.T, trusted string, web http.HandlerFunc) (http.Handler, *auth.Sessions) {
	t.Helper()
	ranges, err := server.ParseTrustedProxies(trusted)
	if err != nil {
		t.Fatal(err)
	}
	db := testdb.Open(t, sqldb.SQLite)
	s := &server.Server{DB: db, Sessions: auth.NewSessions(db, auth.Cheap), Web: web, TrustedProxies: ranges,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	return s.Handler(), s.Sessions
}

// The forwarding headers count only from a trusted peer, and then only up to
// the first untrusted hop from the right: what a client writes further left
// is ignored.
func TestTrustedProxy(t *testing.T) {
	var client merit.Client
	var remote string
	h, _ := proxied(t, "10.0.0.0/8, 192.168.1.5, fd00::/8", func(w http.ResponseWriter, r *http.Request) {
		client, remote = merit.ClientFrom(r.Context()), r.RemoteAddr
	})
	for _, tt := range []struct {
		name, peer, xff, want string
	}{
		{"no proxy trusted for this peer", "203.0.113.9:4000", "198.51.100.1", "203.0.113.9"},
		{"trusted peer, one hop", "10.1.2.3:4000", "198.51.100.1", "198.51.100.1"},
		{"trusted peer, no header", "10.1.2.3:4000", "", "10.1.2.3"},
		{"two trusted proxies", "10.1.2.3:4000", "198.51.100.1, 192.168.1.5", "198.51.100.1"},
		{"spoofed leftmost entries", "10.1.2.3:4000", "1.1.1.1, 10.9.9.9, 198.51.100.1, 10.0.0.7", "198.51.100.1"},
		{"every hop trusted", "10.1.2.3:4000", "10.0.0.8, 10.0.0.7", "10.0.0.8"},
		{"garbage hop", "10.1.2.3:4000", "198.51.100.1, nonsense", "10.1.2.3"},
		{"IPv6 proxy", "[fd00::1]:4000", "2001:db8::7", "2001:db8::7"},
		{"near miss of a single address", "192.168.1.6:4000", "198.51.100.1", "192.168.1.6"},
	} {
		req := httptest.NewRequest("GET", "/", nil)
		req.RemoteAddr = tt.peer
		if tt.xff != "" {
			req.Header.Set("X-Forwarded-For", tt.xff)
		}
		h.ServeHTTP(httptest.NewRecorder(), req)
		if client.IP != tt.want || remote != net.JoinHostPort(tt.want, "0") {
			t.Errorf("%s: client %q, RemoteAddr %q, want %q", tt.name, client.IP, remote, tt.want)
		}
	}
	if _, err := server.ParseTrustedProxies("10.0.0.0/33"); err == nil {
		t.Error("bad CIDR accepted")
	}
}

// Sign-in throttling counts the client a trusted proxy names, so one client
// locked out does not lock out everyone behind the same proxy.
func TestThrottleByResolvedAddress(t *testing.T) {
	var sessions *auth.Sessions
	var err error
	h, sessions := proxied(t, "10.0.0.1", func(w http.ResponseWriter, r *http.Request) {
		_, err = sessions.Authenticate(r.Context(), r.FormValue("u"), "salah", r.RemoteAddr)
	})
	try := func(client, user string) error {
		req := httptest.NewRequest("GET", "/?u="+user, nil)
		req.RemoteAddr = "10.0.0.1:443"
		req.Header.Set("X-Forwarded-For", client)
		h.ServeHTTP(httptest.NewRecorder(), req)
		return err
	}
	for i := range auth.AddressFailures {
		try("198.51.100.1", "tebak"+string(rune('a'+i%26))+string(rune('a'+i/26)))
	}
	if err := try("198.51.100.1", "orang.baru"); merit.CodeOf(err) != "auth.locked" {
		t.Errorf("the guessing client is not locked: %v", err)
	}
	if err := try("198.51.100.2", "orang.baru"); merit.CodeOf(err) != "auth.bad_credentials" {
		t.Errorf("another client behind the same proxy: %v", err)
	}
}

// X-Forwarded-Proto https from a trusted proxy makes the session cookie
// Secure; from anyone else it is ignored.
func TestForwardedProtoSecureCookie(t *testing.T) {
	var sessions *auth.Sessions
	h, sessions := proxied(t, "10.0.0.1", func(w http.ResponseWriter, r *http.Request) {
		sessions.SignOut(w, r) // sets the (clearing) cookie with the request's flags
	})
	for peer, want := range map[string]bool{"10.0.0.1:443": true, "203.0.113.9:443": false} {
		req := httptest.NewRequest("GET", "/", nil)
		req.RemoteAddr = peer
		req.Header.Set("X-Forwarded-Proto", "https")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if c := rec.Result().Cookies(); len(c) != 1 || c[0].Secure != want {
			t.Errorf("peer %s: cookies %+v, want Secure %v", peer, c, want)
		}
	}
}
