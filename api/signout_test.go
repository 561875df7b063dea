package api

import (
	"net/http"
	"testing"

	"merit/internal/testdb"
	"merit/sqldb"
)

// DELETE /api/v1/session/all ends every session of the user, not another
// user's; without a session it is a 401.
func TestSignOutEverywhere(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		one, two, other := f.signIn("op-a"), f.signIn("op-a"), f.signIn("view-a")
		one.call("DELETE", "/api/v1/session/all", nil, http.StatusNoContent, nil)
		one.fail("GET", "/api/v1/me", nil, http.StatusUnauthorized)
		two.fail("GET", "/api/v1/me", nil, http.StatusUnauthorized)
		other.call("GET", "/api/v1/me", nil, http.StatusOK, nil)
		f.anon().fail("DELETE", "/api/v1/session/all", nil, http.StatusUnauthorized)
	})
}
