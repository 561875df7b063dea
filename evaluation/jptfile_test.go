package evaluation

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"merit"
)

// The shipped JPT index goes out as a file and back in identical.
func TestJPTFileRoundTrip(t *testing.T) {
	seed := SeedJPT()
	var buf bytes.Buffer
	if err := WriteJPTIndex(&buf, seed); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"weight": "25"`) {
		t.Errorf("weights must be written as decimal strings:\n%s", buf.String())
	}
	if FrameworkOf(buf.Bytes()) != InstrumentJPT {
		t.Errorf("FrameworkOf = %q", FrameworkOf(buf.Bytes()))
	}
	back, err := ReadJPTIndex(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(seed)
	b, _ := json.Marshal(back)
	if !bytes.Equal(a, b) || back.Ref() != (InstrumentRef{Framework: InstrumentJPT, Version: "2021.1"}) || back.Indicators() == 0 {
		t.Errorf("round trip changed the index:\n%s\n%s", a, b)
	}
}

// Each broken rule is named by the JSON path of what to fix.
func TestJPTIndexValidate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(x *JPTIndex)
		field string
	}{
		{"framework", func(x *JPTIndex) { x.Framework = InstrumentKASN2018 }, "framework=evaluation.err.framework"},
		{"version", func(x *JPTIndex) { x.Version = "" }, "version=field.required"},
		{"announcement", func(x *JPTIndex) { x.MinAnnouncementDays = 0 }, "minAnnouncementDays=field.range"},
		{"report", func(x *JPTIndex) { x.ReportWithinDays = 400 }, "reportWithinDays=field.range"},
		{"no dimensions", func(x *JPTIndex) { x.Dimensions = nil }, "dimensions=field.required"},
		{"weights", func(x *JPTIndex) { x.Dimensions[0].Weight = Points(30) }, "dimensions=evaluation.err.weights"},
		{"weight range", func(x *JPTIndex) { x.Dimensions[4].Weight = Points(101) }, "dimensions[4].weight=field.range"},
		{"dimension code", func(x *JPTIndex) { x.Dimensions[2].Code = x.Dimensions[1].Code }, "dimensions[2].code=evaluation.err.duplicate_code"},
		{"dimension name", func(x *JPTIndex) { x.Dimensions[1].Name = "" }, "dimensions[1].name=field.required"},
		{"sign", func(x *JPTIndex) { x.Dimensions[4].Sign = 0 }, "dimensions[4].sign=evaluation.err.sign"},
		{"no indicators", func(x *JPTIndex) { x.Dimensions[3].Indicators = nil }, "dimensions[3].indicators=field.required"},
		{"measure", func(x *JPTIndex) { x.Dimensions[0].Indicators[0].Measure = "x" }, "dimensions[0].indicators[0].measure=evaluation.err.measure"},
		{"duplicate", func(x *JPTIndex) { x.Dimensions[1].Indicators[0].Code = "pansel" }, "dimensions[1].indicators[0].code=evaluation.err.duplicate_code"},
		{"text", func(x *JPTIndex) { x.Dimensions[0].Indicators[1].Text = "" }, "dimensions[0].indicators[1].text=field.required"},
		{"max", func(x *JPTIndex) { x.Dimensions[0].Indicators[1].Max = 0 }, "dimensions[0].indicators[1].max=field.range"},
		{"no bands", func(x *JPTIndex) { x.Bands = nil }, "bands=field.required"},
		{"band order", func(x *JPTIndex) { x.Bands[2].Min = Points(70) }, "bands[2].min=evaluation.err.category_order"},
		{"band code", func(x *JPTIndex) { x.Bands[1].Code = "kurang" }, "bands[1].code=evaluation.err.duplicate_code"},
		{"band label", func(x *JPTIndex) { x.Bands[3].Label = "" }, "bands[3].label=field.required"},
		{"scale start", func(x *JPTIndex) { x.Bands[0].Min = Points(10) }, "bands[0].min=evaluation.err.bands_from_zero"},
		{"scale end", func(x *JPTIndex) { x.Bands[3].Min = Points(101) }, "bands[3].min=field.range"},
	} {
		x := SeedJPT()
		tc.edit(x)
		if f := fieldsOf(x.Validate()); !slices.Contains(f, tc.field) {
			t.Errorf("%s: %v, want %s", tc.name, f, tc.field)
		}
	}
}

// The reader refuses what the strict decoding refuses, naming where.
func TestReadJPTIndexErrors(t *testing.T) {
	var seed bytes.Buffer
	if err := WriteJPTIndex(&seed, SeedJPT()); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, file, field string }{
		{"syntax", "{\n \"framework\": \"kasn-jpt\",\n \"version\" \"x\"}", "line 3:12=evaluation.err.json"},
		{"unknown field", `{"framework": "kasn-jpt", "colour": "red"}`, "file=evaluation.err.json"},
		{"type", `{"dimensions": [{"weight": "lots"}]}`, "dimensions.weight=evaluation.err.json"},
		{"trailing", seed.String() + "{}", "file=evaluation.err.json"},
		{"rule", strings.Replace(seed.String(), `"min": "0"`, `"min": "5"`, 1), "bands[0].min=evaluation.err.bands_from_zero"},
	} {
		_, err := ReadJPTIndex(strings.NewReader(tc.file))
		if merit.KindOf(err) != merit.KindInvalid || !slices.Contains(fieldsOf(err), tc.field) {
			t.Errorf("%s: %v (%v), want %s", tc.name, fieldsOf(err), err, tc.field)
		}
	}
}

func TestCompareVersions(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"2021.1", "2021.1", 0},
		{"2021.1", "2021.2", -1},
		{"2021.10", "2021.9", 1},
		{"2022.1", "2021.9", 1},
		{"2021", "2021.1", -1},
		{"2021.1a", "2021.1b", -1},
	} {
		if got := CompareVersions(tc.a, tc.b); got != tc.want {
			t.Errorf("CompareVersions(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

// FuzzReadJPTIndex: whatever the bytes, the reader answers an invalid-input
// error or a valid index that writes and reads back the same.
func FuzzReadJPTIndex(f *testing.F) {
	var buf bytes.Buffer
	if err := WriteJPTIndex(&buf, SeedJPT()); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(`{"framework":"kasn-jpt","dimensions":[{"weight":"100","sign":1,"indicators":[{"max":"1"}]}]}`))
	f.Add([]byte(`{"bands": [{"min": 1e999}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		x, err := ReadJPTIndex(bytes.NewReader(b))
		if err != nil {
			if merit.KindOf(err) != merit.KindInvalid {
				t.Fatalf("error of kind %v: %v", merit.KindOf(err), err)
			}
			return
		}
		if err := x.Validate(); err != nil {
			t.Fatalf("accepted an invalid index: %v", err)
		}
		var out bytes.Buffer
		if err := WriteJPTIndex(&out, x); err != nil {
			t.Fatal(err)
		}
		back, err := ReadJPTIndex(&out)
		if err != nil {
			t.Fatalf("written index does not read back: %v", err)
		}
		a, _ := json.Marshal(x)
		c, _ := json.Marshal(back)
		if !bytes.Equal(a, c) {
			t.Fatalf("round trip changed the index:\n%s\n%s", a, c)
		}
	})
}
