package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"time"

	"merit/selection/report"
)

// selectionReportRoutes registers the report for the supervisor (BKN) of a
// selection, as PDF and XLSX (package selection/report), for its readers.
func (h *handler) selectionReportRoutes(mux *routeMux) {
	mux.Handle("GET /a/{agency}/seleksi/{selection}/laporan.pdf", h.member(h.selectionReport))
	mux.Handle("GET /a/{agency}/seleksi/{selection}/laporan.xlsx", h.member(h.selectionReport))
}

// selectionReport writes the selection's report in the format its path
// names, in the reader's language.
func (h *handler) selectionReport(w http.ResponseWriter, r *http.Request) error {
	a, s, err := h.selection(r)
	if err != nil {
		return err
	}
	rec, err := h.db.SelectionRecord(r.Context(), a.ID, s.ID)
	if err != nil {
		return err
	}
	rep, err := report.New(a.Name, rec, time.Now())
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	format, ctype := "pdf", "application/pdf"
	if strings.HasSuffix(r.URL.Path, ".xlsx") {
		format, ctype = "xlsx", contentTypes["xlsx"]
		err = rep.XLSX(&buf, langOf(r))
	} else {
		regular, bold := PDFFonts()
		err = rep.PDF(&buf, langOf(r), report.Fonts{Regular: regular, Bold: bold})
	}
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="laporan-seleksi-%s-%d.%s"`, a.Code, s.ID, format))
	_, err = buf.WriteTo(w)
	return err
}
