package web

import (
	"context"
	"net/http"

	"merit"
	"merit/i18n"
	"merit/importer"
)

// maxShownErrors is how many row errors the report page lists; the
// rejects file has them all.
const maxShownErrors = 500

// importJobView is the data of an import's progress and report page.
type importJobView struct {
	Job      *importJob
	State    jobState
	Percent  int    // of the file read; -1 when unknown (XLSX)
	Error    string // why the file could not be imported at all, translated
	Errors   []rowErrorView
	More     int // row errors not listed
	Base     string
	Rejects  string // URL of the rejects file
	Progress bool   // still running
}

// rowErrorView is one row error, ready to show.
type rowErrorView struct {
	Row    int
	Column string
	Value  string
	Reason string
}

// job returns the import job named by the path, if it is the user's: the
// one this process runs or ran lately, else the stored one.
func (h *handler) job(r *http.Request, a *merit.Agency) (*importJob, error) {
	id := r.PathValue("job")
	if j, ok := h.imports.get(id, merit.ActorFrom(r.Context()).UserID, a.ID); ok {
		return j, nil
	}
	rec, err := h.db.FindImportJob(r.Context(), a.ID, id)
	if err != nil {
		return nil, err
	}
	return jobFromRecord(rec)
}

// recentJobs returns the user's latest jobs in the agency, newest first:
// the stored ones, with the live state of those this process holds.
func (h *handler) recentJobs(r *http.Request, a *merit.Agency) ([]*importJob, error) {
	recs, err := h.db.FindImportJobs(r.Context(), a.ID, maxRecentJobs)
	if err != nil {
		return nil, err
	}
	out := make([]*importJob, 0, len(recs))
	for _, rec := range recs {
		j, ok := h.imports.get(rec.ID, rec.UserID, a.ID)
		if !ok {
			if j, err = jobFromRecord(rec); err != nil {
				return nil, err
			}
		}
		out = append(out, j)
	}
	return out, nil
}

// maxRecentJobs is how many earlier imports the upload page lists.
const maxRecentJobs = 20

// finishJob records the import's outcome in memory and stores it. A store
// failure is logged: the report stays in memory for jobTTL.
func (h *handler) finishJob(ctx context.Context, job *importJob, rep *importer.Report, err error) {
	job.finish(rep, err)
	rec, err := job.record()
	if err == nil {
		err = h.db.FinishImportJob(ctx, rec)
	}
	if err != nil {
		h.log.Error("import job not stored", "job", job.ID, "err", err)
	}
}

// showImportJob shows an import's progress, reloading every second, and
// once done its report: the counts and every rejected row with its column,
// value and reason.
func (h *handler) showImportJob(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	j, err := h.job(r, a)
	if err != nil {
		return err
	}
	lang := langOf(r)
	st := j.state()
	base := agencyURL(a, "impor")
	v := importJobView{Job: j, State: st, Percent: -1, Base: base, Rejects: base + "/" + j.ID + "/ditolak", Progress: !st.Done}
	p := &page{Agency: a, Nav: "import", Data: &v}
	if !st.Done {
		p.Refresh = 1
		if st.Progress.Total > 0 {
			v.Percent = int(100 * st.Progress.Bytes / st.Progress.Total)
		}
		return h.render(w, r, http.StatusOK, "import_job", p)
	}
	if st.Interrupted {
		return h.render(w, r, http.StatusOK, "import_job", p)
	}
	if st.Err != nil {
		v.Error = i18n.Error(lang, st.Err)
		return h.render(w, r, http.StatusOK, "import_job", p)
	}
	for _, e := range st.Report.Errors[:min(len(st.Report.Errors), maxShownErrors)] {
		v.Errors = append(v.Errors, rowErrorView{Row: e.Row, Column: e.Column, Value: e.Value, Reason: e.Reason(lang)})
	}
	v.More = st.ErrorsTotal - len(v.Errors)
	return h.render(w, r, http.StatusOK, "import_job", p)
}

// importRejects downloads a finished import's row errors as CSV.
func (h *handler) importRejects(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	j, err := h.job(r, a)
	if err != nil {
		return err
	}
	st := j.state()
	if !st.Done || st.Report == nil {
		return merit.Errorf(merit.KindNotFound, "web.importRejects", "err.not_found")
	}
	return download(w, r, "ditolak-"+baseName(j.FileName)+".csv", "csv", func(w http.ResponseWriter) error {
		return importer.WriteRejects(w, st.Report, langOf(r))
	})
}

// importTemplate downloads the empty employee file to fill in, with the
// columns documented (XLSX) in the reader's language.
func (h *handler) importTemplate(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	ref, err := h.db.Reference(r.Context())
	if err != nil {
		return err
	}
	format := r.URL.Query().Get("format")
	return download(w, r, "templat-pegawai-"+a.Code+"."+format, format, func(w http.ResponseWriter) error {
		return importer.Template(w, format, langOf(r), ref)
	})
}

// exportEmployees downloads every employee of the agency as a file that
// imports back unchanged.
func (h *handler) exportEmployees(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	format := r.URL.Query().Get("format")
	name := "pegawai-" + a.Code + "-" + merit.Today().String() + "." + format
	return download(w, r, name, format, func(w http.ResponseWriter) error {
		return importer.ExportEmployees(r.Context(), h.db, a.ID, w, format)
	})
}
