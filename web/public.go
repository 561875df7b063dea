package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"merit"
	"merit/httpstatus"
	"merit/selection"
	"merit/sqldb"
)

// publicRoutes registers the public portal of open selections: no sign-in,
// only what is public (announced selections, published stages, their
// seals), the registration of candidates and the uji publik comments.
func (h *handler) publicRoutes(mux *routeMux) {
	mux.Handle("GET /seleksi-terbuka", h.page(h.publicList))
	mux.Handle("GET /seleksi-terbuka/{agency}/{selection}", h.page(h.publicSelection))
	mux.Handle("GET /seleksi-terbuka/{agency}/{selection}/tahap/{stage}", h.page(h.publicStage))
	mux.Handle("GET /seleksi-terbuka/{agency}/{selection}/tahap/{stage}/segel/{seq}", h.page(h.publicSealFile))
	mux.Handle("GET /seleksi-terbuka/{agency}/{selection}/daftar", h.page(h.publicRegisterForm))
	mux.Handle("POST /seleksi-terbuka/{agency}/{selection}/daftar", h.page(h.publicRegister))
	mux.Handle("GET /seleksi-terbuka/{agency}/{selection}/perbaikan/{candidate}", h.page(h.publicCorrectionForm))
	mux.Handle("POST /seleksi-terbuka/{agency}/{selection}/perbaikan/{candidate}", h.page(h.publicCorrection))
	mux.Handle("GET /seleksi-terbuka/{agency}/{selection}/uji-publik", h.page(h.publicTest))
	mux.Handle("POST /seleksi-terbuka/{agency}/{selection}/uji-publik", h.page(h.publicComment))
}

// publicBase is the portal path of a selection.
func publicBase(a *merit.Agency, selectionID int64) string {
	return "/seleksi-terbuka/" + url.PathEscape(a.Code) + "/" + strconv.FormatInt(selectionID, 10)
}

// publicListView is the portal's front page.
type publicListView struct {
	Agencies []sqldb.PortalAgency
}

// publicList lists every agency's public selections.
func (h *handler) publicList(w http.ResponseWriter, r *http.Request) error {
	list, err := h.db.PublicSelectionAgencies(r.Context())
	if err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "public_list", &page{Data: publicListView{Agencies: list}})
}

// publicTarget reads the agency and the selection of a portal path.
func (h *handler) publicTarget(r *http.Request) (*merit.Agency, *sqldb.PublicAnnouncement, error) {
	a, err := h.db.PublicAgency(r.Context(), r.PathValue("agency"))
	if err != nil {
		return nil, nil, err
	}
	id, err := pathID(r, "selection")
	if err != nil {
		return nil, nil, err
	}
	ann, err := h.db.PublicSelection(r.Context(), a.ID, id)
	if err != nil {
		return nil, nil, err
	}
	return a, ann, nil
}

// publicStageRow is a stage of the timeline with its latest seal.
type publicStageRow struct {
	selection.Stage
	Seal *selection.Seal
	Href string // the published results, "" before publication
}

// publicSelectionView is a selection's announcement on the portal.
type publicSelectionView struct {
	Agency       *merit.Agency
	Ann          *sqldb.PublicAnnouncement
	Stages       []publicStageRow
	Posts        map[int64]string // post ID → position name
	Slots        []selection.Slot
	Registration bool // registration is open today
	PublicTest   bool // uji publik is open
	Base         string
}

// publicSelection is a selection's public page: the announcement with
// requirements, documents, timeline, posts, panel, published stages with
// their seals and the PPK's choices.
func (h *handler) publicSelection(w http.ResponseWriter, r *http.Request) error {
	a, ann, err := h.publicTarget(r)
	if err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "public_selection", &page{Data: publicView(a, ann)})
}

func publicView(a *merit.Agency, ann *sqldb.PublicAnnouncement) publicSelectionView {
	s := ann.Selection
	v := publicSelectionView{Agency: a, Ann: ann, Slots: selection.Slots, Posts: map[int64]string{}, Base: publicBase(a, s.ID)}
	today := merit.Today()
	v.Registration = s.Status == selection.StatusAnnounced && !today.Before(s.RegistrationOpen) && !today.After(s.RegistrationClose)
	for _, p := range s.Posts {
		v.Posts[p.ID] = p.PositionName
	}
	for _, st := range s.Stages {
		row := publicStageRow{Stage: st}
		for i := range ann.Seals {
			if ann.Seals[i].StageID == st.ID {
				row.Seal = &ann.Seals[i]
			}
		}
		if st.Status == selection.StagePublished {
			row.Href = fmt.Sprintf("%s/tahap/%d", v.Base, st.ID)
		}
		if st.Kind == selection.UjiPublik && st.Status == selection.StageOpen {
			v.PublicTest = true
		}
		v.Stages = append(v.Stages, row)
	}
	return v
}

