// Package web is Merit's server-rendered UI for BKPSDM staff: sign-in, the
// agency dashboard, the employee registry with profiles and histories, the
// unit tree and the spreadsheet import.
//
// Pages are html/template files embedded in the binary and parsed once per
// language at start-up (a broken template stops the server before it
// listens). Every page works without JavaScript: forms post and redirect,
// the import progress page refreshes itself with <meta http-equiv="refresh">.
// Handlers only translate: they parse the request, call package sqldb (which
// decides, from the request's actor, whether the user may read or write) and
// render; errors become pages through httpstatus.Of.
package web

import (
	"log/slog"
	"net/http"

	"merit/auth"
	"merit/server"
	"merit/sqldb"
)

// handler holds what every page needs.
type handler struct {
	db       *sqldb.DB
	sessions *auth.Sessions
	log      *slog.Logger
	views    views
	assets   *assets
	imports  *importJobs
}

// New returns the UI handler, mounted at "/" by package server.
func New(d server.Deps) http.Handler {
	h := &handler{db: d.DB, sessions: d.Sessions, log: d.Logger, assets: loadAssets(), imports: newImportJobs()}
	if h.log == nil {
		h.log = slog.Default()
	}
	h.views = parseViews(templateFiles, h.funcs)
	return h.routes()
}

