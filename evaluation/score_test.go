package evaluation

import (
	"encoding/json"
	"testing"
)

func TestScoreParseString(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Score
		str  string
	}{
		{"331.5", 3315000, "331.5"},
		{"331,5", 3315000, "331.5"},
		{"273", 2730000, "273"},
		{"0.6225", 6225, "0.6225"},
		{"-2.25", -22500, "-2.25"},
		{"0", 0, "0"},
		{" 83.70 ", 837000, "83.7"},
		{"0.0001", 1, "0.0001"},
	} {
		got, err := ParseScore(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseScore(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
			continue
		}
		if got.String() != tc.str {
			t.Errorf("%q: String() = %q, want %q", tc.in, got.String(), tc.str)
		}
	}
	for _, bad := range []string{"", "-", ".5", "5.", "1.23456", "1e3", "abc", "1.2.3", "0x10", "+1", "1 000"} {
		if _, err := ParseScore(bad); err == nil {
			t.Errorf("ParseScore(%q): no error", bad)
		}
	}
}

func TestScoreArithmetic(t *testing.T) {
	for _, tc := range []struct {
		name string
		got  Score
		want string
	}{
		{"half plus half", Halves(1) + Halves(1), "1"},
		{"weight times level", Halves(7).MulInt(4), "14"},
		{"0.75 × 0.83", mustScore(t, "0.75").Mul(mustScore(t, "0.83")), "0.6225"},
		{"0.75 × 0.8333 rounds half up", mustScore(t, "0.75").Mul(mustScore(t, "0.8333")), "0.625"},
		{"negative rounds away from zero", mustScore(t, "-0.75").Mul(mustScore(t, "0.8333")), "-0.625"},
		{"331.5 / 400 rounds half up", Halves(663).DivInt(400), "0.8288"},
		{"third", One.DivInt(3), "0.3333"},
		{"two thirds", Points(2).DivInt(3), "0.6667"},
		{"points", Points(100), "100"},
	} {
		if tc.got.String() != tc.want {
			t.Errorf("%s: got %s, want %s", tc.name, tc.got, tc.want)
		}
	}
	// 0.1 added ten times is exactly 1: the reason for fixed point.
	var s Score
	for range 10 {
		s += mustScore(t, "0.1")
	}
	if s != One {
		t.Errorf("0.1 × 10 = %s, want 1", s)
	}
}

func TestScoreJSON(t *testing.T) {
	b, err := json.Marshal(struct{ S Score }{Halves(663)})
	if err != nil || string(b) != `{"S":"331.5"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	for _, in := range []string{`{"S":"331.5"}`, `{"S":331.5}`, `{"S":"331,5"}`} {
		var v struct{ S Score }
		if err := json.Unmarshal([]byte(in), &v); err != nil || v.S != Halves(663) {
			t.Errorf("Unmarshal(%s) = %s, %v", in, v.S, err)
		}
	}
	var v struct{ S Score }
	if err := json.Unmarshal([]byte(`{"S":1e2}`), &v); err == nil {
		t.Errorf("Unmarshal(1e2): no error")
	}
}

func mustScore(t testing.TB, s string) Score {
	t.Helper()
	v, err := ParseScore(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// FuzzParseScore: whatever parses prints back to a text that parses to the
// same score.
func FuzzParseScore(f *testing.F) {
	for _, s := range []string{"331.5", "0,6225", "-2.25", "0", "999999999999.9999", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseScore(s)
		if err != nil {
			return
		}
		back, err := ParseScore(v.String())
		if err != nil || back != v {
			t.Fatalf("%q → %d → %q → %d, %v", s, v, v.String(), back, err)
		}
	})
}
