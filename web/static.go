package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var staticFiles embed.FS

// asset is one embedded static file served under a URL that contains a hash
// of its content, so browsers may cache it for a year: a changed file gets a
// new URL.
type asset struct {
	url   string
	ctype string
	body  []byte
}

// assets are the embedded static files by name ("app.css") and by URL.
type assets struct {
	byName map[string]*asset
	byURL  map[string]*asset
}

// loadAssets hashes every embedded static file. It panics on an unreadable
// file: the binary is broken and must not start.
func loadAssets() *assets {
	as := &assets{byName: map[string]*asset{}, byURL: map[string]*asset{}}
	err := fs.WalkDir(staticFiles, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFiles.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		name := strings.TrimPrefix(p, "static/")
		ext := path.Ext(name)
		a := &asset{
			url:   "/static/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext,
			ctype: mime.TypeByExtension(ext),
			body:  body,
		}
		as.byName[name], as.byURL[a.url] = a, a
		return nil
	})
	if err != nil {
		panic("web: static files: " + err.Error())
	}
	return as
}

// URL returns the hashed URL of a static file. An unknown name panics while
// templates are checked at start-up, never later.
func (as *assets) URL(name string) string {
	a, ok := as.byName[name]
	if !ok {
		panic("web: no static file " + name)
	}
	return a.url
}

// ServeHTTP serves a static file by its hashed URL with long cache headers.
func (as *assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a, ok := as.byURL[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", a.ctype)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Write(a.body)
}
