package ipasn

import (
	"strconv"
	"strings"

	"merit"
)

// Diklat is one training of the employee's riwayat diklat.
type Diklat struct {
	Kind  string // reference jenis_diklat: KEPEMIMPINAN, FUNGSIONAL, TEKNIS, SEMINAR
	Title string
	Hours int // JP
	Start merit.Date
	End   merit.Date // completion; a zero End counts Start
	// Level is the leadership level its title names (LeadershipLevel),
	// filled by Input.AddHistory and ParseFacts, read from the title when 0.
	Level int

	hoursText, doneText string // as read by ParseFacts, so reasons need no formatting
}

// Hukdis is one hukuman disiplin (PP 94/2021).
type Hukdis struct {
	Tingkat string // RINGAN, SEDANG, BERAT (the group of reference hukdis)
	Jenis   string // the sanction's code, for the reason
	Start   merit.Date

	startText string
}

// SKP is one year's annual performance: a predikat (PermenPANRB 6/2022) or,
// for years before 2022, a numeric nilai SKP in hundredths.
type SKP struct {
	Year     int
	Predikat string // a Predikat* code; "" for a numeric SKP
	Nilai    Points // legacy numeric nilai SKP (0–100 scale); used when Predikat is ""
}

// Input is what IP ASN is computed from: plain values, however the caller
// got them (a database query, a spreadsheet, a test).
type Input struct {
	Education string // highest tingkat pendidikan (reference pendidikan)
	Jenis     string // jenis jabatan of the current position; "" when none
	Diklat    []Diklat
	SKP       []SKP // the SKP of the year before the measurement counts
	Hukdis    []Hukdis
}

// Reset empties the input keeping its slices, for reuse in a loop.
func (in *Input) Reset() {
	in.Education, in.Jenis = "", ""
	in.Diklat, in.SKP, in.Hukdis = in.Diklat[:0], in.SKP[:0], in.Hukdis[:0]
}

// Item is one reason for points: Code is an i18n key ("ipasn.r.…"), Args
// fill it.
type Item struct {
	Points Points   `json:"points"`
	Code   string   `json:"code"`
	Args   []string `json:"args,omitempty"`
}

// Score is one dimension's points, its maximum and the reasons for them.
type Score struct {
	Dimension string `json:"dimension"`
	Points    Points `json:"points"`
	Max       Points `json:"max"`
	Items     []Item `json:"items"`
}

// Result is an employee's IP ASN on a date by one table version.
type Result struct {
	Version  string     `json:"version"`
	On       merit.Date `json:"on"`
	Scores   [4]Score   `json:"scores"` // in the order of Dimensions
	Total    Points     `json:"total"`
	Category string     `json:"category"`

	args []string // backing store of the items' Args, reused by ComputeInto
	// windows[n] is the window of n years before On, computed once per date.
	windows   [8]window
	windowsOn merit.Date
}

// Points returns the points of a dimension.
func (r *Result) Points(dim string) Points {
	for _, s := range r.Scores {
		if s.Dimension == dim {
			return s.Points
		}
	}
	return 0
}

// Compute scores the input on the date with the table's rules. It never
// fails: what is missing scores nothing, and the reason says so.
func (t *Table) Compute(in *Input, on merit.Date) Result {
	var r Result
	t.ComputeInto(&r, in, on)
	return r
}

// ComputeInto is Compute writing into r and reusing its slices, so a loop
// over a whole agency allocates nothing per employee. r's items are valid
// until the next call with the same r: Clone what must outlive it.
func (t *Table) ComputeInto(r *Result, in *Input, on merit.Date) {
	r.Version, r.On, r.Total, r.args = t.Version, on, 0, r.args[:0]
	if r.windowsOn != on || r.windowsOn.IsZero() {
		for n := range r.windows {
			r.windows[n] = windowOf(on, n)
		}
		r.windowsOn = on
	}
	for i, dim := range Dimensions {
		r.Scores[i] = Score{Dimension: dim, Max: t.Max(dim), Items: r.Scores[i].Items[:0]}
	}
	t.kualifikasi(r, &r.Scores[0], in)
	t.kompetensi(r, &r.Scores[1], in, on)
	t.kinerja(r, &r.Scores[2], in, on)
	t.disiplin(r, &r.Scores[3], in, on)
	for _, s := range r.Scores {
		r.Total += s.Points
	}
	r.Category = t.Category(r.Total)
}

// item appends a reason to the score, its args taken from r's buffer.
func (r *Result) item(s *Score, pts Points, code string, args ...string) {
	n := len(r.args)
	r.args = append(r.args, args...)
	s.Items = append(s.Items, Item{pts, code, r.args[n:len(r.args):len(r.args)]})
}

// Clone returns a copy of the result that shares nothing with r.
func (r *Result) Clone() Result {
	c := *r
	c.args, c.windowsOn = nil, merit.Date{}
	for i := range c.Scores {
		items := make([]Item, len(r.Scores[i].Items))
		for j, it := range r.Scores[i].Items {
			items[j] = Item{it.Points, it.Code, append([]string(nil), it.Args...)}
		}
		c.Scores[i].Items = items
	}
	return c
}

