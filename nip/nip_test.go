package nip

import (
	"errors"
	"testing"
	"time"
)

func code(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err != nil {
		return "?" + err.Error()
	}
	return ""
}

func TestParse(t *testing.T) {
	tests := []struct {
		in, code string
		kind     Kind
	}{
		{"198503102010011002", "", PNS},                            // regulations.md §7.5 example: born 10 Mar 1985, CPNS Jan 2010, male
		{"199001152022212003", "", PPPK},                           // PPPK example: born 15 Jan 1990, appointed 2022, female
		{" 198503102010011002 ", "", PNS},                          // surrounding spaces are trimmed
		{"19850310201001100", "nip.length", 0},                     // 17 digits
		{"1985031020100110021", "nip.length", 0},                   // 19 digits
		{"19850310201001100A", "nip.digits", 0},                    // a letter
		{"198502302010011002", "nip.birth_date_invalid", 0},        // 30 February
		{"198513102010011002", "nip.birth_date_invalid", 0},        // month 13
		{"185003102010011002", "nip.birth_date_invalid", 0},        // before 1900
		{"198503101990011002", "nip.appointment_year_invalid", 0},  // appointed at age 4
		{"198503102010131002", "nip.appointment_month_invalid", 0}, // TMT month 13
		{"198503102010001002", "nip.appointment_month_invalid", 0}, // TMT month 00
		{"199001152022202003", "nip.pppk_frequency_invalid", 0},    // PPPK frequency 0
		{"198503102010013002", "nip.sex_digit_invalid", 0},         // sex digit 3
		{"198503102010011000", "nip.excel_lost_digits", 0},         // sequence 000: digits lost in Excel
	}
	for _, tt := range tests {
		n, err := Parse(tt.in)
		if got := code(err); got != tt.code {
			t.Errorf("Parse(%q) error %q, want %q", tt.in, got, tt.code)
			continue
		}
		if err == nil && n.Kind != tt.kind {
			t.Errorf("Parse(%q) kind %v, want %v", tt.in, n.Kind, tt.kind)
		}
	}
	n, _ := Parse("199001152022212003")
	if n.ApptYear != 2022 || n.Frequency != 1 || n.Sex != Female || n.Seq != 3 || n.BirthDate() != time.Date(1990, 1, 15, 0, 0, 0, 0, time.UTC) {
		t.Errorf("PPPK parts: %+v", n)
	}
}

func TestCheck(t *testing.T) {
	d := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	pns, _ := Parse("198503102010011002")
	pppk, _ := Parse("199001152022212003")
	tests := []struct {
		name  string
		n     NIP
		r     Record
		codes []string
	}{
		{"pns agrees", pns, Record{BirthDate: d("1985-03-10"), Sex: Male, Appointed: d("2010-01-01")}, nil},
		{"pns any day of the TMT month", pns, Record{Appointed: d("2010-01-31")}, nil},
		{"birth date differs", pns, Record{BirthDate: d("1985-03-11")}, []string{"nip.birth_date_mismatch"}},
		{"sex differs", pns, Record{Sex: Female}, []string{"nip.sex_mismatch"}},
		{"tmt cpns month differs", pns, Record{Appointed: d("2010-02-01")}, []string{"nip.tmt_cpns_mismatch"}},
		{"tmt cpns year differs", pns, Record{Appointed: d("2011-01-01")}, []string{"nip.tmt_cpns_mismatch"}},
		{"pns number for a pppk", pns, Record{PPPK: true}, []string{"nip.not_pppk"}},
		{"pppk agrees", pppk, Record{BirthDate: d("1990-01-15"), Sex: Female, PPPK: true, Appointed: d("2022-03-01")}, nil},
		{"pppk year differs", pppk, Record{PPPK: true, Appointed: d("2023-03-01")}, []string{"nip.appointment_year_mismatch"}},
		{"pppk number for a pns", pppk, Record{}, []string{"nip.not_pns"}},
		{"everything differs", pns, Record{BirthDate: d("1986-03-10"), Sex: Female, Appointed: d("2012-05-01")},
			[]string{"nip.birth_date_mismatch", "nip.sex_mismatch", "nip.tmt_cpns_mismatch"}},
	}
	for _, tt := range tests {
		got := tt.n.Check(tt.r)
		if len(got) != len(tt.codes) {
			t.Errorf("%s: got %+v, want %v", tt.name, got, tt.codes)
			continue
		}
		for i := range got {
			if got[i].Code != tt.codes[i] {
				t.Errorf("%s: mismatch %d is %s, want %s", tt.name, i, got[i].Code, tt.codes[i])
			}
		}
	}
}

func TestLooksNumeric(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"198503102010011002", false},
		{"1.98503102010011E+17", true},
		{"1,98503E+17", true},
		{"198503102010011000.0", true},
		{"198.503.102.010.011.000", true},
		{"Budi", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := LooksNumeric(tt.in); got != tt.want {
			t.Errorf("LooksNumeric(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// FuzzParse: Parse never panics, and whatever it accepts is 18 digits whose
// parts are in range and check cleanly against themselves.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"198503102010011002", "199001152022212003", "", "1.98E+17", "000000000000000000", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse(s)
		LooksNumeric(s)
		if err != nil {
			return
		}
		if len(n.Text) != 18 || n.Sex < 1 || n.Sex > 2 || n.Seq < 1 {
			t.Fatalf("Parse(%q) accepted bad parts %+v", s, n)
		}
		rec := Record{BirthDate: n.BirthDate(), Sex: n.Sex, PPPK: n.Kind == PPPK,
			Appointed: time.Date(n.ApptYear, max(n.ApptMonth, 1), 1, 0, 0, 0, 0, time.UTC)}
		if m := n.Check(rec); len(m) != 0 {
			t.Fatalf("Parse(%q) disagrees with its own parts: %+v", s, m)
		}
	})
}
