package merit

import (
	"context"
	"strings"
	"time"
)

// Role is what a user may do within one agency.
type Role string

// The roles. A user holds a role per agency (a Grant) and may hold several.
const (
	RoleAdmin    Role = "admin"    // BKPSDM head: everything in the agency, users included
	RoleOperator Role = "operator" // BKPSDM staff: reads and writes the registry, imports and exports
	RoleViewer   Role = "viewer"   // reads the registry
	// RoleEvaluator is BKN, KemenPANRB or a province reading the agencies it
	// is granted (one grant per agency); it changes nothing.
	RoleEvaluator Role = "evaluator"
	// RolePPK is the head of the agency (Pejabat Pembina Kepegawaian): reads
	// the registry; the decisions it approves come with the features that need them.
	RolePPK Role = "ppk"
	// RolePanel is a selection panel member (pansel) and RoleAssessor an
	// assessor: they see only the selections or assessments they sit on, and
	// none of the registry, so they hold no registry permission at all.
	RolePanel    Role = "pansel"
	RoleAssessor Role = "asesor"
)

// Roles lists the roles, most powerful first, for forms and validation.
var Roles = []Role{RoleAdmin, RoleOperator, RoleViewer, RoleEvaluator, RolePPK, RolePanel, RoleAssessor, RoleEmployee}

// RoleEmployee is an ASN's self-service role: its grant is linked to one
// employee record (Grant.EmployeeID) and reads only that record and its
// riwayat (see AuthorizeEmployee); it holds no registry-wide permission.
const RoleEmployee Role = "employee"

// PermPropose is proposing a change of one's own record (usulan perubahan
// data). No role holds it in rolePermissions: AuthorizeEmployee grants it to
// an employee for their linked record only.
const PermPropose Permission = "self.propose"

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// Covers reports whether every permission of o is also one of r's (admin
// covers operator covers viewer; viewer, evaluator and PPK cover one
// another), so an API token never gets more than its user.
func (r Role) Covers(o Role) bool {
	if !r.Valid() || !o.Valid() {
		return false
	}
	for _, p := range rolePermissions[o] {
		if !r.Has(p) {
			return false
		}
	}
	return true
}

// Has reports whether the role carries perm, per rolePermissions.
func (r Role) Has(perm Permission) bool {
	for _, p := range rolePermissions[r] {
		if p == perm {
			return true
		}
	}
	return false
}

// Permission is one kind of action on an agency's data.
type Permission string

// The permissions checked by the storage layer before every read or write.
const (
	PermRead        Permission = "registry.read"
	PermWrite       Permission = "registry.write"
	PermImport      Permission = "registry.import"
	PermExport      Permission = "registry.export"
	PermManageUsers Permission = "users.manage"
	// PermPersonal is seeing personal data (NIK, address, phone, birth
	// date, religion) unmasked; roles without it get the masked values.
	PermPersonal Permission = "registry.personal"
	// PermPerformanceRead and PermPerformanceWrite cover SKP, predikat and
	// angka kredit (performance management).
	PermPerformanceRead  Permission = "performance.read"
	PermPerformanceWrite Permission = "performance.write"
	// PermCompetencyRead and PermCompetencyWrite cover the competency
	// dictionary, standards (SKJ), assessment results, JPM and development records.
	PermCompetencyRead  Permission = "competency.read"
	PermCompetencyWrite Permission = "competency.write"
	// PermTalentRead and PermTalentWrite cover talent reviews, the 9-box,
	// calibration, the talent pool, critical positions and succession plans;
	// PermTalentDecide is setting them (ditetapkan PPK), the PPK's act.
	PermTalentRead   Permission = "talent.read"
	PermTalentWrite  Permission = "talent.write"
	PermTalentDecide Permission = "talent.decide"
	// PermSelectionRead is reading open selections of JPT (seleksi terbuka)
	// in full; PermSelectionManage is running them (the BKPSDM secretariat:
	// set-up, candidates, administrative check, stages, publication).
	PermSelectionRead   Permission = "selection.read"
	PermSelectionManage Permission = "selection.manage"
	// PermSelectionScore is scoring candidates; the storage layer allows it
	// only on the selections whose panel the actor sits on, and reads of a
	// selection through it show only what a member may see.
	PermSelectionScore Permission = "selection.score"
	// PermSelectionDecide is the PPK's choice of one of the top three.
	PermSelectionDecide Permission = "selection.decide"
	// PermEvaluationRead and PermEvaluationWrite cover the agency's
	// merit-system self-assessment (Penilaian Sistem Merit, Indeks Kualitas
	// Pengisian JPT); PermEvaluationVerify is the evaluator's verification
	// and setting (ditetapkan) of it.
	PermEvaluationRead   Permission = "evaluation.read"
	PermEvaluationWrite  Permission = "evaluation.write"
	PermEvaluationVerify Permission = "evaluation.verify"
	// PermSurveyRespond is answering the agency's anonymous employee survey
	// (2025 framework), once per employee.
	PermSurveyRespond Permission = "survey.respond"
)

