package chart

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Series is one polygon of a radar chart: a value per axis.
type Series struct {
	Name   string // shown in the legend and each point's <title>
	Class  string // CSS class of the polygon, e.g. "required" or "actual"
	Values []int  // one per axis, 0..the chart's maximum
}

// Radar draws a spider (radar) chart of size×size units: one axis per label
// from the centre, rings at every whole step up to maxVal, and one closed
// polygon per series. Used for a competency gap: the levels a position
// requires against the levels an employee has, one axis per competency.
// Like HBar it is plain SVG with classes ("radar", "ring", "spoke",
// "series <Class>", "point <Class>", "label"), no script, no style
// attributes, so the strict content security policy holds. Fewer than three
// axes make no polygon: the chart is then empty.
func Radar(title string, size, maxVal int, labels []string, series []Series) template.HTML {
	n := len(labels)
	if n < 3 || maxVal <= 0 {
		return ""
	}
	// Room around the rings for the axis labels.
	const margin = 95
	c := float64(size) / 2
	radius := c - margin
	point := func(axis int, v float64) (float64, float64) {
		angle := -math.Pi/2 + 2*math.Pi*float64(axis)/float64(n)
		r := radius * v / float64(maxVal)
		return c + r*math.Cos(angle), c + r*math.Sin(angle)
	}
	legendH := 20 * len(series)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart radar" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="100%%" `+
		`preserveAspectRatio="xMidYMin meet" role="img" aria-label="%s"><title>%s</title>`, size, size+legendH, esc(title), esc(title))
	for ring := 1; ring <= maxVal; ring++ {
		b.WriteString(`<polygon class="ring" points="`)
		for i := range n {
			x, y := point(i, float64(ring))
			fmt.Fprintf(&b, "%.1f,%.1f ", x, y)
		}
		b.WriteString(`"/>`)
		x, y := point(0, float64(ring))
		fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%.1f">%d</text>`, x+3, y-2, ring)
	}
	for i, label := range labels {
		x, y := point(i, float64(maxVal))
		fmt.Fprintf(&b, `<line class="spoke" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/>`, c, c, x, y)
		lx, ly := point(i, float64(maxVal)*1.08)
		anchor := "middle"
		switch {
		case lx < c-1:
			anchor = "end"
		case lx > c+1:
			anchor = "start"
		}
		if ly > c {
			ly += 10
		}
		fmt.Fprintf(&b, `<text class="label" x="%.1f" y="%.1f" text-anchor="%s"><title>%s</title>%s</text>`,
			lx, ly, anchor, esc(label), esc(shorten(label, 18)))
	}
	for _, s := range series {
		fmt.Fprintf(&b, `<g class="series %s"><polygon points="`, esc(s.Class))
		for i := range n {
			x, y := point(i, float64(valueAt(s.Values, i)))
			fmt.Fprintf(&b, "%.1f,%.1f ", x, y)
		}
		b.WriteString(`"/>`)
		for i := range n {
			x, y := point(i, float64(valueAt(s.Values, i)))
			fmt.Fprintf(&b, `<circle class="point" cx="%.1f" cy="%.1f" r="3.5"><title>%s – %s: %d</title></circle>`,
				x, y, esc(s.Name), esc(labels[i]), valueAt(s.Values, i))
		}
		b.WriteString(`</g>`)
	}
	for i, s := range series {
		y := size + 20*i + 6
		fmt.Fprintf(&b, `<g class="series %s"><rect class="swatch" x="%d" y="%d" width="14" height="10"/></g>`, esc(s.Class), size/2-80, y)
		fmt.Fprintf(&b, `<text class="legend" x="%d" y="%d">%s</text>`, size/2-60, y+9, esc(s.Name))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func valueAt(vs []int, i int) int {
	if i < len(vs) {
		return vs[i]
	}
	return 0
}
