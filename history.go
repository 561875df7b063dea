package merit

import (
	"strconv"
	"strings"
	"time"
)

// History kinds (riwayat). Each is stored in its own table and shown as one
// tab of the employee profile.
const (
	HistJabatan     = "jabatan"     // riwayat jabatan: positions held
	HistGolongan    = "golongan"    // riwayat golongan/pangkat: rank promotions
	HistPendidikan  = "pendidikan"  // riwayat pendidikan: formal education
	HistDiklat      = "diklat"      // riwayat diklat: training, with JP hours
	HistHukdis      = "hukdis"      // riwayat hukuman disiplin (PP 94/2021)
	HistPenghargaan = "penghargaan" // riwayat penghargaan: awards
)

// HistoryKinds lists the history kinds in profile-tab order.
var HistoryKinds = []string{HistJabatan, HistGolongan, HistPendidikan, HistDiklat, HistHukdis, HistPenghargaan}

// HistoryEntry is one row of any employee history. The kinds share one shape
// so forms, API resources, import and export are written once; Kind says
// which fields apply (see HistoryFields).
//
//   - jabatan:     Title (nama jabatan), Ref (jenis jabatan), Place (unit), Start (TMT jabatan), End
//   - golongan:    Ref (golongan), Start (TMT golongan)
//   - pendidikan:  Ref (tingkat pendidikan), Title (jurusan), Place (institution), End (tanggal lulus)
//   - diklat:      Ref (jenis diklat), Title (nama diklat), Place (penyelenggara), Start, End, Hours (JP)
//   - hukdis:      Ref (jenis hukuman), Title (alasan), Start (TMT hukuman), End (akhir hukuman)
//   - penghargaan: Title (nama penghargaan), Place (pemberi), Start (tanggal)
type HistoryEntry struct {
	AgencyID   int64     `json:"agencyId"`
	ID         int64     `json:"id"`
	EmployeeID int64     `json:"employeeId"`
	Kind       string    `json:"kind"`
	Ref        string    `json:"ref,omitempty"`
	Title      string    `json:"title,omitempty"`
	Place      string    `json:"place,omitempty"`
	Start      Date      `json:"start"`
	End        Date      `json:"end"`
	Hours      int       `json:"hours,omitempty"`
	DocNumber  string    `json:"docNumber,omitempty"` // nomor SK / sertifikat
	DocDate    Date      `json:"docDate"`
	CreatedAt  time.Time `json:"createdAt"`
}

// HistoryField describes how one field of HistoryEntry is used by a kind:
// its label key, whether it is required and which reference table it takes.
type HistoryField struct {
	Name     string // JSON name of the field in HistoryEntry
	Label    string // i18n key of the label
	Required bool
	RefTable string // reference table for Ref, if any
}

// HistoryFields gives, per kind, the fields that apply, in form order.
var HistoryFields = map[string][]HistoryField{
	HistJabatan: {
		{"title", "hist.jabatan.title", true, ""}, {"ref", "hist.jabatan.ref", true, RefJenisJabatan},
		{"place", "hist.jabatan.place", false, ""}, {"start", "hist.tmt", true, ""}, {"end", "hist.until", false, ""},
		{"docNumber", "hist.doc_number", false, ""}, {"docDate", "hist.doc_date", false, ""},
	},
	HistGolongan: {
		{"ref", "hist.golongan.ref", true, RefGolongan}, {"start", "hist.tmt", true, ""},
		{"docNumber", "hist.doc_number", false, ""}, {"docDate", "hist.doc_date", false, ""},
	},
	HistPendidikan: {
		{"ref", "hist.pendidikan.ref", true, RefPendidikan}, {"title", "hist.pendidikan.title", false, ""},
		{"place", "hist.pendidikan.place", true, ""}, {"end", "hist.pendidikan.end", true, ""},
		{"docNumber", "hist.pendidikan.doc_number", false, ""},
	},
	HistDiklat: {
		{"ref", "hist.diklat.ref", true, RefJenisDiklat}, {"title", "hist.diklat.title", true, ""},
		{"place", "hist.diklat.place", false, ""}, {"start", "hist.start", true, ""}, {"end", "hist.end", true, ""},
		{"hours", "hist.diklat.hours", true, ""}, {"docNumber", "hist.diklat.doc_number", false, ""},
	},
	HistHukdis: {
		{"ref", "hist.hukdis.ref", true, RefHukdis}, {"title", "hist.hukdis.title", false, ""},
		{"start", "hist.tmt", true, ""}, {"end", "hist.end", false, ""},
		{"docNumber", "hist.doc_number", true, ""}, {"docDate", "hist.doc_date", false, ""},
	},
	HistPenghargaan: {
		{"title", "hist.penghargaan.title", true, ""}, {"place", "hist.penghargaan.place", false, ""},
		{"start", "hist.date", true, ""}, {"docNumber", "hist.doc_number", false, ""},
	},
}

// Validate checks an entry against the rules of its kind and the reference
// data, and normalizes its reference code.
func (h *HistoryEntry) Validate(ref *Reference, today Date) error {
	var fs Fields
	fields, ok := HistoryFields[h.Kind]
	if !ok {
		fs.Add("kind", "field.unknown_ref", h.Kind)
		return fs.Err("HistoryEntry.Validate")
	}
	h.Title, h.Place, h.DocNumber = strings.TrimSpace(h.Title), strings.TrimSpace(h.Place), strings.TrimSpace(h.DocNumber)
	for _, f := range fields {
		switch f.Name {
		case "ref":
			normalizeRef(&fs, "ref", &h.Ref, ref.Table(f.RefTable), f.Required)
		case "title":
			requireText(&fs, "title", h.Title, f.Required)
		case "place":
			requireText(&fs, "place", h.Place, f.Required)
		case "docNumber":
			requireText(&fs, "docNumber", h.DocNumber, f.Required)
		case "start":
			checkDate(&fs, "start", h.Start, today, f.Required)
		case "end":
			// An end date may lie ahead: a sanction or a training still running.
			if f.Required && h.End.IsZero() {
				fs.Add("end", "field.required", "")
			}
		case "docDate":
			checkDate(&fs, "docDate", h.DocDate, today, false)
		case "hours":
			if h.Hours <= 0 || h.Hours > 2000 {
				fs.Add("hours", "field.range", strconv.Itoa(h.Hours), 1, 2000)
			}
		}
	}
	if !h.Start.IsZero() && !h.End.IsZero() && h.End.Before(h.Start) {
		fs.Add("end", "field.end_before_start", h.End.String())
	}
	return fs.Err("HistoryEntry.Validate")
}

func requireText(fs *Fields, field, v string, required bool) {
	if required && v == "" {
		fs.Add(field, "field.required", "")
	}
	if len(v) > 300 {
		fs.Add(field, "field.too_long", v[:40]+"…", 300)
	}
}
