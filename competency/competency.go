// Package competency holds the rules of ASN competency management: the
// competency dictionary of PermenPANRB 38/2017 (managerial, socio-cultural
// and the agency's technical competencies, each with levels 1–5), the
// standard (standar kompetensi jabatan, SKJ) of a position, assessment
// results, job-person match (JPM) with its versioned rule, and development
// records (coaching, mentoring, individual development plans, 20 JP a year).
//
// It is pure Go: the store (package sqldb) loads and saves these values, the
// web and API packages only translate them.
package competency

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"merit"
)

// Kind is the group a competency belongs to (PermenPANRB 38/2017 Ps. 4).
type Kind string

// The competency kinds.
const (
	KindManajerial     Kind = "manajerial"      // managerial
	KindSosialKultural Kind = "sosial_kultural" // socio-cultural
	KindTeknis         Kind = "teknis"          // technical, defined by the agency
)

// Kinds lists the kinds in display order.
var Kinds = []Kind{KindManajerial, KindSosialKultural, KindTeknis}

// Levels are 1 to 5 for every competency; 0 in a result means "not assessed".
const (
	MinLevel = 1
	MaxLevel = 5
)

// NationalMaxID is the highest ID reserved for the national dictionary (the
// seed in migration 00008); technical competencies get IDs above it, so an
// ID alone says whether a competency is national or an agency's own.
const NationalMaxID = 99

// Competency is one entry of the dictionary. National competencies (the
// managerial and socio-cultural ones) have AgencyID 0 and are seed data;
// technical ones belong to one agency.
type Competency struct {
	ID          int64    `json:"id"`
	AgencyID    int64    `json:"agencyId,omitempty"`
	Code        string   `json:"code"`
	Kind        Kind     `json:"kind"`
	Name        string   `json:"name"`
	Description string   `json:"description,omitempty"`
	Levels      []string `json:"levels"` // description of level 1..5 (index 0 is level 1)
}

// National reports whether the competency is part of the national dictionary.
func (c *Competency) National() bool { return c.ID > 0 && c.ID <= NationalMaxID }

// Validate checks an agency's technical competency: a name, a code, and at
// most five level descriptions.
func (c *Competency) Validate() error {
	var fs merit.Fields
	c.Code, c.Name, c.Description = strings.TrimSpace(c.Code), strings.TrimSpace(c.Name), strings.TrimSpace(c.Description)
	if c.Kind != KindTeknis {
		fs.Add("kind", "competency.err.only_teknis", string(c.Kind))
	}
	if c.Code == "" {
		fs.Add("code", "field.required", "")
	}
	if c.Name == "" {
		fs.Add("name", "field.required", "")
	}
	if len(c.Levels) > MaxLevel {
		fs.Add("levels", "field.range", fmt.Sprint(len(c.Levels)), 0, MaxLevel)
	}
	for i := range c.Levels {
		c.Levels[i] = strings.TrimSpace(c.Levels[i])
	}
	return fs.Err("competency.Competency.Validate")
}

// Requirement is one line of a standard: the level a position requires in
// one competency.
type Requirement struct {
	CompetencyID int64 `json:"competencyId"`
	Level        uint8 `json:"level"`
}

// Standard is the standar kompetensi jabatan (SKJ) of one position: the
// required level per competency, ordered by competency ID.
type Standard struct {
	AgencyID     int64         `json:"agencyId"`
	PositionID   int64         `json:"positionId"`
	Requirements []Requirement `json:"requirements"`
}

// Validate checks every level is 1–5, that no competency appears twice and
// that each competency is in the dictionary (known), and sorts the
// requirements by competency ID (the order every aligned slice uses).
func (s *Standard) Validate(known func(id int64) bool) error {
	var fs merit.Fields
	slices.SortFunc(s.Requirements, func(a, b Requirement) int { return cmp.Compare(a.CompetencyID, b.CompetencyID) })
	for i, r := range s.Requirements {
		field := fmt.Sprintf("requirements[%d]", i)
		if !known(r.CompetencyID) {
			fs.Add(field, "competency.err.unknown", fmt.Sprint(r.CompetencyID))
		}
		if r.Level < MinLevel || r.Level > MaxLevel {
			fs.Add(field, "field.range", fmt.Sprint(r.Level), MinLevel, MaxLevel)
		}
		if i > 0 && s.Requirements[i-1].CompetencyID == r.CompetencyID {
			fs.Add(field, "competency.err.duplicate", fmt.Sprint(r.CompetencyID))
		}
	}
	return fs.Err("competency.Standard.Validate")
}

// Level is an employee's level in one competency, as found by an assessment.
type Level struct {
	CompetencyID int64 `json:"competencyId"`
	Level        uint8 `json:"level"`
}

// Align returns the required levels of the standard and the employee's
// levels in the same competencies, index by index, ready for Percent and
// Gaps. levels must be sorted by competency ID (as the store returns them);
// a competency the employee was not assessed in counts as level 0.
func Align(reqs []Requirement, levels []Level) (required, actual []uint8) {
	required, actual = make([]uint8, len(reqs)), make([]uint8, len(reqs))
	j := 0
	for i, r := range reqs {
		required[i] = r.Level
		for j < len(levels) && levels[j].CompetencyID < r.CompetencyID {
			j++
		}
		if j < len(levels) && levels[j].CompetencyID == r.CompetencyID {
			actual[i] = levels[j].Level
		}
	}
	return required, actual
}
