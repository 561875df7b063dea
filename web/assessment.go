package web

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"merit"
	"merit/competency"
	"merit/httpstatus"
	"merit/importer"
	"merit/sqldb"
)

// assessmentsPageSize is how many results the list shows per page.
const assessmentsPageSize = 50

// maxAssessmentUpload bounds an uploaded assessment file: results are one
// row per assessed employee, far smaller than an employee file.
const maxAssessmentUpload = 16 << 20

// assessmentsView is the data of the assessment list.
type assessmentsView struct {
	Items    []*competency.Assessment
	Names    map[int64]string
	Total    int
	Page     int
	Prev     string
	Next     string
	CanWrite bool
	Report   *importer.Report // the outcome of an upload, shown above the list
	Errors   []formError
	Columns  string // the file's header, for the upload hint
}

// listAssessments lists the agency's assessment results, newest first.
func (h *handler) listAssessments(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	return h.renderAssessments(w, r, a, nil, nil)
}

func (h *handler) renderAssessments(w http.ResponseWriter, r *http.Request, a *merit.Agency, rep *importer.Report, formErr error) error {
	ctx := r.Context()
	pg, _ := strconv.Atoi(r.URL.Query().Get("hal"))
	pg = max(pg, 1)
	items, total, err := h.db.FindAssessments(ctx, a.ID, sqldb.AssessmentFilter{Limit: assessmentsPageSize, Offset: (pg - 1) * assessmentsPageSize})
	if err != nil {
		return err
	}
	dict, err := h.db.Competencies(ctx, a.ID)
	if err != nil {
		return err
	}
	v := assessmentsView{Items: items, Names: map[int64]string{}, Total: total, Page: pg, Report: rep,
		CanWrite: merit.ActorFrom(ctx).Can(merit.PermCompetencyWrite, a.ID), Columns: strings.Join(importer.AssessmentColumns(dict), ", ")}
	for _, c := range dict {
		v.Names[c.ID] = c.Name
	}
	base := agencyURL(a, "asesmen")
	if pg > 1 {
		v.Prev = base + "?hal=" + strconv.Itoa(pg-1)
	}
	if pg*assessmentsPageSize < total {
		v.Next = base + "?hal=" + strconv.Itoa(pg+1)
	}
	status := http.StatusOK
	if formErr != nil {
		status, v.Errors = httpstatus.Of(formErr), errorList(langOf(r), formErr)
	}
	return h.render(w, r, status, "assessments", &page{Agency: a, Nav: "assessments", Data: v})
}

// assessmentFormView is the data of the assessment form.
type assessmentFormView struct {
	Employee   *merit.Employee
	Kinds      []kindGroup
	Assessment *competency.Assessment
	Levels     map[int64]uint8
	Choices    []uint8
	Potential  string
	Errors     []formError
	Action     string
	Back       string
}

// newAssessment shows the form to enter an assessment result of the
// employee named by ?pegawai=.
func (h *handler) newAssessment(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	if err := authorize(r, merit.PermCompetencyWrite, a); err != nil {
		return err
	}
	id, _ := strconv.ParseInt(r.URL.Query().Get("pegawai"), 10, 64)
	return h.assessmentForm(w, r, a, id, &competency.Assessment{Date: merit.Today()}, "", nil)
}