// rolePermissions is the one table that says which role may do what.
var rolePermissions = map[Role][]Permission{
	RoleAdmin: {PermRead, PermWrite, PermImport, PermExport, PermManageUsers, PermPersonal,
		PermPerformanceRead, PermPerformanceWrite, PermCompetencyRead, PermCompetencyWrite,
		PermTalentRead, PermTalentWrite, PermSelectionRead, PermSelectionManage,
		PermEvaluationRead, PermEvaluationWrite},
	RoleOperator: {PermRead, PermWrite, PermImport, PermExport, PermPersonal,
		PermPerformanceRead, PermPerformanceWrite, PermCompetencyRead, PermCompetencyWrite,
		PermTalentRead, PermTalentWrite, PermSelectionRead, PermSelectionManage,
		PermEvaluationRead, PermEvaluationWrite},
	RoleViewer: {PermRead, PermPerformanceRead, PermCompetencyRead, PermTalentRead,
		PermSelectionRead, PermEvaluationRead},
	// See decisions.md "Roles": evaluator and PPK read; the evaluator
	// verifies merit-system assessments, the PPK decides. Panel members and
	// assessors hold nothing on the registry: only scoring, on the
	// selections they sit on.
	RoleEvaluator: {PermRead, PermPerformanceRead, PermCompetencyRead, PermTalentRead,
		PermSelectionRead, PermEvaluationRead, PermEvaluationVerify},
	RolePPK: {PermRead, PermPerformanceRead, PermCompetencyRead, PermTalentRead, PermTalentDecide,
		PermSelectionRead, PermSelectionDecide, PermEvaluationRead},
	RolePanel:    {PermSelectionScore},
	RoleAssessor: {PermSelectionScore},
	RoleEmployee: {PermSurveyRespond},
}

// Grant gives a user a role in one agency.
type Grant struct {
	AgencyID   int64  `json:"agencyId"`
	AgencyCode string `json:"agencyCode"`
	Role       Role   `json:"role"`
	EmployeeID int64  `json:"employeeId,omitempty"` // the own record of a RoleEmployee grant
	// UnitIDs limits the grant to these units and every unit below them
	// (an operator of some bidang only); empty means the whole agency.
	// The storage layer applies it to employee records (see UnitScope).
	UnitIDs []int64 `json:"unitIds,omitempty"`
}

// Actor is who is acting: a signed-in user, an API token, or the system (the
// CLI run by the server's operator).
type Actor struct {
	UserID   int64
	Username string
	Name     string
	Grants   []Grant
	System   bool // the CLI: may do anything, used for import/export/admin commands
	// PlatformAdmin manages agencies and the accounts of every agency (see
	// AuthorizeUsers, AuthorizePlatform); it reads no agency's registry.
	PlatformAdmin bool
}

// Can reports whether the actor holds perm in the agency.
func (a *Actor) Can(perm Permission, agencyID int64) bool {
	if a == nil {
		return false
	}
	if a.System {
		return true
	}
	for _, g := range a.Grants {
		if g.AgencyID == agencyID && g.Role.Has(perm) {
			return true
		}
	}
	return false
}

// Member reports whether the actor holds any role in the agency. A platform
// admin is a member of every agency: it sees that the agency exists (and
// gets 403, not 404, on its registry).
func (a *Actor) Member(agencyID int64) bool {
	if a == nil {
		return false
	}
	if a.System || a.PlatformAdmin {
		return true
	}
	for _, g := range a.Grants {
		if g.AgencyID == agencyID {
			return true
		}
	}
	return false
}

type actorKey struct{}

