package api

import (
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"

	"github.com/danielgtaylor/huma/v2"

	"merit"
	"merit/performance"
	"merit/selection"
	"merit/sqldb"
)

// The open selection of JPT posts (seleksi terbuka, issue 6): the
// secretariat's operations (selection.manage), the readers' (selection.read:
// also a panel member on the selections whose panel lists them, any other is
// 404 for them), the panel's (selection.score: ethics, conflicts, scores)
// and the PPK's choice (selection.decide). The public portal's operations
// are in selection_public.go.

// Writes needing a permission before the body is read (see authorizeFirst).
func init() {
	for op, perm := range map[string]merit.Permission{
		"create-selection":            merit.PermSelectionManage,
		"update-selection":            merit.PermSelectionManage,
		"announce-selection":          merit.PermSelectionManage,
		"delete-selection":            merit.PermSelectionManage,
		"add-selection-member":        merit.PermSelectionManage,
		"update-selection-member":     merit.PermSelectionManage,
		"remove-selection-member":     merit.PermSelectionManage,
		"register-selection-nip":      merit.PermSelectionManage,
		"check-selection-eligibility": merit.PermSelectionManage,
		"decide-selection-candidate":  merit.PermSelectionManage,
		"verify-selection-fields":     merit.PermSelectionManage,
		"upload-selection-document":   merit.PermSelectionManage,
		"check-selection-document":    merit.PermSelectionManage,
		"advance-selection-stage":     merit.PermSelectionManage,
		"amend-selection-stage":       merit.PermSelectionManage,
		"moderate-selection-comment":  merit.PermSelectionManage,
		"accept-selection-ethics":     merit.PermSelectionScore,
		"declare-selection-conflict":  merit.PermSelectionScore,
		"set-stage-scores":            merit.PermSelectionScore,
		"decide-selection":            merit.PermSelectionDecide,
	} {
		writePermissions[op] = perm
	}
}

// hundredthsSchema stands in for performance.Hundredths: a number with two
// decimals (80.25), as it is written.
type hundredthsSchema struct{}

// Schema implements huma.SchemaProvider.
func (hundredthsSchema) Schema(huma.Registry) *huma.Schema {
	return &huma.Schema{Type: huma.TypeNumber, Description: "A number with at most two decimals, e.g. 80.25."}
}

// SelectionCandidate and SelectionScore name selection.Candidate and
// selection.Score in the OpenAPI document, apart from succession's
// Candidate and IP ASN's Score.
type (
	SelectionCandidate selection.Candidate
	SelectionScore     selection.Score
)

