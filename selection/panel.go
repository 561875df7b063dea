package selection

import (
	"fmt"
	"strings"

	"merit"
)

// Validate checks the rule itself: a minimum of at least 1, a maximum not
// below it, and an internal share between 0 and 100 %.
func (r PanelRule) Validate() error {
	var fs merit.Fields
	if r.Min < 1 {
		fs.Add("panel.min", "field.range", fmt.Sprint(r.Min), 1, 99)
	}
	if r.Max < max(r.Min, 1) || r.Max > 99 {
		fs.Add("panel.max", "field.range", fmt.Sprint(r.Max), max(r.Min, 1), 99)
	}
	if r.MaxInternalPercent < 0 || r.MaxInternalPercent > 100 {
		fs.Add("panel.maxInternalPercent", "field.range", fmt.Sprint(r.MaxInternalPercent), 0, 100)
	}
	return fs.Err("selection.PanelRule.Validate")
}

// Check returns every rule the panel breaks, as one KindInvalid error (nil
// when none): the number of members between Min and Max and odd if asked,
// the internal members' share at most MaxInternalPercent, exactly one ketua,
// and each member valid with a code of their own.
func (r PanelRule) Check(members []Member) error {
	var fs merit.Fields
	n := len(members)
	if n < r.Min || n > r.Max {
		fs.Add("panel", "selection.err.panel_size", fmt.Sprint(n), r.Min, r.Max)
	}
	if r.Odd && n%2 == 0 {
		fs.Add("panel", "selection.err.panel_even", fmt.Sprint(n))
	}
	internal, ketua := 0, 0
	codes := map[string]bool{}
	for i := range members {
		m := &members[i]
		if m.Kind == Internal {
			internal++
		}
		if m.Role == Ketua {
			ketua++
		}
		if codes[m.Code] {
			fs.Add("panel", "selection.err.member_code_twice", m.Code)
		}
		codes[m.Code] = true
		fs = append(fs, merit.FieldsOf(m.Validate())...)
	}
	// internal/n ≤ p/100, in integers so that 45 % of 9 is not rounded.
	if n > 0 && internal*100 > r.MaxInternalPercent*n {
		fs.Add("panel", "selection.err.panel_internal", fmt.Sprint(internal), n, r.MaxInternalPercent)
	}
	if ketua != 1 {
		fs.Add("panel", "selection.err.panel_ketua", fmt.Sprint(ketua))
	}
	return fs.Err("selection.PanelRule.Check")
}

// Validate checks one member: a name, a public code (letters, digits, - and
// _, as it appears in published files), a known kind and role.
func (m *Member) Validate() error {
	var fs merit.Fields
	m.Name = strings.TrimSpace(m.Name)
	m.Code = strings.TrimSpace(m.Code)
	if m.Name == "" {
		fs.Add("name", "field.required", "")
	}
	if !validCode(m.Code) {
		fs.Add("code", "selection.err.code", m.Code)
	}
	if m.Kind != Internal && m.Kind != External && m.Kind != Academic {
		fs.Add("kind", "field.unknown_ref", string(m.Kind))
	}
	if m.Role != Ketua && m.Role != Sekretaris && m.Role != Anggota {
		fs.Add("role", "field.unknown_ref", string(m.Role))
	}
	return fs.Err("selection.Member.Validate")
}

// validCode reports whether s is a public code: 1–32 letters, digits, - or
// _. Codes appear in the canonical score file, which must need no quoting.
func validCode(s string) bool {
	if s == "" || len(s) > 32 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// Conflicted reports whether the member declared a conflict of interest
// with the candidate.
func Conflicted(conflicts []Conflict, memberID, candidateID int64) bool {
	for _, c := range conflicts {
		if c.MemberID == memberID && c.CandidateID == candidateID {
			return true
		}
	}
	return false
}

// Validate checks a declared conflict: it names a member, a candidate and a
// reason.
func (c *Conflict) Validate() error {
	var fs merit.Fields
	c.Reason = strings.TrimSpace(c.Reason)
	if c.MemberID == 0 {
		fs.Add("memberId", "field.required", "")
	}
	if c.CandidateID == 0 {
		fs.Add("candidateId", "field.required", "")
	}
	if c.Reason == "" {
		fs.Add("reason", "field.required", "")
	}
	return fs.Err("selection.Conflict.Validate")
}
