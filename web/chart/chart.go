// Package chart draws the dashboard's charts as inline SVG, built on the
// server: no script, no style attributes (the content security policy forbids
// both), so colours and fonts come from the page's stylesheet through the
// classes "chart", "bar", "label" and "value".
package chart

import (
	"fmt"
	"html/template"
	"strings"
	"unicode/utf8"
)

// Bar is one bar of a chart.
type Bar struct {
	Label string // shown left of the bar, shortened when too long
	Value int    // the bar's length, relative to the largest value
	Text  string // the value as the reader writes numbers ("1.234")
	Href  string // optional link, e.g. the employee list filtered to this bar
}

// Geometry of a chart, in SVG user units (pixels at a scale of 1). The SVG
// has a viewBox and width 100%, so it scales with its container.
const (
	rowHeight = 26
	barHeight = 18
	charWidth = 7.0 // average width of a 12px glyph of the UI font
	padding   = 8
)

// HBar draws a horizontal bar chart of width units: one row per bar with the
// label on the left and the count after the bar. title names the chart for
// screen readers; each bar carries its own <title> with the full label and
// count, so shortened labels stay readable on hover and to assistive tools.
func HBar(title string, width int, bars []Bar) template.HTML {
	if len(bars) == 0 {
		return ""
	}
	maxVal, labelChars, textChars := 0, 0, 0
	for _, b := range bars {
		maxVal = max(maxVal, b.Value)
		labelChars = max(labelChars, utf8.RuneCountInString(b.Label))
		textChars = max(textChars, utf8.RuneCountInString(b.Text))
	}
	// The label column fits the longest label, up to 40% of the width.
	labelW := min(float64(labelChars)*charWidth+padding, float64(width)*0.4)
	fitChars := int((labelW - padding) / charWidth)
	valueW := float64(textChars)*charWidth + 2*padding
	barX := labelW + padding
	barMax := float64(width) - barX - valueW
	height := len(bars)*rowHeight + 4

	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="100%%" `+
		`preserveAspectRatio="xMinYMin meet" aria-label="%s"><title>%s</title>`,
		width, height, esc(title), esc(title))
	fmt.Fprintf(&b, `<line class="axis" x1="%.1f" y1="0" x2="%.1f" y2="%d"/>`, barX, barX, height)
	for i, bar := range bars {
		y := i*rowHeight + 4
		w := 0.0
		if maxVal > 0 {
			w = barMax * float64(bar.Value) / float64(maxVal)
		}
		if bar.Value > 0 && w < 2 {
			w = 2 // a small count stays visible
		}
		if bar.Href != "" {
			fmt.Fprintf(&b, `<a href="%s">`, esc(bar.Href))
		}
		fmt.Fprintf(&b, `<g><title>%s: %s</title>`, esc(bar.Label), esc(bar.Text))
		fmt.Fprintf(&b, `<rect class="row" x="0" y="%d" width="%d" height="%d"/>`, y-4, width, rowHeight)
		fmt.Fprintf(&b, `<text class="label" x="%.1f" y="%d" text-anchor="end">%s</text>`,
			labelW, y+barHeight/2+4, esc(shorten(bar.Label, fitChars)))
		fmt.Fprintf(&b, `<rect class="bar" x="%.1f" y="%d" width="%.1f" height="%d" rx="2"/>`, barX, y, w, barHeight)
		fmt.Fprintf(&b, `<text class="value" x="%.1f" y="%d">%s</text>`, barX+w+padding/2+2, y+barHeight/2+4, esc(bar.Text))
		b.WriteString(`</g>`)
		if bar.Href != "" {
			b.WriteString(`</a>`)
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// shorten cuts s to n runes, ending with an ellipsis when cut.
func shorten(s string, n int) string {
	if n < 2 || utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

func esc(s string) string { return template.HTMLEscapeString(s) }
