package performance

import (
	"testing"
	"time"

	"merit"
)

// Every cell of the predikat matrix, regulations.md §6.1: rows hasil kerja,
// columns perilaku kerja.
func TestMatrixEveryCell(t *testing.T) {
	for _, c := range []struct {
		hasil, perilaku Rating
		want            Predikat
	}{
		{Above, Below, Kurang},
		{Above, AsExp, Baik},
		{Above, Above, SangatBaik},
		{AsExp, Below, Kurang},
		{AsExp, AsExp, Baik},
		{AsExp, Above, Baik},
		{Below, Below, SangatKurang},
		{Below, AsExp, ButuhPerbaikan},
		{Below, Above, ButuhPerbaikan},
	} {
		if got := Matrix(c.hasil, c.perilaku); got != c.want {
			t.Errorf("Matrix(%s, %s) = %s, want %s", c.hasil, c.perilaku, got, c.want)
		}
	}
	if got := Matrix("", AsExp); got != "" {
		t.Errorf("Matrix with no hasil kerja = %q, want empty", got)
	}
}

// Perilaku is the median of the seven values.
func TestPerilakuFromSevenValues(t *testing.T) {
	b := func(r ...Rating) Behaviour {
		var out Behaviour
		copy(out[:], r)
		return out
	}
	A, S, B := Above, AsExp, Below
	for _, c := range []struct {
		b    Behaviour
		want Rating
	}{
		{b(A, A, A, A, A, A, A), A},
		{b(A, A, A, A, B, B, B), A},
		{b(A, A, A, S, S, S, S), S},
		{b(A, A, A, B, B, B, S), S},
		{b(S, S, S, S, S, S, S), S},
		{b(B, B, B, B, A, A, A), B},
		{b(B, B, B, S, S, S, A), S},
		{b(B, B, B, B, B, B, B), B},
		{b(A, A, A, A, A, A, ""), ""},
	} {
		if got := c.b.Perilaku(); got != c.want {
			t.Errorf("Perilaku(%s) = %q, want %q", c.b, got, c.want)
		}
	}
}

// The worked numbers of regulations.md §6.3: the SIASN form's Ahli Madya SB
// 56.25 and BP 28.13 (37.5 × 0.75 = 28.125), and 2.81, 9.38, 3.13.
func TestAngkaKredit(t *testing.T) {
	in := &Instruments{}
	for _, c := range []struct {
		j string
		v Hundredths
	}{{"PEMULA", 375}, {"TERAMPIL", 500}, {"MAHIR", 1250}, {"PENYELIA", 2500}, {"AHLI_PERTAMA", 1250}, {"AHLI_MUDA", 2500}, {"AHLI_MADYA", 3750}, {"AHLI_UTAMA", 5000}} {
		in.Coefficients = append(in.Coefficients, Coefficient{Jenjang: c.j, ValidFrom: merit.NewDate(2023, 1, 1), Value: c.v})
	}
	for p, pct := range map[Predikat]int{SangatBaik: 150, Baik: 100, ButuhPerbaikan: 75, Kurang: 50, SangatKurang: 25} {
		in.Percentages = append(in.Percentages, Percentage{Predikat: p, ValidFrom: merit.NewDate(2023, 1, 1), Percent: pct})
	}
	for _, c := range []struct {
		jenjang  string
		predikat Predikat
		months   int
		want     string
	}{
		{"AHLI_MADYA", SangatBaik, 12, "56.25"},
		{"AHLI_MADYA", Baik, 12, "37.50"},
		{"AHLI_MADYA", ButuhPerbaikan, 12, "28.13"},
		{"AHLI_MADYA", Kurang, 12, "18.75"},
		{"AHLI_MADYA", SangatKurang, 12, "9.38"},
		{"PEMULA", ButuhPerbaikan, 12, "2.81"},
		{"AHLI_PERTAMA", ButuhPerbaikan, 12, "9.38"},
		{"AHLI_PERTAMA", SangatKurang, 12, "3.13"},
		{"AHLI_UTAMA", SangatBaik, 12, "75.00"},
		{"AHLI_MADYA", Baik, 6, "18.75"},
		{"AHLI_MADYA", Baik, 1, "3.13"},      // 37.5/12 = 3.125
		{"AHLI_MUDA", SangatBaik, 3, "9.38"}, // 25 × 1.5 / 4 = 9.375
	} {
		s := &SKP{Year: 2024, Period: Annual, Scheme: Scheme2022, Predikat: c.predikat, Months: c.months, Jenjang: c.jenjang}
		got, ok := in.AngkaKredit(s)
		if !ok || got.String() != c.want {
			t.Errorf("AngkaKredit(%s, %s, %d months) = %s %v, want %s", c.jenjang, c.predikat, c.months, got, ok, c.want)
		}
	}
	// Before PermenPANRB 1/2023, for a periodic SKP, for a non-JF, or for a legacy SKP: none.
	for _, s := range []*SKP{
		{Year: 2022, Period: Annual, Scheme: Scheme2022, Predikat: Baik, Months: 12, Jenjang: "AHLI_MADYA"},
		{Year: 2024, Period: Quarter(1), Scheme: Scheme2022, Predikat: Baik, Months: 3, Jenjang: "AHLI_MADYA"},
		{Year: 2024, Scheme: Scheme2022, Predikat: Baik, Months: 12},
		{Year: 2020, Scheme: SchemeLegacy, Predikat: Baik, Months: 12, Jenjang: "AHLI_MADYA"},
	} {
		if got, ok := in.AngkaKredit(s); ok {
			t.Errorf("AngkaKredit(%+v) = %s, want none", s, got)
		}
	}
}

