package merit

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Personal data (data pribadi) of an employee: the NIK, the address, the
// birth date, the religion, the phone number and the e-mail address. Roles
// that do not need them read them masked; see docs/decisions.md "Personal
// data masking" for which fields and why.

// PersonalFields are the JSON names of the Employee fields that are
// personal data, in the order forms show them.
var PersonalFields = []string{"nik", "alamat", "birthDate", "religion", "phone", "email"}

// MaskRune stands for each hidden character of a masked value, so a masked
// value is visibly masked ("3371••••••••0001") and never mistaken for data.
const MaskRune = '•'

// maxAlamat is the longest alamat domisili accepted, in bytes.
const maxAlamat = 500

// SeesPersonal reports whether the actor may read the personal data of
// employee employeeID of the agency unmasked: a holder of PermPersonal in
// the agency (and the system), or the employee themself through a
// self-service grant linked to that record.
func (a *Actor) SeesPersonal(agencyID, employeeID int64) bool {
	if a.Can(PermPersonal, agencyID) {
		return true
	}
	if a == nil {
		return false
	}
	for _, g := range a.Grants {
		if g.AgencyID == agencyID && g.Role == RoleEmployee && g.EmployeeID == employeeID && employeeID != 0 {
			return true
		}
	}
	return false
}

// MaskPersonalFor masks the employee's personal data unless the context's
// actor may see it (SeesPersonal). The storage layer applies it to every
// employee it reads, so no handler, template or export can forget it.
func MaskPersonalFor(ctx context.Context, e *Employee) {
	if !ActorFrom(ctx).SeesPersonal(e.AgencyID, e.ID) {
		e.MaskPersonal()
	}
}

// MaskPersonal replaces the personal data with masked values and lists the
// fields it masked in Masked: the NIK keeps its region code (4 digits) and
// its last 4 digits, the phone its first 4 and last 2 digits, the e-mail its
// first letter and domain, the birth date only its year (in BirthYear);
// address and religion are hidden whole. Unset fields stay unset. A masked
// employee fails validation (NIK, birth date), so it cannot be written back.
func (e *Employee) MaskPersonal() {
	if e.NIK != "" {
		e.NIK = maskMiddle(e.NIK, 4, 4)
		e.Masked = append(e.Masked, "nik")
	}
	if e.Alamat != "" {
		e.Alamat = strings.Repeat(string(MaskRune), 6)
		e.Masked = append(e.Masked, "alamat")
	}
	if !e.BirthDate.IsZero() {
		e.BirthYear = e.BirthDate.Year()
		e.BirthDate = Date{}
		e.Masked = append(e.Masked, "birthDate")
	}
	if e.Religion != "" {
		e.Religion = strings.Repeat(string(MaskRune), 4)
		e.Masked = append(e.Masked, "religion")
	}
	if e.Phone != "" {
		e.Phone = maskMiddle(e.Phone, 4, 2)
		e.Masked = append(e.Masked, "phone")
	}
	if e.Email != "" {
		local, domain, _ := strings.Cut(e.Email, "@")
		first, _ := utf8.DecodeRuneInString(local)
		e.Email = string(first) + strings.Repeat(string(MaskRune), 3) + "@" + domain
		e.Masked = append(e.Masked, "email")
	}
}

// MaskPersonalAudit masks the personal data in the before and after values
// of an audit entry about an employee unless the context's actor holds
// PermPersonal in the agency: a change history then shows that a phone
// number changed, not the numbers. (Self-service reads no audit trail.) The
// entry's hash is of the stored values, so a masked entry is for reading only.
func MaskPersonalAudit(ctx context.Context, a *AuditEntry) {
	if a.Entity != "employee" || ActorFrom(ctx).Can(PermPersonal, a.AgencyID) {
		return
	}
	a.Before, a.After = maskPersonalJSON(a.Before), maskPersonalJSON(a.After)
}

// maskPersonalJSON masks the personal fields of an employee written as a
// JSON object, by the rules of MaskPersonal; the birth date keeps its year.
// Anything that is not such an object is hidden whole.
func maskPersonalJSON(s string) string {
	if s == "" {
		return s
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return strings.Repeat(string(MaskRune), 6)
	}
	text := func(k string) string { v, _ := m[k].(string); return v }
	birth, _ := ParseDate(text("birthDate"))
	e := &Employee{NIK: text("nik"), Alamat: text("alamat"), BirthDate: birth, Religion: text("religion"),
		Phone: text("phone"), Email: text("email")}
	e.MaskPersonal()
	for k, v := range map[string]string{"nik": e.NIK, "alamat": e.Alamat, "religion": e.Religion, "phone": e.Phone, "email": e.Email} {
		if _, ok := m[k]; ok {
			m[k] = v
		}
	}
	if _, ok := m["birthDate"]; ok && e.BirthYear != 0 {
		m["birthDate"] = strconv.Itoa(e.BirthYear)
	}
	b, err := json.Marshal(m)
	if err != nil {
		return strings.Repeat(string(MaskRune), 6)
	}
	return string(b)
}

// IsMasked reports whether the field (JSON name) was masked for the reader.
func (e *Employee) IsMasked(field string) bool {
	for _, f := range e.Masked {
		if f == field {
			return true
		}
	}
	return false
}

// maskMiddle keeps the first head and last tail runes of s and masks the
// rest; a value too short to keep anything is masked whole.
func maskMiddle(s string, head, tail int) string {
	r := []rune(s)
	if len(r) <= head+tail {
		return strings.Repeat(string(MaskRune), len(r))
	}
	return string(r[:head]) + strings.Repeat(string(MaskRune), len(r)-head-tail) + string(r[len(r)-tail:])
}

// provinceCodes are the two-digit province codes (kode wilayah, Kemendagri)
// a NIK starts with, including the Papua provinces formed in 2022.
var provinceCodes = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true, "16": true, "17": true, "18": true, "19": true,
	"21": true, "31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "51": true, "52": true,
	"53": true, "61": true, "62": true, "63": true, "64": true, "65": true, "71": true, "72": true, "73": true,
	"74": true, "75": true, "76": true, "81": true, "82": true, "91": true, "92": true, "93": true, "94": true,
	"95": true, "96": true,
}

// checkNIK checks the structure of a NIK (Dukcapil layout PPKKCC DDMMYY
// SSSS: province, regency/city and district codes, the birth date with 40
// added to the day for women, and a serial) and returns the i18n key of the
// first rule it breaks, or "". The date part is only checked to be a date:
// Dukcapil does not reissue a NIK when a birth date is corrected, so it may
// differ from the record (docs/decisions.md).
func checkNIK(s string) string {
	if len(s) != 16 || !isDigits(s) {
		return "nik.format"
	}
	if !provinceCodes[s[0:2]] || s[2:4] == "00" || s[4:6] == "00" {
		return "nik.region"
	}
	day, month, year := atoi2(s[6:8]), atoi2(s[8:10]), atoi2(s[10:12])
	if day > 40 {
		day -= 40
	}
	if !validDay(1900+year, month, day) && !validDay(2000+year, month, day) {
		return "nik.birth_date"
	}
	if s[12:16] == "0000" {
		return "nik.serial"
	}
	return ""
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

// validDay reports whether y-m-d is a date of the calendar.
func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() == d
}
