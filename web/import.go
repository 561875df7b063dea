package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"merit"
	"merit/httpstatus"
	"merit/i18n"
	"merit/importer"
)

// maxUpload is the largest file the upload form accepts. Larger imports
// (a whole province) go through "merit import" on the server.
const maxUpload = 100 << 20

// importView is the data of the upload page.
type importView struct {
	Base   string // the import page's path
	Error  string // a message for the file field, translated
	Recent []recentJob
}

// recentJob is one line of the user's earlier imports.
type recentJob struct {
	Href, FileName string
	Started        time.Time
	State          jobState
}

// showImport shows the upload form and the user's recent imports.
func (h *handler) showImport(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	if err := authorize(r, merit.PermImport, a); err != nil {
		return err
	}
	return h.renderImport(w, r, a, http.StatusOK, "")
}

func (h *handler) renderImport(w http.ResponseWriter, r *http.Request, a *merit.Agency, status int, msg string) error {
	v := importView{Base: agencyURL(a, "impor"), Error: msg}
	jobs, err := h.recentJobs(r, a)
	if err != nil {
		return err
	}
	for _, j := range jobs {
		v.Recent = append(v.Recent, recentJob{Href: v.Base + "/" + j.ID, FileName: j.FileName, Started: j.Started, State: j.state()})
	}
	return h.render(w, r, status, "import", &page{Agency: a, Nav: "import", Data: v})
}

// startImport stores the uploaded file in a temporary file, starts its
// import in the background and sends the browser to the job's page.
func (h *handler) startImport(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	if err := authorize(r, merit.PermImport, a); err != nil {
		return err
	}
	lang := langOf(r)
	job := &importJob{UserID: merit.ActorFrom(r.Context()).UserID, AgencyID: a.ID, Started: time.Now()}
	path, size, format, err := receiveUpload(w, r, job)
	if err != nil {
		if merit.KindOf(err) == merit.KindInvalid {
			return h.renderImport(w, r, a, httpstatus.Of(err), i18n.Error(lang, err))
		}
		return err
	}
	job.ID = newJobID()
	rec, err := job.record()
	if err == nil {
		err = h.db.CreateImportJob(r.Context(), rec)
	}
	if err != nil {
		os.Remove(path)
		return err
	}
	h.imports.add(job)
	opts := importer.Options{AgencyID: a.ID, Format: format, DryRun: job.DryRun, SkipInvalid: job.SkipInvalid, Progress: job.setProgress}
	// The import outlives the request; it keeps the request's actor.
	go h.runImport(context.WithoutCancel(r.Context()), job, path, size, opts)
	return redirect(w, r, agencyURL(a, "impor", job.ID), "")
}

// receiveUpload streams the multipart form: the options into the job, the
// file to a temporary file. It returns the file's path, size and format.
func receiveUpload(w http.ResponseWriter, r *http.Request, job *importJob) (path string, size int64, format string, err error) {
	const op = "web.receiveUpload"
	fileErr := func(code string, args ...any) error {
		return merit.Invalid(op, merit.FieldError{Field: "file", Code: code, Args: args})
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	mr, err := r.MultipartReader()
	if err != nil {
		return "", 0, "", fileErr("field.required")
	}
	defer func() {
		if err != nil && path != "" {
			os.Remove(path)
			path = ""
		}
	}()
	for {
		part, perr := mr.NextPart()
		if perr == io.EOF {
			break
		}
		var tooLarge *http.MaxBytesError
		if errors.As(perr, &tooLarge) {
			return path, 0, "", fileErr("ui.import.too_large", maxUpload>>20)
		}
		if perr != nil {
			return path, 0, "", badForm(perr)
		}
		switch part.FormName() {
		case "dryRun":
			job.DryRun = true
		case "skipInvalid":
			job.SkipInvalid = true
		case "file":
			if part.FileName() == "" || path != "" {
				continue
			}
			job.FileName = part.FileName()
			if format, err = importer.FormatOf(job.FileName); err != nil {
				return path, 0, "", err
			}
			f, err := os.CreateTemp("", "merit-upload-*")
			if err != nil {
				return path, 0, "", fmt.Errorf("%s: %w", op, err)
			}
			path = f.Name()
			size, err = io.Copy(f, part)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if errors.As(err, &tooLarge) {
				return path, 0, "", fileErr("ui.import.too_large", maxUpload>>20)
			}
			if err != nil {
				return path, 0, "", fmt.Errorf("%s: %w", op, err)
			}
		}
	}
	if path == "" {
		return "", 0, "", fileErr("field.required")
	}
	return path, size, format, nil
}

// runImport imports the stored upload and records the outcome in the job.
func (h *handler) runImport(ctx context.Context, job *importJob, path string, size int64, opts importer.Options) {
	defer os.Remove(path)
	defer func() {
		if v := recover(); v != nil {
			h.log.Error("import panicked", "job", job.ID, "panic", v)
			h.finishJob(ctx, job, nil, fmt.Errorf("web.runImport: panic: %v", v))
		}
	}()
	f, err := os.Open(path)
	if err != nil {
		h.finishJob(ctx, job, nil, fmt.Errorf("web.runImport: %w", err))
		return
	}
	defer f.Close()
	rep, err := importer.Employees(ctx, h.db, f, size, opts)
	if err != nil && httpstatus.Of(err) == http.StatusInternalServerError {
		h.log.Error("import failed", "job", job.ID, "file", job.FileName, "err", err)
	}
	h.finishJob(ctx, job, rep, err)
}
