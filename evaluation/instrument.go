package evaluation

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"

	"merit"
)

// seeds are the shipped instruments (docs/decisions.md "Evaluation
// instruments as JSON"): one JSON file per instrument version, in the same
// format ReadInstrument reads and WriteInstrument writes, so the platform
// admin edits an exported file and imports it back.
//
//go:embed instruments/*.json
var seeds embed.FS

// Seeds returns fresh copies of the shipped instruments, KASN first. The
// files are checked by the package tests, so a broken one is a bug: it
// panics.
func Seeds() []*Instrument {
	files, err := seeds.ReadDir("instruments")
	if err != nil {
		panic(err)
	}
	var out []*Instrument
	for _, f := range files { // in name order: kasn-2018 before permenpanrb-19-2025
		out = append(out, mustSeed(f.Name()))
	}
	return out
}

// Seed returns a fresh copy of the shipped instrument of a framework
// (InstrumentKASN2018 or InstrumentPANRB2025), or nil.
func Seed(framework string) *Instrument {
	for _, in := range Seeds() {
		if string(in.Framework) == framework {
			return in
		}
	}
	return nil
}

func mustSeed(name string) *Instrument {
	b, err := seeds.ReadFile("instruments/" + name)
	if err != nil {
		panic(err)
	}
	in, err := ReadInstrument(bytes.NewReader(b))
	if err != nil {
		panic(fmt.Sprintf("evaluation: shipped instrument %s: %v", name, err))
	}
	return in
}

// maxInstrumentFile bounds an instrument file: the KASN instrument is about
// 25 KB, so 2 MB leaves room and stops a runaway upload.
const maxInstrumentFile = 2 << 20

// ReadInstrument reads an instrument file (JSON, the format WriteInstrument
// writes) and validates it. A syntax error names the line and column; a
// broken rule names the field path (aspects[2].indicators[0].weight) and the
// rule, as KindInvalid field errors.
func ReadInstrument(r io.Reader) (*Instrument, error) {
	const op = "evaluation.ReadInstrument"
	var in Instrument
	if err := decodeStrict(r, &in); err != nil {
		return nil, merit.Invalid(op, *err)
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	return &in, nil
}

// decodeStrict decodes one JSON document into v, refusing unknown fields and
// trailing data, and turns a failure into a field error naming where.
func decodeStrict(r io.Reader, v any) *merit.FieldError {
	b, err := io.ReadAll(io.LimitReader(r, maxInstrumentFile+1))
	if err != nil {
		return &merit.FieldError{Field: "file", Code: "evaluation.err.file_read", Value: err.Error()}
	}
	if len(b) > maxInstrumentFile {
		return &merit.FieldError{Field: "file", Code: "evaluation.err.file_size", Args: []any{maxInstrumentFile >> 20}}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	err = dec.Decode(v)
	if err == nil && dec.More() {
		err = errors.New("data after the instrument")
	}
	if err == nil {
		return nil
	}
	fe := &merit.FieldError{Field: "file", Code: "evaluation.err.json", Value: err.Error()}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := position(b, syn.Offset)
		fe.Field = fmt.Sprintf("line %d:%d", line, col)
	case errors.As(err, &typ):
		fe.Field, fe.Value = typ.Field, typ.Value
	}
	return fe
}

// position turns the offset json reports (bytes read, the offending one
// included) into the 1-based line and column of the offending byte.
func position(b []byte, offset int64) (line, col int) {
	offset = min(max(offset-1, 0), int64(len(b)))
	before := b[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(offset) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// WriteInstrument writes the instrument as the JSON file ReadInstrument
// reads: indented, scores as decimal strings ("3.5"), never floats.
func WriteInstrument(w io.Writer, in *Instrument) error { return writeJSON(w, in) }

// writeJSON writes v as an instrument file: indented by one space, text
// unescaped (rubric text keeps its "&" and "<").
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("evaluation: writing an instrument file: %w", err)
	}
	return nil
}

// UnmarshalJSON accepts a score written as a string ("3.5", what
// WriteInstrument writes) or as a plain JSON number (3.5, as a person may
// type it), both read exactly by ParseScore.
func (s *Score) UnmarshalJSON(b []byte) error {
	t := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &t); err != nil {
			return err
		}
	}
	if err := s.UnmarshalText([]byte(t)); err != nil {
		// A type error, so encoding/json adds the field path to it.
		return &json.UnmarshalTypeError{Value: "score " + strconv.Quote(t), Type: reflect.TypeFor[Score]()}
	}
	return nil
}

// weightStep is the unit of every indicator weight: KASN weights are
// multiples of 0.5 (regulations.md §1.4).
const weightStep = One / 2

