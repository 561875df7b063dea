package web

import (
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
)

// The server refuses to start with a page that names a template that does
// not exist or a message key that a catalog lacks.
func TestParseViewsChecks(t *testing.T) {
	funcs := func(string) template.FuncMap {
		return template.FuncMap{"t": func(string, ...any) string { return "" }}
	}
	layout := `{{template "title" .}}{{template "content" .}}`
	tests := []struct{ page, panic string }{
		{`{{define "title"}}{{t "ui.nav.units"}}{{end}}{{define "content"}}{{template "field" .}}{{end}}`, ""},
		{`{{define "title"}}x{{end}}{{define "content"}}{{if .}}{{template "nope" .}}{{end}}{{end}}`, `template "nope" is not defined`},
		{`{{define "title"}}x{{end}}{{define "content"}}{{range .}}{{else}}{{t "ui.no.such.key" 1}}{{end}}{{end}}`, `message key "ui.no.such.key" is missing`},
		{`{{define "title"}}x{{end}}`, `template "content" is not defined`},
	}
	for _, tt := range tests {
		files := fstest.MapFS{
			"templates/layout.html":   {Data: []byte(layout)},
			"templates/partials.html": {Data: []byte(`{{define "field"}}f{{end}}`)},
			"templates/page.html":     {Data: []byte(tt.page)},
		}
		func() {
			defer func() {
				got, _ := recover().(string)
				if tt.panic == "" && got != "" || !strings.Contains(got, tt.panic) {
					t.Errorf("%s: panic %q, want %q", tt.page, got, tt.panic)
				}
			}()
			parseViews(files, funcs)
		}()
	}
}
