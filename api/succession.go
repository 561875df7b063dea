package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"merit"
	"merit/sqldb"
	"merit/succession"
)

// The succession writes and the permission their store methods check,
// added to writePermissions so authorizeFirst answers before the body is read.
func init() {
	for id, perm := range map[string]merit.Permission{
		"set-talent-pool":             merit.PermTalentWrite,
		"flag-critical-position":      merit.PermTalentWrite,
		"unflag-critical-position":    merit.PermTalentWrite,
		"create-succession-candidate": merit.PermTalentWrite,
		"update-succession-candidate": merit.PermTalentWrite,
		"delete-succession-candidate": merit.PermTalentWrite,
		"fill-jpt":                    merit.PermTalentDecide,
		"create-merit-result":         merit.PermManageUsers,
	} {
		writePermissions[id] = perm
	}
}

// registerSuccession adds the talent pool and succession operations: the
// pool rule and its talents, critical positions with their reasons, each
// one's succession plan and candidates, filling a JPT through talent
// management (regulations.md §1.6), bench strength and the agency's
// official merit results.
func (h *handlers) registerSuccession(api huma.API, op func(id, method, path, tag, summary string, status int, errs ...int) huma.Operation) {
	const (
		agency   = "/agencies/{agency}"
		critical = agency + "/critical-positions/{position}"
		tag      = "succession"
	)
	get, post, put, del := http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete
	huma.Register(api, op("get-talent-pool", get, agency+"/talent-pool", tag,
		"The talent pool (kelompok rencana suksesi): its boxes and the talents in them by the current placements, best first", 0, 401, 403, 404), h.talentPool)
	huma.Register(api, op("set-talent-pool", put, agency+"/talent-pool", tag, "Set the boxes of the talent pool (default 7, 8, 9)", 0, 401, 403, 404), h.setTalentPool)
	huma.Register(api, op("list-critical-positions", get, agency+"/critical-positions", tag,
		"Critical positions with reasons, incumbent, TMT pensiun (BUP by jabatan) and successor counts", 0, 401, 403, 404), h.listCritical)
	huma.Register(api, op("flag-critical-position", put, critical, tag, "Flag a position critical with the reasons checked, or change them", 0, 401, 403, 404), h.flagCritical)
	huma.Register(api, op("unflag-critical-position", del, critical, tag, "End a position's critical status; its succession plan is removed", http.StatusNoContent, 401, 403, 404), h.unflagCritical)
	plan := op("get-succession-plan", get, critical+"/succession", tag, "A critical position's succession plan", 0, 401, 403, 404)
	plan.Description = "Ranked candidates with box, readiness, JPM against the position's standard and linked development plan; " +
		"the pool's talents still to choose from; and whether the position may be filled through talent management now " +
		"(nominee) or why not (fillProblems): a JPT, the agency's latest merit result at least Baik and current, the rank-1 candidate in box 9."
	huma.Register(api, plan, h.successionPlan)
	huma.Register(api, op("create-succession-candidate", post, critical+"/candidates", tag,
		"Add a talent of the pool to the plan at a rank (the others are renumbered)", http.StatusCreated, 401, 403, 404), h.createCandidate)
	huma.Register(api, op("update-succession-candidate", put, critical+"/candidates/{candidate}", tag,
		"Change a candidate's rank, readiness, development plan link and text", 0, 401, 403, 404), h.updateCandidate)
	huma.Register(api, op("delete-succession-candidate", del, critical+"/candidates/{candidate}", tag,
		"Take a candidate off the plan", http.StatusNoContent, 401, 403, 404), h.deleteCandidate)
	huma.Register(api, op("fill-jpt", post, critical+"/fill", tag,
		"Record the PPK's filling of a JPT through talent management; refused with every reason when §1.6 does not allow it", http.StatusCreated, 401, 403, 404), h.fillJPT)
	huma.Register(api, op("get-bench-strength", get, agency+"/bench-strength", tag,
		"Bench strength: critical positions with a ready-now successor, without any, and at risk", 0, 401, 403, 404), h.benchStrength)
	huma.Register(api, op("list-merit-results", get, agency+"/merit-results", tag, "The agency's official merit-system results, newest year first", 0, 401, 403, 404), h.listMeritResults)
	record := op("create-merit-result", post, agency+"/merit-results", tag, "Record the agency's official merit-system result of a year (agency admin)", http.StatusCreated, 401, 403, 404)
	record.Description = "As the KASN/BKN decision states it; replaces the year's result if one was recorded. The merit evaluation (issue 7) will record its own."
	huma.Register(api, record, h.createMeritResult)
}

