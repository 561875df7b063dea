// Package succession holds the rules of the talent pool and succession
// planning of PermenPANRB 3/2020 (regulations.md §4.3, §1.6): which 9-box
// boxes form the talent pool (kelompok rencana suksesi), why a position is
// critical (jabatan kritikal), the retirement age (batas usia pensiun, BUP)
// that makes a vacancy near, candidates with their readiness, bench
// strength, the agency's official merit-system result and the rule for
// filling a JPT through talent management.
//
// It is pure Go: the store (package sqldb) loads and saves these values, the
// web and API packages only translate them.
package succession

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"merit"
	"merit/competency"
)

// DefaultPoolBoxes are the boxes of the talent pool until an agency sets
// its own: kotak 7, 8 and 9 (regulations.md §4.3).
var DefaultPoolBoxes = []int{7, 8, 9}

// PriorityBox is the box whose rank-1 talent alone may fill a JPT through
// talent management (kotak 9, regulations.md §1.6).
const PriorityBox = 9

// Pool is an agency's talent-pool rule: the boxes whose talents belong to
// the pool. It is data, so an agency may widen or narrow it.
type Pool struct {
	AgencyID int64 `json:"agencyId"`
	Boxes    []int `json:"boxes"`
}

// Validate checks each box is 1–9 and appears once, and sorts the boxes.
func (p *Pool) Validate() error {
	var fs merit.Fields
	slices.Sort(p.Boxes)
	if len(p.Boxes) == 0 {
		fs.Add("boxes", "field.required", "")
	}
	for i, b := range p.Boxes {
		switch {
		case b < 1 || b > 9:
			fs.Add("boxes", "field.range", fmt.Sprint(b), 1, 9)
		case i > 0 && p.Boxes[i-1] == b:
			fs.Add("boxes", "succession.err.duplicate_box", fmt.Sprint(b))
		}
	}
	return fs.Err("succession.Pool.Validate")
}

// Contains reports whether a talent in box belongs to the pool.
func (p *Pool) Contains(box int) bool { return slices.Contains(p.Boxes, box) }

// Reason is why a position is critical. regulations.md §4.3 lists the
// criteria as found in practice (not in a regulation text).
type Reason string

// The reasons a position is critical.
const (
	ReasonStrategic     Reason = "strategic"       // dampak strategis: the position decides the agency's goals
	ReasonScarce        Reason = "scarce"          // kompetensi langka: few people have the competence
	ReasonVacancy       Reason = "vacancy"         // risiko kekosongan: e.g. the incumbent retires within two years
	ReasonHardToReplace Reason = "hard_to_replace" // sulit digantikan: long to fill from outside
)

// Reasons lists the reasons in display order.
var Reasons = []Reason{ReasonStrategic, ReasonScarce, ReasonVacancy, ReasonHardToReplace}

// Critical is a critical position (jabatan kritikal) with the reasons
// checked. The position's own flag (merit.Position.Critical) says that it is
// critical; this says why.
type Critical struct {
	AgencyID   int64     `json:"agencyId"`
	PositionID int64     `json:"positionId"`
	Reasons    []Reason  `json:"reasons"`
	Note       string    `json:"note,omitempty"`
	FlaggedAt  time.Time `json:"flaggedAt"`
	FlaggedBy  string    `json:"flaggedBy,omitempty"`
}

// Validate checks at least one known reason is given, each once, in display order.
func (c *Critical) Validate() error {
	var fs merit.Fields
	c.Note = strings.TrimSpace(c.Note)
	if len(c.Reasons) == 0 {
		fs.Add("reasons", "succession.err.no_reason", "")
	}
	for _, r := range c.Reasons {
		if !slices.Contains(Reasons, r) {
			fs.Add("reasons", "field.unknown_ref", string(r))
		}
	}
	slices.SortFunc(c.Reasons, func(a, b Reason) int { return slices.Index(Reasons, a) - slices.Index(Reasons, b) })
	c.Reasons = slices.Compact(c.Reasons)
	if len(c.Note) > 1000 {
		fs.Add("note", "field.too_long", c.Note[:40], 1000)
	}
	return fs.Err("succession.Critical.Validate")
}

