package performance

import "testing"

// The parsers of the SKP import take whatever a spreadsheet holds: they must
// never panic, and what they accept must be valid and read back the same.
func FuzzParseHundredths(f *testing.F) {
	for _, s := range []string{"87,5", "120", "-0.01", ".5", "1.", "", "1e3", "99999999999999999999", "0.001", "١٢"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		h, err := ParseHundredths(s)
		if err != nil {
			return
		}
		back, err := ParseHundredths(h.String())
		if err != nil || back != h {
			t.Errorf("ParseHundredths(%q) = %d, its String %q reads back as %d, %v", s, h, h.String(), back, err)
		}
	})
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"TAHUNAN", "Triwulan 2", "tw4", "Q1", "B07", "Bulan 12", "3", "13", "TW", "bulan", "B-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, ok := ParsePeriod(s)
		if !ok {
			return
		}
		if !p.Valid() || p.Months() == 0 {
			t.Errorf("ParsePeriod(%q) = %q, not a valid period", s, p)
		}
		if back, ok := ParsePeriod(string(p)); !ok || back != p {
			t.Errorf("ParsePeriod(%q) = %q reads back as %q %v", s, p, back, ok)
		}
		from, to := p.Range(2024)
		if from.IsZero() || to.Before(from) {
			t.Errorf("%q: range %s..%s", p, from, to)
		}
	})
}

func FuzzParseRatingAndPredikat(f *testing.F) {
	for _, s := range []string{"Di atas ekspektasi", "2", "sesuai", "di_bawah", "Kurang/Misconduct", "Sangat Baik", "cukup", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if r, ok := ParseRating(s); ok && !r.Valid() {
			t.Errorf("ParseRating(%q) = %q, not valid", s, r)
		}
		if p, ok := ParsePredikat(s); ok && !p.Valid() && p != Cukup {
			t.Errorf("ParsePredikat(%q) = %q, not a predikat or band", s, p)
		}
	})
}
