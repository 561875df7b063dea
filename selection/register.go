package selection

import (
	"slices"
	"strings"

	"merit"
)

// The rules of registration on the public portal and of the secretariat's
// check of an application (field.md §2.3): the registration window, an
// external applicant's required profile fields, a document's verdict, when
// a document may be uploaded again, and the names of the profile fields
// verified one by one.

// AcceptsRegistration reports KindConflict unless the selection is
// announced and today is within its registration window (both ends
// included).
func (s *Selection) AcceptsRegistration(today merit.Date) error {
	if s.Status != StatusAnnounced || s.RegistrationOpen.IsZero() || today.Before(s.RegistrationOpen) || today.After(s.RegistrationClose) {
		return merit.Errorf(merit.KindConflict, "selection.AcceptsRegistration", "selection.err.registration_closed")
	}
	return nil
}

// ValidateApplicant checks an external applicant's profile (trimming the
// name, e-mail and NIP): name, birth date, e-mail, phone, education, current
// position and agency are required, and the e-mail needs an @. Errors are
// sorted by field.
func (c *Candidate) ValidateApplicant() error {
	var fs merit.Fields
	c.Name, c.Email, c.NIP = strings.TrimSpace(c.Name), strings.TrimSpace(c.Email), strings.TrimSpace(c.NIP)
	for field, v := range map[string]string{"name": c.Name, "email": c.Email, "phone": c.Phone, "education": c.Education,
		"currentPosition": c.CurrentPosition, "agencyName": c.AgencyName} {
		if strings.TrimSpace(v) == "" {
			fs.Add(field, "field.required", "")
		}
	}
	if c.BirthDate.IsZero() {
		fs.Add("birthDate", "field.required", "")
	}
	if c.Email != "" && !strings.Contains(c.Email, "@") {
		fs.Add("email", "field.email_invalid", c.Email)
	}
	slices.SortFunc(fs, func(a, b merit.FieldError) int { return strings.Compare(a.Field, b.Field) })
	return fs.Err("selection.ValidateApplicant")
}

// Check applies the secretariat's verdict to the document: verified,
// rejected (with a note) or a correction (with a note and a deadline not
// before today). A verdict other than a correction clears the deadline.
// The document is unchanged when the verdict is invalid.
func (d *Document) Check(status DocStatus, note string, deadline, today merit.Date) error {
	var fs merit.Fields
	note = strings.TrimSpace(note)
	switch status {
	case DocVerified:
		deadline = merit.Date{}
	case DocRejected, DocCorrection:
		if note == "" {
			fs.Add("note", "field.required", "")
		}
		if status == DocRejected {
			deadline = merit.Date{}
		} else if deadline.IsZero() || deadline.Before(today) {
			fs.Add("correctionDeadline", "selection.err.deadline", deadline.String(), today.String())
		}
	default:
		fs.Add("status", "field.unknown_ref", string(status))
	}
	if err := fs.Err("selection.Document.Check"); err != nil {
		return err
	}
	d.Status, d.Note, d.CorrectionDeadline = status, note, deadline
	return nil
}

// CorrectableOn reports whether the applicant may upload the document again
// on the day: a correction was asked and its deadline (included) has not
// passed.
func (d *Document) CorrectableOn(today merit.Date) bool {
	return d.Status == DocCorrection && !today.After(d.CorrectionDeadline)
}

// ProfileFields are the JSON names of a candidate's profile fields that the
// secretariat verifies one by one (field.md §2.3).
var ProfileFields = []string{"name", "gelarDepan", "gelarBelakang", "nip", "birthPlace", "birthDate", "email", "phone", "education",
	"graduationYear", "golongan", "tmtGolongan", "currentPosition", "eselon", "tmtJabatan", "agencyName", "tmtPengangkatan"}

// CandidateVerdicts are the results of the administrative check the
// secretariat records.
var CandidateVerdicts = []CandidateStatus{CandidateQualified, CandidateUnqualified, CandidateCorrection}

// DecideCandidate records the administrative check of the candidate:
// qualified, unqualified or asked for a correction, with the verifier's
// note (keterangan; required unless qualified). Once administrasi is
// closed the eligible candidates are fixed, since the scored stages and
// their seals rest on them: KindConflict. The candidate is unchanged on
// error.
func (s *Selection) DecideCandidate(c *Candidate, status CandidateStatus, note string) error {
	const op = "selection.DecideCandidate"
	note = strings.TrimSpace(note)
	var fs merit.Fields
	if !slices.Contains(CandidateVerdicts, status) {
		fs.Add("status", "field.unknown_ref", string(status))
	}
	if note == "" && status != CandidateQualified {
		fs.Add("adminNote", "field.required", "")
	}
	if err := fs.Err(op); err != nil {
		return err
	}
	if st, ok := s.Stage(Administrasi); ok && (st.Status == StageClosed || st.Status == StagePublished) {
		return merit.Errorf(merit.KindConflict, op, "selection.err.admin_closed")
	}
	c.Status, c.AdminNote = status, note
	return nil
}
