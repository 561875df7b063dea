package competency

import (
	"fmt"

	"merit"
)

// Category is the JPM category (kategori job-person match) of an employee
// against a position's standard.
type Category uint8

// The JPM categories. NoStandard means the position has no standard, so
// there is nothing to match against (it is not a poor result).
const (
	NoStandard    Category = iota // the position has no standard (SKJ) yet
	Memenuhi                      // memenuhi syarat (MS)
	MasihMemenuhi                 // masih memenuhi syarat (MMS)
	Kurang                        // kurang memenuhi syarat (KMS)
)

var categoryCodes = [...]string{"none", "MS", "MMS", "KMS"}

// String returns the category's stable code (MS, MMS, KMS or none), used in
// the API, exports and as the suffix of the i18n key "jpm.category.<code>".
func (c Category) String() string {
	if int(c) < len(categoryCodes) {
		return categoryCodes[c]
	}
	return "none"
}

// MarshalText writes the category's code, so JSON carries "MS", not 1.
func (c Category) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads a category code written by MarshalText, so a stored
// result (a job-fit run) reads back; an unknown code is NoStandard.
func (c *Category) UnmarshalText(b []byte) error {
	*c = NoStandard
	for i, code := range categoryCodes {
		if code == string(b) {
			*c = Category(i)
		}
	}
	return nil
}

// Rule is one version of the JPM rule: the thresholds that turn a match
// percentage into a category. The thresholds are data, not code, because
// regulations.md gives them only as the probable practice (unverified): an
// agency admin may change them, and each change is a new version so an old
// result can always be explained by the rule it was computed with.
//
// Percentages are in hundredths of a percent (basis points: 9000 = 90.00 %)
// so that boundaries compare exactly, without floating point.
type Rule struct {
	Version       int    `json:"version"`       // 0 is the built-in default
	MeetsMin      int    `json:"meetsMin"`      // lowest percentage (bp) that is Memenuhi
	StillMeetsMin int    `json:"stillMeetsMin"` // lowest percentage (bp) that is MasihMemenuhi
	Basis         string `json:"basis"`         // legal basis or reason for this version
	Unverified    bool   `json:"unverified"`    // the thresholds are not confirmed by a regulation text
	CreatedBy     string `json:"createdBy,omitempty"`
}

// DefaultRule is the rule used until an agency sets its own: ≥ 90 %
// memenuhi syarat, 78 % to < 90 % masih memenuhi syarat, < 78 % kurang
// memenuhi syarat (the common practice; not confirmed, hence Unverified).
var DefaultRule = Rule{
	Version:       0,
	MeetsMin:      9000,
	StillMeetsMin: 7800,
	Basis:         "Praktik umum asesmen kompetensi (belum diverifikasi)",
	Unverified:    true,
}

// Validate checks that the thresholds are percentages in order.
func (r *Rule) Validate() error {
	var fs merit.Fields
	if r.MeetsMin <= 0 || r.MeetsMin > 10000 {
		fs.Add("meetsMin", "field.range", fmt.Sprint(r.MeetsMin), 1, 10000)
	}
	if r.StillMeetsMin <= 0 || r.StillMeetsMin > r.MeetsMin {
		fs.Add("stillMeetsMin", "jpm.err.threshold_order", fmt.Sprint(r.StillMeetsMin))
	}
	return fs.Err("competency.Rule.Validate")
}

// Categorize gives the category of a match percentage in basis points.
// Each lower bound is inclusive: exactly 90.00 % is Memenuhi.
func (r *Rule) Categorize(percent int) Category {
	switch {
	case percent >= r.MeetsMin:
		return Memenuhi
	case percent >= r.StillMeetsMin:
		return MasihMemenuhi
	default:
		return Kurang
	}
}

// Match is the result of comparing an employee's levels with a standard.
type Match struct {
	Percent  int      `json:"percent"` // hundredths of a percent, 0..10000
	Category Category `json:"category"`
}

// Percent computes the JPM percentage in basis points from the levels a
// standard requires and the levels an employee has, aligned by index
// (actual[i] is the employee's level in the competency of required[i]; 0 =
// not assessed). It is the sum of min(actual, required) over the sum of
// required, rounded half up to hundredths of a percent: a level above the
// standard does not make up for a shortfall elsewhere (see docs/decisions.md,
// "JPM formula"). ok is false when nothing is required.
//
// It is the hot path of recomputing a whole agency: no allocation, no map.
func Percent(required, actual []uint8) (percent int, ok bool) {
	var met, req int
	for i, r := range required {
		a := uint8(0)
		if i < len(actual) {
			a = actual[i]
		}
		req += int(r)
		met += int(min(a, r))
	}
	if req == 0 {
		return 0, false
	}
	return (met*20000 + req) / (2 * req), true
}

// Match computes the percentage and its category under the rule. The
// category is decided on the rounded percentage, the figure people see.
func (r *Rule) Match(required, actual []uint8) Match {
	p, ok := Percent(required, actual)
	if !ok {
		return Match{}
	}
	return Match{Percent: p, Category: r.Categorize(p)}
}

// Gaps writes actual[i] - required[i] for every required competency into
// dst (grown as needed) and returns it: negative is a shortfall, zero meets
// the standard, positive exceeds it.
func Gaps(dst []int8, required, actual []uint8) []int8 {
	dst = dst[:0]
	for i, r := range required {
		a := uint8(0)
		if i < len(actual) {
			a = actual[i]
		}
		dst = append(dst, int8(a)-int8(r))
	}
	return dst
}
