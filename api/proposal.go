package api

import (
	"context"

	"merit"
)

// proposalBody is a new usulan perubahan data (attachments are uploaded in
// the web UI).
type proposalBody struct {
	Changes map[string]string `json:"changes" doc:"Data utama fields (name, gelarDepan, gelarBelakang, birthPlace, religion, education, email, phone, nik, alamat) → new value"`
	Reason  string            `json:"reason" maxLength:"2000"`
}

// decisionBody is an operator's reason (required to reject).
type decisionBody struct {
	Reason string `json:"reason,omitempty" maxLength:"2000"`
}

// ProposalPath names one proposal of an agency.
type ProposalPath struct {
	AgencyPath
	Proposal int64 `path:"proposal" minimum:"1"`
}

// ownGrant is the signed-in employee's self-service grant.
func ownGrant(ctx context.Context) (merit.Grant, error) {
	if a := merit.ActorFrom(ctx); a != nil {
		for _, g := range a.Grants {
			if g.Role == merit.RoleEmployee && g.EmployeeID != 0 {
				return g, nil
			}
		}
	}
	return merit.Grant{}, merit.Errorf(merit.KindNotFound, "api.ownGrant", "err.not_found")
}

func (h *handlers) myProposals(ctx context.Context, _ *struct{}) (*itemsOutput[*merit.Proposal], error) {
	g, err := ownGrant(ctx)
	if err != nil {
		return nil, err
	}
	return list(h.db.FindProposals(ctx, g.AgencyID, g.EmployeeID, ""))
}

func (h *handlers) createMyProposal(ctx context.Context, in *struct{ Body proposalBody }) (*output[*merit.Proposal], error) {
	g, err := ownGrant(ctx)
	if err != nil {
		return nil, err
	}
	p := &merit.Proposal{AgencyID: g.AgencyID, EmployeeID: g.EmployeeID, Changes: in.Body.Changes, Reason: in.Body.Reason}
	if err := h.db.CreateProposal(ctx, p); err != nil {
		return nil, err
	}
	return &output[*merit.Proposal]{Body: p}, nil
}

func (h *handlers) listProposals(ctx context.Context, in *AgencyPath) (*itemsOutput[*merit.Proposal], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return list(h.db.FindProposals(ctx, id, 0, merit.ProposalSubmitted))
}

func (h *handlers) acceptProposal(ctx context.Context, in *ProposalPath) (*output[*merit.Proposal], error) {
	return h.decide(ctx, in, true, "")
}

func (h *handlers) rejectProposal(ctx context.Context, in *struct {
	ProposalPath
	Body decisionBody
}) (*output[*merit.Proposal], error) {
	return h.decide(ctx, &in.ProposalPath, false, in.Body.Reason)
}

func (h *handlers) decide(ctx context.Context, in *ProposalPath, accept bool, reason string) (*output[*merit.Proposal], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	p, err := h.db.DecideProposal(ctx, id, in.Proposal, accept, reason)
	if err != nil {
		return nil, err
	}
	return &output[*merit.Proposal]{Body: p}, nil
}
