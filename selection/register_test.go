package selection

import (
	"slices"
	"testing"

	"merit"
)

// TestAcceptsRegistration: only an announced selection, from the first to
// the last day of its window, both included.
func TestAcceptsRegistration(t *testing.T) {
	s := &Selection{Status: StatusAnnounced, RegistrationOpen: merit.MustDate("2026-03-02"), RegistrationClose: merit.MustDate("2026-03-16")}
	for _, tc := range []struct {
		status Status
		today  string
		open   bool
	}{
		{StatusAnnounced, "2026-03-01", false},
		{StatusAnnounced, "2026-03-02", true},
		{StatusAnnounced, "2026-03-16", true},
		{StatusAnnounced, "2026-03-17", false},
		{StatusDraft, "2026-03-10", false},
		{StatusDecided, "2026-03-10", false},
		{StatusCancelled, "2026-03-10", false},
	} {
		s.Status = tc.status
		err := s.AcceptsRegistration(merit.MustDate(tc.today))
		if (err == nil) != tc.open || (err != nil && merit.KindOf(err) != merit.KindConflict) {
			t.Errorf("%s on %s: %v, want open %t (else conflict)", tc.status, tc.today, err, tc.open)
		}
	}
	if err := (&Selection{Status: StatusAnnounced}).AcceptsRegistration(merit.MustDate("2026-03-10")); err == nil {
		t.Error("no registration window: accepted")
	}
}

// TestValidateApplicant: every required field missing is named, sorted;
// an e-mail without @ is refused; a complete profile passes, trimmed.
func TestValidateApplicant(t *testing.T) {
	var empty Candidate
	want := []string{"agencyName", "birthDate", "currentPosition", "education", "email", "name", "phone"}
	if got := fieldNames(empty.ValidateApplicant()); !slices.Equal(got, want) {
		t.Errorf("empty profile: fields %v, want %v", got, want)
	}
	c := Candidate{Name: "  Dr. Rina Wulandari ", Email: " rina@example.id ", Phone: "0812", Education: "S2",
		CurrentPosition: "Kepala Bagian", AgencyName: "Pemprov Jawa Tengah", BirthDate: merit.MustDate("1978-04-01"), NIP: " 197804012005012001 "}
	if err := c.ValidateApplicant(); err != nil {
		t.Fatalf("complete profile: %v", err)
	}
	if c.Name != "Dr. Rina Wulandari" || c.Email != "rina@example.id" || c.NIP != "197804012005012001" {
		t.Errorf("not trimmed: %q %q %q", c.Name, c.Email, c.NIP)
	}
	c.Email = "rina.example.id"
	if got := fieldNames(c.ValidateApplicant()); !slices.Equal(got, []string{"email"}) {
		t.Errorf("e-mail without @: %v", got)
	}
}

// TestDocumentCheck: each verdict with its required note and deadline; a
// correction's deadline may be today, not yesterday; an invalid verdict
// leaves the document as it was; CorrectableOn includes the deadline.
func TestDocumentCheck(t *testing.T) {
	today := merit.MustDate("2026-03-20")
	for _, tc := range []struct {
		name     string
		status   DocStatus
		note     string
		deadline string
		fields   []string
	}{
		{"verified", DocVerified, "", "2026-03-25", nil},
		{"rejected with a note", DocRejected, "Ijazah tidak terbaca", "", nil},
		{"rejected without a note", DocRejected, "  ", "", []string{"note"}},
		{"correction by today", DocCorrection, "Unggah ulang", "2026-03-20", nil},
		{"correction by yesterday", DocCorrection, "Unggah ulang", "2026-03-19", []string{"correctionDeadline"}},
		{"correction without deadline or note", DocCorrection, "", "", []string{"correctionDeadline", "note"}},
		{"unknown verdict", DocStatus("lost"), "x", "", []string{"status"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := Document{Status: DocUploaded}
			var deadline merit.Date
			if tc.deadline != "" {
				deadline = merit.MustDate(tc.deadline)
			}
			err := d.Check(tc.status, tc.note, deadline, today)
			got := fieldNames(err)
			slices.Sort(got)
			if !slices.Equal(got, tc.fields) {
				t.Fatalf("fields %v (%v), want %v", got, err, tc.fields)
			}
			if err != nil {
				if d.Status != DocUploaded {
					t.Errorf("refused verdict changed the document: %+v", d)
				}
				return
			}
			if d.Status != tc.status || (tc.status != DocCorrection && !d.CorrectionDeadline.IsZero()) {
				t.Errorf("document %+v", d)
			}
		})
	}
	d := Document{Status: DocCorrection, CorrectionDeadline: merit.MustDate("2026-03-20")}
	if !d.CorrectableOn(merit.MustDate("2026-03-20")) || d.CorrectableOn(merit.MustDate("2026-03-21")) {
		t.Error("CorrectableOn: the deadline is the last day")
	}
	if (&Document{Status: DocRejected}).CorrectableOn(today) {
		t.Error("a rejected document is not correctable")
	}
}

func fieldNames(err error) []string {
	var out []string
	for _, f := range merit.FieldsOf(err) {
		out = append(out, f.Field)
	}
	return out
}

// TestDecideCandidate: each verdict, the note required unless qualified,
// an unknown verdict named, and no change once administrasi is closed or
// published.
func TestDecideCandidate(t *testing.T) {
	s := &Selection{Stages: []Stage{{Kind: Administrasi, Status: StageOpen}}}
	for _, tc := range []struct {
		status CandidateStatus
		note   string
		fields []string
	}{
		{CandidateQualified, "", nil},
		{CandidateUnqualified, "Belum 2 tahun dalam jabatan", nil},
		{CandidateUnqualified, " ", []string{"adminNote"}},
		{CandidateCorrection, "", []string{"adminNote"}},
		{CandidateStatus("maybe"), "", []string{"status", "adminNote"}},
	} {
		c := Candidate{Status: CandidateSubmitted}
		err := s.DecideCandidate(&c, tc.status, tc.note)
		if got := fieldNames(err); !slices.Equal(got, tc.fields) {
			t.Errorf("%s %q: fields %v (%v), want %v", tc.status, tc.note, got, err, tc.fields)
		}
		if (err == nil) != (c.Status == tc.status) {
			t.Errorf("%s %q: candidate status %s after %v", tc.status, tc.note, c.Status, err)
		}
	}
	for _, closed := range []StageStatus{StageClosed, StagePublished} {
		s.Stages[0].Status = closed
		c := Candidate{Status: CandidateQualified}
		if err := s.DecideCandidate(&c, CandidateUnqualified, "terlambat"); merit.KindOf(err) != merit.KindConflict || c.Status != CandidateQualified {
			t.Errorf("administrasi %s: %v, status %s; want conflict, unchanged", closed, err, c.Status)
		}
	}
}
