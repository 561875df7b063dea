package api

import (
	"context"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"merit"
	"merit/evaluation"
	"merit/sqldb"
)

// The merit-evaluation writes and the permission their store methods check
// (authorizeFirst answers before the body is read), and the instrument
// writes only the platform may make.
func init() {
	for id, perm := range map[string]merit.Permission{
		"create-merit-assessment": merit.PermEvaluationWrite,
		"set-merit-team":          merit.PermEvaluationWrite,
		"set-self-level":          merit.PermEvaluationWrite,
		"suggest-levels":          merit.PermEvaluationWrite,
		"add-evidence":            merit.PermEvaluationWrite,
		"delete-evidence":         merit.PermEvaluationWrite,
		"submit-merit-assessment": merit.PermEvaluationWrite,
		"return-merit-assessment": merit.PermEvaluationVerify,
		"verify-indicator":        merit.PermEvaluationVerify,
		"complete-verification":   merit.PermEvaluationVerify,
		"set-merit-assessment":    merit.PermEvaluationVerify,
		"create-survey":           merit.PermEvaluationWrite,
		"open-survey":             merit.PermEvaluationWrite,
		"close-survey":            merit.PermEvaluationWrite,
	} {
		writePermissions[id] = perm
	}
	platformOperations["save-evaluation-instrument"] = true
	platformOperations["save-jpt-index-version"] = true
	selfOperations["respond-survey"] = true
}

// maxEvidenceUpload bounds an evidence upload: the file's limit and room
// for the form around it.
const maxEvidenceUpload = evaluation.MaxEvidenceSize + 1<<20