// Category returns the §3.4 category of a total: the first row whose
// exclusive lower bound the total exceeds (90.00 is Tinggi, 90.01 Sangat
// Tinggi).
func (t *Table) Category(total Points) string {
	for _, c := range t.Categories {
		if c.Above < 0 || total > c.Above {
			return c.Code
		}
	}
	return ""
}

func (t *Table) kualifikasi(r *Result, s *Score, in *Input) {
	for _, row := range t.Education {
		for _, l := range row.Levels {
			if l == in.Education {
				s.Points = min(row.Points, s.Max)
				r.item(s, s.Points, "ipasn.r.education", in.Education)
				return
			}
		}
	}
	r.item(s, 0, "ipasn.r.education_unknown", in.Education)
}

// yearsBefore returns the date n years before on (29 February becomes 1 March).
func yearsBefore(on merit.Date, n int) merit.Date {
	return merit.NewDate(on.Year()-n, on.Month(), on.Day())
}

// window is the period (from, on] a date must fall in; from is zero for any
// time up to on.
type window struct{ from, on merit.Date }

// window returns the window of n years before r.On.
func (r *Result) window(years int) window {
	if years >= 0 && years < len(r.windows) {
		return r.windows[years]
	}
	return windowOf(r.On, years)
}

func windowOf(on merit.Date, years int) window {
	w := window{on: on}
	if years > 0 {
		w.from = yearsBefore(on, years)
	}
	return w
}

func (w window) has(d merit.Date) bool {
	return !d.IsZero() && !d.After(w.on) && (w.from.IsZero() || d.After(w.from))
}

// level is Level, or read from the title when not filled.
func (d *Diklat) level() int {
	if d.Level == 0 && d.Kind == DiklatKepemimpinan {
		return LeadershipLevel(d.Title)
	}
	return d.Level
}

func (d *Diklat) done() merit.Date {
	if !d.End.IsZero() {
		return d.End
	}
	return d.Start
}

// postLevel is the leadership level a managerial post requires: 1 for JPT
// Utama/Madya (PIM I, PKN I), 2 for JPT Pratama (PIM II, PKN II), 3 for
// Administrator (PIM III, PKA), 4 for Pengawas (PIM IV, PKP).
var postLevel = map[string]int{"JPT_UTAMA": 1, "JPT_MADYA": 1, "JPT_PRATAMA": 2, "ADMINISTRATOR": 3, "PENGAWAS": 4}

var romans = map[string]int{"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}

// LeadershipLevel reads the level of a leadership training from its name:
// "Diklatpim Tingkat III", "PIM IV", "PKN Tingkat II", "Pelatihan
// Kepemimpinan Administrator" (PKA, 3) or "... Pengawas" (PKP, 4). 0 means
// the name names no level (Latsar, Prajabatan).
func LeadershipLevel(title string) int {
	words := strings.FieldsFunc(strings.ToUpper(title), func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	})
	for i, w := range words {
		switch w {
		case "PENGAWAS", "PKP":
			return 4
		case "ADMINISTRATOR", "PKA":
			return 3
		case "TINGKAT", "PIM", "DIKLATPIM", "PKN", "SPAMEN", "SPAMA", "SEPADYA", "SESPA":
			if i+1 < len(words) {
				if n, ok := romans[words[i+1]]; ok {
					return n
				}
			}
		}
	}
	return 0
}

// small holds the decimal text of 0..2100, so reasons need no formatting.
var small = func() []string {
	s := make([]string, 2101)
	for i := range s {
		s[i] = strconv.Itoa(i)
	}
	return s
}()

func itoa(n int) string {
	if n >= 0 && n < len(small) {
		return small[n]
	}
	return strconv.Itoa(n)
}

func (t *Table) kompetensi(r *Result, s *Score, in *Input, on merit.Date) {
	g := GroupOf(in.Jenis)
	need := postLevel[in.Jenis]
	for _, row := range t.Competency {
		pts := row.Points[g]
		if pts == 0 {
			continue // the indicator does not apply to this column
		}
		years := row.WithinYears[g]
		w := r.window(years)
		var best *Diklat
		for i := range in.Diklat {
			d := &in.Diklat[i]
			if d.Kind != row.Kind || d.Hours < row.MinHours || !w.has(d.done()) {
				continue
			}
			if row.MatchLevel {
				if lv := d.level(); lv == 0 || need == 0 || lv > need {
					continue
				}
			}
			if best == nil || d.done().After(best.done()) {
				best = d
			}
		}
		key := competencyKeys[row.Kind]
		if best == nil {
			switch {
			case row.MinHours > 0 && years > 0:
				r.item(s, 0, key[2], itoa(row.MinHours), itoa(years))
			case row.MinHours > 0:
				r.item(s, 0, key[1], itoa(row.MinHours))
			case years > 0:
				r.item(s, 0, key[2], itoa(years))
			default:
				r.item(s, 0, key[1])
			}
			continue
		}
		hours, done := best.hoursText, best.doneText
		if hours == "" {
			hours, done = itoa(best.Hours), best.done().String()
		}
		r.item(s, pts, key[0], best.Title, hours, done)
		s.Points += pts
	}
	if s.Points > s.Max {
		r.item(s, s.Max-s.Points, "ipasn.r.capped", s.Max.String())
		s.Points = s.Max
	}
}

