package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"merit"
)

// UserPath names one account of an agency.
type UserPath struct {
	AgencyPath
	User int64 `path:"user" minimum:"1" doc:"User ID"`
}

// grantBody is one role of an account in the path's agency.
type grantBody struct {
	Role       merit.Role `json:"role" required:"true" enum:"admin,operator,viewer,evaluator,ppk,pansel,asesor,employee"`
	UnitIDs    []int64    `json:"unitIds,omitempty" doc:"Limit the role to these units and the units below them; empty for the whole agency"`
	EmployeeID int64      `json:"employeeId,omitempty" doc:"The own record of an employee (self-service) role"`
}

func toGrants(gs []grantBody) []merit.Grant {
	out := make([]merit.Grant, len(gs))
	for i, g := range gs {
		out[i] = merit.Grant{Role: g.Role, UnitIDs: g.UnitIDs, EmployeeID: g.EmployeeID}
	}
	return out
}

// newUserBody is an account added by an agency admin.
type newUserBody struct {
	Username string      `json:"username" required:"true" minLength:"3" maxLength:"64"`
	Name     string      `json:"name" required:"true" minLength:"1" maxLength:"200"`
	Password string      `json:"password,omitempty" maxLength:"200" doc:"Empty: a password is generated and returned once"`
	Grants   []grantBody `json:"grants" required:"true" minItems:"1"`
}

// newUser is the added account and, when generated, its password (shown
// this once; only its hash is stored).
type newUser struct {
	User     *merit.User `json:"user"`
	Password string      `json:"password,omitempty"`
}

type grantsBody struct {
	Grants []grantBody `json:"grants" required:"true" minItems:"1"`
}

type disabledBody struct {
	Disabled bool `json:"disabled" required:"true" doc:"true disables the account (its sessions end), false enables it"`
}

type passwordBody struct {
	Password string `json:"password,omitempty" maxLength:"200" doc:"Empty: a password is generated"`
}

// newPassword is the password set by a reset, when generated.
type newPassword struct {
	Password string `json:"password,omitempty" doc:"The generated password, shown this once"`
}

// registerUsers adds the account operations of agency admins and platform
// admins.
func (h *handlers) registerUsers(api huma.API, op func(id, method, path, tag, summary string, status int, errs ...int) huma.Operation) {
	const users = "/agencies/{agency}/users"
	huma.Register(api, op("list-users", http.MethodGet, users, "users", "The accounts holding a role in the agency, with their roles there", 0, 401, 403, 404), h.listUsers)
	huma.Register(api, op("create-user", http.MethodPost, users, "users", "Add an account with roles in the agency", http.StatusCreated, 401, 403, 404, 409), h.createUser)
	huma.Register(api, op("get-user", http.MethodGet, users+"/{user}", "users", "One account of the agency", 0, 401, 403, 404), h.getUser)
	huma.Register(api, op("set-user-grants", http.MethodPut, users+"/{user}/grants", "users",
		"Replace the account's roles in the agency (each optionally limited to units)", 0, 401, 403, 404), h.setUserGrants)
	huma.Register(api, op("set-user-disabled", http.MethodPut, users+"/{user}/disabled", "users",
		"Disable or enable the account; disabling ends its sessions", 0, 401, 403, 404), h.setUserDisabled)
	reset := op("reset-user-password", http.MethodPost, users+"/{user}/password", "users",
		"Reset the account's password: the given one or a generated one returned once; every session of the user ends", 0, 401, 403, 404)
	huma.Register(api, reset, h.resetUserPassword)
	huma.Register(api, op("create-agency", http.MethodPost, "/agencies", "agencies", "Add an agency (platform admins)", http.StatusCreated, 401, 403, 409), h.createAgency)
}

// agencyOf resolves the path's agency through the store: a platform admin
// holds no grant in it, yet manages its accounts.
func (h *handlers) agencyOf(ctx context.Context, code string) (*merit.Agency, error) {
	return h.db.FindAgencyByCode(ctx, code)
}

func (h *handlers) listUsers(ctx context.Context, in *AgencyPath) (*itemsOutput[*merit.User], error) {
	a, err := h.agencyOf(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return list(h.db.FindAgencyUsers(ctx, a.ID))
}

func (h *handlers) getUser(ctx context.Context, in *UserPath) (*output[*merit.User], error) {
	a, err := h.agencyOf(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	u, err := h.db.FindAgencyUser(ctx, a.ID, in.User)
	if err != nil {
		return nil, err
	}
	return &output[*merit.User]{Body: u}, nil
}

func (h *handlers) createUser(ctx context.Context, in *struct {
	AgencyPath
	Body newUserBody
}) (*created[newUser], error) {
	a, err := h.agencyOf(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	if err := merit.AuthorizeUsers(ctx, a.ID); err != nil {
		return nil, err
	}
	grants := toGrants(in.Body.Grants)
	for i := range grants {
		grants[i].AgencyID, grants[i].AgencyCode = a.ID, a.Code
	}
	u := &merit.User{Username: in.Body.Username, Name: in.Body.Name, Grants: grants}
	password, hash, err := h.sessions.NewPassword(in.Body.Password)
	if err != nil {
		return nil, err
	}
	if err := h.db.CreateUser(ctx, u, hash); err != nil {
		return nil, err
	}
	out := newUser{User: u}
	if in.Body.Password == "" {
		out.Password = password
	}
	return &created[newUser]{Location: prefix + "/agencies/" + a.Code + "/users/" + strconv.FormatInt(u.ID, 10), Body: out}, nil
}

func (h *handlers) setUserGrants(ctx context.Context, in *struct {
	UserPath
	Body grantsBody
}) (*output[*merit.User], error) {
	a, err := h.agencyOf(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	if err := h.db.SetGrants(ctx, a.ID, in.User, toGrants(in.Body.Grants)); err != nil {
		return nil, err
	}
	h.sessions.ForgetUser(in.User)
	return h.getUser(ctx, &in.UserPath)
}

func (h *handlers) setUserDisabled(ctx context.Context, in *struct {
	UserPath
	Body disabledBody
}) (*output[*merit.User], error) {
	a, err := h.agencyOf(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	if err := h.db.SetDisabled(ctx, a.ID, in.User, in.Body.Disabled); err != nil {
		return nil, err
	}
	h.sessions.ForgetUser(in.User)
	return h.getUser(ctx, &in.UserPath)
}

func (h *handlers) resetUserPassword(ctx context.Context, in *struct {
	UserPath
	Body passwordBody
}) (*output[newPassword], error) {
	a, err := h.agencyOf(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	password, err := h.sessions.ResetPassword(ctx, a.ID, in.User, in.Body.Password)
	if err != nil {
		return nil, err
	}
	out := newPassword{}
	if in.Body.Password == "" {
		out.Password = password
	}
	return &output[newPassword]{Body: out}, nil
}
