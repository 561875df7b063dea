// Package selection holds the rules of the open selection of senior posts
// (seleksi terbuka JPT, regulations.md §5; field.md §2.3): the selection and
// its stage plan with weights, the panel (pansel) and its conflicts of
// interest, candidates with their documents and the administrative check,
// the panel's scores, stage results, totals, the ranking per post, the top
// three (tiga besar) that go to the PPK, the PPK's decision, and the seal that
// lets the public recompute a published stage.
//
// It is pure Go: the store (package sqldb) loads and saves these values, the
// web and API packages only translate them. Weights, scores and totals are
// fixed point (performance.Hundredths: two decimals kept as an integer), so
// every engine and every reader computes the same numbers.
package selection

import (
	"slices"
	"time"

	"merit"
	"merit/performance"
)

// Level is the JPT level a selection fills: pratama or madya (JPT utama is
// filled by the President and is not run in Merit).
type Level string

// The JPT levels.
const (
	Pratama Level = "jpt_pratama"
	Madya   Level = "jpt_madya"
)

// Valid reports whether l is a known level.
func (l Level) Valid() bool { return l == Pratama || l == Madya }

// Status is where a selection stands as a whole.
type Status string

// The statuses of a selection, in order. A selection is edited freely while
// draft; announcing it freezes the stage weights; it is decided when the PPK
// has chosen for every post.
const (
	StatusDraft     Status = "draft"     // being prepared by the agency, not public
	StatusAnnounced Status = "announced" // public: announcement, registration, stages running
	StatusDecided   Status = "decided"   // the PPK chose one of the top three for every post
	StatusCancelled Status = "cancelled" // stopped (e.g. too few qualified candidates); stays public with its reason
)

// Aggregation is how the members' scores of one candidate in one stage make
// the stage score.
type Aggregation string

// The aggregations. The trimmed mean drops the highest and the lowest
// member's score, and only when at least TrimMinMembers members scored.
const (
	Mean        Aggregation = "mean"
	TrimmedMean Aggregation = "trimmed_mean"
)

// TrimMinMembers is the fewest members' scores for which the trimmed mean
// drops the highest and the lowest; with fewer it is the plain mean.
const TrimMinMembers = 5

// Selection is one open selection (seleksi terbuka): one or more vacant JPT
// posts of one level filled through one announcement, one panel and one
// stage plan.
type Selection struct {
	AgencyID    int64       `json:"agencyId"`
	ID          int64       `json:"id"`
	Title       string      `json:"title"`      // e.g. "Seleksi Terbuka JPT Pratama Kota Magelang 2026"
	LegalBasis  string      `json:"legalBasis"` // dasar hukum: the PPK's decree, the BKN recommendation
	Level       Level       `json:"level"`
	Status      Status      `json:"status"`
	Aggregation Aggregation `json:"aggregation"`
	// AnnouncedAt is when the selection became public; zero while draft.
	AnnouncedAt time.Time `json:"announcedAt,omitzero"`
	// RegistrationOpen and RegistrationClose bound registration. The
	// closing date is the date at which a candidate's age is measured.
	RegistrationOpen  merit.Date `json:"registrationOpen"`
	RegistrationClose merit.Date `json:"registrationClose"`
	// WeightsFrozen is set when the selection is announced: from then on a
	// change of stage weights is a conflict.
	WeightsFrozen bool               `json:"weightsFrozen"`
	Posts         []Post             `json:"posts"`
	Stages        []Stage            `json:"stages"` // the stage plan, in order
	Extras        []ExtraRequirement `json:"extras,omitempty"`
	Panel         PanelRule          `json:"panel"`
}

// Stage returns the stage of the plan with the given kind.
func (s *Selection) Stage(kind StageKind) (*Stage, bool) {
	for i := range s.Stages {
		if s.Stages[i].Kind == kind {
			return &s.Stages[i], true
		}
	}
	return nil, false
}

// Post is one vacant JPT position the selection fills; each post gets its
// own ranking and its own top three.
type Post struct {
	SelectionID  int64  `json:"selectionId"`
	ID           int64  `json:"id"`
	PositionID   int64  `json:"positionId"`
	PositionName string `json:"positionName,omitempty"` // filled on read
}

