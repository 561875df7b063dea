package merit

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"path"
	"strings"
	"time"
)

// ProposalStatus is where an usulan perubahan data stands.
type ProposalStatus string

// The statuses of a proposal: submitted by the employee, then accepted or
// rejected (with a reason) by an operator of the agency.
const (
	ProposalSubmitted ProposalStatus = "submitted"
	ProposalAccepted  ProposalStatus = "accepted"
	ProposalRejected  ProposalStatus = "rejected"
)

// ProposalFields are the data utama fields (JSON names of Employee) an
// employee may propose to change; the rest (NIP, golongan, position...)
// change only through the documents operators enter.
var ProposalFields = []string{"name", "gelarDepan", "gelarBelakang", "birthPlace", "religion", "education", "email", "phone", "nik", "alamat"}

// Proposal is an usulan perubahan data: an employee's request to change
// fields of their own record, decided by an operator.
type Proposal struct {
	AgencyID       int64             `json:"agencyId"`
	ID             int64             `json:"id"`
	EmployeeID     int64             `json:"employeeId"`
	EmployeeName   string            `json:"employeeName,omitempty"` // read-only, for queues
	Changes        map[string]string `json:"changes"`                // ProposalFields name → new value
	Reason         string            `json:"reason"`
	Status         ProposalStatus    `json:"status"`
	CreatedAt      time.Time         `json:"createdAt"`
	DecidedBy      string            `json:"decidedBy,omitempty"`
	DecidedAt      *time.Time        `json:"decidedAt,omitempty"`
	DecisionReason string            `json:"decisionReason,omitempty"`
	Attachments    []*Attachment     `json:"attachments,omitempty"`
}

// Validate checks a new proposal: at least one known field, values trimmed,
// and a reason.
func (p *Proposal) Validate() error {
	var fs Fields
	p.Reason = strings.TrimSpace(p.Reason)
	if len(p.Changes) == 0 {
		fs.Add("changes", "proposal.no_changes", "")
	}
	for k, v := range p.Changes {
		p.Changes[k] = strings.TrimSpace(v)
		if !proposable(k) {
			fs.Add(k, "proposal.field_not_proposable", k, k)
		}
	}
	if p.Reason == "" {
		fs.Add("reason", "field.required", "")
	}
	return fs.Err("Proposal.Validate")
}

// proposalField gives, for each of ProposalFields, the Employee field it
// changes: the one table Validate and Apply both read.
var proposalField = map[string]func(*Employee) *string{
	"name":          func(e *Employee) *string { return &e.Name },
	"gelarDepan":    func(e *Employee) *string { return &e.GelarDepan },
	"gelarBelakang": func(e *Employee) *string { return &e.GelarBelakang },
	"birthPlace":    func(e *Employee) *string { return &e.BirthPlace },
	"religion":      func(e *Employee) *string { return &e.Religion },
	"education":     func(e *Employee) *string { return &e.Education },
	"email":         func(e *Employee) *string { return &e.Email },
	"phone":         func(e *Employee) *string { return &e.Phone },
	"nik":           func(e *Employee) *string { return &e.NIK },
	"alamat":        func(e *Employee) *string { return &e.Alamat },
}

func proposable(field string) bool {
	_, ok := proposalField[field]
	return ok
}

// Apply writes the proposed values into e; the caller validates e as any
// other update.
func (p *Proposal) Apply(e *Employee) {
	for k, v := range p.Changes {
		if field, ok := proposalField[k]; ok {
			*field(e) = v
		}
	}
}

// MaxAttachmentSize is the largest supporting document a proposal takes.
const MaxAttachmentSize = 5 << 20

// attachmentTypes are the accepted kinds of supporting document, as
// http.DetectContentType names them.
var attachmentTypes = []string{"application/pdf", "image/jpeg", "image/png"}

// Attachment is a supporting document of a proposal (a scan of an ijazah,
// a KTP...). Its bytes are served only as a download.
type Attachment struct {
	ID          int64  `json:"id"`
	ProposalID  int64  `json:"proposalId"`
	Name        string `json:"name"`
	ContentType string `json:"contentType"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
	Data        []byte `json:"-"`
}

// NewAttachment checks an uploaded file: at most MaxAttachmentSize, and a
// PDF, JPEG or PNG by its content (sniffed, whatever its name says).
func NewAttachment(name string, data []byte) (*Attachment, error) {
	const op = "NewAttachment"
	name = path.Base(strings.ReplaceAll(strings.TrimSpace(name), "\\", "/"))
	if len(data) > MaxAttachmentSize {
		return nil, &Error{Kind: KindInvalid, Op: op, Code: "err.invalid",
			Fields: []FieldError{{Field: "attachment", Code: "proposal.attachment_size", Value: name, Args: []any{MaxAttachmentSize >> 20}}}}
	}
	ct := http.DetectContentType(data)
	for _, t := range attachmentTypes {
		if ct == t {
			sum := sha256.Sum256(data)
			return &Attachment{Name: name, ContentType: ct, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), Data: data}, nil
		}
	}
	return nil, &Error{Kind: KindInvalid, Op: op, Code: "err.invalid",
		Fields: []FieldError{{Field: "attachment", Code: "proposal.attachment_type", Value: name}}}
}
