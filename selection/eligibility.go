package selection

import (
	"slices"
	"time"

	"merit"
	"merit/performance"
)

// Outcome is the result of one administrative requirement.
type Outcome string

// The outcomes. Unknown means the facts do not say (no birth date, no
// predikat for a year, an external applicant's sanctions): a verifier
// decides from the documents.
const (
	Met     Outcome = "met"
	NotMet  Outcome = "not_met"
	Unknown Outcome = "unknown"
)

// Check is the result of one requirement with a reason a person can read:
// a message key and its arguments (strings and numbers, so that it survives
// a JSON round trip).
type Check struct {
	Requirement string  `json:"requirement"` // education, experience, position, age, discipline, predikat, extra.<code>
	Outcome     Outcome `json:"outcome"`
	Reason      string  `json:"reason"`
	Args        []any   `json:"args,omitempty"`
}

// Overall combines checks: not met if any is not met, else unknown if any
// is unknown, else met.
func Overall(checks []Check) Outcome {
	out := Met
	for _, c := range checks {
		switch c.Outcome {
		case NotMet:
			return NotMet
		case Unknown:
			out = Unknown
		}
	}
	return out
}

// Tier classifies a post for the rule "holds or held a post of this tier
// for at least two years" (§5.2).
type Tier string

// The tiers of posts that count for a JPT selection; every other post is
// TierOther.
const (
	TierOther         Tier = "other"
	TierAdministrator Tier = "administrator"
	TierAhliMadya     Tier = "jf_ahli_madya"
	TierJPTPratama    Tier = "jpt_pratama"
	TierAhliUtama     Tier = "jf_ahli_utama"
	TierJPTMadya      Tier = "jpt_madya"
	TierJPTUtama      Tier = "jpt_utama"
)

// TierOf maps the registry's jenis and jenjang jabatan codes to a tier.
func TierOf(jenis, jenjang string) Tier {
	switch {
	case jenis == "ADMINISTRATOR":
		return TierAdministrator
	case jenis == "JPT_PRATAMA":
		return TierJPTPratama
	case jenis == "JPT_MADYA":
		return TierJPTMadya
	case jenis == "JPT_UTAMA":
		return TierJPTUtama
	case jenis == "JF_KEAHLIAN" && jenjang == "AHLI_MADYA":
		return TierAhliMadya
	case jenis == "JF_KEAHLIAN" && jenjang == "AHLI_UTAMA":
		return TierAhliUtama
	}
	return TierOther
}

// Held is one post a candidate holds or held: its tier, whether it is in a
// field related to the vacant post (the panel's judgement, recorded with
// the candidate), and its period from TMT (Start) to the TMT of the next
// post (End; zero while held).
type Held struct {
	Name    string     `json:"name"`
	Tier    Tier       `json:"tier"`
	Related bool       `json:"related"`
	Start   merit.Date `json:"start"`
	End     merit.Date `json:"end,omitzero"`
}

// Sanction is one disciplinary sanction (hukuman disiplin, PP 94/2021):
// its level (reference tingkat_hukdis: RINGAN, SEDANG, BERAT), kind
// (reference hukdis) and date.
type Sanction struct {
	Level string     `json:"level"`
	Kind  string     `json:"kind"`
	Date  merit.Date `json:"date"`
}

// Facts are what the administrative check knows about a candidate, from the
// registry for an employee of the agency (Registry true: a missing sanction
// or post means there is none) or from the applicant's profile (Registry
// false: what is missing is unknown until the documents are checked).
type Facts struct {
	Registry  bool                         `json:"registry"`
	Education string                       `json:"education"` // reference pendidikan code: S1, S2, D4...
	BirthDate merit.Date                   `json:"birthDate"`
	Positions []Held                       `json:"positions"`
	Sanctions []Sanction                   `json:"sanctions"`
	Predikat  map[int]performance.Predikat `json:"predikat"` // annual predikat kinerja by year
	Extras    map[string]bool              `json:"extras"`   // extra requirement code → met; absent: unknown
}

