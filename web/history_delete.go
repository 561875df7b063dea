package web

import (
	"net/http"

	"merit"
	"merit/i18n"
)

// confirmDeleteHistory asks before an entry is deleted.
func (h *handler) confirmDeleteHistory(w http.ResponseWriter, r *http.Request) error {
	t, err := h.historyTarget(r)
	if err != nil {
		return err
	}
	if err := authorize(r, merit.PermWrite, t.agency); err != nil {
		return err
	}
	entry, err := h.entry(r, t)
	if err != nil {
		return err
	}
	ref, err := h.db.Reference(r.Context())
	if err != nil {
		return err
	}
	lang := langOf(r)
	subject := i18n.T(lang, "ui.hist."+t.kind)
	for _, f := range merit.HistoryFields[t.kind][:2] {
		subject += " · " + historyCell(lang, ref, f, entry)
	}
	v := confirmView{Title: "ui.hist.delete", Message: "ui.hist.delete_confirm", Subject: subject,
		Action: r.URL.Path, Cancel: t.profileURL()}
	return h.render(w, r, http.StatusOK, "confirm", &page{Agency: t.agency, Nav: "employees", Data: v})
}

// deleteHistory deletes an entry from an employee's history.
func (h *handler) deleteHistory(w http.ResponseWriter, r *http.Request) error {
	t, err := h.historyTarget(r)
	if err != nil {
		return err
	}
	entry, err := h.entry(r, t)
	if err != nil {
		return err
	}
	if err := h.db.DeleteHistory(r.Context(), t.agency.ID, t.employee.ID, entry.ID); err != nil {
		return err
	}
	return redirect(w, r, t.profileURL(), "ui.flash.history_deleted")
}