// Validate checks an instrument: a known framework, a version and name,
// validity dates in order, a level range, unique aspect and indicator codes,
// weights that are positive multiples of 0.5 adding to 100, a rubric text for
// every level, and categories with unique codes in ascending order. Field
// names follow the JSON so an error points at what to fix in the file.
func (in *Instrument) Validate() error {
	var fs merit.Fields
	switch in.Framework {
	case InstrumentKASN2018, InstrumentPANRB2025:
	default:
		fs.Add("framework", "evaluation.err.framework", string(in.Framework))
	}
	if in.Version == "" {
		fs.Add("version", "field.required", "")
	}
	if in.Name == "" {
		fs.Add("name", "field.required", "")
	}
	if in.ValidFrom.IsZero() {
		fs.Add("validFrom", "field.required", "")
	}
	if !in.ValidTo.IsZero() && in.ValidTo.Before(in.ValidFrom) {
		fs.Add("validTo", "evaluation.err.valid_to", in.ValidTo.String())
	}
	if in.MinLevel < 0 || in.MaxLevel <= in.MinLevel || in.MaxLevel > 9 {
		fs.Add("maxLevel", "evaluation.err.level_range", fmt.Sprint(in.MinLevel, "-", in.MaxLevel))
	}
	if len(in.Aspects) == 0 {
		fs.Add("aspects", "field.required", "")
	}
	aspects := map[string]bool{}
	indicators := map[string]bool{}
	var sum Score
	for i, a := range in.Aspects {
		at := fmt.Sprintf("aspects[%d]", i)
		checkCode(&fs, at+".code", a.Code, aspects)
		if a.Name == "" {
			fs.Add(at+".name", "field.required", "")
		}
		if len(a.Indicators) == 0 {
			fs.Add(at+".indicators", "field.required", "")
		}
		for j, ind := range a.Indicators {
			it := fmt.Sprintf("%s.indicators[%d]", at, j)
			checkCode(&fs, it+".code", ind.Code, indicators)
			if ind.Text == "" {
				fs.Add(it+".text", "field.required", "")
			}
			if ind.Weight <= 0 || ind.Weight%weightStep != 0 {
				fs.Add(it+".weight", "evaluation.err.weight_step", ind.Weight.String())
			}
			sum += ind.Weight
			in.checkRubric(&fs, it+".rubric", ind.Rubric)
		}
	}
	if len(in.Aspects) > 0 && sum != Points(100) {
		fs.Add("aspects", "evaluation.err.weights", sum.String())
	}
	checkCategories(&fs, "categories", in.Categories)
	if s := in.Survey; s != nil {
		if s.MaturityWeight < 0 || s.SurveyWeight < 0 || s.MaturityWeight+s.SurveyWeight != One {
			fs.Add("survey.surveyWeight", "evaluation.err.survey_weights", (s.MaturityWeight + s.SurveyWeight).String())
		}
		if s.FullLevel <= in.MinLevel || s.FullLevel > in.MaxLevel {
			fs.Add("survey.fullLevel", "field.range", fmt.Sprint(s.FullLevel), in.MinLevel+1, in.MaxLevel)
		}
		if s.CorrectionPerViolation < 0 || s.CorrectionPerViolation > One {
			fs.Add("survey.correctionPerViolation", "field.range", s.CorrectionPerViolation.String(), 0, 1)
		}
		if s.MinGroupSize < 1 {
			fs.Add("survey.minGroupSize", "field.range", fmt.Sprint(s.MinGroupSize), 1, "∞")
		}
	}
	return fs.Err("evaluation.Instrument.Validate")
}

// checkCode requires a code and refuses one already seen.
func checkCode(fs *merit.Fields, field, code string, seen map[string]bool) {
	switch {
	case code == "":
		fs.Add(field, "field.required", "")
	case seen[code]:
		fs.Add(field, "evaluation.err.duplicate_code", code)
	}
	seen[code] = true
}

// checkRubric requires exactly one text for each level MinLevel..MaxLevel.
func (in *Instrument) checkRubric(fs *merit.Fields, field string, rubric []Level) {
	seen := map[int]bool{}
	for k, l := range rubric {
		lt := fmt.Sprintf("%s[%d]", field, k)
		switch {
		case l.Level < in.MinLevel || l.Level > in.MaxLevel:
			fs.Add(lt+".level", "field.range", fmt.Sprint(l.Level), in.MinLevel, in.MaxLevel)
		case seen[l.Level]:
			fs.Add(lt+".level", "evaluation.err.duplicate_level", fmt.Sprint(l.Level))
		}
		seen[l.Level] = true
		if l.Text == "" {
			fs.Add(lt+".text", "field.required", "")
		}
	}
	for l := in.MinLevel; l <= in.MaxLevel && in.MaxLevel-in.MinLevel < 10; l++ {
		if !seen[l] {
			fs.Add(field, "evaluation.err.rubric_missing", "", l)
		}
	}
}

// checkCategories requires at least one band, unique codes, labels and
// strictly ascending lower bounds.
func checkCategories(fs *merit.Fields, field string, cats []Category) {
	if len(cats) == 0 {
		fs.Add(field, "field.required", "")
	}
	seen := map[string]bool{}
	for i, c := range cats {
		ct := fmt.Sprintf("%s[%d]", field, i)
		checkCode(fs, ct+".code", c.Code, seen)
		if c.Label == "" {
			fs.Add(ct+".label", "field.required", "")
		}
		if i > 0 && c.Min <= cats[i-1].Min {
			fs.Add(ct+".min", "evaluation.err.category_order", c.Min.String())
		}
	}
}

// Indicators returns every indicator of the instrument in order.
func (in *Instrument) Indicators() []Indicator {
	var out []Indicator
	for _, a := range in.Aspects {
		out = append(out, a.Indicators...)
	}
	return out
}

// Indicator returns the indicator with the given code.
func (in *Instrument) Indicator(code string) (Indicator, bool) {
	for _, a := range in.Aspects {
		if i := slices.IndexFunc(a.Indicators, func(ind Indicator) bool { return ind.Code == code }); i >= 0 {
			return a.Indicators[i], true
		}
	}
	return Indicator{}, false
}

// Category returns the category a score falls in: the last whose Min is at
// or below it (so 174.5 is Buruk and 175 Kurang with the KASN bands); ok is
// false below the first band.
func (in *Instrument) Category(total Score) (Category, bool) {
	return categoryOf(in.Categories, total)
}

func categoryOf(cats []Category, s Score) (Category, bool) {
	if i := categoryIndex(cats, s); i >= 0 {
		return cats[i], true
	}
	return Category{}, false
}

// categoryIndex is the index of the category s falls in, or -1.
func categoryIndex(cats []Category, s Score) int {
	i := len(cats) - 1
	for i >= 0 && s < cats[i].Min {
		i--
	}
	return i
}
