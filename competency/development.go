package competency

import (
	"fmt"
	"strings"
	"time"

	"merit"
)

// TargetJP is the yearly development target: every ASN has the right to at
// least 20 JP (jam pelajaran) of competency development a year (PP 11/2017
// Ps. 203; regulations.md §1.3, aspect 3).
const TargetJP = 20

// Coaching session kinds: coaching by the superior, mentoring by a senior colleague.
const (
	Coaching  = "coaching"
	Mentoring = "mentoring"
)

// CoachingSession is one coaching or mentoring session of an employee.
type CoachingSession struct {
	AgencyID   int64      `json:"agencyId"`
	ID         int64      `json:"id"`
	EmployeeID int64      `json:"employeeId"`
	Kind       string     `json:"kind"` // Coaching or Mentoring
	Date       merit.Date `json:"date"`
	Coach      string     `json:"coach"` // the coach's or mentor's name
	Topic      string     `json:"topic"`
	Notes      string     `json:"notes,omitempty"`
	Hours      int        `json:"hours"` // JP
	CreatedAt  time.Time  `json:"createdAt"`
}

// Validate checks kind, date, coach, topic and hours (1–40 JP a session).
func (s *CoachingSession) Validate(today merit.Date) error {
	var fs merit.Fields
	s.Coach, s.Topic, s.Notes = strings.TrimSpace(s.Coach), strings.TrimSpace(s.Topic), strings.TrimSpace(s.Notes)
	if s.Kind != Coaching && s.Kind != Mentoring {
		fs.Add("kind", "field.unknown_ref", s.Kind)
	}
	switch {
	case s.Date.IsZero():
		fs.Add("date", "field.required", "")
	case today.Before(s.Date):
		fs.Add("date", "field.date_future", s.Date.String())
	}
	if s.Coach == "" {
		fs.Add("coach", "field.required", "")
	}
	if s.Topic == "" {
		fs.Add("topic", "field.required", "")
	}
	if s.Hours < 1 || s.Hours > 40 {
		fs.Add("hours", "field.range", fmt.Sprint(s.Hours), 1, 40)
	}
	return fs.Err("competency.CoachingSession.Validate")
}

// Activity kinds of a development plan. A "diklat" activity is training that,
// once done, is recorded in riwayat diklat; it is therefore not counted again
// from the plan (see Progress).
var ActivityKinds = []string{"diklat", "seminar", "kursus", "magang", "e-learning", "coaching", "mentoring", "lainnya"}

// Activity is one line of an individual development plan.
type Activity struct {
	Kind  string `json:"kind"` // one of ActivityKinds
	Name  string `json:"name"`
	Hours int    `json:"hours"` // planned JP
	Done  bool   `json:"done"`
}

// Plan is an employee's individual development plan (IDP, rencana
// pengembangan individu) for one year: a goal, usually taken from the gaps
// of the current assessment, and the activities to close them.
type Plan struct {
	AgencyID   int64      `json:"agencyId"`
	ID         int64      `json:"id"`
	EmployeeID int64      `json:"employeeId"`
	Year       int        `json:"year"`
	Goal       string     `json:"goal"`
	Activities []Activity `json:"activities"`
	CreatedAt  time.Time  `json:"createdAt"`
}

// Validate checks the year, the goal and every activity (kind, name, 1–200 JP).
func (p *Plan) Validate() error {
	var fs merit.Fields
	p.Goal = strings.TrimSpace(p.Goal)
	if p.Year < 2000 || p.Year > 2100 {
		fs.Add("year", "field.range", fmt.Sprint(p.Year), 2000, 2100)
	}
	if p.Goal == "" {
		fs.Add("goal", "field.required", "")
	}
	if len(p.Activities) == 0 {
		fs.Add("activities", "field.required", "")
	}
	for i := range p.Activities {
		a := &p.Activities[i]
		a.Name = strings.TrimSpace(a.Name)
		field := fmt.Sprintf("activities[%d]", i)
		if !validActivityKind(a.Kind) {
			fs.Add(field+".kind", "field.unknown_ref", a.Kind)
		}
		if a.Name == "" {
			fs.Add(field+".name", "field.required", "")
		}
		if a.Hours < 1 || a.Hours > 200 {
			fs.Add(field+".hours", "field.range", fmt.Sprint(a.Hours), 1, 200)
		}
	}
	return fs.Err("competency.Plan.Validate")
}

func validActivityKind(k string) bool {
	for _, v := range ActivityKinds {
		if v == k {
			return true
		}
	}
	return false
}

// JPProgress is an employee's development hours in one year against the
// 20 JP target, by source.
type JPProgress struct {
	Year     int `json:"year"`
	Diklat   int `json:"diklat"`   // riwayat diklat ending in the year
	Sessions int `json:"sessions"` // coaching and mentoring sessions in the year
	Plan     int `json:"plan"`     // done plan activities of the year, except diklat ones
	Total    int `json:"total"`
	Target   int `json:"target"`
}

// Met reports whether the year's total reaches the target.
func (p JPProgress) Met() bool { return p.Total >= p.Target }

// Progress adds up the year's development hours: JP of riwayat diklat
// entries that end in the year (or start in it when no end is recorded),
// of coaching and mentoring sessions held in the year, and of done
// activities of the year's plans, leaving out plan activities of kind
// "diklat", which count through riwayat diklat once recorded there.
func Progress(year int, history []*merit.HistoryEntry, sessions []*CoachingSession, plans []*Plan) JPProgress {
	p := JPProgress{Year: year, Target: TargetJP}
	for _, h := range history {
		d := h.End
		if d.IsZero() {
			d = h.Start
		}
		if h.Kind == merit.HistDiklat && !d.IsZero() && d.Year() == year {
			p.Diklat += h.Hours
		}
	}
	for _, s := range sessions {
		if s.Date.Year() == year {
			p.Sessions += s.Hours
		}
	}
	for _, pl := range plans {
		if pl.Year != year {
			continue
		}
		for _, a := range pl.Activities {
			if a.Done && a.Kind != "diklat" {
				p.Plan += a.Hours
			}
		}
	}
	p.Total = p.Diklat + p.Sessions + p.Plan
	return p
}
