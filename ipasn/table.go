// Package ipasn computes the Indeks Profesionalitas ASN (IP ASN,
// PermenPANRB 38/2018 and Peraturan BKN 8/2019; regulations.md §3) of one
// employee from plain inputs: education, diklat, SKP and discipline. It is
// pure Go: the store feeds it and keeps its results.
//
// Points are fixed-point hundredths (type Points), so 22.5 + 17.5 is exactly
// 40 and the category boundaries of §3.4 (80.00 is Sedang, 80.01 is Tinggi)
// are integer comparisons: no float rounding anywhere.
//
// The scoring tables are data (type Table), versioned, each row carrying its
// legal basis and whether regulations.md confirms it ([C]) or only makes it
// probable ([P]) or inferred ([I]): those rows are Unverified and the pages
// say so.
package ipasn

import (
	"strconv"
	"strings"

	"merit"
)

// Points is a score in hundredths of a point: 2250 is 22.5 points.
type Points int32

// Pts converts whole points to Points.
func Pts(whole int) Points { return Points(whole * 100) }

// String formats the points with up to two decimals and a dot: "22.5", "80",
// "80.01". Pages format them per language with Float.
func (p Points) String() string {
	s := strconv.FormatFloat(p.Float(), 'f', 2, 64)
	for s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	if s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	return s
}

// Float returns the points as a float64, for display and averages only.
func (p Points) Float() float64 { return float64(p) / 100 }

// Tag is regulations.md's confidence tag of a rule.
type Tag string

// The confidence tags of regulations.md.
const (
	Confirmed Tag = "C" // the rule text or an official source was read
	Probable  Tag = "P" // secondary sources agree; the regulation text was not read
	Inferred  Tag = "I" // inferred; a default to check before go-live
)

// Basis is where a table row comes from.
type Basis struct {
	Source string `json:"source"` // legal basis or the source that gives the row
	Tag    Tag    `json:"tag"`
}

// Unverified reports whether the row is not confirmed by the regulation
// text ([P] or [I]) and must be checked against Lampiran Peraturan BKN 8/2019.
func (b Basis) Unverified() bool { return b.Tag != Confirmed }

// Dimension names, in the order of §3.2.
const (
	Kualifikasi = "kualifikasi"
	Kompetensi  = "kompetensi"
	Kinerja     = "kinerja"
	Disiplin    = "disiplin"
)

// Dimensions lists the four dimensions in display order.
var Dimensions = []string{Kualifikasi, Kompetensi, Kinerja, Disiplin}

// Weight is a dimension's maximum points (its weight, §3.2).
type Weight struct {
	Dimension string `json:"dimension"`
	Max       Points `json:"max"`
	Basis
}

// EducationRow gives the points for the listed tingkat pendidikan codes
// (reference table pendidikan).
type EducationRow struct {
	Levels []string `json:"levels"`
	Points Points   `json:"points"`
	Basis
}

// Group is the column of the kompetensi table an employee falls in.
type Group int

// The columns of the kompetensi table (§3.3).
const (
	Managerial Group = iota // JPT, Administrator, Pengawas
	Functional              // JF keahlian and keterampilan
	Executor                // Pelaksana, and anyone without a position
)

// GroupNames are the stable names of the groups, for storage and i18n keys.
var GroupNames = [...]string{"managerial", "functional", "executor"}

// GroupOf returns the kompetensi column of a jenis jabatan code (reference
// jenis_jabatan).
func GroupOf(jenis string) Group {
	switch jenis {
	case "JPT_UTAMA", "JPT_MADYA", "JPT_PRATAMA", "ADMINISTRATOR", "PENGAWAS":
		return Managerial
	case "JF_KEAHLIAN", "JF_KETERAMPILAN":
		return Functional
	}
	return Executor
}

// Diklat kinds (reference jenis_diklat) the kompetensi table scores.
const (
	DiklatKepemimpinan = "KEPEMIMPINAN"
	DiklatFungsional   = "FUNGSIONAL"
	DiklatTeknis       = "TEKNIS"
	DiklatSeminar      = "SEMINAR"
)

// CompetencyRow is one indicator of the kompetensi table: the diklat kind it
// counts, the points per column, the minimum JP and how recent the diklat
// must be (WithinYears, 0 for any time), per column.
type CompetencyRow struct {
	Kind        string    `json:"kind"`
	Points      [3]Points `json:"points"`
	MinHours    int       `json:"minHours"`
	WithinYears [3]int    `json:"withinYears"`
	// MatchLevel: a leadership diklat counts only at the level of the
	// employee's post or above (PIM IV/PKP for Pengawas ...).
	MatchLevel bool `json:"matchLevel"`
	Basis
}

