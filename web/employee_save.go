package web

import (
	"net/http"

	"merit"
)

// createEmployee stores a new employee from the form, or shows the form
// again with a message at each field that needs fixing.
func (h *handler) createEmployee(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	e, unread := employeeFromForm(r.PostForm)
	e.AgencyID = a.ID
	err = h.unreadable(r, a, unread, func(ref *merit.Reference) error { return e.Validate(ref, merit.Today()) })
	if err == nil {
		err = h.db.CreateEmployee(r.Context(), e)
	}
	if hasFieldErrors(err) {
		return h.showEmployeeForm(w, r, a, &merit.Employee{}, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "pegawai", e.ID), "ui.flash.employee_created", e.FullName())
}

// updateEmployee stores the edited fields of an employee.
func (h *handler) updateEmployee(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	e, unread := employeeFromForm(r.PostForm)
	e.AgencyID, e.ID = a.ID, id
	err = h.unreadable(r, a, unread, func(ref *merit.Reference) error { return e.Validate(ref, merit.Today()) })
	if err == nil {
		err = h.db.UpdateEmployee(r.Context(), e)
	}
	if hasFieldErrors(err) {
		return h.showEmployeeForm(w, r, a, e, r.PostForm, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "pegawai", e.ID), "ui.flash.employee_updated", e.FullName())
}