// registerEvaluation adds the merit-evaluation operations (issue 7): the
// national instruments (read by anyone signed in, changed by the platform),
// the evaluator's views across its agencies, an agency's assessments
// through the flow draft → submitted → verified → ditetapkan with team,
// self levels, suggestions, evidence and verification, what-if, the
// agency's facts and fairness monitor, and the employee survey.
func (h *handlers) registerEvaluation(api huma.API, op func(id, method, path, tag, summary string, status int, errs ...int) huma.Operation) {
	const (
		agency     = "/agencies/{agency}"
		assessment = agency + "/merit-assessments/{assessment}"
		instrument = "/evaluation/instruments/{framework}/{version}"
		jptVersion = "/evaluation/jpt-index-versions/{version}"
		tag        = "evaluation"
	)
	get, post, put, del := http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete
	schemas := api.OpenAPI().Components.Schemas
	schemas.RegisterTypeAlias(reflect.TypeFor[evaluation.Level](), reflect.TypeFor[RubricLevel]())
	schemas.RegisterTypeAlias(reflect.TypeFor[evaluation.Result](), reflect.TypeFor[EvaluationResult]())

	huma.Register(api, op("list-evaluation-instruments", get, "/evaluation/instruments", tag,
		"The national evaluation instruments (KASN 2018, PermenPANRB 19/2025), each version", 0, 401), h.listInstruments)
	huma.Register(api, op("get-evaluation-instrument", get, instrument, tag,
		"One instrument version in full: aspects, indicators with rubric per level, weights, categories (the export file)", 0, 401, 404), h.getInstrument)
	save := op("save-evaluation-instrument", put, instrument, tag,
		"Store an instrument version (platform admin): import a file or correct an unverified one", 0, 401, 403, 409)
	save.Description = "The body is the instrument file (the get operation's answer). A version used by a submitted assessment is not changed (409): store a new version."
	huma.Register(api, save, h.saveInstrument)
	huma.Register(api, op("list-jpt-index-versions", get, "/evaluation/jpt-index-versions", tag,
		"The national versions of the Indeks Kualitas Pengisian JPT, oldest first: the last is current, what a new year's index is computed with", 0, 401), h.listJPTVersions)
	huma.Register(api, op("get-jpt-index-version", get, jptVersion, tag,
		"One version of the JPT index in full: dimensions, indicators with their measure, bands (the export file)", 0, 401, 404), h.getJPTVersion)
	saveJPT := op("save-jpt-index-version", put, jptVersion, tag,
		"Store a version of the JPT index (platform admin): import a file or correct an unverified one", 0, 401, 403, 409)
	saveJPT.Description = "The body is the JPT-index file (the get operation's answer). A version an agency's stored index was computed with is not changed (409): store a new version. A year already computed keeps its version."
	huma.Register(api, saveJPT, h.saveJPTVersion)

	huma.Register(api, op("list-evaluation-overview", get, "/evaluation/assessments", tag,
		"The assessments of every agency whose evaluation the user reads (an evaluator: the agencies granted), with status", 0, 401), h.overview)
	huma.Register(api, op("list-verification-queue", get, "/evaluation/queue", tag,
		"Submitted assessments waiting for verification in the user's agencies, longest waiting first", 0, 401), h.queue)
	huma.Register(api, op("get-evaluation-ranking", get, "/evaluation/ranking", tag,
		"The ranking of a year across the user's agencies, the count per category and the award list (Anugerah Meritokrasi)", 0, 401), h.ranking)

	huma.Register(api, op("list-merit-assessments", get, agency+"/merit-assessments", tag,
		"The agency's merit-system assessments, newest year first, each on its own instrument's scale", 0, 401, 403, 404), h.listMeritAssessments)
	huma.Register(api, op("create-merit-assessment", post, agency+"/merit-assessments", tag,
		"Open the agency's assessment of a year on an instrument version (one per year)", http.StatusCreated, 401, 403, 404, 409), h.createMeritAssessment)
	huma.Register(api, op("get-merit-assessment", get, assessment, tag,
		"An assessment in full: team, per indicator the self level, narrative, suggestion, evidence, verified level and note, the official result", 0, 401, 403, 404), h.getAssessment)
	huma.Register(api, op("set-merit-team", put, assessment+"/team", tag, "Replace the self-assessment team of a draft", 0, 401, 403, 404, 409), h.setTeam)
	huma.Register(api, op("set-self-level", put, assessment+"/entries/{indicator}", tag,
		"Set the agency's level and narrative of an indicator (draft only); accepting or overriding a suggestion is recorded", 0, 401, 403, 404, 409), h.setSelfLevel)
	huma.Register(api, op("suggest-levels", post, assessment+"/suggestions", tag,
		"Suggest levels from the agency's own data for the indicators it speaks to (draft only)", 0, 401, 403, 404, 409), h.suggest)
	upload := op("add-evidence", post, assessment+"/entries/{indicator}/evidence", tag,
		"Attach an evidence file (bukti dukung) to an indicator of a draft", http.StatusCreated, 401, 403, 404, 409, 413)
	upload.Description = "PDF, JPEG, PNG, XLSX or DOCX (recognised by content, macros refused), at most 10 MiB; the SHA-256 is kept and shown."
	upload.Middlewares = huma.Middlewares{limitBody(api, maxEvidenceUpload)}
	huma.Register(api, upload, h.addEvidence)
	file := &huma.Schema{Type: huma.TypeString, Format: "binary"}
	download := op("get-evidence", get, assessment+"/evidence/{evidence}", tag,
		"Download an evidence file, always as an attachment (never shown inline)", 0, 401, 403, 404)
	download.Responses = map[string]*huma.Response{"200": {Description: "The file as uploaded",
		Content: map[string]*huma.MediaType{"application/octet-stream": {Schema: file}}}}
	huma.Register(api, download, h.getEvidence)
	huma.Register(api, op("delete-evidence", del, assessment+"/evidence/{evidence}", tag,
		"Remove an evidence file from a draft", http.StatusNoContent, 401, 403, 404, 409), h.deleteEvidence)
	huma.Register(api, op("submit-merit-assessment", post, assessment+"/submit", tag,
		"Submit the draft for verification: a team and a self level on every indicator are required", 0, 401, 403, 404, 409), h.submit)
	huma.Register(api, op("return-merit-assessment", post, assessment+"/return", tag,
		"Return a submitted assessment to the agency for revision (evaluator)", 0, 401, 403, 404, 409), h.returnAssessment)
	huma.Register(api, op("verify-indicator", put, assessment+"/entries/{indicator}/verification", tag,
		"Set the verified level and note of an indicator of a submitted assessment (evaluator)", 0, 401, 403, 404, 409), h.verifyIndicator)
	huma.Register(api, op("complete-verification", post, assessment+"/verify", tag,
		"Complete the verification (evaluator): the official score and category come from the verified levels only", 0, 401, 403, 404, 409), h.completeVerification)
	huma.Register(api, op("set-merit-assessment", post, assessment+"/set", tag,
		"Set the verified result (penetapan, evaluator): final, and on the KASN scale the agency's merit result of the year", 0, 401, 403, 404, 409), h.setAssessment)
	huma.Register(api, op("get-merit-what-if", get, assessment+"/what-if", tag,
		"Which indicator improvements raise the total most and the fewest steps to the next category (verified levels once verified, self levels before)", 0, 401, 403, 404), h.whatIf)
	huma.Register(api, op("get-evaluation-facts", get, agency+"/evaluation-facts", tag,
		"What the agency's own data says (competency standards, JPT by open selection, talent review, SKP, IP ASN, registry completeness) and the levels it suggests", 0, 401, 403, 404), h.facts)
	huma.Register(api, op("get-fairness", get, agency+"/fairness", tag,
		"Fairness monitor: 9-box placement and selection pass rates by sex, age band and religion, four-fifths rule", 0, 401, 403, 404), h.fairness)

	jpt := agency + "/jpt-index/{year}"
	huma.Register(api, op("get-jpt-index", get, jpt, tag, "The agency's Indeks Kualitas Pengisian JPT of a year as computed", 0, 401, 403, 404), h.getJPTIndex)
	huma.Register(api, op("list-jpt-selections", get, jpt+"/selections", tag,
		"What the agency's open selections of the year say for the JPT index (panel by the rules, announcement, stages, declarations, end)", 0, 401, 403, 404), h.jptSelections)
	compute := op("compute-jpt-index", put, jpt, tag, "Compute and store the JPT index of a year (evaluator)", 0, 401, 403, 404)
	compute.Description = "From the selection records of the year and the evaluator's scores per indicator code (0..max), which also override a measured indicator. Everything in the index is unverified (regulations.md §2)."
	huma.Register(api, compute, h.computeJPTIndex)

	h.registerSurvey(api, op)
}