// routes is the table of every page. Agency pages carry the agency code in
// the path; the storage layer answers "not found" for an agency the user does
// not belong to.
func (h *handler) routes() http.Handler {
	mux := &routeMux{ServeMux: http.NewServeMux()}
	mux.Handle("GET /static/", h.assets)
	mux.Handle("GET /{$}", h.page(h.home))
	mux.Handle("GET /masuk", h.page(h.showSignIn))
	mux.Handle("POST /masuk", h.page(h.signIn))
	mux.Handle("POST /keluar", h.page(h.signOut))
	mux.Handle("POST /keluar-semua", h.page(h.signOutEverywhere))
	mux.Handle("POST /bahasa", h.page(h.setLanguage))

	mux.Handle("GET /saya", h.member(h.showSelf))
	mux.Handle("GET /saya/usulan", h.member(h.newProposal))
	mux.Handle("POST /saya/usulan", h.member(h.createProposal))
	mux.Handle("GET /a/{agency}/usulan", h.member(h.listProposals))
	mux.Handle("GET /a/{agency}/usulan/{proposal}", h.member(h.showProposal))
	mux.Handle("POST /a/{agency}/usulan/{proposal}/terima", h.member(h.acceptProposal))
	mux.Handle("POST /a/{agency}/usulan/{proposal}/tolak", h.member(h.rejectProposal))
	mux.Handle("GET /a/{agency}/usulan/{proposal}/lampiran/{att}", h.member(h.proposalAttachment))
	mux.Handle("GET /a/{agency}", h.member(h.showDashboard))

	mux.Handle("GET /a/{agency}/pegawai", h.member(h.listEmployees))
	mux.Handle("GET /a/{agency}/pegawai/ekspor", h.member(h.exportEmployees))
	mux.Handle("GET /a/{agency}/pegawai/baru", h.member(h.newEmployee))
	mux.Handle("POST /a/{agency}/pegawai/baru", h.member(h.createEmployee))
	mux.Handle("GET /a/{agency}/pegawai/{id}", h.member(h.showEmployee))
	mux.Handle("GET /a/{agency}/pegawai/{id}/ubah", h.member(h.editEmployee))
	mux.Handle("POST /a/{agency}/pegawai/{id}/ubah", h.member(h.updateEmployee))
	mux.Handle("GET /a/{agency}/pegawai/{id}/hapus", h.member(h.confirmDeleteEmployee))
	mux.Handle("POST /a/{agency}/pegawai/{id}/hapus", h.member(h.deleteEmployee))

	mux.Handle("GET /a/{agency}/pegawai/{id}/riwayat/{kind}/baru", h.member(h.newHistory))
	mux.Handle("POST /a/{agency}/pegawai/{id}/riwayat/{kind}/baru", h.member(h.createHistory))
	mux.Handle("GET /a/{agency}/pegawai/{id}/riwayat/{kind}/{entry}/ubah", h.member(h.editHistory))
	mux.Handle("POST /a/{agency}/pegawai/{id}/riwayat/{kind}/{entry}/ubah", h.member(h.updateHistory))
	mux.Handle("GET /a/{agency}/pegawai/{id}/riwayat/{kind}/{entry}/hapus", h.member(h.confirmDeleteHistory))
	mux.Handle("POST /a/{agency}/pegawai/{id}/riwayat/{kind}/{entry}/hapus", h.member(h.deleteHistory))

	h.skpRoutes(mux)
	h.ipasnRoutes(mux)
	h.successionRoutes(mux)
	h.selectionRoutes(mux)
	h.jobFitRoutes(mux)
	h.publicRoutes(mux)
	h.evaluationRoutes(mux)

	mux.Handle("GET /saya/kompetensi", h.member(h.showSelfCompetency))
	mux.Handle("GET /saya/pengembangan", h.member(h.showSelfDevelopment))
	mux.Handle("GET /a/{agency}/kompetensi", h.member(h.showCompetency))
	mux.Handle("POST /a/{agency}/kompetensi/aturan", h.member(h.setJPMRule))
	mux.Handle("POST /a/{agency}/kompetensi/teknis", h.member(h.createTechnical))
	mux.Handle("GET /a/{agency}/kompetensi/jabatan/{position}", h.member(h.showStandard))
	mux.Handle("POST /a/{agency}/kompetensi/jabatan/{position}", h.member(h.saveStandard))
	mux.Handle("GET /a/{agency}/asesmen", h.member(h.listAssessments))
	mux.Handle("POST /a/{agency}/asesmen/impor", h.member(h.importAssessments))
	mux.Handle("GET /a/{agency}/asesmen/baru", h.member(h.newAssessment))
	mux.Handle("POST /a/{agency}/asesmen/baru", h.member(h.createAssessment))
	mux.Handle("POST /a/{agency}/asesmen/{assessment}/hapus", h.member(h.deleteAssessment))
	mux.Handle("GET /a/{agency}/pegawai/{id}/kompetensi", h.member(h.showEmployeeCompetency))
	mux.Handle("GET /a/{agency}/pegawai/{id}/pengembangan", h.member(h.showEmployeeDevelopment))
	mux.Handle("POST /a/{agency}/pegawai/{id}/pengembangan/sesi", h.member(h.createCoachingSession))
	mux.Handle("POST /a/{agency}/pegawai/{id}/pengembangan/rencana", h.member(h.savePlan))

	mux.Handle("GET /a/{agency}/unit", h.member(h.listUnits))
	mux.Handle("POST /a/{agency}/unit", h.member(h.createUnit))
	mux.Handle("GET /a/{agency}/unit/{id}/ubah", h.member(h.editUnit))
	mux.Handle("POST /a/{agency}/unit/{id}/ubah", h.member(h.updateUnit))

	h.positionRoutes(mux)

	mux.Handle("GET /a/{agency}/impor", h.member(h.showImport))
	mux.Handle("POST /a/{agency}/impor", h.member(h.startImport))
	mux.Handle("GET /a/{agency}/impor/templat", h.member(h.importTemplate))
	mux.Handle("GET /a/{agency}/impor/{job}", h.member(h.showImportJob))
	mux.Handle("GET /a/{agency}/impor/{job}/ditolak", h.member(h.importRejects))

	mux.Handle("GET /a/{agency}/audit", h.member(h.showAudit))
	mux.Handle("GET /a/{agency}/audit.csv", h.member(h.exportAudit))

	h.talentRoutes(mux)

	// Accounts of an agency (its admins, platform admins); agencies (platform admins).
	mux.Handle("GET /instansi", h.member(h.listPlatformAgencies))
	mux.Handle("POST /instansi", h.member(h.createPlatformAgency))
	mux.Handle("GET /a/{agency}/pengguna", h.member(h.listUsers))
	mux.Handle("GET /a/{agency}/pengguna/baru", h.member(h.newUser))
	mux.Handle("POST /a/{agency}/pengguna/baru", h.member(h.createUser))
	mux.Handle("GET /a/{agency}/pengguna/{user}", h.member(h.editUser))
	mux.Handle("POST /a/{agency}/pengguna/{user}", h.member(h.updateUser))
	mux.Handle("POST /a/{agency}/pengguna/{user}/nonaktif", h.member(h.setUserDisabled))
	mux.Handle("GET /a/{agency}/pengguna/{user}/sandi", h.member(h.showReset))
	mux.Handle("POST /a/{agency}/pengguna/{user}/sandi", h.member(h.resetPassword))

	mux.Handle("/", h.page(h.notFound))
	return mux
}

// routeMux is a ServeMux that remembers the patterns registered on it, so
// Routes can list them.
type routeMux struct {
	*http.ServeMux
	patterns []string
}

// Handle registers the handler and remembers the pattern.
func (m *routeMux) Handle(pattern string, h http.Handler) {
	m.patterns = append(m.patterns, pattern)
	m.ServeMux.Handle(pattern, h)
}

// Routes lists the pattern ("GET /a/{agency}/pegawai", ...) of every page
// that routes registers, in order: the access matrix test walks this list
// and fails for a page it holds no rule for.
func Routes() []string {
	return (&handler{assets: loadAssets()}).routes().(*routeMux).patterns
}