// registerSelection adds the open-selection operations.
func (h *handlers) registerSelection(api huma.API, op func(id, method, path, tag, summary string, status int, errs ...int) huma.Operation) {
	reg := api.OpenAPI().Components.Schemas
	reg.RegisterTypeAlias(reflect.TypeFor[performance.Hundredths](), reflect.TypeFor[hundredthsSchema]())
	reg.RegisterTypeAlias(reflect.TypeFor[selection.Candidate](), reflect.TypeFor[SelectionCandidate]())
	reg.RegisterTypeAlias(reflect.TypeFor[selection.Score](), reflect.TypeFor[SelectionScore]())
	const (
		base = "/agencies/{agency}/selections"
		one  = base + "/{selection}"
		tag  = "selection"
	)
	get, post, put, del := http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete
	huma.Register(api, op("list-selections", get, base, tag, "The agency's open selections, newest first (a panel member: those whose panel lists them)",
		0, 401, 403, 404), h.listSelections)
	create := op("create-selection", post, base, tag, "Create a draft selection with its posts and stage plan", http.StatusCreated, 401, 403, 404, 422)
	create.Description = "Stage weights are in percent with two decimals and add to 100; the default plan is administrasi (a gate, weight 0), " +
		"rekam jejak 10, asesmen 40, makalah 20, wawancara 30; optional stages kesehatan, psikologi, uji publik."
	huma.Register(api, create, h.createSelection)
	huma.Register(api, op("get-selection", get, one, tag, "One selection with its posts and stage plan", 0, 401, 403, 404), h.getSelection)
	update := op("update-selection", put, one, tag, "Replace a selection's announcement and plan", 0, 401, 403, 404, 409, 422)
	update.Description = "While a draft everything changes; once announced the stages and their weights are frozen (409) and only " +
		"the timeline, the texts and the scorecards of stages not yet started change."
	huma.Register(api, update, h.updateSelection)
	huma.Register(api, op("delete-selection", del, one, tag, "Remove a draft selection (409 once announced)", http.StatusNoContent, 401, 403, 404, 409),
		h.deleteSelection)
	huma.Register(api, op("announce-selection", post, one+"/announce", tag, "Announce a draft selection: public, weights frozen", 0, 401, 403, 404, 409, 422), h.announceSelection)

	huma.Register(api, op("get-selection-panel", get, one+"/panel", tag, "The panel (pansel), declared conflicts and what the composition rule finds wrong",
		0, 401, 403, 404), h.selectionPanel)
	huma.Register(api, op("add-selection-member", post, one+"/panel", tag, "Put a member on the panel (userId links the account that scores)",
		http.StatusCreated, 401, 403, 404, 409, 422), h.addSelectionMember)
	huma.Register(api, op("update-selection-member", put, one+"/panel/{member}", tag, "Replace a panel member", 0, 401, 403, 404, 409, 422), h.updateSelectionMember)
	huma.Register(api, op("remove-selection-member", del, one+"/panel/{member}", tag, "Take a member off the panel (409 once they scored)",
		http.StatusNoContent, 401, 403, 404, 409), h.removeSelectionMember)
	huma.Register(api, op("accept-selection-ethics", post, one+"/ethics", tag, "The signed-in panel member accepts the code of ethics",
		0, 401, 403, 404), h.acceptSelectionEthics)
	huma.Register(api, op("declare-selection-conflict", post, one+"/conflicts", tag,
		"The signed-in panel member declares a conflict of interest with a candidate: they cannot score that candidate", 0, 401, 403, 404, 422),
		h.declareSelectionConflict)

	cand := one + "/candidates/{candidate}"
	huma.Register(api, op("list-selection-candidates", get, one+"/candidates", tag, "The candidates in registration order", 0, 401, 403, 404), h.listSelectionCandidates)
	huma.Register(api, op("register-selection-nip", post, one+"/candidates", tag,
		"Register an employee of the agency by NIP: the profile is filled from the registry", http.StatusCreated, 401, 403, 404, 409, 422), h.registerSelectionNIP)
	huma.Register(api, op("get-selection-candidate", get, cand, tag, "A candidate with their documents and the administrative check's result",
		0, 401, 403, 404), h.getSelectionCandidate)
	huma.Register(api, op("check-selection-eligibility", post, cand+"/eligibility", tag,
		"Evaluate the administrative requirements (§5.2 and the agency's extras) at the closing date, each with its reason", 0, 401, 403, 404), h.checkSelectionEligibility)
	huma.Register(api, op("decide-selection-candidate", post, cand+"/admin-check", tag,
		"Record the administrative check: qualified, unqualified or correction (with a note)", 0, 401, 403, 404, 422), h.decideSelectionCandidate)
	huma.Register(api, op("verify-selection-fields", post, cand+"/verified", tag, "Mark profile fields verified", 0, 401, 403, 404, 422), h.verifySelectionFields)
	doc := cand + "/documents/{slot}"
	upload := op("upload-selection-document", put, doc, tag, "Upload a candidate's document for a slot (PDF, JPEG or PNG, at most 5 MiB)",
		0, 401, 403, 404, 413, 422)
	upload.MaxBodyBytes, upload.Middlewares = maxDocumentBody, huma.Middlewares{limitBody(api, maxDocumentBody)}
	huma.Register(api, upload, h.uploadSelectionDocument)
	download := op("get-selection-document", get, doc, tag, "Download a candidate's document", 0, 401, 403, 404)
	download.Responses = map[string]*huma.Response{"200": {Description: "The document", Content: documentContent()}}
	huma.Register(api, download, h.getSelectionDocument)
	huma.Register(api, op("check-selection-document", post, doc+"/check", tag,
		"Verify or reject a document, or ask for a correction by a deadline", 0, 401, 403, 404, 422), h.checkSelectionDocument)

	stage := one + "/stages/{stage}"
	adv := op("advance-selection-stage", post, stage+"/advance", tag, "Move a stage one step forward: open, closed, published", 0, 401, 403, 404, 409, 422)
	adv.Description = "No scoring stage opens before administrasi is closed and the panel meets its composition rule; administrasi closes " +
		"only when every candidate is decided; a scored stage is published only with complete scores, and publishing seals it."
	huma.Register(api, adv, h.advanceSelectionStage)
	huma.Register(api, op("list-stage-scores", get, stage+"/scores", tag, "A stage's scores (a panel member: their own)", 0, 401, 403, 404), h.listStageScores)
	huma.Register(api, op("set-stage-scores", put, stage+"/scores", tag,
		"The signed-in panel member's scores on the stage's criteria (403 for a candidate they declared a conflict with)", 0, 401, 403, 404, 409, 422),
		h.setStageScores)
	huma.Register(api, op("get-stage-progress", get, stage+"/progress", tag, "The score cells of a stage still missing", 0, 401, 403, 404), h.stageProgress)
	huma.Register(api, op("get-stage-results", get, stage+"/results", tag, "A scored stage's results per candidate (0-100)", 0, 401, 403, 404), h.stageResults)
	huma.Register(api, op("amend-selection-stage", post, stage+"/amendments", tag,
		"Change scores of a published stage for a reason: the results are recomputed and a new seal chained to the previous one",
		http.StatusCreated, 401, 403, 404, 409, 422), h.amendSelectionStage)
	huma.Register(api, op("verify-selection-seals", get, one+"/seals", tag,
		"Recompute every seal: the stored files and the stored scores against the published hashes", 0, 401, 403, 404), h.verifySelectionSeals)
	huma.Register(api, op("get-selection-rankings", get, one+"/rankings", tag, "Each post's ranking by weighted total, ties broken by the stated rule",
		0, 401, 403, 404), h.selectionRankings)
	huma.Register(api, op("decide-selection", post, one+"/decisions", tag, "The PPK's choice of one of a post's top three, with the reason",
		http.StatusCreated, 401, 403, 404, 409, 422), h.decideSelection)
	huma.Register(api, op("list-selection-comments", get, one+"/comments", tag,
		"The uji publik comments (a panel member: the approved ones)", 0, 401, 403, 404), h.listSelectionComments)
	huma.Register(api, op("moderate-selection-comment", post, one+"/comments/{comment}/moderate", tag, "Approve or reject a public comment",
		0, 401, 403, 404, 422), h.moderateSelectionComment)

	h.registerSelectionReport(api, op("get-selection-report", get, one+"/report", tag,
		"Download the report for the supervisor (BKN): PDF or XLSX, in the request's language", 0, 401, 403, 404))
	h.registerSelectionPublic(api)
}

