package web

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"sync"
	"text/template/parse"
	"time"

	"merit"
	"merit/auth"
	"merit/i18n"
)

//go:embed templates
var templateFiles embed.FS

// views are the parsed pages: views[lang][page]. Each page is the layout and
// the shared partials (partials.html) plus the page's own file,
// which defines "title" and "content". Every language gets its own parse, so
// the "t" function in templates is bound to the language and needs no
// argument for it.
type views map[string]map[string]*template.Template

// parseViews parses every page of files (templates/*.html) for every
// language. It panics on a broken template, a reference to a template that
// does not exist, or a message key missing from a catalog: the server must
// not start with a page that cannot render.
func parseViews(files fs.FS, funcs func(lang string) template.FuncMap) views {
	names, err := fs.Glob(files, "templates/*.html")
	if err != nil {
		panic(err)
	}
	var shared, pages []string
	for _, n := range names {
		if base := path.Base(n); base == "layout.html" || base == "partials.html" {
			shared = append(shared, n)
		} else {
			pages = append(pages, n)
		}
	}
	vs := views{}
	for _, lang := range i18n.Languages {
		base := template.Must(template.New("layout.html").Funcs(funcs(lang)).ParseFS(files, shared...))
		vs[lang] = map[string]*template.Template{}
		for _, p := range pages {
			t := template.Must(template.Must(base.Clone()).ParseFS(files, p))
			checkTemplates(p, t)
			vs[lang][strings.TrimSuffix(path.Base(p), ".html")] = t
		}
	}
	return vs
}

// checkTemplates panics when a page calls a template that is not defined or
// names a message key ({{t "key"}}) that a catalog lacks. html/template would
// find the first only when the page is rendered, and i18n.T would show the
// raw key. Keys built at run time are logged when missing (see funcs).
func checkTemplates(file string, set *template.Template) {
	for _, t := range set.Templates() {
		if t.Tree == nil {
			continue
		}
		walkTree(t.Tree.Root, func(n parse.Node) {
			switch n := n.(type) {
			case *parse.TemplateNode:
				if set.Lookup(n.Name) == nil {
					panic(fmt.Sprintf("web: %s: template %q is not defined", file, n.Name))
				}
			case *parse.CommandNode:
				id, ok := n.Args[0].(*parse.IdentifierNode)
				if !ok || id.Ident != "t" || len(n.Args) < 2 {
					return
				}
				if key, ok := n.Args[1].(*parse.StringNode); ok {
					for _, lang := range i18n.Languages {
						if _, ok := i18n.Keys(lang)[key.Text]; !ok {
							panic(fmt.Sprintf("web: %s: message key %q is missing in catalog %s", file, key.Text, lang))
						}
					}
				}
			}
		})
	}
}

// walkTree calls f for n and every node below it.
func walkTree(n parse.Node, f func(parse.Node)) {
	f(n)
	var kids []parse.Node
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			kids = n.Nodes
		}
	case *parse.ActionNode:
		kids = []parse.Node{n.Pipe}
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				kids = append(kids, c)
			}
		}
	case *parse.CommandNode:
		kids = n.Args
	case *parse.IfNode:
		kids = []parse.Node{n.Pipe, n.List, n.ElseList}
	case *parse.RangeNode:
		kids = []parse.Node{n.Pipe, n.List, n.ElseList}
	case *parse.WithNode:
		kids = []parse.Node{n.Pipe, n.List, n.ElseList}
	case *parse.TemplateNode:
		kids = []parse.Node{n.Pipe}
	case *parse.ChainNode:
		kids = []parse.Node{n.Node}
	}
	// An absent else branch or pipeline is a typed nil, which the cases
	// above skip.
	for _, k := range kids {
		walkTree(k, f)
	}
}

// page is what the layout shows around every page's content.
type page struct {
	Lang    string
	Path    string // the request's path and query, where the language toggle returns to
	User    *merit.User
	Agency  *merit.Agency // nil outside an agency
	Role    merit.Role
	Can     perms
	Nav     string // the active navigation item
	Flash   string // a one-time message after a redirect, translated
	Refresh int    // seconds until the page reloads itself (import progress); 0 for never
	Data    any    // the page's own data
}

// Now is the time the page is rendered, for printed pages.
func (p *page) Now() time.Time { return time.Now() }

// perms says which controls to show. They only hide controls: the storage
// layer refuses forbidden writes whatever the page showed.
type perms struct {
	Write, Import, Export bool
	Read                  bool // the registry: every role but the employee, pansel and asesor
	Audit                 bool // the agency's audit search: admins
	Competency            bool // the competency and assessment pages
	Users                 bool // the agency's accounts: admins and platform admins
	Selection             bool // open selection: its readers and panel members
	SelectionRead         bool // job fit and the selections' full record: selection readers
}

