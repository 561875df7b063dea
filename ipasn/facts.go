package ipasn

import (
	"strconv"
	"strings"
	"time"

	"merit"
)

// AddHistory adds the riwayat entries IP ASN reads to the input: diklat as
// trainings and hukuman disiplin with their tingkat (the group of reference
// hukdis). Other kinds are ignored.
func (in *Input) AddHistory(h *merit.HistoryEntry, ref *merit.Reference) {
	switch h.Kind {
	case merit.HistDiklat:
		in.Diklat = append(in.Diklat, Diklat{Kind: h.Ref, Title: h.Title, Hours: h.Hours, Start: h.Start, End: h.End})
	case merit.HistHukdis:
		tingkat := ""
		if it, ok := ref.Hukdis.Get(h.Ref); ok {
			tingkat = it.Group
		}
		in.Hukdis = append(in.Hukdis, Hukdis{Tingkat: tingkat, Jenis: h.Ref, Start: h.Start})
	}
}

// Prune drops the trainings that can never count under the table, whatever
// the measurement date: for each indicator only the latest qualifying
// training can be the best (a later one is inside every window an earlier one
// is), and for leadership the latest of each level. The stored inputs of a
// whole agency stay small this way. Hukuman disiplin are kept (they are rare).
func (t *Table) Prune(in *Input) {
	keep := in.Diklat[:0]
	best := map[string]int{} // kind or kind+level -> index in keep
	for _, d := range in.Diklat {
		key, ok := "", false
		for _, row := range t.Competency {
			if row.Kind != d.Kind || d.Hours < row.MinHours {
				continue
			}
			ok, key = true, d.Kind
			if row.MatchLevel {
				lv := LeadershipLevel(d.Title)
				ok, key = lv > 0, d.Kind+strconv.Itoa(lv)
			}
			break
		}
		if !ok {
			continue
		}
		if i, seen := best[key]; seen {
			if d.done().After(keep[i].done()) {
				keep[i] = d
			}
			continue
		}
		best[key] = len(keep)
		keep = append(keep, d)
	}
	in.Diklat = keep
}

// clean keeps a title on one line of the facts encoding.
var clean = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")

// AppendFacts encodes the input's trainings and sanctions (not education,
// jenis or SKP, which are read from their own columns) as lines of
// tab-separated fields, a compact form the store keeps per employee and
// ParseFacts reads back quickly.
func (in *Input) AppendFacts(b []byte) []byte {
	for _, d := range in.Diklat {
		b = append(b, 'D', '\t')
		b = append(b, d.Kind...)
		b = append(b, '\t')
		b = strconv.AppendInt(b, int64(d.Hours), 10)
		b = append(b, '\t')
		b = appendDate(b, d.Start)
		b = append(b, '\t')
		b = appendDate(b, d.End)
		b = append(b, '\t')
		b = append(b, clean.Replace(d.Title)...)
		b = append(b, '\n')
	}
	for _, h := range in.Hukdis {
		b = append(b, 'H', '\t')
		b = append(b, h.Tingkat...)
		b = append(b, '\t')
		b = append(b, h.Jenis...)
		b = append(b, '\t')
		b = appendDate(b, h.Start)
		b = append(b, '\n')
	}
	return b
}

func appendDate(b []byte, d merit.Date) []byte {
	if d.IsZero() {
		return b
	}
	return append(b, d.String()...)
}

// parseDate reads YYYY-MM-DD without allocating; "" is the zero date.
func parseDate(s string) merit.Date {
	if len(s) != 10 {
		return merit.Date{}
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[5:7])
	d, _ := strconv.Atoi(s[8:10])
	return merit.NewDate(y, time.Month(m), d)
}

// ParseFacts reads what AppendFacts wrote into the input's Diklat and Hukdis
// (appending; the slices are reused when the caller resets them to [:0]).
func (in *Input) ParseFacts(s string) {
	for s != "" {
		var line string
		line, s, _ = strings.Cut(s, "\n")
		var f [6]string
		n := 0
		for n < 5 {
			var ok bool
			f[n], line, ok = strings.Cut(line, "\t")
			n++
			if !ok {
				break
			}
		}
		if n == 5 {
			f[5] = line
		}
		switch f[0] {
		case "D":
			hours, _ := strconv.Atoi(f[2])
			in.Diklat = append(in.Diklat, Diklat{Kind: f[1], Hours: hours, Start: parseDate(f[3]), End: parseDate(f[4]), Title: f[5]})
		case "H":
			in.Hukdis = append(in.Hukdis, Hukdis{Tingkat: f[1], Jenis: f[2], Start: parseDate(f[3])})
		}
	}
}