// maxDocumentBody bounds a document upload's request: the file and the
// multipart envelope.
const maxDocumentBody = merit.MaxAttachmentSize + 64<<10

func documentContent() map[string]*huma.MediaType {
	file := &huma.Schema{Type: huma.TypeString, Format: "binary"}
	return map[string]*huma.MediaType{"application/pdf": {Schema: file}, "image/jpeg": {Schema: file}, "image/png": {Schema: file}}
}

// SelectionPath names a selection of the agency.
type SelectionPath struct {
	AgencyPath
	Selection int64 `path:"selection" minimum:"1"`
}

func (p *SelectionPath) ids(ctx context.Context) (int64, error) { return agencyID(ctx, p.Agency) }

// SelectionStagePath names a stage of a selection.
type SelectionStagePath struct {
	SelectionPath
	Stage int64 `path:"stage" minimum:"1"`
}

// SelectionCandidatePath names a candidate of a selection.
type SelectionCandidatePath struct {
	SelectionPath
	Candidate int64 `path:"candidate" minimum:"1"`
}

// SelectionDocumentPath names a candidate's document slot.
type SelectionDocumentPath struct {
	SelectionCandidatePath
	Slot string `path:"slot" maxLength:"40" doc:"Document slot, e.g. ijazah"`
}

