package api

import (
	"context"
	"net/http"
	"reflect"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"merit"
	"merit/sqldb"
	"merit/talent"
)

// registerTalent adds the talent-review operations: rule-set versions,
// reviews (run and list), the 9-box counts and the ranked placements of a
// review, an employee's talent card, and calibration sessions with their
// moves and the PPK's lock.
func (h *handlers) registerTalent(api huma.API, op func(id, method, path, tag, summary string, status int, errs ...int) huma.Operation) {
	const agency = "/agencies/{agency}"
	get, post := http.MethodGet, http.MethodPost
	api.OpenAPI().Components.Schemas.RegisterTypeAlias(reflect.TypeFor[talent.Level](), reflect.TypeFor[levelCode]())
	huma.Register(api, op("list-talent-rules", get, agency+"/talent/rules", "talent",
		"The versions of the agency's talent rule set, the built-in default (version 0) first", 0, 401, 403, 404), h.talentRules)
	rules := op("create-talent-rules", post, agency+"/talent/rules", "talent", "Store a new version of the talent rule set", http.StatusCreated, 401, 403, 404)
	rules.Description = "Axes, weights (percent, each group summing to 100), thresholds in hundredths (lower bound inclusive), the box numbering " +
		"scheme and the recommended actions per cell ([performance][potential], LOW..HIGH). Scores are hundredths: 8000 is 80.00."
	huma.Register(api, rules, h.createTalentRules)
	huma.Register(api, op("list-talent-reviews", get, agency+"/talent/reviews", "talent", "The agency's talent reviews, newest first", 0, 401, 403, 404), h.talentReviews)
	run := op("run-talent-review", post, agency+"/talent/reviews", "talent", "Run a talent review: map the population onto the 9-box", http.StatusCreated, 401, 403, 404)
	run.Description = "population lists jenis jabatan codes, each optionally narrowed to a jenjang (JF_KEAHLIAN/AHLI_MADYA); empty is everyone with a position. " +
		"performanceYear defaults to the year before year; ruleVersion 0 is the built-in default."
	huma.Register(api, run, h.runTalentReview)
	huma.Register(api, op("get-talent-grid", get, agency+"/talent/reviews/{review}/grid", "talent",
		"The 9-box of a review (0: the latest): people per final box, filtered", 0, 401, 403, 404), h.talentGrid)
	huma.Register(api, op("list-talent-placements", get, agency+"/talent/reviews/{review}/placements", "talent",
		"The placements of a review (0: the latest), ranked: final box, then potential, then performance", 0, 401, 403, 404), h.talentPlacements)
	huma.Register(api, op("get-employee-talent", get, agency+"/employees/{id}/talent", "talent",
		"An employee's talent card: every review's placement with its explanation and moves, and the predikat history", 0, 401, 403, 404), h.employeeTalent)
	huma.Register(api, op("list-talent-sessions", get, agency+"/talent/reviews/{review}/sessions", "talent",
		"The calibration sessions of a review, newest first", 0, 401, 403, 404), h.talentSessions)
	huma.Register(api, op("create-talent-session", post, agency+"/talent/reviews/{review}/sessions", "talent",
		"Open a calibration session of the talent committee (one open session per review)", http.StatusCreated, 401, 403, 404, 409), h.createTalentSession)
	huma.Register(api, op("get-talent-session", get, agency+"/talent/sessions/{session}", "talent",
		"A calibration session with its moves and the distribution before and after", 0, 401, 403, 404), h.talentSession)
	huma.Register(api, op("move-talent", post, agency+"/talent/sessions/{session}/moves", "talent",
		"Move a person to another box in an open session; a reason is required", http.StatusCreated, 401, 403, 404, 409), h.moveTalent)
	huma.Register(api, op("lock-talent-session", post, agency+"/talent/sessions/{session}/lock", "talent",
		"Set the session (ditetapkan PPK): its moves become final and it takes no more", 0, 401, 403, 404, 409), h.lockTalentSession)
}

// levelCode is how the API writes a talent.Level.
type levelCode string

// Schema implements huma.SchemaProvider.
func (levelCode) Schema(huma.Registry) *huma.Schema {
	return enumSchema([]string{talent.Low.String(), talent.Medium.String(), talent.High.String()})
}

// ReviewPath names a review of the agency; 0 is the latest.
type ReviewPath struct {
	AgencyPath
	Review int64 `path:"review" minimum:"0" doc:"Review ID; 0 for the agency's latest review"`
}

