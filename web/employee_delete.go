package web

import (
	"net/http"

	"merit"
)

// confirmView is the data of a confirmation step before a deletion.
type confirmView struct {
	Title   string // i18n key
	Message string // i18n key, with Subject as its argument
	Subject string
	Action  string
	Cancel  string
}

// confirmDeleteEmployee asks before an employee is deleted.
func (h *handler) confirmDeleteEmployee(w http.ResponseWriter, r *http.Request) error {
	a, e, err := h.employee(r)
	if err != nil {
		return err
	}
	if err := authorize(r, merit.PermWrite, a); err != nil {
		return err
	}
	v := confirmView{Title: "ui.employee.delete", Message: "ui.employee.delete_confirm", Subject: e.FullName() + " (" + e.NIP + ")",
		Action: agencyURL(a, "pegawai", e.ID, "hapus"), Cancel: agencyURL(a, "pegawai", e.ID)}
	return h.render(w, r, http.StatusOK, "confirm", &page{Agency: a, Nav: "employees", Data: v})
}

// deleteEmployee deletes an employee with their histories.
func (h *handler) deleteEmployee(w http.ResponseWriter, r *http.Request) error {
	a, e, err := h.employee(r)
	if err != nil {
		return err
	}
	if err := h.db.DeleteEmployee(r.Context(), a.ID, e.ID); err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "pegawai"), "ui.flash.employee_deleted", e.FullName())
}
