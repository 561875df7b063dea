// Package performance holds the rules of ASN performance management
// (regulations.md §6): SKP periods, the ratings of hasil kerja and perilaku
// kerja (the seven BerAKHLAK core values), the predikat kinerja matrix of
// PermenPANRB 6/2022, legacy numeric SKP before 2022, the organisation
// predikat with its distribution curve, the default rater (pejabat penilai)
// and angka kredit for jabatan fungsional (PermenPANRB 1/2023).
//
// It is pure Go: storage is in sqldb, the instruments (coefficients,
// percentages, curve) are data read from the database into Instruments.
package performance

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"merit"
)

// Rating is the rating of hasil kerja, of perilaku kerja, or of one core
// value: below, as, or above expectation.
type Rating string

// The three ratings (PermenPANRB 6/2022).
const (
	Below Rating = "DI_BAWAH" // di bawah ekspektasi
	AsExp Rating = "SESUAI"   // sesuai ekspektasi
	Above Rating = "DI_ATAS"  // di atas ekspektasi
)

// Ratings lists the ratings from best to worst, for forms.
var Ratings = []Rating{Above, AsExp, Below}

// Valid reports whether r is one of the three ratings.
func (r Rating) Valid() bool { return r == Below || r == AsExp || r == Above }

// rank orders ratings: below 0, as expected 1, above 2.
func (r Rating) rank() int {
	switch r {
	case AsExp:
		return 1
	case Above:
		return 2
	}
	return 0
}

// Predikat is a predikat kinerja pegawai (2022 scheme) or the band of a
// legacy numeric SKP. Both are stored in the same column; Cukup exists only
// in the legacy scale (it is what Butuh Perbaikan replaced, §6.3).
type Predikat string

// The predikat kinerja of PermenPANRB 6/2022, best first, and the legacy band Cukup.
const (
	SangatBaik     Predikat = "SANGAT_BAIK"
	Baik           Predikat = "BAIK"
	ButuhPerbaikan Predikat = "BUTUH_PERBAIKAN"
	Kurang         Predikat = "KURANG" // Kurang/Misconduct in the 2022 scheme
	SangatKurang   Predikat = "SANGAT_KURANG"
	Cukup          Predikat = "CUKUP" // legacy band only
)

// Predikats lists the 2022 predikat, best first.
var Predikats = []Predikat{SangatBaik, Baik, ButuhPerbaikan, Kurang, SangatKurang}

// LegacyBands lists the legacy bands, best first.
var LegacyBands = []Predikat{SangatBaik, Baik, Cukup, Kurang, SangatKurang}

// Valid reports whether p is a 2022 predikat.
func (p Predikat) Valid() bool {
	for _, x := range Predikats {
		if p == x {
			return true
		}
	}
	return false
}

// Matrix gives the predikat for a rating of hasil kerja and of perilaku
// kerja, exactly as the table of regulations.md §6.1. Poor behaviour with
// results as or above expectation is Kurang/Misconduct, worse than Butuh
// Perbaikan. Both ratings must be valid; otherwise Matrix returns "".
func Matrix(hasilKerja, perilaku Rating) Predikat {
	if !hasilKerja.Valid() || !perilaku.Valid() {
		return ""
	}
	return matrix[hasilKerja.rank()][perilaku.rank()]
}

// matrix[hasil kerja][perilaku], each indexed below, as, above.
var matrix = [3][3]Predikat{
	{SangatKurang, ButuhPerbaikan, ButuhPerbaikan}, // hasil kerja di bawah ekspektasi
	{Kurang, Baik, Baik},                           // hasil kerja sesuai ekspektasi
	{Kurang, Baik, SangatBaik},                     // hasil kerja di atas ekspektasi
}

// Value is one of the seven BerAKHLAK core values on which perilaku kerja is rated.
type Value string

// The seven core values, in their official order.
const (
	Pelayanan   Value = "PELAYANAN" // berorientasi pelayanan
	Akuntabel   Value = "AKUNTABEL"
	Kompeten    Value = "KOMPETEN"
	Harmonis    Value = "HARMONIS"
	Loyal       Value = "LOYAL"
	Adaptif     Value = "ADAPTIF"
	Kolaboratif Value = "KOLABORATIF"
)

