package web

import (
	"net/http"

	"merit"
)

// createHistory adds an entry to an employee's history.
func (h *handler) createHistory(w http.ResponseWriter, r *http.Request) error {
	t, err := h.historyTarget(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	entry, unread := historyFromForm(r.PostForm, t.kind)
	entry.AgencyID, entry.EmployeeID = t.agency.ID, t.employee.ID
	err = h.unreadable(r, t.agency, unread, func(ref *merit.Reference) error { return entry.Validate(ref, merit.Today()) })
	if err == nil {
		err = h.db.CreateHistory(r.Context(), entry)
	}
	if hasFieldErrors(err) {
		return h.showHistoryForm(w, r, t, &merit.HistoryEntry{}, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, t.profileURL(), "ui.flash.history_saved")
}

// updateHistory stores the edited fields of an entry.
func (h *handler) updateHistory(w http.ResponseWriter, r *http.Request) error {
	t, err := h.historyTarget(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "entry")
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	entry, unread := historyFromForm(r.PostForm, t.kind)
	entry.AgencyID, entry.EmployeeID, entry.ID = t.agency.ID, t.employee.ID, id
	err = h.unreadable(r, t.agency, unread, func(ref *merit.Reference) error { return entry.Validate(ref, merit.Today()) })
	if err == nil {
		err = h.db.UpdateHistory(r.Context(), entry)
	}
	if hasFieldErrors(err) {
		return h.showHistoryForm(w, r, t, entry, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, t.profileURL(), "ui.flash.history_saved")
}