// YearPath names a year of the agency.
type YearPath struct {
	AgencyPath
	Year string `path:"year" maxLength:"10" doc:"Year, e.g. 2023"`
}

func (p *YearPath) ids(ctx context.Context) (agency int64, year int, err error) {
	if agency, err = agencyID(ctx, p.Agency); err != nil {
		return 0, 0, err
	}
	y, err := pathNumber(p.Year)
	return agency, int(y), err
}

func (h *handlers) getJPTIndex(ctx context.Context, in *YearPath) (*output[*sqldb.JPTIndexRecord], error) {
	agency, year, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	r, err := h.db.JPTIndexOf(ctx, agency, year)
	if err != nil {
		return nil, err
	}
	return &output[*sqldb.JPTIndexRecord]{Body: r}, nil
}

func (h *handlers) jptSelections(ctx context.Context, in *YearPath) (*itemsOutput[evaluation.JPTSelection], error) {
	agency, year, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	return list(h.db.JPTSelections(ctx, agency, year))
}

func (h *handlers) computeJPTIndex(ctx context.Context, in *struct {
	YearPath
	Body struct {
		Evaluator map[string]evaluation.Score `json:"evaluator,omitempty" doc:"The evaluator's score per indicator code, 0..max"`
	}
}) (*output[*sqldb.JPTIndexRecord], error) {
	agency, year, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	r, err := h.db.ComputeJPTIndex(ctx, agency, year, in.Body.Evaluator)
	if err != nil {
		return nil, err
	}
	return &output[*sqldb.JPTIndexRecord]{Body: r}, nil
}

// RubricLevel is how the API names evaluation.Level, the rubric text of an
// indicator's level (competency.Level holds the name Level).
type RubricLevel evaluation.Level

// EvaluationResult is how the API names evaluation.Result, a scored
// assessment (ipasn.Result holds the name Result).
type EvaluationResult evaluation.Result

// InstrumentPath names an instrument version.
type InstrumentPath struct {
	Framework string `path:"framework" maxLength:"40" doc:"kasn-2018 or permenpanrb-19-2025"`
	Version   string `path:"version" maxLength:"40"`
}

func (p *InstrumentPath) ref() evaluation.InstrumentRef {
	return evaluation.InstrumentRef{Framework: evaluation.Framework(p.Framework), Version: p.Version}
}

// AssessmentPath names an assessment of the agency. Its ID is a string so
// access is decided before it is read (a malformed one is 404).
type AssessmentPath struct {
	AgencyPath
	Assessment string `path:"assessment" maxLength:"20" doc:"Assessment ID"`
}

func (p *AssessmentPath) ids(ctx context.Context) (agency, assessment int64, err error) {
	if agency, err = agencyID(ctx, p.Agency); err != nil {
		return 0, 0, err
	}
	assessment, err = pathNumber(p.Assessment)
	return agency, assessment, err
}

