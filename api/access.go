package api

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"merit"
	"merit/httpstatus"
)

// writePermissions is the permission each write operation on an agency
// needs, by operation ID: the permission its store method checks. The
// authorizeFirst middleware checks it before huma reads the body.
var writePermissions = map[string]merit.Permission{
	"create-unit":      merit.PermWrite,
	"update-unit":      merit.PermWrite,
	"create-position":  merit.PermWrite,
	"update-position":  merit.PermWrite,
	"delete-position":  merit.PermWrite,
	"create-employee":  merit.PermWrite,
	"update-employee":  merit.PermWrite,
	"delete-employee":  merit.PermWrite,
	"create-history":   merit.PermWrite,
	"update-history":   merit.PermWrite,
	"delete-history":   merit.PermWrite,
	"import-employees": merit.PermImport,
	"accept-proposal":  merit.PermWrite,
	"reject-proposal":  merit.PermWrite,
	// Accounts (merit.AuthorizeUsers: these, or a platform admin).
	"create-user":         merit.PermManageUsers,
	"set-user-grants":     merit.PermManageUsers,
	"set-user-disabled":   merit.PermManageUsers,
	"reset-user-password": merit.PermManageUsers,
	// Performance (SKP).
	"rate-skp":          merit.PermPerformanceWrite,
	"delete-skp":        merit.PermPerformanceWrite,
	"set-unit-predikat": merit.PermPerformanceWrite,
	// Talent review: writers run reviews and calibrate; the PPK alone sets a session.
	"create-talent-rules":   merit.PermTalentWrite,
	"run-talent-review":     merit.PermTalentWrite,
	"create-talent-session": merit.PermTalentWrite,
	"move-talent":           merit.PermTalentWrite,
	"lock-talent-session":   merit.PermTalentDecide,
}

// platformOperations are the operations outside any agency that only the
// platform may use (merit.AuthorizePlatform).
var platformOperations = map[string]bool{"create-agency": true}

// selfOperations are the writes of an employee on their own record (no
// agency in the path): they need a self-service grant.
var selfOperations = map[string]bool{"create-my-proposal": true}

// authorizeFirst decides access before huma reads and validates the
// request, so a caller without access gets 403 or 404 and never a 422 that
// tells them what the body should hold, or that a record exists. For an
// operation on /agencies/{agency}/...: a caller who is not a member gets 404
// (as the store would answer), and a write needs the permission listed in
// writePermissions (403 without it; a write not listed there needs
// membership only here, and the store decides the rest). An employee's own
// writes need the self-service grant. The store still authorizes every call:
// this only moves the answer ahead of validation.
func authorizeFirst(api huma.API) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		if err := accessFirst(ctx); err != nil {
			huma.WriteErr(api, ctx, httpstatus.Of(err), "", err)
			return
		}
		next(ctx)
	}
}

func accessFirst(ctx huma.Context) error {
	op := ctx.Operation()
	if len(op.Security) == 0 {
		return nil
	}
	if platformOperations[op.OperationID] {
		return merit.AuthorizePlatform(ctx.Context())
	}
	if selfOperations[op.OperationID] {
		_, err := ownGrant(ctx.Context())
		return err
	}
	code := ctx.Param("agency")
	if code == "" {
		return nil
	}
	id, err := agencyID(ctx.Context(), code)
	if a := merit.ActorFrom(ctx.Context()); err != nil && a != nil && a.PlatformAdmin {
		// A platform admin belongs to every agency without a grant there:
		// it manages the accounts and holds no registry permission.
		if perm, ok := writePermissions[op.OperationID]; ok && perm != merit.PermManageUsers {
			return merit.Errorf(merit.KindForbidden, "api.accessFirst", "err.forbidden")
		}
		return nil
	}
	if err != nil || op.Method == http.MethodGet {
		return err
	}
	if perm, ok := writePermissions[op.OperationID]; ok {
		return merit.Authorize(ctx.Context(), perm, id)
	}
	return nil
}
