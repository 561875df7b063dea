package chart

import (
	"strings"
	"testing"
)

func TestHBar(t *testing.T) {
	svg := string(HBar("Menurut golongan", 560, []Bar{
		{Label: "III/a", Value: 1000, Text: "1.000", Href: "/a/x/pegawai?golongan=III%2Fa"},
		{Label: "Dinas Kependudukan dan Pencatatan Sipil Kota <Magelang>", Value: 1, Text: "1"},
		{Label: "IV/e", Value: 0, Text: "0"},
	}))
	for _, want := range []string{
		`<svg class="chart"`, `viewBox="0 0 560 82"`, `aria-label="Menurut golongan"`, `<title>Menurut golongan</title>`,
		`<a href="/a/x/pegawai?golongan=III%2Fa">`, `<title>III/a: 1.000</title>`,
		// The long label is escaped in full in its title and shortened on the chart.
		`<title>Dinas Kependudukan dan Pencatatan Sipil Kota &lt;Magelang&gt;: 1</title>`, `…</text>`,
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("chart lacks %s:\n%s", want, svg)
		}
	}
	if strings.Contains(svg, "style=") || strings.Contains(svg, "<Magelang>") {
		t.Errorf("chart has a style attribute or unescaped text:\n%s", svg)
	}
	// Widths: the largest bar fills the bar area; a count of 1 is still
	// visible; 0 draws nothing.
	if n := strings.Count(svg, `class="bar"`); n != 3 {
		t.Errorf("%d bars, want 3", n)
	}
	if !strings.Contains(svg, `width="0.0" height="18"`) || !strings.Contains(svg, `width="2.0" height="18"`) {
		t.Errorf("zero or small bars drawn wrong:\n%s", svg)
	}
	if HBar("empty", 560, nil) != "" {
		t.Errorf("a chart without bars is drawn")
	}
}
