package succession

import (
	"slices"
	"testing"

	"merit"
)

func TestRetirementAge(t *testing.T) {
	for _, c := range []struct {
		jenis, jenjang string
		want           int
	}{
		{"JPT_PRATAMA", "", 60}, {"JPT_MADYA", "", 60}, {"ADMINISTRATOR", "", 58}, {"PENGAWAS", "", 58},
		{"PELAKSANA", "", 58}, {"JF_KEAHLIAN", "AHLI_UTAMA", 65}, {"JF_KEAHLIAN", "AHLI_MADYA", 60},
		{"JF_KEAHLIAN", "AHLI_MUDA", 58}, {"JF_KEAHLIAN", "AHLI_PERTAMA", 58}, {"JF_KETERAMPILAN", "PENYELIA", 58},
	} {
		if got := RetirementAge(c.jenis, c.jenjang); got != c.want {
			t.Errorf("RetirementAge(%s, %s) = %d, want %d", c.jenis, c.jenjang, got, c.want)
		}
	}
}

func TestRetirementDate(t *testing.T) {
	for _, c := range []struct {
		birth string
		age   int
		want  string
	}{
		{"1966-03-15", 60, "2026-04-01"},
		{"1966-03-01", 58, "2024-04-01"},
		{"1970-12-31", 58, "2029-01-01"}, // December rolls over the year
	} {
		if got := RetirementDate(merit.MustDate(c.birth), c.age).String(); got != c.want {
			t.Errorf("RetirementDate(%s, %d) = %s, want %s", c.birth, c.age, got, c.want)
		}
	}
	if !RetirementDate(merit.Date{}, 58).IsZero() {
		t.Error("unknown birth date gives a date")
	}
}

func TestRetiresSoon(t *testing.T) {
	today := merit.MustDate("2026-05-10")
	for _, c := range []struct {
		on   string
		want bool
	}{
		{"2028-05-10", true}, // exactly two years ahead
		{"2028-05-11", false},
		{"2026-01-01", true}, // already past
		{"2027-02-01", true},
	} {
		if got := RetiresSoon(merit.MustDate(c.on), today); got != c.want {
			t.Errorf("RetiresSoon(%s) = %v, want %v", c.on, got, c.want)
		}
	}
	if RetiresSoon(merit.Date{}, today) {
		t.Error("unknown date is soon")
	}
}

func TestBenchStrength(t *testing.T) {
	b := BenchStrength([]Status{
		{Candidates: 2, ReadyNow: 1, Retiring: true}, // ready: not at risk
		{Candidates: 1, ReadyNow: 0, Retiring: true}, // at risk
		{Candidates: 0, Retiring: true},              // at risk, no successor
	})
	want := Bench{Critical: 3, ReadyNow: 1, NoSuccessor: 1, AtRisk: 2, Percent: 3333}
	if b != want {
		t.Errorf("got %+v, want %+v", b, want)
	}
	if (BenchStrength(nil) != Bench{}) {
		t.Error("empty bench")
	}
	if got := BenchStrength([]Status{{Candidates: 1, ReadyNow: 1}, {}, {}}).Percent; got != 3333 {
		t.Errorf("1/3 = %d bp", got)
	}
	if got := BenchStrength([]Status{{Candidates: 1, ReadyNow: 1}, {Candidates: 1, ReadyNow: 1}, {}}).Percent; got != 6667 {
		t.Errorf("2/3 = %d bp, want 6667 (half up)", got)
	}
}

func TestCategoryOf(t *testing.T) {
	for score, want := range map[float64]Category{
		100: CategoryBuruk, 174.5: CategoryBuruk, 175: CategoryKurang, 249.5: CategoryKurang,
		250: CategoryBaik, 324.5: CategoryBaik, 325: CategorySangatBaik, 400: CategorySangatBaik,
	} {
		if got := CategoryOf(score); got != want {
			t.Errorf("CategoryOf(%v) = %s, want %s", score, got, want)
		}
	}
	if !CategorySangatBaik.AtLeast(CategoryBaik) || !CategoryBaik.AtLeast(CategoryBaik) || CategoryKurang.AtLeast(CategoryBaik) ||
		Category("x").AtLeast(CategoryBuruk) {
		t.Error("AtLeast")
	}
}

func TestMeritResultValidate(t *testing.T) {
	today := merit.MustDate("2026-05-10")
	ok := MeritResult{Year: 2025, Score: 263.5, Category: CategoryBaik, Decree: "B-123/KASN/12/2025", DecidedOn: merit.MustDate("2025-12-10")}
	if err := ok.Validate(today); err != nil || ok.Source != SourceManual {
		t.Fatal(err, ok.Source)
	}
	bad := MeritResult{Year: 2030, Score: 263.3, Category: "bagus", DecidedOn: merit.MustDate("2026-06-01")}
	var fields []string
	for _, f := range merit.FieldsOf(bad.Validate(today)) {
		fields = append(fields, f.Field)
	}
	if want := []string{"year", "score", "category", "decree", "decidedOn"}; !slices.Equal(fields, want) {
		t.Errorf("fields %v, want %v", fields, want)
	}
}