// PositionPath names a critical position. Its ID is a string in the path
// so that access is decided before it is read: a malformed one is 404.
type PositionPath struct {
	AgencyPath
	Position string `path:"position" maxLength:"20" doc:"Position ID"`
}

// CandidatePath names a candidate of a critical position's plan.
type CandidatePath struct {
	PositionPath
	Candidate string `path:"candidate" maxLength:"20" doc:"Candidate ID"`
}

// pathNumber reads an ID of the path; anything else is not found.
func pathNumber(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, merit.Errorf(merit.KindNotFound, "api.pathNumber", "err.not_found")
	}
	return id, nil
}

// ids returns the agency's and the position's IDs of the path.
func (p *PositionPath) ids(ctx context.Context) (agency, position int64, err error) {
	if agency, err = agencyID(ctx, p.Agency); err != nil {
		return 0, 0, err
	}
	position, err = pathNumber(p.Position)
	return agency, position, err
}

// poolBody is the talent pool with its talents.
type poolBody struct {
	Boxes   []int           `json:"boxes"`
	Talents []*sqldb.Talent `json:"talents"`
}

func (h *handlers) talentPool(ctx context.Context, in *AgencyPath) (*output[poolBody], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	pool, talents, err := h.db.TalentPool(ctx, id)
	if err != nil {
		return nil, err
	}
	return &output[poolBody]{Body: poolBody{Boxes: pool.Boxes, Talents: talents}}, nil
}

func (h *handlers) setTalentPool(ctx context.Context, in *struct {
	AgencyPath
	Body struct {
		Boxes []int `json:"boxes" maxItems:"9" doc:"Box numbers 1–9"`
	}
}) (*output[*succession.Pool], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	p := &succession.Pool{AgencyID: id, Boxes: in.Body.Boxes}
	if err := h.db.SetPoolRule(ctx, p); err != nil {
		return nil, err
	}
	return &output[*succession.Pool]{Body: p}, nil
}

func (h *handlers) listCritical(ctx context.Context, in *AgencyPath) (*itemsOutput[*sqldb.CriticalPosition], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return list(h.db.FindCriticalPositions(ctx, id))
}

func (h *handlers) flagCritical(ctx context.Context, in *struct {
	PositionPath
	Body struct {
		Reasons []succession.Reason `json:"reasons" maxItems:"4" doc:"strategic, scarce, vacancy, hard_to_replace"`
		Note    string              `json:"note,omitempty" maxLength:"1000"`
	}
}) (*output[*succession.Critical], error) {
	aid, pid, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	c := &succession.Critical{AgencyID: aid, PositionID: pid, Reasons: in.Body.Reasons, Note: in.Body.Note}
	if err := h.db.FlagCritical(ctx, c); err != nil {
		return nil, err
	}
	return &output[*succession.Critical]{Body: c}, nil
}

func (h *handlers) unflagCritical(ctx context.Context, in *PositionPath) (*struct{}, error) {
	aid, pid, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	return nil, h.db.UnflagCritical(ctx, aid, pid)
}

func (h *handlers) successionPlan(ctx context.Context, in *PositionPath) (*output[*sqldb.SuccessionPlan], error) {
	aid, pid, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	p, err := h.db.FindSuccessionPlan(ctx, aid, pid)
	if err != nil {
		return nil, err
	}
	return &output[*sqldb.SuccessionPlan]{Body: p}, nil
}

