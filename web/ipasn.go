package web

import (
	"net/http"
	"os"
	"strconv"
	"strings"

	"merit"
	"merit/httpstatus"
	"merit/i18n"
	"merit/importer"
	"merit/ipasn"
	"merit/sqldb"
)

// ipasnRoutes are the IP ASN pages: the agency's summary with the
// reconciliation, its recompute and the import of official values. The
// panel on the employee profile is built by ipasnPanel.
func (h *handler) ipasnRoutes(mux *routeMux) {
	mux.Handle("GET /a/{agency}/ipasn", h.member(h.showIPASN))
	mux.Handle("POST /a/{agency}/ipasn/hitung", h.member(h.recomputeIPASN))
	mux.Handle("POST /a/{agency}/ipasn/impor", h.member(h.importIPASN))
}

// points formats points the way the language writes decimals: 22,5 or 22.5.
func points(lang string, p ipasn.Points) string {
	s := p.String()
	if lang == i18n.ID {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// ipasnPanelView is the IP ASN panel of a profile: each dimension with its
// points and the reasons for them, and SIASN's official value beside.
type ipasnPanelView struct {
	Total      string
	Category   string // translated
	CatCode    string
	Lead       string
	Dims       []ipasnDimView
	Official   string // "Official SIASN value 2025: 77.5"; "" when none imported
	Differs    bool
	AgencyLink string // the agency's IP ASN page, for readers of the agency's performance
}

// ipasnDimView is one dimension of the panel.
type ipasnDimView struct {
	Key     string
	Name    string
	Points  string // "22,5 dari 40"
	Value   string // "22,5", for tests and machines
	Reasons []string
}

// ipasnPanel computes the employee's IP ASN now for the profile. It is nil
// for a reader who may not see performance.
func (h *handler) ipasnPanel(r *http.Request, a *merit.Agency, e *merit.Employee) (*ipasnPanelView, error) {
	today := merit.Today()
	got, err := h.db.EmployeeIPASN(r.Context(), a.ID, e.ID, ipasn.Current, today)
	if k := merit.KindOf(err); k == merit.KindForbidden || k == merit.KindNotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	ref, err := h.db.Reference(r.Context())
	if err != nil {
		return nil, err
	}
	lang := langOf(r)
	res := &got.Result
	v := &ipasnPanelView{Total: points(lang, res.Total), CatCode: res.Category, Category: i18n.T(lang, "ipasn.cat."+res.Category),
		Lead: i18n.T(lang, "ipasn.panel_lead", i18n.Date(lang, today))}
	if merit.ActorFrom(r.Context()).Can(merit.PermPerformanceRead, a.ID) {
		v.AgencyLink = agencyURL(a, "ipasn")
	}
	for _, s := range res.Scores {
		d := ipasnDimView{Key: s.Dimension, Name: i18n.T(lang, "ipasn.dim."+s.Dimension), Value: s.Points.String(),
			Points: i18n.T(lang, "ipasn.points", points(lang, s.Points), points(lang, s.Max))}
		for _, it := range s.Items {
			d.Reasons = append(d.Reasons, reasonText(lang, ref, it))
		}
		v.Dims = append(v.Dims, d)
	}
	if o := got.Official; o != nil {
		v.Official = i18n.T(lang, "ipasn.official_value", o.Year, points(lang, o.Total))
		v.Differs = o.Total != res.Total || o.Kualifikasi != res.Scores[0].Points || o.Kompetensi != res.Scores[1].Points ||
			o.Kinerja != res.Scores[2].Points || o.Disiplin != res.Scores[3].Points
	}
	return v, nil
}

// reasonText translates one reason with its points: "+15 · Pendidikan
// terakhir S-1". Codes in the arguments are shown by their names.
func reasonText(lang string, ref *merit.Reference, it ipasn.Item) string {
	args := make([]any, len(it.Args))
	for i, a := range it.Args {
		args[i] = a
	}
	switch {
	case it.Code == "ipasn.r.education" || it.Code == "ipasn.r.education_unknown":
		args[0] = refName(lang, ref.Pendidikan, it.Args[0])
	case strings.HasPrefix(it.Code, "ipasn.r.hukdis."):
		args[0] = refName(lang, ref.Hukdis, it.Args[0])
	}
	sign := "+"
	if it.Points < 0 {
		sign = "−"
	}
	return sign + points(lang, max(it.Points, -it.Points)) + " · " + i18n.T(lang, it.Code, args...)
}

// ipasnView is the agency's IP ASN page.
type ipasnView struct {
	Summary     *sqldb.IPASNSummary
	Average     string
	Category    string
	Measured    string
	Categories  []ipasnGroupView
	Units       []ipasnGroupView
	Jenis       []ipasnGroupView
	Differences []ipasnDiffView
	Basis       string
	CanWrite    bool
	Columns     string
	Report      *importer.Report
	Errors      []string // the rejected file's row errors, translated
	Error       string   // a message for the file field
	Done        string   // the outcome of an accepted import
}

// ipasnGroupView is one row of a distribution.
type ipasnGroupView struct {
	Key, Name string
	Count     int
	Share     string // "12,5 %"
	Width     int    // bar width in percent of the largest group
	Average   string
}

// ipasnDiffView is one row of the reconciliation: ours and SIASN's values.
type ipasnDiffView struct {
	Href, NIP, Name string
	Year            int
	Ours, Official  [5]string // kualifikasi, kompetensi, kinerja, disiplin, total
	Differs         [5]bool
}

// showIPASN shows the agency's IP ASN.
func (h *handler) showIPASN(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	v, err := h.ipasnPage(r, a)
	if err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "ipasn", &page{Agency: a, Nav: "ipasn", Data: v})
}

// ipasnPage builds the agency page's data.
func (h *handler) ipasnPage(r *http.Request, a *merit.Agency) (*ipasnView, error) {
	s, err := h.db.IPASNSummary(r.Context(), a.ID)
	if err != nil {
		return nil, err
	}
	lang := langOf(r)
	t := ipasn.TableByVersion(s.Version)
	if t == nil {
		t = ipasn.Current
	}
	v := &ipasnView{Summary: s, Average: points(lang, s.Average), Basis: i18n.T(lang, "ipasn.basis", t.LegalBasis, t.Version),
		CanWrite: merit.ActorFrom(r.Context()).Can(merit.PermPerformanceWrite, a.ID), Columns: importer.IPASNColumnNames()}
	if s.Category != "" {
		v.Category = i18n.T(lang, "ipasn.cat."+s.Category)
	}
	if s.Employees == 0 {
		return v, nil
	}
	v.Measured = i18n.T(lang, "ipasn.measured", i18n.Date(lang, s.MeasuredOn), i18n.DateTime(lang, s.RecomputedAt), t.Version)
	counts := map[string]sqldb.IPASNGroup{}
	for _, c := range s.Categories {
		counts[c.Key] = c
	}
	var cats []sqldb.IPASNGroup
	for _, c := range t.Categories {
		g := counts[c.Code]
		g.Key, g.Name = c.Code, i18n.T(lang, "ipasn.cat."+c.Code)
		cats = append(cats, g)
	}
	ref, err := h.db.Reference(r.Context())
	if err != nil {
		return nil, err
	}
	units := s.Units
	for i := range units {
		if units[i].Key == "0" {
			units[i].Name = i18n.T(lang, "ipasn.unit_none")
		}
	}
	jenis := s.Jenis
	for i := range jenis {
		jenis[i].Name = refName(lang, ref.JenisJabatan, jenis[i].Key)
		if jenis[i].Key == "" {
			jenis[i].Name = i18n.T(lang, "ipasn.jenis_none")
		}
	}
	v.Categories, v.Units, v.Jenis = groupViews(lang, cats, s.Employees), groupViews(lang, units, s.Employees), groupViews(lang, jenis, s.Employees)
	diffs, err := h.db.IPASNDifferences(r.Context(), a.ID, 100)
	if err != nil {
		return nil, err
	}
	for _, d := range diffs {
		dv := ipasnDiffView{Href: agencyURL(a, "pegawai", d.EmployeeID), NIP: d.NIP, Name: d.Name, Year: d.Official.Year}
		o := d.Official
		off := [5]ipasn.Points{o.Kualifikasi, o.Kompetensi, o.Kinerja, o.Disiplin, o.Total}
		for i, p := range off {
			dv.Official[i] = points(lang, p)
		}
		if d.Ours == nil {
			for i := range dv.Ours {
				dv.Ours[i], dv.Differs[i] = i18n.T(lang, "ipasn.not_computed"), true
			}
		} else {
			ours := [5]ipasn.Points{d.Ours.Kualifikasi, d.Ours.Kompetensi, d.Ours.Kinerja, d.Ours.Disiplin, d.Ours.Total}
			for i, p := range ours {
				dv.Ours[i], dv.Differs[i] = points(lang, p), p != off[i]
			}
		}
		v.Differences = append(v.Differences, dv)
	}
	return v, nil
}

// groupViews adds shares and bar widths to groups.
func groupViews(lang string, gs []sqldb.IPASNGroup, total int) []ipasnGroupView {
	most := 1
	for _, g := range gs {
		most = max(most, g.Count)
	}
	out := make([]ipasnGroupView, 0, len(gs))
	for _, g := range gs {
		share := float64(g.Count) * 100 / float64(max(total, 1))
		s := strconv.FormatFloat(share, 'f', 1, 64)
		if lang == i18n.ID {
			s = strings.Replace(s, ".", ",", 1)
		}
		out = append(out, ipasnGroupView{Key: g.Key, Name: g.Name, Count: g.Count, Share: s + " %", Width: g.Count * 100 / most,
			Average: points(lang, g.Average)})
	}
	return out
}

// recomputeIPASN recomputes the agency's IP ASN while the browser waits
// (only what changed since the last recompute is re-read) and returns to
// the page with the counts.
func (h *handler) recomputeIPASN(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	res, err := h.db.RecomputeIPASN(r.Context(), a.ID, ipasn.Current, merit.Today(), nil)
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "ipasn"), "ui.flash.ipasn_recomputed", res.Employees, res.Changed)
}