// WithActor returns a context carrying the actor.
func WithActor(ctx context.Context, a *Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor of the context, or nil.
func ActorFrom(ctx context.Context) *Actor {
	a, _ := ctx.Value(actorKey{}).(*Actor)
	return a
}

// SystemActor is the actor of CLI commands run on the server itself.
var SystemActor = &Actor{Username: "system", Name: "System", System: true}

// Authorize decides whether the context's actor may use perm on the agency's
// data. It is called by the storage layer before every read and write, so no
// handler can forget it. An actor who is not a member of the agency gets
// KindNotFound (the agency's data does not exist for them); a member without
// the permission gets KindForbidden; no actor at all gets KindUnauthenticated.
func Authorize(ctx context.Context, perm Permission, agencyID int64) error {
	a := ActorFrom(ctx)
	switch {
	case a == nil:
		return Errorf(KindUnauthenticated, "Authorize", "err.unauthenticated")
	case a.Can(perm, agencyID):
		return nil
	case a.Member(agencyID):
		return Errorf(KindForbidden, "Authorize", "err.forbidden")
	default:
		return Errorf(KindNotFound, "Authorize", "err.not_found")
	}
}

// AuthorizeEmployee decides whether the context's actor may use perm on one
// employee record: anyone Authorize lets through, and for PermRead and
// PermPropose also an employee whose grant is linked to that record. Any
// other record is KindNotFound for an employee, so self-service cannot probe for IDs.
func AuthorizeEmployee(ctx context.Context, perm Permission, agencyID, employeeID int64) error {
	err := Authorize(ctx, perm, agencyID)
	if err == nil || KindOf(err) != KindForbidden {
		return err
	}
	for _, g := range ActorFrom(ctx).Grants {
		if g.AgencyID == agencyID && g.Role == RoleEmployee {
			if (perm == PermRead || perm == PermPropose) && g.EmployeeID == employeeID {
				return nil
			}
			return Errorf(KindNotFound, "AuthorizeEmployee", "err.not_found")
		}
	}
	return err
}

// UnitScope returns the units (each with every unit below it) to which the
// actor's perm in the agency is limited, or nil when it is not limited: the
// system, or any grant holding perm there without units. The storage layer
// reads and writes only employees inside the scope.
func (a *Actor) UnitScope(perm Permission, agencyID int64) []int64 {
	if a == nil || a.System {
		return nil
	}
	var units []int64
	for _, g := range a.Grants {
		if g.AgencyID != agencyID || !g.Role.Has(perm) {
			continue
		}
		if len(g.UnitIDs) == 0 {
			return nil
		}
		units = append(units, g.UnitIDs...)
	}
	return units
}

// AuthorizeUsers decides whether the context's actor may manage the accounts
// of the agency (list, add, change roles, disable, reset passwords): a holder
// of PermManageUsers there, or a platform admin for every agency. Errors are
// those of Authorize.
func AuthorizeUsers(ctx context.Context, agencyID int64) error {
	if a := ActorFrom(ctx); a != nil && a.PlatformAdmin {
		return nil
	}
	return Authorize(ctx, PermManageUsers, agencyID)
}

// AuthorizePlatform decides whether the context's actor may do what only the
// platform may: create agencies and platform admins. The system and platform
// admins may; anyone else signed in gets KindForbidden.
func AuthorizePlatform(ctx context.Context) error {
	switch a := ActorFrom(ctx); {
	case a == nil:
		return Errorf(KindUnauthenticated, "AuthorizePlatform", "err.unauthenticated")
	case a.System || a.PlatformAdmin:
		return nil
	default:
		return Errorf(KindForbidden, "AuthorizePlatform", "err.forbidden")
	}
}

// User is an account that signs in to the web UI or API.
type User struct {
	ID        int64     `json:"id"`
	Username  string    `json:"username"`
	Name      string    `json:"name"`
	Disabled  bool      `json:"disabled"`
	CreatedAt time.Time `json:"createdAt"`
	Grants    []Grant   `json:"grants"`
	// PlatformAdmin marks a platform admin (see Actor.PlatformAdmin).
	PlatformAdmin bool `json:"platformAdmin"`
}

// Validate checks the account's own fields.
func (u *User) Validate() error {
	var fs Fields
	u.Username = strings.ToLower(strings.TrimSpace(u.Username))
	u.Name = strings.TrimSpace(u.Name)
	if len(u.Username) < 3 || len(u.Username) > 64 || strings.ContainsAny(u.Username, " \t\r\n/:") {
		fs.Add("username", "user.username_format", u.Username)
	}
	if u.Name == "" {
		fs.Add("name", "field.required", "")
	}
	for _, g := range u.Grants {
		if !g.Role.Valid() {
			fs.Add("role", "field.unknown_ref", string(g.Role))
		}
		if (g.Role == RoleEmployee) != (g.EmployeeID != 0) {
			fs.Add("nip", "user.employee_link", "")
		}
		if len(g.UnitIDs) > 0 && g.Role == RoleEmployee {
			fs.Add("unitIds", "user.units_employee", "")
		}
	}
	return fs.Err("User.Validate")
}

// Actor returns the actor acting as this user.
func (u *User) Actor() *Actor {
	return &Actor{UserID: u.ID, Username: u.Username, Name: u.Name, Grants: u.Grants, PlatformAdmin: u.PlatformAdmin}
}
