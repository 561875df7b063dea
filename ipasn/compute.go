package ipasn

import (
	"hash/fnv"
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
}

// Hukdis is one hukuman disiplin (PP 94/2021).
type Hukdis struct {
	Tingkat string // RINGAN, SEDANG, BERAT (the group of reference hukdis)
	Jenis   string // the sanction's code, for the reason
	Start   merit.Date
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
	r := Result{Version: t.Version, On: on}
	r.Scores[0] = t.kualifikasi(in)
	r.Scores[1] = t.kompetensi(in, on)
	r.Scores[2] = t.kinerja(in, on)
	r.Scores[3] = t.disiplin(in, on)
	for _, s := range r.Scores {
		r.Total += s.Points
	}
	r.Category = t.Category(r.Total)
	return r
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

func (t *Table) kualifikasi(in *Input) Score {
	s := Score{Dimension: Kualifikasi, Max: t.Max(Kualifikasi)}
	for _, row := range t.Education {
		for _, l := range row.Levels {
			if l == in.Education {
				s.Points = min(row.Points, s.Max)
				s.Items = []Item{{s.Points, "ipasn.r.education", []string{in.Education}}}
				return s
			}
		}
	}
	s.Items = []Item{{0, "ipasn.r.education_unknown", []string{in.Education}}}
	return s
}

// yearsBefore returns the date n years before on (29 February becomes 1 March).
func yearsBefore(on merit.Date, n int) merit.Date {
	return merit.NewDate(on.Year()-n, on.Month(), on.Day())
}

// within reports whether d lies in (on − years, on]; years 0 means any time up to on.
func within(d, on merit.Date, years int) bool {
	if d.IsZero() || d.After(on) {
		return false
	}
	return years == 0 || d.After(yearsBefore(on, years))
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

func (t *Table) kompetensi(in *Input, on merit.Date) Score {
	s := Score{Dimension: Kompetensi, Max: t.Max(Kompetensi)}
	g := GroupOf(in.Jenis)
	for _, row := range t.Competency {
		pts := row.Points[g]
		if pts == 0 {
			continue // the indicator does not apply to this column
		}
		years := row.WithinYears[g]
		var best *Diklat
		for i := range in.Diklat {
			d := &in.Diklat[i]
			if d.Kind != row.Kind || d.Hours < row.MinHours || !within(d.done(), on, years) {
				continue
			}
			if row.MatchLevel {
				lv, need := LeadershipLevel(d.Title), postLevel[in.Jenis]
				if lv == 0 || need == 0 || lv > need {
					continue
				}
			}
			if best == nil || d.done().After(best.done()) {
				best = d
			}
		}
		key := "ipasn.r." + strings.ToLower(row.Kind)
		if best == nil {
			s.Items = append(s.Items, Item{0, key + "_none", []string{strconv.Itoa(row.MinHours), strconv.Itoa(years)}})
			continue
		}
		s.Items = append(s.Items, Item{pts, key, []string{best.Title, strconv.Itoa(best.Hours), best.done().String()}})
		s.Points += pts
	}
	if s.Points > s.Max {
		s.Items = append(s.Items, Item{s.Max - s.Points, "ipasn.r.capped", []string{s.Max.String()}})
		s.Points = s.Max
	}
	return s
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

func (t *Table) kinerja(in *Input, on merit.Date) Score {
	s := Score{Dimension: Kinerja, Max: t.Max(Kinerja)}
	year := on.Year() - 1
	y := strconv.Itoa(year)
	for _, skp := range in.SKP {
		if skp.Year != year {
			continue
		}
		if skp.Predikat != "" {
			for _, row := range t.Predikat {
				if row.Predikat == skp.Predikat {
					s.Points = min(row.Points, s.Max)
					s.Items = []Item{{s.Points, "ipasn.r.predikat", []string{y, skp.Predikat}}}
					return s
				}
			}
			continue
		}
		for _, b := range t.KinerjaBands {
			if b.Upto < 0 || skp.Nilai <= b.Upto {
				s.Points = min(b.Points, s.Max)
				s.Items = []Item{{s.Points, "ipasn.r.nilai_skp", []string{y, skp.Nilai.String()}}}
				return s
			}
		}
	}
	s.Items = []Item{{0, "ipasn.r.skp_none", []string{y}}}
	return s
}

var hukdisRank = map[string]int{HukdisRingan: 1, HukdisSedang: 2, HukdisBerat: 3}

func (t *Table) disiplin(in *Input, on merit.Date) Score {
	s := Score{Dimension: Disiplin, Max: t.Max(Disiplin)}
	var worst *Hukdis
	for i := range in.Hukdis {
		h := &in.Hukdis[i]
		if hukdisRank[h.Tingkat] == 0 || !within(h.Start, on, t.DisiplinYears) {
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
	years := strconv.Itoa(t.DisiplinYears)
	if worst == nil {
		s.Items = []Item{{s.Points, "ipasn.r.hukdis_none", []string{years}}}
	} else {
		s.Items = []Item{{s.Points, "ipasn.r.hukdis", []string{worst.Tingkat, worst.Jenis, worst.Start.String(), years}}}
	}
	return s
}

// Fingerprint is a hash of everything stored of the result but its date, so
// a recompute writes only the employees whose score or reasons changed.
func (r *Result) Fingerprint() int64 {
	h := fnv.New64a()
	w := func(s string) { h.Write([]byte(s)); h.Write([]byte{0}) }
	w(r.Version)
	w(r.Category)
	for _, s := range r.Scores {
		w(strconv.Itoa(int(s.Points)))
		for _, it := range s.Items {
			w(strconv.Itoa(int(it.Points)))
			w(it.Code)
			for _, a := range it.Args {
				w(a)
			}
		}
	}
	return int64(h.Sum64() >> 1)
}
