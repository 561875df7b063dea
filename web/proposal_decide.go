package web

import (
	"net/http"

	"merit"
)

// acceptProposal applies a proposal to the record (validated as any edit).
func (h *handler) acceptProposal(w http.ResponseWriter, r *http.Request) error {
	return h.decideProposal(w, r, true)
}

// rejectProposal rejects a proposal with the reason the employee will see.
func (h *handler) rejectProposal(w http.ResponseWriter, r *http.Request) error {
	return h.decideProposal(w, r, false)
}

func (h *handler) decideProposal(w http.ResponseWriter, r *http.Request, accept bool) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "proposal")
	if err != nil {
		return err
	}
	p, err := h.db.DecideProposal(r.Context(), a.ID, id, accept, r.PostFormValue("decisionReason"))
	if merit.KindOf(err) == merit.KindInvalid {
		return h.renderProposal(w, r, http.StatusUnprocessableEntity, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "usulan"), "ui.flash.proposal_"+string(p.Status), p.EmployeeName)
}