// Values lists the seven BerAKHLAK values in order; SKP.Behaviour follows it.
var Values = [7]Value{Pelayanan, Akuntabel, Kompeten, Harmonis, Loyal, Adaptif, Kolaboratif}

// Behaviour holds the rating of each core value, in the order of Values.
type Behaviour [7]Rating

// Empty reports whether no value is rated.
func (b Behaviour) Empty() bool { return b == Behaviour{} }

// Perilaku derives the rating of perilaku kerja from the seven values: their
// median. With seven ratings the median is above expectation when at least
// four values are above, below when at least four are below, and as expected
// otherwise (docs/decisions.md "Perilaku from the seven values"). It returns
// "" unless all seven are rated.
func (b Behaviour) Perilaku() Rating {
	var n [3]int
	for _, r := range b {
		if !r.Valid() {
			return ""
		}
		n[r.rank()]++
	}
	switch {
	case n[2] >= 4:
		return Above
	case n[0] >= 4:
		return Below
	}
	return AsExp
}

// String stores the seven ratings comma-separated ("" when none is rated).
func (b Behaviour) String() string {
	if b.Empty() {
		return ""
	}
	s := make([]string, len(b))
	for i, r := range b {
		s[i] = string(r)
	}
	return strings.Join(s, ",")
}

// ParseBehaviour reads what Behaviour.String wrote.
func ParseBehaviour(s string) (Behaviour, error) {
	var b Behaviour
	if s == "" {
		return b, nil
	}
	parts := strings.Split(s, ",")
	if len(parts) != len(b) {
		return b, fmt.Errorf("performance.ParseBehaviour: %d ratings, want %d", len(parts), len(b))
	}
	for i, p := range parts {
		b[i] = Rating(p)
	}
	return b, nil
}

// Scheme is the rule set an SKP was rated under.
type Scheme string

// The schemes: PermenPANRB 6/2022 from 2022, the numeric SKP before.
const (
	Scheme2022   Scheme = "2022"
	SchemeLegacy Scheme = "LEGACY"
)

// FirstYear2022 is the first year rated under PermenPANRB 6/2022; earlier
// years are legacy numeric SKP.
const FirstYear2022 = 2022

// SchemeOf returns the scheme a year is rated under.
func SchemeOf(year int) Scheme {
	if year >= FirstYear2022 {
		return Scheme2022
	}
	return SchemeLegacy
}

// Hundredths is a decimal with two places kept as an integer (angka kredit,
// legacy nilai SKP), so sums and rounding are exact on every engine.
type Hundredths int64

// String formats h with two decimals: 56.25, 28.13, 0.00.
func (h Hundredths) String() string {
	sign := ""
	if h < 0 {
		sign, h = "-", -h
	}
	return fmt.Sprintf("%s%d.%02d", sign, h/100, h%100)
}

// Float returns h as a number (for JSON and charts).
func (h Hundredths) Float() float64 { return float64(h) / 100 }

// MarshalJSON writes h as a JSON number with two decimals (56.25).
func (h Hundredths) MarshalJSON() ([]byte, error) { return []byte(h.String()), nil }

// UnmarshalJSON reads a JSON number with at most two decimals.
func (h *Hundredths) UnmarshalJSON(b []byte) error {
	v, err := ParseHundredths(string(b))
	*h = v
	return err
}

