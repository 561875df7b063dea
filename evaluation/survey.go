package evaluation

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"merit"
)

// SurveyResult is what may be shown of an anonymous survey: the response
// rate always, answers only when enough people answered. Scores are 0..1
// ((mean − 1) / (ScaleMax − 1)), question means on the 1..ScaleMax scale.
type SurveyResult struct {
	Responses    int   `json:"responses"`
	Invited      int   `json:"invited"`
	ResponseRate Score `json:"responseRate"` // 0..1; 0 when nobody was invited
	MinGroupSize int   `json:"minGroupSize"`
	// Shown is false while fewer than MinGroupSize responded: then Score,
	// Questions and Groups are empty.
	Shown      bool              `json:"shown"`
	Score      Score             `json:"score"`
	Questions  []QuestionResult  `json:"questions,omitempty"`
	Dimensions []DimensionResult `json:"dimensions,omitempty"`
	// Groups are the groups with at least MinGroupSize responses, by name,
	// then Other: every smaller group pooled. Hidden names the pooled groups
	// (no counts, no answers).
	Groups []SurveyGroup `json:"groups,omitempty"`
	Other  *SurveyGroup  `json:"other,omitempty"`
	Hidden []string      `json:"hidden,omitempty"`
}

// QuestionResult is one question's mean answer and how many answered it.
type QuestionResult struct {
	Code     string `json:"code"`
	Mean     Score  `json:"mean"`
	Answered int    `json:"answered"`
}

// DimensionResult is the score (0..1) of one survey dimension.
type DimensionResult struct {
	Dimension string `json:"dimension"`
	Score     Score  `json:"score"`
}

// SurveyGroup is the score of one group large enough to show.
type SurveyGroup struct {
	Group     string `json:"group"`
	Responses int    `json:"responses"`
	Score     Score  `json:"score"`
}

// tally sums answers: S the sum, C the number answered.
type tally struct{ s, c int64 }

func (t *tally) add(v int) {
	if v > 0 {
		t.s += int64(v)
		t.c++
	}
}

// score is (mean − 1) / (max − 1), exact until the fourth decimal.
func (t tally) score(scaleMax int) Score {
	if t.c == 0 || scaleMax < 2 {
		return 0
	}
	return Points(t.s - t.c).DivInt(t.c * int64(scaleMax-1))
}

// Aggregate checks the responses and returns what may be shown. Anonymity
// (docs/decisions.md "Survey anonymity"): nothing but the response count
// while fewer than MinGroupSize (default 10) responded; a group's results
// only when it has at least MinGroupSize responses; smaller groups pooled as
// Other, and when that pool itself is smaller than MinGroupSize the smallest
// shown groups join it until it is not (or none is left), so no group can be
// worked out by subtracting the shown groups from the whole. A response with
// the wrong number of answers, or an answer outside 0..ScaleMax (0 is
// unanswered), is a field error naming the response and the question.
func (s *Survey) Aggregate(responses []Response) (SurveyResult, error) {
	n := s.MinGroupSize
	if n <= 0 {
		n = DefaultMinGroupSize
	}
	res := SurveyResult{Responses: len(responses), Invited: s.Invited, MinGroupSize: n}
	if s.Invited > 0 {
		res.ResponseRate = rate(len(responses), s.Invited)
	}
	var fs merit.Fields
	for i, r := range responses {
		if len(r.Answers) != len(s.Questions) {
			fs.Add(fmt.Sprintf("responses[%d].answers", i), "evaluation.err.answers", fmt.Sprint(len(r.Answers)), len(s.Questions))
			continue
		}
		for j, v := range r.Answers {
			if v < 0 || v > s.ScaleMax {
				fs.Add(fmt.Sprintf("responses[%d].%s", i, s.Questions[j].Code), "field.range", fmt.Sprint(v), 0, s.ScaleMax)
			}
		}
	}
	if err := fs.Err("evaluation.Survey.Aggregate"); err != nil {
		return SurveyResult{}, err
	}
	if len(responses) < n {
		return res, nil
	}
	res.Shown = true
	var all tally
	questions := make([]tally, len(s.Questions))
	dims := map[string]*tally{}
	var dimOrder []string
	groups := map[string]*tally{}
	counts := map[string]int{}
	for _, r := range responses {
		g := groups[r.Group]
		if g == nil {
			g = &tally{}
			groups[r.Group] = g
		}
		counts[r.Group]++
		for j, v := range r.Answers {
			all.add(v)
			g.add(v)
			questions[j].add(v)
			d := s.Questions[j].Dimension
			if dims[d] == nil {
				dims[d] = &tally{}
				dimOrder = append(dimOrder, d)
			}
			dims[d].add(v)
		}
	}
	res.Score = all.score(s.ScaleMax)
	for j, q := range s.Questions {
		qr := QuestionResult{Code: q.Code, Answered: int(questions[j].c)}
		if qr.Answered > 0 {
			qr.Mean = Points(questions[j].s).DivInt(questions[j].c)
		}
		res.Questions = append(res.Questions, qr)
	}
	for _, d := range dimOrder {
		res.Dimensions = append(res.Dimensions, DimensionResult{Dimension: d, Score: dims[d].score(s.ScaleMax)})
	}
	// Large groups, smallest first, so that complementary suppression takes
	// the smallest.
	var shown, hidden []string
	for g, c := range counts {
		if c >= n {
			shown = append(shown, g)
		} else {
			hidden = append(hidden, g)
		}
	}
	slices.SortFunc(shown, func(a, b string) int { return cmp.Or(cmp.Compare(counts[a], counts[b]), cmp.Compare(a, b)) })
	pooled := 0
	for _, g := range hidden {
		pooled += counts[g]
	}
	for len(hidden) > 0 && pooled < n && len(shown) > 0 {
		hidden = append(hidden, shown[0])
		pooled += counts[shown[0]]
		shown = shown[1:]
	}
	slices.Sort(shown)
	slices.Sort(hidden)
	for _, g := range shown {
		res.Groups = append(res.Groups, SurveyGroup{Group: g, Responses: counts[g], Score: groups[g].score(s.ScaleMax)})
	}
	if len(hidden) > 0 && pooled >= n {
		var other tally
		for _, g := range hidden {
			other.s += groups[g].s
			other.c += groups[g].c
		}
		res.Other = &SurveyGroup{Group: "", Responses: pooled, Score: other.score(s.ScaleMax)}
	}
	res.Hidden = hidden
	return res, nil
}