// importIPASN imports an uploaded file of official values and shows the
// page with its report.
func (h *handler) importIPASN(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	if err := authorize(r, merit.PermPerformanceWrite, a); err != nil {
		return err
	}
	lang := langOf(r)
	job := &importJob{}
	path, _, format, err := receiveUpload(w, r, job)
	status := http.StatusOK
	var rep *importer.Report
	if err == nil {
		defer os.Remove(path)
		var f *os.File
		if f, err = os.Open(path); err != nil {
			return err
		}
		defer f.Close()
		rep, err = importer.IPASNOfficial(r.Context(), h.db, f, merit.Today().Year()-1,
			importer.Options{AgencyID: a.ID, Format: format, DryRun: job.DryRun})
	}
	if err != nil && merit.KindOf(err) != merit.KindInvalid {
		return err
	}
	v, perr := h.ipasnPage(r, a)
	if perr != nil {
		return perr
	}
	switch {
	case err != nil:
		v.Error, status = i18n.Error(lang, err), httpstatus.Of(err)
	case len(rep.Errors) > 0:
		v.Report, status = rep, http.StatusUnprocessableEntity
		for _, e := range rep.Errors {
			v.Errors = append(v.Errors, e.Text(lang))
		}
	case rep.Written:
		v.Report, v.Done = rep, i18n.T(lang, "ipasn.import_done", rep.Inserted)
	default:
		v.Report, v.Done = rep, i18n.T(lang, "ipasn.import_dry", rep.Inserted)
	}
	return h.render(w, r, status, "ipasn", &page{Agency: a, Nav: "ipasn", Data: v})
}