// SessionPath names a calibration session of the agency.
type SessionPath struct {
	AgencyPath
	Session int64 `path:"session" minimum:"1"`
}

// talentFilterInput filters placements.
type talentFilterInput struct {
	ReviewPath
	Unit     int64  `query:"unit" doc:"Unit ID: this unit and every unit below it"`
	Jenis    string `query:"jenis" maxLength:"40" doc:"Jenis jabatan code"`
	Golongan string `query:"golongan" maxLength:"20"`
	Box      int    `query:"box" minimum:"0" maximum:"9" doc:"Final box; 0 for all"`
}

func (in *talentFilterInput) filter() sqldb.TalentFilter {
	return sqldb.TalentFilter{UnitID: in.Unit, Jenis: in.Jenis, Golongan: in.Golongan, Box: in.Box}
}

func (h *handlers) talentRules(ctx context.Context, in *AgencyPath) (*itemsOutput[*talent.RuleSet], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return list(h.db.TalentRuleSets(ctx, id))
}

func (h *handlers) createTalentRules(ctx context.Context, in *struct {
	AgencyPath
	Body talent.RuleSet
}) (*created[*talent.RuleSet], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	r := in.Body
	if err := h.db.SaveTalentRuleSet(ctx, id, &r); err != nil {
		return nil, err
	}
	return &created[*talent.RuleSet]{Location: prefix + "/agencies/" + in.Agency + "/talent/rules", Body: &r}, nil
}

func (h *handlers) talentReviews(ctx context.Context, in *AgencyPath) (*itemsOutput[*talent.Review], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return list(h.db.TalentReviews(ctx, id))
}

// reviewBody is what runs a review.
type reviewBody struct {
	Year            int      `json:"year" required:"true" minimum:"2000" maximum:"9999"`
	PerformanceYear int      `json:"performanceYear,omitempty" minimum:"0" maximum:"9999" doc:"Latest year of predikat read; default the year before year"`
	Name            string   `json:"name,omitempty" maxLength:"200"`
	Population      []string `json:"population,omitempty" maxItems:"20" doc:"Jenis jabatan codes, optionally /jenjang"`
	RuleVersion     int      `json:"ruleVersion,omitempty" minimum:"0"`
}

func (h *handlers) runTalentReview(ctx context.Context, in *struct {
	AgencyPath
	Body reviewBody
}) (*created[*talent.Review], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	b := in.Body
	rv := &talent.Review{AgencyID: id, Year: b.Year, PerformanceYear: b.PerformanceYear, Name: b.Name, RuleVersion: b.RuleVersion}
	for _, p := range b.Population {
		rv.Population = append(rv.Population, talent.ParsePopulation(p)...)
	}
	if err := h.db.RunTalentReview(ctx, rv); err != nil {
		return nil, err
	}
	return &created[*talent.Review]{Location: prefix + "/agencies/" + in.Agency + "/talent/reviews/" + strconv.FormatInt(rv.ID, 10) + "/placements", Body: rv}, nil
}

// gridOut is the 9-box of a review: people per final box.
type gridOut struct {
	Review *talent.Review `json:"review"`
	Boxes  []boxOut       `json:"boxes" nullable:"false" doc:"Boxes 9 down to 1"`
	Total  int            `json:"total" doc:"People on the grid"`
	// Unmapped counts the people without a predikat in the performance years.
	Unmapped int `json:"unmapped"`
}

// boxOut is one box of the grid.
type boxOut struct {
	Box     int             `json:"box"`
	Cell    talent.Cell     `json:"cell"`
	Count   int             `json:"count"`
	Actions []talent.Action `json:"actions" doc:"Recommended actions of the box (regulations.md §4.2)"`
}

func (h *handlers) talentGrid(ctx context.Context, in *talentFilterInput) (*output[*gridOut], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	f := in.filter()
	f.Box = 0
	g, err := h.db.TalentGrid(ctx, id, in.Review, f, 0)
	if err != nil {
		return nil, err
	}
	rules, err := h.db.TalentRuleSet(ctx, id, g.Review.RuleVersion)
	if err != nil {
		return nil, err
	}
	out := &gridOut{Review: g.Review, Total: g.Counts.Total(), Unmapped: g.Counts[0]}
	for box := 9; box >= 1; box-- {
		c, _ := g.Review.Scheme.Cell(box)
		out.Boxes = append(out.Boxes, boxOut{Box: box, Cell: c, Count: g.Counts[box], Actions: rules.Actions.Of(c)})
	}
	return &output[*gridOut]{Body: out}, nil
}

