package web

import (
	"net/http"

	"merit"
	"merit/i18n"
)

// proposalView is one proposal with each change beside the current value.
type proposalView struct {
	Proposal    *merit.Proposal
	Changes     []proposalChange
	ReasonError string // the reject form's message
}

// proposalChange is one proposed field: its label, current and new value.
type proposalChange struct {
	Label, Current, Proposed string
}

// showProposal shows one proposal with its attachments and, while it is
// submitted, the accept and reject forms.
func (h *handler) showProposal(w http.ResponseWriter, r *http.Request) error {
	return h.renderProposal(w, r, http.StatusOK, nil)
}

// renderProposal renders the proposal page with the reject form's error.
func (h *handler) renderProposal(w http.ResponseWriter, r *http.Request, status int, err error) error {
	a, err2 := h.agency(r)
	if err2 != nil {
		return err2
	}
	id, err2 := pathID(r, "proposal")
	if err2 != nil {
		return err2
	}
	p, err2 := h.db.FindProposal(r.Context(), a.ID, id)
	if err2 != nil {
		return err2
	}
	e, err2 := h.db.FindEmployeeByID(r.Context(), a.ID, p.EmployeeID)
	if err2 != nil {
		return err2
	}
	lang := langOf(r)
	cur := employeeValues(e)
	v := proposalView{Proposal: p, ReasonError: formErrors(lang, err)["decisionReason"]}
	for _, name := range merit.ProposalFields {
		if nv, ok := p.Changes[name]; ok {
			v.Changes = append(v.Changes, proposalChange{Label: i18n.T(lang, "field."+name), Current: cur.Get(name), Proposed: nv})
		}
	}
	return h.render(w, r, status, "proposal", &page{Agency: a, Nav: "proposals", Data: v})
}
