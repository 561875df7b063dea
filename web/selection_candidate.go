package web

import (
	"mime"
	"net/http"
	"net/url"
	"path"

	"merit"
	"merit/httpstatus"
	"merit/i18n"
	"merit/selection"
)

// selectionCandidateRoutes registers a candidate's administrative check:
// the profile with its verified fields, the documents with their verdicts
// and the correction loop, the requirements checked against the registry
// with the reason of each, and the decision.
func (h *handler) selectionCandidateRoutes(mux *routeMux) {
	mux.Handle("GET /a/{agency}/seleksi/{selection}/peserta/{candidate}", h.member(h.showSelectionCandidate))
	mux.Handle("GET /a/{agency}/seleksi/{selection}/peserta/{candidate}/dokumen/{slot}", h.member(h.selectionDocument))
	mux.Handle("POST /a/{agency}/seleksi/{selection}/peserta/{candidate}/dokumen", h.member(h.checkSelectionDocument))
	mux.Handle("POST /a/{agency}/seleksi/{selection}/peserta/{candidate}/verifikasi", h.member(h.verifySelectionFields))
	mux.Handle("POST /a/{agency}/seleksi/{selection}/peserta/{candidate}/syarat", h.member(h.checkSelectionEligibility))
	mux.Handle("POST /a/{agency}/seleksi/{selection}/peserta/{candidate}/putusan", h.member(h.decideSelectionCandidate))
}

// candidateView is the data of a candidate's page.
type candidateView struct {
	S         *selection.Selection
	C         *selection.Candidate
	Post      string
	Profile   []profileLine
	Documents []documentLine
	Checks    []checkLine
	Overall   selection.Outcome
	CanManage bool
	Statuses  []selection.CandidateStatus
	Base      string
	Back      string
	Errors    []formError
	Form      url.Values
}

// profileLine is one profile field with its value and whether a verifier
// (or the registry) confirmed it.
type profileLine struct {
	Field, Value string
	Verified     bool
}

// documentLine is a document slot with its upload, if any.
type documentLine struct {
	Slot selection.Slot
	Doc  *selection.Document
	Href string
}

// checkLine is a requirement's outcome with its reason written out.
type checkLine struct {
	selection.Check
	Text string
}

// selectionCandidate reads the agency, the selection and the candidate of
// the path with the candidate's documents.
func (h *handler) selectionCandidate(r *http.Request) (*merit.Agency, *selection.Selection, *selection.Candidate, []selection.Document, error) {
	a, s, err := h.selection(r)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	id, err := pathID(r, "candidate")
	if err != nil {
		return nil, nil, nil, nil, err
	}
	c, docs, err := h.db.SelectionCandidate(r.Context(), a.ID, s.ID, id)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	return a, s, c, docs, nil
}

// showSelectionCandidate is a candidate's page.
func (h *handler) showSelectionCandidate(w http.ResponseWriter, r *http.Request) error {
	return h.renderSelectionCandidate(w, r, nil)
}

