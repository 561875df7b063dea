package merit

import (
	"errors"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"merit/nip"
)

// Agency is an instansi: a Pemkot, Pemkab, Pemprov or ministry. Every tenant
// row carries its ID, so an agency's data can be sharded by it.
type Agency struct {
	ID        int64     `json:"id"`
	Code      string    `json:"code"` // short stable code used in URLs and the CLI, e.g. "kota-magelang"
	Name      string    `json:"name"`
	Kind      string    `json:"kind"` // reference agency_kind: PUSAT, PROVINSI, KABUPATEN, KOTA
	CreatedAt time.Time `json:"createdAt"`
}

// Validate checks an agency's own fields.
func (a *Agency) Validate(ref *Reference) error {
	var fs Fields
	a.Code = strings.ToLower(strings.TrimSpace(a.Code))
	a.Name = strings.TrimSpace(a.Name)
	if !validCode(a.Code) {
		fs.Add("code", "field.code_format", a.Code)
	}
	if a.Name == "" {
		fs.Add("name", "field.required", "")
	}
	if _, ok := ref.AgencyKind.Get(a.Kind); !ok {
		fs.Add("kind", "field.unknown_ref", a.Kind)
	}
	return fs.Err("Agency.Validate")
}

func validCode(s string) bool {
	if len(s) < 2 || len(s) > 40 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// Unit is an organisation unit (unit organisasi, unor): an OPD, a bidang, a
// seksi. Units form a tree inside one agency.
type Unit struct {
	AgencyID  int64  `json:"agencyId"`
	ID        int64  `json:"id"`
	ParentID  int64  `json:"parentId,omitempty"` // 0 for a root unit (usually the OPD)
	Name      string `json:"name"`
	Headcount int    `json:"headcount"` // employees placed directly in this unit (read only)
	Total     int    `json:"total"`     // employees in this unit and all below it (read only)
	Depth     int    `json:"depth"`     // 0 for a root unit (read only)
}

// Validate checks a unit's own fields.
func (u *Unit) Validate() error {
	var fs Fields
	u.Name = strings.TrimSpace(u.Name)
	if u.Name == "" {
		fs.Add("name", "field.required", "")
	}
	if u.ParentID != 0 && u.ParentID == u.ID {
		fs.Add("parentId", "unit.parent_self", "")
	}
	return fs.Err("Unit.Validate")
}

// Position is a jabatan: a named post in a unit with its kind (jenis), level
// (jenjang, for functional posts), grade (kelas jabatan) and a flag for
// critical positions (jabatan kritikal) that need a succession plan.
type Position struct {
	AgencyID     int64  `json:"agencyId"`
	ID           int64  `json:"id"`
	UnitID       int64  `json:"unitId,omitempty"`
	Name         string `json:"name"`
	Jenis        string `json:"jenis"`             // reference jenis_jabatan
	Jenjang      string `json:"jenjang,omitempty"` // reference jenjang_jabatan; only for JF
	KelasJabatan int    `json:"kelasJabatan,omitempty"`
	Critical     bool   `json:"critical"`
}

// Validate checks a position against the reference data.
func (p *Position) Validate(ref *Reference) error {
	var fs Fields
	p.Name = strings.TrimSpace(p.Name)
	if p.Name == "" {
		fs.Add("name", "field.required", "")
	}
	jenis, ok := ref.JenisJabatan.Get(p.Jenis)
	if !ok {
		fs.Add("jenis", "field.unknown_ref", p.Jenis)
	}
	if p.Jenjang != "" {
		jj, ok := ref.JenjangJabatan.Get(p.Jenjang)
		switch {
		case !ok:
			fs.Add("jenjang", "field.unknown_ref", p.Jenjang)
		case jenis.Code != "" && jj.Group != jenis.Code:
			fs.Add("jenjang", "position.jenjang_mismatch", p.Jenjang, jenis.Name)
		}
	} else if jenis.Group == "JF" {
		fs.Add("jenjang", "position.jenjang_required", "")
	}
	if p.KelasJabatan < 0 || p.KelasJabatan > 17 {
		fs.Add("kelasJabatan", "field.range", strconv.Itoa(p.KelasJabatan), 1, 17)
	}
	return fs.Err("Position.Validate")
}

// ValidateStored checks a position as Validate does and that it names its
// unit: a stored position always belongs to one unit (the form and the API
// may leave it out; an import finds or creates the unit first).
func (p *Position) ValidateStored(ref *Reference) error {
	fs := Fields(FieldsOf(p.Validate(ref)))
	if p.UnitID == 0 {
		fs.Add("unitId", "field.required", "")
	}
	return fs.Err("Position.Validate")
}

// Sex codes stored for employees.
const (
	SexMale   = "M"
	SexFemale = "F"
)

// Employee is one ASN in the registry, with the fields of SIASN's data utama
// that Merit keeps. Unit and position are references by ID; their names are
// filled on read for display and export.
type Employee struct {
	AgencyID      int64  `json:"agencyId"`
	ID            int64  `json:"id"`
	NIP           string `json:"nip"`
	Name          string `json:"name"`
	GelarDepan    string `json:"gelarDepan,omitempty"`
	GelarBelakang string `json:"gelarBelakang,omitempty"`
	BirthPlace    string `json:"birthPlace"`
	BirthDate     Date   `json:"birthDate"`
	Sex           string `json:"sex"`      // SexMale or SexFemale
	Religion      string `json:"religion"` // reference agama
	Status        string `json:"status"`   // reference status_pegawai: PNS, CPNS, PPPK, PPPK_PW
	TMTCPNS       Date   `json:"tmtCpns"`  // TMT CPNS for PNS/CPNS; TMT PPPK for PPPK
	Golongan      string `json:"golongan"` // reference golongan: III/a ... or PPPK I ... XVII
	TMTGolongan   Date   `json:"tmtGolongan"`
	UnitID        int64  `json:"unitId,omitempty"`
	PositionID    int64  `json:"positionId,omitempty"`
	TMTJabatan    Date   `json:"tmtJabatan"`
	Education     string `json:"education"` // reference pendidikan: highest level
	Email         string `json:"email,omitempty"`
	Phone         string `json:"phone,omitempty"`
	NIK           string `json:"nik,omitempty"`    // Nomor Induk Kependudukan (Dukcapil), 16 digits; see checkNIK
	Alamat        string `json:"alamat,omitempty"` // alamat domisili, free text

	// Filled on read.
	UnitName     string    `json:"unitName,omitempty"`
	PositionName string    `json:"positionName,omitempty"`
	Jenis        string    `json:"jenisJabatan,omitempty"`
	UpdatedAt    time.Time `json:"updatedAt"`
	// Masked lists the personal-data fields (JSON names) whose values were
	// masked for the reader (see MaskPersonal); BirthYear is the year of a
	// masked birth date, whose BirthDate is then unset.
	Masked    []string `json:"masked,omitempty"`
	BirthYear int      `json:"birthYear,omitempty"`
}

// FullName returns the name with gelar, as printed on letters:
// "Dr. Siti Aminah, S.E., M.M.".
func (e *Employee) FullName() string {
	name := e.Name
	if e.GelarDepan != "" {
		name = e.GelarDepan + " " + name
	}
	if e.GelarBelakang != "" {
		name += ", " + e.GelarBelakang
	}
	return name
}

// IsPPPK reports whether the employee is on the PPPK scale.
func (e *Employee) IsPPPK(ref *Reference) bool {
	st, _ := ref.StatusPegawai.Get(e.Status)
	return st.Group == "PPPK"
}

// Validate checks every field of the employee against the reference data and
// the NIP structure, and normalizes codes typed in other spellings. today is
// the date against which "in the future" is judged.
func (e *Employee) Validate(ref *Reference, today Date) error {
	var fs Fields
	e.Name = strings.TrimSpace(e.Name)
	e.NIP = strings.TrimSpace(e.NIP)
	if e.Name == "" {
		fs.Add("name", "field.required", "")
	} else if len(e.Name) > 150 {
		fs.Add("name", "field.too_long", e.Name, 150)
	}
	normalizeRef(&fs, "religion", &e.Religion, ref.Agama, true)
	normalizeRef(&fs, "education", &e.Education, ref.Pendidikan, true)
	normalizeRef(&fs, "status", &e.Status, ref.StatusPegawai, true)
	normalizeRef(&fs, "golongan", &e.Golongan, ref.Golongan, true)
	switch strings.ToUpper(strings.TrimSpace(e.Sex)) {
	case "M", "L", "1", "LAKI-LAKI", "LAKI LAKI", "PRIA":
		e.Sex = SexMale
	case "F", "P", "2", "PEREMPUAN", "WANITA":
		e.Sex = SexFemale
	default:
		fs.Add("sex", "field.sex_invalid", e.Sex)
	}
	// Golongan scale must match the status: PNS/CPNS on I/a–IV/e, PPPK on I–XVII.
	if st, ok := ref.StatusPegawai.Get(e.Status); ok {
		if g, ok := ref.Golongan.Get(e.Golongan); ok && g.Group != st.Group {
			fs.Add("golongan", "employee.golongan_scale", e.Golongan, st.Name)
		}
	}
	e.BirthPlace = strings.TrimSpace(e.BirthPlace)
	checkDate(&fs, "birthDate", e.BirthDate, today, true)
	checkDate(&fs, "tmtCpns", e.TMTCPNS, today, false)
	checkDate(&fs, "tmtGolongan", e.TMTGolongan, today, false)
	checkDate(&fs, "tmtJabatan", e.TMTJabatan, today, false)
	if !e.BirthDate.IsZero() && e.BirthDate.AgeOn(today) < 17 {
		fs.Add("birthDate", "employee.too_young", e.BirthDate.String())
	}
	if !e.TMTGolongan.IsZero() && !e.TMTCPNS.IsZero() && e.TMTGolongan.Before(e.TMTCPNS) {
		fs.Add("tmtGolongan", "employee.tmt_before_cpns", e.TMTGolongan.String())
	}
	e.Email = strings.TrimSpace(e.Email)
	if e.Email != "" {
		if a, err := mail.ParseAddress(e.Email); err != nil || a.Address != e.Email {
			fs.Add("email", "field.email_invalid", e.Email)
		}
	}
	e.Phone = strings.TrimSpace(e.Phone)
	if e.Phone != "" && !validPhone(e.Phone) {
		fs.Add("phone", "field.phone_invalid", e.Phone)
	}
	e.NIK = strings.TrimSpace(e.NIK)
	if e.NIK != "" {
		if code := checkNIK(e.NIK); code != "" {
			fs.Add("nik", code, e.NIK)
		}
	}
	e.Alamat = strings.TrimSpace(e.Alamat)
	if len(e.Alamat) > maxAlamat {
		fs.Add("alamat", "field.too_long", e.Alamat, maxAlamat)
	}
	e.checkNIP(&fs, ref)
	return fs.Err("Employee.Validate")
}

// checkNIP checks the NIP's structure and that its parts agree with the record.
func (e *Employee) checkNIP(fs *Fields, ref *Reference) {
	if e.NIP == "" {
		fs.Add("nip", "field.required", "")
		return
	}
	n, err := nip.Parse(e.NIP)
	if err != nil {
		var ne *nip.Error
		if errors.As(err, &ne) {
			fs.Add("nip", ne.Code, e.NIP, ne.Args...)
		}
		return
	}
	rec := nip.Record{BirthDate: e.BirthDate.Time(), PPPK: e.IsPPPK(ref), Appointed: e.TMTCPNS.Time()}
	switch e.Sex {
	case SexMale:
		rec.Sex = nip.Male
	case SexFemale:
		rec.Sex = nip.Female
	}
	for _, m := range n.Check(rec) {
		fs.Add("nip", m.Code, e.NIP, m.Args...)
	}
}

func normalizeRef(fs *Fields, field string, v *string, t *RefTable, required bool) {
	if strings.TrimSpace(*v) == "" {
		if required {
			fs.Add(field, "field.required", "")
		}
		return
	}
	it, ok := t.Lookup(*v)
	if !ok {
		fs.Add(field, "field.unknown_ref", *v)
		return
	}
	*v = it.Code
}

func checkDate(fs *Fields, field string, d, today Date, required bool) {
	if d.IsZero() {
		if required {
			fs.Add(field, "field.required", "")
		}
		return
	}
	if d.After(today) {
		fs.Add(field, "field.date_future", d.String())
	}
	if d.Year() < 1900 {
		fs.Add(field, "field.date_too_old", d.String())
	}
}

func validPhone(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0, r == ' ', r == '-', r == '(', r == ')':
		default:
			return false
		}
	}
	return digits >= 8 && digits <= 15
}