// ParseHundredths reads a decimal with at most two places; a comma is
// accepted as the decimal mark ("87,5" as typed in Indonesian spreadsheets).
func ParseHundredths(s string) (Hundredths, error) {
	t := strings.ReplaceAll(strings.TrimSpace(s), ",", ".")
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimPrefix(t, "-")
	whole, frac, _ := strings.Cut(t, ".")
	if (whole == "" && frac == "") || len(frac) > 2 || len(whole) > 12 || !digits(whole) || !digits(frac) {
		return 0, fmt.Errorf("performance.ParseHundredths: %q is not a number with at most two decimals", s)
	}
	frac += "00"[len(frac):]
	w, _ := strconv.ParseInt("0"+whole, 10, 64)
	f, _ := strconv.ParseInt(frac, 10, 64)
	h := Hundredths(w*100 + f)
	if neg {
		h = -h
	}
	return h, nil
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// Legacy numeric SKP (PP 30/2019, regulations.md §6.2 [P]): a nilai from 0 to 120.
const (
	LegacyMax Hundredths = 12000
)

// LegacyBand gives the band of a legacy nilai SKP: Sangat Baik from 110 with
// an innovation, Baik above 90, Cukup above 70, Kurang above 50, Sangat
// Kurang at 50 and below (docs/decisions.md "Legacy SKP bands").
func LegacyBand(score Hundredths, innovation bool) Predikat {
	switch {
	case score >= 11000 && innovation:
		return SangatBaik
	case score > 9000:
		return Baik
	case score > 7000:
		return Cukup
	case score > 5000:
		return Kurang
	}
	return SangatKurang
}

// Period is an SKP rating period within a year: the annual rating
// (TAHUNAN), a quarter (TW1..TW4) or a month (B01..B12).
type Period string

// Annual is the annual period, the one IP ASN, talent and angka kredit read.
const Annual Period = "TAHUNAN"

// Quarter returns the period of quarter q (1..4).
func Quarter(q int) Period { return Period(fmt.Sprintf("TW%d", q)) }

// Month returns the period of month m (1..12).
func Month(m int) Period { return Period(fmt.Sprintf("B%02d", m)) }

// Periods lists every period of a year: annual, quarters, months.
func Periods() []Period {
	out := []Period{Annual}
	for q := 1; q <= 4; q++ {
		out = append(out, Quarter(q))
	}
	for m := 1; m <= 12; m++ {
		out = append(out, Month(m))
	}
	return out
}

// Periodicity says whether a period is annual, quarterly or monthly.
type Periodicity string

// The periodicities (PermenPANRB 6/2022: periodic monthly or quarterly, and annual).
const (
	Yearly    Periodicity = "annual"
	Quarterly Periodicity = "quarterly"
	Monthly   Periodicity = "monthly"
)

// parse returns the periodicity and the number (quarter or month; 0 for annual).
func (p Period) parse() (Periodicity, int, bool) {
	s := string(p)
	switch {
	case p == Annual:
		return Yearly, 0, true
	case len(s) == 3 && strings.HasPrefix(s, "TW") && s[2] >= '1' && s[2] <= '4':
		return Quarterly, int(s[2] - '0'), true
	case len(s) == 3 && s[0] == 'B':
		n, err := strconv.Atoi(s[1:])
		if err == nil && n >= 1 && n <= 12 {
			return Monthly, n, true
		}
	}
	return "", 0, false
}

// Valid reports whether p is a known period.
func (p Period) Valid() bool {
	_, _, ok := p.parse()
	return ok
}

// Periodicity returns whether p is annual, quarterly or monthly ("" if invalid).
func (p Period) Periodicity() Periodicity {
	k, _, _ := p.parse()
	return k
}

// Months returns the number of months the period covers (0 if invalid).
func (p Period) Months() int {
	switch p.Periodicity() {
	case Yearly:
		return 12
	case Quarterly:
		return 3
	case Monthly:
		return 1
	}
	return 0
}

// Range returns the first and last day of the period in year.
func (p Period) Range(year int) (from, to merit.Date) {
	k, n, ok := p.parse()
	if !ok {
		return
	}
	first := time.January
	switch k {
	case Quarterly:
		first = time.Month(3*(n-1) + 1)
	case Monthly:
		first = time.Month(n)
	}
	start := time.Date(year, first, 1, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(0, p.Months(), -1)
	return merit.DateOf(start), merit.DateOf(end)
}

// ParsePeriod reads a period as written in files and forms: "TAHUNAN",
// "tahunan", "annual", "TW2", "Triwulan 2", "Q2", "B03", "Bulan 3", "3"
// (a bare number is a month).
func ParsePeriod(s string) (Period, bool) {
	k := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	switch {
	case k == "" || k == "TAHUNAN" || k == "ANNUAL" || k == "TAHUN":
		return Annual, true
	case strings.HasPrefix(k, "TRIWULAN"), strings.HasPrefix(k, "TW"), strings.HasPrefix(k, "Q"):
		n, err := strconv.Atoi(strings.TrimLeft(k, "TRIWULANQ"))
		if err == nil && n >= 1 && n <= 4 {
			return Quarter(n), true
		}
	default:
		n, err := strconv.Atoi(strings.TrimPrefix(strings.TrimPrefix(k, "BULAN"), "B"))
		if err == nil && n >= 1 && n <= 12 {
			return Month(n), true
		}
	}
	return "", false
}
