package web

import (
	"net/http"
	"strconv"
	"strings"

	"merit"
	"merit/i18n"
)

// profileView is the data of an employee's profile.
type profileView struct {
	Employee *merit.Employee
	Age      int
	Base     string // the profile's path
	Facts    []fact
	Sections []historySection
	Changes  []changeView // the record's change history, newest first
	Self     bool         // the employee's own page (/saya): no list, no change history
	Tabs     profileTabs  // links to the competency and development pages
	// Proposals are the employee's own usulan perubahan data (on /saya).
	Proposals []*merit.Proposal
	IPASN     *ipasnPanelView // computed now; nil for readers who may not see performance
}

// fact is one labelled value of the data utama.
type fact struct {
	Label string // i18n key
	Value string
	Href  string // optional link
	Mono  bool   // shown in a fixed-width font (NIP)
}

// historyCellView is one cell of a history table; dates do not wrap.
type historyCellView struct {
	Text string
	Date bool
}

// historySection is one kind of history with its entries as table rows.
type historySection struct {
	Kind    string
	Title   string   // i18n key
	Columns []string // i18n keys
	Rows    []historyRow
	AddHref string
}

// historyRow is one entry with its cells formatted for reading.
type historyRow struct {
	Cells      []historyCellView
	EditHref   string
	DeleteHref string
}

// showEmployee shows an employee's data utama and every history.
func (h *handler) showEmployee(w http.ResponseWriter, r *http.Request) error {
	a, e, err := h.employee(r)
	if err != nil {
		return err
	}
	v, err := h.profile(r, a, e)
	if err != nil {
		return err
	}
	if v.Changes, err = h.employeeChanges(r.Context(), langOf(r), e); err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, "employee", &page{Agency: a, Nav: "employees", Data: v})
}

// profile builds the data utama and every history of an employee, for the
// operators' profile and the employee's own page.
func (h *handler) profile(r *http.Request, a *merit.Agency, e *merit.Employee) (profileView, error) {
	entries, err := h.db.FindHistory(r.Context(), a.ID, e.ID, "")
	if err != nil {
		return profileView{}, err
	}
	ref, err := h.db.Reference(r.Context())
	if err != nil {
		return profileView{}, err
	}
	lang := langOf(r)
	base := agencyURL(a, "pegawai", e.ID)
	v := profileView{Employee: e, Base: base, Tabs: profileTabs{Base: base, Active: "profile"}}
	if !e.BirthDate.IsZero() {
		v.Age = e.BirthDate.AgeOn(merit.Today())
	}
	v.Facts = employeeFacts(lang, ref, a, e)
	if v.IPASN, err = h.ipasnPanel(r, a, e); err != nil {
		return profileView{}, err
	}
	byKind := map[string][]*merit.HistoryEntry{}
	for _, h := range entries {
		byKind[h.Kind] = append(byKind[h.Kind], h)
	}
	for _, kind := range merit.HistoryKinds {
		s := historySection{Kind: kind, Title: "ui.hist." + kind, AddHref: agencyURL(a, "pegawai", e.ID, "riwayat", kind, "baru")}
		for _, f := range merit.HistoryFields[kind] {
			s.Columns = append(s.Columns, f.Label)
		}
		for _, entry := range byKind[kind] {
			row := historyRow{EditHref: agencyURL(a, "pegawai", e.ID, "riwayat", kind, entry.ID, "ubah"),
				DeleteHref: agencyURL(a, "pegawai", e.ID, "riwayat", kind, entry.ID, "hapus")}
			for _, f := range merit.HistoryFields[kind] {
				date := f.Name == "start" || f.Name == "end" || f.Name == "docDate"
				row.Cells = append(row.Cells, historyCellView{Text: historyCell(lang, ref, f, entry), Date: date})
			}
			s.Rows = append(s.Rows, row)
		}
		v.Sections = append(v.Sections, s)
	}
	return v, nil
}

// employeeFacts lists the data utama in reading order.
func employeeFacts(lang string, ref *merit.Reference, a *merit.Agency, e *merit.Employee) []fact {
	golongan := e.Golongan
	if it, ok := ref.Golongan.Get(e.Golongan); ok && it.Group == "PNS" && it.Extra != "" {
		golongan += " – " + it.Extra
	}
	birth := i18n.Date(lang, e.BirthDate)
	if e.IsMasked("birthDate") {
		birth = strings.Repeat(string(merit.MaskRune), 2) + " " + strings.Repeat(string(merit.MaskRune), 3) + " " + strconv.Itoa(e.BirthYear)
	}
	if e.BirthPlace != "" {
		birth = e.BirthPlace + ", " + birth
	}
	var unitHref string
	if e.UnitID != 0 {
		unitHref = agencyURL(a, "pegawai") + "?unit=" + idValue(e.UnitID)
	}
	position := e.PositionName
	if e.Jenis != "" {
		position += " (" + refName(lang, ref.JenisJabatan, e.Jenis) + ")"
	}
	return []fact{
		{Label: "field.nip", Value: e.NIP, Mono: true},
		{Label: "field.nik", Value: e.NIK, Mono: true},
		{Label: "field.name", Value: e.Name},
		{Label: "field.gelarDepan", Value: e.GelarDepan},
		{Label: "field.gelarBelakang", Value: e.GelarBelakang},
		{Label: "ui.profile.birth", Value: birth},
		{Label: "field.sex", Value: i18n.T(lang, "ui.sex."+e.Sex)},
		{Label: "field.religion", Value: refName(lang, ref.Agama, e.Religion)},
		{Label: "field.status", Value: refName(lang, ref.StatusPegawai, e.Status)},
		{Label: "field.tmtCpns", Value: i18n.Date(lang, e.TMTCPNS)},
		{Label: "field.golongan", Value: golongan},
		{Label: "field.tmtGolongan", Value: i18n.Date(lang, e.TMTGolongan)},
		{Label: "field.positionId", Value: position},
		{Label: "field.unitId", Value: e.UnitName, Href: unitHref},
		{Label: "field.tmtJabatan", Value: i18n.Date(lang, e.TMTJabatan)},
		{Label: "field.education", Value: refName(lang, ref.Pendidikan, e.Education)},
		{Label: "field.email", Value: e.Email},
		{Label: "field.phone", Value: e.Phone},
		{Label: "field.alamat", Value: e.Alamat},
	}
}

// historyCell formats one field of a history entry for reading.
func historyCell(lang string, ref *merit.Reference, f merit.HistoryField, h *merit.HistoryEntry) string {
	switch f.Name {
	case "ref":
		return refName(lang, ref.Table(f.RefTable), h.Ref)
	case "title":
		return h.Title
	case "place":
		return h.Place
	case "start":
		return i18n.Date(lang, h.Start)
	case "end":
		return i18n.Date(lang, h.End)
	case "hours":
		return i18n.Number(lang, h.Hours)
	case "docNumber":
		return h.DocNumber
	case "docDate":
		return i18n.Date(lang, h.DocDate)
	}
	return ""
}
