package evaluation

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"merit"
)

// pontianakLike generates five selections of a year: every panel by the
// rules, announced 21 days, every stage done; one selection has a stage
// result unpublished and one report came 45 days after the end.
func pontianakLike() []JPTSelection {
	var out []JPTSelection
	for i := range 5 {
		ended := merit.NewDate(2023, time.March+time.Month(i), 10)
		s := JPTSelection{
			Code: fmt.Sprintf("ST-2023-%d", i+1), PanelByRules: true, AnnouncementDays: 21,
			StagesPlanned: 5, StagesDone: 5, StagesPublished: 5, ConflictsAll: true,
			Ended: ended, Reported: merit.DateOf(ended.Time().AddDate(0, 0, 14)),
		}
		if i == 1 {
			s.StagesPublished = 4
		}
		if i == 3 {
			s.Reported = merit.DateOf(ended.Time().AddDate(0, 0, 45))
		}
		out = append(out, s)
	}
	return out
}

func TestJPTIndexPontianak(t *testing.T) {
	x := SeedJPT()
	if !x.Unverified {
		t.Error("the JPT index must be flagged unverified (§2)")
	}
	in := JPTInputs{Selections: pontianakLike(), Evaluator: map[string]Score{
		"koordinasi": Points(8), "laporan_lengkap": Points(4), "inovasi": mustScore(t, "6.7"), "pelanggaran": 0,
	}}
	r, err := x.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	if r.Total.String() != "83.7" || r.Band.Code != "baik" || !r.Band.Award {
		t.Errorf("Pontianak-like: %s %s, want 83.7 baik (awarded)", r.Total, r.Band.Code)
	}
	points := map[string]string{}
	for _, d := range r.Dimensions {
		points[d.Code] = d.Points.String()
		for _, ir := range d.Indicators {
			if ir.Code == "publikasi" && (ir.Met != 4 || ir.Of != 5 || ir.Source != "records" || ir.Score.String() != "8") {
				t.Errorf("publikasi: %+v, want 4 of 5 from records = 8", ir)
			}
			if ir.Code == "inovasi" && ir.Source != "evaluator" {
				t.Errorf("inovasi source %s", ir.Source)
			}
		}
	}
	want := map[string]string{"persiapan": "23", "pelaksanaan": "38", "pelaporan": "16", "inovasi": "6.7", "pelanggaran": "0"}
	for k, v := range want {
		if points[k] != v {
			t.Errorf("%s: %s points, want %s", k, points[k], v)
		}
	}

	// Two proven violations deduct 10 points (weight 20 over a maximum of 4).
	in.Evaluator["pelanggaran"] = Points(2)
	if r, _ := x.Compute(in); r.Total.String() != "73.7" || r.Band.Code != "cukup" {
		t.Errorf("two violations: %s %s, want 73.7 cukup", r.Total, r.Band.Code)
	}
	// The evaluator overrides a measured indicator.
	in.Evaluator["pelanggaran"], in.Evaluator["publikasi"] = 0, Points(10)
	if r, _ := x.Compute(in); r.Total.String() != "85.7" {
		t.Errorf("override publikasi: %s, want 85.7", r.Total)
	}
}

func TestJPTIndexBandsAndErrors(t *testing.T) {
	x := SeedJPT()
	for _, tc := range []struct{ s, band string }{
		{"0", "kurang"}, {"69.99", "kurang"}, {"70", "cukup"}, {"79.9", "cukup"}, {"80", "baik"},
		{"82.58", "baik"}, {"89.99", "baik"}, {"90", "sangat-baik"}, {"100", "sangat-baik"},
	} {
		if c, _ := categoryOf(x.Bands, mustScore(t, tc.s)); c.Code != tc.band {
			t.Errorf("band(%s) = %s, want %s", tc.s, c.Code, tc.band)
		}
	}
	_, err := x.Compute(JPTInputs{Evaluator: map[string]Score{"koordinasi": Points(11), "nope": 0}})
	f := fieldsOf(err)
	for _, want := range []string{"evaluator.koordinasi=field.range", "evaluator.nope=evaluation.err.unknown_indicator",
		"evaluator.pansel=evaluation.err.jpt_no_records", "evaluator.inovasi=field.required"} {
		if !slices.Contains(f, want) {
			t.Errorf("missing %s in %v", want, f)
		}
	}
	// Many violations never take the index below 0.
	all := map[string]Score{}
	for _, d := range x.Dimensions {
		for _, ind := range d.Indicators {
			all[ind.Code] = 0
		}
	}
	all["pelanggaran"] = Points(4)
	if r, err := x.Compute(JPTInputs{Evaluator: all}); err != nil || r.Total != 0 {
		t.Errorf("floor: %s, %v", r.Total, err)
	}
}

// TestJPTCounts: the 2021 JPT award, 82 agencies of which 68 Baik and 14
// Sangat Baik, counted per band from computed indices.
func TestJPTCounts(t *testing.T) {
	x := SeedJPT()
	eval := func(innovation string) map[string]Score {
		return map[string]Score{"koordinasi": Points(8), "laporan_lengkap": Points(4), "inovasi": mustScore(t, innovation), "pelanggaran": 0}
	}
	var totals []Score
	for i := range 100 {
		innovation := "6.7" // 83.7 Baik
		switch {
		case i < 14:
			innovation = "14" // 91 Sangat Baik
		case i >= 82:
			innovation = "0" // 77 Cukup
		}
		r, err := x.Compute(JPTInputs{Selections: pontianakLike(), Evaluator: eval(innovation)})
		if err != nil {
			t.Fatal(err)
		}
		totals = append(totals, r.Total)
	}
	got := map[string]int{}
	awarded := 0
	for _, c := range CountCategories(x.Bands, totals) {
		got[c.Category.Code] = c.Count
		if c.Category.Award {
			awarded += c.Count
		}
	}
	if got["sangat-baik"] != 14 || got["baik"] != 68 || got["cukup"] != 18 || got["kurang"] != 0 || awarded != 82 {
		t.Errorf("counts %v awarded %d, want 14 sangat-baik, 68 baik, 18 cukup, 82 awarded", got, awarded)
	}
}
