package talent

import (
	"fmt"
	"strings"
	"time"

	"merit"
)

// Review is one talent review cycle of an agency: a year, the population it
// maps and the rule-set version it ran under. PerformanceYear is the latest
// year whose annual predikat is read (the year before the review by
// default: the last complete SKP year).
type Review struct {
	AgencyID        int64      `json:"agencyId"`
	ID              int64      `json:"id"`
	Year            int        `json:"year"`
	PerformanceYear int        `json:"performanceYear"`
	Name            string     `json:"name"`
	Population      Population `json:"population"`
	RuleVersion     int        `json:"ruleVersion"`
	Scheme          Scheme     `json:"scheme"`     // the rule set's scheme, kept with the review (read only)
	ReviewedOn      merit.Date `json:"reviewedOn"` // date of the mapping: training windows and years of service
	Employees       int        `json:"employees"`  // people in the population (read only)
	Mapped          int        `json:"mapped"`     // of them placed on the grid (read only)
	CreatedBy       string     `json:"createdBy,omitempty"`
	CreatedAt       time.Time  `json:"createdAt"`
}

// Validate fills defaults (the performance year before the review year, a
// name from the year) and checks the year and the jenis jabatan codes of
// the population against the reference data.
func (r *Review) Validate(ref *merit.Reference, today merit.Date) error {
	var fs merit.Fields
	r.Name = strings.TrimSpace(r.Name)
	if r.Year < 2000 || r.Year > today.Year()+1 {
		fs.Add("year", "field.range", fmt.Sprint(r.Year), 2000, today.Year()+1)
	}
	if r.PerformanceYear == 0 {
		r.PerformanceYear = r.Year - 1
	}
	if r.PerformanceYear > r.Year || r.PerformanceYear < r.Year-5 {
		fs.Add("performanceYear", "field.range", fmt.Sprint(r.PerformanceYear), r.Year-5, r.Year)
	}
	if r.Name == "" {
		r.Name = fmt.Sprintf("Talent review %d", r.Year)
	}
	if r.ReviewedOn.IsZero() {
		r.ReviewedOn = today
	}
	if r.RuleVersion < 0 {
		fs.Add("ruleVersion", "field.range", fmt.Sprint(r.RuleVersion), 0, 1<<20)
	}
	for _, e := range r.Population {
		jenis, jenjang, narrowed := strings.Cut(e, "/")
		if _, ok := ref.JenisJabatan.Get(jenis); !ok {
			fs.Add("population", "talent.err.population", e)
			continue
		}
		if narrowed {
			if it, ok := ref.JenjangJabatan.Get(jenjang); !ok || it.Group != jenis {
				fs.Add("population", "talent.err.population", e)
			}
		}
	}
	return fs.Err("talent.Review.Validate")
}

// Session is a calibration session of the talent committee (komite
// talenta) on a review. Moves change places only inside the session until
// it is locked, ditetapkan PPK; then they become the review's final places
// and the session takes no more moves.
type Session struct {
	AgencyID     int64      `json:"agencyId"`
	ID           int64      `json:"id"`
	ReviewID     int64      `json:"reviewId"`
	Name         string     `json:"name"`
	HeldOn       merit.Date `json:"heldOn"`
	Participants []string   `json:"participants"` // committee members present, one name each
	Locked       bool       `json:"locked"`
	Decree       string     `json:"decree,omitempty"`   // number of the PPK's decision, when given
	LockedBy     string     `json:"lockedBy,omitempty"` // the PPK who set it
	LockedAt     *time.Time `json:"lockedAt,omitempty"`
	CreatedBy    string     `json:"createdBy,omitempty"`
	CreatedAt    time.Time  `json:"createdAt"`
	Moves        []Move     `json:"moves"` // filled when one session is read
	// Before and After count the review's final boxes before the session
	// and with its moves applied: live while open, as set when locked.
	Before Distribution `json:"before"`
	After  Distribution `json:"after"`
}

// Validate checks the name, the date and that at least one participant is
// named (a committee decision needs its members on record).
func (s *Session) Validate(today merit.Date) error {
	var fs merit.Fields
	s.Name = strings.TrimSpace(s.Name)
	if s.Name == "" {
		fs.Add("name", "field.required", "")
	}
	switch {
	case s.HeldOn.IsZero():
		fs.Add("heldOn", "field.required", "")
	case today.Before(s.HeldOn):
		fs.Add("heldOn", "field.date_future", s.HeldOn.String())
	}
	var ps []string
	for _, p := range s.Participants {
		if p = strings.TrimSpace(p); p != "" {
			ps = append(ps, p)
		}
	}
	s.Participants = ps
	if len(ps) == 0 {
		fs.Add("participants", "field.required", "")
	}
	return fs.Err("talent.Session.Validate")
}

// Move is one person moved between boxes in a calibration session.
type Move struct {
	ID         int64     `json:"id"`
	SessionID  int64     `json:"sessionId"`
	EmployeeID int64     `json:"employeeId"`
	Name       string    `json:"name,omitempty"` // read only
	From       Cell      `json:"from"`
	FromBox    int       `json:"fromBox"`
	To         Cell      `json:"to"`
	ToBox      int       `json:"toBox"`
	Reason     string    `json:"reason"`
	MovedBy    string    `json:"movedBy,omitempty"`
	MovedAt    time.Time `json:"movedAt"`
}

// Validate checks that the move has a reason and goes somewhere else.
func (m *Move) Validate() error {
	var fs merit.Fields
	m.Reason = strings.TrimSpace(m.Reason)
	if m.Reason == "" {
		fs.Add("reason", "talent.err.reason", "")
	}
	if m.To.Performance > High || m.To.Potential > High {
		fs.Add("to", "talent.err.box", "")
	} else if m.To == m.From {
		fs.Add("to", "talent.err.same_box", "")
	}
	return fs.Err("talent.Move.Validate")
}

// Distribution counts people per box (index 1–9; 0 counts the unmapped).
type Distribution [10]int

// Total returns the people on the grid (the unmapped not counted).
func (d *Distribution) Total() int {
	n := 0
	for _, c := range d[1:] {
		n += c
	}
	return n
}
