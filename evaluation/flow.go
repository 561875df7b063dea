package evaluation

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"merit"
)

// Valid reports whether s is one of the four statuses.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Statuses lists the statuses in flow order.
var Statuses = []Status{Draft, Submitted, Verified, Ditetapkan}

// Move is one allowed step of the flow and the permission it needs.
type Move struct {
	From, To   Status
	Permission merit.Permission
}

// Moves are the allowed steps (§1.5): the agency submits its draft; the
// evaluator returns it for revision or verifies it; the evaluator sets
// (menetapkan) the verified result. Ditetapkan is final: a correction is a
// new assessment year, never an edit.
var Moves = []Move{
	{Draft, Submitted, merit.PermEvaluationWrite},
	{Submitted, Draft, merit.PermEvaluationVerify},
	{Submitted, Verified, merit.PermEvaluationVerify},
	{Verified, Ditetapkan, merit.PermEvaluationVerify},
}

// MoveFor returns the allowed step from one status to another.
func MoveFor(from, to Status) (Move, bool) {
	i := slices.IndexFunc(Moves, func(m Move) bool { return m.From == from && m.To == to })
	if i < 0 {
		return Move{}, false
	}
	return Moves[i], true
}

// SelfEditable reports whether the agency's team may change self levels,
// narratives and evidence: only in draft.
func (a *Assessment) SelfEditable() bool { return a.Status == Draft }

// VerifyEditable reports whether the evaluator may set verified levels and
// notes: only while submitted.
func (a *Assessment) VerifyEditable() bool { return a.Status == Submitted }

// Transition moves the assessment to status to at time at, after checking
// the step is allowed and the assessment is ready for it:
//   - submit: a team, and a self level within the instrument's range for
//     every indicator;
//   - verify: a verified level for every indicator, and a note wherever the
//     verified level differs from the self level (the agency must read why);
//   - ditetapkan: the decree number.
//
// Every problem is reported at once as field errors. It changes only a; the
// store saves it with the audit entry in one transaction.
func (a *Assessment) Transition(in *Instrument, to Status, at time.Time) error {
	const op = "evaluation.Assessment.Transition"
	if _, ok := MoveFor(a.Status, to); !ok {
		return &merit.Error{Kind: merit.KindConflict, Op: op, Code: "evaluation.err.transition",
			Fields: []merit.FieldError{{Field: "status", Code: "evaluation.err.transition", Value: string(to), Args: []any{string(a.Status)}}}}
	}
	if in.Ref() != a.Instrument {
		return merit.Invalid(op, merit.FieldError{Field: "instrument", Code: "evaluation.err.instrument_mismatch", Value: a.Instrument.String(), Args: []any{in.Ref().String()}})
	}
	var fs merit.Fields
	entries := map[string]IndicatorEntry{}
	for _, e := range a.Entries {
		entries[e.Indicator] = e
	}
	for _, ind := range in.Indicators() {
		e := entries[ind.Code]
		field := "entries." + ind.Code
		switch to {
		case Submitted:
			if e.SelfLevel < in.MinLevel || e.SelfLevel > in.MaxLevel {
				fs.Add(field+".selfLevel", "evaluation.err.level_missing", fmt.Sprint(e.SelfLevel))
			}
		case Verified:
			switch {
			case e.VerifiedLevel < in.MinLevel || e.VerifiedLevel > in.MaxLevel:
				fs.Add(field+".verifiedLevel", "evaluation.err.level_missing", fmt.Sprint(e.VerifiedLevel))
			case e.VerifiedLevel != e.SelfLevel && e.VerifierNote == "":
				fs.Add(field+".verifierNote", "evaluation.err.note_required", "")
			}
		}
	}
	if to == Submitted && len(a.Team) == 0 {
		fs.Add("team", "field.required", "")
	}
	if to == Ditetapkan && a.Decree == "" {
		fs.Add("decree", "field.required", "")
	}
	if err := fs.Err(op); err != nil {
		return err
	}
	a.Status = to
	switch to {
	case Submitted:
		a.SubmittedAt = at
	case Verified:
		a.VerifiedAt = at
	case Ditetapkan:
		a.SetAt = at
	}
	return nil
}

// NextDue returns the year of the next evaluation after a result set in
// year: Sangat Baik agencies are re-evaluated every two years, all others
// every year (regulations.md §1.5 step 4; yearly for Buruk and Kurang is
// [I]). The interval is data: CadenceYears.
func NextDue(year int, category string) int {
	if n, ok := CadenceYears[category]; ok {
		return year + n
	}
	return year + 1
}

// CadenceYears is the re-evaluation interval per KASN category code;
// categories not listed are re-evaluated yearly.
var CadenceYears = map[string]int{"sangat-baik": 2, "baik": 1, "kurang": 1, "buruk": 1}

// FirstYear is the first year an assessment may be for: the KASN
// self-assessment began under Peraturan KASN 5/2017 (results from 2015 on
// may be entered as history).
const FirstYear = 2015

// CheckYear reports whether an assessment or an index may be for year: from
// FirstYear to next year (an agency prepares next year's self-assessment).
func CheckYear(op string, year int, today merit.Date) error {
	if year < FirstYear || year > today.Year()+1 {
		return merit.Invalid(op, merit.FieldError{Field: "year", Code: "field.range", Value: strconv.Itoa(year), Args: []any{FirstYear, today.Year() + 1}})
	}
	return nil
}
