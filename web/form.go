package web

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"merit"
	"merit/i18n"
)

// field is one input of a form, ready to render by the "field" partial.
type field struct {
	Name     string
	Label    string // i18n key
	Type     string // text, date, email, tel, number, select, password
	Value    string
	Options  []option
	Groups   []optionGroup // a select's options in labelled groups, instead of Options
	Blank    string        // i18n key of a select's empty first option; "" for none
	Required bool
	Error    string // the field's message in the reader's language
	Hint     string // i18n key of a help text under the label
	Auto     string // autocomplete attribute
}

// ID is the input's id: the error summary links to it.
func (f field) ID() string { return "f-" + f.Name }

// DescribedBy lists the ids of the hint and the error message, which a
// screen reader reads with the input.
func (f field) DescribedBy() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.ID()+"-hint")
	}
	if f.Error != "" {
		ids = append(ids, f.ID()+"-error")
	}
	return strings.Join(ids, " ")
}

// option is one choice of a select.
type option struct{ Value, Label string }

// optionGroup is a labelled group of choices (<optgroup>).
type optionGroup struct {
	Label   string
	Options []option
}

// formView is a form with its fields in sections, its errors and where it
// posts to.
type formView struct {
	Title    string // the page heading, translated
	Subtitle string // e.g. the employee's name, untranslated
	Action   string
	Sections []formSection
	Errors   []formError // the summary above the form, each linking to its field
	Submit   string      // i18n key of the button
	Cancel   string      // URL of the way back
}

// formSection is a titled group of fields.
type formSection struct {
	Title  string // i18n key; "" for none
	Fields []field
}

// formError is one line of the error summary.
type formError struct {
	Href, Text string
}

// formErrors turns a validation error into messages per form field, in the
// reader's language. Several messages for one field are joined.
func formErrors(lang string, err error) map[string]string {
	out := map[string]string{}
	for _, fe := range merit.FieldsOf(err) {
		msg := i18n.Field(lang, fe)
		if prev, ok := out[fe.Field]; ok {
			msg = prev + "; " + msg
		}
		out[fe.Field] = msg
	}
	return out
}

// apply fills the form's fields with values and messages, and builds the
// error summary. Messages for fields the form does not show still appear in
// the summary, with the field's label.
func (fv *formView) apply(lang string, values url.Values, errs map[string]string) {
	shown := map[string]bool{}
	for si := range fv.Sections {
		for fi := range fv.Sections[si].Fields {
			f := &fv.Sections[si].Fields[fi]
			if values != nil {
				f.Value = values.Get(f.Name)
			}
			if msg, ok := errs[f.Name]; ok {
				f.Error = msg
				shown[f.Name] = true
				fv.Errors = append(fv.Errors, formError{Href: "#" + f.ID(), Text: i18n.T(lang, f.Label) + ": " + msg})
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(errs)) {
		if !shown[name] {
			fv.Errors = append(fv.Errors, formError{Text: i18n.T(lang, "field."+name) + ": " + errs[name]})
		}
	}
}

// parseDate reads a date field; a value that is no date is recorded as a
// field error and gives the zero date.
func parseDate(fs *merit.Fields, v url.Values, name string) merit.Date {
	d, err := merit.ParseDate(v.Get(name))
	if err != nil {
		fs.Add(name, "field.not_a_date", v.Get(name))
	}
	return d
}

// parseID reads a select's ID value; empty is 0.
func parseID(fs *merit.Fields, v url.Values, name string) int64 {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return 0
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 0 {
		fs.Add(name, "field.unknown_ref", s)
	}
	return id
}

// parseInt reads a whole number field; empty is 0.
func parseInt(fs *merit.Fields, v url.Values, name string) int {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		fs.Add(name, "field.not_a_number", s)
	}
	return n
}

func idValue(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// refOptions lists a reference table as choices, in its own order.
func refOptions(lang string, t *merit.RefTable) []option {
	out := make([]option, 0, len(t.Items))
	for _, it := range t.Items {
		out = append(out, option{Value: it.Code, Label: refName(lang, t, it.Code)})
	}
	return out
}

// golonganGroups lists the golongan in two groups, the PNS scale with its
// pangkat names and the PPPK scale.
func golonganGroups(lang string, ref *merit.Reference) []optionGroup {
	var groups []optionGroup
	for _, it := range ref.Golongan.Items {
		if len(groups) == 0 || groups[len(groups)-1].Label != it.Group {
			groups = append(groups, optionGroup{Label: it.Group})
		}
		label := it.Name
		if it.Group == "PNS" && it.Extra != "" {
			label += " – " + it.Extra
		}
		g := &groups[len(groups)-1]
		g.Options = append(g.Options, option{Value: it.Code, Label: label})
	}
	return groups
}

// unitOptions lists the unit tree as choices, indented by depth.
func unitOptions(units []*merit.Unit) []option {
	out := make([]option, 0, len(units))
	for _, u := range units {
		out = append(out, option{Value: idValue(u.ID), Label: strings.Repeat("\u00a0\u00a0\u00a0", u.Depth) + u.Name})
	}
	return out
}

// positionGroups lists positions grouped by their unit, in tree order.
func positionGroups(lang string, ref *merit.Reference, units []*merit.Unit, positions []*merit.Position) []optionGroup {
	byUnit := map[int64][]option{}
	for _, p := range positions {
		byUnit[p.UnitID] = append(byUnit[p.UnitID], option{Value: idValue(p.ID),
			Label: p.Name + " (" + refName(lang, ref.JenisJabatan, p.Jenis) + ")"})
	}
	var out []optionGroup
	for _, u := range units {
		if opts := byUnit[u.ID]; len(opts) > 0 {
			out = append(out, optionGroup{Label: u.Name, Options: opts})
		}
	}
	return out
}

// sexOptions are the choices of jenis kelamin.
func sexOptions(lang string) []option {
	return []option{{merit.SexMale, i18n.T(lang, "ui.sex.M")}, {merit.SexFemale, i18n.T(lang, "ui.sex.F")}}
}

// hasFieldErrors reports whether err is answered by showing the form again:
// invalid input or a conflict (a NIP already taken) that names its fields.
func hasFieldErrors(err error) bool {
	k := merit.KindOf(err)
	return (k == merit.KindInvalid || k == merit.KindConflict) && len(merit.FieldsOf(err)) > 0
}

// badForm is the error for a request body that is no form at all.
func badForm(err error) error {
	return &merit.Error{Kind: merit.KindInvalid, Op: "web.parseForm", Code: "err.invalid", Err: err}
}

// unreadable returns the error for a form with values that could not be
// read (unread), or nil when all were read. Such a form never reaches the
// storage layer, so the permission is checked here; the domain's rules then
// add their messages for the other fields, so the user sees all at once.
func (h *handler) unreadable(r *http.Request, a *merit.Agency, unread merit.Fields, validate func(*merit.Reference) error) error {
	if len(unread) == 0 {
		return nil
	}
	if err := authorize(r, merit.PermWrite, a); err != nil {
		return err
	}
	ref, err := h.db.Reference(r.Context())
	if err != nil {
		return err
	}
	bad := map[string]bool{}
	for _, f := range unread {
		bad[f.Field] = true
	}
	fs := unread
	for _, f := range merit.FieldsOf(validate(ref)) {
		if !bad[f.Field] {
			fs = append(fs, f)
		}
	}
	return fs.Err("web.form")
}