func (h *handler) assessmentForm(w http.ResponseWriter, r *http.Request, a *merit.Agency, employeeID int64, as *competency.Assessment, potential string, formErr error) error {
	ctx := r.Context()
	e, err := h.db.FindEmployeeByID(ctx, a.ID, employeeID)
	if err != nil {
		return err
	}
	dict, err := h.db.Competencies(ctx, a.ID)
	if err != nil {
		return err
	}
	v := assessmentFormView{Employee: e, Assessment: as, Levels: map[int64]uint8{}, Choices: levelChoices, Potential: potential,
		Action: agencyURL(a, "asesmen", "baru") + "?pegawai=" + idValue(e.ID), Back: agencyURL(a, "pegawai", e.ID, "kompetensi")}
	if potential == "" && as.Potential != 0 {
		v.Potential = strconv.FormatFloat(as.Potential, 'f', -1, 64)
	}
	v.Kinds = kindGroups(dict)
	for _, l := range as.Levels {
		v.Levels[l.CompetencyID] = l.Level
	}
	status := http.StatusOK
	if formErr != nil {
		status, v.Errors = httpstatus.Of(formErr), errorList(langOf(r), formErr)
	}
	return h.render(w, r, status, "assessment_form", &page{Agency: a, Nav: "assessments", Data: v})
}

// createAssessment stores the result posted from the form.
func (h *handler) createAssessment(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	employeeID, _ := strconv.ParseInt(r.URL.Query().Get("pegawai"), 10, 64)
	var fs merit.Fields
	as := &competency.Assessment{AgencyID: a.ID, EmployeeID: employeeID, Date: parseDate(&fs, r.PostForm, "date"),
		Body: r.PostForm.Get("body"), Recommendation: r.PostForm.Get("recommendation"), Levels: levelsFromForm(&fs, r.PostForm)}
	potential := strings.TrimSpace(r.PostForm.Get("potential"))
	if p, perr := strconv.ParseFloat(strings.Replace(potential, ",", ".", 1), 64); perr != nil {
		fs.Add("potential", "field.not_a_number", potential)
	} else {
		as.Potential = p
	}
	err = fs.Err("web.createAssessment")
	if err == nil {
		err = h.db.CreateAssessment(r.Context(), as)
	} else if aerr := authorize(r, merit.PermCompetencyWrite, a); aerr != nil {
		err = aerr
	}
	if hasFieldErrors(err) {
		return h.assessmentForm(w, r, a, employeeID, as, potential, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "pegawai", employeeID, "kompetensi"), "ui.flash.assessment_saved")
}

// deleteAssessment removes a result (posted from the employee's tab).
func (h *handler) deleteAssessment(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "assessment")
	if err != nil {
		return err
	}
	as, err := h.db.FindAssessment(r.Context(), a.ID, id)
	if err != nil {
		return err
	}
	if err := h.db.DeleteAssessment(r.Context(), a.ID, id); err != nil {
		return err
	}
	return redirect(w, r, agencyURL(a, "pegawai", as.EmployeeID, "kompetensi"), "ui.flash.assessment_deleted")
}

// importAssessments imports an uploaded CSV or XLSX file of results with
// the importer's all-or-nothing rule, and shows its report above the list.
func (h *handler) importAssessments(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	if err := authorize(r, merit.PermImport, a); err != nil {
		return err
	}
	fileErr := func(code string, args ...any) error {
		return merit.Invalid("web.importAssessments", merit.FieldError{Field: "file", Code: code, Args: args})
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxAssessmentUpload)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return h.renderAssessments(w, r, a, nil, fileErr("ui.import.too_large", maxAssessmentUpload>>20))
		}
		return h.renderAssessments(w, r, a, nil, fileErr("field.required"))
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		return h.renderAssessments(w, r, a, nil, fileErr("field.required"))
	}
	defer file.Close()
	format, err := importer.FormatOf(hdr.Filename)
	if err != nil {
		return h.renderAssessments(w, r, a, nil, err)
	}
	data, err := io.ReadAll(file)
	if err != nil {
		return err
	}
	rep, err := importer.Assessments(r.Context(), h.db, bytes.NewReader(data), importer.Options{AgencyID: a.ID, Format: format,
		DryRun: r.PostForm.Get("dryRun") != ""})
	if hasFieldErrors(err) {
		return h.renderAssessments(w, r, a, nil, err)
	}
	if err != nil {
		return err
	}
	return h.renderAssessments(w, r, a, rep, nil)
}
