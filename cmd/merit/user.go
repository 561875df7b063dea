package main

import (
	"bufio"
	"context"
	"fmt"
	"strconv"
	"strings"

	"merit"
	"merit/auth"
	"merit/sqldb"
)

func init() {
	register("user", "manage accounts: add, grant, passwd, list", runUser)
}

func runUser(ctx context.Context, env *Env, args []string) error {
	action, args := splitAction(args)
	fs := flags(env, "user "+action, "")
	dsn := dbFlag(env, fs)
	username := fs.String("username", "", "username used to sign in")
	name := fs.String("name", "", "full name shown in the UI (add)")
	agency := fs.String("agency", "", "agency code the role applies to; several comma-separated, e.g. an evaluator's (add)")
	role := fs.String("role", string(merit.RoleOperator), "role in the agency: admin, operator, viewer, evaluator, ppk, pansel, asesor or employee (with --nip) (add)")
	password := fs.String("password", "", "password; when empty it is read from MERIT_PASSWORD or standard input")
	nipFlag := fs.String("nip", "", "NIP of the own record of an employee account (--role employee); it is also the default username (add)")
	platform := fs.Bool("platform-admin", false, "a platform admin: creates agencies and manages the accounts of every agency; --agency is then optional (add)")
	units := fs.String("unit", "", "limit the role to these units and the units below them: unit IDs or names, comma-separated (add, grant)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = system(ctx)
	// newHash reads a new password (flag, MERIT_PASSWORD or standard input),
	// checks it and returns its hash.
	newHash := func() (string, error) {
		pw := *password
		if pw == "" {
			pw = env.Getenv("MERIT_PASSWORD")
		}
		if pw == "" {
			fmt.Fprint(env.Stderr, "password: ")
			line, _ := bufio.NewReader(env.Stdin).ReadString('\n')
			pw = strings.TrimRight(line, "\r\n")
		}
		if err := auth.ValidatePassword(pw); err != nil {
			return "", err
		}
		return auth.HashPassword(pw, auth.Default)
	}
	switch action {
	case "add":
		u := &merit.User{Username: *username, Name: *name, PlatformAdmin: *platform}
		var codes []string
		for _, code := range strings.Split(*agency, ",") {
			if *platform && *agency == "" {
				break
			}
			a, err := agencyByCode(ctx, db, strings.TrimSpace(code))
			if err != nil {
				return err
			}
			unitIDs, err := unitsByName(ctx, db, a.ID, *units)
			if err != nil {
				return err
			}
			u.Grants = append(u.Grants, merit.Grant{AgencyID: a.ID, Role: merit.Role(*role), UnitIDs: unitIDs})
			codes = append(codes, a.Code)
		}
		hash, err := newHash()
		if err != nil {
			return err
		}
		if *nipFlag != "" {
			e, err := db.FindEmployeeByNIP(ctx, u.Grants[0].AgencyID, strings.TrimSpace(*nipFlag))
			if err != nil {
				return err
			}
			u.Grants[0].EmployeeID = e.ID
			if u.Username == "" {
				u.Username = e.NIP
			}
			if u.Name == "" {
				u.Name = e.Name
			}
		}
		if err := db.CreateUser(ctx, u, hash); err != nil {
			return err
		}
		if *platform {
			fmt.Fprintf(env.Stdout, "user %s added as platform admin\n", u.Username)
		}
		if len(codes) > 0 {
			fmt.Fprintf(env.Stdout, "user %s added as %s of %s\n", u.Username, *role, strings.Join(codes, ", "))
		}
	case "grant":
		u, _, err := db.UserForSignIn(ctx, strings.ToLower(*username))
		if err != nil {
			return err
		}
		a, err := agencyByCode(ctx, db, strings.TrimSpace(*agency))
		if err != nil {
			return err
		}
		unitIDs, err := unitsByName(ctx, db, a.ID, *units)
		if err != nil {
			return err
		}
		// The role is added to the user's roles in the agency, or replaces
		// the same role (with other units).
		grants := []merit.Grant{{Role: merit.Role(*role), UnitIDs: unitIDs}}
		for _, g := range u.Grants {
			if g.AgencyID == a.ID && g.Role != merit.Role(*role) {
				grants = append(grants, g)
			}
		}
		if err := db.SetGrants(ctx, a.ID, u.ID, grants); err != nil {
			return err
		}
		limit := ""
		if len(unitIDs) > 0 {
			limit = fmt.Sprintf(", limited to %d unit(s) and the units below them", len(unitIDs))
		}
		fmt.Fprintf(env.Stdout, "user %s is now %s of %s%s\n", u.Username, *role, a.Code, limit)
	case "passwd":
		u, _, err := db.UserForSignIn(ctx, strings.ToLower(*username))
		if err != nil {
			return err
		}
		hash, err := newHash()
		if err != nil {
			return err
		}
		if err := db.SetPassword(ctx, u.ID, hash); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "password of %s changed; their sessions are ended\n", u.Username)
	case "list":
		users, err := db.FindUsers(ctx)
		if err != nil {
			return err
		}
		for _, u := range users {
			var grants []string
			if u.PlatformAdmin {
				grants = append(grants, "platform-admin")
			}
			for _, g := range u.Grants {
				grant := string(g.Role) + "@" + g.AgencyCode
				if len(g.UnitIDs) > 0 {
					grant += fmt.Sprintf("(units %v)", g.UnitIDs)
				}
				grants = append(grants, grant)
			}
			fmt.Fprintf(env.Stdout, "%-24s %-32s %s\n", u.Username, u.Name, strings.Join(grants, ", "))
		}
	default:
		fs.Usage()
		return fmt.Errorf("user: unknown action %q (use add, grant, passwd or list)", action)
	}
	return nil
}

// unitsByName resolves a comma-separated list of unit IDs or names of the
// agency; a name must name exactly one unit.
func unitsByName(ctx context.Context, db *sqldb.DB, agencyID int64, list string) ([]int64, error) {
	if strings.TrimSpace(list) == "" {
		return nil, nil
	}
	units, err := db.FindUnits(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, want := range strings.Split(list, ",") {
		want = strings.TrimSpace(want)
		var found []int64
		for _, u := range units {
			if strconv.FormatInt(u.ID, 10) == want || strings.EqualFold(u.Name, want) {
				found = append(found, u.ID)
			}
		}
		if len(found) != 1 {
			code := "err.bad_reference"
			if len(found) > 1 {
				code = "user.unit_ambiguous"
			}
			return nil, merit.Invalid("unit", merit.FieldError{Field: "unitIds", Code: code, Value: want})
		}
		ids = append(ids, found[0])
	}
	return ids, nil
}
