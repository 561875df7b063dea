package web

import (
	"net/http"

	"merit"
)

// showSelf is an employee's own page (/saya): their data utama and every
// riwayat, read-only. The storage layer lets an employee account read only
// the record its grant is linked to; anyone without such a grant gets 404.
func (h *handler) showSelf(w http.ResponseWriter, r *http.Request) error {
	const op = "web.showSelf"
	agencies, err := h.db.FindAgencies(r.Context())
	if err != nil {
		return err
	}
	for _, g := range merit.ActorFrom(r.Context()).Grants {
		if g.Role != merit.RoleEmployee {
			continue
		}
		for _, a := range agencies {
			if a.ID != g.AgencyID {
				continue
			}
			e, err := h.db.FindEmployeeByID(r.Context(), a.ID, g.EmployeeID)
			if err != nil {
				return err
			}
			v, err := h.profile(r, a, e)
			if err != nil {
				return err
			}
			v.Self = true
			return h.render(w, r, http.StatusOK, "employee", &page{Agency: a, Nav: "self", Data: v})
		}
	}
	return merit.Errorf(merit.KindNotFound, op, "err.not_found")
}
