package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"merit"
	"merit/httpstatus"
	"merit/i18n"
)

// Accounts of an agency: its admins (and platform admins) list the users,
// add one with roles, change roles and the units an operator is limited to,
// disable an account and reset a password. The store decides who may
// (merit.AuthorizeUsers); these pages only translate.

// userRow is one account in the users list.
type userRow struct {
	*merit.User
	Href  string
	Units int // how many units the operator role is limited to; 0 for none
}

// listUsers shows the accounts holding a role in the agency.
func (h *handler) listUsers(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	users, err := h.db.FindAgencyUsers(r.Context(), a.ID)
	if err != nil {
		return err
	}
	rows := make([]userRow, len(users))
	for i, u := range users {
		rows[i] = userRow{User: u, Href: agencyURL(a, "pengguna", u.ID)}
		for _, g := range u.Grants {
			rows[i].Units += len(g.UnitIDs)
		}
	}
	return h.render(w, r, http.StatusOK, "users", &page{Agency: a, Nav: "users", Data: rows})
}

// webRoles are the roles the users page grants; an employee's self-service
// account is linked to a record by NIP (merit user add --role employee).
var webRoles = []merit.Role{merit.RoleAdmin, merit.RoleOperator, merit.RoleViewer, merit.RoleEvaluator, merit.RolePPK,
	merit.RolePanel, merit.RoleAssessor}

// choice is one checkbox of the user form.
type choice struct {
	Value   string
	Label   string // translated, or a unit's name
	Indent  int
	Checked bool
}

// userFormView is the data of the add and edit forms of an account.
type userFormView struct {
	Form  formView // its fields (username, name, password) and errors
	Roles []choice
	Units []choice // the operator role's units
	User  *merit.User
	Self  bool   // the signed-in admin's own account: no role change or disabling
	Reset string // the password reset page
}

// userForm builds the form with the roles and units checked in values.
func (h *handler) userForm(r *http.Request, a *merit.Agency, u *merit.User, values url.Values, err error) (*userFormView, error) {
	lang := langOf(r)
	units, uerr := h.db.GrantableUnits(r.Context(), a.ID)
	if uerr != nil {
		return nil, uerr
	}
	v := &userFormView{User: u}
	v.Form.Cancel, v.Form.Submit = agencyURL(a, "pengguna"), "ui.save"
	if u == nil {
		v.Form.Title, v.Form.Action = i18n.T(lang, "ui.user.new"), agencyURL(a, "pengguna", "baru")
		v.Form.Sections = []formSection{{Fields: []field{
			{Name: "username", Label: "field.username", Type: "text", Required: true, Auto: "off"},
			{Name: "name", Label: "field.name", Type: "text", Required: true, Auto: "off"},
			{Name: "password", Label: "field.password", Type: "password", Auto: "new-password", Hint: "ui.user.password_hint"},
		}}}
	} else {
		v.Form.Title, v.Form.Subtitle = u.Name, u.Username
		v.Form.Action, v.Reset = agencyURL(a, "pengguna", u.ID), agencyURL(a, "pengguna", u.ID, "sandi")
		v.Self = merit.ActorFrom(r.Context()).UserID == u.ID
	}
	v.Form.apply(lang, values, formErrors(lang, err))
	for _, role := range webRoles {
		v.Roles = append(v.Roles, choice{Value: string(role), Label: i18n.T(lang, "ui.role."+string(role)),
			Checked: slices.Contains(values["role"], string(role))})
	}
	for _, un := range units {
		id := strconv.FormatInt(un.ID, 10)
		v.Units = append(v.Units, choice{Value: id, Label: un.Name, Indent: min(un.Depth, maxIndent),
			Checked: slices.Contains(values["unit"], id)})
	}
	return v, nil
}

