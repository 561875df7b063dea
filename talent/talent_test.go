package talent

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"merit"
	"merit/performance"
)

// TestBoxNumbering checks every cell of both schemes against regulations.md
// §4.2, and that Cell inverts Box.
func TestBoxNumbering(t *testing.T) {
	cases := []struct {
		scheme Scheme
		perf   Level
		pot    Level
		box    int
	}{
		{SchemePermenPANRB, Low, Low, 1},
		{SchemePermenPANRB, Medium, Low, 2},
		{SchemePermenPANRB, Low, Medium, 3},
		{SchemePermenPANRB, High, Low, 4},
		{SchemePermenPANRB, Medium, Medium, 5},
		{SchemePermenPANRB, Low, High, 6},
		{SchemePermenPANRB, High, Medium, 7},
		{SchemePermenPANRB, Medium, High, 8},
		{SchemePermenPANRB, High, High, 9},
		{SchemeKemenkeu, Low, Low, 1},
		{SchemeKemenkeu, Low, Medium, 2},
		{SchemeKemenkeu, Low, High, 3},
		{SchemeKemenkeu, Medium, Low, 4},
		{SchemeKemenkeu, High, Low, 5},
		{SchemeKemenkeu, Medium, Medium, 6},
		{SchemeKemenkeu, Medium, High, 7},
		{SchemeKemenkeu, High, Medium, 8},
		{SchemeKemenkeu, High, High, 9},
	}
	for _, c := range cases {
		cell := Cell{Performance: c.perf, Potential: c.pot}
		if got := c.scheme.Box(cell); got != c.box {
			t.Errorf("%s %v: box %d, want %d", c.scheme, cell, got, c.box)
		}
		back, ok := c.scheme.Cell(c.box)
		if !ok || back != cell {
			t.Errorf("%s Cell(%d) = %v %v, want %v", c.scheme, c.box, back, ok, cell)
		}
	}
	if len(cases) != 18 {
		t.Fatal("every cell of both schemes")
	}
	if Scheme("X").Box(Cell{}) != 0 || Scheme("X").Valid() {
		t.Error("unknown scheme numbers nothing")
	}
	if _, ok := SchemePermenPANRB.Cell(10); ok {
		t.Error("there is no box 10")
	}
}

// TestActionsFollowTheMeaning checks the §4.2 recommendations of boxes 9 and
// 1 and that the Kemenkeu numbering recommends by meaning, not by number.
func TestActionsFollowTheMeaning(t *testing.T) {
	top := Cell{High, High}
	if got := fmt.Sprint(DefaultActions.Of(top)); got != "[PROMOTE RETAIN SUCCESSION_NAT AWARD]" {
		t.Errorf("box 9 actions %s", got)
	}
	if got := fmt.Sprint(DefaultActions.Of(Cell{Low, Low})); got != "[REGULATION]" {
		t.Errorf("box 1 actions %s", got)
	}
	// Kemenkeu box 3 is below/high: PermenPANRB box 6.
	c, _ := SchemeKemenkeu.Cell(3)
	if SchemePermenPANRB.Box(c) != 6 || fmt.Sprint(DefaultActions.Of(c)) != "[PLACE COACHING COUNSELING]" {
		t.Errorf("Kemenkeu 3 = %v", c)
	}
	for _, p := range Levels {
		for _, q := range Levels {
			if len(DefaultActions.Of(Cell{p, q})) == 0 {
				t.Errorf("cell %v %v has no action", p, q)
			}
		}
	}
}

// TestThresholdBoundaries checks the lower bound is inclusive on both axes.
func TestThresholdBoundaries(t *testing.T) {
	cases := []struct {
		s    Score
		want Level
	}{
		{0, Low}, {5999, Low}, {6000, Medium}, {6001, Medium}, {7999, Medium}, {8000, High}, {10000, High},
	}
	for _, c := range cases {
		if got := LevelOf(c.s, 6000, 8000); got != c.want {
			t.Errorf("LevelOf(%s) = %s, want %s", c.s, got, c.want)
		}
	}
	// Through a placement: potential exactly 80.00 is tinggi, 79.99 menengah.
	r := Default
	r.Potential.AssessmentWeight, r.Potential.CompetencyWeight, r.Potential.TrackRecordWeight = 100, 0, 0
	on := merit.NewDate(2026, 11, 1)
	for _, c := range []struct {
		s    Score
		want Level
	}{{8000, High}, {7999, Medium}, {6000, Medium}, {5999, Low}} {
		in := Input{Predikat: []YearPredikat{{2025, performance.Baik}}, Assessed: true, Assessment: c.s}
		p := r.Place(&in, 2025, on)
		if p.Cell.Potential != c.want || p.PotentialScore != c.s {
			t.Errorf("assessment %s: %s (%s), want %s", c.s, p.Cell.Potential, p.PotentialScore, c.want)
		}
	}
	// Averaged performance: Baik (80) and Butuh Perbaikan (60) average 70,
	// sesuai; Sangat Baik and Butuh Perbaikan average 80, exactly di atas.
	r = Default
	r.Performance.Years, r.Performance.Average = 2, true
	for _, c := range []struct {
		a, b performance.Predikat
		want Level
	}{{performance.Baik, performance.ButuhPerbaikan, Medium}, {performance.SangatBaik, performance.ButuhPerbaikan, High},
		{performance.Kurang, performance.Baik, Medium}, {performance.SangatKurang, performance.Baik, Low}} {
		in := Input{Predikat: []YearPredikat{{2025, c.a}, {2024, c.b}, {2023, performance.SangatBaik}}}
		p := r.Place(&in, 2025, on)
		if p.Cell.Performance != c.want {
			t.Errorf("%s+%s: %s (%s), want %s", c.a, c.b, p.Cell.Performance, p.PerformanceScore, c.want)
		}
	}
}