// Requirements are the §5.2 requirements of one JPT level (PP 11/2017 Ps.
// 107 as amended by PP 17/2020).
type Requirements struct {
	Level           Level  `json:"level"`
	MinEducation    string `json:"minEducation"`    // reference pendidikan code; D4 counts as S1
	ExperienceYears int    `json:"experienceYears"` // cumulative years in related posts
	HeldYears       int    `json:"heldYears"`       // years in a post of HeldTiers
	HeldTiers       []Tier `json:"heldTiers"`
	MaxAge          int    `json:"maxAge"` // whole years on the registration closing date
	// DisciplineYears is how far back a sedang or berat sanction bars a
	// candidate, counted back from the closing date.
	DisciplineYears int `json:"disciplineYears"`
	// PredikatYears is how many calendar years before the closing date's
	// year need a predikat of at least Baik.
	PredikatYears int `json:"predikatYears"`
}

// DisciplineLookBack is the default number of years a sedang or berat
// sanction bars a candidate (docs/decisions.md).
const DisciplineLookBack = 5

// RequirementsFor returns the requirements of a level: JPT pratama S-1/D-IV,
// 5 years of related experience, 2 years as administrator or JF ahli madya
// (or higher), at most 56; JPT madya S-1/D-IV, 7 years, 2 years as JPT
// pratama or JF ahli utama (or higher), at most 58. Both: no sedang/berat
// sanction in the last DisciplineLookBack years, predikat at least Baik in
// each of the last two years.
func RequirementsFor(level Level) Requirements {
	r := Requirements{Level: level, MinEducation: "S1", HeldYears: 2, DisciplineYears: DisciplineLookBack, PredikatYears: 2}
	if level == Madya {
		r.ExperienceYears, r.MaxAge = 7, 58
		r.HeldTiers = []Tier{TierJPTPratama, TierAhliUtama, TierJPTMadya, TierJPTUtama}
		return r
	}
	r.ExperienceYears, r.MaxAge = 5, 56
	r.HeldTiers = []Tier{TierAdministrator, TierAhliMadya, TierJPTPratama, TierAhliUtama, TierJPTMadya, TierJPTUtama}
	return r
}

// educationRank orders the reference pendidikan codes; D-IV and S-1 rank
// the same, as §5.2 says "S-1/D-IV".
var educationRank = map[string]int{"SD": 1, "SMP": 2, "SMA": 3, "D1": 4, "D2": 5, "D3": 6, "D4": 8, "S1": 8, "S2": 9, "S3": 10}

// Eligibility evaluates the administrative requirements of a level and the
// agency's extras for a candidate at the registration closing date. Every
// requirement gives a Check, in a fixed order.
func (req Requirements) Eligibility(closing merit.Date, f Facts, extras []ExtraRequirement) []Check {
	checks := []Check{
		req.education(f),
		req.experience(closing, f),
		req.held(closing, f),
		req.age(closing, f),
		req.discipline(closing, f),
		req.predikat(closing, f),
	}
	for _, x := range extras {
		c := Check{Requirement: "extra." + x.Code, Args: []any{x.Name}}
		met, ok := f.Extras[x.Code]
		switch {
		case !ok:
			c.Outcome, c.Reason = Unknown, "selection.elig.extra_unknown"
		case met:
			c.Outcome, c.Reason = Met, "selection.elig.extra_met"
		default:
			c.Outcome, c.Reason = NotMet, "selection.elig.extra_not_met"
		}
		checks = append(checks, c)
	}
	return checks
}

func (req Requirements) education(f Facts) Check {
	c := Check{Requirement: "education", Args: []any{f.Education, req.MinEducation}}
	rank, ok := educationRank[f.Education]
	switch {
	case !ok:
		c.Outcome, c.Reason, c.Args = Unknown, "selection.elig.education_unknown", []any{f.Education}
	case rank >= educationRank[req.MinEducation]:
		c.Outcome, c.Reason = Met, "selection.elig.education"
	default:
		c.Outcome, c.Reason = NotMet, "selection.elig.education"
	}
	return c
}

func (req Requirements) experience(closing merit.Date, f Facts) Check {
	var related []Held
	for _, h := range f.Positions {
		if h.Related {
			related = append(related, h)
		}
	}
	return durationCheck("experience", "selection.elig.experience", closing, f, related, req.ExperienceYears)
}

func (req Requirements) held(closing merit.Date, f Facts) Check {
	var held []Held
	for _, h := range f.Positions {
		if slices.Contains(req.HeldTiers, h.Tier) {
			held = append(held, h)
		}
	}
	return durationCheck("position", "selection.elig.position."+string(req.Level), closing, f, held, req.HeldYears)
}