// grantsFromForm reads the checked roles; the checked units limit the
// operator role. An employee grant the user already holds is kept.
func grantsFromForm(v url.Values, keep []merit.Grant) ([]merit.Grant, merit.Fields) {
	var fs merit.Fields
	var units []int64
	for _, s := range v["unit"] {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			fs.Add("unitIds", "field.unknown_ref", s)
		}
		units = append(units, id)
	}
	var grants []merit.Grant
	for _, s := range v["role"] {
		role := merit.Role(s)
		if !slices.Contains(webRoles, role) {
			fs.Add("roles", "field.unknown_ref", s)
			continue
		}
		g := merit.Grant{Role: role}
		if role == merit.RoleOperator {
			g.UnitIDs = units
		}
		grants = append(grants, g)
	}
	for _, g := range keep {
		if g.Role == merit.RoleEmployee {
			grants = append(grants, g)
		}
	}
	if len(grants) == 0 {
		fs.Add("roles", "field.required", "")
	}
	return grants, fs
}

// values returns the form values that show the user's roles and units.
func userValues(u *merit.User) url.Values {
	v := url.Values{}
	for _, g := range u.Grants {
		v.Add("role", string(g.Role))
		if g.Role == merit.RoleOperator {
			for _, id := range g.UnitIDs {
				v.Add("unit", strconv.FormatInt(id, 10))
			}
		}
	}
	return v
}

// showUserForm renders the form with the status of err.
func (h *handler) showUserForm(w http.ResponseWriter, r *http.Request, a *merit.Agency, u *merit.User, values url.Values, err error) error {
	v, ferr := h.userForm(r, a, u, values, err)
	if ferr != nil {
		return ferr
	}
	status := http.StatusOK
	if err != nil {
		status = httpstatus.Of(err)
	}
	return h.render(w, r, status, "user_form", &page{Agency: a, Nav: "users", Data: v})
}

// newUser shows the form to add an account.
func (h *handler) newUser(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	return h.showUserForm(w, r, a, nil, url.Values{"role": {string(merit.RoleOperator)}}, nil)
}

