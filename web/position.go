package web

import (
	"net/http"
	"net/url"
	"strings"

	"merit"
	"merit/i18n"
	"merit/sqldb"
)

// positionRoutes registers the positions (jabatan) pages: the list with
// its filters for readers; the forms and the deletion for writers.
func (h *handler) positionRoutes(mux *routeMux) {
	mux.Handle("GET /a/{agency}/jabatan", h.member(h.listPositions))
	mux.Handle("GET /a/{agency}/jabatan/baru", h.member(h.newPosition))
	mux.Handle("POST /a/{agency}/jabatan/baru", h.member(h.createPosition))
	mux.Handle("GET /a/{agency}/jabatan/{position}/ubah", h.member(h.editPosition))
	mux.Handle("POST /a/{agency}/jabatan/{position}/ubah", h.member(h.updatePosition))
	mux.Handle("GET /a/{agency}/jabatan/{position}/hapus", h.member(h.confirmDeletePosition))
	mux.Handle("POST /a/{agency}/jabatan/{position}/hapus", h.member(h.deletePosition))
}

// positionListView is the data of the positions page.
type positionListView struct {
	Base      string
	Query     string  // the name search
	Filters   []field // unit and jenis selects
	Filtered  bool
	Positions []positionRow // the page shown
	Total     int           // positions that match
	Critical  int           // how many of those are critical
	pager
}

// positionRow is one line of the positions page.
type positionRow struct {
	*sqldb.PositionRow
	EditHref, DeleteHref string
	EmployeesHref        string // the employee list of the position's unit
}

// listPositions shows the agency's positions with their unit, jenis,
// jenjang, kelas jabatan, critical flag and incumbents, filtered by unit
// (and the units below it) and jenis, searched by name.
func (h *handler) listPositions(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	var unread merit.Fields
	f := sqldb.PositionFilter{AgencyID: a.ID, UnitID: parseID(&unread, q, "unit"), Jenis: q.Get("jenis"), Query: strings.TrimSpace(q.Get("q"))}
	if len(unread) > 0 {
		f.UnitID = -1 // an unreadable unit matches nothing
	}
	rows, err := h.db.ListPositions(r.Context(), f)
	if err != nil {
		return err
	}
	units, err := h.db.FindUnits(r.Context(), a.ID)
	if err != nil {
		return err
	}
	ref, err := h.db.Reference(r.Context())
	if err != nil {
		return err
	}
	lang := langOf(r)
	base := agencyURL(a, "jabatan")
	v := positionListView{Base: base, Query: f.Query, Filtered: q.Get("unit") != "" || f.Jenis != "" || f.Query != ""}
	v.Filters = []field{
		{Name: "unit", Label: "field.unitId", Type: "select", Value: q.Get("unit"), Options: unitOptions(units), Blank: "ui.list.all"},
		{Name: "jenis", Label: "field.jenis", Type: "select", Value: f.Jenis, Options: refOptions(lang, ref.JenisJabatan), Blank: "ui.list.all"},
	}
	v.Total = len(rows)
	for _, p := range rows {
		if p.Critical {
			v.Critical++
		}
	}
	pageNo := pageParam(q)
	v.pager = newPager(pageNo, len(rows), queryLink(base, url.Values{"unit": {q.Get("unit")}, "jenis": {f.Jenis}, "q": {f.Query}}))
	for _, p := range pageRows(rows, pageNo) {
		v.Positions = append(v.Positions, positionRow{PositionRow: p,
			EditHref: agencyURL(a, "jabatan", p.ID, "ubah"), DeleteHref: agencyURL(a, "jabatan", p.ID, "hapus"),
			EmployeesHref: agencyURL(a, "pegawai") + "?unit=" + idValue(p.UnitID)})
	}
	return h.render(w, r, http.StatusOK, "positions", &page{Agency: a, Nav: "positions", Data: v})
}

// positionForm builds the form of a position: its unit, name, jenis,
// jenjang (grouped by the jenis it belongs to), kelas jabatan and critical
// flag.
func (h *handler) positionForm(r *http.Request, a *merit.Agency) (formView, error) {
	units, err := h.db.FindUnits(r.Context(), a.ID)
	if err != nil {
		return formView{}, err
	}
	ref, err := h.db.Reference(r.Context())
	if err != nil {
		return formView{}, err
	}
	lang := langOf(r)
	var jenjang []optionGroup
	for _, it := range ref.JenjangJabatan.Items {
		if len(jenjang) == 0 || jenjang[len(jenjang)-1].Label != refName(lang, ref.JenisJabatan, it.Group) {
			jenjang = append(jenjang, optionGroup{Label: refName(lang, ref.JenisJabatan, it.Group)})
		}
		g := &jenjang[len(jenjang)-1]
		g.Options = append(g.Options, option{Value: it.Code, Label: refName(lang, ref.JenjangJabatan, it.Code)})
	}
	return formView{Submit: "ui.save", Cancel: agencyURL(a, "jabatan"), Sections: []formSection{{Fields: []field{
		{Name: "unitId", Label: "field.unitId", Type: "select", Required: true, Options: unitOptions(units), Blank: "ui.choose"},
		{Name: "name", Label: "field.name", Type: "text", Required: true, Auto: "off", Hint: "ui.position.hint_name"},
		{Name: "jenis", Label: "field.jenis", Type: "select", Required: true, Options: refOptions(lang, ref.JenisJabatan), Blank: "ui.choose"},
		{Name: "jenjang", Label: "field.jenjang", Type: "select", Groups: jenjang, Blank: "ui.position.no_jenjang", Hint: "ui.position.hint_jenjang"},
		{Name: "kelasJabatan", Label: "field.kelasJabatan", Type: "number", Hint: "ui.position.hint_kelas"},
		{Name: "critical", Label: "field.critical", Type: "select", Options: []option{
			{Value: "", Label: i18n.T(lang, "ui.position.not_critical")}, {Value: "1", Label: i18n.T(lang, "ui.position.critical")}}},
	}}}}, nil
}

// positionValues are a position's fields as form values.
func positionValues(p *merit.Position) url.Values {
	v := url.Values{"unitId": {idValue(p.UnitID)}, "name": {p.Name}, "jenis": {p.Jenis}, "jenjang": {p.Jenjang}}
	if p.KelasJabatan != 0 {
		v.Set("kelasJabatan", idValue(int64(p.KelasJabatan)))
	}
	if p.Critical {
		v.Set("critical", "1")
	}
	return v
}

// positionFromForm reads the posted position form; values that cannot be
// read are returned as field errors.
func positionFromForm(v url.Values) (*merit.Position, merit.Fields) {
	var fs merit.Fields
	p := &merit.Position{Name: v.Get("name"), Jenis: v.Get("jenis"), Jenjang: v.Get("jenjang"), Critical: v.Get("critical") != ""}
	p.UnitID = parseID(&fs, v, "unitId")
	p.KelasJabatan = parseInt(&fs, v, "kelasJabatan")
	return p, fs
}