type selectionFilterInput struct {
	AgencyPath
	Status string `query:"status" enum:"draft,announced,decided,cancelled" doc:"Only selections with this status"`
}

func (h *handlers) listSelections(ctx context.Context, in *selectionFilterInput) (*itemsOutput[*selection.Selection], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return list(h.db.Selections(ctx, id, sqldb.SelectionFilter{Status: selection.Status(in.Status)}))
}

func (h *handlers) createSelection(ctx context.Context, in *struct {
	AgencyPath
	Body selection.Selection
}) (*created[*selection.Selection], error) {
	id, err := agencyID(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	s := in.Body
	s.AgencyID, s.ID = id, 0
	if err := h.db.CreateSelection(ctx, &s); err != nil {
		return nil, err
	}
	return &created[*selection.Selection]{Location: fmt.Sprintf("%s/agencies/%s/selections/%d", prefix, in.Agency, s.ID), Body: &s}, nil
}

func (h *handlers) getSelection(ctx context.Context, in *SelectionPath) (*output[*selection.Selection], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	s, err := h.db.Selection(ctx, id, in.Selection)
	return &output[*selection.Selection]{Body: s}, err
}

func (h *handlers) updateSelection(ctx context.Context, in *struct {
	SelectionPath
	Body selection.Selection
}) (*output[*selection.Selection], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	s := in.Body
	s.AgencyID, s.ID = id, in.Selection
	if err := h.db.UpdateSelection(ctx, &s); err != nil {
		return nil, err
	}
	return &output[*selection.Selection]{Body: &s}, nil
}

func (h *handlers) deleteSelection(ctx context.Context, in *SelectionPath) (*struct{}, error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	return nil, h.db.DeleteSelection(ctx, id, in.Selection)
}

func (h *handlers) announceSelection(ctx context.Context, in *SelectionPath) (*output[*selection.Selection], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	s, err := h.db.AnnounceSelection(ctx, id, in.Selection)
	return &output[*selection.Selection]{Body: s}, err
}

func (h *handlers) selectionPanel(ctx context.Context, in *SelectionPath) (*output[*sqldb.Panel], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	p, err := h.db.SelectionPanel(ctx, id, in.Selection)
	return &output[*sqldb.Panel]{Body: p}, err
}

func (h *handlers) addSelectionMember(ctx context.Context, in *struct {
	SelectionPath
	Body selection.Member
}) (*created[*selection.Member], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	m := in.Body
	m.SelectionID, m.ID = in.Selection, 0
	if err := h.db.AddSelectionMember(ctx, id, &m); err != nil {
		return nil, err
	}
	return &created[*selection.Member]{Location: fmt.Sprintf("%s/agencies/%s/selections/%d/panel", prefix, in.Agency, in.Selection), Body: &m}, nil
}

// SelectionMemberPath names a panel member of a selection.
type SelectionMemberPath struct {
	SelectionPath
	Member int64 `path:"member" minimum:"1"`
}

func (h *handlers) updateSelectionMember(ctx context.Context, in *struct {
	SelectionMemberPath
	Body selection.Member
}) (*output[*selection.Member], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	m := in.Body
	m.SelectionID, m.ID = in.Selection, in.Member
	if err := h.db.UpdateSelectionMember(ctx, id, &m); err != nil {
		return nil, err
	}
	return &output[*selection.Member]{Body: &m}, nil
}

func (h *handlers) removeSelectionMember(ctx context.Context, in *SelectionMemberPath) (*struct{}, error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	return nil, h.db.RemoveSelectionMember(ctx, id, in.Selection, in.Member)
}

func (h *handlers) acceptSelectionEthics(ctx context.Context, in *SelectionPath) (*output[*selection.Member], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	m, err := h.db.AcceptSelectionEthics(ctx, id, in.Selection, 0)
	return &output[*selection.Member]{Body: m}, err
}

// conflictBody declares a conflict of interest.
type conflictBody struct {
	CandidateID int64  `json:"candidateId" required:"true" minimum:"1"`
	Reason      string `json:"reason" required:"true" maxLength:"500" doc:"e.g. family, superior, business relation"`
}

func (h *handlers) declareSelectionConflict(ctx context.Context, in *struct {
	SelectionPath
	Body conflictBody
}) (*output[*selection.Conflict], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	c := &selection.Conflict{SelectionID: in.Selection, CandidateID: in.Body.CandidateID, Reason: in.Body.Reason}
	if err := h.db.DeclareSelectionConflict(ctx, id, c); err != nil {
		return nil, err
	}
	return &output[*selection.Conflict]{Body: c}, nil
}

func (h *handlers) listSelectionCandidates(ctx context.Context, in *SelectionPath) (*itemsOutput[selection.Candidate], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	return list(h.db.SelectionCandidates(ctx, id, in.Selection))
}

// nipBody registers an employee of the agency.
type nipBody struct {
	PostID int64  `json:"postId" required:"true" minimum:"1"`
	NIP    string `json:"nip" required:"true" maxLength:"18"`
}

func (h *handlers) registerSelectionNIP(ctx context.Context, in *struct {
	SelectionPath
	Body nipBody
}) (*created[*selection.Candidate], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	c, err := h.db.RegisterInternalCandidate(ctx, id, in.Selection, in.Body.PostID, in.Body.NIP)
	if err != nil {
		return nil, err
	}
	return &created[*selection.Candidate]{Location: fmt.Sprintf("%s/agencies/%s/selections/%d/candidates/%d", prefix, in.Agency, in.Selection, c.ID),
		Body: c}, nil
}

// candidateOut is a candidate with their documents and the stored result
// of the administrative check.
type candidateOut struct {
	Candidate   *selection.Candidate `json:"candidate"`
	Documents   []selection.Document `json:"documents" nullable:"false"`
	Eligibility []selection.Check    `json:"eligibility" nullable:"false"`
}

func (h *handlers) getSelectionCandidate(ctx context.Context, in *SelectionCandidatePath) (*output[candidateOut], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	c, docs, err := h.db.SelectionCandidate(ctx, id, in.Selection, in.Candidate)
	if err != nil {
		return nil, err
	}
	checks, err := h.db.SelectionEligibility(ctx, id, in.Selection, in.Candidate)
	if err != nil {
		return nil, err
	}
	return &output[candidateOut]{Body: candidateOut{Candidate: c, Documents: nonNil(docs), Eligibility: nonNil(checks)}}, nil
}

// nonNil returns xs, or an empty slice for nil, so a list is written [].
func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

func (h *handlers) checkSelectionEligibility(ctx context.Context, in *SelectionCandidatePath) (*itemsOutput[selection.Check], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	return list(h.db.CheckSelectionEligibility(ctx, id, in.Selection, in.Candidate))
}

// adminCheckBody is the administrative check's decision.
type adminCheckBody struct {
	Status string `json:"status" required:"true" enum:"qualified,unqualified,correction"`
	Note   string `json:"note,omitempty" maxLength:"1000" doc:"Keterangan; required unless qualified"`
}

func (h *handlers) decideSelectionCandidate(ctx context.Context, in *struct {
	SelectionCandidatePath
	Body adminCheckBody
}) (*output[*selection.Candidate], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	c, err := h.db.DecideSelectionCandidate(ctx, id, in.Selection, in.Candidate, selection.CandidateStatus(in.Body.Status), in.Body.Note)
	return &output[*selection.Candidate]{Body: c}, err
}

func (h *handlers) verifySelectionFields(ctx context.Context, in *struct {
	SelectionCandidatePath
	Body struct {
		Fields []string `json:"fields" required:"true" maxItems:"30" doc:"JSON names of profile fields, e.g. education"`
	}
}) (*output[*selection.Candidate], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	c, err := h.db.VerifySelectionFields(ctx, id, in.Selection, in.Candidate, in.Body.Fields)
	return &output[*selection.Candidate]{Body: c}, err
}

// documentForm is the multipart form of a document upload.
type documentForm struct {
	File huma.FormFile `form:"file" required:"true" contentType:"application/pdf,image/jpeg,image/png,application/octet-stream" doc:"PDF, JPEG or PNG (told by content), at most 5 MiB"`
	Code string        `form:"code" doc:"The access code given at registration (public upload only)"`
}

// readUpload reads an uploaded document into an Upload for the slot.
func readUpload(slot string, form *documentForm) (sqldb.Upload, error) {
	defer form.File.Close()
	data, err := io.ReadAll(io.LimitReader(form.File, merit.MaxAttachmentSize+1))
	return sqldb.Upload{Slot: selection.Slot(slot), FileName: form.File.Filename, Data: data}, err
}

func (h *handlers) uploadSelectionDocument(ctx context.Context, in *struct {
	SelectionDocumentPath
	RawBody huma.MultipartFormFiles[documentForm]
}) (*output[*selection.Document], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	u, err := readUpload(in.Slot, in.RawBody.Data())
	if err != nil {
		return nil, err
	}
	d, err := h.db.UploadSelectionDocument(ctx, id, in.Selection, in.Candidate, "", u)
	return &output[*selection.Document]{Body: d}, err
}

// attachment is the Content-Disposition of a download named name.
func attachment(name string) string {
	return mime.FormatMediaType("attachment", map[string]string{"filename": name})
}

// fileOutput is a downloaded file.
type fileOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	Body               []byte
}