// createUser adds an account with the checked roles and the given or a
// generated password, which the next page shows once.
func (h *handler) createUser(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	if err := merit.AuthorizeUsers(r.Context(), a.ID); err != nil {
		return err
	}
	grants, fs := grantsFromForm(r.PostForm, nil)
	for i := range grants {
		grants[i].AgencyID, grants[i].AgencyCode = a.ID, a.Code
	}
	u := &merit.User{Username: r.PostForm.Get("username"), Name: r.PostForm.Get("name"), Grants: grants}
	// Every problem of the form at once: the password's, the roles', the
	// account's own fields'.
	password, hash, err := h.sessions.NewPassword(r.PostForm.Get("password"))
	fs = append(fs, merit.FieldsOf(err)...)
	fs = append(fs, merit.FieldsOf(u.Validate())...)
	if ferr := fs.Err("web.createUser"); ferr != nil {
		err = ferr
	}
	if err == nil {
		err = h.db.CreateUser(r.Context(), u, hash)
	}
	if hasFieldErrors(err) {
		return h.showUserForm(w, r, a, nil, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	if r.PostForm.Get("password") != "" {
		return redirect(w, r, agencyURL(a, "pengguna"), "ui.flash.user_created", u.Username)
	}
	return h.showPassword(w, r, a, u, password)
}

// agencyUser returns the agency and the account named by the path.
func (h *handler) agencyUser(r *http.Request) (*merit.Agency, *merit.User, error) {
	a, err := h.agency(r)
	if err != nil {
		return nil, nil, err
	}
	id, err := pathID(r, "user")
	if err != nil {
		return nil, nil, err
	}
	u, err := h.db.FindAgencyUser(r.Context(), a.ID, id)
	return a, u, err
}

// editUser shows an account's roles and units, with its disable and
// password reset controls.
func (h *handler) editUser(w http.ResponseWriter, r *http.Request) error {
	a, u, err := h.agencyUser(r)
	if err != nil {
		return err
	}
	return h.showUserForm(w, r, a, u, userValues(u), nil)
}

// updateUser replaces an account's roles in the agency.
func (h *handler) updateUser(w http.ResponseWriter, r *http.Request) error {
	a, u, err := h.agencyUser(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	grants, fs := grantsFromForm(r.PostForm, u.Grants)
	err = fs.Err("web.updateUser")
	if err == nil {
		err = h.db.SetGrants(r.Context(), a.ID, u.ID, grants)
	}
	if hasFieldErrors(err) {
		return h.showUserForm(w, r, a, u, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	h.sessions.ForgetUser(u.ID)
	return redirect(w, r, agencyURL(a, "pengguna"), "ui.flash.user_updated", u.Username)
}

// setUserDisabled disables (disabled=1) or enables an account.
func (h *handler) setUserDisabled(w http.ResponseWriter, r *http.Request) error {
	a, u, err := h.agencyUser(r)
	if err != nil {
		return err
	}
	disabled := r.PostFormValue("disabled") == "1"
	if err := h.db.SetDisabled(r.Context(), a.ID, u.ID, disabled); err != nil {
		return err
	}
	h.sessions.ForgetUser(u.ID)
	key := "ui.flash.user_enabled"
	if disabled {
		key = "ui.flash.user_disabled"
	}
	return redirect(w, r, agencyURL(a, "pengguna"), key, u.Username)
}

// passwordView is the data of the password reset form and of the page that
// shows a generated password once.
type passwordView struct {
	User     *merit.User
	Form     formView
	Password string // the generated password; "" on the form
	Back     string
}

// showPassword shows a generated password once (the page is never cached).
func (h *handler) showPassword(w http.ResponseWriter, r *http.Request, a *merit.Agency, u *merit.User, password string) error {
	return h.render(w, r, http.StatusOK, "user_password", &page{Agency: a, Nav: "users",
		Data: passwordView{User: u, Password: password, Back: agencyURL(a, "pengguna")}})
}

// resetForm renders the password reset form.
func (h *handler) resetForm(w http.ResponseWriter, r *http.Request, a *merit.Agency, u *merit.User, err error) error {
	lang := langOf(r)
	v := passwordView{User: u, Back: agencyURL(a, "pengguna", u.ID)}
	v.Form = formView{Title: i18n.T(lang, "ui.user.reset"), Subtitle: u.Username, Action: agencyURL(a, "pengguna", u.ID, "sandi"),
		Submit: "ui.user.reset", Cancel: v.Back, Sections: []formSection{{Fields: []field{
			{Name: "password", Label: "field.password", Type: "password", Auto: "new-password", Hint: "ui.user.password_hint"},
		}}}}
	v.Form.apply(lang, nil, formErrors(lang, err))
	status := http.StatusOK
	if err != nil {
		status = httpstatus.Of(err)
	}
	return h.render(w, r, status, "user_password", &page{Agency: a, Nav: "users", Data: v})
}

// showReset shows the password reset form of an account.
func (h *handler) showReset(w http.ResponseWriter, r *http.Request) error {
	a, u, err := h.agencyUser(r)
	if err != nil {
		return err
	}
	return h.resetForm(w, r, a, u, nil)
}

// resetPassword sets the given or a generated password and ends the user's
// sessions; a generated one is shown once.
func (h *handler) resetPassword(w http.ResponseWriter, r *http.Request) error {
	a, u, err := h.agencyUser(r)
	if err != nil {
		return err
	}
	given := r.PostFormValue("password")
	password, err := h.sessions.ResetPassword(r.Context(), a.ID, u.ID, given)
	if hasFieldErrors(err) {
		return h.resetForm(w, r, a, u, err)
	}
	if err != nil {
		return err
	}
	if given != "" {
		return redirect(w, r, agencyURL(a, "pengguna"), "ui.flash.password_reset", u.Username)
	}
	return h.showPassword(w, r, a, u, password)
}