// KinerjaBand gives the points for a legacy numeric nilai SKP up to Upto
// (inclusive, in hundredths); the last band has no upper bound.
type KinerjaBand struct {
	Upto   Points `json:"upto"`
	Points Points `json:"points"`
	Basis
}

// Predikat kinerja codes (PermenPANRB 6/2022, regulations.md §6.1).
const (
	PredikatSangatBaik     = "SANGAT_BAIK"
	PredikatBaik           = "BAIK"
	PredikatButuhPerbaikan = "BUTUH_PERBAIKAN"
	PredikatKurang         = "KURANG"
	PredikatSangatKurang   = "SANGAT_KURANG"
)

// PredikatRow gives the points for an annual predikat kinerja.
type PredikatRow struct {
	Predikat string `json:"predikat"`
	Points   Points `json:"points"`
	Basis
}

// Tingkat hukuman disiplin codes (reference tingkat_hukdis, PP 94/2021).
const (
	HukdisNone   = ""
	HukdisRingan = "RINGAN"
	HukdisSedang = "SEDANG"
	HukdisBerat  = "BERAT"
)

// DisiplinRow gives the points for the worst tingkat in the window ("" for
// none).
type DisiplinRow struct {
	Tingkat string `json:"tingkat"`
	Points  Points `json:"points"`
	Basis
}

// Category codes of §3.4.
const (
	SangatTinggi = "SANGAT_TINGGI"
	Tinggi       = "TINGGI"
	Sedang       = "SEDANG"
	Rendah       = "RENDAH"
	SangatRendah = "SANGAT_RENDAH"
)

// CategoryRow is a category and its exclusive lower bound: a total above
// Above (in hundredths) is at least this category. The last row has the
// lowest bound and catches everything else.
type CategoryRow struct {
	Code  string `json:"code"`
	Above Points `json:"above"`
	Basis
}

// Table is one version of the IP ASN scoring rules. Results record the
// version they were computed with, so a change of rules is a new version
// and old results still say what they used.
type Table struct {
	Version    string         `json:"version"`
	ValidFrom  merit.Date     `json:"validFrom"`
	LegalBasis string         `json:"legalBasis"`
	Weights    []Weight       `json:"weights"`
	Education  []EducationRow `json:"education"`
	// Competency rows are applied in order; their sum is capped at the
	// kompetensi weight.
	Competency []CompetencyRow `json:"competency"`
	// KinerjaBands are in increasing Upto; Predikat maps post-2022 SKP.
	KinerjaBands []KinerjaBand `json:"kinerjaBands"`
	Predikat     []PredikatRow `json:"predikat"`
	// DisiplinYears is how far back hukuman disiplin count.
	DisiplinYears int           `json:"disiplinYears"`
	Disiplin      []DisiplinRow `json:"disiplin"`
	// Categories are in decreasing Above.
	Categories []CategoryRow `json:"categories"`
}

// Max returns a dimension's maximum points.
func (t *Table) Max(dim string) Points {
	for _, w := range t.Weights {
		if w.Dimension == dim {
			return w.Max
		}
	}
	return 0
}

// Unverified reports whether any row of the table is not confirmed.
func (t *Table) Unverified() bool {
	for _, w := range t.Weights {
		if w.Unverified() {
			return true
		}
	}
	return false
}

// Sources of the rows of V2019, as regulations.md §3 cites them.
const (
	srcLelemuku = "Peraturan BKN 8/2019 (lelemuku.com summary)"
	srcSimpeg   = "Peraturan BKN 8/2019 as implemented by a production BKPPD SIMPEG (public code)"
	srcKontan   = "Peraturan BKN 8/2019 (kontan.co.id)"
	srcInferred = "PermenPANRB 6/2022 predikat mapped onto the numeric bands (inferred, not confirmed by BKN)"
)

