package web

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
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

// parseViews parses every page for every language. It panics on a broken
// template: the server must not start with a page that cannot render.
func parseViews(funcs func(lang string) template.FuncMap) views {
	names, err := fs.Glob(templateFiles, "templates/*.html")
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
		base := template.Must(template.New("layout.html").Funcs(funcs(lang)).ParseFS(templateFiles, shared...))
		vs[lang] = map[string]*template.Template{}
		for _, p := range pages {
			t := template.Must(template.Must(base.Clone()).ParseFS(templateFiles, p))
			vs[lang][strings.TrimSuffix(path.Base(p), ".html")] = t
		}
	}
	return vs
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

// perms says which controls to show. They only hide controls: the storage
// layer refuses forbidden writes whatever the page showed.
type perms struct {
	Write, Import, Export bool
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
		"date":     func(d merit.Date) string { return i18n.Date(lang, d) },
		"datetime": func(t time.Time) string { return i18n.DateTime(lang, t) },
		"ref": func(table, code string) string {
			ref, err := h.db.Reference(context.Background())
			if err != nil {
				return code
			}
			return refName(lang, ref.Table(table), code)
		},
		"asset": h.assets.URL,
		"initial": func(name string) string {
			for _, r := range name {
				return strings.ToUpper(string(r))
			}
			return ""
		},
	}
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
			Export: a.Can(merit.PermExport, p.Agency.ID)}
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
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", p); err != nil {
		return fmt.Errorf("web.render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// Pages show personal data: never keep them in shared or browser caches.
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}
