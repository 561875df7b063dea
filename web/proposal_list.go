package web

import (
	"net/http"

	"merit"
)

// listProposals is the operators' queue of submitted usulan perubahan data,
// oldest waiting longest at the bottom.
func (h *handler) listProposals(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	ps, err := h.db.FindProposals(r.Context(), a.ID, 0, merit.ProposalSubmitted)
	if err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "proposals", &page{Agency: a, Nav: "proposals", Data: ps})
}