// Readiness is how soon a candidate could take the position.
type Readiness string

// The readiness levels.
const (
	ReadyNow       Readiness = "now"  // siap sekarang
	ReadyOneToTwo  Readiness = "1-2y" // siap 1–2 tahun
	ReadyThreePlus Readiness = "3y+"  // siap 3 tahun lebih
)

// Readinesses lists the readiness levels, readiest first.
var Readinesses = []Readiness{ReadyNow, ReadyOneToTwo, ReadyThreePlus}

// Candidate is one ranked successor of a critical position, from the talent
// pool, with a development plan: the employee's IDP of a year (PlanID, a
// development_plan record) and what it should close (Development).
type Candidate struct {
	AgencyID    int64     `json:"agencyId"`
	ID          int64     `json:"id"`
	PositionID  int64     `json:"positionId"`
	EmployeeID  int64     `json:"employeeId"`
	Rank        int       `json:"rank"` // 1 is the first successor
	Readiness   Readiness `json:"readiness"`
	PlanID      int64     `json:"planId,omitempty"`      // the employee's development plan (IDP), if linked
	Development string    `json:"development,omitempty"` // the gaps the plan should close
	CreatedAt   time.Time `json:"createdAt"`

	// Filled on read.
	Name         string           `json:"name,omitempty"`
	NIP          string           `json:"nip,omitempty"`
	PositionName string           `json:"currentPosition,omitempty"` // the candidate's current position
	Box          int              `json:"box,omitempty"`             // current 9-box placement, 0 if none
	JPM          competency.Match `json:"jpm"`                       // against the target position's standard
	PlanGoal     string           `json:"planGoal,omitempty"`
	PlanYear     int              `json:"planYear,omitempty"`
}

// Validate checks a new candidate names an employee, rank and readiness,
// and trims the development text.
func (c *Candidate) Validate() error {
	var fs merit.Fields
	c.Development = strings.TrimSpace(c.Development)
	if c.ID == 0 && c.EmployeeID <= 0 { // a change keeps the candidate's employee
		fs.Add("employeeId", "field.required", "")
	}
	if c.Rank < 1 || c.Rank > 99 {
		fs.Add("rank", "field.range", fmt.Sprint(c.Rank), 1, 99)
	}
	if !slices.Contains(Readinesses, c.Readiness) {
		fs.Add("readiness", "field.unknown_ref", string(c.Readiness))
	}
	if len(c.Development) > 2000 {
		fs.Add("development", "field.too_long", c.Development[:40], 2000)
	}
	return fs.Err("succession.Candidate.Validate")
}

// Rerank sorts candidates by rank (then by ID, the older first) and
// renumbers them 1, 2, 3…, so a new candidate put at rank 2 pushes the
// former second down and ranks never repeat or skip.
func Rerank(cs []*Candidate, moved *Candidate) {
	slices.SortStableFunc(cs, func(a, b *Candidate) int {
		if a.Rank != b.Rank {
			return a.Rank - b.Rank
		}
		// At the same rank the candidate just placed there goes first.
		switch {
		case a == moved:
			return -1
		case b == moved:
			return 1
		}
		return int(a.ID - b.ID)
	})
	for i, c := range cs {
		c.Rank = i + 1
	}
}

// Fill is a position filled through talent management: the PPK's decision
// naming the nominee CheckJPTFill allowed, with the merit result it relied on.
type Fill struct {
	AgencyID      int64     `json:"agencyId"`
	ID            int64     `json:"id"`
	PositionID    int64     `json:"positionId"`
	EmployeeID    int64     `json:"employeeId"`
	MeritResultID int64     `json:"meritResultId"`
	DecidedAt     time.Time `json:"decidedAt"`
	DecidedBy     string    `json:"decidedBy,omitempty"`
	Name          string    `json:"name,omitempty"` // the nominee's, filled on read
}