// StageKind is the kind of a stage of the plan (regulations.md §5.4).
type StageKind string

// The stage kinds. The first five are the default plan; the others are
// optional.
const (
	Administrasi StageKind = "administrasi" // seleksi administrasi: a pass/fail gate on requirements and documents
	RekamJejak   StageKind = "rekam_jejak"  // penelusuran rekam jejak: track record, integrity
	Asesmen      StageKind = "asesmen"      // asesmen kompetensi (assessment center)
	Makalah      StageKind = "makalah"      // penulisan makalah: a written paper, often presented at interview
	Wawancara    StageKind = "wawancara"    // wawancara pansel
	Kesehatan    StageKind = "kesehatan"    // health check (optional)
	Psikologi    StageKind = "psikologi"    // psychological test (optional)
	UjiPublik    StageKind = "uji_publik"   // public test: a public comment window (optional, regulations.md §5.4)
)

// StageKinds lists every stage kind in the order of a plan.
var StageKinds = []StageKind{Administrasi, RekamJejak, Asesmen, Makalah, Wawancara, Kesehatan, Psikologi, UjiPublik}

// Valid reports whether k is a known stage kind.
func (k StageKind) Valid() bool { return slices.Contains(StageKinds, k) }

// StageStatus is where a stage stands. Stages move forward only.
type StageStatus string

// The stage statuses, in their only order.
const (
	StagePlanned   StageStatus = "planned"   // on the plan, not started
	StageOpen      StageStatus = "open"      // running: documents checked or scores entered
	StageClosed    StageStatus = "closed"    // no more scores; results not yet public
	StagePublished StageStatus = "published" // results public and sealed
)

// StageStatuses lists the stage statuses in order.
var StageStatuses = []StageStatus{StagePlanned, StageOpen, StageClosed, StagePublished}

// Stage is one stage of a selection's plan: its kind, order, weight in the
// total, timeline, status and the criteria the panel scores.
type Stage struct {
	SelectionID int64     `json:"selectionId"`
	ID          int64     `json:"id"`
	Kind        StageKind `json:"kind"`
	Order       int       `json:"order"` // 1-based position in the plan
	// Weight is the stage's share of the total in percent with two decimals
	// (4000 = 40.00 %); the weights of a plan add to 100.00. A weight of
	// zero makes the stage a gate (pass/fail) that does not count in the
	// total, as administrasi by default.
	Weight   performance.Hundredths `json:"weight"`
	Start    merit.Date             `json:"start"`
	End      merit.Date             `json:"end"`
	Status   StageStatus            `json:"status"`
	Criteria []Criterion            `json:"criteria"`
}

// Scored reports whether the panel scores the stage: it has criteria.
// Administrasi is decided per candidate, not scored.
func (st *Stage) Scored() bool { return len(st.Criteria) > 0 }

// Criterion is one line of a stage's scorecard with the highest score a
// member may give; stage scores are normalised to 0–100 from these maxima.
type Criterion struct {
	Code string                 `json:"code"` // stable, short, e.g. "visi", "integritas"
	Name string                 `json:"name"`
	Max  performance.Hundredths `json:"max"`
}

// MemberKind says where a panel member comes from; at most a share of the
// panel may be internal (PanelRule.MaxInternalPercent).
type MemberKind string

// The member kinds (regulations.md §5.3).
const (
	Internal MemberKind = "internal" // an official of the agency itself
	External MemberKind = "external" // an official of another agency, a practitioner or professional
	Academic MemberKind = "academic" // a university academic
)

// MemberRole is a member's role in the panel.
type MemberRole string

// The panel roles.
const (
	Ketua      MemberRole = "ketua"
	Sekretaris MemberRole = "sekretaris"
	Anggota    MemberRole = "anggota"
)

// Member is one member of the selection panel (pansel). Code is the
// member's public code in published files ("P1", "P2", ...): the public
// sees the panel's names in the announcement, but a published score is
// tied to a code, not a name.
type Member struct {
	SelectionID int64      `json:"selectionId"`
	ID          int64      `json:"id"`
	Code        string     `json:"code"`
	Name        string     `json:"name"`
	UserID      int64      `json:"userId,omitempty"` // the member's sign-in, if they score in Merit
	Kind        MemberKind `json:"kind"`
	Role        MemberRole `json:"role"`
	Affiliation string     `json:"affiliation,omitempty"` // agency or university
	// EthicsAcceptedAt is when the member accepted the code of ethics
	// (Peraturan KASN 4/2017); a member may not score before.
	EthicsAcceptedAt time.Time `json:"ethicsAcceptedAt,omitzero"`
}