// durationCheck checks that the posts, their overlaps counted once and cut
// at the closing date, add up to at least years: the days they cover are at
// least the days from the closing date less years to the closing date, so
// a single post whose TMT is exactly years before the closing date meets it.
// The reason gives the time covered in years, months and days.
func durationCheck(req, reason string, closing merit.Date, f Facts, posts []Held, years int) Check {
	days := coveredDays(closing, posts)
	from := closing.Time().AddDate(0, 0, -days)
	y, m, d := span(from, closing.Time())
	c := Check{Requirement: req, Reason: reason, Args: []any{y, m, d, years}}
	switch {
	case len(posts) == 0 && !f.Registry:
		c.Outcome = Unknown
	case !from.After(closing.Time().AddDate(-years, 0, 0)):
		c.Outcome = Met
	default:
		c.Outcome = NotMet
	}
	return c
}

// coveredDays counts the days up to the closing date covered by at least
// one of the posts (a post runs from its start up to, not including, its
// end; a current post up to the closing date).
func coveredDays(closing merit.Date, posts []Held) int {
	type span struct{ from, to time.Time }
	var spans []span
	for _, h := range posts {
		to := closing.Time()
		if !h.End.IsZero() && h.End.Before(closing) {
			to = h.End.Time()
		}
		if !h.Start.IsZero() && h.Start.Time().Before(to) {
			spans = append(spans, span{h.Start.Time(), to})
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return a.from.Compare(b.from) })
	var days int
	var end time.Time
	for _, s := range spans {
		if s.from.Before(end) {
			s.from = end
		}
		if s.to.After(s.from) {
			days += int(s.to.Sub(s.from).Hours() / 24)
			end = s.to
		}
	}
	return days
}

// span returns the whole years, months and days from from to to.
func span(from, to time.Time) (y, m, d int) {
	for !from.AddDate(y+1, 0, 0).After(to) {
		y++
	}
	for !from.AddDate(y, m+1, 0).After(to) {
		m++
	}
	d = int(to.Sub(from.AddDate(y, m, 0)).Hours() / 24)
	return y, m, d
}

func (req Requirements) age(closing merit.Date, f Facts) Check {
	if f.BirthDate.IsZero() {
		return Check{Requirement: "age", Outcome: Unknown, Reason: "selection.elig.age_unknown"}
	}
	age := f.BirthDate.AgeOn(closing)
	c := Check{Requirement: "age", Outcome: Met, Reason: "selection.elig.age", Args: []any{age, closing.String(), req.MaxAge}}
	if age > req.MaxAge {
		c.Outcome = NotMet
	}
	return c
}

func (req Requirements) discipline(closing merit.Date, f Facts) Check {
	since := merit.DateOf(closing.Time().AddDate(-req.DisciplineYears, 0, 0))
	for _, s := range f.Sanctions {
		if (s.Level == "SEDANG" || s.Level == "BERAT") && !s.Date.Before(since) && !s.Date.After(closing) {
			return Check{Requirement: "discipline", Outcome: NotMet, Reason: "selection.elig.discipline", Args: []any{s.Level, s.Kind, s.Date.String()}}
		}
	}
	if !f.Registry && len(f.Sanctions) == 0 {
		return Check{Requirement: "discipline", Outcome: Unknown, Reason: "selection.elig.discipline_unknown"}
	}
	return Check{Requirement: "discipline", Outcome: Met, Reason: "selection.elig.discipline_none", Args: []any{since.String()}}
}

func (req Requirements) predikat(closing merit.Date, f Facts) Check {
	var missing []any
	for y := closing.Year() - req.PredikatYears; y < closing.Year(); y++ {
		p, ok := f.Predikat[y]
		switch {
		case !ok:
			missing = append(missing, y)
		case p != performance.SangatBaik && p != performance.Baik:
			return Check{Requirement: "predikat", Outcome: NotMet, Reason: "selection.elig.predikat_below", Args: []any{y, string(p)}}
		}
	}
	if len(missing) > 0 {
		return Check{Requirement: "predikat", Outcome: Unknown, Reason: "selection.elig.predikat_missing", Args: missing[:1]}
	}
	return Check{Requirement: "predikat", Outcome: Met, Reason: "selection.elig.predikat", Args: []any{closing.Year() - req.PredikatYears, closing.Year() - 1}}
}
