package web

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"merit"
	"merit/i18n"
	"merit/sqldb"
)

// successionReport is the agency's talent report as PDF
// (GET /a/{agency}/suksesi/laporan.pdf).
func (h *handler) successionReport(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	rep, err := h.db.FindSuccessionReport(r.Context(), a.ID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := writeTalentReport(&buf, a, rep, langOf(r), time.Now()); err != nil {
		return err
	}
	return sendPDF(w, "laporan-talenta-"+a.Code+".pdf", &buf)
}

// writeTalentReport renders the talent report of agency a in lang to w: the
// bench strength, the merit result, the critical positions with reasons and
// the incumbents' retirement, each succession plan with ranked successors,
// and the talent pool. at is printed as "generated" and stored as the
// document's dates. Every label comes from the i18n catalogs.
func writeTalentReport(w io.Writer, a *merit.Agency, r *sqldb.SuccessionReport, lang string, at time.Time) error {
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	d := newPDF(t("ui.succession.report_title")+" · "+a.Name, a.Name+" · "+t("ui.succession.generated", i18n.DateTime(lang, at)), at)
	heading, text, table := d.Heading, d.Para, d.Table

	heading(16, t("ui.succession.report_title"))
	text(a.Name)
	text(t("ui.succession.generated", i18n.DateTime(lang, at)))
	d.Space(4)

	b := r.Bench
	heading(12, t("ui.succession.bench"))
	table([]float64{0.7, 0.3}, []string{t("ui.succession.bench"), ""}, [][]string{
		{t("ui.succession.bench_strength"), fmt.Sprintf("%s (%s)", percentText(lang, b.Percent), t("ui.succession.bench_of", b.ReadyNow, b.Critical))},
		{t("ui.succession.critical"), i18n.Number(lang, b.Critical)},
		{t("ui.succession.no_successor"), i18n.Number(lang, b.NoSuccessor)},
		{t("ui.succession.at_risk"), i18n.Number(lang, b.AtRisk)},
	})
	if m := r.Merit; m != nil {
		text(fmt.Sprintf("%s: %d · %v · %s · %s", t("ui.succession.merit"), m.Year, m.Score, t("ui.merit.category."+string(m.Category)), m.Decree))
	} else {
		text(t("ui.succession.no_merit"))
	}
	d.Space(3)

	heading(12, t("ui.succession.critical"))
	if len(r.Plans) == 0 {
		text(t("ui.succession.no_critical"))
	}
	var rows [][]string
	for _, p := range r.Plans {
		c := p.Critical
		var reasons []string
		for _, x := range c.Critical.Reasons {
			reasons = append(reasons, t("ui.succession.reason."+string(x)))
		}
		incumbent, retire := t("ui.succession.vacant"), "–"
		if c.IncumbentID != 0 {
			incumbent = c.IncumbentName
		}
		if !c.RetireOn.IsZero() {
			retire = fmt.Sprintf("%s (BUP %d)", i18n.Date(lang, c.RetireOn), c.RetirementAge)
			if c.Retiring {
				retire += " · " + t("ui.succession.retiring")
			}
		}
		rows = append(rows, []string{c.Position.Name + "\n" + c.UnitName, strings.Join(reasons, ", "), incumbent, retire,
			fmt.Sprintf("%d / %d", c.ReadyNow, c.Candidates)})
	}
	if len(rows) > 0 {
		table([]float64{0.28, 0.24, 0.2, 0.16, 0.12},
			[]string{t("field.positionId"), t("ui.succession.reasons"), t("ui.succession.incumbent"), t("ui.succession.retire_on"),
				t("ui.succession.ready_now") + " / " + t("ui.succession.candidates")}, rows)
	}

	for _, p := range r.Plans {
		heading(11, t("ui.succession.plan")+": "+p.Critical.Position.Name)
		if len(p.Candidates) == 0 {
			text(t("ui.succession.no_candidates"))
			d.Space(2)
			continue
		}
		rows = rows[:0]
		for _, c := range p.Candidates {
			jpm := "–"
			if p.Standard {
				jpm = percentText(lang, c.JPM.Percent) + " " + c.JPM.Category.String()
			}
			dev := c.Development
			if c.PlanGoal != "" {
				dev = strings.TrimSpace(t("ui.succession.idp", c.PlanYear) + ": " + c.PlanGoal + "\n" + dev)
			}
			box := "–"
			if c.Box != 0 {
				box = fmt.Sprint(c.Box)
			}
			rows = append(rows, []string{fmt.Sprint(c.Rank), c.Name + "\n" + c.NIP, box, t("ui.succession.readiness." + string(c.Readiness)), jpm, dev})
		}
		table([]float64{0.07, 0.27, 0.07, 0.15, 0.12, 0.32},
			[]string{"#", t("field.name"), t("ui.succession.box_short"), t("field.readiness"), "JPM", t("field.development")}, rows)
	}

	heading(12, t("ui.succession.pool"))
	var boxes []string
	for _, x := range r.Pool.Boxes {
		boxes = append(boxes, fmt.Sprint(x))
	}
	text(t("ui.succession.pool_boxes") + ": " + strings.Join(boxes, ", "))
	d.Space(2)
	if len(r.Talents) == 0 {
		text(t("ui.succession.pool_empty"))
	} else {
		rows = rows[:0]
		for _, x := range r.Talents {
			rows = append(rows, []string{fmt.Sprint(x.Box), x.Name, x.NIP, x.PositionName})
		}
		table([]float64{0.08, 0.36, 0.22, 0.34},
			[]string{t("ui.succession.box_short"), t("field.name"), "NIP", t("field.positionId")}, rows)
	}
	return d.Output(w)
}