func TestCheckJPTFill(t *testing.T) {
	today := merit.MustDate("2026-05-10")
	baik := &MeritResult{Year: 2025, Category: CategoryBaik}
	box9 := &Candidate{Name: "Siti", Rank: 1, Box: 9}
	box8 := &Candidate{Name: "Budi", Rank: 1, Box: 8}
	codes := func(err error) []string {
		var out []string
		for _, f := range merit.FieldsOf(err) {
			out = append(out, f.Code)
		}
		return out
	}
	if n, err := CheckJPTFill("JPT_PRATAMA", baik, today, []*Candidate{box9, box8}); err != nil || n != box9 {
		t.Fatalf("allowed fill: %v %v", n, err)
	}
	sb := &MeritResult{Year: 2024, Category: CategorySangatBaik}
	if _, err := CheckJPTFill("JPT_PRATAMA", sb, today, []*Candidate{box9}); err != nil {
		t.Errorf("Sangat Baik of two years ago still stands: %v", err)
	}
	for name, c := range map[string]struct {
		jenis  string
		result *MeritResult
		cands  []*Candidate
		want   []string
	}{
		"not a JPT":      {"ADMINISTRATOR", baik, []*Candidate{box9}, []string{"succession.fill.not_jpt"}},
		"no result":      {"JPT_PRATAMA", nil, []*Candidate{box9}, []string{"succession.fill.no_merit_result"}},
		"kurang":         {"JPT_PRATAMA", &MeritResult{Year: 2025, Category: CategoryKurang}, []*Candidate{box9}, []string{"succession.fill.merit_below_baik"}},
		"stale baik":     {"JPT_PRATAMA", &MeritResult{Year: 2024, Category: CategoryBaik}, []*Candidate{box9}, []string{"succession.fill.merit_stale"}},
		"rank 1 in box8": {"JPT_PRATAMA", baik, []*Candidate{box8, box9}, []string{"succession.fill.not_box9"}},
		"no candidate":   {"JPT_PRATAMA", baik, nil, []string{"succession.fill.no_candidate"}},
		"everything":     {"PENGAWAS", nil, nil, []string{"succession.fill.not_jpt", "succession.fill.no_merit_result", "succession.fill.no_candidate"}},
	} {
		_, err := CheckJPTFill(c.jenis, c.result, today, c.cands)
		if merit.KindOf(err) != merit.KindInvalid || !slices.Equal(codes(err), c.want) {
			t.Errorf("%s: %v, want %v", name, codes(err), c.want)
		}
	}
}

func TestValidate(t *testing.T) {
	c := Critical{Reasons: []Reason{ReasonVacancy, ReasonStrategic, ReasonVacancy}}
	if err := c.Validate(); err != nil || !slices.Equal(c.Reasons, []Reason{ReasonStrategic, ReasonVacancy}) {
		t.Errorf("%v %v", c.Reasons, err)
	}
	if err := (&Critical{}).Validate(); merit.CodeOf(err) == "" || len(merit.FieldsOf(err)) != 1 {
		t.Errorf("no reason: %v", err)
	}
	if err := (&Critical{Reasons: []Reason{"lucky"}}).Validate(); len(merit.FieldsOf(err)) != 1 {
		t.Errorf("unknown reason: %v", err)
	}
	p := Pool{Boxes: []int{9, 7, 8}}
	if err := p.Validate(); err != nil || !slices.Equal(p.Boxes, DefaultPoolBoxes) || !p.Contains(8) || p.Contains(6) {
		t.Errorf("%v %v", p.Boxes, err)
	}
	if err := (&Pool{Boxes: []int{0, 9, 9}}).Validate(); len(merit.FieldsOf(err)) != 2 {
		t.Errorf("bad pool: %v", err)
	}
	if err := (&Candidate{EmployeeID: 1, Rank: 0, Readiness: "soon"}).Validate(); len(merit.FieldsOf(err)) != 2 {
		t.Errorf("bad candidate: %v", err)
	}
}

func TestRerank(t *testing.T) {
	a, b, c := &Candidate{ID: 1, Rank: 1}, &Candidate{ID: 2, Rank: 2}, &Candidate{ID: 3, Rank: 1}
	cs := []*Candidate{a, b, c}
	Rerank(cs, c)
	if cs[0] != c || cs[1] != a || cs[2] != b || a.Rank != 2 || b.Rank != 3 || c.Rank != 1 {
		t.Errorf("order %d %d %d", cs[0].ID, cs[1].ID, cs[2].ID)
	}
}
