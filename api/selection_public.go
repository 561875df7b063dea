package api

import (
	"context"
	"fmt"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"merit/selection"
	"merit/sqldb"
)

// The public portal's operations (/api/v1/public/...): no sign-in, only
// what is public — announced selections, published stages with their seals
// and canonical files, an external applicant's registration and document
// uploads (with the access code given at registration), and uji publik.

// registerSelectionPublic adds the public portal's operations.
func (h *handlers) registerSelectionPublic(api huma.API) {
	const (
		base = "/public/agencies/{agency}/selections"
		one  = base + "/{selection}"
		tag  = "public"
	)
	op := func(id, method, path, summary string, status int, errs ...int) huma.Operation {
		return huma.Operation{OperationID: id, Method: method, Path: prefix + path, Tags: []string{tag}, Summary: summary,
			DefaultStatus: status, Errors: errs}
	}
	get, post, put := http.MethodGet, http.MethodPost, http.MethodPut
	huma.Register(api, op("public-list-selections", get, base, "The agency's announced selections, newest first", 0, 404), h.publicSelections)
	huma.Register(api, op("public-get-selection", get, one,
		"A selection's announcement: posts, requirements, timeline, panel, seals of published stages and the PPK's decisions", 0, 404), h.publicSelection)
	regOp := op("public-register-selection", post, one+"/registrations",
		"Register as a candidate from another agency while registration is open", http.StatusCreated, 404, 409, 422)
	regOp.Description = "The answer holds the registration number and an access code, shown once: documents are then uploaded " +
		"one per slot with the code (PUT .../candidates/{candidate}/documents/{slot}), while registration is open or, for a document " +
		"the secretariat asked to correct, until its deadline."
	huma.Register(api, regOp, h.publicRegister)
	upload := op("public-upload-selection-document", put, one+"/candidates/{candidate}/documents/{slot}",
		"Upload one of one's documents with the access code (PDF, JPEG or PNG, at most 5 MiB)", 0, 404, 409, 413, 422)
	upload.MaxBodyBytes, upload.Middlewares = maxDocumentBody, huma.Middlewares{limitBody(api, maxDocumentBody)}
	huma.Register(api, upload, h.publicUploadDocument)
	results := op("public-stage-results", get, one+"/stages/{stage}/results", "A published stage's results and seals", 0, 404)
	results.Description = "Each seal's hash is the SHA-256 of the stage's canonical score file (public-seal-file): " +
		"`sha256sum` of the downloaded file prints it. An amendment adds a seal naming the previous one."
	huma.Register(api, results, h.publicStageResults)
	file := op("public-seal-file", get, one+"/stages/{stage}/seals/{seq}", "The canonical score file of a stage's seal (seq 0: the latest)", 0, 404)
	file.Responses = map[string]*huma.Response{"200": {Description: "The canonical CSV file", Content: map[string]*huma.MediaType{
		"text/csv; charset=utf-8": {Schema: &huma.Schema{Type: huma.TypeString, Format: "binary"}}}}}
	huma.Register(api, file, h.publicSealFile)
	huma.Register(api, op("public-selection-shortlist", get, one+"/shortlist",
		"The shortlisted candidates open to public comment while uji publik runs", 0, 404, 409), h.publicShortlist)
	huma.Register(api, op("public-comment-selection", post, one+"/comments",
		"Comment on a shortlisted candidate during uji publik (shown to the panel once moderated)", http.StatusCreated, 404, 409, 422), h.publicComment)
}

// PublicSelectionPath names a selection on the public portal.
type PublicSelectionPath struct {
	AgencyPath
	Selection int64 `path:"selection" minimum:"1"`
}

func (h *handlers) publicAgency(ctx context.Context, code string) (int64, error) {
	a, err := h.db.PublicAgency(ctx, code)
	if err != nil {
		return 0, err
	}
	return a.ID, nil
}