// publicStageView is a published stage's results with its seals and how to
// verify them.
type publicStageView struct {
	Agency    *merit.Agency
	Selection *selection.Selection
	Stage     *sqldb.PublicStage
	Seal      *selection.Seal // the latest
	FileHref  string          // the canonical file of the latest seal
	FileName  string
	Base      string
}

// publicStage shows a published stage: every candidate's result, the seal
// hash, the canonical file and the steps to recompute it.
func (h *handler) publicStage(w http.ResponseWriter, r *http.Request) error {
	a, ann, err := h.publicTarget(r)
	if err != nil {
		return err
	}
	stageID, err := pathID(r, "stage")
	if err != nil {
		return err
	}
	ps, err := h.db.PublicStageResults(r.Context(), a.ID, ann.Selection.ID, stageID)
	if err != nil {
		return err
	}
	v := publicStageView{Agency: a, Selection: ann.Selection, Stage: ps, Base: publicBase(a, ann.Selection.ID)}
	if n := len(ps.Seals); n > 0 {
		v.Seal = &ps.Seals[n-1]
		v.FileHref = fmt.Sprintf("%s/tahap/%d/segel/%d", v.Base, stageID, v.Seal.Seq)
		v.FileName = sealFileName(ann.Selection.ID, v.Seal)
	}
	return h.render(w, r, http.StatusOK, "public_stage", &page{Data: v})
}

// sealFileName is the download name of a seal's canonical file.
func sealFileName(selectionID int64, s *selection.Seal) string {
	return fmt.Sprintf("seleksi-%d-%s-segel-%d.csv", selectionID, s.Kind, s.Seq)
}

// publicSealFile serves the canonical file of a seal, byte for byte as
// hashed, so `sha256sum` on the download prints the seal's hash.
func (h *handler) publicSealFile(w http.ResponseWriter, r *http.Request) error {
	a, err := h.db.PublicAgency(r.Context(), r.PathValue("agency"))
	if err != nil {
		return err
	}
	selID, err := pathID(r, "selection")
	if err != nil {
		return err
	}
	stageID, err := pathID(r, "stage")
	if err != nil {
		return err
	}
	seq, err := pathID(r, "seq")
	if err != nil {
		return err
	}
	seal, data, err := h.db.PublicSealFile(r.Context(), a.ID, selID, stageID, int(seq))
	if err != nil {
		return err
	}
	w.Header().Set("X-Seal-SHA256", seal.Hash)
	return download(w, r, sealFileName(selID, seal), "csv", func(w http.ResponseWriter) error {
		_, err := w.Write(data)
		return err
	})
}

// publicRegisterView is the registration form of the portal.
type publicRegisterView struct {
	Agency   *merit.Agency
	Ann      *sqldb.PublicAnnouncement
	Form     url.Values
	Internal bool // pre-filled from the signed-in employee's registry record
	Slots    []selection.Slot
	Fields   []profileField
	Errors   []formError
	Done     *selection.Candidate // registered: the registration number
	Code     string               // the access code for corrections, shown once
	Base     string
	// Correction is the page where the applicant uploads a document again.
	Correction string
}

// profileField is an input of the registration form: the profile field's
// JSON name and the input type.
type profileField struct{ Name, Type string }

// registrationProfile lists the profile fields of the form in order.
var registrationProfile = []profileField{{"name", "text"}, {"gelarDepan", "text"}, {"gelarBelakang", "text"}, {"nip", "text"},
	{"birthPlace", "text"}, {"birthDate", "date"}, {"email", "email"}, {"phone", "tel"}, {"education", "text"}, {"graduationYear", "text"},
	{"golongan", "text"}, {"tmtGolongan", "date"}, {"currentPosition", "text"}, {"eselon", "text"}, {"tmtJabatan", "date"},
	{"agencyName", "text"}, {"tmtPengangkatan", "date"}}

