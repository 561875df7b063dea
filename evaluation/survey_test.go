package evaluation

import (
	"slices"
	"strings"
	"testing"

	"merit"
)

func testSurvey() *Survey {
	return &Survey{ScaleMax: 5, Invited: 100, Questions: []Question{
		{Code: "k1", Text: "Saya puas dengan layanan kepegawaian", Dimension: "kepuasan"},
		{Code: "e1", Text: "Saya bangga bekerja di instansi ini", Dimension: "keterlibatan"},
	}}
}

// responses makes n responses in group g answering a and b.
func responses(g string, n, a, b int) []Response {
	var out []Response
	for range n {
		out = append(out, Response{Group: g, Answers: []int{a, b}})
	}
	return out
}

func TestSurveyThreshold(t *testing.T) {
	s := testSurvey()
	r, err := s.Aggregate(responses("Dinas A", 9, 5, 5))
	if err != nil {
		t.Fatal(err)
	}
	if r.Shown || r.Score != 0 || r.Questions != nil || r.Groups != nil || r.Responses != 9 || r.ResponseRate.String() != "0.09" || r.MinGroupSize != DefaultMinGroupSize {
		t.Errorf("9 responses: %+v; want only the count and rate", r)
	}
	r, _ = s.Aggregate(responses("Dinas A", 10, 5, 3))
	if !r.Shown || r.Score.String() != "0.75" || r.Questions[0].Mean.String() != "5" || r.Dimensions[1].Score.String() != "0.5" {
		t.Errorf("10 responses: %+v", r)
	}
	s.MinGroupSize = 3
	if r, _ := s.Aggregate(responses("Dinas A", 3, 1, 1)); !r.Shown || r.Score != 0 {
		t.Errorf("threshold as data: %+v", r)
	}
}

func TestSurveyGroups(t *testing.T) {
	s := testSurvey()
	for _, tc := range []struct {
		name   string
		counts map[string]int
		groups string
		other  int
		hidden string
	}{
		{"small groups pooled", map[string]int{"A": 12, "B": 10, "C": 3, "D": 8}, "A B", 11, "C D"},
		{"a pool too small takes the smallest shown group", map[string]int{"A": 12, "B": 10, "C": 3}, "A", 13, "B C"},
		{"all large", map[string]int{"A": 12, "B": 10}, "A B", 0, ""},
		{"all small", map[string]int{"A": 6, "B": 5}, "", 11, "A B"},
	} {
		var rs []Response
		for g, n := range tc.counts {
			rs = append(rs, responses(g, n, 4, 4)...)
		}
		r, err := s.Aggregate(rs)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, g := range r.Groups {
			names = append(names, g.Group)
			if g.Responses < r.MinGroupSize {
				t.Errorf("%s: group %s shown with %d responses", tc.name, g.Group, g.Responses)
			}
		}
		other := 0
		if r.Other != nil {
			other = r.Other.Responses
		}
		if strings.Join(names, " ") != tc.groups || other != tc.other || strings.Join(r.Hidden, " ") != tc.hidden {
			t.Errorf("%s: groups %q other %d hidden %q; want %q %d %q", tc.name, names, other, r.Hidden, tc.groups, tc.other, tc.hidden)
		}
	}
}

func TestSurveyErrors(t *testing.T) {
	s := testSurvey()
	rs := append(responses("A", 10, 4, 4), Response{Group: "A", Answers: []int{6, 0}}, Response{Group: "A", Answers: []int{1}})
	_, err := s.Aggregate(rs)
	f := fieldsOf(err)
	if !slices.Contains(f, "responses[10].k1=field.range") || !slices.Contains(f, "responses[11].answers=evaluation.err.answers") {
		t.Errorf("errors: %v", f)
	}
	// Unanswered (0) does not count.
	rs = append(responses("A", 10, 5, 0), responses("A", 1, 1, 0)...)
	r, err := s.Aggregate(rs)
	if err != nil || r.Questions[1].Answered != 0 || r.Questions[0].Mean.String() != "4.6364" {
		t.Errorf("unanswered: %+v %v", r.Questions, err)
	}
}

// TestSurveyValidate: defaults filled, each rule's field named at its
// boundary, questions trimmed; answers one per question within the scale.
func TestSurveyValidate(t *testing.T) {
	today := merit.MustDate("2026-11-23")
	ok := Survey{Year: 2027, Questions: []Question{{Code: " Q1 ", Text: " Saya puas ", Dimension: "kepuasan"}}}
	if err := ok.Validate(today); err != nil {
		t.Fatal(err)
	}
	if ok.ScaleMax != 5 || ok.MinGroupSize != DefaultMinGroupSize || ok.Questions[0].Code != "Q1" || ok.Questions[0].Text != "Saya puas" {
		t.Errorf("defaults and trimming: %+v", ok)
	}
	for _, tc := range []struct {
		s     Survey
		field string
	}{
		{Survey{Year: 2014, Questions: ok.Questions}, "year"},
		{Survey{Year: 2028, Questions: ok.Questions}, "year"},
		{Survey{Year: 2026, ScaleMax: 1, Questions: ok.Questions}, "scaleMax"},
		{Survey{Year: 2026, ScaleMax: 11, Questions: ok.Questions}, "scaleMax"},
		{Survey{Year: 2026, MinGroupSize: 1, Questions: ok.Questions}, "minGroupSize"},
		{Survey{Year: 2026}, "questions"},
		{Survey{Year: 2026, Questions: []Question{{Code: "Q1", Text: "a"}, {Code: "Q1", Text: "b"}}}, "questions[1].code"},
		{Survey{Year: 2026, Questions: []Question{{Code: "Q1", Text: " "}}}, "questions[0].text"},
	} {
		fs := merit.FieldsOf(tc.s.Validate(today))
		if len(fs) != 1 || fs[0].Field != tc.field {
			t.Errorf("%+v: %v, want the field %s alone", tc.s, fs, tc.field)
		}
	}
	s := Survey{ScaleMax: 5, Questions: make([]Question, 3)}
	for _, tc := range []struct {
		answers []int
		fields  []string
	}{
		{[]int{0, 5, 1}, nil},
		{[]int{1, 2}, []string{"answers"}},
		{[]int{6, -1, 3}, []string{"answers[0]", "answers[1]"}},
	} {
		var got []string
		for _, f := range merit.FieldsOf(s.CheckAnswers(tc.answers)) {
			got = append(got, f.Field)
		}
		if !slices.Equal(got, tc.fields) {
			t.Errorf("answers %v: fields %v, want %v", tc.answers, got, tc.fields)
		}
	}
}
