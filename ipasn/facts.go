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
		d := Diklat{Kind: h.Ref, Title: h.Title, Hours: h.Hours, Start: h.Start, End: h.End}
		if d.Kind == DiklatKepemimpinan {
			d.Level = LeadershipLevel(d.Title)
		}
		in.Diklat = append(in.Diklat, d)
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
				d.Level = d.level()
				ok, key = d.Level > 0, d.Kind+strconv.Itoa(d.Level)
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

// FactsFormat names the layout AppendFacts writes; the store re-reads every
// input when it changes.
const FactsFormat = "2"

// clean keeps a title on one line of the facts encoding.
var clean = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")

// AppendFacts encodes the input's trainings, sanctions and SKP (not
// education or jenis, which have their own columns) as lines of
// tab-separated fields, a compact form the store keeps per employee and
// ParseFacts reads back quickly:
//
//	D kind hours start end level title
//	H tingkat jenis start
//	S year predikat nilai
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
		b = strconv.AppendInt(b, int64(d.Level), 10)
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
	for _, k := range in.SKP {
		b = append(b, 'S', '\t')
		b = strconv.AppendInt(b, int64(k.Year), 10)
		b = append(b, '\t')
		b = append(b, k.Predikat...)
		b = append(b, '\t')
		b = strconv.AppendInt(b, int64(k.Nilai), 10)
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

// ParseFacts reads what AppendFacts wrote into the input's Diklat, Hukdis and
// SKP (appending: Reset the input to reuse it). The input keeps substrings
// of s.
func (in *Input) ParseFacts(s string) {
	var f [7]string
	for s != "" {
		var line string
		line, s, _ = strings.Cut(s, "\n")
		n := 0
		for n < len(f)-1 {
			var ok bool
			f[n], line, ok = strings.Cut(line, "\t")
			n++
			if !ok {
				line = ""
				break
			}
		}
		f[n] = line
		switch f[0] {
		case "D":
			hours, _ := strconv.Atoi(f[2])
			level, _ := strconv.Atoi(f[5])
			d := Diklat{Kind: f[1], Hours: hours, Start: parseDate(f[3]), End: parseDate(f[4]), Level: level, Title: f[6],
				hoursText: f[2], doneText: f[4]}
			if d.doneText == "" {
				d.doneText = f[3]
			}
			in.Diklat = append(in.Diklat, d)
		case "H":
			in.Hukdis = append(in.Hukdis, Hukdis{Tingkat: f[1], Jenis: f[2], Start: parseDate(f[3]), startText: f[3]})
		case "S":
			year, _ := strconv.Atoi(f[1])
			nilai, _ := strconv.Atoi(f[3])
			in.SKP = append(in.SKP, SKP{Year: year, Predikat: f[2], Nilai: Points(nilai)})
		}
	}
}
