package selection

import (
	"cmp"
	"slices"
	"strings"

	"merit"
	"merit/performance"
)

// roundHalfUp returns num/den rounded to the nearest integer, halves up,
// for num ≥ 0 and den > 0.
func roundHalfUp(num, den int64) int64 { return (2*num + den) / (2 * den) }

// Results computes a scored stage's result for each eligible candidate:
// each member's score is the sum of his values over the stage's criteria
// relative to the sum of their maxima; the stage score is the mean of the
// members' scores (the trimmed mean drops the highest and the lowest when
// at least TrimMinMembers members scored), on a 0–100 scale, rounded once
// to two decimals, halves up. Only members who scored every criterion for
// the candidate count; a candidate nobody scored gets no result.
func (r *Record) Results(stageID int64) ([]StageResult, error) {
	st, err := r.Stage(stageID)
	if err != nil {
		return nil, err
	}
	var maxSum int64
	for _, c := range st.Criteria {
		maxSum += int64(c.Max)
	}
	type key struct{ candidate, member int64 }
	sums, counts := map[key]int64{}, map[key]int{}
	for _, s := range r.StageScores(stageID) {
		if slices.ContainsFunc(st.Criteria, func(c Criterion) bool { return c.Code == s.Criterion }) {
			k := key{s.CandidateID, s.MemberID}
			sums[k] += int64(s.Value)
			counts[k]++
		}
	}
	var out []StageResult
	for _, c := range r.Eligible() {
		var members []int64
		for _, m := range r.Members {
			if k := (key{c.ID, m.ID}); counts[k] == len(st.Criteria) && !Conflicted(r.Conflicts, m.ID, c.ID) {
				members = append(members, sums[k])
			}
		}
		if len(members) == 0 || maxSum == 0 {
			continue
		}
		if r.Selection.Aggregation == TrimmedMean && len(members) >= TrimMinMembers {
			slices.Sort(members)
			members = members[1 : len(members)-1]
		}
		var total int64
		for _, s := range members {
			total += s
		}
		out = append(out, StageResult{
			StageID: st.ID, Kind: st.Kind, CandidateID: c.ID, Members: len(members),
			Score: performance.Hundredths(roundHalfUp(total*100_00, int64(len(members))*maxSum)),
		})
	}
	return out, nil
}

// Total is the weighted sum of stage scores: Σ weight × score over the
// weighted stages, with weights in hundredths of a percent and scores in
// hundredths, rounded once to two decimals, halves up. A stage without a
// result counts 0.
func Total(stages []Stage, results []StageResult) performance.Hundredths {
	var sum int64
	for _, st := range stages {
		for _, res := range results {
			if res.StageID == st.ID {
				sum += int64(st.Weight) * int64(res.Score)
			}
		}
	}
	return performance.Hundredths(roundHalfUp(sum, int64(FullWeight)))
}

// TieBreak lists the stages whose higher score wins a tie of totals, in
// order; after them the earlier registration wins, then the registration
// number (docs/decisions.md).
var TieBreak = []StageKind{Asesmen, Wawancara}

// Rankings ranks the eligible candidates of each post (in post order) by
// their total over the weighted, scored stages, best first. Ties are broken
// by TieBreak, then the earlier registration, then the registration number,
// so ranks are always 1, 2, 3...
func (r *Record) Rankings() ([]Ranking, error) {
	results := map[int64][]StageResult{} // by candidate
	var weighted []Stage
	for _, st := range r.Selection.Stages {
		if st.Weight == 0 || !st.Scored() {
			continue
		}
		weighted = append(weighted, st)
		res, err := r.Results(st.ID)
		if err != nil {
			return nil, err
		}
		for _, x := range res {
			results[x.CandidateID] = append(results[x.CandidateID], x)
		}
	}
	score := func(row Ranked, kind StageKind) performance.Hundredths {
		for _, x := range row.Stages {
			if x.Kind == kind {
				return x.Score
			}
		}
		return 0
	}
	var out []Ranking
	for _, p := range r.Selection.Posts {
		rk := Ranking{PostID: p.ID}
		registered := map[int64]Candidate{}
		for _, c := range r.Eligible() {
			if c.PostID != p.ID {
				continue
			}
			registered[c.ID] = c
			rk.Rows = append(rk.Rows, Ranked{CandidateID: c.ID, RegNo: c.RegNo, Stages: results[c.ID], Total: Total(weighted, results[c.ID])})
		}
		slices.SortFunc(rk.Rows, func(a, b Ranked) int {
			if c := cmp.Compare(b.Total, a.Total); c != 0 {
				return c
			}
			for _, k := range TieBreak {
				if c := cmp.Compare(score(b, k), score(a, k)); c != 0 {
					return c
				}
			}
			if c := registered[a.CandidateID].RegisteredAt.Compare(registered[b.CandidateID].RegisteredAt); c != 0 {
				return c
			}
			return strings.Compare(a.RegNo, b.RegNo)
		})
		for i := range rk.Rows {
			rk.Rows[i].Rank = i + 1
		}
		out = append(out, rk)
	}
	return out, nil
}

// Final reports whether every weighted stage is published: only then do
// the rankings stand and may the PPK decide.
func (r *Record) Final() bool {
	for _, st := range r.Selection.Stages {
		if st.Weight > 0 && st.Status != StagePublished {
			return false
		}
	}
	return true
}

// Decide records the PPK's choice for a post after checking it: the
// selection is running and final, the post has no decision yet, the
// candidate is one of the post's top three and a reason is given. When
// every post is decided the selection is decided.
func (r *Record) Decide(d Decision) error {
	const op = "selection.Record.Decide"
	if r.Selection.Status != StatusAnnounced {
		return merit.Errorf(merit.KindConflict, op, "selection.err.not_running")
	}
	if !slices.ContainsFunc(r.Selection.Posts, func(p Post) bool { return p.ID == d.PostID }) {
		return merit.Errorf(merit.KindNotFound, op, "err.not_found")
	}
	if !r.Final() {
		return merit.Errorf(merit.KindConflict, op, "selection.err.not_final")
	}
	if slices.ContainsFunc(r.Decisions, func(x Decision) bool { return x.PostID == d.PostID }) {
		return merit.Errorf(merit.KindConflict, op, "selection.err.decided")
	}
	rankings, err := r.Rankings()
	if err != nil {
		return err
	}
	var fs merit.Fields
	i := slices.IndexFunc(rankings, func(rk Ranking) bool { return rk.PostID == d.PostID })
	if !slices.ContainsFunc(rankings[i].TopThree(), func(x Ranked) bool { return x.CandidateID == d.CandidateID }) {
		fs.Add("candidateId", "selection.err.not_top_three", "")
	}
	if d.Reason = strings.TrimSpace(d.Reason); d.Reason == "" {
		fs.Add("reason", "field.required", "")
	}
	if err := fs.Err(op); err != nil {
		return err
	}
	d.SelectionID = r.Selection.ID
	r.Decisions = append(r.Decisions, d)
	if len(r.Decisions) == len(r.Selection.Posts) {
		r.Selection.Status = StatusDecided
	}
	return nil
}
