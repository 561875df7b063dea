package evaluation

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"merit"
)

func TestKASNSeed(t *testing.T) {
	in := Seed(InstrumentKASN2018)
	if in == nil {
		t.Fatal("no KASN seed")
	}
	if err := in.Validate(); err != nil {
		t.Fatal(err)
	}
	names := []string{"Perencanaan Kebutuhan", "Pengadaan", "Pengembangan Karier", "Promosi dan Mutasi",
		"Manajemen Kinerja", "Penggajian, Penghargaan, dan Disiplin", "Perlindungan dan Pelayanan", "Sistem Informasi"}
	var got []string
	for _, a := range in.Aspects {
		got = append(got, a.Name)
	}
	if !slices.Equal(got, names) {
		t.Errorf("aspects = %q, want the 8 of §1.2", got)
	}
	if !in.Unverified || in.MinLevel != 1 || in.MaxLevel != 4 {
		t.Errorf("unverified=%t levels %d-%d, want unverified 1-4", in.Unverified, in.MinLevel, in.MaxLevel)
	}
	var sum Score
	for _, ind := range in.Indicators() {
		sum += ind.Weight
		if !ind.Unverified {
			t.Errorf("indicator %s not flagged unverified (§1.3 is [I])", ind.Code)
		}
		if ind.Weight%(One/2) != 0 {
			t.Errorf("indicator %s weight %s not a multiple of 0.5", ind.Code, ind.Weight)
		}
		if len(ind.Rubric) != 4 {
			t.Errorf("indicator %s has %d rubric levels", ind.Code, len(ind.Rubric))
		}
	}
	if sum != Points(100) {
		t.Errorf("weights add to %s, want 100", sum)
	}
	// The indicators the suggestions speak to exist.
	for _, r := range SuggestRules {
		if _, ok := in.Indicator(r.Indicator); r.Instrument == InstrumentKASN2018 && !ok {
			t.Errorf("suggest rule for unknown indicator %s", r.Indicator)
		}
	}
}

// uniform gives every indicator the same level.
func uniform(in *Instrument, level int) Levels {
	out := Levels{}
	for _, ind := range in.Indicators() {
		out[ind.Code] = level
	}
	return out
}

func TestKASNRangeAndCategories(t *testing.T) {
	in := Seed(InstrumentKASN2018)
	for level, want := range map[int]string{1: "100", 2: "200", 3: "300", 4: "400"} {
		got, err := in.Total(uniform(in, level))
		if err != nil || got.String() != want {
			t.Errorf("all level %d: total %s, %v; want %s", level, got, err, want)
		}
	}
	for _, tc := range []struct{ total, cat string }{
		{"100", "buruk"}, {"149.5", "buruk"}, {"174.5", "buruk"},
		{"175", "kurang"}, {"249.5", "kurang"},
		{"250", "baik"}, {"273", "baik"}, {"324.5", "baik"},
		{"325", "sangat-baik"}, {"331.5", "sangat-baik"}, {"400", "sangat-baik"},
	} {
		c, ok := in.Category(mustScore(t, tc.total))
		if !ok || c.Code != tc.cat {
			t.Errorf("category(%s) = %q, want %q", tc.total, c.Code, tc.cat)
		}
		if want := tc.cat == "baik" || tc.cat == "sangat-baik"; c.Award != want {
			t.Errorf("category(%s) award = %t, want %t", tc.total, c.Award, want)
		}
	}
	if _, ok := in.Category(mustScore(t, "99.5")); ok {
		t.Errorf("99.5 is below every category")
	}
}

func TestTotalNeedsEveryLevel(t *testing.T) {
	in := Seed(InstrumentKASN2018)
	levels := uniform(in, 3)
	delete(levels, "4.2")
	levels["8.1"] = 5
	_, err := in.Total(levels)
	fields := fieldsOf(err)
	if merit.KindOf(err) != merit.KindInvalid || !slices.Contains(fields, "levels.4.2=evaluation.err.level_missing") || !slices.Contains(fields, "levels.8.1=field.range") {
		t.Errorf("Total with a missing and a bad level: %v", err)
	}
}