// publicRegisterForm is the registration form; a signed-in employee of the
// agency finds it filled from his registry record.
func (h *handler) publicRegisterForm(w http.ResponseWriter, r *http.Request) error {
	a, ann, err := h.publicTarget(r)
	if err != nil {
		return err
	}
	v := publicRegisterView{Agency: a, Ann: ann, Form: url.Values{}, Slots: selection.Slots, Fields: registrationProfile, Base: publicBase(a, ann.Selection.ID)}
	if ea, e, err := h.selfEmployee(r); err == nil && ea.ID == a.ID {
		v.Internal = true
		for k, val := range map[string]string{"name": e.Name, "gelarDepan": e.GelarDepan, "gelarBelakang": e.GelarBelakang, "nip": e.NIP,
			"birthPlace": e.BirthPlace, "birthDate": e.BirthDate.String(), "email": e.Email, "phone": e.Phone, "education": e.Education,
			"golongan": e.Golongan, "tmtGolongan": e.TMTGolongan.String(), "currentPosition": e.PositionName, "tmtJabatan": e.TMTJabatan.String(),
			"agencyName": a.Name, "tmtPengangkatan": e.TMTCPNS.String()} {
			v.Form.Set(k, val)
		}
	}
	return h.render(w, r, http.StatusOK, "public_register", &page{Data: v})
}

// publicRegister registers an applicant with his documents and shows the
// registration number and the access code once.
func (h *handler) publicRegister(w http.ResponseWriter, r *http.Request) error {
	a, ann, err := h.publicTarget(r)
	if err != nil {
		return err
	}
	v := publicRegisterView{Agency: a, Ann: ann, Slots: selection.Slots, Fields: registrationProfile, Base: publicBase(a, ann.Selection.ID)}
	reg, err := readRegistration(w, r)
	v.Form = r.PostForm
	var code string
	if err == nil {
		v.Done, code, err = h.db.RegisterExternalCandidate(r.Context(), a.ID, ann.Selection.ID, reg)
	}
	if err != nil {
		if httpstatus.Of(err) >= 500 {
			return err
		}
		v.Done, v.Errors = nil, errorList(langOf(r), err)
		return h.render(w, r, httpstatus.Of(err), "public_register", &page{Data: v})
	}
	v.Code, v.Correction = code, fmt.Sprintf("%s/perbaikan/%d", v.Base, v.Done.ID)
	return h.render(w, r, http.StatusCreated, "public_register", &page{Data: v})
}

// readRegistration reads the multipart registration form: the profile and
// one optional file per document slot (field "doc_<slot>").
func readRegistration(w http.ResponseWriter, r *http.Request) (*sqldb.Registration, error) {
	const op = "web.readRegistration"
	r.Body = http.MaxBytesReader(w, r.Body, int64(len(selection.Slots))*merit.MaxAttachmentSize+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return nil, merit.Invalid(op, merit.FieldError{Field: "documents", Code: "proposal.attachment_size", Args: []any{merit.MaxAttachmentSize >> 20}})
		}
		return nil, badForm(err)
	}
	f := r.PostForm
	var fs merit.Fields
	date := func(name string) merit.Date {
		d, err := merit.ParseDate(f.Get(name))
		if err != nil {
			fs.Add(name, "field.not_a_date", f.Get(name))
		}
		return d
	}
	number := func(name string) int64 {
		if f.Get(name) == "" {
			return 0
		}
		n, err := strconv.ParseInt(f.Get(name), 10, 64)
		if err != nil {
			fs.Add(name, "field.not_a_number", f.Get(name))
		}
		return n
	}
	reg := &sqldb.Registration{Candidate: selection.Candidate{PostID: number("postId"), Name: f.Get("name"), GelarDepan: f.Get("gelarDepan"),
		GelarBelakang: f.Get("gelarBelakang"), NIP: f.Get("nip"), BirthPlace: f.Get("birthPlace"), BirthDate: date("birthDate"),
		Email: f.Get("email"), Phone: f.Get("phone"), Education: f.Get("education"), GraduationYear: int(number("graduationYear")),
		Golongan: f.Get("golongan"), TMTGolongan: date("tmtGolongan"), CurrentPosition: f.Get("currentPosition"), Eselon: f.Get("eselon"),
		TMTJabatan: date("tmtJabatan"), AgencyName: f.Get("agencyName"), TMTPengangkatan: date("tmtPengangkatan")}}
	for _, slot := range selection.Slots {
		file, hdr, err := r.FormFile("doc_" + string(slot))
		if errors.Is(err, http.ErrMissingFile) {
			continue
		}
		if err != nil {
			return nil, badForm(err)
		}
		data, err := io.ReadAll(file)
		file.Close()
		if err != nil {
			return nil, badForm(err)
		}
		reg.Documents = append(reg.Documents, sqldb.Upload{Slot: slot, FileName: hdr.Filename, Data: data})
	}
	return reg, fs.Err(op)
}

