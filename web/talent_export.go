package web

import (
	"io"
	"net/http"
	"strconv"
	"strings"

	"merit/i18n"
	"merit/sqldb"
	"merit/tabular"
	"merit/talent"
)

// exportTalent downloads the mapping of a review (the page's filters and
// drilled box apply) as an XLSX file, ranked as on the page.
func (h *handler) exportTalent(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	q := parseTalentQuery(r.URL.Query())
	rv, err := h.db.TalentReview(ctx, a.ID, q.Review)
	if err != nil {
		return err
	}
	rules, err := h.db.TalentRuleSet(ctx, a.ID, rv.RuleVersion)
	if err != nil {
		return err
	}
	ps, err := h.db.ReviewPlacements(ctx, a.ID, rv.ID, q.filter())
	if err != nil {
		return err
	}
	name := "pemetaan-talenta-" + a.Code + "-" + strconv.Itoa(rv.Year) + ".xlsx"
	return download(w, r, name, tabular.XLSX, func(w http.ResponseWriter) error {
		return writeTalentXLSX(w, langOf(r), rv, rules, ps)
	})
}

// talentColumns are the export's columns (i18n keys of the header).
var talentColumns = []string{"talent.col.rank", "field.nip", "field.name", "field.unitId", "field.positionId", "field.jenisJabatan",
	"field.golongan", "talent.col.box", "talent.axis.performance", "talent.axis.potential", "talent.col.performance_score",
	"talent.col.potential_score", "talent.col.computed_box", "talent.col.calibrated", "talent.col.actions"}

// writeTalentXLSX writes the placements, one row each, under a header in
// the reader's language; the sheet is named after the review's year.
func writeTalentXLSX(w io.Writer, lang string, rv *talent.Review, rules *talent.RuleSet, ps []sqldb.TalentPlacement) error {
	tw, err := tabular.NewWriter(w, tabular.XLSX, "Talenta "+strconv.Itoa(rv.Year))
	if err != nil {
		return err
	}
	head := make([]string, len(talentColumns))
	for i, k := range talentColumns {
		head[i] = i18n.T(lang, k)
	}
	if err := tw.Write(head...); err != nil {
		return err
	}
	for i, p := range ps {
		perf, pot, acts, calibrated := "", "", "", ""
		if p.FinalBox > 0 {
			perf, pot = i18n.T(lang, "talent.perf."+p.Final.Performance.String()), i18n.T(lang, "talent.pot."+p.Final.Potential.String())
			var names []string
			for _, act := range rules.Actions.Of(p.Final) {
				names = append(names, i18n.T(lang, "talent.action."+string(act)))
			}
			acts = strings.Join(names, "; ")
		}
		if p.Calibrated {
			calibrated = i18n.T(lang, "talent.yes")
		}
		box := func(n int) string {
			if n == 0 {
				return i18n.T(lang, "talent.unmapped")
			}
			return strconv.Itoa(n)
		}
		if err := tw.Write(strconv.Itoa(i+1), p.NIP, p.Name, p.UnitName, p.PositionName, p.Jenis, p.Golongan, box(p.FinalBox), perf, pot,
			p.Computed.PerformanceScore.String(), p.Computed.PotentialScore.String(), box(p.Computed.Box), calibrated, acts); err != nil {
			return err
		}
	}
	return tw.Close()
}