// funcs returns the template functions bound to a language.
func (h *handler) funcs(lang string) template.FuncMap {
	return template.FuncMap{
		"t": func(key string, args ...any) string {
			if _, ok := i18n.Keys(lang)[key]; !ok {
				h.log.Warn("missing translation", "lang", lang, "key", key)
			}
			return i18n.T(lang, key, args...)
		},
		"n":        func(v int) string { return i18n.Number(lang, v) },
		"datetime": func(t time.Time) string { return i18n.DateTime(lang, t) },
		"date":     func(d merit.Date) string { return i18n.Date(lang, d) },
		"ref": func(table, code string) string {
			ref, err := h.db.Reference(context.Background())
			if err != nil {
				return code
			}
			return refName(lang, ref.Table(table), code)
		},
		"asset":   h.assets.URL,
		"options": optionsHTML,
		"initial": func(name string) string {
			for _, r := range name {
				return strings.ToUpper(string(r))
			}
			return ""
		},
	}
}

// pageBuffers keeps the buffers pages are rendered into: a page is tens of
// kilobytes, and growing a fresh buffer to that size on every request was
// a tenth of the 9-box page's allocations.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putPageBuffer returns a buffer to the pool, unless an unusually large
// page (an export-sized table) grew it past what is worth keeping.
func putPageBuffer(b *bytes.Buffer) {
	if b.Cap() > 1<<20 {
		return
	}
	b.Reset()
	pageBuffers.Put(b)
}

// optionsHTML writes the <option> elements of a select, the one whose
// value is selected marked, escaping values and labels. A select of a few
// hundred units written by the template's range costs three reflective
// calls per option (eq and two escapers), ~1 ms of a page; this costs one.
func optionsHTML(opts []option, selected string) template.HTML {
	var b strings.Builder
	n := 0
	for _, o := range opts {
		n += len(o.Value) + len(o.Label) + len(`<option value=""></option>`)
	}
	b.Grow(n + len(" selected"))
	for _, o := range opts {
		b.WriteString(`<option value="`)
		b.WriteString(html.EscapeString(o.Value))
		b.WriteByte('"')
		if o.Value == selected {
			b.WriteString(" selected")
		}
		b.WriteByte('>')
		b.WriteString(html.EscapeString(o.Label))
		b.WriteString("</option>")
	}
	return template.HTML(b.String())
}

// refName is the display name of a reference code in the language, or the
// code itself when unknown.
func refName(lang string, t *merit.RefTable, code string) string {
	it, ok := t.Get(code)
	if !ok {
		return code
	}
	if lang == i18n.EN && it.NameEN != "" {
		return it.NameEN
	}
	return it.Name
}

// langOf picks the language of a request: an explicit ?lang= or the "lang"
// cookie set by the toggle, then the signed-in session's stored choice, then
// the browser's Accept-Language, then Indonesian.
func langOf(r *http.Request) string {
	if r.URL.Query().Get("lang") == "" {
		if _, err := r.Cookie("lang"); err != nil {
			if s := auth.SessionFrom(r.Context()); s != nil && i18n.Valid(s.Lang) {
				return s.Lang
			}
		}
	}
	return i18n.FromRequest(r)
}

// render writes a page with the given status. The page is rendered into a
// buffer first, so a template error becomes an error page, not half a page.
func (h *handler) render(w http.ResponseWriter, r *http.Request, status int, name string, p *page) error {
	p.Lang = langOf(r)
	p.Path = r.URL.RequestURI()
	if s := auth.SessionFrom(r.Context()); s != nil {
		p.User = s.User
	}
	if p.Agency != nil {
		a := merit.ActorFrom(r.Context())
		p.Can = perms{Write: a.Can(merit.PermWrite, p.Agency.ID), Import: a.Can(merit.PermImport, p.Agency.ID),
			Export: a.Can(merit.PermExport, p.Agency.ID), Audit: a.Can(merit.PermManageUsers, p.Agency.ID),
			Competency: a.Can(merit.PermCompetencyRead, p.Agency.ID)}
		p.Can.Users = merit.AuthorizeUsers(r.Context(), p.Agency.ID) == nil
		p.Can.Read = a.Can(merit.PermRead, p.Agency.ID)
		p.Can.SelectionRead = a.Can(merit.PermSelectionRead, p.Agency.ID)
		p.Can.Selection = p.Can.SelectionRead || a.Can(merit.PermSelectionScore, p.Agency.ID)
		if p.User != nil {
			for _, g := range p.User.Grants {
				if g.AgencyID == p.Agency.ID {
					p.Role = g.Role
				}
			}
		}
	}
	if f := takeFlash(w, r); f != nil {
		p.Flash = i18n.T(p.Lang, f.Key, f.Args...)
	}
	t, ok := h.views[p.Lang][name]
	if !ok {
		return fmt.Errorf("web.render: no page %q", name)
	}
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer putPageBuffer(buf)
	if err := t.ExecuteTemplate(buf, "layout.html", p); err != nil {
		return fmt.Errorf("web.render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// Pages show personal data: never keep them in shared or browser caches.
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}
