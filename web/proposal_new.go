package web

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"

	"merit"
	"merit/i18n"
)

// proposalForm is the employee's "Usulkan perubahan" form: one input per
// proposable field showing the current value, a reason and an attachment.
type proposalForm struct {
	formView
	Reason      string
	ReasonError string
	FileError   string
}

// proposalForm builds the form, prefilled with the record's current values
// (values is nil) or with what was submitted.
func (h *handler) proposalForm(r *http.Request, e *merit.Employee, values url.Values, err error) (*proposalForm, error) {
	lang := langOf(r)
	ref, rerr := h.db.Reference(r.Context())
	if rerr != nil {
		return nil, rerr
	}
	if values == nil {
		values = employeeValues(e)
	}
	f := &proposalForm{formView: formView{Title: i18n.T(lang, "ui.proposal.new"), Subtitle: e.FullName(), Action: "/saya/usulan",
		Submit: "ui.proposal.submit", Cancel: "/saya"}}
	var fields []field
	for _, name := range merit.ProposalFields {
		f := field{Name: name, Label: "field." + name, Type: "text"}
		switch name {
		case "religion":
			f.Type, f.Options = "select", refOptions(lang, ref.Agama)
		case "education":
			f.Type, f.Options = "select", refOptions(lang, ref.Pendidikan)
		case "email":
			f.Type = "email"
		case "phone":
			f.Type = "tel"
		}
		fields = append(fields, f)
	}
	f.Sections = []formSection{{Fields: fields}}
	errs := formErrors(lang, err)
	f.apply(lang, values, errs)
	f.Reason, f.ReasonError, f.FileError = values.Get("reason"), errs["reason"], errs["attachment"]
	return f, nil
}

// newProposal shows the form.
func (h *handler) newProposal(w http.ResponseWriter, r *http.Request) error {
	a, e, err := h.selfEmployee(r)
	if err != nil {
		return err
	}
	f, err := h.proposalForm(r, e, nil, nil)
	if err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "proposal_form", &page{Agency: a, Nav: "self", Data: f})
}

// createProposal stores the proposal: the fields whose value differs from
// the record, the reason and the optional attachment (checked by content).
func (h *handler) createProposal(w http.ResponseWriter, r *http.Request) error {
	a, e, err := h.selfEmployee(r)
	if err != nil {
		return err
	}
	values, att, err := readProposal(w, r)
	if err == nil {
		p := &merit.Proposal{AgencyID: a.ID, EmployeeID: e.ID, Changes: map[string]string{}, Reason: values.Get("reason")}
		cur := employeeValues(e)
		for _, name := range merit.ProposalFields {
			if v := strings.TrimSpace(values.Get(name)); v != cur.Get(name) {
				p.Changes[name] = v
			}
		}
		if att != nil {
			p.Attachments = []*merit.Attachment{att}
		}
		if err = h.db.CreateProposal(r.Context(), p); err == nil {
			return redirect(w, r, "/saya", "ui.flash.proposal_created")
		}
	}
	if merit.KindOf(err) != merit.KindInvalid {
		return err
	}
	f, ferr := h.proposalForm(r, e, values, err)
	if ferr != nil {
		return ferr
	}
	return h.render(w, r, http.StatusUnprocessableEntity, "proposal_form", &page{Agency: a, Nav: "self", Data: f})
}

// readProposal reads the multipart form: the values and the attachment,
// refusing a file over merit.MaxAttachmentSize before reading it whole.
func readProposal(w http.ResponseWriter, r *http.Request) (url.Values, *merit.Attachment, error) {
	const op = "web.readProposal"
	r.Body = http.MaxBytesReader(w, r.Body, merit.MaxAttachmentSize+1<<20)
	tooLarge := func() error {
		return merit.Invalid(op, merit.FieldError{Field: "attachment", Code: "proposal.attachment_size", Args: []any{merit.MaxAttachmentSize >> 20}})
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return nil, nil, tooLarge()
		}
		return nil, nil, badForm(err)
	}
	values := r.PostForm
	file, hdr, err := r.FormFile("attachment")
	if errors.Is(err, http.ErrMissingFile) {
		return values, nil, nil
	}
	if err != nil {
		return values, nil, badForm(err)
	}
	defer file.Close()
	if hdr.Size > merit.MaxAttachmentSize {
		return values, nil, tooLarge()
	}
	data, err := io.ReadAll(file)
	if err != nil {
		return values, nil, badForm(err)
	}
	att, err := merit.NewAttachment(hdr.Filename, data)
	return values, att, err
}