func (h *handlers) getSelectionDocument(ctx context.Context, in *SelectionDocumentPath) (*fileOutput, error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	d, data, err := h.db.SelectionDocumentFile(ctx, id, in.Selection, in.Candidate, selection.Slot(in.Slot))
	if err != nil {
		return nil, err
	}
	return &fileOutput{ContentType: d.ContentType, ContentDisposition: attachment(d.FileName), Body: data}, nil
}

// documentCheckBody is the verdict on a document.
type documentCheckBody struct {
	Status             string     `json:"status" required:"true" enum:"verified,rejected,correction"`
	Note               string     `json:"note,omitempty" maxLength:"1000" doc:"Required unless verified"`
	CorrectionDeadline merit.Date `json:"correctionDeadline,omitzero" doc:"Last day for a corrected upload; required for a correction"`
}

func (h *handlers) checkSelectionDocument(ctx context.Context, in *struct {
	SelectionDocumentPath
	Body documentCheckBody
}) (*output[*selection.Document], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	b := in.Body
	d, err := h.db.CheckSelectionDocument(ctx, id, in.Selection, in.Candidate, selection.Slot(in.Slot), selection.DocStatus(b.Status), b.Note,
		b.CorrectionDeadline)
	return &output[*selection.Document]{Body: d}, err
}

