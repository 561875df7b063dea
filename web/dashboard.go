package web

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"

	"merit"
	"merit/i18n"
	"merit/sqldb"
	"merit/succession"
	"merit/web/chart"
)

// dashboardView is the data of the agency dashboard.
type dashboardView struct {
	Stats  *merit.Stats
	PNS    int // PNS and CPNS
	PPPK   int // PPPK and PPPK paruh waktu
	Units  int // top-level units (OPD)
	Charts []dashboardChart
	// Succession is the bench-strength panel, for readers of talent data.
	Succession *benchPanel
}

// benchPanel is the dashboard's bench strength: the figures and the
// positions at risk, linking to the succession pages.
type benchPanel struct {
	Bench   succession.Bench
	Percent string
	AtRisk  []*sqldb.CriticalPosition
	Href    string
}

// dashboardChart is one chart card; Wide charts span the whole row.
type dashboardChart struct {
	Title string // i18n key
	SVG   template.HTML
	Wide  bool
}

// showDashboard shows the agency's headcount and its breakdowns as charts.
// Bars of filterable breakdowns link to the employee list filtered to them.
func (h *handler) showDashboard(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	st, err := h.db.Stats(r.Context(), a.ID)
	if err != nil {
		return err
	}
	ref, err := h.db.Reference(r.Context())
	if err != nil {
		return err
	}
	lang := langOf(r)
	v := dashboardView{Stats: st, Units: len(st.ByUnit)}
	for _, c := range st.ByStatus {
		if it, _ := ref.StatusPegawai.Get(c.Key); it.Group == "PPPK" {
			v.PPPK += c.N
		} else {
			v.PNS += c.N
		}
	}
	list := agencyURL(a, "pegawai")
	filtered := func(param string) func(merit.Count) string {
		return func(c merit.Count) string {
			if c.Key == "" {
				return ""
			}
			return list + "?" + url.Values{param: {c.Key}}.Encode()
		}
	}
	label := func(t *merit.RefTable) func(merit.Count) string {
		return func(c merit.Count) string {
			if c.Key == "" {
				return i18n.T(lang, "ui.none")
			}
			return refName(lang, t, c.Key)
		}
	}
	sex := func(c merit.Count) string { return i18n.T(lang, "ui.sex."+c.Key) }
	plain := func(c merit.Count) string { return c.Label }
	none := func(merit.Count) string { return "" }
	add := func(title string, wide bool, cs []merit.Count, label, href func(merit.Count) string) {
		bars := make([]chart.Bar, 0, len(cs))
		for _, c := range cs {
			bars = append(bars, chart.Bar{Label: label(c), Value: c.N, Text: i18n.Number(lang, c.N), Href: href(c)})
		}
		// Widths near the cards' widths on a laptop screen, so that the
		// chart's 12px text stays close to 12px as the SVG scales.
		width := 480
		if wide {
			width = 1000
		}
		v.Charts = append(v.Charts, dashboardChart{Title: title, Wide: wide, SVG: chart.HBar(i18n.T(lang, title), width, bars)})
	}
	add("ui.dash.by_golongan", false, st.ByGolongan, label(ref.Golongan), filtered("golongan"))
	add("ui.dash.by_jenis", false, st.ByJenis, label(ref.JenisJabatan), filtered("jenis"))
	add("ui.dash.by_status", false, st.ByStatus, label(ref.StatusPegawai), filtered("status"))
	add("ui.dash.by_education", false, st.ByEduc, label(ref.Pendidikan), none)
	add("ui.dash.by_age", false, st.ByAgeBand, plain, none)
	add("ui.dash.by_sex", false, st.BySex, sex, none)
	// Units read best largest first; the other breakdowns keep their natural order.
	units := slices.Clone(st.ByUnit)
	slices.SortStableFunc(units, func(x, y merit.Count) int { return y.N - x.N })
	add("ui.dash.by_unit", true, units, plain, filtered("unit"))
	if merit.ActorFrom(r.Context()).Can(merit.PermTalentRead, a.ID) {
		bench, critical, err := h.db.BenchStrength(r.Context(), a.ID)
		if err != nil {
			return err
		}
		v.Succession = &benchPanel{Bench: bench, Percent: percentText(lang, bench.Percent), Href: agencyURL(a, "suksesi")}
		for _, c := range critical {
			if c.Status().AtRisk() {
				v.Succession.AtRisk = append(v.Succession.AtRisk, c)
			}
		}
	}
	return h.render(w, r, http.StatusOK, "dashboard", &page{Agency: a, Nav: "dashboard", Data: v})
}