// publicTestView is the uji publik page: the shortlist and the comment form.
type publicTestView struct {
	Agency    *merit.Agency
	Ann       *sqldb.PublicAnnouncement
	Shortlist []sqldb.ShortlistEntry
	Form      url.Values
	Errors    []formError
	Sent      bool
	Base      string
}

// publicTest shows the shortlisted candidates and the comment form while
// uji publik is open.
func (h *handler) publicTest(w http.ResponseWriter, r *http.Request) error {
	return h.renderPublicTest(w, r, nil, nil, false)
}

func (h *handler) renderPublicTest(w http.ResponseWriter, r *http.Request, form url.Values, formErr error, sent bool) error {
	a, ann, err := h.publicTarget(r)
	if err != nil {
		return err
	}
	v := publicTestView{Agency: a, Ann: ann, Form: form, Sent: sent, Base: publicBase(a, ann.Selection.ID)}
	if v.Shortlist, err = h.db.PublicShortlist(r.Context(), a.ID, ann.Selection.ID); err != nil {
		return err
	}
	status := http.StatusOK
	if formErr != nil {
		status, v.Errors = httpstatus.Of(formErr), errorList(langOf(r), formErr)
	}
	return h.render(w, r, status, "public_test", &page{Data: v})
}

// publicComment stores a public comment for moderation.
func (h *handler) publicComment(w http.ResponseWriter, r *http.Request) error {
	a, ann, err := h.publicTarget(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return badForm(err)
	}
	c := &selection.Comment{SelectionID: ann.Selection.ID, Name: r.PostForm.Get("name"), Text: r.PostForm.Get("text")}
	c.CandidateID, _ = strconv.ParseInt(r.PostForm.Get("candidateId"), 10, 64)
	err = h.db.SubmitSelectionComment(r.Context(), a.ID, c)
	if hasFieldErrors(err) {
		return h.renderPublicTest(w, r, r.PostForm, err, false)
	}
	if err != nil {
		return err
	}
	return h.renderPublicTest(w, r, nil, nil, true)
}

// publicCorrectionView is the applicant's page to upload a document again
// (a correction asked for, or a document added while registration is open).
type publicCorrectionView struct {
	Agency *merit.Agency
	Ann    *sqldb.PublicAnnouncement
	Slots  []selection.Slot
	Errors []formError
	Done   *selection.Document
	Action string
	Base   string
}

// publicCorrectionForm is the upload form; the access code given at
// registration authorizes it.
func (h *handler) publicCorrectionForm(w http.ResponseWriter, r *http.Request) error {
	return h.renderPublicCorrection(w, r, nil, nil)
}

func (h *handler) renderPublicCorrection(w http.ResponseWriter, r *http.Request, done *selection.Document, formErr error) error {
	a, ann, err := h.publicTarget(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "candidate")
	if err != nil {
		return err
	}
	v := publicCorrectionView{Agency: a, Ann: ann, Slots: selection.Slots, Done: done, Base: publicBase(a, ann.Selection.ID),
		Action: fmt.Sprintf("%s/perbaikan/%d", publicBase(a, ann.Selection.ID), id)}
	status := http.StatusOK
	if formErr != nil {
		status, v.Errors = httpstatus.Of(formErr), errorList(langOf(r), formErr)
	}
	return h.render(w, r, status, "public_correction", &page{Data: v})
}

// publicCorrection stores the uploaded document with the access code.
func (h *handler) publicCorrection(w http.ResponseWriter, r *http.Request) error {
	a, ann, err := h.publicTarget(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "candidate")
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, merit.MaxAttachmentSize+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return h.renderPublicCorrection(w, r, nil, merit.Invalid("web.publicCorrection",
				merit.FieldError{Field: "documents", Code: "proposal.attachment_size", Args: []any{merit.MaxAttachmentSize >> 20}}))
		}
		return badForm(err)
	}
	file, hdr, err := r.FormFile("file")
	if err != nil {
		return h.renderPublicCorrection(w, r, nil, merit.Invalid("web.publicCorrection", merit.FieldError{Field: "file", Code: "field.required"}))
	}
	data, err := io.ReadAll(file)
	file.Close()
	if err != nil {
		return badForm(err)
	}
	d, err := h.db.UploadSelectionDocument(r.Context(), a.ID, ann.Selection.ID, id, r.PostForm.Get("code"),
		sqldb.Upload{Slot: selection.Slot(r.PostForm.Get("slot")), FileName: hdr.Filename, Data: data})
	if k := merit.KindOf(err); k == merit.KindInvalid || k == merit.KindConflict {
		return h.renderPublicCorrection(w, r, nil, err)
	}
	if err != nil {
		return err
	}
	return h.renderPublicCorrection(w, r, d, nil)
}
