package api

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"merit"
	"merit/i18n"
	"merit/importer"
	"merit/tabular"
)

// importReport is the outcome of an import, with the rejected rows' reasons
// translated.
type importReport struct {
	Rows      int            `json:"rows" doc:"Data rows read from the file"`
	Inserted  int            `json:"inserted"`
	Updated   int            `json:"updated"`
	Unchanged int            `json:"unchanged"`
	Rejected  int            `json:"rejected"`
	Written   bool           `json:"written" doc:"Whether the valid rows were written: false for a dry run, and for a file with rejected rows unless skipInvalid"`
	Errors    []fieldProblem `json:"errors,omitempty" doc:"Why each rejected row was rejected: row, column (field), value and rule"`
}

// importRejected is the answer to a file with invalid rows of which nothing
// was written: 422 api.import_rejected, with the report (see toProblem).
type importRejected struct{ report *importReport }

func (e *importRejected) Error() string {
	return fmt.Sprintf("import: %d rows rejected, %d errors", e.report.Rejected, len(e.report.Errors))
}

// Unwrap gives the error its kind and message key.
func (e *importRejected) Unwrap() error {
	return merit.Errorf(merit.KindInvalid, "api.import", "api.import_rejected")
}

// importForm is the multipart form of an upload.
type importForm struct {
	File        huma.FormFile `form:"file" required:"true" contentType:"text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/octet-stream" doc:"The employee file, .csv or .xlsx (told apart by the file name), with SIASN-style columns: nipBaru, nama, gelarDepan, gelarBelakang, tempatLahir, tglLahir, jenisKelamin, agama, golRuangAkhir, tmtGolAkhir, jabatanNama, jenisJabatan, unorNama, pendidikanTerakhir, ..."`
	DryRun      bool          `form:"dryRun" doc:"Check and count only; write nothing"`
	SkipInvalid bool          `form:"skipInvalid" doc:"Write the valid rows even when some rows are rejected"`
}

type importInput struct {
	AgencyPath
	RawBody huma.MultipartFormFiles[importForm]
}

// importEmployees imports an uploaded employee file. A file with rejected
// rows (or that cannot be read as an employee file) is answered 422 with
// every row error when nothing was written (the default); with skipInvalid the valid rows are written and the answer is
// 200 with the rejects in the report; a dry run is always a 200 report.
func (h *handlers) importEmployees(ctx context.Context, in *importInput) (*output[*importReport], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	form := in.RawBody.Data()
	defer form.File.Close()
	format, err := importer.FormatOf(form.File.Filename)
	if err != nil {
		return nil, err
	}
	rep, err := importer.Employees(ctx, h.db, form.File, form.File.Size,
		importer.Options{AgencyID: id, Format: format, DryRun: form.DryRun, SkipInvalid: form.SkipInvalid})
	if err != nil {
		return nil, err
	}
	r, _ := request(ctx)
	out := &importReport{Rows: rep.Rows, Inserted: rep.Inserted, Updated: rep.Updated, Unchanged: rep.Unchanged,
		Rejected: rep.Rejected, Written: rep.Written}
	lang := i18n.FromRequest(r)
	for _, e := range rep.Errors {
		out.Errors = append(out.Errors, fieldProblem{Row: e.Row, Field: e.Column, Code: e.Code, Message: e.Reason(lang), Value: e.Value})
	}
	if len(rep.Errors) > 0 && !rep.Written && !form.DryRun {
		return nil, &importRejected{report: out}
	}
	return &output[*importReport]{Body: out}, nil
}

// limitBody answers 413 to a body larger than max and stops reading one
// that grows beyond it (uploads are spooled to disk before the handler).
func limitBody(api huma.API, max int64) func(huma.Context, func(huma.Context)) {
	return func(ctx huma.Context, next func(huma.Context)) {
		r, w := humago.Unwrap(ctx)
		if r.ContentLength > max {
			huma.WriteErr(api, ctx, http.StatusRequestEntityTooLarge, "")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, max)
		next(ctx)
	}
}

