package auth_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"merit"
	"merit/auth"
	"merit/internal/testdb"
	"merit/sqldb"
)

func TestPasswordHash(t *testing.T) {
	h, err := auth.HashPassword("kata sandi rahasia", auth.Cheap)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=8192,t=1,p=1$") {
		t.Errorf("hash %q is not a PHC argon2id string with the given parameters", h)
	}
	h2, _ := auth.HashPassword("kata sandi rahasia", auth.Cheap)
	if h == h2 {
		t.Error("two hashes of one password are equal: salt not random")
	}
	for pw, want := range map[string]bool{"kata sandi rahasia": true, "kata sandi rahasiA": false, "": false} {
		if ok, err := auth.CheckPassword(h, pw); ok != want || err != nil {
			t.Errorf("CheckPassword(%q) = %v, %v", pw, ok, err)
		}
	}
	for _, bad := range []string{"", "$2a$10$abc", "$argon2id$v=19$m=x$a$b", "$argon2id$v=18$m=1,t=1,p=1$YQ$YQ"} {
		if _, err := auth.CheckPassword(bad, "x"); err == nil {
			t.Errorf("CheckPassword accepted malformed hash %q", bad)
		}
	}
}

// signedIn returns a session cookie for a new user of a new agency.
func setup(t *testing.T, db *sqldb.DB) (*auth.Sessions, *merit.User) {
	a, _ := testdb.Agency(t, db, "kota-auth")
	hash, _ := auth.HashPassword("kata-sandi-benar", auth.Cheap)
	u := &merit.User{Username: "operator.auth", Name: "Operator", Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleOperator}}}
	if err := db.CreateUser(testdb.System(), u, hash); err != nil {
		t.Fatal(err)
	}
	return auth.NewSessions(db, auth.Cheap), u
}

func TestSessions(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		s, u := setup(t, db)
		ctx := t.Context()
		if _, err := s.Authenticate(ctx, "operator.auth", "salah", "192.0.2.1:5000"); merit.KindOf(err) != merit.KindUnauthenticated {
			t.Errorf("wrong password: %v", err)
		}
		if _, err := s.Authenticate(ctx, "tidak.ada", "kata-sandi-benar", "192.0.2.1:5000"); merit.KindOf(err) != merit.KindUnauthenticated || merit.CodeOf(err) != "auth.bad_credentials" {
			t.Errorf("unknown user: %v (must look like a wrong password)", err)
		}
		got, err := s.Authenticate(ctx, " Operator.Auth ", "kata-sandi-benar", "192.0.2.1:5000")
		if err != nil || got.ID != u.ID {
			t.Fatalf("good sign-in: %v", err)
		}

		// Sign in: an HttpOnly, SameSite cookie with a fresh random token.
		rec := httptest.NewRecorder()
		if err := s.SignIn(rec, httptest.NewRequest("POST", "/masuk", nil), got, "id"); err != nil {
			t.Fatal(err)
		}
		cookie := rec.Result().Cookies()[0]
		if !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || len(cookie.Value) < 40 {
			t.Errorf("cookie %+v", cookie)
		}
		whoami := s.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if a := merit.ActorFrom(r.Context()); a != nil {
				w.Write([]byte(a.Username))
			}
		}))
		call := func(c *http.Cookie) string {
			req := httptest.NewRequest("GET", "/", nil)
			if c != nil {
				req.AddCookie(c)
			}
			rec := httptest.NewRecorder()
			whoami.ServeHTTP(rec, req)
			return rec.Body.String()
		}
		if got := call(cookie); got != "operator.auth" {
			t.Errorf("with session: actor %q", got)
		}
		if got := call(nil); got != "" {
			t.Errorf("without cookie: actor %q", got)
		}
		tampered := *cookie
		last := "A"
		if strings.HasSuffix(cookie.Value, "A") {
			last = "B"
		}
		tampered.Value = cookie.Value[:len(cookie.Value)-1] + last
		if got := call(&tampered); got != "" {
			t.Errorf("tampered cookie: actor %q", got)
		}

		// Idle timeout: a session unused longer than IdleTimeout ends.
		later := time.Now().Add(3 * time.Hour)
		s.Now = func() time.Time { return later }
		if got := call(cookie); got != "" {
			t.Errorf("idle session still valid: %q", got)
		}
		s.Now = time.Now

		// Sign out ends the session at once, even though it was cached.
		rec = httptest.NewRecorder()
		if err := s.SignIn(rec, httptest.NewRequest("POST", "/masuk", nil), got, "en"); err != nil {
			t.Fatal(err)
		}
		cookie = rec.Result().Cookies()[0]
		if call(cookie) != "operator.auth" {
			t.Fatal("second session not valid")
		}
		req := httptest.NewRequest("POST", "/keluar", nil)
		req.AddCookie(cookie)
		if err := s.SignOut(httptest.NewRecorder(), req); err != nil {
			t.Fatal(err)
		}
		if got := call(cookie); got != "" {
			t.Errorf("signed-out session still valid: %q", got)
		}
	})
}