func (h *handlers) advanceSelectionStage(ctx context.Context, in *struct {
	SelectionStagePath
	Body struct {
		To string `json:"to" required:"true" enum:"open,closed,published"`
	}
}) (*output[*selection.Stage], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	st, err := h.db.AdvanceSelectionStage(ctx, id, in.Selection, in.Stage, selection.StageStatus(in.Body.To))
	return &output[*selection.Stage]{Body: st}, err
}

func (h *handlers) listStageScores(ctx context.Context, in *SelectionStagePath) (*itemsOutput[selection.Score], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	return list(h.db.StageScores(ctx, id, in.Selection, in.Stage))
}

// scoreBody is one score of a scorecard.
type scoreBody struct {
	CandidateID int64                  `json:"candidateId" required:"true" minimum:"1"`
	MemberID    int64                  `json:"memberId,omitempty" minimum:"0" doc:"The member (amendments only; a scorecard is the signed-in member's)"`
	Criterion   string                 `json:"criterion" required:"true" maxLength:"32"`
	Value       performance.Hundredths `json:"value" required:"true"`
}

func scoresOf(stageID int64, body []scoreBody) []selection.Score {
	out := make([]selection.Score, len(body))
	for i, b := range body {
		out[i] = selection.Score{StageID: stageID, CandidateID: b.CandidateID, MemberID: b.MemberID, Criterion: b.Criterion, Value: b.Value}
	}
	return out
}