func (h *handler) renderSelectionCandidate(w http.ResponseWriter, r *http.Request, formErr error) error {
	a, s, c, docs, err := h.selectionCandidate(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	lang := langOf(r)
	v := candidateView{S: s, C: c, CanManage: merit.ActorFrom(ctx).Can(merit.PermSelectionManage, a.ID), Form: r.PostForm,
		Base: agencyURL(a, "seleksi", s.ID, "peserta", c.ID), Back: agencyURL(a, "seleksi", s.ID),
		Statuses: []selection.CandidateStatus{selection.CandidateQualified, selection.CandidateUnqualified, selection.CandidateCorrection}}
	for _, p := range s.Posts {
		if p.ID == c.PostID {
			v.Post = p.PositionName
		}
	}
	for _, f := range []struct{ field, value string }{{"name", c.Name}, {"nip", c.NIP}, {"birthPlace", c.BirthPlace}, {"birthDate", i18n.Date(lang, c.BirthDate)},
		{"email", c.Email}, {"phone", c.Phone}, {"education", c.Education}, {"golongan", c.Golongan}, {"tmtGolongan", i18n.Date(lang, c.TMTGolongan)},
		{"currentPosition", c.CurrentPosition}, {"tmtJabatan", i18n.Date(lang, c.TMTJabatan)}, {"agencyName", c.AgencyName},
		{"tmtPengangkatan", i18n.Date(lang, c.TMTPengangkatan)}} {
		v.Profile = append(v.Profile, profileLine{Field: f.field, Value: f.value, Verified: c.IsVerified(f.field)})
	}
	for _, slot := range selection.Slots {
		line := documentLine{Slot: slot}
		for i := range docs {
			if docs[i].Slot == slot {
				line.Doc, line.Href = &docs[i], v.Base+"/dokumen/"+string(slot)
			}
		}
		v.Documents = append(v.Documents, line)
	}
	checks, err := h.db.SelectionEligibility(ctx, a.ID, s.ID, c.ID)
	if err != nil {
		return err
	}
	for _, ch := range checks {
		v.Checks = append(v.Checks, checkLine{Check: ch, Text: i18n.T(lang, ch.Reason, ch.Args...)})
	}
	if len(checks) > 0 {
		v.Overall = selection.Overall(checks)
	}
	status := http.StatusOK
	if formErr != nil {
		status, v.Errors = httpstatus.Of(formErr), errorList(lang, formErr)
	}
	return h.render(w, r, status, "selection_candidate", &page{Agency: a, Nav: "selection", Data: v})
}

// selectionDocument sends an uploaded document as it was uploaded.
func (h *handler) selectionDocument(w http.ResponseWriter, r *http.Request) error {
	a, s, err := h.selection(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "candidate")
	if err != nil {
		return err
	}
	d, data, err := h.db.SelectionDocumentFile(r.Context(), a.ID, s.ID, id, selection.Slot(r.PathValue("slot")))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", d.ContentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.FileName}))
	_, err = w.Write(data)
	return err
}

// candidateDone answers a post on a candidate's page.
func (h *handler) candidateDone(w http.ResponseWriter, r *http.Request, err error, flashKey string) error {
	if k := merit.KindOf(err); k == merit.KindInvalid || k == merit.KindConflict {
		return h.renderSelectionCandidate(w, r, err)
	}
	if err != nil {
		return err
	}
	return redirect(w, r, path.Dir(r.URL.Path), flashKey) // the candidate's page
}

// candidateForm parses the form of a candidate's post and reads the IDs.
func (h *handler) candidateForm(r *http.Request) (agencyID, selectionID, candidateID int64, err error) {
	if err := r.ParseForm(); err != nil {
		return 0, 0, 0, badForm(err)
	}
	a, s, err := h.selection(r)
	if err != nil {
		return 0, 0, 0, err
	}
	if err := authorize(r, merit.PermSelectionManage, a); err != nil {
		return 0, 0, 0, err
	}
	id, err := pathID(r, "candidate")
	return a.ID, s.ID, id, err
}

// checkSelectionDocument records a verdict on a document: verified,
// rejected, or a correction by a deadline.
func (h *handler) checkSelectionDocument(w http.ResponseWriter, r *http.Request) error {
	a, s, c, err := h.candidateForm(r)
	if err != nil {
		return err
	}
	f := r.PostForm
	var fs merit.Fields
	deadline := formDate(&fs, f, "deadline")
	if err = fs.Err("web.checkSelectionDocument"); err == nil {
		_, err = h.db.CheckSelectionDocument(r.Context(), a, s, c, selection.Slot(f.Get("slot")), selection.DocStatus(f.Get("status")), f.Get("note"), deadline)
	}
	return h.candidateDone(w, r, err, "ui.flash.document_checked")
}

// verifySelectionFields marks the checked profile fields verified.
func (h *handler) verifySelectionFields(w http.ResponseWriter, r *http.Request) error {
	a, s, c, err := h.candidateForm(r)
	if err != nil {
		return err
	}
	_, err = h.db.VerifySelectionFields(r.Context(), a, s, c, r.PostForm["fields"])
	return h.candidateDone(w, r, err, "ui.flash.fields_verified")
}

// checkSelectionEligibility checks the requirements against the registry.
func (h *handler) checkSelectionEligibility(w http.ResponseWriter, r *http.Request) error {
	a, s, c, err := h.candidateForm(r)
	if err != nil {
		return err
	}
	_, err = h.db.CheckSelectionEligibility(r.Context(), a, s, c)
	return h.candidateDone(w, r, err, "ui.flash.eligibility_checked")
}

// decideSelectionCandidate records the administrative decision.
func (h *handler) decideSelectionCandidate(w http.ResponseWriter, r *http.Request) error {
	a, s, c, err := h.candidateForm(r)
	if err != nil {
		return err
	}
	_, err = h.db.DecideSelectionCandidate(r.Context(), a, s, c, selection.CandidateStatus(r.PostForm.Get("status")), r.PostForm.Get("note"))
	return h.candidateDone(w, r, err, "ui.flash.candidate_decided")
}