// V2019 is the table of PermenPANRB 38/2018 and Peraturan BKN 8/2019 as
// regulations.md §3 gives it, with its tags.
var V2019 = &Table{
	Version:    "perban-8-2019.1",
	ValidFrom:  merit.NewDate(2019, 5, 15),
	LegalBasis: "PermenPANRB 38/2018; Peraturan BKN 8/2019",
	Weights: []Weight{
		{Kualifikasi, Pts(25), Basis{srcLelemuku, Confirmed}},
		{Kompetensi, Pts(40), Basis{srcSimpeg, Probable}},
		{Kinerja, Pts(30), Basis{srcSimpeg, Probable}},
		{Disiplin, Pts(5), Basis{srcSimpeg, Probable}},
	},
	Education: []EducationRow{
		{[]string{"S3"}, Pts(25), Basis{srcLelemuku, Confirmed}},
		{[]string{"S2"}, Pts(20), Basis{srcLelemuku, Confirmed}},
		{[]string{"S1", "D4"}, Pts(15), Basis{srcSimpeg, Probable}},
		{[]string{"D3"}, Pts(10), Basis{srcSimpeg, Probable}},
		{[]string{"D2", "D1", "SMA"}, Pts(5), Basis{srcSimpeg, Probable}},
		{[]string{"SMP", "SD"}, Pts(1), Basis{srcSimpeg, Probable}},
	},
	Competency: []CompetencyRow{
		{Kind: DiklatKepemimpinan, Points: [3]Points{Pts(15), 0, 0}, MatchLevel: true, Basis: Basis{srcSimpeg, Probable}},
		{Kind: DiklatFungsional, Points: [3]Points{0, Pts(15), 0}, Basis: Basis{srcSimpeg, Probable}},
		{Kind: DiklatTeknis, Points: [3]Points{Pts(15), Pts(15), 2250}, MinHours: 20, WithinYears: [3]int{0, 0, 1},
			Basis: Basis{srcSimpeg, Probable}},
		{Kind: DiklatSeminar, Points: [3]Points{Pts(10), Pts(10), 1750}, WithinYears: [3]int{2, 2, 2},
			Basis: Basis{srcSimpeg, Probable}},
	},
	KinerjaBands: []KinerjaBand{
		{Pts(50), Pts(1), Basis{srcSimpeg, Probable}},
		{Pts(60), Pts(5), Basis{srcSimpeg, Probable}},
		{Pts(75), Pts(15), Basis{srcSimpeg, Probable}},
		{Pts(90), Pts(25), Basis{srcSimpeg, Probable}},
		{-1, Pts(30), Basis{srcSimpeg, Probable}},
	},
	Predikat: []PredikatRow{
		{PredikatSangatBaik, Pts(30), Basis{srcInferred, Inferred}},
		{PredikatBaik, Pts(25), Basis{srcInferred, Inferred}},
		{PredikatButuhPerbaikan, Pts(15), Basis{srcInferred, Inferred}},
		{PredikatKurang, Pts(5), Basis{srcInferred, Inferred}},
		{PredikatSangatKurang, Pts(1), Basis{srcInferred, Inferred}},
	},
	DisiplinYears: 5,
	Disiplin: []DisiplinRow{
		{HukdisNone, Pts(5), Basis{srcSimpeg, Probable}},
		{HukdisRingan, Pts(3), Basis{srcSimpeg, Probable}},
		{HukdisSedang, Pts(2), Basis{srcSimpeg, Probable}},
		{HukdisBerat, Pts(1), Basis{srcSimpeg, Probable}},
	},
	Categories: []CategoryRow{
		{SangatTinggi, Pts(90), Basis{srcKontan, Confirmed}},
		{Tinggi, Pts(80), Basis{srcKontan, Confirmed}},
		{Sedang, Pts(70), Basis{srcKontan, Confirmed}},
		{Rendah, Pts(60), Basis{srcKontan, Confirmed}},
		{SangatRendah, -1, Basis{srcKontan, Confirmed}},
	},
}

// Current is the table new computations use.
var Current = V2019

// Tables lists every version, newest first, so stored results can name theirs.
var Tables = []*Table{V2019}

// TableByVersion returns the table of a stored version, or nil.
func TableByVersion(v string) *Table {
	for _, t := range Tables {
		if t.Version == v {
			return t
		}
	}
	return nil
}

// ParsePoints reads points as written in a SIASN export or a spreadsheet:
// "22.5", "22,5", "80", "80.01". More than two decimals, a negative or an
// unreadable number is not points.
func ParsePoints(s string) (Points, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", ".")
	whole, frac, dot := strings.Cut(s, ".")
	if whole == "" || len(frac) > 2 || dot && frac == "" {
		return 0, false
	}
	w, err := strconv.Atoi(whole)
	if err != nil || w < 0 || w > 1000 {
		return 0, false
	}
	f := 0
	if frac != "" {
		if f, err = strconv.Atoi(frac); err != nil || f < 0 {
			return 0, false
		}
		if len(frac) == 1 {
			f *= 10
		}
	}
	return Points(w*100 + f), true
}
