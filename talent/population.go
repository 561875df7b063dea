package talent

import (
	"slices"
	"strings"
)

// Population is the group of positions a review covers, as a list of
// jenis jabatan codes (reference jenis_jabatan: JPT_PRATAMA, ADMINISTRATOR,
// PENGAWAS ...), each optionally narrowed to one jenjang with a slash
// (JF_KEAHLIAN/AHLI_MADYA). An empty population is everyone with a position.
type Population []string

// ParsePopulation reads a comma-separated population, trimming blanks and
// dropping repeats; the order is kept.
func ParsePopulation(s string) Population {
	var p Population
	for _, f := range strings.Split(s, ",") {
		if f = strings.ToUpper(strings.TrimSpace(f)); f != "" && !slices.Contains(p, f) {
			p = append(p, f)
		}
	}
	return p
}

// String writes the population comma-separated, as ParsePopulation reads it.
func (p Population) String() string { return strings.Join(p, ",") }

// Has reports whether a position of the jenis and jenjang is in the
// population. A position-less employee (jenis "") never is.
func (p Population) Has(jenis, jenjang string) bool {
	if jenis == "" {
		return false
	}
	if len(p) == 0 {
		return true
	}
	for _, e := range p {
		j, level, narrowed := strings.Cut(e, "/")
		if j == jenis && (!narrowed || level == jenjang) {
			return true
		}
	}
	return false
}