func (h *handlers) publicSelections(ctx context.Context, in *AgencyPath) (*itemsOutput[*selection.Selection], error) {
	id, err := h.publicAgency(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return list(h.db.PublicSelections(ctx, id))
}

func (h *handlers) publicSelection(ctx context.Context, in *PublicSelectionPath) (*output[*sqldb.PublicAnnouncement], error) {
	id, err := h.publicAgency(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	p, err := h.db.PublicSelection(ctx, id, in.Selection)
	return &output[*sqldb.PublicAnnouncement]{Body: p}, err
}

// registrationOut is a registration's answer: the candidate and the access
// code for uploads (shown once).
type registrationOut struct {
	Candidate  *selection.Candidate `json:"candidate"`
	AccessCode string               `json:"accessCode" doc:"Keep it: documents are uploaded with it; it is not shown again"`
}

func (h *handlers) publicRegister(ctx context.Context, in *struct {
	PublicSelectionPath
	Body selection.Candidate
}) (*created[registrationOut], error) {
	id, err := h.publicAgency(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	c, code, err := h.db.RegisterExternalCandidate(ctx, id, in.Selection, &sqldb.Registration{Candidate: in.Body})
	if err != nil {
		return nil, err
	}
	return &created[registrationOut]{Location: fmt.Sprintf("%s/public/agencies/%s/selections/%d", prefix, in.Agency, in.Selection),
		Body: registrationOut{Candidate: c, AccessCode: code}}, nil
}

func (h *handlers) publicUploadDocument(ctx context.Context, in *struct {
	PublicSelectionPath
	Candidate int64  `path:"candidate" minimum:"1"`
	Slot      string `path:"slot" maxLength:"40"`
	RawBody   huma.MultipartFormFiles[documentForm]
}) (*output[*selection.Document], error) {
	id, err := h.publicAgency(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	form := in.RawBody.Data()
	u, err := readUpload(in.Slot, form)
	if err != nil {
		return nil, err
	}
	d, err := h.db.UploadSelectionDocument(ctx, id, in.Selection, in.Candidate, form.Code, u)
	return &output[*selection.Document]{Body: d}, err
}

func (h *handlers) publicStageResults(ctx context.Context, in *struct {
	PublicSelectionPath
	Stage int64 `path:"stage" minimum:"1"`
}) (*output[*sqldb.PublicStage], error) {
	id, err := h.publicAgency(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	ps, err := h.db.PublicStageResults(ctx, id, in.Selection, in.Stage)
	return &output[*sqldb.PublicStage]{Body: ps}, err
}

func (h *handlers) publicSealFile(ctx context.Context, in *struct {
	PublicSelectionPath
	Stage int64 `path:"stage" minimum:"1"`
	Seq   int   `path:"seq" minimum:"0"`
}) (*fileOutput, error) {
	id, err := h.publicAgency(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	s, data, err := h.db.PublicSealFile(ctx, id, in.Selection, in.Stage, in.Seq)
	if err != nil {
		return nil, err
	}
	name := fmt.Sprintf("seleksi-%d-%s-%d.csv", s.SelectionID, s.Kind, s.Seq)
	return &fileOutput{ContentType: "text/csv; charset=utf-8", ContentDisposition: attachment(name), Body: data}, nil
}

func (h *handlers) publicShortlist(ctx context.Context, in *PublicSelectionPath) (*itemsOutput[sqldb.ShortlistEntry], error) {
	id, err := h.publicAgency(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	return list(h.db.PublicShortlist(ctx, id, in.Selection))
}

func (h *handlers) publicComment(ctx context.Context, in *struct {
	PublicSelectionPath
	Body struct {
		CandidateID int64  `json:"candidateId" required:"true" minimum:"1"`
		Name        string `json:"name" required:"true" maxLength:"200"`
		Text        string `json:"text" required:"true" maxLength:"8000"`
	}
}) (*created[*selection.Comment], error) {
	id, err := h.publicAgency(ctx, in.Agency)
	if err != nil {
		return nil, err
	}
	c := &selection.Comment{SelectionID: in.Selection, CandidateID: in.Body.CandidateID, Name: in.Body.Name, Text: in.Body.Text}
	if err := h.db.SubmitSelectionComment(ctx, id, c); err != nil {
		return nil, err
	}
	return &created[*selection.Comment]{Location: fmt.Sprintf("%s/public/agencies/%s/selections/%d", prefix, in.Agency, in.Selection), Body: c}, nil
}
