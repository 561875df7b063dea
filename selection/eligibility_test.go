package selection

import (
	"slices"
	"testing"
	"time"

	"merit"
	"merit/performance"
)

var closing = merit.NewDate(2026, 3, 15)

// eligibleFacts returns registry facts of a candidate for JPT pratama who
// meets every requirement at the closing date.
func eligibleFacts() Facts {
	return Facts{
		Registry:  true,
		Education: "S2",
		BirthDate: merit.NewDate(1975, 6, 1),
		Positions: []Held{
			{Name: "Kepala Bidang", Tier: TierAdministrator, Related: true, Start: merit.NewDate(2019, 1, 2)},
			{Name: "Kepala Seksi", Tier: TierOther, Related: true, Start: merit.NewDate(2014, 1, 2), End: merit.NewDate(2019, 1, 2)},
		},
		Sanctions: []Sanction{{Level: "RINGAN", Kind: "TEGURAN_LISAN", Date: merit.NewDate(2024, 5, 1)}},
		Predikat:  map[int]performance.Predikat{2024: performance.Baik, 2025: performance.SangatBaik},
		Extras:    map[string]bool{"lhkpn": true},
	}
}

// outcome returns the outcome of the requirement in checks.
func outcome(checks []Check, req string) Outcome {
	for _, c := range checks {
		if c.Requirement == req {
			return c.Outcome
		}
	}
	return ""
}

func TestEligibilityAllMet(t *testing.T) {
	extras := []ExtraRequirement{{Code: "lhkpn", Name: "LHKPN", Slot: SlotLHKPN}}
	checks := RequirementsFor(Pratama).Eligibility(closing, eligibleFacts(), extras)
	var reqs []string
	for _, c := range checks {
		reqs = append(reqs, c.Requirement)
		if c.Outcome != Met {
			t.Errorf("%s: got %s (%s %v), want met", c.Requirement, c.Outcome, c.Reason, c.Args)
		}
	}
	if want := []string{"education", "experience", "position", "age", "discipline", "predikat", "extra.lhkpn"}; !slices.Equal(reqs, want) {
		t.Errorf("requirements: got %v, want %v", reqs, want)
	}
	if Overall(checks) != Met {
		t.Errorf("overall: got %s", Overall(checks))
	}
	// The reasons carry the figures: 12 years 2 months 13 days in related
	// posts, age 50 on 2026-03-15.
	if got := checks[1].Args; !slices.Equal(got, []any{12, 2, 13, 5}) {
		t.Errorf("experience args: got %v", got)
	}
	if got := checks[3].Args; !slices.Equal(got, []any{50, "2026-03-15", 56}) {
		t.Errorf("age args: got %v", got)
	}
}

