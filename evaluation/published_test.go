package evaluation

import (
	"strconv"
	"testing"
)

// TestPublishedResults: the published totals of regulations.md §1.8 come out
// exactly on the shipped KASN instrument, with their categories.
func TestPublishedResults(t *testing.T) {
	in := Seed(InstrumentKASN2018)
	want := map[string]string{
		"kota-magelang 2021":  "149.5 buruk",
		"kota-magelang 2022":  "273 baik",
		"kota-magelang 2023":  "337.5 sangat-baik",
		"kota-pontianak 2023": "331.5 sangat-baik",
		"kota-malang 2021":    "baik",
	}
	got := PublishedResults()
	if len(got) != len(want) {
		t.Fatalf("%d published results, want %d", len(got), len(want))
	}
	for _, p := range got {
		key := p.AgencyCode + " " + strconv.Itoa(p.Year)
		r, err := in.Result(p.Levels)
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		line := r.Total.String() + " " + r.Category.Code
		if p.Total == 0 {
			line = r.Category.Code
		} else if r.Total != p.Total {
			t.Errorf("%s: total %s, published %s", key, r.Total, p.Total)
		}
		if line != want[key] || r.Category.Code != p.Category {
			t.Errorf("%s: got %q, want %q", key, line, want[key])
		}
	}
}
