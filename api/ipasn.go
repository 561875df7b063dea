package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"merit"
	"merit/ipasn"
	"merit/sqldb"
)

// registerIPASN adds the IP ASN operations: the agency's summary, the
// reconciliation with SIASN, the recompute, an employee's IP ASN computed
// now (also the signed-in employee's own) and the scoring tables.
func (h *handlers) registerIPASN(api huma.API, op func(id, method, path, tag, summary string, status int, errs ...int) huma.Operation) {
	const agency = "/agencies/{agency}"
	get, post := http.MethodGet, http.MethodPost
	huma.Register(api, op("get-agency-ipasn", get, agency+"/ipasn", "ipasn",
		"The agency's IP ASN from the last recompute: average, category, distribution by category, unit and jenis jabatan", 0, 401, 403, 404), h.agencyIPASN)
	huma.Register(api, op("list-ipasn-differences", get, agency+"/ipasn/differences", "ipasn",
		"Employees whose official SIASN IP ASN differs from Merit's, largest difference first", 0, 401, 403, 404), h.ipasnDifferences)
	rc := op("recompute-ipasn", post, agency+"/ipasn/recompute", "ipasn", "Recompute the agency's IP ASN", 0, 401, 403, 404)
	rc.Description = "Re-reads the inputs of the employees changed since the last recompute (all of them after an import), " +
		"scores every employee as of today and stores the scores that changed."
	huma.Register(api, rc, h.recomputeIPASN)
	huma.Register(api, op("get-employee-ipasn", get, agency+"/employees/{id}/ipasn", "ipasn",
		"An employee's IP ASN computed now from the registry and SKP, with the reason for each dimension's points and SIASN's official value", 0, 401, 403, 404), h.employeeIPASN)
	huma.Register(api, op("get-my-ipasn", get, "/me/ipasn", "ipasn", "The signed-in employee's own IP ASN", 0, 401, 404), h.myIPASN)
	tables := op("list-ipasn-tables", get, "/ipasn/tables", "ipasn", "The IP ASN scoring tables, every version", 0)
	tables.Security = nil
	tables.Description = "Each row carries its legal basis and its confidence tag (C confirmed, P probable, I inferred; " +
		"P and I rows are unverified against the annex of Peraturan BKN 8/2019). Points are in hundredths."
	huma.Register(api, tables, h.ipasnTables)
}

func (h *handlers) agencyIPASN(ctx context.Context, in *AgencyPath) (*output[*sqldb.IPASNSummary], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	s, err := h.db.IPASNSummary(ctx, id)
	if err != nil {
		return nil, err
	}
	return &output[*sqldb.IPASNSummary]{Body: s}, nil
}

func (h *handlers) ipasnDifferences(ctx context.Context, in *struct {
	AgencyPath
	Limit int `query:"limit" minimum:"1" maximum:"1000" default:"100"`
}) (*itemsOutput[*sqldb.IPASNDifference], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return list(h.db.IPASNDifferences(ctx, id, in.Limit))
}

// recomputeOut is what a recompute did.
type recomputeOut struct {
	sqldb.IPASNRecompute
	Seconds float64 `json:"seconds" doc:"Wall time of the recompute"`
}

func (h *handlers) recomputeIPASN(ctx context.Context, in *AgencyPath) (*output[recomputeOut], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	started := time.Now()
	res, err := h.db.RecomputeIPASN(ctx, id, ipasn.Current, merit.Today(), nil)
	if err != nil {
		return nil, err
	}
	return &output[recomputeOut]{Body: recomputeOut{*res, time.Since(started).Seconds()}}, nil
}

func (h *handlers) employeeIPASN(ctx context.Context, in *IDPath) (*output[*sqldb.EmployeeIPASN], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	got, err := h.db.EmployeeIPASN(ctx, id, in.ID, ipasn.Current, merit.Today())
	if err != nil {
		return nil, err
	}
	return &output[*sqldb.EmployeeIPASN]{Body: got}, nil
}

func (h *handlers) myIPASN(ctx context.Context, _ *struct{}) (*output[*sqldb.EmployeeIPASN], error) {
	g, err := ownGrant(ctx)
	if err != nil {
		return nil, err
	}
	got, err := h.db.EmployeeIPASN(ctx, g.AgencyID, g.EmployeeID, ipasn.Current, merit.Today())
	if err != nil {
		return nil, err
	}
	return &output[*sqldb.EmployeeIPASN]{Body: got}, nil
}

func (h *handlers) ipasnTables(ctx context.Context, _ *struct{}) (*itemsOutput[*ipasn.Table], error) {
	return list(ipasn.Tables, nil)
}
