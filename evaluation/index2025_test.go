package evaluation

import (
	"slices"
	"testing"

	"merit"
)

func TestPANRB2025Seed(t *testing.T) {
	in := Seed(InstrumentPANRB2025)
	if in == nil || in.Survey == nil {
		t.Fatal("no 2025 seed with a survey component")
	}
	if len(in.Aspects) != 8 || in.MinLevel != 1 || in.MaxLevel != 5 || !in.Unverified || !in.Survey.Unverified {
		t.Errorf("aspects %d, levels %d-%d, unverified %t/%t; want 8, 1-5, flagged", len(in.Aspects), in.MinLevel, in.MaxLevel, in.Unverified, in.Survey.Unverified)
	}
	var bands []string
	for _, c := range in.Categories {
		bands = append(bands, c.Label)
	}
	if !slices.Equal(bands, []string{"Dasar", "Lanjutan", "Menengah", "Tinggi", "Maju"}) {
		t.Errorf("bands = %q", bands)
	}
	var digital Score
	for _, ind := range in.Aspects[7].Indicators {
		digital += ind.Weight
	}
	if digital != Points(10) {
		t.Errorf("digitalisasi weighs %s, want 10 (§1.7)", digital)
	}
}

func TestIndex2025(t *testing.T) {
	in := Seed(InstrumentPANRB2025)
	for _, tc := range []struct {
		name       string
		levels     Levels
		survey     string
		violations int
		want, band string
	}{
		{"all level 4, full survey", uniform(in, 4), "1", 0, "1", "tinggi"},
		{"all level 5 goes beyond 1", uniform(in, 5), "1", 0, "1.1875", "maju"},
		{"all level 1, empty survey", uniform(in, 1), "0", 0, "0.1875", "dasar"},
		{"all level 3, survey 0.8", uniform(in, 3), "0.8", 0, "0.7625", "menengah"},
		{"two violations take 10 %", uniform(in, 3), "0.8", 2, "0.6863", "menengah"},
		{"many violations floor at 0", uniform(in, 5), "1", 25, "0", "dasar"},
		{"mixed levels: maturity 260/400", mixed(in), "0.6", 0, "0.6375", "menengah"},
	} {
		r, err := in.Index(tc.levels, mustScore(t, tc.survey), tc.violations)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if r.Total.String() != tc.want || r.Category.Code != tc.band {
			t.Errorf("%s: index %s %s, want %s %s", tc.name, r.Total, r.Category.Code, tc.want, tc.band)
		}
	}
	for _, tc := range []struct{ score, band string }{
		{"0", "dasar"}, {"0.4", "dasar"}, {"0.4001", "lanjutan"}, {"0.6", "lanjutan"}, {"0.6001", "menengah"},
		{"0.8", "menengah"}, {"0.8001", "tinggi"}, {"1", "tinggi"}, {"1.0001", "maju"},
	} {
		if c, _ := in.Category(mustScore(t, tc.score)); c.Code != tc.band {
			t.Errorf("band(%s) = %s, want %s", tc.score, c.Code, tc.band)
		}
	}
}

// mixed gives aspect i the level 1 + i%5: a spread profile.
func mixed(in *Instrument) Levels {
	out := Levels{}
	for i, a := range in.Aspects {
		for _, ind := range a.Indicators {
			out[ind.Code] = 1 + i%5
		}
	}
	return out
}

func TestIndex2025Errors(t *testing.T) {
	in := Seed(InstrumentPANRB2025)
	if _, err := in.Index(uniform(in, 3), mustScore(t, "1.5"), 0); !slices.Contains(fieldsOf(err), "surveyScore=field.range") {
		t.Errorf("survey 1.5: %v", err)
	}
	if _, err := in.Index(uniform(in, 3), 0, -1); !slices.Contains(fieldsOf(err), "violations=field.range") {
		t.Errorf("violations -1: %v", err)
	}
	kasn := Seed(InstrumentKASN2018)
	if _, err := kasn.Index(uniform(kasn, 3), 0, 0); merit.KindOf(err) != merit.KindInvalid {
		t.Errorf("KASN has no index: %v", err)
	}
}
