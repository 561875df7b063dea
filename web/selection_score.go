package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"merit"
	"merit/httpstatus"
	"merit/performance"
	"merit/selection"
)

// selectionScoreRoutes registers the scorecard of a stage: a panel member
// scores each eligible candidate on each criterion (a candidate he declared
// a conflict with is blocked); a reader sees the progress and the results.
func (h *handler) selectionScoreRoutes(mux *routeMux) {
	mux.Handle("GET /a/{agency}/seleksi/{selection}/nilai/{stage}", h.member(h.showScorecard))
	mux.Handle("POST /a/{agency}/seleksi/{selection}/nilai/{stage}", h.member(h.saveScorecard))
	mux.Handle("POST /a/{agency}/seleksi/{selection}/nilai/{stage}/amandemen", h.member(h.amendStage))
}

// scorecardView is the data of the scorecard page.
type scorecardView struct {
	S        *selection.Selection
	Stage    selection.Stage
	Member   *selection.Member
	Rows     []scoreRow
	Results  []scoreResult
	Missing  int
	CanRead  bool
	Editable bool // the stage is open and the member accepted the code of ethics
	// CanAmend offers the secretariat the amendment of a published stage:
	// one score changed with a reason, re-sealed.
	CanAmend bool
	// OnBehalf: the secretariat may open any member's scorecard and record
	// it for him (a member without a sign-in scores on paper).
	OnBehalf bool
	Members  []selection.Member
	Eligible []selection.Candidate
	Back     string
	Action   string
	Errors   []formError
}

// scoreRow is one candidate's line of the member's scorecard.
type scoreRow struct {
	Candidate selection.Candidate
	Blocked   string // the declared conflict's reason: the member may not score
	Cells     []scoreCell
}

// scoreCell is one criterion of a candidate's line.
type scoreCell struct {
	Name  string // the input's name
	Label string
	Value string
	Max   performance.Hundredths
}

// scoreResult is a candidate's stage result for readers.
type scoreResult struct {
	Candidate string
	Score     performance.Hundredths
	Members   int
}

// scoreName is the input name of one cell.
func scoreName(candidateID int64, criterion string) string {
	return fmt.Sprintf("s.%d.%s", candidateID, criterion)
}

// showScorecard is the scorecard of a stage.
func (h *handler) showScorecard(w http.ResponseWriter, r *http.Request) error {
	return h.renderScorecard(w, r, nil, nil)
}

func (h *handler) renderScorecard(w http.ResponseWriter, r *http.Request, typed map[string]string, formErr error) error {
	a, s, err := h.selection(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "stage")
	if err != nil {
		return err
	}
	ctx := r.Context()
	actor := merit.ActorFrom(ctx)
	v := scorecardView{S: s, CanRead: actor.Can(merit.PermSelectionRead, a.ID), Back: agencyURL(a, "seleksi", s.ID),
		Action: agencyURL(a, "seleksi", s.ID, "nilai", id)}
	found := false
	for _, st := range s.Stages {
		if st.ID == id {
			v.Stage, found = st, true
		}
	}
	if !found || !v.Stage.Scored() {
		return merit.Errorf(merit.KindNotFound, "web.showScorecard", "err.not_found")
	}
	panel, err := h.db.SelectionPanel(ctx, a.ID, s.ID)
	if err != nil {
		return err
	}
	// The member's own scorecard; the secretariat picks a member
	// (?anggota=ID) to record a paper scorecard on his behalf.
	behalf := r.URL.Query().Get("anggota")
	if r.Method == http.MethodPost {
		behalf = r.PostForm.Get("memberId")
	}
	v.OnBehalf = actor.Can(merit.PermSelectionManage, a.ID)
	for i, m := range panel.Members {
		if m.UserID != 0 && m.UserID == actor.UserID || v.OnBehalf && behalf == strconv.FormatInt(m.ID, 10) {
			v.Member = &panel.Members[i]
		}
	}
	if v.OnBehalf {
		v.Members = panel.Members
	}
	cands, err := h.db.SelectionCandidates(ctx, a.ID, s.ID)
	if err != nil {
		return err
	}
	if v.Member != nil {
		v.Editable = v.Stage.Status == selection.StageOpen && v.Member.EthicsAccepted()
		scores, err := h.db.StageScores(ctx, a.ID, s.ID, id)
		if err != nil {
			return err
		}
		given := map[string]string{}
		for _, sc := range scores {
			if sc.MemberID == v.Member.ID {
				given[scoreName(sc.CandidateID, sc.Criterion)] = sc.Value.String()
			}
		}
		for _, c := range cands {
			if !c.Eligible() {
				continue
			}
			row := scoreRow{Candidate: c}
			for _, cf := range panel.Conflicts {
				if cf.MemberID == v.Member.ID && cf.CandidateID == c.ID {
					row.Blocked = cf.Reason
				}
			}
			for _, cr := range v.Stage.Criteria {
				name := scoreName(c.ID, cr.Code)
				value, ok := typed[name]
				if !ok {
					value = given[name]
				}
				row.Cells = append(row.Cells, scoreCell{Name: name, Label: cr.Name, Value: value, Max: cr.Max})
			}
			v.Rows = append(v.Rows, row)
		}
	}
	if v.CanRead {
		if err := h.scoreProgress(r, a.ID, s, cands, &v); err != nil {
			return err
		}
	}
	if v.Stage.Status == selection.StagePublished && v.OnBehalf {
		v.CanAmend = true
		for _, c := range cands {
			if c.Eligible() {
				v.Eligible = append(v.Eligible, c)
			}
		}
	}
	status := http.StatusOK
	if formErr != nil {
		status, v.Errors = httpstatus.Of(formErr), errorList(langOf(r), formErr)
	}
	return h.render(w, r, status, "selection_score", &page{Agency: a, Nav: "selection", Data: v})
}