// EthicsAccepted reports whether the member accepted the code of ethics.
func (m *Member) EthicsAccepted() bool { return !m.EthicsAcceptedAt.IsZero() }

// Conflict is a conflict of interest a member declared for one candidate
// (family, superior, business). It blocks that member from scoring that
// candidate in every stage.
type Conflict struct {
	SelectionID int64     `json:"selectionId"`
	MemberID    int64     `json:"memberId"`
	CandidateID int64     `json:"candidateId"`
	Reason      string    `json:"reason"`
	DeclaredAt  time.Time `json:"declaredAt"`
}

// CandidateStatus is where a candidate stands in the selection.
type CandidateStatus string

// The candidate statuses.
const (
	CandidateDraft       CandidateStatus = "draft"       // registering, not yet submitted
	CandidateSubmitted   CandidateStatus = "submitted"   // submitted, administrative check pending
	CandidateCorrection  CandidateStatus = "correction"  // asked to correct documents by a deadline
	CandidateQualified   CandidateStatus = "qualified"   // passed administrasi: eligible for the scored stages
	CandidateUnqualified CandidateStatus = "unqualified" // did not pass administrasi
	CandidateWithdrawn   CandidateStatus = "withdrawn"   // withdrew
)

// Candidate is one applicant for one post: either an employee of the agency
// (EmployeeID set, the profile pre-filled from the registry) or an applicant
// from another agency with a profile of their own (field.md §2.3). Each
// profile field can be verified on its own: Verified lists the JSON names of
// the fields a verifier confirmed.
type Candidate struct {
	SelectionID int64 `json:"selectionId"`
	ID          int64 `json:"id"`
	PostID      int64 `json:"postId"`
	// RegNo is the registration number, the candidate's public code in
	// published results (e.g. "JPT-2026-007").
	RegNo        string          `json:"regNo"`
	EmployeeID   int64           `json:"employeeId,omitempty"`
	Status       CandidateStatus `json:"status"`
	RegisteredAt time.Time       `json:"registeredAt"`

	// The profile (field.md §2.3).
	Name            string     `json:"name"`
	GelarDepan      string     `json:"gelarDepan,omitempty"`
	GelarBelakang   string     `json:"gelarBelakang,omitempty"`
	NIP             string     `json:"nip"`
	BirthPlace      string     `json:"birthPlace"`
	BirthDate       merit.Date `json:"birthDate"`
	Email           string     `json:"email"`
	Phone           string     `json:"phone"`
	Education       string     `json:"education"` // reference pendidikan: highest level
	GraduationYear  int        `json:"graduationYear,omitempty"`
	Golongan        string     `json:"golongan"` // reference golongan
	TMTGolongan     merit.Date `json:"tmtGolongan"`
	CurrentPosition string     `json:"currentPosition"` // jabatan terakhir
	Eselon          string     `json:"eselon,omitempty"`
	TMTJabatan      merit.Date `json:"tmtJabatan"`
	AgencyName      string     `json:"agencyName"`      // instansi
	TMTPengangkatan merit.Date `json:"tmtPengangkatan"` // TMT pengangkatan pertama (CPNS)
	Verified        []string   `json:"verified,omitempty"`
	AdminNote       string     `json:"adminNote,omitempty"` // the verifier's keterangan
}

// IsVerified reports whether the profile field (JSON name) was verified.
func (c *Candidate) IsVerified(field string) bool { return slices.Contains(c.Verified, field) }

// Verify marks the profile field (JSON name) verified, once.
func (c *Candidate) Verify(field string) {
	if !c.IsVerified(field) {
		c.Verified = append(c.Verified, field)
		slices.Sort(c.Verified)
	}
}

// Eligible reports whether the candidate passed administrasi and takes
// part in the scored stages.
func (c *Candidate) Eligible() bool { return c.Status == CandidateQualified }

