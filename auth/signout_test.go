package auth_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"merit"
	"merit/auth"
	"merit/internal/testdb"
	"merit/sqldb"
)

// Sign out everywhere ends both sessions of the user, even while cached,
// leaves another user's session alone, and is audited on the global chain.
func TestSignOutEverywhere(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		s, u := setup(t, db)
		hash, _ := auth.HashPassword("kata-sandi-lain", auth.Cheap)
		other := &merit.User{Username: "viewer.auth", Name: "Viewer", Grants: []merit.Grant{{AgencyID: u.Grants[0].AgencyID, Role: merit.RoleViewer}}}
		if err := db.CreateUser(testdb.System(), other, hash); err != nil {
			t.Fatal(err)
		}
		signIn := func(u *merit.User) *http.Cookie {
			rec := httptest.NewRecorder()
			if err := s.SignIn(rec, httptest.NewRequest("POST", "/masuk", nil), u, "id"); err != nil {
				t.Fatal(err)
			}
			return rec.Result().Cookies()[0]
		}
		laptop, phone, others := signIn(u), signIn(u), signIn(other)
		var everywhere error
		h := s.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == "POST" {
				everywhere = s.SignOutEverywhere(w, r)
			}
			if a := merit.ActorFrom(r.Context()); a != nil {
				w.Write([]byte(a.Username))
			}
		}))
		call := func(method string, c *http.Cookie) string {
			req := httptest.NewRequest(method, "/", nil)
			req.AddCookie(c)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			return rec.Body.String()
		}
		for _, c := range []*http.Cookie{laptop, phone} { // now cached
			if call("GET", c) != "operator.auth" {
				t.Fatal("session not valid before signing out")
			}
		}
		call("POST", laptop)
		if everywhere != nil {
			t.Fatal(everywhere)
		}
		if got := call("GET", laptop) + call("GET", phone); got != "" {
			t.Errorf("sessions of the user still valid after sign out everywhere: %q", got)
		}
		if got := call("GET", others); got != "viewer.auth" {
			t.Errorf("another user's session ended: %q", got)
		}
		entries, err := db.FindAudit(testdb.System(), 0, "user", u.ID, 10)
		if err != nil || len(entries) == 0 || entries[0].Action != merit.AuditSignOutAll || entries[0].After != `{"sessionsEnded":2}` {
			t.Errorf("audit: %v %+v", err, entries)
		}
		// Anonymous: nothing to sign out of.
		if err := s.SignOutEverywhere(httptest.NewRecorder(), httptest.NewRequest("POST", "/", nil)); merit.KindOf(err) != merit.KindUnauthenticated {
			t.Errorf("anonymous sign out everywhere: %v", err)
		}
	})
}
