package web

import (
	"net/http"
	"net/url"

	"merit"
	"merit/httpstatus"
	"merit/i18n"
)

// unitListView is the data of the unit tree page.
type unitListView struct {
	Units []unitRow
	Total int
	Add   formView // the form for a new unit, shown to writers
}

// unitRow is one unit of the tree.
type unitRow struct {
	*merit.Unit
	Indent   int    // indentation level for the stylesheet (depth, capped)
	ListHref string // the employee list filtered to this unit and below
	EditHref string
}

// maxIndent is the deepest indentation the stylesheet draws; deeper units
// line up with it.
const maxIndent = 8

// listUnits shows the unit tree with direct and total headcounts.
func (h *handler) listUnits(w http.ResponseWriter, r *http.Request) error {
	a, err := h.agency(r)
	if err != nil {
		return err
	}
	return h.showUnits(w, r, a, nil, nil)
}

// showUnits renders the unit tree; values and err are those of a failed
// attempt to add a unit.
func (h *handler) showUnits(w http.ResponseWriter, r *http.Request, a *merit.Agency, values url.Values, err error) error {
	units, uerr := h.db.FindUnits(r.Context(), a.ID)
	if uerr != nil {
		return uerr
	}
	lang := langOf(r)
	v := unitListView{Add: unitForm(lang, units, nil)}
	v.Add.Action = agencyURL(a, "unit")
	v.Add.Submit = "ui.unit.add"
	v.Add.apply(lang, values, formErrors(lang, err))
	for _, u := range units {
		v.Units = append(v.Units, unitRow{Unit: u, Indent: min(u.Depth, maxIndent),
			ListHref: agencyURL(a, "pegawai") + "?unit=" + idValue(u.ID), EditHref: agencyURL(a, "unit", u.ID, "ubah")})
		if u.Depth == 0 {
			v.Total += u.Total
		}
	}
	status := http.StatusOK
	if err != nil {
		status = httpstatus.Of(err)
	}
	return h.render(w, r, status, "units", &page{Agency: a, Nav: "units", Data: v})
}

// unitForm is the form of a unit: its name and its parent. For an existing
// unit, the unit itself and the units below it cannot be its parent.
func unitForm(lang string, units []*merit.Unit, self *merit.Unit) formView {
	parents := units
	if self != nil {
		below := map[int64]bool{}
		for _, id := range merit.UnitDescendants(units, self.ID) {
			below[id] = true
		}
		parents = nil
		for _, u := range units {
			if !below[u.ID] {
				parents = append(parents, u)
			}
		}
	}
	return formView{Sections: []formSection{{Fields: []field{
		{Name: "name", Label: "ui.unit.name", Type: "text", Required: true, Auto: "off"},
		{Name: "parentId", Label: "field.parentId", Type: "select", Options: unitOptions(parents), Blank: "ui.unit.root",
			Hint: "ui.hint.parent"},
	}}}, Title: i18n.T(lang, "ui.unit.new")}
}

// unitFromForm reads the posted unit form.
func unitFromForm(v url.Values) (*merit.Unit, merit.Fields) {
	var fs merit.Fields
	u := &merit.Unit{Name: v.Get("name")}
	u.ParentID = parseID(&fs, v, "parentId")
	return u, fs
}