// Validate checks a new survey: a year from 2015 to next year, at least one
// question with a unique code and a text, a scale of 2 to 10 (default 5)
// and a group threshold of at least 2 (default DefaultMinGroupSize). It
// trims the questions and fills the defaults.
func (s *Survey) Validate(today merit.Date) error {
	var fs merit.Fields
	if s.Year < 2015 || s.Year > today.Year()+1 {
		fs.Add("year", "field.range", fmt.Sprint(s.Year), 2015, today.Year()+1)
	}
	if s.ScaleMax == 0 {
		s.ScaleMax = 5
	}
	if s.ScaleMax < 2 || s.ScaleMax > 10 {
		fs.Add("scaleMax", "field.range", fmt.Sprint(s.ScaleMax), 2, 10)
	}
	if s.MinGroupSize == 0 {
		s.MinGroupSize = DefaultMinGroupSize
	}
	if s.MinGroupSize < 2 {
		fs.Add("minGroupSize", "field.range", fmt.Sprint(s.MinGroupSize), 2, 1000)
	}
	if len(s.Questions) == 0 {
		fs.Add("questions", "field.required", "")
	}
	seen := map[string]bool{}
	for i := range s.Questions {
		q := &s.Questions[i]
		q.Code, q.Text, q.Dimension = strings.TrimSpace(q.Code), strings.TrimSpace(q.Text), strings.TrimSpace(q.Dimension)
		if q.Code == "" || seen[q.Code] {
			fs.Add(fmt.Sprintf("questions[%d].code", i), "field.required", q.Code)
		}
		seen[q.Code] = true
		if q.Text == "" {
			fs.Add(fmt.Sprintf("questions[%d].text", i), "field.required", "")
		}
	}
	return fs.Err("evaluation.Survey.Validate")
}

// CheckAnswers wants one answer per question, each 0 (unanswered) to the
// survey's scale.
func (s *Survey) CheckAnswers(answers []int) error {
	var fs merit.Fields
	if len(answers) != len(s.Questions) {
		fs.Add("answers", "survey.err.answer_count", fmt.Sprint(len(answers)), len(s.Questions))
	}
	for i, a := range answers {
		if a < 0 || a > s.ScaleMax {
			fs.Add(fmt.Sprintf("answers[%d]", i), "field.range", fmt.Sprint(a), 0, s.ScaleMax)
		}
	}
	return fs.Err("evaluation.Survey.CheckAnswers")
}
