package importer

import (
	"strconv"

	"merit"
)

// The columns of the employee file, in template order. Their names are those
// of SIASN's data-utama (field.md §2.1), so a file exported from SIASN or a
// SIMPEG needs at most its columns trimmed.
const (
	colNIP = iota
	colNama
	colGelarDepan
	colGelarBelakang
	colTempatLahir
	colTglLahir
	colJenisKelamin
	colAgama
	colStatus
	colTMTCPNS
	colGolongan
	colTMTGolongan
	colJabatanNama
	colJenisJabatan
	colJenjangJabatan
	colKelasJabatan
	colTMTJabatan
	colUnorNama
	colUnorIndukNama
	colPendidikan
	colEmail
	colNoHP
	colNIK
	colAlamat
	numColumns
)

// column describes one column of the employee file.
type column struct {
	Name     string // header as in SIASN; matched ignoring case
	Field    string // the field of merit.Employee (or Position, Unit) it fills; its label is i18n "field."+Field
	Required bool
	Date     bool
	Ref      string // reference table whose codes the column takes (template drop-downs)
	Example  string // value of the template's example row
}

// columns is the one table of the file contract: reading, writing, the
// template and its documentation sheet all come from it.
var columns = [numColumns]column{
	colNIP:            {Name: "nipBaru", Field: "nip", Required: true, Example: "198503102010011001"},
	colNama:           {Name: "nama", Field: "name", Required: true, Example: "Siti Aminah"},
	colGelarDepan:     {Name: "gelarDepan", Field: "gelarDepan", Example: "Dr."},
	colGelarBelakang:  {Name: "gelarBelakang", Field: "gelarBelakang", Example: "S.E., M.M."},
	colTempatLahir:    {Name: "tempatLahir", Field: "birthPlace", Example: "Magelang"},
	colTglLahir:       {Name: "tglLahir", Field: "birthDate", Required: true, Date: true, Example: "1985-03-10"},
	colJenisKelamin:   {Name: "jenisKelamin", Field: "sex", Required: true, Example: "M"},
	colAgama:          {Name: "agama", Field: "religion", Required: true, Ref: merit.RefAgama, Example: "ISLAM"},
	colStatus:         {Name: "statusPegawai", Field: "status", Required: true, Ref: merit.RefStatusPegawai, Example: "PNS"},
	colTMTCPNS:        {Name: "tmtCpns", Field: "tmtCpns", Date: true, Example: "2010-01-01"},
	colGolongan:       {Name: "golRuangAkhir", Field: "golongan", Required: true, Ref: merit.RefGolongan, Example: "III/c"},
	colTMTGolongan:    {Name: "tmtGolAkhir", Field: "tmtGolongan", Date: true, Example: "2018-04-01"},
	colJabatanNama:    {Name: "jabatanNama", Field: "positionId", Example: "Analis Sumber Daya Manusia Aparatur"},
	colJenisJabatan:   {Name: "jenisJabatan", Field: "jenis", Ref: merit.RefJenisJabatan, Example: "JF_KEAHLIAN"},
	colJenjangJabatan: {Name: "jenjangJabatan", Field: "jenjang", Ref: merit.RefJenjangJabatan, Example: "AHLI_MUDA"},
	colKelasJabatan:   {Name: "kelasJabatan", Field: "kelasJabatan", Example: "9"},
	colTMTJabatan:     {Name: "tmtJabatan", Field: "tmtJabatan", Date: true, Example: "2019-01-02"},
	colUnorNama:       {Name: "unorNama", Field: "unitId", Example: "Bidang Pengembangan Kompetensi"},
	colUnorIndukNama:  {Name: "unorIndukNama", Field: "parentId", Example: "Badan Kepegawaian dan Pengembangan SDM"},
	colPendidikan:     {Name: "pendidikanTerakhir", Field: "education", Required: true, Ref: merit.RefPendidikan, Example: "S2"},
	colEmail:          {Name: "email", Field: "email", Example: "siti.aminah@example.go.id"},
	colNoHP:           {Name: "noHp", Field: "phone", Example: "081234567890"},
	colNIK:            {Name: "nik", Field: "nik", Example: "3308015003850002"},
	colAlamat:         {Name: "alamat", Field: "alamat", Example: "Jl. Pemuda No. 12, Magelang"},
}

// employeeColumn maps a field of merit.Employee's validation errors to its
// column; positionColumn and unitColumn do so for the position and unit
// made from a row.
var (
	employeeColumn = map[string]int{
		"nip": colNIP, "name": colNama, "gelarDepan": colGelarDepan, "gelarBelakang": colGelarBelakang,
		"birthPlace": colTempatLahir, "birthDate": colTglLahir, "sex": colJenisKelamin, "religion": colAgama,
		"status": colStatus, "tmtCpns": colTMTCPNS, "golongan": colGolongan, "tmtGolongan": colTMTGolongan,
		"tmtJabatan": colTMTJabatan, "education": colPendidikan, "email": colEmail, "phone": colNoHP,
		"nik": colNIK, "alamat": colAlamat,
	}
	positionColumn = map[string]int{
		"name": colJabatanNama, "jenis": colJenisJabatan, "jenjang": colJenjangJabatan, "kelasJabatan": colKelasJabatan,
	}
	unitColumn = map[string]int{"unit": colUnorNama, "name": colUnorNama, "parentId": colUnorIndukNama}
	// scopeColumn maps the fields of a write refused for an operator's unit
	// scope: the row's unit, or the NIP of an employee of another unit.
	scopeColumn = map[string]int{"unit": colUnorNama, "nip": colNIP}
)

// values returns an employee's row in column order, with the names of its
// unit, the unit above it and its position.
func values(e *merit.Employee, unit, parent string, p *merit.Position) [numColumns]string {
	var v [numColumns]string
	v[colNIP], v[colNama], v[colGelarDepan], v[colGelarBelakang] = e.NIP, e.Name, e.GelarDepan, e.GelarBelakang
	v[colTempatLahir], v[colTglLahir], v[colJenisKelamin], v[colAgama] = e.BirthPlace, e.BirthDate.String(), e.Sex, e.Religion
	v[colStatus], v[colTMTCPNS], v[colGolongan], v[colTMTGolongan] = e.Status, e.TMTCPNS.String(), e.Golongan, e.TMTGolongan.String()
	if p != nil {
		v[colJabatanNama], v[colJenisJabatan], v[colJenjangJabatan] = p.Name, p.Jenis, p.Jenjang
		if p.KelasJabatan != 0 {
			v[colKelasJabatan] = strconv.Itoa(p.KelasJabatan)
		}
	}
	v[colTMTJabatan], v[colUnorNama], v[colUnorIndukNama] = e.TMTJabatan.String(), unit, parent
	v[colPendidikan], v[colEmail], v[colNoHP] = e.Education, e.Email, e.Phone
	v[colNIK], v[colAlamat] = e.NIK, e.Alamat
	if e.BirthYear != 0 {
		v[colTglLahir] = strconv.Itoa(e.BirthYear) // masked for the exporter: the year alone
	}
	return v
}
