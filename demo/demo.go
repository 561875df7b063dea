// Package demo generates realistic, deterministic demo data: Pemkot- and
// Pemkab-like agencies of Central Java with their perangkat daerah, units,
// positions and civil servants (PNS, CPNS, PPPK and PPPK paruh waktu) with
// plausible golongan, education, age, sex and careers, every NIP valid, and
// the full riwayat of each employee. The same seed and date always give the
// same data, so demos, screenshots and benchmarks are reproducible.
//
// Generate writes agencies and demo users to a database; Employees streams
// generated people without one, for benchmarks that write large files.
package demo

import (
	"context"
	"fmt"
	"time"

	"merit"
	"merit/auth"
	"merit/sqldb"
)

// Password is the documented password of every demo user. Demo users exist
// to be signed in with; never load demo data into a production database.
const Password = "merit-demo-2026"

// Options say what to generate.
type Options struct {
	Seed      int64      // random seed; the same seed and Today give the same data
	Agencies  int        // how many agencies (default 1): Kota Magelang, then other kota and kabupaten
	Employees int        // employees per agency (default 6,000)
	Today     merit.Date // the date ages and "not in the future" are judged by (default: today in WIB)
	// Progress, when set, is called after each agency is written.
	Progress func(AgencyResult)
}

// DefaultEmployees is the size of a default demo agency.
const DefaultEmployees = fullSize

// Result says what Generate did.
type Result struct {
	Agencies []AgencyResult
	Password string // the demo users' password (Password)
	// Evaluator is the demo evaluator across agencies (evaluator.bkn), when
	// this run created the merit-evaluation demo.
	Evaluator *SignIn
}

// AgencyResult is one agency of a Generate run.
type AgencyResult struct {
	Agency    *merit.Agency
	Employees int           // employees written now
	Skipped   bool          // the agency already had employees: left alone
	SignIns   []SignIn      // the demo users of the agency
	Employee  SignIn        // the demo employee's self-service account (username = NIP)
	Elapsed   time.Duration // time taken to write it
}

// SignIn is a demo user.
type SignIn struct {
	Username string
	Role     merit.Role
}

