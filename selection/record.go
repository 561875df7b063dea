package selection

import (
	"cmp"
	"slices"

	"merit"
)

// Record is one selection with everything stored about it that a rule
// spanning several parts needs (opening a stage needs the panel, publishing
// it needs the scores, a decision needs the ranking). The store loads a
// Record, a rule checks or changes it, the store saves what changed.
type Record struct {
	Selection  Selection   `json:"selection"`
	Members    []Member    `json:"members"`
	Conflicts  []Conflict  `json:"conflicts"`
	Candidates []Candidate `json:"candidates"`
	Scores     []Score     `json:"scores"`
	Decisions  []Decision  `json:"decisions"`
	Seals      []Seal      `json:"seals"`
	Amendments []Amendment `json:"amendments"`
}

// Stage returns the stage with the given ID, or a KindNotFound error.
func (r *Record) Stage(id int64) (*Stage, error) {
	for i := range r.Selection.Stages {
		if r.Selection.Stages[i].ID == id {
			return &r.Selection.Stages[i], nil
		}
	}
	return nil, merit.Errorf(merit.KindNotFound, "selection.Record.Stage", "err.not_found")
}

// Member returns the panel member with the given ID, or a KindNotFound error.
func (r *Record) Member(id int64) (*Member, error) {
	for i := range r.Members {
		if r.Members[i].ID == id {
			return &r.Members[i], nil
		}
	}
	return nil, merit.Errorf(merit.KindNotFound, "selection.Record.Member", "err.not_found")
}

// Candidate returns the candidate with the given ID, or a KindNotFound error.
func (r *Record) Candidate(id int64) (*Candidate, error) {
	for i := range r.Candidates {
		if r.Candidates[i].ID == id {
			return &r.Candidates[i], nil
		}
	}
	return nil, merit.Errorf(merit.KindNotFound, "selection.Record.Candidate", "err.not_found")
}

// Eligible returns the candidates who passed administrasi, in ID order.
func (r *Record) Eligible() []Candidate {
	var out []Candidate
	for _, c := range r.Candidates {
		if c.Eligible() {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b Candidate) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// StageScores returns the scores of one stage.
func (r *Record) StageScores(stageID int64) []Score {
	var out []Score
	for _, s := range r.Scores {
		if s.StageID == stageID {
			out = append(out, s)
		}
	}
	return out
}
