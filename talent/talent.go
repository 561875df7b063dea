// Package talent holds the rules of ASN talent management (regulations.md
// §4, PermenPANRB 3/2020): the two axes of the talent review (kinerja and
// potensial), their thresholds, the 9-box with its numbering schemes, the
// recommended actions of each box, and the placement of one employee with
// an explanation, point by point, of how it was computed.
//
// Everything an agency may set is data in a versioned RuleSet, because the
// regulation leaves the composition of the potential axis, the weights and
// the thresholds to each instansi (§4.4) and two numbering schemes are in
// use (§4.2). It is pure Go: the store (package sqldb) reads the inputs and
// keeps reviews, placements and calibration; web and API only translate.
package talent

import (
	"fmt"
	"strconv"
)

// Level is a position on one axis: Low, Medium or High. On the kinerja axis
// they read di bawah / sesuai / di atas ekspektasi, on the potensial axis
// rendah / menengah / tinggi.
type Level uint8

// The three levels of an axis, lowest first.
const (
	Low Level = iota
	Medium
	High
)

// Levels lists the levels lowest first.
var Levels = [3]Level{Low, Medium, High}

var levelCodes = [3]string{"LOW", "MEDIUM", "HIGH"}

// String returns the level's stable code (LOW, MEDIUM, HIGH), used in the
// API, exports and i18n keys ("talent.perf.LOW", "talent.pot.LOW").
func (l Level) String() string {
	if int(l) < len(levelCodes) {
		return levelCodes[l]
	}
	return "LEVEL(" + strconv.Itoa(int(l)) + ")"
}

// MarshalText writes the level's code, so JSON carries "HIGH", not 2.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText reads a level's code.
func (l *Level) UnmarshalText(b []byte) error {
	v, ok := ParseLevel(string(b))
	if !ok {
		return fmt.Errorf("talent.Level: unknown level %q", b)
	}
	*l = v
	return nil
}

// ParseLevel reads a level's code.
func ParseLevel(s string) (Level, bool) {
	for i, c := range levelCodes {
		if c == s {
			return Level(i), true
		}
	}
	return 0, false
}

// Cell is one of the nine cells of the grid, named by its two levels. The
// cell is the meaning; the box number depends on the scheme.
type Cell struct {
	Performance Level `json:"performance"` // kinerja, the rows (Y)
	Potential   Level `json:"potential"`   // potensial, the columns (X)
}

// Scheme is a numbering of the nine boxes.
type Scheme string

// The two numbering schemes of regulations.md §4.2.
const (
	// SchemePermenPANRB is the numbering of PermenPANRB 3/2020 as public
	// talent apps encode it: 1 = below/low, 9 = above/high, the default.
	SchemePermenPANRB Scheme = "PERMENPANRB_3_2020"
	// SchemeKemenkeu is the Kemenkeu numbering ("box_kemenkeu").
	SchemeKemenkeu Scheme = "KEMENKEU"
)

// Schemes lists the numbering schemes, the default first.
var Schemes = []Scheme{SchemePermenPANRB, SchemeKemenkeu}

// numbering[scheme][performance][potential] is the box number.
var numbering = map[Scheme][3][3]int{
	SchemePermenPANRB: {
		{1, 3, 6}, // kinerja di bawah ekspektasi: potensial rendah, menengah, tinggi
		{2, 5, 8}, // sesuai ekspektasi
		{4, 7, 9}, // di atas ekspektasi
	},
	SchemeKemenkeu: {
		{1, 2, 3},
		{4, 6, 7},
		{5, 8, 9},
	},
}

// Valid reports whether s is a known scheme.
func (s Scheme) Valid() bool { _, ok := numbering[s]; return ok }

// Box returns the number (1–9) of a cell under the scheme; 0 for an
// unknown scheme.
func (s Scheme) Box(c Cell) int {
	n, ok := numbering[s]
	if !ok || c.Performance > High || c.Potential > High {
		return 0
	}
	return n[c.Performance][c.Potential]
}

// Cell returns the cell numbered box under the scheme; ok is false when
// there is none.
func (s Scheme) Cell(box int) (Cell, bool) {
	for _, p := range Levels {
		for _, q := range Levels {
			if c := (Cell{p, q}); s.Box(c) == box {
				return c, true
			}
		}
	}
	return Cell{}, false
}

// Action is a recommended action for the people of a box (§4.2 table); the
// code is the suffix of its i18n key "talent.action.<code>".
type Action string

// The recommended actions of regulations.md §4.2.
const (
	ActPromote       Action = "PROMOTE"        // dipromosikan
	ActRetain        Action = "RETAIN"         // dipertahankan
	ActSuccessionNat Action = "SUCCESSION_NAT" // masuk kelompok rencana suksesi instansi/nasional
	ActSuccession    Action = "SUCCESSION"     // masuk kelompok rencana suksesi instansi
	ActAward         Action = "AWARD"          // penghargaan
	ActRotateExpand  Action = "ROTATE_EXPAND"  // rotasi/perluasan jabatan
	ActRotateEnrich  Action = "ROTATE_ENRICH"  // rotasi/pengayaan jabatan
	ActRotate        Action = "ROTATE"         // rotasi
	ActCoaching      Action = "COACHING"       // bimbingan kinerja
	ActCounseling    Action = "COUNSELING"     // konseling kinerja
	ActDevelop       Action = "DEVELOP"        // pengembangan kompetensi
	ActStudy         Action = "STUDY"          // tugas belajar
	ActPlace         Action = "PLACE"          // penempatan yang sesuai
	ActRegulation    Action = "REGULATION"     // diproses sesuai ketentuan peraturan perundangan
)

// Actions gives the recommended actions of each cell, indexed
// [performance][potential], exactly as the §4.2 table lists them for the
// box of that meaning. They belong to the cell, not to the number, so the
// Kemenkeu numbering recommends the same for the same meaning.
type Actions [3][3][]Action

// DefaultActions is the §4.2 table.
var DefaultActions = Actions{
	{ // kinerja di bawah ekspektasi
		{ActRegulation}, // box 1
		{ActCoaching, ActCounseling, ActDevelop, ActPlace}, // box 3
		{ActPlace, ActCoaching, ActCounseling},             // box 6
	},
	{ // sesuai ekspektasi
		{ActCoaching, ActDevelop, ActPlace},                      // box 2
		{ActPlace, ActCoaching, ActDevelop},                      // box 5
		{ActRetain, ActSuccession, ActRotateExpand, ActCoaching}, // box 8
	},
	{ // di atas ekspektasi
		{ActRotate, ActDevelop}, // box 4
		{ActRetain, ActSuccession, ActRotateEnrich, ActDevelop, ActStudy}, // box 7
		{ActPromote, ActRetain, ActSuccessionNat, ActAward},               // box 9
	},
}

// Of returns the actions of a cell.
func (a *Actions) Of(c Cell) []Action {
	if c.Performance > High || c.Potential > High {
		return nil
	}
	return a[c.Performance][c.Potential]
}