// Generate creates the demo agencies with their employees and three users
// each (admin.<short>, operator.<short>, viewer.<short>, password Password).
// An agency whose code exists and already has employees is skipped; an
// existing empty one (left by an interrupted run) is filled. Each agency's
// employees are written in one transaction. ctx must carry the system actor.
func Generate(ctx context.Context, db *sqldb.DB, opts Options) (*Result, error) {
	const op = "demo.Generate"
	if opts.Agencies <= 0 {
		opts.Agencies = 1
	}
	if opts.Employees <= 0 {
		opts.Employees = DefaultEmployees
	}
	if opts.Today.IsZero() {
		opts.Today = merit.Today()
	}
	ref, err := db.Reference(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	res := &Result{Password: Password}
	for i := 0; i < opts.Agencies; i++ {
		started := time.Now()
		tpl := templateFor(i)
		ar, err := generateAgency(ctx, db, ref, tpl, i, opts)
		if err == nil && !ar.Skipped {
			err = ipasnDemo(ctx, db, ar.Agency, opts.Today) // last: it reads everything generated before
		}
		if err != nil {
			return res, fmt.Errorf("%s: %s: %w", op, tpl.Code, err)
		}
		ar.Elapsed = time.Since(started)
		res.Agencies = append(res.Agencies, ar)
		if opts.Progress != nil {
			opts.Progress(ar)
		}
	}
	if err := evaluationDemo(ctx, db, res, opts.Today); err != nil {
		return res, fmt.Errorf("%s: %w", op, err)
	}
	return res, nil
}

func generateAgency(ctx context.Context, db *sqldb.DB, ref *merit.Reference, tpl Template, index int, opts Options) (AgencyResult, error) {
	ar := AgencyResult{}
	a, err := db.FindAgencyByCode(ctx, tpl.Code)
	switch {
	case merit.KindOf(err) == merit.KindNotFound:
		a = &merit.Agency{Code: tpl.Code, Name: tpl.Name, Kind: tpl.Kind}
		if err := db.CreateAgency(ctx, a); err != nil {
			return ar, err
		}
	case err != nil:
		return ar, err
	}
	ar.Agency = a
	has, err := hasEmployees(ctx, db, a.ID)
	if err != nil {
		return ar, err
	}
	if has {
		ar.Skipped = true
		return ar, nil
	}
	if ar.SignIns, err = createUsers(ctx, db, a, tpl); err != nil {
		return ar, err
	}
	if ar.Employees, err = writeEmployees(ctx, db, ref, a, index, opts); err != nil {
		return ar, err
	}
	if err := competencyDemo(ctx, db, a, opts.Seed, opts.Today); err != nil {
		return ar, err
	}
	if err := skpDemo(ctx, db, a, opts.Seed, opts.Today); err != nil {
		return ar, err
	}
	if err := talentDemo(ctx, db, a, opts.Today, string(merit.RolePPK)+"."+tpl.Short); err != nil {
		return ar, err
	}
	if err := successionDemo(ctx, db, a, opts.Today); err != nil {
		return ar, err
	}
	panelUsers, panelSignIns, err := selectionUsers(ctx, db, a, tpl)
	if err != nil {
		return ar, err
	}
	ar.SignIns = append(ar.SignIns, panelSignIns...)
	if _, err := SelectionDemo(ctx, db, a, opts.Today, panelUsers); err != nil {
		return ar, err
	}
	ar.Employee, err = createEmployeeUser(ctx, db, a)
	return ar, err
}

// ServeAgencies is how many agencies the default demo (merit serve --demo)
// loads: two, so that isolation between agencies can be tried.
const ServeAgencies = 2

// Pending reports whether the default demo should be loaded: the database
// has no agency, or only default demo agencies of which one is missing or
// has no employees (a load that was interrupted). ctx must carry the system
// actor.
func Pending(ctx context.Context, db *sqldb.DB) (bool, error) {
	n, err := db.CountAgencies(ctx)
	if err == nil {
		var extra int
		extra, err = evaluationOnly(ctx, db)
		n -= extra
	}
	if err != nil || n == 0 || n > ServeAgencies {
		return n == 0, err
	}
	found, empty := 0, false
	for _, tpl := range templates[:ServeAgencies] {
		a, err := db.FindAgencyByCode(ctx, tpl.Code)
		if merit.KindOf(err) == merit.KindNotFound {
			continue
		}
		if err != nil {
			return false, err
		}
		found++
		has, err := hasEmployees(ctx, db, a.ID)
		if err != nil {
			return false, err
		}
		empty = empty || !has
	}
	return found == n && (empty || found < ServeAgencies), nil
}

func hasEmployees(ctx context.Context, db *sqldb.DB, agencyID int64) (bool, error) {
	_, total, err := db.FindEmployees(ctx, merit.EmployeeFilter{AgencyID: agencyID, Limit: 1})
	return total > 0, err
}

// createUsers adds a user for each of demoRoles, unless an interrupted run
// already did.
func createUsers(ctx context.Context, db *sqldb.DB, a *merit.Agency, tpl Template) ([]SignIn, error) {
	hash, err := auth.HashPassword(Password, auth.Cheap)
	if err != nil {
		return nil, err
	}
	var out []SignIn
	for _, role := range demoRoles {
		si := SignIn{Username: string(role) + "." + tpl.Short, Role: role}
		out = append(out, si)
		u := &merit.User{Username: si.Username, Name: roleName[role] + " Demo " + tpl.placeName(),
			Grants: []merit.Grant{{AgencyID: a.ID, Role: role}}}
		err := db.CreateUser(ctx, u, hash)
		if merit.KindOf(err) == merit.KindConflict {
			continue // made by an earlier, interrupted run
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// demoRoles are the roles that get a demo user in every demo agency, named
// role.short (pansel.magelang, asesor.magelang, ...).
var demoRoles = []merit.Role{merit.RoleAdmin, merit.RoleOperator, merit.RoleViewer,
	merit.RoleEvaluator, merit.RolePPK, merit.RolePanel, merit.RoleAssessor}

var roleName = map[merit.Role]string{merit.RoleAdmin: "Admin", merit.RoleOperator: "Operator", merit.RoleViewer: "Viewer",
	merit.RoleEvaluator: "Evaluator", merit.RolePPK: "PPK", merit.RolePanel: "Pansel", merit.RoleAssessor: "Asesor"}

// writeEmployees writes the agency's units, every managerial position (filled
// or vacant) and its people with their histories in one transaction.
func writeEmployees(ctx context.Context, db *sqldb.DB, ref *merit.Reference, a *merit.Agency, index int, opts Options) (int, error) {
	written := 0
	err := db.Bulk(ctx, a.ID, merit.PermImport, func(b *sqldb.Bulk) error {
		written = 0
		pl := newPlan(templateFor(index))
		units := make(map[string]int64, len(pl.units))
		for _, u := range pl.units {
			id, err := b.Unit(ctx, u.parent, u.name)
			if err != nil {
				return err
			}
			units[u.name] = id
		}
		for _, po := range pl.posts {
			p := &merit.Position{UnitID: units[pl.units[po.unit].name], Name: po.name, Jenis: po.jenis, KelasJabatan: po.kelas, Critical: po.critical}
			if _, err := b.Position(ctx, p); err != nil {
				return err
			}
		}
		for p := range agencyPeople(opts.Seed, index, opts.Employees, opts.Today) {
			e := p.Employee
			e.UnitID = units[p.UnitName]
			pos := &merit.Position{UnitID: e.UnitID, Name: p.PositionName, Jenis: p.Jenis, Jenjang: p.Jenjang,
				KelasJabatan: p.KelasJabatan, Critical: p.Critical}
			var err error
			if e.PositionID, err = b.Position(ctx, pos); err != nil {
				return err
			}
			if err := e.Validate(ref, opts.Today); err != nil {
				return fmt.Errorf("generated employee %s is invalid: %w", e.NIP, err)
			}
			if _, err := b.Upsert(ctx, &e); err != nil {
				return err
			}
			for i := range p.History {
				p.History[i].EmployeeID = e.ID
			}
			if err := b.AddHistories(ctx, p.History); err != nil {
				return err
			}
			written++
		}
		return nil
	})
	return written, err
}
