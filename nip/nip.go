// Package nip reads the 18-digit Nomor Induk Pegawai of Indonesian civil
// servants and checks that its embedded parts agree with the person's record.
//
// Layout (regulations.md §7.5): digits 1–8 birth date YYYYMMDD; 9–14 the TMT
// CPNS year and month YYYYMM for PNS, or for PPPK the appointment year YYYY,
// the PPPK code 2 and the appointment frequency 1–9; 15 sex (1 male, 2
// female); 16–18 a sequence number from 001.
package nip

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Kind says which numbering scheme a NIP follows.
type Kind uint8

// The schemes.
const (
	PNS  Kind = iota + 1 // PNS and CPNS: digits 9–14 are the TMT CPNS year and month
	PPPK                 // PPPK: digits 9–12 the appointment year, 13 the code 2, 14 the frequency
)

// Sex digits.
const (
	Male   = 1
	Female = 2
)

// NIP is a parsed, structurally valid number.
type NIP struct {
	Text      string
	Kind      Kind
	BirthYear int
	BirthMon  time.Month
	BirthDay  int
	ApptYear  int        // TMT CPNS year (PNS) or appointment year (PPPK)
	ApptMonth time.Month // TMT CPNS month (PNS); 0 for PPPK
	Frequency int        // PPPK appointment frequency 1–9; 0 for PNS
	Sex       int        // Male or Female
	Seq       int        // 1..999
}

// Error says which part of a NIP is wrong. Code is a message key (see i18n).
type Error struct {
	Code string
	Args []any
}

func (e *Error) Error() string { return fmt.Sprintf("nip: %s %v", e.Code, e.Args) }

func fail(code string, args ...any) *Error { return &Error{Code: code, Args: args} }

// Parse checks the structure of s: 18 digits, a real birth date, a TMT month
// 01–12 (PNS) or the PPPK code, a sex digit and a non-zero sequence. It does
// not compare with a record; see NIP.Check.
func Parse(s string) (NIP, error) {
	s = strings.TrimSpace(s)
	if len(s) != 18 {
		return NIP{}, fail("nip.length", len([]rune(s)))
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return NIP{}, fail("nip.digits")
		}
	}
	n := NIP{Text: s}
	n.BirthYear, n.BirthMon, n.BirthDay = num(s[0:4]), time.Month(num(s[4:6])), num(s[6:8])
	if !validDate(n.BirthYear, n.BirthMon, n.BirthDay) || n.BirthYear < 1900 {
		return NIP{}, fail("nip.birth_date_invalid", s[0:8])
	}
	n.ApptYear = num(s[8:12])
	if n.ApptYear < 1950 || n.ApptYear < n.BirthYear+14 {
		return NIP{}, fail("nip.appointment_year_invalid", s[8:12])
	}
	if s[12] == '2' {
		n.Kind = PPPK
		n.Frequency = num(s[13:14])
		if n.Frequency == 0 {
			return NIP{}, fail("nip.pppk_frequency_invalid", s[12:14])
		}
	} else {
		n.Kind = PNS
		n.ApptMonth = time.Month(num(s[12:14]))
		if n.ApptMonth < 1 || n.ApptMonth > 12 {
			return NIP{}, fail("nip.appointment_month_invalid", s[12:14])
		}
	}
	n.Sex = num(s[14:15])
	if n.Sex != Male && n.Sex != Female {
		return NIP{}, fail("nip.sex_digit_invalid", s[14:15])
	}
	n.Seq = num(s[15:18])
	if n.Seq == 0 {
		// Sequence numbers start at 001; three trailing zeros are the mark of
		// a number cell that kept only 15 significant digits.
		return NIP{}, fail("nip.excel_lost_digits")
	}
	return n, nil
}

// BirthDate returns the embedded birth date.
func (n NIP) BirthDate() time.Time {
	return time.Date(n.BirthYear, n.BirthMon, n.BirthDay, 0, 0, 0, 0, time.UTC)
}

// Record is what a NIP is compared with: the person's stored or imported data.
// Zero fields are not compared.
type Record struct {
	BirthDate time.Time // tanggal lahir
	Sex       int       // Male or Female; 0 when unknown
	PPPK      bool      // the employee is PPPK (or PPPK paruh waktu)
	Appointed time.Time // TMT CPNS (PNS) or TMT PPPK
}

// Mismatch is one disagreement between a NIP and a record: which field of the
// record disagrees, with a message key and the two values.
type Mismatch struct {
	Field string // the record field: birthDate, sex, status or tmtCpns
	Code  string
	Args  []any
}

// Check compares the NIP with a record and lists every part that disagrees.
func (n NIP) Check(r Record) []Mismatch {
	var out []Mismatch
	if !r.BirthDate.IsZero() {
		if y, m, d := r.BirthDate.Date(); y != n.BirthYear || m != n.BirthMon || d != n.BirthDay {
			out = append(out, Mismatch{"birthDate", "nip.birth_date_mismatch", []any{n.BirthDate().Format(time.DateOnly), r.BirthDate.Format(time.DateOnly)}})
		}
	}
	if r.Sex != 0 && r.Sex != n.Sex {
		out = append(out, Mismatch{"sex", "nip.sex_mismatch", []any{n.Sex, r.Sex}})
	}
	if r.PPPK != (n.Kind == PPPK) {
		code := "nip.not_pppk"
		if !r.PPPK {
			code = "nip.not_pns"
		}
		out = append(out, Mismatch{"status", code, nil})
	} else if !r.Appointed.IsZero() {
		y, m, _ := r.Appointed.Date()
		switch {
		case n.Kind == PPPK && y != n.ApptYear:
			out = append(out, Mismatch{"tmtCpns", "nip.appointment_year_mismatch", []any{n.ApptYear, y}})
		case n.Kind == PNS && (y != n.ApptYear || m != n.ApptMonth):
			out = append(out, Mismatch{"tmtCpns", "nip.tmt_cpns_mismatch", []any{fmt.Sprintf("%04d-%02d", n.ApptYear, n.ApptMonth), fmt.Sprintf("%04d-%02d", y, m)}})
		}
	}
	return out
}

func num(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v*10 + int(s[i]-'0')
	}
	return v
}

func validDate(y int, m time.Month, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d && t.Month() == m
}

// LooksNumeric reports whether s is what a spreadsheet makes of a NIP typed
// into a number cell: scientific notation (1.98503E+17), a decimal point, or
// 15–17 digits ending in zeros where digits were lost. Such a value can never
// be trusted: Excel keeps only 15 significant digits.
func LooksNumeric(s string) bool {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "eE") && strings.ContainsAny(s, "+.") {
		return true
	}
	if strings.Contains(s, ".") || strings.Contains(s, ",") {
		digits := strings.NewReplacer(".", "", ",", "").Replace(s)
		return len(digits) >= 15 && isDigits(digits)
	}
	return false
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Number returns an 18-digit NIP as an integer: a compact key for indexing
// a million NIPs (an import, a bulk load). ok is false for anything else.
func Number(s string) (uint64, bool) {
	if len(s) != 18 || !isDigits(s) {
		return 0, false
	}
	n, err := strconv.ParseUint(s, 10, 64)
	return n, err == nil
}