// IndicatorPath names an indicator of an assessment by its code.
type IndicatorPath struct {
	AssessmentPath
	Indicator string `path:"indicator" maxLength:"20" doc:"Indicator code, e.g. 3.1"`
}

// EvidencePath names an evidence file of an assessment.
type EvidencePath struct {
	AssessmentPath
	Evidence string `path:"evidence" maxLength:"20" doc:"Evidence ID"`
}

func (h *handlers) listInstruments(ctx context.Context, _ *struct{}) (*itemsOutput[sqldb.InstrumentInfo], error) {
	return list(h.db.EvaluationInstruments(ctx))
}

func (h *handlers) getInstrument(ctx context.Context, in *InstrumentPath) (*output[*evaluation.Instrument], error) {
	x, err := h.db.EvaluationInstrument(ctx, in.ref())
	if err != nil {
		return nil, err
	}
	return &output[*evaluation.Instrument]{Body: x}, nil
}

func (h *handlers) saveInstrument(ctx context.Context, in *struct {
	InstrumentPath
	Body evaluation.Instrument
}) (*output[*evaluation.Instrument], error) {
	x := in.Body
	if x.Ref() != in.ref() {
		return nil, merit.Invalid("api.saveInstrument", merit.FieldError{Field: "version", Code: "evaluation.err.instrument_mismatch",
			Value: x.Ref().String(), Args: []any{in.ref().String()}})
	}
	if err := h.db.SaveEvaluationInstrument(ctx, &x); err != nil {
		return nil, err
	}
	return &output[*evaluation.Instrument]{Body: &x}, nil
}

func (h *handlers) listJPTVersions(ctx context.Context, _ *struct{}) (*itemsOutput[sqldb.InstrumentInfo], error) {
	return list(h.db.JPTIndexVersions(ctx))
}

// JPTVersionPath names a version of the JPT index.
type JPTVersionPath struct {
	Version string `path:"version" maxLength:"40" doc:"Version, e.g. 2021.1"`
}

func (h *handlers) getJPTVersion(ctx context.Context, in *JPTVersionPath) (*output[*evaluation.JPTIndex], error) {
	x, err := h.db.JPTIndexVersion(ctx, in.Version)
	if err != nil {
		return nil, err
	}
	return &output[*evaluation.JPTIndex]{Body: x}, nil
}

func (h *handlers) saveJPTVersion(ctx context.Context, in *struct {
	JPTVersionPath
	Body evaluation.JPTIndex
}) (*output[*evaluation.JPTIndex], error) {
	x := in.Body
	if x.Version != in.Version {
		return nil, merit.Invalid("api.saveJPTVersion", merit.FieldError{Field: "version", Code: "evaluation.err.instrument_mismatch",
			Value: x.Version, Args: []any{in.Version}})
	}
	if err := h.db.SaveJPTIndex(ctx, &x); err != nil {
		return nil, err
	}
	return &output[*evaluation.JPTIndex]{Body: &x}, nil
}

// YearQuery filters by year; 0 is every year.
type YearQuery struct {
	Year int `query:"year" minimum:"0" maximum:"9999" doc:"Year; 0 or absent for every year"`
}

func (h *handlers) overview(ctx context.Context, in *YearQuery) (*itemsOutput[*sqldb.MeritAssessment], error) {
	return list(h.db.MeritAssessmentsOf(ctx, in.Year))
}

func (h *handlers) queue(ctx context.Context, _ *struct{}) (*itemsOutput[*sqldb.MeritAssessment], error) {
	return list(h.db.VerificationQueue(ctx))
}

func (h *handlers) ranking(ctx context.Context, in *struct {
	Year int `query:"year" required:"true" minimum:"2015" maximum:"9999"`
}) (*output[*sqldb.MeritRanking], error) {
	r, err := h.db.MeritRankingOf(ctx, in.Year)
	if err != nil {
		return nil, err
	}
	return &output[*sqldb.MeritRanking]{Body: r}, nil
}

func (h *handlers) listMeritAssessments(ctx context.Context, in *AgencyPath) (*itemsOutput[*sqldb.MeritAssessment], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return list(h.db.MeritAssessments(ctx, id))
}

// newAssessmentBody opens an assessment.
type newAssessmentBody struct {
	Year      int    `json:"year" minimum:"2015" maximum:"9999"`
	Framework string `json:"framework" maxLength:"40" doc:"kasn-2018 or permenpanrb-19-2025"`
	Version   string `json:"version" maxLength:"40"`
}