// Legacy bands (§6.2): Sangat Baik needs 110 and an innovation; the band
// edges are exclusive below (">90" is Baik).
func TestLegacyBand(t *testing.T) {
	for _, c := range []struct {
		score      string
		innovation bool
		want       Predikat
	}{
		{"120", true, SangatBaik},
		{"110", true, SangatBaik},
		{"110", false, Baik},
		{"109.99", true, Baik},
		{"90.01", false, Baik},
		{"90", false, Cukup},
		{"70.01", false, Cukup},
		{"70", false, Kurang},
		{"50.01", false, Kurang},
		{"50", false, SangatKurang},
		{"0", false, SangatKurang},
	} {
		h, err := ParseHundredths(c.score)
		if err != nil {
			t.Fatal(err)
		}
		if got := LegacyBand(h, c.innovation); got != c.want {
			t.Errorf("LegacyBand(%s, %v) = %s, want %s", c.score, c.innovation, got, c.want)
		}
	}
}

func TestParseHundredths(t *testing.T) {
	for in, want := range map[string]Hundredths{"87,5": 8750, "87.55": 8755, "100": 10000, ".5": 50, "-1.2": -120, " 0 ": 0} {
		if got, err := ParseHundredths(in); err != nil || got != want {
			t.Errorf("ParseHundredths(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "abc", "1.234", "1e3", "1.2.3", "-", "."} {
		if got, err := ParseHundredths(in); err == nil {
			t.Errorf("ParseHundredths(%q) = %d, want error", in, got)
		}
	}
}

func TestPeriods(t *testing.T) {
	if n := len(Periods()); n != 17 {
		t.Fatalf("%d periods, want 17", n)
	}
	for _, c := range []struct {
		p        Period
		months   int
		from, to string
	}{
		{Annual, 12, "2024-01-01", "2024-12-31"},
		{Quarter(1), 3, "2024-01-01", "2024-03-31"},
		{Quarter(4), 3, "2024-10-01", "2024-12-31"},
		{Month(2), 1, "2024-02-01", "2024-02-29"},
		{Month(12), 1, "2024-12-01", "2024-12-31"},
	} {
		from, to := c.p.Range(2024)
		if c.p.Months() != c.months || from.String() != c.from || to.String() != c.to {
			t.Errorf("%s: %d months %s..%s, want %d %s..%s", c.p, c.p.Months(), from, to, c.months, c.from, c.to)
		}
	}
	for in, want := range map[string]Period{"": Annual, "tahunan": Annual, "TW3": "TW3", "Triwulan 2": "TW2", "q4": "TW4", "B07": "B07", "Bulan 11": "B11", "3": "B03"} {
		if got, ok := ParsePeriod(in); !ok || got != want {
			t.Errorf("ParsePeriod(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"TW5", "B13", "bulan", "0", "semester 1"} {
		if got, ok := ParsePeriod(in); ok {
			t.Errorf("ParsePeriod(%q) = %q, want not ok", in, got)
		}
	}
	for _, p := range []Period{"TW0", "B00", "B1", "X", "tahunan"} {
		if p.Valid() {
			t.Errorf("%q valid", p)
		}
	}
}

func TestParseRatingAndPredikat(t *testing.T) {
	for in, want := range map[string]Rating{"Di atas ekspektasi": Above, "DIATAS": Above, "3": Above, "sesuai ekspektasi": AsExp,
		"2": AsExp, "Di Bawah Ekspektasi": Below, "di_bawah": Below, "1": Below} {
		if got, ok := ParseRating(in); !ok || got != want {
			t.Errorf("ParseRating(%q) = %q, want %q", in, got, want)
		}
	}
	if _, ok := ParseRating("luar biasa"); ok {
		t.Error("ParseRating accepted an unknown word")
	}
	for in, want := range map[string]Predikat{"Sangat Baik": SangatBaik, "baik": Baik, "Butuh Perbaikan": ButuhPerbaikan,
		"Kurang/Misconduct": Kurang, "SANGAT_KURANG": SangatKurang, "Cukup": Cukup} {
		if got, ok := ParsePredikat(in); !ok || got != want {
			t.Errorf("ParsePredikat(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidate(t *testing.T) {
	today := merit.NewDate(2025, time.June, 1)
	all := func(r Rating) (b Behaviour) {
		for i := range b {
			b[i] = r
		}
		return b
	}
	// 2022 scheme with the seven values: perilaku and predikat derived.
	s := &SKP{Year: 2024, HasilKerja: Above, Behaviour: all(Above)}
	if err := s.Validate(nil, today); err != nil || s.Scheme != Scheme2022 || s.Perilaku != Above || s.Predikat != SangatBaik || s.Months != 12 || s.Period != Annual {
		t.Errorf("full rating: %+v %v", s, err)
	}
	// Only the overall perilaku (as SIASN gives it).
	s = &SKP{Year: 2024, Period: Quarter(2), HasilKerja: AsExp, Perilaku: Below}
	if err := s.Validate(nil, today); err != nil || s.Predikat != Kurang || s.Months != 3 {
		t.Errorf("overall perilaku: %+v %v", s, err)
	}
	// A perilaku that contradicts the seven values.
	s = &SKP{Year: 2024, HasilKerja: AsExp, Behaviour: all(Above), Perilaku: Below}
	if fs := merit.FieldsOf(s.Validate(nil, today)); len(fs) != 1 || fs[0].Code != "skp.perilaku_mismatch" {
		t.Errorf("mismatch: %v", fs)
	}
	// Legacy: annual only, 0..120, band derived; ratings dropped.
	s = &SKP{Year: 2020, LegacyScore: 8850, HasilKerja: Above}
	if err := s.Validate(nil, today); err != nil || s.Scheme != SchemeLegacy || s.Predikat != Cukup || s.HasilKerja != "" {
		t.Errorf("legacy: %+v %v", s, err)
	}
	for _, c := range []struct {
		s     SKP
		field string
	}{
		{SKP{Year: 2026, HasilKerja: AsExp, Perilaku: AsExp}, "year"},
		{SKP{Year: 2024, Period: "TW9", HasilKerja: AsExp, Perilaku: AsExp}, "period"},
		{SKP{Year: 2024, HasilKerja: "LUAR_BIASA", Perilaku: AsExp}, "hasilKerja"},
		{SKP{Year: 2024, HasilKerja: AsExp}, "perilaku"},
		{SKP{Year: 2024, Period: Month(1), Months: 2, HasilKerja: AsExp, Perilaku: AsExp}, "months"},
		{SKP{Year: 2020, Period: Quarter(1), LegacyScore: 8000}, "period"},
		{SKP{Year: 2020, LegacyScore: 12001}, "legacyScore"},
		{SKP{Year: 2024, HasilKerja: AsExp, Behaviour: Behaviour{AsExp, AsExp, AsExp, AsExp, AsExp, AsExp, "X"}}, "berakhlak.kolaboratif"},
	} {
		fs := merit.FieldsOf(c.s.Validate(nil, today))
		if len(fs) == 0 || fs[0].Field != c.field {
			t.Errorf("%+v: %v, want an error on %s", c.s, fs, c.field)
		}
	}
}

// The default rater walks up the unit tree: the head of one's own unit, the
// head of the parent for the head himself, past units without a head.
func TestDefaultRater(t *testing.T) {
	units := []*merit.Unit{{ID: 1}, {ID: 2, ParentID: 1}, {ID: 3, ParentID: 2}, {ID: 4, ParentID: 2}, {ID: 5, ParentID: 1}}
	holders := []Holder{
		{EmployeeID: 100, UnitID: 1, PositionID: 10, Jenis: "JPT_PRATAMA"},
		{EmployeeID: 200, UnitID: 2, PositionID: 20, Jenis: "ADMINISTRATOR"},
		{EmployeeID: 201, UnitID: 2, PositionID: 21, Jenis: "PENGAWAS"}, // lower rank in the same unit
		{EmployeeID: 300, UnitID: 3, PositionID: 30, Jenis: "PENGAWAS"},
		{EmployeeID: 301, UnitID: 3, PositionID: 31, Jenis: "JF_KEAHLIAN"},
		{EmployeeID: 400, UnitID: 4, PositionID: 40, Jenis: "PELAKSANA"}, // unit 4 has no head
	}
	heads := UnitHeads(holders)
	if heads[2].EmployeeID != 200 || len(heads) != 3 {
		t.Fatalf("heads: %+v", heads)
	}
	for _, c := range []struct {
		emp, unit, want int64
	}{
		{301, 3, 300}, // staff: head of own unit
		{300, 3, 200}, // head of unit 3: head of the parent
		{201, 2, 200}, // a second managerial post in unit 2: its head
		{200, 2, 100},
		{400, 4, 200}, // unit without head: the next unit up
		{999, 5, 100},
		{100, 1, 0}, // the top: nobody
		{500, 0, 0}, // no unit: nobody
	} {
		h, ok := DefaultRater(units, heads, c.emp, c.unit)
		if (c.want == 0) == ok || h.EmployeeID != c.want {
			t.Errorf("DefaultRater(%d in %d) = %d %v, want %d", c.emp, c.unit, h.EmployeeID, ok, c.want)
		}
	}
	if got := Subordinates(units, heads, holders, 200); len(got) != 3 {
		t.Errorf("subordinates of 200: %v, want 201, 300, 400", got)
	}
}

// The curve is a soft warning: only predikat outside their band, only from
// ten rated staff.
func TestCheckCurve(t *testing.T) {
	in := &Instruments{Curve: []CurveBand{
		{OrgPredikat: OrgBaik, Predikat: SangatBaik, ValidFrom: merit.NewDate(2022, 1, 1), MinPct: 0, MaxPct: 20},
		{OrgPredikat: OrgBaik, Predikat: Baik, ValidFrom: merit.NewDate(2022, 1, 1), MinPct: 60, MaxPct: 100},
	}}
	if d := in.CheckCurve(2024, OrgBaik, map[Predikat]int{SangatBaik: 2, Baik: 8}); len(d) != 0 {
		t.Errorf("20%% SB, 80%% B: %+v, want none", d)
	}
	d := in.CheckCurve(2024, OrgBaik, map[Predikat]int{SangatBaik: 5, Baik: 5})
	if len(d) != 2 || d[0].Predikat != SangatBaik || d[0].Percent() != 50 || d[1].Predikat != Baik {
		t.Errorf("50/50: %+v", d)
	}
	if d := in.CheckCurve(2024, OrgBaik, map[Predikat]int{SangatBaik: 9}); d != nil {
		t.Errorf("nine staff: %+v, want none", d)
	}
	if d := in.CheckCurve(2021, OrgBaik, map[Predikat]int{SangatBaik: 10}); d != nil {
		t.Errorf("before the curve: %+v, want none", d)
	}
}
