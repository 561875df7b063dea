package evaluation

import (
	"bytes"
	_ "embed" // the shipped JPT index
	"fmt"

	"merit"
)

//go:embed instruments/jpt/kasn-jpt.json
var jptSeed []byte

// SeedJPT returns a fresh copy of the shipped Indeks Kualitas Pengisian JPT
// instrument (docs/decisions.md "JPT index defaults"); a broken embedded file
// is a bug caught by the tests: it panics.
func SeedJPT() *JPTIndex {
	x, err := ReadJPTIndex(bytes.NewReader(jptSeed))
	if err != nil {
		panic(fmt.Sprintf("evaluation: shipped JPT index: %v", err))
	}
	return x
}

// JPTMeasure names what the selection records can say about an indicator.
type JPTMeasure string

// The measures read from the selection records; each is the share of the
// year's selections that meet it.
const (
	MeasurePanel        JPTMeasure = "panel"        // pansel formed by the rules (selection.PanelRule)
	MeasureAnnouncement JPTMeasure = "announcement" // announced at least MinAnnouncementDays
	MeasureStagesDone   JPTMeasure = "stages_done"  // every planned stage done
	MeasurePublished    JPTMeasure = "published"    // every stage's result published
	MeasureConflicts    JPTMeasure = "conflicts"    // every panel member declared conflicts of interest
	MeasureReport       JPTMeasure = "report"       // report sent within ReportWithinDays of the end
)

// JPTMeasures lists the measures.
var JPTMeasures = []JPTMeasure{MeasurePanel, MeasureAnnouncement, MeasureStagesDone, MeasurePublished, MeasureConflicts, MeasureReport}

// JPTSelection is what one open selection (or job fit) of the year says,
// as plain facts the store reads from its records: the domain of selection
// judges the panel (PanelByRules), this package only counts.
type JPTSelection struct {
	Code             string     `json:"code"`
	PanelByRules     bool       `json:"panelByRules"`
	AnnouncementDays int        `json:"announcementDays"`
	StagesPlanned    int        `json:"stagesPlanned"`
	StagesDone       int        `json:"stagesDone"`
	StagesPublished  int        `json:"stagesPublished"`
	ConflictsAll     bool       `json:"conflictsAll"` // every member made a declaration
	Ended            merit.Date `json:"ended"`        // zero while running
	Reported         merit.Date `json:"reported"`     // zero when no report was sent
}

// meets reports whether a selection meets a measure under the index x.
func (s *JPTSelection) meets(m JPTMeasure, x *JPTIndex) bool {
	switch m {
	case MeasurePanel:
		return s.PanelByRules
	case MeasureAnnouncement:
		return s.AnnouncementDays >= x.MinAnnouncementDays
	case MeasureStagesDone:
		return s.StagesPlanned > 0 && s.StagesDone >= s.StagesPlanned
	case MeasurePublished:
		return s.StagesPlanned > 0 && s.StagesPublished >= s.StagesPlanned
	case MeasureConflicts:
		return s.ConflictsAll
	case MeasureReport:
		return !s.Ended.IsZero() && !s.Reported.IsZero() && !s.Reported.Before(s.Ended) &&
			!s.Reported.After(merit.DateOf(s.Ended.Time().AddDate(0, 0, x.ReportWithinDays)))
	}
	return false
}

// JPTInputs are the inputs of one agency's index for a year: the selection
// records and the evaluator's scores by indicator code. An evaluator score
// on a measured indicator overrides the records (the evaluator has the last
// word, and the result says which source counted).
type JPTInputs struct {
	Selections []JPTSelection   `json:"selections"`
	Evaluator  map[string]Score `json:"evaluator"`
}

// JPTResult is the computed index: the total (0–100), its band and every
// dimension's and indicator's points, so the page shows where it came from.
type JPTResult struct {
	Total      Score                `json:"total"`
	Band       Category             `json:"band"`
	Dimensions []JPTDimensionResult `json:"dimensions"`
}

// JPTDimensionResult is one dimension's points (negative for pelanggaran).
type JPTDimensionResult struct {
	Code       string               `json:"code"`
	Points     Score                `json:"points"`
	Indicators []JPTIndicatorResult `json:"indicators"`
}

// JPTIndicatorResult is one indicator's score and its source: "records"
// (with how many selections met it) or "evaluator".
type JPTIndicatorResult struct {
	Code   string `json:"code"`
	Score  Score  `json:"score"`
	Source string `json:"source"`
	Met    int    `json:"met,omitempty"`
	Of     int    `json:"of,omitempty"`
}

// Compute scores the index: each indicator 0..Max (measured: Max × the share
// of selections meeting it; otherwise the evaluator's score), each dimension
// Weight × Σ scores / Σ Max, added or (pelanggaran, Sign −1) deducted, the
// total held within 0–100 and banded. A measured indicator with no
// selections and no evaluator score, an evaluator indicator without a
// score, a score outside 0..Max or an unknown code is a field error.
func (x *JPTIndex) Compute(in JPTInputs) (JPTResult, error) {
	const op = "evaluation.JPTIndex.Compute"
	var fs merit.Fields
	known := map[string]bool{}
	var res JPTResult
	for _, d := range x.Dimensions {
		dr := JPTDimensionResult{Code: d.Code}
		var sum, maxSum Score
		for _, ind := range d.Indicators {
			known[ind.Code] = true
			ir := JPTIndicatorResult{Code: ind.Code}
			field := "evaluator." + ind.Code
			v, given := in.Evaluator[ind.Code]
			switch {
			case given && (v < 0 || v > ind.Max):
				fs.Add(field, "field.range", v.String(), 0, ind.Max.String())
			case given:
				ir.Score, ir.Source = v, "evaluator"
			case ind.Measure != "" && len(in.Selections) > 0:
				for i := range in.Selections {
					if in.Selections[i].meets(ind.Measure, x) {
						ir.Met++
					}
				}
				ir.Of, ir.Source = len(in.Selections), "records"
				ir.Score = ind.Max.MulInt(int64(ir.Met)).DivInt(int64(ir.Of))
			case ind.Measure != "":
				fs.Add(field, "evaluation.err.jpt_no_records", "")
			default:
				fs.Add(field, "field.required", "")
			}
			sum += ir.Score
			maxSum += ind.Max
			dr.Indicators = append(dr.Indicators, ir)
		}
		if maxSum > 0 {
			dr.Points = roundDiv(int64(d.Weight)*int64(sum), int64(maxSum))
		}
		if d.Sign < 0 {
			dr.Points = -dr.Points
		}
		res.Total += dr.Points
		res.Dimensions = append(res.Dimensions, dr)
	}
	for code := range in.Evaluator {
		if !known[code] {
			fs.Add("evaluator."+code, "evaluation.err.unknown_indicator", code)
		}
	}
	if err := fs.Err(op); err != nil {
		return JPTResult{}, err
	}
	res.Total = min(max(res.Total, 0), Points(100))
	res.Band, _ = categoryOf(x.Bands, res.Total)
	return res, nil
}