func (h *handlers) createMeritAssessment(ctx context.Context, in *struct {
	AgencyPath
	Body newAssessmentBody
}) (*created[*sqldb.MeritAssessment], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	b := in.Body
	a, err := h.db.CreateMeritAssessment(ctx, id, b.Year, evaluation.InstrumentRef{Framework: evaluation.Framework(b.Framework), Version: b.Version})
	if err != nil {
		return nil, err
	}
	return &created[*sqldb.MeritAssessment]{Location: prefix + "/agencies/" + in.Agency + "/merit-assessments/" + strconv.FormatInt(a.ID, 10), Body: a}, nil
}

// assessmentOut answers with the assessment as it now stands.
func (h *handlers) assessmentOut(ctx context.Context, agency, id int64) (*output[*sqldb.MeritAssessment], error) {
	a, err := h.db.MeritAssessment(ctx, agency, id)
	if err != nil {
		return nil, err
	}
	return &output[*sqldb.MeritAssessment]{Body: a}, nil
}

// moved answers with the assessment a flow step returned.
func moved(a *sqldb.MeritAssessment, err error) (*output[*sqldb.MeritAssessment], error) {
	if err != nil {
		return nil, err
	}
	return &output[*sqldb.MeritAssessment]{Body: a}, nil
}

func (h *handlers) getAssessment(ctx context.Context, in *AssessmentPath) (*output[*sqldb.MeritAssessment], error) {
	agency, id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	return h.assessmentOut(ctx, agency, id)
}

func (h *handlers) setTeam(ctx context.Context, in *struct {
	AssessmentPath
	Body struct {
		Team []evaluation.TeamMember `json:"team" maxItems:"50"`
	}
}) (*output[*sqldb.MeritAssessment], error) {
	agency, id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	if err := h.db.SetMeritTeam(ctx, agency, id, in.Body.Team); err != nil {
		return nil, err
	}
	return h.assessmentOut(ctx, agency, id)
}

func (h *handlers) setSelfLevel(ctx context.Context, in *struct {
	IndicatorPath
	Body struct {
		Level     int    `json:"level" minimum:"0" maximum:"9" doc:"0 clears the level"`
		Narrative string `json:"narrative,omitempty" maxLength:"10000"`
	}
}) (*output[*sqldb.MeritAssessment], error) {
	agency, id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	if err := h.db.SetSelfLevel(ctx, agency, id, in.Indicator, in.Body.Level, in.Body.Narrative); err != nil {
		return nil, err
	}
	return h.assessmentOut(ctx, agency, id)
}

func (h *handlers) suggest(ctx context.Context, in *AssessmentPath) (*output[*sqldb.MeritAssessment], error) {
	agency, id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	return moved(h.db.SuggestLevels(ctx, agency, id))
}

// evidenceForm is the multipart form of an evidence upload.
type evidenceForm struct {
	File huma.FormFile `form:"file" required:"true" doc:"PDF, JPEG, PNG, XLSX or DOCX, at most 10 MiB"`
}

func (h *handlers) addEvidence(ctx context.Context, in *struct {
	IndicatorPath
	RawBody huma.MultipartFormFiles[evidenceForm]
}) (*created[*sqldb.EvidenceFile], error) {
	agency, id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	form := in.RawBody.Data()
	defer form.File.Close()
	data, err := io.ReadAll(io.LimitReader(form.File, evaluation.MaxEvidenceSize+1))
	if err != nil {
		return nil, err
	}
	f, err := h.db.AddEvidence(ctx, agency, id, in.Indicator, form.File.Filename, data)
	if err != nil {
		return nil, err
	}
	return &created[*sqldb.EvidenceFile]{Location: prefix + "/agencies/" + in.Agency + "/merit-assessments/" + in.Assessment +
		"/evidence/" + strconv.FormatInt(f.ID, 10), Body: f}, nil
}

// evidenceOutput serves a file only as a download: the stored content
// type, attachment disposition, and nosniff so no browser takes it for a
// page or a script.
type evidenceOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	NoSniff            string `header:"X-Content-Type-Options"`
	SHA256             string `header:"X-Evidence-SHA256" doc:"The file's SHA-256 (hex), as listed on the assessment"`
	Body               []byte
}

