package competency

import (
	"fmt"
	"math"
	"strings"
	"time"

	"merit"
)

// Assessment is one assessment result of an employee (hasil asesmen /
// penilaian kompetensi): when and by which body it was done, the potential
// score, the level found in each competency and the assessor's
// recommendation. The newest assessment of an employee is the current one:
// it gives the actual levels for JPM.
type Assessment struct {
	AgencyID       int64      `json:"agencyId"`
	ID             int64      `json:"id"`
	EmployeeID     int64      `json:"employeeId"`
	EmployeeName   string     `json:"employeeName,omitempty"` // read only, for lists
	EmployeeNIP    string     `json:"employeeNip,omitempty"`  // read only, for lists
	Date           merit.Date `json:"date"`
	Body           string     `json:"body"`      // lembaga / penyelenggara penilaian kompetensi
	Potential      float64    `json:"potential"` // potential score 0–100 (input to talent mapping, regulations.md §4.4)
	Levels         []Level    `json:"levels"`    // sorted by competency ID
	Recommendation string     `json:"recommendation,omitempty"`
	CreatedAt      time.Time  `json:"createdAt"`
}

// Validate checks the date (not in the future), the body, the potential score
// (0–100, two decimals), that every level is 1–5 in a known competency and
// appears once, and sorts the levels by competency ID.
func (a *Assessment) Validate(known func(id int64) bool, today merit.Date) error {
	var fs merit.Fields
	a.Body, a.Recommendation = strings.TrimSpace(a.Body), strings.TrimSpace(a.Recommendation)
	switch {
	case a.Date.IsZero():
		fs.Add("date", "field.required", "")
	case today.Before(a.Date):
		fs.Add("date", "field.date_future", a.Date.String())
	}
	if a.Body == "" {
		fs.Add("body", "field.required", "")
	}
	if math.IsNaN(a.Potential) || a.Potential < 0 || a.Potential > 100 {
		fs.Add("potential", "field.range", fmt.Sprint(a.Potential), 0, 100)
	}
	a.Potential = math.Round(a.Potential*100) / 100
	std := Standard{Requirements: make([]Requirement, len(a.Levels))}
	for i, l := range a.Levels {
		std.Requirements[i] = Requirement(l)
	}
	if err := std.Validate(known); err != nil {
		for _, f := range merit.FieldsOf(err) {
			fs = append(fs, merit.FieldError{Field: strings.Replace(f.Field, "requirements", "levels", 1), Code: f.Code, Args: f.Args, Value: f.Value})
		}
	}
	for i, r := range std.Requirements {
		a.Levels[i] = Level(r)
	}
	if len(a.Levels) == 0 {
		fs.Add("levels", "field.required", "")
	}
	return fs.Err("competency.Assessment.Validate")
}