func (h *handlers) talentPlacements(ctx context.Context, in *talentFilterInput) (*itemsOutput[sqldb.TalentPlacement], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	rv, err := h.db.TalentReview(ctx, id, in.Review)
	if err != nil {
		return nil, err
	}
	return list(h.db.ReviewPlacements(ctx, id, rv.ID, in.filter()))
}

func (h *handlers) employeeTalent(ctx context.Context, in *IDPath) (*output[*sqldb.TalentCard], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	if _, err := h.db.FindEmployeeByID(ctx, id, in.ID); err != nil {
		return nil, err
	}
	card, err := h.db.EmployeeTalent(ctx, id, in.ID)
	if err != nil {
		return nil, err
	}
	return &output[*sqldb.TalentCard]{Body: card}, nil
}

func (h *handlers) talentSessions(ctx context.Context, in *ReviewPath) (*itemsOutput[*talent.Session], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	rv, err := h.db.TalentReview(ctx, id, in.Review)
	if err != nil {
		return nil, err
	}
	return list(h.db.TalentSessions(ctx, id, rv.ID))
}

// sessionBody opens a calibration session.
type sessionBody struct {
	Name         string     `json:"name" required:"true" maxLength:"200"`
	HeldOn       merit.Date `json:"heldOn" required:"true"`
	Participants []string   `json:"participants" required:"true" maxItems:"100" doc:"The committee members present"`
}

func (h *handlers) createTalentSession(ctx context.Context, in *struct {
	ReviewPath
	Body sessionBody
}) (*created[*talent.Session], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	s := &talent.Session{AgencyID: id, ReviewID: in.Review, Name: in.Body.Name, HeldOn: in.Body.HeldOn, Participants: in.Body.Participants}
	if err := h.db.CreateTalentSession(ctx, s); err != nil {
		return nil, err
	}
	return &created[*talent.Session]{Location: prefix + "/agencies/" + in.Agency + "/talent/sessions/" + strconv.FormatInt(s.ID, 10), Body: s}, nil
}

func (h *handlers) talentSession(ctx context.Context, in *SessionPath) (*output[*talent.Session], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	s, err := h.db.TalentSession(ctx, id, in.Session)
	if err != nil {
		return nil, err
	}
	return &output[*talent.Session]{Body: s}, nil
}

// moveBody moves a person in a session.
type moveBody struct {
	EmployeeID int64  `json:"employeeId" required:"true"`
	ToBox      int    `json:"toBox" required:"true" minimum:"1" maximum:"9" doc:"The target box under the review's numbering scheme"`
	Reason     string `json:"reason" maxLength:"2000" doc:"Required: why the committee moves the person"`
}

func (h *handlers) moveTalent(ctx context.Context, in *struct {
	SessionPath
	Body moveBody
}) (*created[*talent.Move], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	s, err := h.db.TalentSession(ctx, id, in.Session)
	if err != nil {
		return nil, err
	}
	rv, err := h.db.TalentReview(ctx, id, s.ReviewID)
	if err != nil {
		return nil, err
	}
	m := &talent.Move{EmployeeID: in.Body.EmployeeID, Reason: in.Body.Reason}
	m.To, _ = rv.Scheme.Cell(in.Body.ToBox)
	if err := h.db.MoveTalent(ctx, id, in.Session, m); err != nil {
		return nil, err
	}
	return &created[*talent.Move]{Location: prefix + "/agencies/" + in.Agency + "/talent/sessions/" + strconv.FormatInt(in.Session, 10), Body: m}, nil
}

func (h *handlers) lockTalentSession(ctx context.Context, in *struct {
	SessionPath
	Body struct {
		Decree string `json:"decree,omitempty" maxLength:"200" doc:"Number of the PPK's decision"`
	}
}) (*output[*talent.Session], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	if err := h.db.LockTalentSession(ctx, id, in.Session, in.Body.Decree); err != nil {
		return nil, err
	}
	s, err := h.db.TalentSession(ctx, id, in.Session)
	if err != nil {
		return nil, err
	}
	return &output[*talent.Session]{Body: s}, nil
}