// Slot is one of the document slots of an application (field.md §2.3).
type Slot string

// The 18 document slots, in the order of the checklist.
const (
	SlotSuratLamaran    Slot = "surat_lamaran"    // application letter
	SlotDRH             Slot = "drh"              // daftar riwayat hidup
	SlotKTP             Slot = "ktp"              // identity card
	SlotFoto            Slot = "foto"             // photograph
	SlotSKPangkat       Slot = "sk_pangkat"       // latest rank decree
	SlotSKJabatan       Slot = "sk_jabatan"       // latest position decree
	SlotSKPengangkatan  Slot = "sk_pengangkatan"  // first appointment decree
	SlotIjazah          Slot = "ijazah"           // diploma
	SlotSTTP            Slot = "sttp"             // leadership training certificate
	SlotSKP             Slot = "skp"              // performance appraisals
	SlotLHKPN           Slot = "lhkpn"            // wealth report
	SlotSPT             Slot = "spt"              // tax return
	SlotRekomendasi     Slot = "rekomendasi"      // the superior's recommendation
	SlotTidakPidana     Slot = "tidak_pidana"     // statement: never sentenced
	SlotTidakHukdis     Slot = "tidak_hukdis"     // statement: no disciplinary sanction
	SlotPaktaIntegritas Slot = "pakta_integritas" // integrity pact
	SlotSehat           Slot = "sehat"            // physical and mental health certificate
	SlotBebasNAPZA      Slot = "bebas_napza"      // drug-free certificate
)

// Slots lists the 18 document slots in checklist order.
var Slots = []Slot{
	SlotSuratLamaran, SlotDRH, SlotKTP, SlotFoto, SlotSKPangkat, SlotSKJabatan, SlotSKPengangkatan, SlotIjazah, SlotSTTP,
	SlotSKP, SlotLHKPN, SlotSPT, SlotRekomendasi, SlotTidakPidana, SlotTidakHukdis, SlotPaktaIntegritas, SlotSehat, SlotBebasNAPZA,
}

// Valid reports whether s is one of the 18 slots.
func (s Slot) Valid() bool { return slices.Contains(Slots, s) }

// DocStatus is where an uploaded document stands.
type DocStatus string

// The document statuses: a verifier verifies or rejects an upload, or asks
// for a correction by a deadline; a new upload makes it uploaded again.
const (
	DocUploaded   DocStatus = "uploaded"
	DocVerified   DocStatus = "verified"
	DocRejected   DocStatus = "rejected"
	DocCorrection DocStatus = "correction"
)

// Document is one uploaded document of a candidate in one slot.
type Document struct {
	CandidateID int64     `json:"candidateId"`
	ID          int64     `json:"id"`
	Slot        Slot      `json:"slot"`
	Status      DocStatus `json:"status"`
	FileName    string    `json:"fileName"`
	ContentType string    `json:"contentType"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"` // of the file as uploaded, hex
	UploadedAt  time.Time `json:"uploadedAt"`
	Note        string    `json:"note,omitempty"` // the verifier's keterangan
	// CorrectionDeadline is the last day for a corrected upload when the
	// status is correction.
	CorrectionDeadline merit.Date `json:"correctionDeadline,omitzero"`
}

// Score is one member's score of one candidate on one criterion of one
// stage, between 0 and the criterion's maximum.
type Score struct {
	SelectionID int64                  `json:"selectionId"`
	StageID     int64                  `json:"stageId"`
	CandidateID int64                  `json:"candidateId"`
	MemberID    int64                  `json:"memberId"`
	Criterion   string                 `json:"criterion"` // Criterion.Code
	Value       performance.Hundredths `json:"value"`
	ScoredAt    time.Time              `json:"scoredAt"`
}

// StageResult is a candidate's score in one stage: the members' scores
// aggregated and normalised to 0–100.
type StageResult struct {
	StageID     int64                  `json:"stageId"`
	Kind        StageKind              `json:"kind"`
	CandidateID int64                  `json:"candidateId"`
	Score       performance.Hundredths `json:"score"`   // 0.00–100.00
	Members     int                    `json:"members"` // members whose scores count
}

