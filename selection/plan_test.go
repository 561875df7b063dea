package selection

import (
	"slices"
	"testing"
	"time"

	"merit"
	"merit/performance"
)

// fieldCodes returns "field=code" for each field error of err.
func fieldCodes(err error) []string {
	var out []string
	for _, f := range merit.FieldsOf(err) {
		out = append(out, f.Field+"="+f.Code)
	}
	return out
}

func announceable() Selection {
	s := New(1, Pratama, "Seleksi Terbuka JPT Pratama 2026")
	s.LegalBasis = "Keputusan Wali Kota 800/1/2026"
	s.Posts = []Post{{PositionID: 10}, {PositionID: 11}}
	s.RegistrationOpen = merit.NewDate(2026, 3, 1)
	s.RegistrationClose = merit.NewDate(2026, 3, 15)
	return s
}

func TestPlanDefault(t *testing.T) {
	plan := Plan()
	var kinds []StageKind
	var sum performance.Hundredths
	for i, st := range plan {
		kinds = append(kinds, st.Kind)
		sum += st.Weight
		if st.Order != i+1 || st.Status != StagePlanned {
			t.Errorf("stage %d %s: order %d status %s", i, st.Kind, st.Order, st.Status)
		}
	}
	if !slices.Equal(kinds, DefaultKinds) {
		t.Errorf("kinds: got %v, want %v", kinds, DefaultKinds)
	}
	if sum != FullWeight {
		t.Errorf("weights: got %s, want 100.00", sum)
	}
	full := Plan(UjiPublik, Kesehatan)
	if len(full) != 7 || full[5].Kind != Kesehatan || full[6].Kind != UjiPublik || full[6].Order != 7 {
		t.Errorf("optional stages: got %+v", full)
	}
	if planFields(full) != nil {
		t.Errorf("default plan with optional stages invalid: %v", planFields(full))
	}
	// The plan's scorecards are copies: editing one leaves the defaults alone.
	full[1].Criteria[0].Max = 1
	if DefaultCriteria[RekamJejak][0].Max != 100_00 {
		t.Error("Plan shares the default criteria")
	}
}

func TestPlanValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func([]Stage) []Stage
		want []string
	}{
		{"default", func(p []Stage) []Stage { return p }, nil},
		{"weights 99.99", func(p []Stage) []Stage { p[2].Weight = 39_99; return p }, []string{"stages.weight=selection.err.weights_sum"}},
		{"weights 100.01", func(p []Stage) []Stage { p[2].Weight = 40_01; return p }, []string{"stages.weight=selection.err.weights_sum"}},
		{"weights moved, still 100", func(p []Stage) []Stage { p[2].Weight = 35_00; p[4].Weight = 35_00; return p }, nil},
		{"negative weight", func(p []Stage) []Stage { p[1].Weight = -10_00; p[2].Weight = 60_00; return p },
			[]string{"stages.rekam_jejak.weight=field.range"}},
		{"weight over 100", func(p []Stage) []Stage {
			p[2].Weight = 100_01
			p[3].Weight = -1
			p[1].Weight = 0
			p[4].Weight = 0
			return p
		},
			[]string{"stages.asesmen.weight=field.range", "stages.makalah.weight=field.range"}},
		{"administrasi not first", func(p []Stage) []Stage { p[0], p[1] = p[1], p[0]; p[0].Order, p[1].Order = 1, 2; return p },
			[]string{"stages=selection.err.admin_first"}},
		{"stage twice", func(p []Stage) []Stage { x := p[4]; x.Order = 6; x.Weight = 0; return append(p, x) },
			[]string{"stages=selection.err.stage_twice"}},
		{"unknown kind", func(p []Stage) []Stage { return append(p, Stage{Kind: "lari", Order: 6}) }, []string{"stages=field.unknown_ref"}},
		{"order gap", func(p []Stage) []Stage { p[3].Order = 5; return p }, []string{"stages.makalah.order=field.range"}},
		{"weighted gate", func(p []Stage) []Stage { p[3].Criteria = nil; return p },
			[]string{"stages.makalah.criteria=selection.err.weight_without_criteria"}},
		{"scored administrasi", func(p []Stage) []Stage { p[0].Criteria = []Criterion{{Code: "x", Max: 1}}; return p },
			[]string{"stages.administrasi.criteria=selection.err.admin_scored"}},
		{"criterion twice", func(p []Stage) []Stage { p[2].Criteria[1].Code = p[2].Criteria[0].Code; return p },
			[]string{"stages.asesmen.criteria=selection.err.criterion_code"}},
		{"criterion with comma", func(p []Stage) []Stage { p[2].Criteria[1].Code = "a,b"; return p },
			[]string{"stages.asesmen.criteria=selection.err.criterion_code"}},
		{"criterion max 0", func(p []Stage) []Stage { p[2].Criteria[1].Max = 0; return p },
			[]string{"stages.asesmen.criteria=selection.err.criterion_max"}},
		{"end before start", func(p []Stage) []Stage {
			p[2].Start, p[2].End = merit.NewDate(2026, 4, 2), merit.NewDate(2026, 4, 1)
			return p
		}, []string{"stages.asesmen.end=selection.err.end_before_start"}},
		{"one-day stage", func(p []Stage) []Stage {
			p[2].Start, p[2].End = merit.NewDate(2026, 4, 1), merit.NewDate(2026, 4, 1)
			return p
		}, nil},
	}
	for _, tt := range tests {
		got := fieldCodes(planFields(tt.edit(Plan())).Err("test"))
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSelectionValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Selection)
		want []string
	}{
		{"valid", func(*Selection) {}, nil},
		{"no title", func(s *Selection) { s.Title = "  " }, []string{"title=field.required"}},
		{"utama", func(s *Selection) { s.Level = "jpt_utama" }, []string{"level=field.unknown_ref"}},
		{"aggregation", func(s *Selection) { s.Aggregation = "median" }, []string{"aggregation=field.unknown_ref"}},
		{"close before open", func(s *Selection) { s.RegistrationClose = merit.NewDate(2026, 2, 28) },
			[]string{"registrationClose=selection.err.close_before_open"}},
		{"close on open", func(s *Selection) { s.RegistrationClose = s.RegistrationOpen }, nil},
		{"post twice", func(s *Selection) { s.Posts[1].PositionID = 10 }, []string{"posts=selection.err.post"}},
		{"panel rule", func(s *Selection) { s.Panel.Max = 3 }, []string{"panel.max=field.range"}},
		{"extra", func(s *Selection) {
			s.Extras = []ExtraRequirement{{Code: "lhkpn", Name: "LHKPN", Slot: SlotLHKPN}, {Code: "lhkpn", Name: "again"}}
		},
			[]string{"extras=selection.err.extra"}},
		{"extra code with a space", func(s *Selection) {
			s.Extras = []ExtraRequirement{{Code: "bukan partai", Name: "Bukan anggota partai"}}
		},
			[]string{"extras=selection.err.extra"}},
		{"plan", func(s *Selection) { s.Stages[1].Weight = 0 }, []string{"stages.weight=selection.err.weights_sum"}},
	}
	for _, tt := range tests {
		s := announceable()
		tt.edit(&s)
		if got := fieldCodes(s.Validate()); !slices.Equal(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestAnnounceFreezesWeights(t *testing.T) {
	s := New(1, Madya, "Seleksi")
	if got := fieldCodes(s.Announce(time.Now())); !slices.Equal(got, []string{"posts=field.required", "registrationOpen=field.required", "registrationClose=field.required"}) {
		t.Errorf("announce without posts and window: got %v", got)
	}
	s = announceable()
	// Before the announcement the weights change freely.
	plan := Plan()
	plan[2].Weight, plan[4].Weight = 45_00, 25_00
	if err := s.SetPlan(plan); err != nil {
		t.Fatalf("SetPlan while draft: %v", err)
	}
	at := time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC)
	if err := s.Announce(at); err != nil {
		t.Fatalf("Announce: %v", err)
	}
	if !s.WeightsFrozen || s.Status != StatusAnnounced || !s.AnnouncedAt.Equal(at) {
		t.Errorf("after Announce: %+v", s)
	}
	if err := s.Announce(at); merit.KindOf(err) != merit.KindConflict {
		t.Errorf("second Announce: got %v, want conflict", err)
	}
	changed := slices.Clone(s.Stages)
	changed[2].Weight, changed[4].Weight = 40_00, 30_00
	if err := s.SetPlan(changed); merit.KindOf(err) != merit.KindConflict || merit.CodeOf(err) != "selection.err.weights_frozen" {
		t.Errorf("weights changed after announcement: got %v, want weights_frozen conflict", err)
	}
	added := append(slices.Clone(s.Stages), Stage{Kind: UjiPublik, Order: 6, Status: StagePlanned})
	if err := s.SetPlan(added); merit.KindOf(err) != merit.KindConflict {
		t.Errorf("stage added after announcement: got %v, want conflict", err)
	}
	// The timeline and a planned stage's scorecard may still change.
	same := slices.Clone(s.Stages)
	same[3].Start, same[3].End = merit.NewDate(2026, 4, 1), merit.NewDate(2026, 4, 3)
	same[3].Criteria = []Criterion{{Code: "isi", Name: "Isi", Max: 50_00}}
	if err := s.SetPlan(same); err != nil {
		t.Errorf("timeline change after announcement: %v", err)
	}
	s.Stages[2].Status = StageOpen
	started := slices.Clone(s.Stages)
	started[2].Criteria = started[2].Criteria[:1]
	if err := s.SetPlan(started); merit.CodeOf(err) != "selection.err.criteria_started" {
		t.Errorf("scorecard of an open stage changed: got %v", err)
	}
}