// exportFormat is a file format of the export; its schema lists the formats.
type exportFormat string

// Schema implements huma.SchemaProvider.
func (exportFormat) Schema(huma.Registry) *huma.Schema {
	s := enumSchema([]string{tabular.CSV, tabular.XLSX})
	s.Default = tabular.CSV
	return s
}

// exportTypes are the media types of the export formats.
var exportTypes = map[string]string{
	tabular.CSV:  "text/csv; charset=utf-8",
	tabular.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

type exportInput struct {
	AgencyPath
	Format exportFormat `query:"format"`
}

type exportOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	Body               func(huma.Context)
}

// exportEmployees streams the agency's employee file, which imports back
// unchanged. An error before the first byte (no export permission) is a
// problem document as usual; an error in the middle of the stream aborts the
// connection, so a client never takes a cut file for a whole one.
func (h *handlers) exportEmployees(ctx context.Context, in *exportInput) (*exportOutput, error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	format := string(in.Format)
	if format == "" {
		format = tabular.CSV
	}
	name := fmt.Sprintf("pegawai-%s-%s.%s", in.Agency, time.Now().Format("20060102"), format)
	return &exportOutput{ContentType: exportTypes[format], ContentDisposition: `attachment; filename="` + name + `"`,
		Body: func(hctx huma.Context) {
			r, w := humago.Unwrap(hctx)
			out := &lazyWriter{w: w}
			err := importer.ExportEmployees(ctx, h.db, id, out, format)
			switch {
			case err != nil && !out.started:
				w.Header().Del("Content-Disposition")
				writeProblem(w, toProblem(r, http.StatusInternalServerError, err))
			case err != nil:
				logger(ctx).ErrorContext(ctx, "api: export failed after it started", "agency", in.Agency, "err", err)
				panic(http.ErrAbortHandler)
			}
		}}, nil
}

// lazyWriter sends the 200 status with the first byte, so that an error
// before it can still be answered with a problem.
type lazyWriter struct {
	w       http.ResponseWriter
	started bool
}

func (l *lazyWriter) Write(p []byte) (int, error) {
	if !l.started {
		l.started = true
		l.w.WriteHeader(http.StatusOK)
	}
	return l.w.Write(p)
}

// registerTransfer adds the import and export operations.
func (h *handlers) registerTransfer(api huma.API) {
	imp := huma.Operation{OperationID: "import-employees", Method: http.MethodPost, Path: prefix + "/agencies/{agency}/imports",
		Tags: []string{"files"}, Summary: "Import an employee file (CSV or XLSX)", Security: sessionAuth,
		Errors:      []int{401, 403, 404, 413},
		Middlewares: huma.Middlewares{limitBody(api, maxUpload)},
		Description: "Every row is validated; employees are matched by NIP, so importing the same file again changes " +
			"nothing and a changed row updates the employee and records history. By default nothing is written when " +
			"any row is rejected: the answer is then 422 api.import_rejected with every row error (row, column, value, " +
			"rule) and the report. With skipInvalid the valid rows are written and the rejects are in the report; " +
			"with dryRun nothing is written and the report says what would be."}
	huma.Register(api, imp, h.importEmployees)

	file := &huma.Schema{Type: huma.TypeString, Format: "binary"}
	exp := huma.Operation{OperationID: "export-employees", Method: http.MethodGet, Path: prefix + "/agencies/{agency}/export",
		Tags: []string{"files"}, Summary: "Download the employee file (CSV or XLSX)", Security: sessionAuth,
		Errors:      []int{401, 403, 404},
		Description: "The file has the import's columns and imports back unchanged.",
		Responses: map[string]*huma.Response{"200": {Description: "The employee file", Content: map[string]*huma.MediaType{
			exportTypes[tabular.CSV]: {Schema: file}, exportTypes[tabular.XLSX]: {Schema: file}}}}}
	huma.Register(api, exp, h.exportEmployees)
}