// competencyKeys are the reason keys of each diklat kind: met; not met
// (args: the minimum JP when there is one); not met within the window (args:
// the minimum JP when there is one, the years).
var competencyKeys = map[string][3]string{
	DiklatKepemimpinan: {"ipasn.r.kepemimpinan", "ipasn.r.kepemimpinan_none", "ipasn.r.kepemimpinan_none_recent"},
	DiklatFungsional:   {"ipasn.r.fungsional", "ipasn.r.fungsional_none", "ipasn.r.fungsional_none_recent"},
	DiklatTeknis:       {"ipasn.r.teknis", "ipasn.r.teknis_none", "ipasn.r.teknis_none_recent"},
	DiklatSeminar:      {"ipasn.r.seminar", "ipasn.r.seminar_none", "ipasn.r.seminar_none_recent"},
}

// NormalizePredikat maps the ways a predikat kinerja is written (SIASN
// exports, spreadsheets) to a Predikat* code; "" when it is not one.
func NormalizePredikat(s string) string {
	k := strings.Trim(strings.NewReplacer(" ", "_", "-", "_", "/", "_").Replace(strings.ToUpper(strings.TrimSpace(s))), "_")
	switch k {
	case PredikatSangatBaik, "ISTIMEWA":
		return PredikatSangatBaik
	case PredikatBaik:
		return PredikatBaik
	case PredikatButuhPerbaikan, "CUKUP":
		return PredikatButuhPerbaikan
	case PredikatKurang, "KURANG_MISCONDUCT", "MISCONDUCT":
		return PredikatKurang
	case PredikatSangatKurang:
		return PredikatSangatKurang
	}
	return ""
}

func (t *Table) kinerja(r *Result, s *Score, in *Input, on merit.Date) {
	year := on.Year() - 1
	y := itoa(year)
	for _, skp := range in.SKP {
		if skp.Year != year {
			continue
		}
		if skp.Predikat != "" {
			for _, row := range t.Predikat {
				if row.Predikat == skp.Predikat {
					s.Points = min(row.Points, s.Max)
					r.item(s, s.Points, "ipasn.r.predikat."+skp.Predikat, y)
					return
				}
			}
			continue
		}
		for _, b := range t.KinerjaBands {
			if b.Upto < 0 || skp.Nilai <= b.Upto {
				s.Points = min(b.Points, s.Max)
				r.item(s, s.Points, "ipasn.r.nilai_skp", y, skp.Nilai.String())
				return
			}
		}
	}
	r.item(s, 0, "ipasn.r.skp_none", y)
}

var hukdisRank = map[string]int{HukdisRingan: 1, HukdisSedang: 2, HukdisBerat: 3}

func (t *Table) disiplin(r *Result, s *Score, in *Input, on merit.Date) {
	w := r.window(t.DisiplinYears)
	var worst *Hukdis
	for i := range in.Hukdis {
		h := &in.Hukdis[i]
		if hukdisRank[h.Tingkat] == 0 || !w.has(h.Start) {
			continue
		}
		if worst == nil || hukdisRank[h.Tingkat] > hukdisRank[worst.Tingkat] ||
			hukdisRank[h.Tingkat] == hukdisRank[worst.Tingkat] && h.Start.After(worst.Start) {
			worst = h
		}
	}
	tingkat := HukdisNone
	if worst != nil {
		tingkat = worst.Tingkat
	}
	for _, row := range t.Disiplin {
		if row.Tingkat == tingkat {
			s.Points = min(row.Points, s.Max)
		}
	}
	years := itoa(t.DisiplinYears)
	if worst == nil {
		r.item(s, s.Points, "ipasn.r.hukdis_none", years)
		return
	}
	start := worst.startText
	if start == "" {
		start = worst.Start.String()
	}
	r.item(s, s.Points, "ipasn.r.hukdis."+worst.Tingkat, worst.Jenis, start, years)
}

// Fingerprint is a hash (FNV-1a) of everything stored of the result but its
// date, so a recompute writes only the employees whose score or reasons
// changed.
func (r *Result) Fingerprint() int64 {
	h := uint64(14695981039346656037)
	str := func(s string) {
		for i := 0; i < len(s); i++ {
			h = (h ^ uint64(s[i])) * 1099511628211
		}
		h = (h ^ 0xff) * 1099511628211
	}
	num := func(p Points) {
		for i := 0; i < 4; i++ {
			h = (h ^ uint64(byte(p>>(8*i)))) * 1099511628211
		}
	}
	str(r.Version)
	str(r.Category)
	for _, s := range r.Scores {
		num(s.Points)
		for _, it := range s.Items {
			num(it.Points)
			str(it.Code)
			for _, a := range it.Args {
				str(a)
			}
		}
	}
	return int64(h >> 1)
}
