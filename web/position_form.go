package web

import (
	"net/http"
	"net/url"

	"merit"
	"merit/httpstatus"
	"merit/i18n"
	"merit/sqldb"
)

// showPositionForm renders the form of a new (p nil) or existing position
// with the values and errors of an attempt.
func (h *handler) showPositionForm(w http.ResponseWriter, r *http.Request, a *merit.Agency, p *sqldb.PositionRow, values url.Values, err error) error {
	fv, ferr := h.positionForm(r, a)
	if ferr != nil {
		return ferr
	}
	lang := langOf(r)
	if p == nil {
		fv.Title, fv.Action = i18n.T(lang, "ui.position.new"), agencyURL(a, "jabatan", "baru")
	} else {
		fv.Title, fv.Subtitle, fv.Action = i18n.T(lang, "ui.position.edit"), p.Name, agencyURL(a, "jabatan", p.ID, "ubah")
	}
	fv.apply(lang, values, formErrors(lang, err))
	status := http.StatusOK
	if err != nil {
		status = httpstatus.Of(err)
	}
	return h.render(w, r, status, "form", &page{Agency: a, Nav: "positions", Data: fv})
}

// newPosition shows the empty position form.
func (h *handler) newPosition(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	if err := authorize(r, merit.PermWrite, a); err != nil {
		return err
	}
	return h.showPositionForm(w, r, a, nil, url.Values{"unitId": {r.URL.Query().Get("unit")}}, nil)
}

// createPosition adds a position.
func (h *handler) createPosition(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	p, unread := positionFromForm(r.PostForm)
	p.AgencyID = a.ID
	err = h.unreadable(r, a, unread, func(ref *merit.Reference) error { return p.ValidateStored(ref) })
	if err == nil {
		err = h.db.CreatePosition(r.Context(), p)
	}
	if hasFieldErrors(err) {
		return h.showPositionForm(w, r, a, nil, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "jabatan"), "ui.flash.position_created", p.Name)
}

// positionToEdit returns the agency and the position named by the path.
func (h *handler) positionToEdit(r *http.Request) (*merit.Agency, *sqldb.PositionRow, error) {
	a, err := h.agency(r)
	if err != nil {
		return nil, nil, err
	}
	id, err := pathID(r, "position")
	if err != nil {
		return nil, nil, err
	}
	p, err := h.db.FindPosition(r.Context(), a.ID, id)
	if err != nil {
		return nil, nil, err
	}
	return a, p, nil
}

// editPosition shows the form of an existing position.
func (h *handler) editPosition(w http.ResponseWriter, r *http.Request) error {
	a, p, err := h.positionToEdit(r)
	if err != nil {
		return err
	}
	if err := authorize(r, merit.PermWrite, a); err != nil {
		return err
	}
	return h.showPositionForm(w, r, a, p, positionValues(&p.Position), nil)
}

// updatePosition stores the edited position.
func (h *handler) updatePosition(w http.ResponseWriter, r *http.Request) error {
	a, old, err := h.positionToEdit(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	p, unread := positionFromForm(r.PostForm)
	p.AgencyID, p.ID = a.ID, old.ID
	err = h.unreadable(r, a, unread, func(ref *merit.Reference) error { return p.ValidateStored(ref) })
	if err == nil {
		err = h.db.UpdatePosition(r.Context(), p)
	}
	if hasFieldErrors(err) {
		return h.showPositionForm(w, r, a, old, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "jabatan"), "ui.flash.position_updated", p.Name)
}

// positionDeleteView is the data of the page that asks before a position
// is deleted, or says why it cannot be.
type positionDeleteView struct {
	Position *sqldb.PositionRow
	Action   string
	Cancel   string
	Refusal  string // why the position cannot be deleted, translated; "" when it can
}

// confirmDeletePosition asks before a position is deleted; while employees
// hold it, it says so instead of offering the button.
func (h *handler) confirmDeletePosition(w http.ResponseWriter, r *http.Request) error {
	a, p, err := h.positionToEdit(r)
	if err != nil {
		return err
	}
	if err := authorize(r, merit.PermWrite, a); err != nil {
		return err
	}
	v := positionDeleteView{Position: p, Action: agencyURL(a, "jabatan", p.ID, "hapus"), Cancel: agencyURL(a, "jabatan")}
	if p.Incumbents > 0 {
		v.Refusal = i18n.T(langOf(r), "position.in_use")
	}
	return h.render(w, r, http.StatusOK, "position_delete", &page{Agency: a, Nav: "positions", Data: v})
}

// deletePosition deletes a position; a refusal (held, or with a competency
// standard) is shown on the confirmation page.
func (h *handler) deletePosition(w http.ResponseWriter, r *http.Request) error {
	a, p, err := h.positionToEdit(r)
	if err != nil {
		return err
	}
	err = h.db.DeletePosition(r.Context(), a.ID, p.ID)
	if merit.KindOf(err) == merit.KindConflict {
		v := positionDeleteView{Position: p, Cancel: agencyURL(a, "jabatan"), Refusal: i18n.Error(langOf(r), err)}
		return h.render(w, r, httpstatus.Of(err), "position_delete", &page{Agency: a, Nav: "positions", Data: v})
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "jabatan"), "ui.flash.position_deleted", p.Name)
}