func TestEligibilityAge(t *testing.T) {
	tests := []struct {
		name  string
		level Level
		birth merit.Date
		want  Outcome
	}{
		{"pratama, day before the 56th birthday", Pratama, merit.NewDate(1970, 3, 16), Met},
		{"pratama, on the 56th birthday", Pratama, merit.NewDate(1970, 3, 15), Met},
		{"pratama, day after the 56th birthday", Pratama, merit.NewDate(1970, 3, 14), Met},
		{"pratama, day before the 57th birthday", Pratama, merit.NewDate(1969, 3, 16), Met},
		{"pratama, on the 57th birthday", Pratama, merit.NewDate(1969, 3, 15), NotMet},
		{"pratama, day after the 57th birthday", Pratama, merit.NewDate(1969, 3, 14), NotMet},
		{"madya, day before the 59th birthday", Madya, merit.NewDate(1967, 3, 16), Met},
		{"madya, on the 59th birthday", Madya, merit.NewDate(1967, 3, 15), NotMet},
		{"madya at 57", Madya, merit.NewDate(1969, 3, 15), Met},
		{"no birth date", Pratama, merit.Date{}, Unknown},
	}
	for _, tt := range tests {
		f := eligibleFacts()
		f.BirthDate = tt.birth
		if got := outcome(RequirementsFor(tt.level).Eligibility(closing, f, nil), "age"); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
	// Born on 29 February: 56 on 28 February 2025 is still 55; the birthday
	// counts from 1 March in a common year.
	f := eligibleFacts()
	f.BirthDate = merit.NewDate(1968, 2, 29)
	if got := outcome(RequirementsFor(Pratama).Eligibility(merit.NewDate(2025, 2, 28), f, nil), "age"); got != Met {
		t.Errorf("29 Feb birth, closing on 28 Feb of the 57th year: got %s, want met", got)
	}
	if got := outcome(RequirementsFor(Pratama).Eligibility(merit.NewDate(2025, 3, 1), f, nil), "age"); got != NotMet {
		t.Errorf("29 Feb birth, closing on 1 Mar of the 57th year: got %s, want not met", got)
	}
}

func TestEligibilityPositionHeld(t *testing.T) {
	two := merit.NewDate(2024, 3, 15) // exactly two years before the closing date
	tests := []struct {
		name  string
		level Level
		posts []Held
		want  Outcome
	}{
		{"exactly 2 years as administrator", Pratama, []Held{{Tier: TierAdministrator, Start: two}}, Met},
		{"2 years less a day", Pratama, []Held{{Tier: TierAdministrator, Start: merit.NewDate(2024, 3, 16)}}, NotMet},
		{"2 years and a day", Pratama, []Held{{Tier: TierAdministrator, Start: merit.NewDate(2024, 3, 14)}}, Met},
		{"JF ahli madya", Pratama, []Held{{Tier: TierAhliMadya, Start: two}}, Met},
		{"pengawas does not count", Pratama, []Held{{Tier: TierOther, Start: merit.NewDate(2010, 1, 1)}}, NotMet},
		{"two administrator posts, one year each", Pratama, []Held{
			{Tier: TierAdministrator, Start: two, End: merit.NewDate(2025, 3, 15)},
			{Tier: TierAdministrator, Start: merit.NewDate(2025, 3, 15)},
		}, Met},
		{"overlap counted once", Pratama, []Held{
			{Tier: TierAdministrator, Start: merit.NewDate(2024, 9, 1)},
			{Tier: TierAhliMadya, Start: merit.NewDate(2024, 9, 1)},
		}, NotMet},
		{"held before, ended", Pratama, []Held{{Tier: TierAdministrator, Start: merit.NewDate(2015, 1, 1), End: merit.NewDate(2018, 1, 1)}}, Met},
		{"a post from after the closing date", Pratama, []Held{{Tier: TierAdministrator, Start: merit.NewDate(2026, 4, 1)}}, NotMet},
		{"madya needs JPT pratama", Madya, []Held{{Tier: TierAdministrator, Start: merit.NewDate(2010, 1, 1)}}, NotMet},
		{"madya, 2 years JPT pratama", Madya, []Held{{Tier: TierJPTPratama, Start: two}}, Met},
		{"madya, JF ahli utama less a day", Madya, []Held{{Tier: TierAhliUtama, Start: merit.NewDate(2024, 3, 16)}}, NotMet},
	}
	for _, tt := range tests {
		f := eligibleFacts()
		f.Positions = tt.posts
		if got := outcome(RequirementsFor(tt.level).Eligibility(closing, f, nil), "position"); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
	f := eligibleFacts()
	f.Registry, f.Positions = false, nil
	if got := outcome(RequirementsFor(Pratama).Eligibility(closing, f, nil), "position"); got != Unknown {
		t.Errorf("applicant without posts: got %s, want unknown", got)
	}
}

func TestEligibilityExperience(t *testing.T) {
	tests := []struct {
		name  string
		level Level
		posts []Held
		want  Outcome
	}{
		{"exactly 5 years", Pratama, []Held{{Related: true, Start: merit.NewDate(2021, 3, 15)}}, Met},
		{"5 years less a day", Pratama, []Held{{Related: true, Start: merit.NewDate(2021, 3, 16)}}, NotMet},
		{"unrelated posts do not count", Pratama, []Held{{Related: false, Start: merit.NewDate(2000, 1, 1)}}, NotMet},
		{"three related posts with a gap", Pratama, []Held{
			{Related: true, Start: merit.NewDate(2010, 1, 1), End: merit.NewDate(2013, 1, 1)},
			{Related: false, Start: merit.NewDate(2013, 1, 1), End: merit.NewDate(2024, 1, 1)},
			{Related: true, Start: merit.NewDate(2024, 1, 1)},
		}, Met},
		{"madya, 7 years", Madya, []Held{{Related: true, Start: merit.NewDate(2019, 3, 15), Tier: TierJPTPratama}}, Met},
		{"madya, 6 years", Madya, []Held{{Related: true, Start: merit.NewDate(2020, 3, 15), Tier: TierJPTPratama}}, NotMet},
	}
	for _, tt := range tests {
		f := eligibleFacts()
		f.Positions = tt.posts
		if got := outcome(RequirementsFor(tt.level).Eligibility(closing, f, nil), "experience"); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestEligibilityEducationDisciplinePredikat(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Facts)
		req  string
		want Outcome
	}{
		{"S1", func(f *Facts) { f.Education = "S1" }, "education", Met},
		{"D4 counts as S1", func(f *Facts) { f.Education = "D4" }, "education", Met},
		{"D3", func(f *Facts) { f.Education = "D3" }, "education", NotMet},
		{"no education", func(f *Facts) { f.Education = "" }, "education", Unknown},
		{"sedang 5 years before, to the day", func(f *Facts) {
			f.Sanctions = []Sanction{{Level: "SEDANG", Kind: "POTONG_TUKIN_6", Date: merit.NewDate(2021, 3, 15)}}
		}, "discipline", NotMet},
		{"sedang a day more than 5 years before", func(f *Facts) {
			f.Sanctions = []Sanction{{Level: "SEDANG", Kind: "POTONG_TUKIN_6", Date: merit.NewDate(2021, 3, 14)}}
		}, "discipline", Met},
		{"berat last year", func(f *Facts) {
			f.Sanctions = []Sanction{{Level: "BERAT", Kind: "PENURUNAN_JABATAN", Date: merit.NewDate(2025, 1, 1)}}
		}, "discipline", NotMet},
		{"ringan last year", func(f *Facts) {
			f.Sanctions = []Sanction{{Level: "RINGAN", Kind: "TEGURAN_TERTULIS", Date: merit.NewDate(2025, 1, 1)}}
		}, "discipline", Met},
		{"applicant, no sanctions known", func(f *Facts) { f.Registry, f.Sanctions = false, nil }, "discipline", Unknown},
		{"registry, no sanctions", func(f *Facts) { f.Sanctions = nil }, "discipline", Met},
		{"Butuh Perbaikan in 2024", func(f *Facts) { f.Predikat[2024] = performance.ButuhPerbaikan }, "predikat", NotMet},
		{"Butuh Perbaikan in 2025", func(f *Facts) { f.Predikat[2025] = performance.ButuhPerbaikan }, "predikat", NotMet},
		{"Butuh Perbaikan in 2023 only (out of the window)", func(f *Facts) { f.Predikat[2023] = performance.ButuhPerbaikan }, "predikat", Met},
		{"legacy Cukup", func(f *Facts) { f.Predikat[2024] = performance.Cukup }, "predikat", NotMet},
		{"2025 missing", func(f *Facts) { delete(f.Predikat, 2025) }, "predikat", Unknown},
		{"2025 missing, 2024 below", func(f *Facts) { delete(f.Predikat, 2025); f.Predikat[2024] = performance.Kurang }, "predikat", NotMet},
	}
	for _, tt := range tests {
		f := eligibleFacts()
		tt.edit(&f)
		if got := outcome(RequirementsFor(Pratama).Eligibility(closing, f, nil), tt.req); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestEligibilityExtrasAndOverall(t *testing.T) {
	extras := []ExtraRequirement{{Code: "lhkpn", Name: "LHKPN"}, {Code: "spt", Name: "SPT tahunan"}, {Code: "partai", Name: "Bukan anggota partai"}}
	f := eligibleFacts()
	f.Extras = map[string]bool{"lhkpn": true, "spt": false}
	checks := RequirementsFor(Pratama).Eligibility(closing, f, extras)
	got := []Outcome{outcome(checks, "extra.lhkpn"), outcome(checks, "extra.spt"), outcome(checks, "extra.partai")}
	if !slices.Equal(got, []Outcome{Met, NotMet, Unknown}) {
		t.Errorf("extras: got %v", got)
	}
	if c := checks[len(checks)-1]; c.Reason != "selection.elig.extra_unknown" || !slices.Equal(c.Args, []any{"Bukan anggota partai"}) {
		t.Errorf("extra reason: %+v", c)
	}
	for _, tt := range []struct {
		outcomes []Outcome
		want     Outcome
	}{{nil, Met}, {[]Outcome{Met, Met}, Met}, {[]Outcome{Met, Unknown}, Unknown}, {[]Outcome{Unknown, NotMet, Met}, NotMet}} {
		var cs []Check
		for _, o := range tt.outcomes {
			cs = append(cs, Check{Outcome: o})
		}
		if got := Overall(cs); got != tt.want {
			t.Errorf("Overall(%v): got %s, want %s", tt.outcomes, got, tt.want)
		}
	}
}

func TestTierOf(t *testing.T) {
	for _, tt := range []struct {
		jenis, jenjang string
		want           Tier
	}{
		{"ADMINISTRATOR", "", TierAdministrator}, {"JF_KEAHLIAN", "AHLI_MADYA", TierAhliMadya}, {"JF_KEAHLIAN", "AHLI_MUDA", TierOther},
		{"JF_KEAHLIAN", "AHLI_UTAMA", TierAhliUtama}, {"JPT_PRATAMA", "", TierJPTPratama}, {"JPT_MADYA", "", TierJPTMadya},
		{"PENGAWAS", "", TierOther}, {"JF_KETERAMPILAN", "PENYELIA", TierOther},
	} {
		if got := TierOf(tt.jenis, tt.jenjang); got != tt.want {
			t.Errorf("TierOf(%s, %s): got %s, want %s", tt.jenis, tt.jenjang, got, tt.want)
		}
	}
}

func TestSpan(t *testing.T) {
	for _, tt := range []struct {
		from, to time.Time
		y, m, d  int
	}{
		{time.Date(2024, 3, 15, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC), 2, 0, 0},
		{time.Date(2024, 3, 16, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC), 1, 11, 27},
		{time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC), 0, 1, 12},
	} {
		if y, m, d := span(tt.from, tt.to); y != tt.y || m != tt.m || d != tt.d {
			t.Errorf("span(%s, %s): got %d %d %d, want %d %d %d", tt.from.Format(time.DateOnly), tt.to.Format(time.DateOnly), y, m, d, tt.y, tt.m, tt.d)
		}
	}
}
