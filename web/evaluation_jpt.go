package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"merit"
	"merit/evaluation"
)

// jptView is the Indeks Kualitas Pengisian JPT panel of the agency's merit
// page: the stored index of each year, and for the evaluator the form that
// computes one from the selection records and their own scores.
type jptView struct {
	Years      []jptYear
	Index      *evaluation.JPTIndex // the shipped index, for the form's indicators
	CanCompute bool
	Year       int // the form's default year
}

// jptYear is one year's stored index, formatted.
type jptYear struct {
	Year       int
	Total      string
	Band       string
	Dimensions []jptDimension
}

// jptDimension is one dimension's points and its indicators' scores.
type jptDimension struct {
	Name, Points string
	Indicators   []jptIndicator
}

// jptIndicator is one indicator's score and where it came from.
type jptIndicator struct {
	Code, Text, Score, Source string
	Met, Of                   int
}

// jptPanel reads the stored index of each year of the agency's assessments
// (and of the current year), newest first.
func (h *handler) jptPanel(ctx context.Context, lang string, a *merit.Agency, years []meritYear) (*jptView, error) {
	x := evaluation.SeedJPT()
	v := &jptView{Index: x, CanCompute: merit.ActorFrom(ctx).Can(merit.PermEvaluationVerify, a.ID), Year: merit.Today().Year()}
	seen := map[int]bool{}
	check := []int{v.Year}
	for _, y := range years {
		check = append(check, y.Year)
	}
	texts := map[string]string{}
	names := map[string]string{}
	for _, d := range x.Dimensions {
		names[d.Code] = d.Name
		for _, ind := range d.Indicators {
			texts[ind.Code] = ind.Text
		}
	}
	for _, y := range check {
		if seen[y] {
			continue
		}
		seen[y] = true
		r, err := h.db.JPTIndexOf(ctx, a.ID, y)
		if merit.KindOf(err) == merit.KindNotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		jy := jptYear{Year: y, Total: scoreText(lang, r.Result.Total), Band: r.Result.Band.Label}
		for _, d := range r.Result.Dimensions {
			jd := jptDimension{Name: names[d.Code], Points: scoreText(lang, d.Points)}
			if jd.Name == "" {
				jd.Name = d.Code
			}
			for _, ind := range d.Indicators {
				jd.Indicators = append(jd.Indicators, jptIndicator{Code: ind.Code, Text: texts[ind.Code], Score: scoreText(lang, ind.Score),
					Source: ind.Source, Met: ind.Met, Of: ind.Of})
			}
			jy.Dimensions = append(jy.Dimensions, jd)
		}
		v.Years = append(v.Years, jy)
	}
	return v, nil
}

// computeJPTIndex computes and stores the agency's JPT index of a year
// from its selection records and the evaluator's scores (s-<code>; blank
// leaves a measured indicator to the records).
func (h *handler) computeJPTIndex(w http.ResponseWriter, r *http.Request) error {
	a, err := h.postForm(r, merit.PermEvaluationVerify)
	if err != nil {
		return err
	}
	var fs merit.Fields
	year := parseInt(&fs, r.PostForm, "year")
	if last := merit.Today().Year(); year < 2015 || year > last {
		fs.Add("year", "field.range", r.PostForm.Get("year"), 2015, last)
	}
	scores := map[string]evaluation.Score{}
	for _, d := range evaluation.SeedJPT().Dimensions {
		for _, ind := range d.Indicators {
			text := strings.TrimSpace(r.PostForm.Get("s-" + ind.Code))
			if text == "" {
				continue
			}
			s, perr := evaluation.ParseScore(text)
			if perr != nil {
				fs.Add("s-"+ind.Code, "field.not_a_number", text)
				continue
			}
			scores[ind.Code] = s
		}
	}
	err = fs.Err("web.computeJPTIndex")
	if err == nil {
		_, err = h.db.ComputeJPTIndex(r.Context(), a.ID, year, scores)
	}
	if hasFieldErrors(err) {
		return h.renderMeritList(w, r, a, "", err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "sistem-merit")+"#jpt", "ui.flash.jpt_computed", strconv.Itoa(year))
}
