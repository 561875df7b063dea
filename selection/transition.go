package selection

import (
	"fmt"
	"slices"

	"merit"
)

// Advance moves a stage one step forward (planned → open → closed →
// published) after checking the step:
//   - the selection is announced (not draft, decided or cancelled);
//   - a stage never moves back nor skips a step;
//   - a scored stage opens only when administrasi is closed (or published)
//     and the panel meets its composition rule;
//   - administrasi closes only when every submitted candidate was decided
//     (qualified or unqualified);
//   - a scored stage is published only when its scores are complete: every
//     eligible candidate by every member without a conflict with that
//     candidate on every criterion.
//
// A broken check is a KindConflict error whose code says which (the panel's
// breaches come as field errors); the stage is left unchanged.
func (r *Record) Advance(stageID int64, to StageStatus) error {
	const op = "selection.Record.Advance"
	st, err := r.Stage(stageID)
	if err != nil {
		return err
	}
	if r.Selection.Status != StatusAnnounced {
		return merit.Errorf(merit.KindConflict, op, "selection.err.not_running")
	}
	from := slices.Index(StageStatuses, st.Status)
	if next := slices.Index(StageStatuses, to); next < 0 || next != from+1 {
		e := merit.Errorf(merit.KindConflict, op, "selection.err.stage_step")
		e.Fields = []merit.FieldError{{Field: "stage", Code: "selection.err.stage_step_from", Args: []any{string(st.Status), string(to)}, Value: string(to)}}
		return e
	}
	switch {
	case to == StageOpen && st.Scored():
		if !r.adminClosed() {
			return merit.Errorf(merit.KindConflict, op, "selection.err.admin_not_closed")
		}
		if err := r.Selection.Panel.Check(r.Members); err != nil {
			e := merit.Errorf(merit.KindConflict, op, "selection.err.panel_invalid")
			e.Fields, e.Err = merit.FieldsOf(err), err
			return e
		}
	case to == StageClosed && st.Kind == Administrasi:
		if n := r.undecided(); n > 0 {
			e := merit.Errorf(merit.KindConflict, op, "selection.err.admin_undecided")
			e.Fields = []merit.FieldError{{Field: "candidates", Code: "selection.err.admin_undecided_n", Args: []any{n}, Value: fmt.Sprint(n)}}
			return e
		}
	case to == StagePublished && st.Scored():
		if missing := r.Missing(stageID); len(missing) > 0 {
			e := merit.Errorf(merit.KindConflict, op, "selection.err.scores_incomplete")
			e.Fields = []merit.FieldError{{Field: "scores", Code: "selection.err.scores_missing_n", Args: []any{len(missing)}, Value: fmt.Sprint(len(missing))}}
			return e
		}
	}
	st.Status = to
	return nil
}

// adminClosed reports whether the administrasi stage is closed or
// published (a plan without one, which Validate refuses, counts as not).
func (r *Record) adminClosed() bool {
	st, ok := r.Selection.Stage(Administrasi)
	return ok && (st.Status == StageClosed || st.Status == StagePublished)
}

// undecided counts candidates whose administrative check is pending:
// submitted, or asked for a correction.
func (r *Record) undecided() int {
	n := 0
	for _, c := range r.Candidates {
		if c.Status == CandidateSubmitted || c.Status == CandidateCorrection {
			n++
		}
	}
	return n
}

// Missing returns the score cells of a stage still to be entered: for every
// eligible candidate, every panel member without a conflict with that
// candidate, every criterion of the stage, in that order. Each cell is a
// Score without a value.
func (r *Record) Missing(stageID int64) []Score {
	st, err := r.Stage(stageID)
	if err != nil {
		return nil
	}
	have := map[[3]any]bool{}
	for _, s := range r.StageScores(stageID) {
		have[[3]any{s.CandidateID, s.MemberID, s.Criterion}] = true
	}
	var out []Score
	for _, c := range r.Eligible() {
		for _, m := range r.Members {
			if Conflicted(r.Conflicts, m.ID, c.ID) {
				continue
			}
			for _, cr := range st.Criteria {
				if !have[[3]any{c.ID, m.ID, cr.Code}] {
					out = append(out, Score{SelectionID: r.Selection.ID, StageID: st.ID, CandidateID: c.ID, MemberID: m.ID, Criterion: cr.Code})
				}
			}
		}
	}
	return out
}

// CheckScore checks that a member may give this score now: the stage is
// open and scored (so administrasi is closed), the candidate is eligible,
// the member accepted the code of ethics and declared no conflict with the
// candidate, and the value is between 0 and the criterion's maximum.
// Ethics and conflicts are KindForbidden (this member may not score this
// candidate); the state of the stage or candidate is KindConflict; a bad
// criterion or value is KindInvalid naming the field.
func (r *Record) CheckScore(sc Score) error {
	const op = "selection.Record.CheckScore"
	st, err := r.Stage(sc.StageID)
	if err != nil {
		return err
	}
	c, err := r.Candidate(sc.CandidateID)
	if err != nil {
		return err
	}
	m, err := r.Member(sc.MemberID)
	if err != nil {
		return err
	}
	switch {
	case !st.Scored():
		return merit.Errorf(merit.KindConflict, op, "selection.err.stage_not_scored")
	case st.Status != StageOpen || !r.adminClosed():
		return merit.Errorf(merit.KindConflict, op, "selection.err.stage_not_open")
	case !c.Eligible():
		return merit.Errorf(merit.KindConflict, op, "selection.err.not_eligible")
	case !m.EthicsAccepted():
		return merit.Errorf(merit.KindForbidden, op, "selection.err.ethics")
	case Conflicted(r.Conflicts, m.ID, c.ID):
		return merit.Errorf(merit.KindForbidden, op, "selection.err.conflict_of_interest")
	}
	return checkValue(st, sc)
}

// checkValue checks that a score names a criterion of the stage and lies
// between 0 and its maximum.
func checkValue(st *Stage, sc Score) error {
	const op = "selection.Stage.checkValue"
	i := slices.IndexFunc(st.Criteria, func(cr Criterion) bool { return cr.Code == sc.Criterion })
	if i < 0 {
		return merit.Invalid(op, merit.FieldError{Field: "criterion", Code: "field.unknown_ref", Value: sc.Criterion})
	}
	if top := st.Criteria[i].Max; sc.Value < 0 || sc.Value > top {
		return merit.Invalid(op, merit.FieldError{Field: "value", Code: "field.range", Args: []any{"0", top.String()}, Value: sc.Value.String()})
	}
	return nil
}

// SetScore checks a score (CheckScore) and records it, replacing the same
// member's earlier score of the same cell.
func (r *Record) SetScore(sc Score) error {
	if err := r.CheckScore(sc); err != nil {
		return err
	}
	sc.SelectionID = r.Selection.ID
	for i, s := range r.Scores {
		if s.StageID == sc.StageID && s.CandidateID == sc.CandidateID && s.MemberID == sc.MemberID && s.Criterion == sc.Criterion {
			r.Scores[i] = sc
			return nil
		}
	}
	r.Scores = append(r.Scores, sc)
	return nil
}
