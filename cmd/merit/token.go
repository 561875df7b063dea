package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"merit"
	"merit/auth"
	"merit/sqldb"
)

func init() {
	register("token", "manage API tokens for machine clients: create, list, revoke", runToken)
}

func runToken(ctx context.Context, env *Env, args []string) error {
	action, args := splitAction(args)
	fs := flags(env, "token "+action, "")
	dsn := dbFlag(env, fs)
	username := fs.String("username", "", "user the token acts for (create; filters list)")
	agency := fs.String("agency", "", "agency code the token is limited to (create)")
	role := fs.String("role", string(merit.RoleViewer), "role in the agency, at most the user's own: viewer, operator or admin (create)")
	name := fs.String("name", "", "what the token is for, e.g. the client's name (create)")
	days := fs.Int("days", 90, "days until the token expires (create)")
	id := fs.Int64("id", 0, "token id to revoke (revoke)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = system(ctx)
	userID := func() (int64, error) {
		if *username == "" {
			return 0, merit.Invalid("token", merit.FieldError{Field: "username", Code: "field.required"})
		}
		u, _, err := db.UserForSignIn(ctx, strings.ToLower(strings.TrimSpace(*username)))
		if err != nil {
			return 0, err
		}
		return u.ID, nil
	}
	switch action {
	case "create":
		uid, err := userID()
		if err != nil {
			return err
		}
		a, err := agencyByCode(ctx, db, *agency)
		if err != nil {
			return err
		}
		if *days < 1 || *days > 3660 {
			return merit.Invalid("token", merit.FieldError{Field: "days", Code: "token.days", Value: fmt.Sprint(*days)})
		}
		tok, hash, err := auth.NewToken()
		if err != nil {
			return err
		}
		t := &sqldb.Token{UserID: uid, AgencyID: a.ID, Role: merit.Role(*role), Name: *name, TokenHash: hash,
			ExpiresAt: time.Now().Add(time.Duration(*days) * 24 * time.Hour)}
		if err := db.CreateToken(ctx, t); err != nil {
			return err
		}
		fmt.Fprintf(env.Stderr, "token %d: %s of %s for %s, expires %s; it is shown only now:\n",
			t.ID, t.Role, t.AgencyCode, t.Username, t.ExpiresAt.Format(time.DateOnly))
		fmt.Fprintln(env.Stdout, tok)
	case "list":
		var uid int64
		if *username != "" {
			if uid, err = userID(); err != nil {
				return err
			}
		}
		tokens, err := db.FindTokens(ctx, uid)
		if err != nil {
			return err
		}
		now := time.Now()
		for _, t := range tokens {
			state, used := "active", "never"
			switch {
			case t.RevokedAt != nil:
				state = "revoked " + t.RevokedAt.Format(time.DateOnly)
			case !now.Before(t.ExpiresAt):
				state = "expired"
			}
			if t.LastUsedAt != nil {
				used = t.LastUsedAt.Format(time.DateTime)
			}
			fmt.Fprintf(env.Stdout, "%-6d %-20s %-24s %-18s expires %s  used %s  %s\n", t.ID, t.Username, t.Name,
				string(t.Role)+"@"+t.AgencyCode, t.ExpiresAt.Format(time.DateOnly), used, state)
		}
	case "revoke":
		if err := db.RevokeToken(ctx, *id); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "token %d revoked\n", *id)
	default:
		fs.Usage()
		return fmt.Errorf("token: unknown action %q (use create, list or revoke)", action)
	}
	return nil
}