func fieldsOf(err error) []string {
	var out []string
	for _, f := range merit.FieldsOf(err) {
		out = append(out, f.Field+"="+f.Code)
	}
	return out
}

func TestInstrumentFileRoundTrip(t *testing.T) {
	for _, in := range Seeds() {
		var buf bytes.Buffer
		if err := WriteInstrument(&buf, in); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(buf.String(), `"weight": 3.5`) || !strings.Contains(buf.String(), `"weight": "`) {
			t.Errorf("%s: weights must be written as decimal strings", in.Framework)
		}
		back, err := ReadInstrument(&buf)
		if err != nil {
			t.Fatalf("%s: read back: %v", in.Framework, err)
		}
		a, _ := json.Marshal(in)
		b, _ := json.Marshal(back)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: round trip changed the instrument", in.Framework)
		}
	}
}

// TestInstrumentValidation breaks one thing at a time in the KASN seed and
// checks that the error names the field and the rule.
func TestInstrumentValidation(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(in *Instrument)
		field string
	}{
		{"weights not 100", func(in *Instrument) { in.Aspects[0].Indicators[0].Weight += One }, "aspects=evaluation.err.weights"},
		{"weight not a half", func(in *Instrument) {
			in.Aspects[0].Indicators[0].Weight += One / 4
			in.Aspects[0].Indicators[1].Weight -= One / 4
		}, "aspects[0].indicators[0].weight=evaluation.err.weight_step"},
		{"zero weight", func(in *Instrument) {
			in.Aspects[7].Indicators[0].Weight, in.Aspects[7].Indicators[1].Weight = 0, Points(5)
		}, "aspects[7].indicators[0].weight=evaluation.err.weight_step"},
		{"duplicate indicator code", func(in *Instrument) { in.Aspects[1].Indicators[0].Code = "1.1" }, "aspects[1].indicators[0].code=evaluation.err.duplicate_code"},
		{"duplicate aspect code", func(in *Instrument) { in.Aspects[2].Code = "1" }, "aspects[2].code=evaluation.err.duplicate_code"},
		{"missing indicator code", func(in *Instrument) { in.Aspects[2].Indicators[3].Code = "" }, "aspects[2].indicators[3].code=field.required"},
		{"level 5 on a 1-4 scale", func(in *Instrument) { in.Aspects[3].Indicators[1].Rubric[3].Level = 5 }, "aspects[3].indicators[1].rubric[3].level=field.range"},
		{"level 0", func(in *Instrument) { in.Aspects[3].Indicators[1].Rubric[0].Level = 0 }, "aspects[3].indicators[1].rubric[0].level=field.range"},
		{"repeated level", func(in *Instrument) { in.Aspects[3].Indicators[1].Rubric[1].Level = 1 }, "aspects[3].indicators[1].rubric[1].level=evaluation.err.duplicate_level"},
		{"level without text", func(in *Instrument) { in.Aspects[4].Indicators[0].Rubric[2].Text = "" }, "aspects[4].indicators[0].rubric[2].text=field.required"},
		{"missing level", func(in *Instrument) {
			in.Aspects[4].Indicators[0].Rubric = in.Aspects[4].Indicators[0].Rubric[:3]
		}, "aspects[4].indicators[0].rubric=evaluation.err.rubric_missing"},
		{"categories out of order", func(in *Instrument) { in.Categories[2].Min = Points(175) }, "categories[2].min=evaluation.err.category_order"},
		{"unknown framework", func(in *Instrument) { in.Framework = "kasn-2017" }, "framework=evaluation.err.framework"},
		{"valid to before from", func(in *Instrument) { in.ValidTo = merit.MustDate("2018-01-01") }, "validTo=evaluation.err.valid_to"},
		{"level range", func(in *Instrument) { in.MaxLevel = 1 }, "maxLevel=evaluation.err.level_range"},
	} {
		in := Seed(InstrumentKASN2018)
		tc.edit(in)
		err := in.Validate()
		if merit.KindOf(err) != merit.KindInvalid || !slices.Contains(fieldsOf(err), tc.field) {
			t.Errorf("%s: got %v, want a field error %s", tc.name, fieldsOf(err), tc.field)
		}
	}
}

func TestReadInstrumentErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteInstrument(&buf, Seed(InstrumentKASN2018)); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	for _, tc := range []struct {
		name, file, field string
	}{
		{"syntax error names line and column", strings.Replace(good, `"version": "2019.1",`, `"version": "2019.1"`, 1), "line 4:2"},
		{"unknown field", strings.Replace(good, `"version"`, `"versi"`, 1), "file"},
		{"weight not a number", strings.Replace(good, `"weight": "3"`, `"weight": "tiga"`, 1), "aspects.indicators.weight"},
		{"trailing data", good + "{}", "file"},
		{"weights not 100", strings.Replace(good, `"weight": "3"`, `"weight": "4"`, 1), "aspects"},
	} {
		_, err := ReadInstrument(strings.NewReader(tc.file))
		fs := merit.FieldsOf(err)
		if merit.KindOf(err) != merit.KindInvalid || len(fs) == 0 || fs[0].Field != tc.field {
			t.Errorf("%s: got %v (%v), want field %q", tc.name, fs, err, tc.field)
		}
	}
	big := strings.Repeat(" ", maxInstrumentFile+1)
	if fs := merit.FieldsOf(mustFail(ReadInstrument(strings.NewReader(big)))); len(fs) == 0 || fs[0].Code != "evaluation.err.file_size" {
		t.Errorf("oversized file: %v", fs)
	}
}

func mustFail(_ *Instrument, err error) error { return err }

// FuzzReadInstrument: no input makes the reader panic, and whatever it
// accepts is valid and survives a write and a read unchanged.
func FuzzReadInstrument(f *testing.F) {
	for _, in := range Seeds() {
		var buf bytes.Buffer
		if err := WriteInstrument(&buf, in); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	f.Add([]byte(`{"framework":"kasn-2018","aspects":[{"indicators":[{"weight":"100"}]}]}`))
	f.Add([]byte(`{"weight": 1e999}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		in, err := ReadInstrument(bytes.NewReader(b))
		if err != nil {
			if merit.KindOf(err) != merit.KindInvalid {
				t.Fatalf("error of kind %v: %v", merit.KindOf(err), err)
			}
			return
		}
		if err := in.Validate(); err != nil {
			t.Fatalf("accepted an invalid instrument: %v", err)
		}
		var buf bytes.Buffer
		if err := WriteInstrument(&buf, in); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadInstrument(&buf); err != nil {
			t.Fatalf("written instrument does not read back: %v", err)
		}
	})
}

// TestSeedsCanonical: the shipped files are byte for byte what the export
// writes, so an admin's exported and edited file diffs cleanly against them.
func TestSeedsCanonical(t *testing.T) {
	check := func(name string, write func(*bytes.Buffer) error) {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		b, err := seeds.ReadFile("instruments/" + name)
		if name == "jpt/kasn-jpt.json" {
			b, err = jptSeed, nil
		}
		if err != nil || !bytes.Equal(b, buf.Bytes()) {
			t.Errorf("%s is not what WriteInstrument writes (%v)", name, err)
		}
	}
	for _, in := range Seeds() {
		check(string(in.Framework)+".json", func(b *bytes.Buffer) error { return WriteInstrument(b, in) })
	}
	check("jpt/kasn-jpt.json", func(b *bytes.Buffer) error { return WriteJPTIndex(b, SeedJPT()) })
}
