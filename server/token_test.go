package server_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"merit"
	"merit/api"
	"merit/auth"
	"merit/internal/testdb"
	"merit/server"
	"merit/sqldb"
)

// A Bearer token acts with exactly its one grant: it reads its agency, is
// refused writes as a viewer, sees no other agency, and is refused with a
// 401 problem (never served as anonymous) when tampered, revoked or expired.
// Machine clients send no Origin or Sec-Fetch-Site, so their POSTs pass the
// cross-origin check, while a cross-site browser POST is still refused.
func TestAPIToken(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		sys := testdb.System()
		mine, _ := testdb.Agency(t, db, "kota-token")
		theirs, _ := testdb.Agency(t, db, "kota-lain")
		u := &merit.User{Username: "admin.token", Name: "Admin", Grants: []merit.Grant{
			{AgencyID: mine.ID, Role: merit.RoleAdmin}, {AgencyID: theirs.ID, Role: merit.RoleViewer}}}
		if err := db.CreateUser(sys, u, "x"); err != nil {
			t.Fatal(err)
		}
		newToken := func(agencyID int64, role merit.Role, expires time.Time) (string, *sqldb.Token) {
			tok, hash, err := auth.NewToken()
			if err != nil {
				t.Fatal(err)
			}
			tk := &sqldb.Token{UserID: u.ID, AgencyID: agencyID, Role: role, Name: "sinkron SIASN", TokenHash: hash, ExpiresAt: expires}
			if err := db.CreateToken(sys, tk); err != nil {
				t.Fatal(err)
			}
			return tok, tk
		}
		viewer, viewerRow := newToken(mine.ID, merit.RoleViewer, time.Now().Add(time.Hour))
		operator, _ := newToken(mine.ID, merit.RoleOperator, time.Now().Add(time.Hour))
		if !strings.HasPrefix(viewer, "mrt_") || len(viewer) != 4+43 {
			t.Errorf("token %q: want mrt_ and 43 base64url characters", viewer)
		}
		// Escalation: a viewer of kota-lain cannot mint an operator token there.
		_, hash, _ := auth.NewToken()
		err := db.CreateToken(sys, &sqldb.Token{UserID: u.ID, AgencyID: theirs.ID, Role: merit.RoleOperator, Name: "x", TokenHash: hash,
			ExpiresAt: time.Now().Add(time.Hour)})
		if merit.CodeOf(err) != "token.role_exceeds" {
			t.Errorf("role above the user's: %v", err)
		}

		sessions := auth.NewSessions(db, auth.Cheap)
		deps := server.Deps{DB: db, Sessions: sessions, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
		h := (&server.Server{DB: db, Sessions: sessions, Logger: deps.Logger, API: api.New(deps)}).Handler()
		do := func(method, path, token, body string, header ...string) *httptest.ResponseRecorder {
			req := httptest.NewRequest(method, path, strings.NewReader(body))
			if token != "" {
				req.Header.Set("Authorization", "Bearer "+token)
			}
			req.Header.Set("Content-Type", "application/json")
			for i := 0; i+1 < len(header); i += 2 {
				req.Header.Set(header[i], header[i+1])
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			return rec
		}
		unit := `{"name":"Bagian Integrasi"}`
		tampered := viewer[:len(viewer)-1] + map[bool]string{true: "B", false: "A"}[strings.HasSuffix(viewer, "A")]
		for _, tt := range []struct {
			name, method, path, token, body string
			want                            int
		}{
			{"viewer reads its agency", "GET", "/api/v1/agencies/kota-token/units", viewer, "", 200},
			{"viewer may not write", "POST", "/api/v1/agencies/kota-token/units", viewer, unit, 403},
			{"other agency does not exist for it", "GET", "/api/v1/agencies/kota-lain/units", viewer, "", 404},
			{"operator writes without Origin", "POST", "/api/v1/agencies/kota-token/units", operator, unit, 201},
			{"tampered token", "GET", "/api/v1/agencies/kota-token/units", tampered, "", 401},
			{"unknown token", "GET", "/api/v1/agencies/kota-token/units", "mrt_x", "", 401},
		} {
			rec := do(tt.method, tt.path, tt.token, tt.body)
			if rec.Code != tt.want {
				t.Errorf("%s: status %d, want %d: %s", tt.name, rec.Code, tt.want, rec.Body)
			}
		}
		// A bad bearer gets the 401 problem even on an operation that needs no session.
		rec := do("GET", "/api/v1/reference/golongan", "mrt_tidak-ada", "")
		var p struct {
			Status int
			Code   string
		}
		if rec.Code != 401 || json.Unmarshal(rec.Body.Bytes(), &p) != nil || p.Code != "auth.bad_token" ||
			rec.Header().Get("Content-Type") != "application/problem+json" {
			t.Errorf("bad bearer on a public operation: %d %s", rec.Code, rec.Body)
		}
		// A cross-site browser POST is refused whatever it carries.
		if rec := do("POST", "/api/v1/agencies/kota-token/units", operator, unit, "Sec-Fetch-Site", "cross-site"); rec.Code != 403 {
			t.Errorf("cross-site POST: %d", rec.Code)
		}

		// Revoked, then expired: 401.
		if err := db.RevokeToken(sys, viewerRow.ID); err != nil {
			t.Fatal(err)
		}
		if rec := do("GET", "/api/v1/agencies/kota-token/units", viewer, ""); rec.Code != 401 {
			t.Errorf("revoked token: %d", rec.Code)
		}
		sessions.Now = func() time.Time { return time.Now().Add(2 * time.Hour) }
		if rec := do("GET", "/api/v1/agencies/kota-token/units", operator, ""); rec.Code != 401 {
			t.Errorf("expired token: %d", rec.Code)
		}

		// Audited without the token or its hash.
		entries, err := db.FindAudit(sys, 0, "api_token", 0, 10)
		if err != nil || len(entries) != 3 || entries[0].Action != merit.AuditRevoke {
			t.Fatalf("audit: %v %+v", err, entries)
		}
		for _, e := range entries {
			if strings.Contains(e.After, viewerRow.TokenHash) || strings.Contains(e.After, "mrt_") || strings.Contains(e.After, "Hash") {
				t.Errorf("audit entry holds the token: %s", e.After)
			}
		}
	})
}

// A cookie-carrying cross-site form POST is still refused (a Bearer POST from
// a non-browser client passing is shown by TestAPIToken).
func TestCrossOriginWithSessionsAndTokens(t *testing.T) {
	reached := 0
	h := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached++ }))
	req := httptest.NewRequest("POST", "/a/kota-x/pegawai/baru", strings.NewReader("name=x"))
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Origin", "https://evil.example")
	req.AddCookie(&http.Cookie{Name: auth.CookieName, Value: "whatever"})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden || reached != 0 {
		t.Errorf("cross-site POST with a cookie: %d, reached %d", rec.Code, reached)
	}
}
