package web

import (
	"mime"
	"net/http"
	"path/filepath"
	"strings"
)

// contentTypes are the types of the files the UI offers for download.
var contentTypes = map[string]string{
	"csv":  "text/csv; charset=utf-8",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

// download streams a file written by write as an attachment. Headers go out
// with the first byte, so an error before it (no permission, an unknown
// format) still becomes an error page. An error after it cuts the
// connection: the browser then reports a failed download instead of saving
// a truncated file.
func download(w http.ResponseWriter, r *http.Request, name, format string, write func(http.ResponseWriter) error) error {
	dw := &downloadWriter{ResponseWriter: w, name: name, ctype: contentTypes[format]}
	err := write(dw)
	if err != nil && dw.started {
		panic(http.ErrAbortHandler)
	}
	return err
}

// downloadWriter sets the download's headers on its first write.
type downloadWriter struct {
	http.ResponseWriter
	name, ctype string
	started     bool
}

func (d *downloadWriter) Write(b []byte) (int, error) {
	if !d.started {
		d.started = true
		h := d.Header()
		h.Set("Content-Type", d.ctype)
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.name}))
		h.Set("Cache-Control", "no-store")
		d.WriteHeader(http.StatusOK)
	}
	return d.ResponseWriter.Write(b)
}

// baseName is a file name without directory and extension.
func baseName(name string) string {
	name = filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	return strings.TrimSuffix(name, filepath.Ext(name))
}