// Ranked is one line of a post's ranking: a candidate with their stage
// results, weighted total and rank (1 = best; ties broken by the stated rule).
type Ranked struct {
	CandidateID int64                  `json:"candidateId"`
	RegNo       string                 `json:"regNo"`
	Stages      []StageResult          `json:"stages"`
	Total       performance.Hundredths `json:"total"`
	Rank        int                    `json:"rank"`
}

// Ranking is the ranking of one post's eligible candidates, best first.
type Ranking struct {
	PostID int64    `json:"postId"`
	Rows   []Ranked `json:"rows"`
}

// TopThreeSize is how many names per post the panel proposes to the PPK
// (UU 5/2014 Ps. 113, regulations.md §5.5).
const TopThreeSize = 3

// TopThree returns the first three lines of the ranking (fewer when fewer
// candidates are ranked): the names proposed to the PPK.
func (r *Ranking) TopThree() []Ranked {
	return r.Rows[:min(TopThreeSize, len(r.Rows))]
}

// Decision is the PPK's choice of one of a post's top three, with the reason
// the law asks to be recorded.
type Decision struct {
	SelectionID int64     `json:"selectionId"`
	PostID      int64     `json:"postId"`
	CandidateID int64     `json:"candidateId"`
	Reason      string    `json:"reason"`
	DecidedBy   int64     `json:"decidedBy"` // user id of the PPK
	DecidedAt   time.Time `json:"decidedAt"`
}

// Seal is the fingerprint of a published stage: the SHA-256 (hex) of the
// stage's canonical score file, chained to the previous seal of the same
// stage when an amendment re-seals it.
type Seal struct {
	SelectionID int64     `json:"selectionId"`
	StageID     int64     `json:"stageId"`
	Kind        StageKind `json:"kind"`
	Seq         int       `json:"seq"`                // 1 for the first publication, +1 per amendment
	Hash        string    `json:"hash"`               // hex SHA-256
	Previous    string    `json:"previous,omitempty"` // the hash this one replaces
	At          time.Time `json:"at"`
}

// Amendment is a change to a published stage's scores: the reason, the
// canonical text before and after, and the seal it produced.
type Amendment struct {
	SelectionID int64     `json:"selectionId"`
	StageID     int64     `json:"stageId"`
	Reason      string    `json:"reason"`
	Before      string    `json:"before"` // the changed score lines before, canonical form
	After       string    `json:"after"`  // the same lines after
	SealHash    string    `json:"sealHash"`
	By          int64     `json:"by"`
	At          time.Time `json:"at"`
}

// CommentStatus is where a public comment stands in moderation.
type CommentStatus string

// The comment statuses: new comments wait for a moderator; only approved
// ones are shown (to the panel and, if the agency wishes, the public).
const (
	CommentPending  CommentStatus = "pending"
	CommentApproved CommentStatus = "approved"
	CommentRejected CommentStatus = "rejected"
)

// Comment is one public comment on a shortlisted candidate during uji
// publik.
type Comment struct {
	SelectionID int64         `json:"selectionId"`
	ID          int64         `json:"id"`
	CandidateID int64         `json:"candidateId"`
	Name        string        `json:"name"`
	Text        string        `json:"text"`
	Status      CommentStatus `json:"status"`
	At          time.Time     `json:"at"`
}

// ExtraRequirement is an agency's own administrative requirement beyond
// §5.2 (LHKPN, SPT, not a party member...): data, not code. Slot, when set,
// is the document that proves it.
type ExtraRequirement struct {
	Code string `json:"code"` // stable, e.g. "lhkpn"
	Name string `json:"name"`
	Slot Slot   `json:"slot,omitempty"`
}

// PanelRule is the composition rule of a panel as data (regulations.md
// §5.3): the size bounds, whether the size must be odd, and the largest
// share of internal members in percent.
type PanelRule struct {
	Min                int  `json:"min"`
	Max                int  `json:"max"`
	Odd                bool `json:"odd"`
	MaxInternalPercent int  `json:"maxInternalPercent"`
}

// DefaultPanelRule is the rule until an agency sets its own: 5 to 9
// members, an odd number, internal at most 45 %.
var DefaultPanelRule = PanelRule{Min: 5, Max: 9, Odd: true, MaxInternalPercent: 45}
