package chart

import (
	"encoding/xml"
	"strings"
	"testing"
)

func TestRadar(t *testing.T) {
	labels := []string{"Integritas", "Kerjasama", "Komunikasi", "Orientasi pada Hasil", "Perekat <Bangsa>"}
	svg := string(Radar("Gap kompetensi", 400, 5, labels, []Series{
		{Name: "Standar", Class: "required", Values: []int{3, 3, 3, 3, 3}},
		{Name: "Aktual", Class: "actual", Values: []int{4, 2, 3}},
	}))
	// Well-formed XML, no script and no style attribute (CSP).
	if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, svg)
	}
	for _, bad := range []string{"<script", "style="} {
		if strings.Contains(svg, bad) {
			t.Errorf("chart contains %q", bad)
		}
	}
	// Five rings, five spokes, two polygons with five points each, labels escaped.
	if got := strings.Count(svg, `class="ring"`); got != 5 {
		t.Errorf("rings: got %d, want 5", got)
	}
	if got := strings.Count(svg, `class="spoke"`); got != 5 {
		t.Errorf("spokes: got %d, want 5", got)
	}
	if got := strings.Count(svg, `<circle class="point"`); got != 10 {
		t.Errorf("points: got %d, want 10", got)
	}
	if !strings.Contains(svg, "Perekat &lt;Bangsa&gt;") || !strings.Contains(svg, "Aktual – Perekat &lt;Bangsa&gt;: 0") {
		t.Errorf("labels not escaped or missing values count as 0:\n%s", svg)
	}
	// The first axis points straight up: level 5 of axis 0 is at the top ring.
	if !strings.Contains(svg, `<line class="spoke" x1="200.0" y1="200.0" x2="200.0" y2="95.0"/>`) {
		t.Errorf("first spoke not vertical:\n%s", svg)
	}
	if Radar("x", 400, 5, labels[:2], nil) != "" {
		t.Error("two axes: want no chart")
	}
}