// scoreProgress fills the cells still missing and, when complete, the
// stage results, for a reader of the selection.
func (h *handler) scoreProgress(r *http.Request, agencyID int64, s *selection.Selection, cands []selection.Candidate, v *scorecardView) error {
	missing, err := h.db.StageProgress(r.Context(), agencyID, s.ID, v.Stage.ID)
	if err != nil {
		return err
	}
	v.Missing = len(missing)
	results, err := h.db.StageResults(r.Context(), agencyID, s.ID, v.Stage.ID)
	if merit.KindOf(err) == merit.KindConflict || merit.KindOf(err) == merit.KindInvalid {
		return nil
	}
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, c := range cands {
		names[c.ID] = c.RegNo + " · " + c.Name
	}
	for _, res := range results {
		v.Results = append(v.Results, scoreResult{Candidate: names[res.CandidateID], Score: res.Score, Members: res.Members})
	}
	return nil
}

// saveScorecard stores the signed-in member's scores: every filled cell of
// the candidates he may score.
func (h *handler) saveScorecard(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	a, s, err := h.selection(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "stage")
	if err != nil {
		return err
	}
	if !merit.ActorFrom(r.Context()).Can(merit.PermSelectionManage, a.ID) { // the secretariat records for a member
		if err := authorize(r, merit.PermSelectionScore, a); err != nil {
			return err
		}
	}
	typed := map[string]string{}
	var scores []selection.Score
	var fs merit.Fields
	// 0 is the signed-in member himself; the secretariat names the member.
	behalf, _ := strconv.ParseInt(r.PostForm.Get("memberId"), 10, 64)
	for name, vals := range r.PostForm {
		rest, ok := strings.CutPrefix(name, "s.")
		if !ok || len(vals) == 0 || strings.TrimSpace(vals[0]) == "" {
			continue
		}
		typed[name] = vals[0]
		var cand int64
		var crit string
		if n, _ := fmt.Sscanf(strings.Replace(rest, ".", " ", 1), "%d %s", &cand, &crit); n != 2 {
			continue
		}
		value, err := performance.ParseHundredths(strings.Replace(strings.TrimSpace(vals[0]), ",", ".", 1))
		if err != nil {
			fs.Add("scores", "field.not_a_number", vals[0])
			continue
		}
		scores = append(scores, selection.Score{StageID: id, CandidateID: cand, Criterion: crit, Value: value, MemberID: behalf})
	}
	if err = fs.Err("web.saveScorecard"); err == nil {
		err = h.db.SetSelectionScores(r.Context(), a.ID, s.ID, scores)
	}
	// A refused cell (out of range, the stage not open, a declared conflict)
	// shows on the scorecard with what was typed.
	if k := merit.KindOf(err); k == merit.KindInvalid || k == merit.KindConflict || merit.CodeOf(err) == "selection.err.conflict_of_interest" {
		return h.renderScorecard(w, r, typed, err)
	}
	if err != nil {
		return err
	}
	back := agencyURL(a, "seleksi", s.ID, "nilai", id)
	if behalf != 0 {
		back += "?anggota=" + strconv.FormatInt(behalf, 10)
	}
	return redirect(w, r, back, "ui.flash.scores_saved")
}

// amendStage changes one score of a published stage with a reason: the
// stage is re-sealed and the amendment is public in the seal history.
func (h *handler) amendStage(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	a, s, err := h.selection(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "stage")
	if err != nil {
		return err
	}
	if err := authorize(r, merit.PermSelectionManage, a); err != nil {
		return err
	}
	f := r.PostForm
	sc := selection.Score{StageID: id, Criterion: f.Get("criterion")}
	var fs merit.Fields
	sc.CandidateID, sc.MemberID = formID(&fs, f, "candidateId"), formID(&fs, f, "memberId")
	value, perr := performance.ParseHundredths(strings.Replace(strings.TrimSpace(f.Get("value")), ",", ".", 1))
	if perr != nil {
		fs.Add("value", "field.not_a_number", f.Get("value"))
	}
	sc.Value = value
	if err = fs.Err("web.amendStage"); err == nil {
		_, _, err = h.db.AmendSelectionStage(r.Context(), a.ID, s.ID, id, []selection.Score{sc}, f.Get("reason"))
	}
	if k := merit.KindOf(err); k == merit.KindInvalid || k == merit.KindConflict {
		return h.renderScorecard(w, r, nil, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "seleksi", s.ID, "nilai", id), "ui.flash.stage_amended")
}

// formID reads a numeric ID of a form, noting a bad one.
func formID(fs *merit.Fields, f url.Values, name string) int64 {
	id, err := strconv.ParseInt(f.Get(name), 10, 64)
	if err != nil {
		fs.Add(name, "field.not_a_number", f.Get(name))
	}
	return id
}
