package web

import (
	"net/http"
	"os"

	"merit"
	"merit/httpstatus"
	"merit/i18n"
	"merit/importer"
)

// skpImportView is the SKP results import page: the upload form, the file's
// columns and, after an upload, its report.
type skpImportView struct {
	Base    string
	Error   string // a message for the file field, translated
	Columns []string
	Report  *importer.Report
	Errors  []string // the report's row errors, translated
	DryRun  bool
}

// showSKPImport shows the upload form of SKP results.
func (h *handler) showSKPImport(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	if err := authorize(r, merit.PermImport, a); err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "skp_import", &page{Agency: a, Nav: "skp",
		Data: skpImportView{Base: agencyURL(a, "kinerja", "impor"), Columns: importer.SKPColumnNames()}})
}

// importSKP imports an uploaded SKP results file and shows its report. SKP
// files have a row per employee and year, small enough to import while the
// browser waits.
func (h *handler) importSKP(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	if err := authorize(r, merit.PermImport, a); err != nil {
		return err
	}
	lang := langOf(r)
	v := skpImportView{Base: agencyURL(a, "kinerja", "impor"), Columns: importer.SKPColumnNames()}
	job := &importJob{}
	path, _, format, err := receiveUpload(w, r, job)
	if err != nil {
		if merit.KindOf(err) != merit.KindInvalid {
			return err
		}
		v.Error = i18n.Error(lang, err)
		return h.render(w, r, httpstatus.Of(err), "skp_import", &page{Agency: a, Nav: "skp", Data: v})
	}
	defer os.Remove(path)
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	rep, err := importer.SKP(r.Context(), h.db, f, importer.Options{AgencyID: a.ID, Format: format, DryRun: job.DryRun, SkipInvalid: job.SkipInvalid})
	if merit.KindOf(err) == merit.KindInvalid {
		v.Error = i18n.Error(lang, err)
		return h.render(w, r, httpstatus.Of(err), "skp_import", &page{Agency: a, Nav: "skp", Data: v})
	}
	if err != nil {
		return err
	}
	v.Report, v.DryRun = rep, job.DryRun
	for _, e := range rep.Errors {
		v.Errors = append(v.Errors, e.Text(lang))
	}
	status := http.StatusOK
	if len(rep.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	return h.render(w, r, status, "skp_import", &page{Agency: a, Nav: "skp", Data: v})
}
