package web

// skpRoutes registers the performance (SKP) pages: the agency's SKP page
// for a period, the rating form, an employee's SKP tab, the organisation
// predikat per unit, the results import, and the employee's own SKP and
// rating of those he rates in self-service.
func (h *handler) skpRoutes(mux *routeMux) {
	mux.Handle("GET /a/{agency}/kinerja", h.member(h.listSKP))
	mux.Handle("GET /a/{agency}/kinerja/unit", h.member(h.listUnitSKP))
	mux.Handle("POST /a/{agency}/kinerja/unit", h.member(h.setUnitSKP))
	mux.Handle("GET /a/{agency}/kinerja/impor", h.member(h.showSKPImport))
	mux.Handle("POST /a/{agency}/kinerja/impor", h.member(h.importSKP))
	mux.Handle("GET /a/{agency}/pegawai/{id}/kinerja", h.member(h.showEmployeeSKP))
	mux.Handle("GET /a/{agency}/pegawai/{id}/kinerja/nilai", h.member(h.rateSKP))
	mux.Handle("POST /a/{agency}/pegawai/{id}/kinerja/nilai", h.member(h.saveRating))
	mux.Handle("POST /a/{agency}/pegawai/{id}/kinerja/{entry}/hapus", h.member(h.deleteSKP))
	mux.Handle("GET /saya/kinerja", h.member(h.showSelfSKP))
	mux.Handle("GET /saya/kinerja/nilai/{ratee}", h.member(h.rateAsRater))
	mux.Handle("POST /saya/kinerja/nilai/{ratee}", h.member(h.saveAsRater))
}
