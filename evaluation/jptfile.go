package evaluation

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"merit"
)

// The JPT-index file: the Indeks Kualitas Pengisian JPT as the JSON the
// platform admin exports, edits and imports back, like the merit
// instruments' file (docs/decisions.md "JPT index as a file").

// maxJPTDays bounds the two day counts of the JPT index (a year).
const maxJPTDays = 365

// Validate checks the JPT index: the JPT framework and a version, day counts
// within 1..365, dimensions with unique codes, a name, a sign of +1 or −1
// and a weight within 0..100 (the adding weights summing to 100),
// indicators with unique codes, a text, a positive Max and a known measure,
// and bands that cover the whole scale: the first starting at 0, each
// lower bound within 0..100 and above the one before. Field names follow
// the JSON so an error points at what to fix in the file.
func (x *JPTIndex) Validate() error {
	var fs merit.Fields
	if x.Framework != InstrumentJPT {
		fs.Add("framework", "evaluation.err.framework", string(x.Framework))
	}
	if x.Version == "" {
		fs.Add("version", "field.required", "")
	}
	if x.MinAnnouncementDays < 1 || x.MinAnnouncementDays > maxJPTDays {
		fs.Add("minAnnouncementDays", "field.range", fmt.Sprint(x.MinAnnouncementDays), 1, maxJPTDays)
	}
	if x.ReportWithinDays < 1 || x.ReportWithinDays > maxJPTDays {
		fs.Add("reportWithinDays", "field.range", fmt.Sprint(x.ReportWithinDays), 1, maxJPTDays)
	}
	if len(x.Dimensions) == 0 {
		fs.Add("dimensions", "field.required", "")
	}
	dims, inds := map[string]bool{}, map[string]bool{}
	var adding Score
	for i, d := range x.Dimensions {
		dt := fmt.Sprintf("dimensions[%d]", i)
		checkCode(&fs, dt+".code", d.Code, dims)
		if d.Name == "" {
			fs.Add(dt+".name", "field.required", "")
		}
		if d.Sign != 1 && d.Sign != -1 {
			fs.Add(dt+".sign", "evaluation.err.sign", fmt.Sprint(d.Sign))
		}
		if d.Weight <= 0 || d.Weight > Points(100) {
			fs.Add(dt+".weight", "field.range", d.Weight.String(), 0, 100)
		}
		if d.Sign == 1 {
			adding += d.Weight
		}
		if len(d.Indicators) == 0 {
			fs.Add(dt+".indicators", "field.required", "")
		}
		for j, ind := range d.Indicators {
			it := fmt.Sprintf("%s.indicators[%d]", dt, j)
			checkCode(&fs, it+".code", ind.Code, inds)
			if ind.Text == "" {
				fs.Add(it+".text", "field.required", "")
			}
			if ind.Max <= 0 || ind.Max > Points(100) {
				fs.Add(it+".max", "field.range", ind.Max.String(), 0, 100)
			}
			if ind.Measure != "" && !slices.Contains(JPTMeasures, ind.Measure) {
				fs.Add(it+".measure", "evaluation.err.measure", string(ind.Measure))
			}
		}
	}
	if len(x.Dimensions) > 0 && adding != Points(100) {
		fs.Add("dimensions", "evaluation.err.weights", adding.String())
	}
	checkCategories(&fs, "bands", x.Bands)
	for i, b := range x.Bands {
		switch {
		case i == 0 && b.Min != 0:
			fs.Add("bands[0].min", "evaluation.err.bands_from_zero", b.Min.String())
		case b.Min < 0 || b.Min > Points(100):
			fs.Add(fmt.Sprintf("bands[%d].min", i), "field.range", b.Min.String(), 0, 100)
		}
	}
	return fs.Err("evaluation.JPTIndex.Validate")
}

// Ref names the JPT index's version, as stored results name it.
func (x *JPTIndex) Ref() InstrumentRef {
	return InstrumentRef{Framework: x.Framework, Version: x.Version}
}

// Indicators counts the JPT index's indicators (what an import reports).
func (x *JPTIndex) Indicators() int {
	n := 0
	for _, d := range x.Dimensions {
		n += len(d.Indicators)
	}
	return n
}

// ReadJPTIndex reads a JPT-index file (JSON, what WriteJPTIndex writes) and
// validates it, with the errors ReadInstrument gives: unknown fields and
// trailing data refused, a syntax error at its line and column, a broken
// rule at its JSON path.
func ReadJPTIndex(r io.Reader) (*JPTIndex, error) {
	var x JPTIndex
	if fe := decodeStrict(r, &x); fe != nil {
		return nil, merit.Invalid("evaluation.ReadJPTIndex", *fe)
	}
	if err := x.Validate(); err != nil {
		return nil, err
	}
	return &x, nil
}

// WriteJPTIndex writes the JPT index as the JSON file ReadJPTIndex reads.
func WriteJPTIndex(w io.Writer, x *JPTIndex) error { return writeJSON(w, x) }

// FrameworkOf reads the "framework" of an instrument or JPT-index file, so
// one import command takes either; it is empty when the file has none or is
// not a JSON object (the reader then says what is wrong).
func FrameworkOf(file []byte) Framework {
	var head struct {
		Framework Framework `json:"framework"`
	}
	_ = json.NewDecoder(bytes.NewReader(file)).Decode(&head)
	return head.Framework
}

// CompareVersions orders two version names part by part, split at dots,
// numbers by value ("2021.10" after "2021.9") and other parts as text, so
// the newest JPT-index version is the greatest.
func CompareVersions(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := range min(len(pa), len(pb)) {
		na, ea := strconv.ParseUint(pa[i], 10, 64)
		nb, eb := strconv.ParseUint(pb[i], 10, 64)
		c := strings.Compare(pa[i], pb[i])
		if ea == nil && eb == nil {
			c = cmp.Compare(na, nb)
		}
		if c != 0 {
			return c
		}
	}
	return cmp.Compare(len(pa), len(pb))
}
