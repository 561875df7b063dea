package web

import (
	"net/http"

	"merit"
)

// showSelf is an employee's own page (/saya): their data utama and every
// riwayat, read-only, and their usulan perubahan data with status. The
// storage layer lets an employee account read only the record its grant is
// linked to; anyone without such a grant gets 404.
func (h *handler) showSelf(w http.ResponseWriter, r *http.Request) error {
	a, e, err := h.selfEmployee(r)
	if err != nil {
		return err
	}
	v, err := h.profile(r, a, e)
	if err != nil {
		return err
	}
	v.Self = true
	v.Tabs.Base = "/saya"
	if v.Proposals, err = h.db.FindProposals(r.Context(), a.ID, e.ID, ""); err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "employee", &page{Agency: a, Nav: "self", Data: v})
}

// selfEmployee returns the agency and the record of the signed-in
// employee's grant; not found for anyone else.
func (h *handler) selfEmployee(r *http.Request) (*merit.Agency, *merit.Employee, error) {
	agencies, err := h.db.FindAgencies(r.Context())
	if err != nil {
		return nil, nil, err
	}
	for _, g := range merit.ActorFrom(r.Context()).Grants {
		if g.Role != merit.RoleEmployee {
			continue
		}
		for _, a := range agencies {
			if a.ID == g.AgencyID {
				e, err := h.db.FindEmployeeByID(r.Context(), a.ID, g.EmployeeID)
				return a, e, err
			}
		}
	}
	return nil, nil, merit.Errorf(merit.KindNotFound, "web.selfEmployee", "err.not_found")
}
