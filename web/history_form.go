package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"merit"
	"merit/httpstatus"
	"merit/i18n"
)

// historyKind reads the history kind from the path; an unknown kind is
// "not found".
func historyKind(r *http.Request) (string, error) {
	kind := r.PathValue("kind")
	if !slices.Contains(merit.HistoryKinds, kind) {
		return "", merit.Errorf(merit.KindNotFound, "web.historyKind", "err.not_found")
	}
	return kind, nil
}

// historyTarget is what every history page starts from: the agency, the
// employee and the kind named by the path.
type historyTarget struct {
	agency   *merit.Agency
	employee *merit.Employee
	kind     string
}

func (h *handler) historyTarget(r *http.Request) (historyTarget, error) {
	kind, err := historyKind(r)
	if err != nil {
		return historyTarget{}, err
	}
	a, e, err := h.employee(r)
	if err != nil {
		return historyTarget{}, err
	}
	return historyTarget{agency: a, employee: e, kind: kind}, nil
}

// entry returns the entry named by the path.
func (h *handler) entry(r *http.Request, t historyTarget) (*merit.HistoryEntry, error) {
	id, err := pathID(r, "entry")
	if err != nil {
		return nil, err
	}
	entries, err := h.db.FindHistory(r.Context(), t.agency.ID, t.employee.ID, t.kind)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.ID == id {
			return e, nil
		}
	}
	return nil, merit.Errorf(merit.KindNotFound, "web.entry", "err.not_found")
}

// profileURL is the employee's profile, at the section of the kind.
func (t historyTarget) profileURL() string {
	return agencyURL(t.agency, "pegawai", t.employee.ID) + "#riwayat-" + t.kind
}

// historyValues are an entry's fields as form values.
func historyValues(e *merit.HistoryEntry) url.Values {
	v := url.Values{"ref": {e.Ref}, "title": {e.Title}, "place": {e.Place}, "start": {e.Start.String()},
		"end": {e.End.String()}, "docNumber": {e.DocNumber}, "docDate": {e.DocDate.String()}}
	if e.Hours != 0 {
		v.Set("hours", strconv.Itoa(e.Hours))
	}
	return v
}

// historyFromForm reads the posted form into an entry of the kind.
func historyFromForm(v url.Values, kind string) (*merit.HistoryEntry, merit.Fields) {
	var fs merit.Fields
	text := func(name string) string { return strings.TrimSpace(v.Get(name)) }
	e := &merit.HistoryEntry{Kind: kind, Ref: text("ref"), Title: text("title"), Place: text("place"),
		DocNumber: text("docNumber")}
	for _, f := range merit.HistoryFields[kind] {
		switch f.Name {
		case "start":
			e.Start = parseDate(&fs, v, "start")
		case "end":
			e.End = parseDate(&fs, v, "end")
		case "docDate":
			e.DocDate = parseDate(&fs, v, "docDate")
		case "hours":
			e.Hours = parseInt(&fs, v, "hours")
		}
	}
	return e, fs
}

// showHistoryForm renders the form of an entry (new when entry.ID is 0),
// with the values and messages of a failed attempt when err is set.
func (h *handler) showHistoryForm(w http.ResponseWriter, r *http.Request, t historyTarget, entry *merit.HistoryEntry, values url.Values, err error) error {
	ref, rerr := h.db.Reference(r.Context())
	if rerr != nil {
		return rerr
	}
	lang := langOf(r)
	var fields []field
	for _, f := range merit.HistoryFields[t.kind] {
		fd := field{Name: f.Name, Label: f.Label, Type: "text", Required: f.Required, Auto: "off"}
		switch f.Name {
		case "ref":
			fd.Type, fd.Options, fd.Blank = "select", refOptions(lang, ref.Table(f.RefTable)), "ui.choose"
		case "start", "end", "docDate":
			fd.Type = "date"
		case "hours":
			fd.Type = "number"
		}
		fields = append(fields, fd)
	}
	kindName := i18n.T(lang, "ui.hist."+t.kind)
	fv := formView{Subtitle: t.employee.FullName() + " · " + t.employee.NIP, Submit: "ui.save", Cancel: t.profileURL(),
		Sections: []formSection{{Fields: fields}}}
	if entry.ID == 0 {
		fv.Title, fv.Action = i18n.T(lang, "ui.hist.new", kindName), agencyURL(t.agency, "pegawai", t.employee.ID, "riwayat", t.kind, "baru")
	} else {
		fv.Title = i18n.T(lang, "ui.hist.edit", kindName)
		fv.Action = agencyURL(t.agency, "pegawai", t.employee.ID, "riwayat", t.kind, entry.ID, "ubah")
	}
	status := http.StatusOK
	if err != nil {
		status = httpstatus.Of(err)
	}
	fv.apply(lang, values, formErrors(lang, err))
	return h.render(w, r, status, "form", &page{Agency: t.agency, Nav: "employees", Data: fv})
}

// newHistory shows the empty form for a new entry.
func (h *handler) newHistory(w http.ResponseWriter, r *http.Request) error {
	t, err := h.historyTarget(r)
	if err != nil {
		return err
	}
	if err := authorize(r, merit.PermWrite, t.agency); err != nil {
		return err
	}
	return h.showHistoryForm(w, r, t, &merit.HistoryEntry{}, url.Values{}, nil)
}

// editHistory shows the form filled with an entry.
func (h *handler) editHistory(w http.ResponseWriter, r *http.Request) error {
	t, err := h.historyTarget(r)
	if err != nil {
		return err
	}
	if err := authorize(r, merit.PermWrite, t.agency); err != nil {
		return err
	}
	entry, err := h.entry(r, t)
	if err != nil {
		return err
	}
	return h.showHistoryForm(w, r, t, entry, historyValues(entry), nil)
}