// candidateBody is what a writer sends for a candidate.
type candidateBody struct {
	EmployeeID  int64                `json:"employeeId,omitempty" doc:"The talent (on a new candidate only)"`
	Rank        int                  `json:"rank" doc:"1 is the first successor; the others are renumbered"`
	Readiness   succession.Readiness `json:"readiness" doc:"now (siap sekarang), 1-2y, 3y+"`
	PlanID      int64                `json:"planId,omitempty" doc:"One of the candidate's development plans (IDP)"`
	Development string               `json:"development,omitempty" maxLength:"2000"`
}

func (b *candidateBody) candidate(agencyID, positionID int64) *succession.Candidate {
	return &succession.Candidate{AgencyID: agencyID, PositionID: positionID, EmployeeID: b.EmployeeID, Rank: b.Rank,
		Readiness: b.Readiness, PlanID: b.PlanID, Development: b.Development}
}

func (h *handlers) createCandidate(ctx context.Context, in *struct {
	PositionPath
	Body candidateBody
}) (*output[*succession.Candidate], error) {
	aid, pid, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	c := in.Body.candidate(aid, pid)
	if err := h.db.SaveCandidate(ctx, c); err != nil {
		return nil, err
	}
	return &output[*succession.Candidate]{Body: c}, nil
}

func (h *handlers) updateCandidate(ctx context.Context, in *struct {
	CandidatePath
	Body candidateBody
}) (*output[*succession.Candidate], error) {
	aid, pid, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	c := in.Body.candidate(aid, pid)
	if c.ID, err = pathNumber(in.Candidate); err != nil {
		return nil, err
	}
	if err := h.db.SaveCandidate(ctx, c); err != nil {
		return nil, err
	}
	return &output[*succession.Candidate]{Body: c}, nil
}

func (h *handlers) deleteCandidate(ctx context.Context, in *CandidatePath) (*struct{}, error) {
	aid, pid, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	cid, err := pathNumber(in.Candidate)
	if err != nil {
		return nil, err
	}
	return nil, h.db.RemoveCandidate(ctx, aid, pid, cid)
}

func (h *handlers) fillJPT(ctx context.Context, in *PositionPath) (*output[*succession.Fill], error) {
	aid, pid, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	f, err := h.db.FillJPT(ctx, aid, pid)
	if err != nil {
		return nil, err
	}
	return &output[*succession.Fill]{Body: f}, nil
}

func (h *handlers) benchStrength(ctx context.Context, in *AgencyPath) (*output[succession.Bench], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	b, _, err := h.db.BenchStrength(ctx, id)
	if err != nil {
		return nil, err
	}
	return &output[succession.Bench]{Body: b}, nil
}

func (h *handlers) listMeritResults(ctx context.Context, in *AgencyPath) (*itemsOutput[*succession.MeritResult], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return list(h.db.FindMeritResults(ctx, id))
}

func (h *handlers) createMeritResult(ctx context.Context, in *struct {
	AgencyPath
	Body struct {
		Year      int                 `json:"year"`
		Score     float64             `json:"score" doc:"100–400 in half points"`
		Category  succession.Category `json:"category" doc:"buruk, kurang, baik, sangat_baik"`
		Decree    string              `json:"decree" maxLength:"200" doc:"Number of the KASN/BKN decision"`
		DecidedOn merit.Date          `json:"decidedOn"`
	}
}) (*output[*succession.MeritResult], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	b := in.Body
	m := &succession.MeritResult{AgencyID: id, Year: b.Year, Score: b.Score, Category: b.Category, Decree: b.Decree, DecidedOn: b.DecidedOn}
	if err := h.db.SaveMeritResult(ctx, m); err != nil {
		return nil, err
	}
	return &output[*succession.MeritResult]{Body: m}, nil
}