func TestAbsoluteTimeout(t *testing.T) {
	db := testdb.Open(t, sqldb.SQLite)
	s, u := setup(t, db)
	s.MaxAge = time.Hour
	rec := httptest.NewRecorder()
	if err := s.SignIn(rec, httptest.NewRequest("POST", "/", nil), u, "id"); err != nil {
		t.Fatal(err)
	}
	cookie := rec.Result().Cookies()[0]
	if cookie.MaxAge != 3600 {
		t.Errorf("cookie MaxAge %d, want 3600", cookie.MaxAge)
	}
	now := time.Now()
	var actor *merit.Actor
	h := s.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { actor = merit.ActorFrom(r.Context()) }))
	// Active every 30 minutes, the session still ends an hour after sign-in.
	for _, step := range []time.Duration{30 * time.Minute, 59 * time.Minute, 61 * time.Minute} {
		s.Now = func() time.Time { return now.Add(step) }
		req := httptest.NewRequest("GET", "/", nil)
		req.AddCookie(cookie)
		actor = nil
		h.ServeHTTP(httptest.NewRecorder(), req)
		if want := step < time.Hour; (actor != nil) != want {
			t.Errorf("after %v: signed in = %v, want %v", step, actor != nil, want)
		}
	}
}

// Five wrong passwords lock the account for everyone (even with the right
// password), unknown usernames lock the same way, and the lock ends after
// LockoutFor; many failures from one address lock that address.
func TestLockout(t *testing.T) {
	db := testdb.Open(t, sqldb.SQLite)
	s, _ := setup(t, db)
	ctx := t.Context()
	now := time.Now()
	s.Now = func() time.Time { return now }
	for i := 0; i < auth.AccountFailures; i++ {
		if _, err := s.Authenticate(ctx, "operator.auth", "salah", "192.0.2.1:1"); merit.CodeOf(err) != "auth.bad_credentials" {
			t.Fatalf("failure %d: %v", i+1, err)
		}
	}
	if _, err := s.Authenticate(ctx, "operator.auth", "kata-sandi-benar", "198.51.100.7:2"); merit.CodeOf(err) != "auth.locked" {
		t.Fatalf("right password on a locked account from another address: %v", err)
	}
	for i := 0; i < auth.AccountFailures; i++ {
		s.Authenticate(ctx, "tidak.ada", "x", "198.51.100.8:3")
	}
	if _, err := s.Authenticate(ctx, "tidak.ada", "x", "198.51.100.9:4"); merit.CodeOf(err) != "auth.locked" {
		t.Errorf("unknown username not locked like a known one: %v", err)
	}
	now = now.Add(auth.LockoutFor + time.Second)
	if _, err := s.Authenticate(ctx, "operator.auth", "kata-sandi-benar", "198.51.100.7:2"); err != nil {
		t.Fatalf("after the lockout: %v", err)
	}
	// One address trying many usernames is locked as an address.
	for i := 0; i < auth.AddressFailures; i++ {
		s.Authenticate(ctx, "tebak"+string(rune('a'+i%26))+string(rune('a'+i/26)), "x", "203.0.113.5:9")
	}
	if _, err := s.Authenticate(ctx, "operator.auth", "kata-sandi-benar", "203.0.113.5:10"); merit.CodeOf(err) != "auth.locked" {
		t.Errorf("address not locked: %v", err)
	}
	if _, err := s.Authenticate(ctx, "operator.auth", "kata-sandi-benar", "203.0.113.6:10"); err != nil {
		t.Errorf("another address: %v", err)
	}
}
