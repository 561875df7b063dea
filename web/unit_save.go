package web

import (
	"net/http"
	"net/url"

	"merit"
	"merit/httpstatus"
	"merit/i18n"
)

// createUnit adds a unit to the tree.
func (h *handler) createUnit(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	u, unread := unitFromForm(r.PostForm)
	u.AgencyID = a.ID
	err = h.unreadable(r, a, unread, func(*merit.Reference) error { return u.Validate() })
	if err == nil {
		err = h.db.CreateUnit(r.Context(), u)
	}
	if hasFieldErrors(err) {
		return h.showUnits(w, r, a, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "unit"), "ui.flash.unit_created", u.Name)
}

// unitToEdit returns the agency, the unit named by the path and the whole
// tree.
func (h *handler) unitToEdit(r *http.Request) (*merit.Agency, *merit.Unit, []*merit.Unit, error) {
	a, err := h.agency(r)
	if err != nil {
		return nil, nil, nil, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return nil, nil, nil, err
	}
	units, err := h.db.FindUnits(r.Context(), a.ID)
	if err != nil {
		return nil, nil, nil, err
	}
	for _, u := range units {
		if u.ID == id {
			return a, u, units, nil
		}
	}
	return nil, nil, nil, merit.Errorf(merit.KindNotFound, "web.unitToEdit", "err.not_found")
}

// showUnitForm renders the rename/move form of a unit.
func (h *handler) showUnitForm(w http.ResponseWriter, r *http.Request, a *merit.Agency, u *merit.Unit, units []*merit.Unit, values url.Values, err error) error {
	lang := langOf(r)
	fv := unitForm(lang, units, u)
	fv.Title, fv.Subtitle = i18n.T(lang, "ui.unit.edit"), u.Name
	fv.Action, fv.Cancel, fv.Submit = agencyURL(a, "unit", u.ID, "ubah"), agencyURL(a, "unit"), "ui.save"
	fv.apply(lang, values, formErrors(lang, err))
	status := http.StatusOK
	if err != nil {
		status = httpstatus.Of(err)
	}
	return h.render(w, r, status, "form", &page{Agency: a, Nav: "units", Data: fv})
}

// editUnit shows the form to rename or move a unit.
func (h *handler) editUnit(w http.ResponseWriter, r *http.Request) error {
	a, u, units, err := h.unitToEdit(r)
	if err != nil {
		return err
	}
	if err := authorize(r, merit.PermWrite, a); err != nil {
		return err
	}
	return h.showUnitForm(w, r, a, u, units, url.Values{"name": {u.Name}, "parentId": {idValue(u.ParentID)}}, nil)
}

// updateUnit renames or moves a unit.
func (h *handler) updateUnit(w http.ResponseWriter, r *http.Request) error {
	a, old, units, err := h.unitToEdit(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	u, unread := unitFromForm(r.PostForm)
	u.AgencyID, u.ID = a.ID, old.ID
	err = h.unreadable(r, a, unread, func(*merit.Reference) error { return u.Validate() })
	if err == nil {
		err = h.db.UpdateUnit(r.Context(), u)
	}
	if hasFieldErrors(err) {
		return h.showUnitForm(w, r, a, old, units, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "unit"), "ui.flash.unit_updated", u.Name)
}