func (h *handlers) getEvidence(ctx context.Context, in *EvidencePath) (*evidenceOutput, error) {
	agency, id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	eid, err := pathNumber(in.Evidence)
	if err != nil {
		return nil, err
	}
	f, err := h.db.FindEvidence(ctx, agency, id, eid)
	if err != nil {
		return nil, err
	}
	return &evidenceOutput{ContentType: f.ContentType, ContentDisposition: mime.FormatMediaType("attachment", map[string]string{"filename": f.FileName}),
		NoSniff: "nosniff", SHA256: f.SHA256, Body: f.Data}, nil
}

func (h *handlers) deleteEvidence(ctx context.Context, in *EvidencePath) (*struct{}, error) {
	agency, id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	eid, err := pathNumber(in.Evidence)
	if err != nil {
		return nil, err
	}
	return nil, h.db.DeleteEvidence(ctx, agency, id, eid)
}

func (h *handlers) submit(ctx context.Context, in *AssessmentPath) (*output[*sqldb.MeritAssessment], error) {
	agency, id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	return moved(h.db.SubmitMeritAssessment(ctx, agency, id))
}

func (h *handlers) returnAssessment(ctx context.Context, in *AssessmentPath) (*output[*sqldb.MeritAssessment], error) {
	agency, id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	return moved(h.db.ReturnMeritAssessment(ctx, agency, id))
}

func (h *handlers) verifyIndicator(ctx context.Context, in *struct {
	IndicatorPath
	Body struct {
		Level int    `json:"level" minimum:"1" maximum:"9"`
		Note  string `json:"note,omitempty" maxLength:"10000" doc:"Required where the verified level differs from the self level"`
	}
}) (*output[*sqldb.MeritAssessment], error) {
	agency, id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	if err := h.db.VerifyIndicator(ctx, agency, id, in.Indicator, in.Body.Level, in.Body.Note); err != nil {
		return nil, err
	}
	return h.assessmentOut(ctx, agency, id)
}

func (h *handlers) completeVerification(ctx context.Context, in *struct {
	AssessmentPath
	Body struct {
		Violations int `json:"violations,omitempty" minimum:"0" maximum:"1000" doc:"Proven merit-system violations (2025 framework correction)"`
	}
}) (*output[*sqldb.MeritAssessment], error) {
	agency, id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	return moved(h.db.CompleteVerification(ctx, agency, id, in.Body.Violations))
}

func (h *handlers) setAssessment(ctx context.Context, in *struct {
	AssessmentPath
	Body struct {
		Decree string `json:"decree" maxLength:"200" doc:"Number of the penetapan decision"`
	}
}) (*output[*sqldb.MeritAssessment], error) {
	agency, id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	return moved(h.db.SetMeritAssessment(ctx, agency, id, in.Body.Decree))
}

func (h *handlers) whatIf(ctx context.Context, in *AssessmentPath) (*output[evaluation.WhatIf], error) {
	agency, id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	a, err := h.db.MeritAssessment(ctx, agency, id)
	if err != nil {
		return nil, err
	}
	x, err := h.db.EvaluationInstrument(ctx, a.Instrument)
	if err != nil {
		return nil, err
	}
	levels := a.SelfLevels()
	if a.Status == evaluation.Verified || a.Status == evaluation.Ditetapkan {
		levels = a.VerifiedLevels()
	}
	w, err := x.WhatIf(levels, a.SurveyScore, a.Violations)
	if err != nil {
		return nil, err
	}
	return &output[evaluation.WhatIf]{Body: w}, nil
}

// factsOut is what the agency's data says and the levels it suggests on
// each instrument.
type factsOut struct {
	Facts       *evaluation.Facts       `json:"facts"`
	Suggestions []evaluation.Suggestion `json:"suggestions" nullable:"false"`
}

func (h *handlers) facts(ctx context.Context, in *AgencyPath) (*output[factsOut], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	f, err := h.db.EvaluationFacts(ctx, id, merit.Today())
	if err != nil {
		return nil, err
	}
	out := factsOut{Facts: f, Suggestions: []evaluation.Suggestion{}}
	for _, fw := range []string{evaluation.InstrumentKASN2018, evaluation.InstrumentPANRB2025} {
		out.Suggestions = append(out.Suggestions, evaluation.Suggest(fw, *f, evaluation.SuggestRules)...)
	}
	return &output[factsOut]{Body: out}, nil
}

func (h *handlers) fairness(ctx context.Context, in *AgencyPath) (*itemsOutput[sqldb.FairnessCheck], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return list(h.db.Fairness(ctx, id))
}