func (h *handlers) setStageScores(ctx context.Context, in *struct {
	SelectionStagePath
	Body struct {
		Scores []scoreBody `json:"scores" required:"true" maxItems:"200"`
	}
}) (*itemsOutput[selection.Score], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	scores := scoresOf(in.Stage, in.Body.Scores)
	for i := range scores {
		scores[i].MemberID = 0
	}
	if err := h.db.SetSelectionScores(ctx, id, in.Selection, scores); err != nil {
		return nil, err
	}
	return list(scores, nil)
}

func (h *handlers) stageProgress(ctx context.Context, in *SelectionStagePath) (*itemsOutput[selection.Score], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	return list(h.db.StageProgress(ctx, id, in.Selection, in.Stage))
}

func (h *handlers) stageResults(ctx context.Context, in *SelectionStagePath) (*itemsOutput[selection.StageResult], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	return list(h.db.StageResults(ctx, id, in.Selection, in.Stage))
}

// amendmentOut is an amendment with the seal it produced.
type amendmentOut struct {
	Amendment *selection.Amendment `json:"amendment"`
	Seal      *selection.Seal      `json:"seal"`
}

func (h *handlers) amendSelectionStage(ctx context.Context, in *struct {
	SelectionStagePath
	Body struct {
		Reason string      `json:"reason" required:"true" maxLength:"1000"`
		Scores []scoreBody `json:"scores" required:"true" maxItems:"200"`
	}
}) (*created[amendmentOut], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	am, seal, err := h.db.AmendSelectionStage(ctx, id, in.Selection, in.Stage, scoresOf(in.Stage, in.Body.Scores), in.Body.Reason)
	if err != nil {
		return nil, err
	}
	return &created[amendmentOut]{Location: fmt.Sprintf("%s/agencies/%s/selections/%d/seals", prefix, in.Agency, in.Selection),
		Body: amendmentOut{Amendment: am, Seal: seal}}, nil
}

func (h *handlers) verifySelectionSeals(ctx context.Context, in *struct {
	SelectionPath
	Stage int64 `query:"stage" minimum:"0" doc:"Only this stage; 0 for all"`
}) (*itemsOutput[sqldb.SealCheck], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	return list(h.db.VerifySelectionSeals(ctx, id, in.Selection, in.Stage))
}

func (h *handlers) selectionRankings(ctx context.Context, in *SelectionPath) (*itemsOutput[selection.Ranking], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	return list(h.db.SelectionRankings(ctx, id, in.Selection))
}

func (h *handlers) decideSelection(ctx context.Context, in *struct {
	SelectionPath
	Body struct {
		PostID      int64  `json:"postId" required:"true" minimum:"1"`
		CandidateID int64  `json:"candidateId" required:"true" minimum:"1"`
		Reason      string `json:"reason" required:"true" maxLength:"2000"`
	}
}) (*created[*selection.Decision], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	d := &selection.Decision{SelectionID: in.Selection, PostID: in.Body.PostID, CandidateID: in.Body.CandidateID, Reason: in.Body.Reason}
	if err := h.db.DecideSelection(ctx, id, d); err != nil {
		return nil, err
	}
	return &created[*selection.Decision]{Location: fmt.Sprintf("%s/agencies/%s/selections/%d", prefix, in.Agency, in.Selection), Body: d}, nil
}

func (h *handlers) listSelectionComments(ctx context.Context, in *SelectionPath) (*itemsOutput[selection.Comment], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	return list(h.db.SelectionComments(ctx, id, in.Selection))
}

func (h *handlers) moderateSelectionComment(ctx context.Context, in *struct {
	SelectionPath
	Comment int64 `path:"comment" minimum:"1"`
	Body    struct {
		Status string `json:"status" required:"true" enum:"approved,rejected"`
	}
}) (*output[*selection.Comment], error) {
	id, err := in.ids(ctx)
	if err != nil {
		return nil, err
	}
	c, err := h.db.ModerateSelectionComment(ctx, id, in.Selection, in.Comment, selection.CommentStatus(in.Body.Status))
	return &output[*selection.Comment]{Body: c}, err
}
