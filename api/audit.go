package api

import (
	"context"

	"merit"
	"merit/sqldb"
)

type auditInput struct {
	AgencyPath
	Entity  string `query:"entity" maxLength:"40" doc:"Kind of record: employee, history, unit, position, agency, audit_log"`
	Action  string `query:"action" maxLength:"40" doc:"What was done: create, update, delete, import, export"`
	Actor   string `query:"actor" maxLength:"100" doc:"Username of who did it"`
	From    string `query:"from" format:"date" doc:"First day (YYYY-MM-DD, WIB), included"`
	To      string `query:"to" format:"date" doc:"Last day (YYYY-MM-DD, WIB), included"`
	Page    int    `query:"page" minimum:"1" maximum:"1000000" default:"1"`
	PerPage int    `query:"perPage" minimum:"1" maximum:"1000" default:"50"`
}

// auditPage is one page of an agency's audit trail, newest first.
type auditPage struct {
	Items   []*merit.AuditEntry `json:"items" nullable:"false"`
	Total   int                 `json:"total" doc:"How many entries match the filter in all"`
	Page    int                 `json:"page"`
	PerPage int                 `json:"perPage"`
}

func (h *handlers) listAudit(ctx context.Context, in *auditInput) (*output[auditPage], error) {
	const op = "api.listAudit"
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	f := sqldb.AuditFilter{Entity: in.Entity, Action: in.Action, Actor: in.Actor, Limit: in.PerPage, Offset: (in.Page - 1) * in.PerPage}
	for _, d := range []struct {
		name, text string
		to         *merit.Date
	}{{"from", in.From, &f.From}, {"to", in.To, &f.To}} {
		if d.text == "" {
			continue
		}
		if *d.to, err = merit.ParseDate(d.text); err != nil {
			return nil, merit.Invalid(op, merit.FieldError{Field: d.name, Code: "field.not_a_date", Value: d.text})
		}
	}
	es, total, err := h.db.SearchAudit(ctx, id, f)
	if err != nil {
		return nil, err
	}
	if es == nil {
		es = []*merit.AuditEntry{}
	}
	return &output[auditPage]{Body: auditPage{Items: es, Total: total, Page: in.Page, PerPage: in.PerPage}}, nil
}