// TestPlacementExplained checks one placement point by point.
func TestPlacementExplained(t *testing.T) {
	r := Default
	in := Input{
		EmployeeID: 7,
		Predikat:   []YearPredikat{{2025, performance.SangatBaik}, {2024, performance.Baik}},
		Assessed:   true, Assessment: 8250,
		HasJPM: true, JPM: 9100,
		Education: "S2",
		Training:  []Training{{40, merit.NewDate(2025, 3, 1)}, {30, merit.NewDate(2022, 1, 1)}},
		TMTCPNS:   merit.NewDate(2010, 3, 1),
	}
	p := r.Place(&in, 2025, merit.NewDate(2026, 11, 1))
	var lines []string
	for _, pt := range p.Points {
		lines = append(lines, fmt.Sprintf("%s %s %v", pt.Code, pt.Score, pt.Args))
	}
	// Track record: 40% × 90 + 30% × 80 (40 JP in three years) + 30% × 80 (16 years) = 84.00.
	// Potential: (40 × 82.50 + 40 × 91.00 + 20 × 84.00) / 100 = 86.20, tinggi.
	want := []string{
		"talent.x.predikat_level 0.00 [2025 SANGAT_BAIK HIGH]",
		"talent.x.assessment 82.50 [40]",
		"talent.x.jpm 91.00 [40]",
		"talent.x.education 90.00 [S2 40]",
		"talent.x.training 80.00 [40 3 30]",
		"talent.x.experience 80.00 [16 30]",
		"talent.x.track_record 84.00 [20]",
		"talent.x.potential 86.20 [60.00 80.00 HIGH 100]",
		"talent.x.box 0.00 [PERMENPANRB_3_2020 9 HIGH HIGH]",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("explanation:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if !p.Mapped || p.Box != 9 || p.PotentialScore != 8620 {
		t.Errorf("placement %+v", p)
	}
	if got := fmt.Sprint(r.ActionsOf(&p)); got != "[PROMOTE RETAIN SUCCESSION_NAT AWARD]" {
		t.Errorf("actions %s", got)
	}

	// Two categorical years take the lower; no assessment reweights.
	r.Performance.Years = 2
	in.Assessed = false
	p = r.Place(&in, 2025, merit.NewDate(2026, 11, 1))
	// (40 × 91.00 + 20 × 84.00) / 60 = 88.67
	if p.Cell != (Cell{Medium, High}) || p.Box != 8 || p.PotentialScore != 8867 {
		t.Errorf("two years: %+v", p)
	}
	codes := map[string]bool{}
	for _, pt := range p.Points {
		codes[pt.Code] = true
	}
	for _, c := range []string{"talent.x.performance_lower", "talent.x.assessment_missing", "talent.x.potential_reweighted"} {
		if !codes[c] {
			t.Errorf("missing point %s in %v", c, p.Points)
		}
	}

	// No predikat in the years: not mapped, and it says why.
	in.Predikat = []YearPredikat{{2022, performance.Baik}}
	p = r.Place(&in, 2025, merit.NewDate(2026, 11, 1))
	if p.Mapped || p.Box != 0 || p.Points[0].Code != "talent.x.no_predikat" || r.ActionsOf(&p) != nil {
		t.Errorf("unmapped: %+v", p)
	}
}

// TestRuleSetValidate checks the default is valid and broken sets name the field.
func TestRuleSetValidate(t *testing.T) {
	r := Default
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(Default)
	var back RuleSet
	if err := json.Unmarshal(b, &back); err != nil || back.Scheme.Box(Cell{High, High}) != 9 || back.Performance.Levels[performance.Baik] != Medium {
		t.Fatalf("round trip: %v %+v", err, back)
	}
	bad := back
	bad.Scheme = "X"
	bad.Potential.AssessmentWeight = 50
	bad.Potential.High = 5000
	bad.Performance.Years = 3
	bad.Potential.Training = []Band{{10, 100}, {20, 100}}
	err := bad.Validate()
	var fields []string
	for _, f := range merit.FieldsOf(err) {
		fields = append(fields, f.Field+":"+f.Code)
	}
	want := "scheme:talent.err.scheme performance.years:field.range potential.assessmentWeight:talent.err.weights potential.training[1]:talent.err.band potential.high:talent.err.threshold_order"
	if strings.Join(fields, " ") != want {
		t.Errorf("fields %s", strings.Join(fields, " "))
	}
}

func TestPopulation(t *testing.T) {
	p := ParsePopulation(" jpt_pratama, ADMINISTRATOR,JF_KEAHLIAN/AHLI_MADYA,administrator,")
	if p.String() != "JPT_PRATAMA,ADMINISTRATOR,JF_KEAHLIAN/AHLI_MADYA" {
		t.Fatal(p)
	}
	for _, c := range []struct {
		jenis, jenjang string
		want           bool
	}{
		{"JPT_PRATAMA", "", true}, {"ADMINISTRATOR", "", true}, {"PENGAWAS", "", false},
		{"JF_KEAHLIAN", "AHLI_MADYA", true}, {"JF_KEAHLIAN", "AHLI_MUDA", false}, {"", "", false},
	} {
		if p.Has(c.jenis, c.jenjang) != c.want {
			t.Errorf("%s/%s: %v", c.jenis, c.jenjang, !c.want)
		}
	}
	if !Population(nil).Has("PELAKSANA", "") || Population(nil).Has("", "") {
		t.Error("empty population is everyone with a position")
	}
}
