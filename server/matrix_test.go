package server_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"merit"
	"merit/api"
	"merit/auth"
	"merit/internal/testdb"
	"merit/pdfdoc"
	"merit/server"
	"merit/sqldb"
	"merit/web"
)

// Who may use a route. anyone: no rule beyond not failing (sign-in pages,
// reference data); signedIn: any signed-in user, whatever their roles;
// session: any user by browser session (an API token is refused); self: an
// employee, by session or by API token (which carries the record link);
// member: any role granted in the route's agency (the agency's name, the
// empty import template); readOrSelf: PermRead, or the employee whose own
// record the route names; manageUsers: PermManageUsers in the route's agency,
// or a platform admin in any agency; platformOnly: a platform admin; a
// Permission: a role holding it in the route's agency, nobody elsewhere.
//
// Besides the roles, two actors: a platform admin (by browser session; it
// holds no grant, so no API token) and an operator limited to one unit of
// the own agency, who is denied the registry routes (unitScoped) of the own
// agency's record outside that unit and allowed them for the record inside.
const (
	anyone          = merit.Permission("anyone")
	signedIn        = merit.Permission("signed-in")
	session         = merit.Permission("session")
	self            = merit.Permission("self")
	member          = merit.Permission("member")
	readOrSelf      = merit.Permission("read-or-self")
	manageUsers     = merit.Permission("users")
	platformOnly    = merit.Permission("platform")
	selectionAny    = merit.Permission("selection-or-panel") // a reader of selections or a panel member (pansel, asesor)
	selectionScorer = merit.Permission("selection-scorer")   // a panel member, or the secretariat on a member's behalf
	// selectionReadOrPanel: selection.read, or a panel account (pansel,
	// asesor), who lists only the selections whose panel lists them.
	selectionReadOrPanel = merit.Permission("selection-read-or-panel")
)

// The two actors beyond the roles (see above), as keys of the role maps.
const (
	platformAdmin = merit.Role("platform-admin")
	unitOperator  = merit.Role("operator-of-one-unit")
)

// unitScoped reports whether the store limits the route (one that names a
// record) to the units of a unit-limited operator: every route naming an
// employee reads it first, except the form to edit a unit (which shows only
// names the operator sees in the tree; its post is refused) and the API's
// development list of an employee, which reads by employee ID without the
// unit scope (its store's owner is to add it).
func unitScoped(route string) bool {
	switch route {
	case "GET /a/{agency}/unit/{id}/ubah":
		return false
	}
	return true
}

// accessRules is the expected-allow table of the matrix test: one rule per
// web page (web.Routes) and per API operation (docs/openapi.json). A route
// missing here fails the test with its name.
var accessRules = map[string]merit.Permission{
	"GET /a/{agency}/seleksi/{selection}/laporan.pdf":                  merit.PermSelectionRead,
	"GET /a/{agency}/seleksi/{selection}/laporan.xlsx":                 merit.PermSelectionRead,
	"GET /seleksi-terbuka/{agency}/{selection}/perbaikan/{candidate}":  anyone,
	"POST /seleksi-terbuka/{agency}/{selection}/perbaikan/{candidate}": anyone,
	"POST /a/{agency}/seleksi/{selection}/nilai/{stage}/amandemen":     merit.PermSelectionManage,
	// Open selection, staff and panel pages (issue 6): readers and panel
	// members see the list and a selection (the store shows a member only
	// the selections he sits on); the secretariat runs them; a member
	// accepts the ethics, declares conflicts and scores; the PPK decides.
	"GET /a/{agency}/seleksi":                                                selectionAny,
	"POST /a/{agency}/seleksi":                                               merit.PermSelectionManage,
	"GET /a/{agency}/seleksi/{selection}":                                    selectionAny,
	"POST /a/{agency}/seleksi/{selection}/rencana":                           merit.PermSelectionManage,
	"POST /a/{agency}/seleksi/{selection}/umumkan":                           merit.PermSelectionManage,
	"POST /a/{agency}/seleksi/{selection}/pansel":                            merit.PermSelectionManage,
	"POST /a/{agency}/seleksi/{selection}/pansel/{member}/hapus":             merit.PermSelectionManage,
	"POST /a/{agency}/seleksi/{selection}/etika":                             selectionScorer,
	"POST /a/{agency}/seleksi/{selection}/konflik":                           merit.PermSelectionScore,
	"POST /a/{agency}/seleksi/{selection}/peserta":                           merit.PermSelectionManage,
	"POST /a/{agency}/seleksi/{selection}/tahap/{stage}":                     merit.PermSelectionManage,
	"POST /a/{agency}/seleksi/{selection}/keputusan":                         merit.PermSelectionDecide,
	"POST /a/{agency}/seleksi/{selection}/komentar/{comment}":                merit.PermSelectionManage,
	"GET /a/{agency}/seleksi/{selection}/peserta/{candidate}":                selectionAny,
	"GET /a/{agency}/seleksi/{selection}/peserta/{candidate}/dokumen/{slot}": selectionAny,
	"POST /a/{agency}/seleksi/{selection}/peserta/{candidate}/dokumen":       merit.PermSelectionManage,
	"POST /a/{agency}/seleksi/{selection}/peserta/{candidate}/verifikasi":    merit.PermSelectionManage,
	"POST /a/{agency}/seleksi/{selection}/peserta/{candidate}/syarat":        merit.PermSelectionManage,
	"POST /a/{agency}/seleksi/{selection}/peserta/{candidate}/putusan":       merit.PermSelectionManage,
	"GET /a/{agency}/seleksi/{selection}/nilai/{stage}":                      selectionAny,
	"POST /a/{agency}/seleksi/{selection}/nilai/{stage}":                     selectionScorer,
	// The public portal of open selections (issue 6): no sign-in.
	"GET /seleksi-terbuka":                                                anyone,
	"GET /seleksi-terbuka/{agency}/{selection}":                           anyone,
	"GET /seleksi-terbuka/{agency}/{selection}/tahap/{stage}":             anyone,
	"GET /seleksi-terbuka/{agency}/{selection}/tahap/{stage}/segel/{seq}": anyone,
	"GET /seleksi-terbuka/{agency}/{selection}/daftar":                    anyone,
	"POST /seleksi-terbuka/{agency}/{selection}/daftar":                   anyone,
	"GET /seleksi-terbuka/{agency}/{selection}/uji-publik":                anyone,
	"POST /seleksi-terbuka/{agency}/{selection}/uji-publik":               anyone,
	"GET /a/{agency}/jobfit":                                              merit.PermSelectionRead,
	"POST /a/{agency}/jobfit":                                             merit.PermSelectionManage,
	"GET /a/{agency}/jobfit/{run}":                                        merit.PermSelectionRead,
	// Job fit (issue 6, regulations.md §5.7): selection readers compute and
	// read runs; keeping a run is the selection secretariat's.
	"GET /api/v1/agencies/{agency}/jobfit/posts":      merit.PermSelectionRead,
	"GET /api/v1/agencies/{agency}/jobfit":            merit.PermSelectionRead,
	"POST /api/v1/agencies/{agency}/jobfit/runs":      merit.PermSelectionManage,
	"GET /api/v1/agencies/{agency}/jobfit/runs":       merit.PermSelectionRead,
	"GET /api/v1/agencies/{agency}/jobfit/runs/{run}": merit.PermSelectionRead,
	// Open selection API (issue 6): readers (selection.read) and the
	// members of a selection's panel read it, any other panel account gets
	// 404 from the store; the secretariat (selection.manage) runs it; the
	// panel's own acts need selection.score; the PPK's choice
	// selection.decide. The public portal's API needs no sign-in.
	"GET /api/v1/agencies/{agency}/selections":                                                            selectionReadOrPanel,
	"POST /api/v1/agencies/{agency}/selections":                                                           merit.PermSelectionManage,
	"GET /api/v1/agencies/{agency}/selections/{selection}":                                                merit.PermSelectionRead,
	"PUT /api/v1/agencies/{agency}/selections/{selection}":                                                merit.PermSelectionManage,
	"DELETE /api/v1/agencies/{agency}/selections/{selection}":                                             merit.PermSelectionManage,
	"POST /api/v1/agencies/{agency}/selections/{selection}/announce":                                      merit.PermSelectionManage,
	"GET /api/v1/agencies/{agency}/selections/{selection}/panel":                                          merit.PermSelectionRead,
	"POST /api/v1/agencies/{agency}/selections/{selection}/panel":                                         merit.PermSelectionManage,
	"PUT /api/v1/agencies/{agency}/selections/{selection}/panel/{member}":                                 merit.PermSelectionManage,
	"DELETE /api/v1/agencies/{agency}/selections/{selection}/panel/{member}":                              merit.PermSelectionManage,
	"POST /api/v1/agencies/{agency}/selections/{selection}/ethics":                                        merit.PermSelectionScore,
	"POST /api/v1/agencies/{agency}/selections/{selection}/conflicts":                                     merit.PermSelectionScore,
	"GET /api/v1/agencies/{agency}/selections/{selection}/candidates":                                     merit.PermSelectionRead,
	"POST /api/v1/agencies/{agency}/selections/{selection}/candidates":                                    merit.PermSelectionManage,
	"GET /api/v1/agencies/{agency}/selections/{selection}/candidates/{candidate}":                         merit.PermSelectionRead,
	"POST /api/v1/agencies/{agency}/selections/{selection}/candidates/{candidate}/eligibility":            merit.PermSelectionManage,
	"POST /api/v1/agencies/{agency}/selections/{selection}/candidates/{candidate}/admin-check":            merit.PermSelectionManage,
	"POST /api/v1/agencies/{agency}/selections/{selection}/candidates/{candidate}/verified":               merit.PermSelectionManage,
	"PUT /api/v1/agencies/{agency}/selections/{selection}/candidates/{candidate}/documents/{slot}":        merit.PermSelectionManage,
	"GET /api/v1/agencies/{agency}/selections/{selection}/candidates/{candidate}/documents/{slot}":        merit.PermSelectionRead,
	"POST /api/v1/agencies/{agency}/selections/{selection}/candidates/{candidate}/documents/{slot}/check": merit.PermSelectionManage,
	"POST /api/v1/agencies/{agency}/selections/{selection}/stages/{stage}/advance":                        merit.PermSelectionManage,
	"GET /api/v1/agencies/{agency}/selections/{selection}/stages/{stage}/scores":                          merit.PermSelectionRead,
	"PUT /api/v1/agencies/{agency}/selections/{selection}/stages/{stage}/scores":                          merit.PermSelectionScore,
	"GET /api/v1/agencies/{agency}/selections/{selection}/stages/{stage}/progress":                        merit.PermSelectionRead,
	"GET /api/v1/agencies/{agency}/selections/{selection}/stages/{stage}/results":                         merit.PermSelectionRead,
	"POST /api/v1/agencies/{agency}/selections/{selection}/stages/{stage}/amendments":                     merit.PermSelectionManage,
	"GET /api/v1/agencies/{agency}/selections/{selection}/seals":                                          merit.PermSelectionRead,
	"GET /api/v1/agencies/{agency}/selections/{selection}/rankings":                                       merit.PermSelectionRead,
	"GET /api/v1/agencies/{agency}/selections/{selection}/report":                                         merit.PermSelectionRead,
	"POST /api/v1/agencies/{agency}/selections/{selection}/decisions":                                     merit.PermSelectionDecide,
	"GET /api/v1/agencies/{agency}/selections/{selection}/comments":                                       merit.PermSelectionRead,
	"POST /api/v1/agencies/{agency}/selections/{selection}/comments/{comment}/moderate":                   merit.PermSelectionManage,
	"GET /api/v1/public/agencies/{agency}/selections":                                                     anyone,
	"GET /api/v1/public/agencies/{agency}/selections/{selection}":                                         anyone,
	"POST /api/v1/public/agencies/{agency}/selections/{selection}/registrations":                          anyone,
	"PUT /api/v1/public/agencies/{agency}/selections/{selection}/candidates/{candidate}/documents/{slot}": anyone,
	"GET /api/v1/public/agencies/{agency}/selections/{selection}/stages/{stage}/results":                  anyone,
	"GET /api/v1/public/agencies/{agency}/selections/{selection}/stages/{stage}/seals/{seq}":              anyone,
	"GET /api/v1/public/agencies/{agency}/selections/{selection}/shortlist":                               anyone,
	"POST /api/v1/public/agencies/{agency}/selections/{selection}/comments":                               anyone,
	// Merit-system evaluation (issue 7): the agency's assessments, one
	// assessment, its PDF report, evidence downloads and the survey results
	// for readers of the evaluation; self levels, evidence, suggestions and
	// submitting for its writers; the evaluator's view across agencies, its
	// exports, verification and penetapan for evaluators; the survey for
	// the employee.
	"GET /a/{agency}/sistem-merit":                                           merit.PermEvaluationRead,
	"POST /a/{agency}/sistem-merit":                                          merit.PermEvaluationWrite,
	"POST /a/{agency}/sistem-merit/jpt":                                      merit.PermEvaluationVerify,
	"GET /a/{agency}/sistem-merit/{assessment}":                              merit.PermEvaluationRead,
	"GET /a/{agency}/sistem-merit/{assessment}/laporan.pdf":                  merit.PermEvaluationRead,
	"POST /a/{agency}/sistem-merit/{assessment}/indikator/{indicator}":       merit.PermEvaluationWrite,
	"POST /a/{agency}/sistem-merit/{assessment}/indikator/{indicator}/bukti": merit.PermEvaluationWrite,
	"GET /a/{agency}/sistem-merit/{assessment}/bukti/{evidence}":             merit.PermEvaluationRead,
	"POST /a/{agency}/sistem-merit/{assessment}/bukti/{evidence}/hapus":      merit.PermEvaluationWrite,
	"POST /a/{agency}/sistem-merit/{assessment}/kirim":                       merit.PermEvaluationWrite,
	"POST /a/{agency}/sistem-merit/{assessment}/saran":                       merit.PermEvaluationWrite,
	"POST /a/{agency}/sistem-merit/{assessment}/tim":                         merit.PermEvaluationWrite,
	"GET /a/{agency}/sistem-merit/{assessment}/verifikasi":                   merit.PermEvaluationVerify,
	"POST /a/{agency}/sistem-merit/{assessment}/verifikasi":                  merit.PermEvaluationVerify,
	"POST /a/{agency}/sistem-merit/{assessment}/verifikasi/{indicator}":      merit.PermEvaluationVerify,
	"POST /a/{agency}/sistem-merit/{assessment}/tetapkan":                    merit.PermEvaluationVerify,
	"GET /evaluator":         merit.PermEvaluationVerify,
	"GET /evaluator/ekspor":  merit.PermEvaluationVerify,
	"GET /a/{agency}/survei": merit.PermEvaluationRead,
	"GET /saya/survei":       self,
	"POST /saya/survei":      self,

	// Talent pool and succession (issue 5): the overview, plans and the PDF
	// report for talent readers; the pool rule, critical positions and
	// candidates for talent writers; the merit result for the agency admin;
	// filling a JPT through talent management for the PPK alone.
	"GET /a/{agency}/suksesi":                                                               merit.PermTalentRead,
	"GET /a/{agency}/suksesi/laporan.pdf":                                                   merit.PermTalentRead,
	"POST /a/{agency}/suksesi/kotak":                                                        merit.PermTalentWrite,
	"POST /a/{agency}/suksesi/kritikal":                                                     merit.PermTalentWrite,
	"POST /a/{agency}/suksesi/merit":                                                        merit.PermManageUsers,
	"GET /a/{agency}/suksesi/jabatan/{position}":                                            merit.PermTalentRead,
	"POST /a/{agency}/suksesi/jabatan/{position}":                                           merit.PermTalentWrite,
	"POST /a/{agency}/suksesi/jabatan/{position}/hapus":                                     merit.PermTalentWrite,
	"POST /a/{agency}/suksesi/jabatan/{position}/kandidat":                                  merit.PermTalentWrite,
	"POST /a/{agency}/suksesi/jabatan/{position}/kandidat/{candidate}":                      merit.PermTalentWrite,
	"POST /a/{agency}/suksesi/jabatan/{position}/kandidat/{candidate}/hapus":                merit.PermTalentWrite,
	"POST /a/{agency}/suksesi/jabatan/{position}/isi":                                       merit.PermTalentDecide,
	"GET /api/v1/agencies/{agency}/talent-pool":                                             merit.PermTalentRead,
	"PUT /api/v1/agencies/{agency}/talent-pool":                                             merit.PermTalentWrite,
	"GET /api/v1/agencies/{agency}/critical-positions":                                      merit.PermTalentRead,
	"PUT /api/v1/agencies/{agency}/critical-positions/{position}":                           merit.PermTalentWrite,
	"DELETE /api/v1/agencies/{agency}/critical-positions/{position}":                        merit.PermTalentWrite,
	"GET /api/v1/agencies/{agency}/critical-positions/{position}/succession":                merit.PermTalentRead,
	"POST /api/v1/agencies/{agency}/critical-positions/{position}/candidates":               merit.PermTalentWrite,
	"PUT /api/v1/agencies/{agency}/critical-positions/{position}/candidates/{candidate}":    merit.PermTalentWrite,
	"DELETE /api/v1/agencies/{agency}/critical-positions/{position}/candidates/{candidate}": merit.PermTalentWrite,
	"POST /api/v1/agencies/{agency}/critical-positions/{position}/fill":                     merit.PermTalentDecide,
	"GET /api/v1/agencies/{agency}/bench-strength":                                          merit.PermTalentRead,
	"GET /api/v1/agencies/{agency}/merit-results":                                           merit.PermTalentRead,
	"POST /api/v1/agencies/{agency}/merit-results":                                          merit.PermManageUsers,

	// Merit evaluation (issue 7): the national instruments for anyone
	// signed in, changed by the platform; the evaluator's views across
	// agencies for anyone signed in (the store lists only the agencies whose
	// evaluation the user reads); an agency's assessments read by evaluation
	// readers, filled in by its writers and verified and set by its
	// evaluator; the survey prepared by writers, its results for readers,
	// answered once by the employee under /me.
	"GET /api/v1/evaluation/instruments":                                                            signedIn,
	"GET /api/v1/evaluation/instruments/{framework}/{version}":                                      signedIn,
	"PUT /api/v1/evaluation/instruments/{framework}/{version}":                                      platformOnly,
	"GET /api/v1/evaluation/jpt-index-versions":                                                     signedIn,
	"GET /api/v1/evaluation/jpt-index-versions/{version}":                                           signedIn,
	"PUT /api/v1/evaluation/jpt-index-versions/{version}":                                           platformOnly,
	"GET /api/v1/evaluation/assessments":                                                            signedIn,
	"GET /api/v1/evaluation/queue":                                                                  signedIn,
	"GET /api/v1/evaluation/ranking":                                                                signedIn,
	"GET /api/v1/agencies/{agency}/merit-assessments":                                               merit.PermEvaluationRead,
	"POST /api/v1/agencies/{agency}/merit-assessments":                                              merit.PermEvaluationWrite,
	"GET /api/v1/agencies/{agency}/merit-assessments/{assessment}":                                  merit.PermEvaluationRead,
	"PUT /api/v1/agencies/{agency}/merit-assessments/{assessment}/team":                             merit.PermEvaluationWrite,
	"PUT /api/v1/agencies/{agency}/merit-assessments/{assessment}/entries/{indicator}":              merit.PermEvaluationWrite,
	"POST /api/v1/agencies/{agency}/merit-assessments/{assessment}/suggestions":                     merit.PermEvaluationWrite,
	"POST /api/v1/agencies/{agency}/merit-assessments/{assessment}/entries/{indicator}/evidence":    merit.PermEvaluationWrite,
	"GET /api/v1/agencies/{agency}/merit-assessments/{assessment}/evidence/{evidence}":              merit.PermEvaluationRead,
	"DELETE /api/v1/agencies/{agency}/merit-assessments/{assessment}/evidence/{evidence}":           merit.PermEvaluationWrite,
	"POST /api/v1/agencies/{agency}/merit-assessments/{assessment}/submit":                          merit.PermEvaluationWrite,
	"POST /api/v1/agencies/{agency}/merit-assessments/{assessment}/return":                          merit.PermEvaluationVerify,
	"PUT /api/v1/agencies/{agency}/merit-assessments/{assessment}/entries/{indicator}/verification": merit.PermEvaluationVerify,
	"POST /api/v1/agencies/{agency}/merit-assessments/{assessment}/verify":                          merit.PermEvaluationVerify,
	"POST /api/v1/agencies/{agency}/merit-assessments/{assessment}/set":                             merit.PermEvaluationVerify,
	"GET /api/v1/agencies/{agency}/merit-assessments/{assessment}/what-if":                          merit.PermEvaluationRead,
	"GET /api/v1/agencies/{agency}/evaluation-facts":                                                merit.PermEvaluationRead,
	"GET /api/v1/agencies/{agency}/fairness":                                                        merit.PermEvaluationRead,
	"GET /api/v1/agencies/{agency}/surveys":                                                         merit.PermEvaluationRead,
	"POST /api/v1/agencies/{agency}/surveys":                                                        merit.PermEvaluationWrite,
	"GET /api/v1/agencies/{agency}/surveys/{survey}":                                                merit.PermEvaluationRead,
	"POST /api/v1/agencies/{agency}/surveys/{survey}/open":                                          merit.PermEvaluationWrite,
	"POST /api/v1/agencies/{agency}/surveys/{survey}/close":                                         merit.PermEvaluationWrite,
	"GET /api/v1/agencies/{agency}/surveys/{survey}/results":                                        merit.PermEvaluationRead,
	"GET /api/v1/agencies/{agency}/jpt-index/{year}":                                                merit.PermEvaluationRead,
	"GET /api/v1/agencies/{agency}/jpt-index/{year}/selections":                                     merit.PermEvaluationRead,
	"PUT /api/v1/agencies/{agency}/jpt-index/{year}":                                                merit.PermEvaluationVerify,
	"GET /api/v1/me/surveys":                                                                        self,
	"GET /api/v1/me/surveys/{survey}":                                                               self,
	"POST /api/v1/me/surveys/{survey}/responses":                                                    self,

	// Talent review (issue 5): the 9-box, its drill-down, a talent card and
	// the XLSX export for talent readers; running a review, opening a
	// calibration session and moving people for talent writers; setting a
	// session (ditetapkan PPK) for the PPK alone.
	"GET /a/{agency}/talenta":                                          merit.PermTalentRead,
	"POST /a/{agency}/talenta":                                         merit.PermTalentWrite,
	"GET /a/{agency}/talenta/ekspor":                                   merit.PermTalentRead,
	"GET /a/{agency}/talenta/pegawai/{id}":                             merit.PermTalentRead,
	"POST /a/{agency}/talenta/sesi":                                    merit.PermTalentWrite,
	"GET /a/{agency}/talenta/sesi/{session}":                           merit.PermTalentRead,
	"POST /a/{agency}/talenta/sesi/{session}/pindah":                   merit.PermTalentWrite,
	"POST /a/{agency}/talenta/sesi/{session}/tetapkan":                 merit.PermTalentDecide,
	"GET /a/{agency}/talenta/aturan":                                   merit.PermTalentRead,
	"POST /a/{agency}/talenta/aturan":                                  merit.PermTalentWrite,
	"GET /api/v1/agencies/{agency}/talent/rules":                       merit.PermTalentRead,
	"POST /api/v1/agencies/{agency}/talent/rules":                      merit.PermTalentWrite,
	"GET /api/v1/agencies/{agency}/talent/reviews":                     merit.PermTalentRead,
	"POST /api/v1/agencies/{agency}/talent/reviews":                    merit.PermTalentWrite,
	"GET /api/v1/agencies/{agency}/talent/reviews/{review}/grid":       merit.PermTalentRead,
	"GET /api/v1/agencies/{agency}/talent/reviews/{review}/placements": merit.PermTalentRead,
	"GET /api/v1/agencies/{agency}/talent/reviews/{review}/sessions":   merit.PermTalentRead,
	"POST /api/v1/agencies/{agency}/talent/reviews/{review}/sessions":  merit.PermTalentWrite,
	"GET /api/v1/agencies/{agency}/talent/sessions/{session}":          merit.PermTalentRead,
	"POST /api/v1/agencies/{agency}/talent/sessions/{session}/moves":   merit.PermTalentWrite,
	"POST /api/v1/agencies/{agency}/talent/sessions/{session}/lock":    merit.PermTalentDecide,
	"GET /api/v1/agencies/{agency}/employees/{id}/talent":              merit.PermTalentRead,

	// Competency and assessment (issue 4): the dictionary, standards,
	// results and development for readers of competency data, their edits
	// for writers; the employee reads his own under /saya.
	"GET /saya/kompetensi":                                     self,
	"GET /saya/pengembangan":                                   self,
	"GET /a/{agency}/kompetensi":                               merit.PermCompetencyRead,
	"POST /a/{agency}/kompetensi/aturan":                       merit.PermCompetencyWrite,
	"POST /a/{agency}/kompetensi/teknis":                       merit.PermCompetencyWrite,
	"GET /a/{agency}/kompetensi/jabatan/{position}":            merit.PermCompetencyRead,
	"POST /a/{agency}/kompetensi/jabatan/{position}":           merit.PermCompetencyWrite,
	"GET /a/{agency}/asesmen":                                  merit.PermCompetencyRead,
	"POST /a/{agency}/asesmen/impor":                           merit.PermImport,
	"GET /a/{agency}/asesmen/baru":                             merit.PermCompetencyWrite,
	"POST /a/{agency}/asesmen/baru":                            merit.PermCompetencyWrite,
	"POST /a/{agency}/asesmen/{assessment}/hapus":              merit.PermCompetencyWrite,
	"GET /a/{agency}/pegawai/{id}/kompetensi":                  merit.PermCompetencyRead,
	"GET /a/{agency}/pegawai/{id}/pengembangan":                merit.PermCompetencyRead,
	"POST /a/{agency}/pegawai/{id}/pengembangan/sesi":          merit.PermCompetencyWrite,
	"POST /a/{agency}/pegawai/{id}/pengembangan/rencana":       merit.PermCompetencyWrite,
	"GET /api/v1/agencies/{agency}/competencies":               merit.PermCompetencyRead,
	"GET /api/v1/agencies/{agency}/standards":                  merit.PermCompetencyRead,
	"PUT /api/v1/agencies/{agency}/standards":                  merit.PermCompetencyWrite,
	"GET /api/v1/agencies/{agency}/jpm-rules":                  merit.PermCompetencyRead,
	"POST /api/v1/agencies/{agency}/jpm-rules":                 merit.PermCompetencyWrite,
	"GET /api/v1/agencies/{agency}/assessments":                merit.PermCompetencyRead,
	"POST /api/v1/agencies/{agency}/assessments":               merit.PermCompetencyWrite,
	"GET /api/v1/agencies/{agency}/employees/{id}/competency":  readOrSelf,
	"GET /api/v1/agencies/{agency}/employees/{id}/development": readOrSelf,

	"GET /static/":                        anyone,
	"GET /{$}":                            session, // the home page and sign-out everywhere belong to a browser session
	"GET /masuk":                          anyone,
	"POST /masuk":                         anyone,
	"POST /keluar":                        anyone,
	"POST /keluar-semua":                  session, // the home page and sign-out everywhere belong to a browser session
	"POST /bahasa":                        anyone,
	"/":                                   anyone,
	"GET /saya":                           self, // the employee's own page
	"GET /a/{agency}":                     merit.PermRead,
	"GET /a/{agency}/pegawai":             merit.PermRead,
	"GET /a/{agency}/pegawai/ekspor":      merit.PermExport,
	"GET /a/{agency}/pegawai/baru":        merit.PermWrite,
	"POST /a/{agency}/pegawai/baru":       merit.PermWrite,
	"GET /a/{agency}/pegawai/{id}":        merit.PermRead,
	"GET /a/{agency}/pegawai/{id}/ubah":   merit.PermWrite,
	"POST /a/{agency}/pegawai/{id}/ubah":  merit.PermWrite,
	"GET /a/{agency}/pegawai/{id}/hapus":  merit.PermWrite,
	"POST /a/{agency}/pegawai/{id}/hapus": merit.PermWrite,
	"GET /a/{agency}/pegawai/{id}/riwayat/{kind}/baru":           merit.PermWrite,
	"POST /a/{agency}/pegawai/{id}/riwayat/{kind}/baru":          merit.PermWrite,
	"GET /a/{agency}/pegawai/{id}/riwayat/{kind}/{entry}/ubah":   merit.PermWrite,
	"POST /a/{agency}/pegawai/{id}/riwayat/{kind}/{entry}/ubah":  merit.PermWrite,
	"GET /a/{agency}/pegawai/{id}/riwayat/{kind}/{entry}/hapus":  merit.PermWrite,
	"POST /a/{agency}/pegawai/{id}/riwayat/{kind}/{entry}/hapus": merit.PermWrite,
	"GET /a/{agency}/unit":                                          merit.PermRead,
	"POST /a/{agency}/unit":                                         merit.PermWrite,
	"GET /a/{agency}/unit/{id}/ubah":                                merit.PermWrite,
	"POST /a/{agency}/unit/{id}/ubah":                               merit.PermWrite,
	"GET /a/{agency}/jabatan":                                       merit.PermRead,
	"GET /a/{agency}/jabatan/baru":                                  merit.PermWrite,
	"POST /a/{agency}/jabatan/baru":                                 merit.PermWrite,
	"GET /a/{agency}/jabatan/{position}/ubah":                       merit.PermWrite,
	"POST /a/{agency}/jabatan/{position}/ubah":                      merit.PermWrite,
	"GET /a/{agency}/jabatan/{position}/hapus":                      merit.PermWrite,
	"POST /a/{agency}/jabatan/{position}/hapus":                     merit.PermWrite,
	"PUT /api/v1/agencies/{agency}/positions/{id}":                  merit.PermWrite,
	"DELETE /api/v1/agencies/{agency}/positions/{id}":               merit.PermWrite,
	"GET /a/{agency}/impor":                                         merit.PermImport,
	"POST /a/{agency}/impor":                                        merit.PermImport,
	"GET /a/{agency}/impor/templat":                                 member, // the empty template: reference data only
	"GET /a/{agency}/impor/{job}":                                   merit.PermImport,
	"GET /a/{agency}/impor/{job}/ditolak":                           merit.PermImport,
	"GET /a/{agency}/audit":                                         merit.PermManageUsers,
	"GET /a/{agency}/audit.csv":                                     merit.PermManageUsers,
	"GET /api/v1/agencies":                                          signedIn,
	"GET /api/v1/agencies/{agency}":                                 member,
	"GET /api/v1/agencies/{agency}/audit":                           merit.PermManageUsers,
	"GET /api/v1/agencies/{agency}/employees":                       merit.PermRead,
	"POST /api/v1/agencies/{agency}/employees":                      merit.PermWrite,
	"DELETE /api/v1/agencies/{agency}/employees/{id}":               merit.PermWrite,
	"GET /api/v1/agencies/{agency}/employees/{id}":                  readOrSelf,
	"PUT /api/v1/agencies/{agency}/employees/{id}":                  merit.PermWrite,
	"GET /api/v1/agencies/{agency}/employees/{id}/history":          readOrSelf,
	"POST /api/v1/agencies/{agency}/employees/{id}/history":         merit.PermWrite,
	"DELETE /api/v1/agencies/{agency}/employees/{id}/history/{hid}": merit.PermWrite,
	"PUT /api/v1/agencies/{agency}/employees/{id}/history/{hid}":    merit.PermWrite,
	"GET /api/v1/agencies/{agency}/export":                          merit.PermExport,
	"POST /api/v1/agencies/{agency}/imports":                        merit.PermImport,
	"GET /api/v1/agencies/{agency}/nip/{nip}":                       merit.PermRead,
	"GET /api/v1/agencies/{agency}/positions":                       merit.PermRead,
	"POST /api/v1/agencies/{agency}/positions":                      merit.PermWrite,
	"GET /api/v1/agencies/{agency}/stats":                           merit.PermRead,
	"GET /api/v1/agencies/{agency}/units":                           merit.PermRead,
	"POST /api/v1/agencies/{agency}/units":                          merit.PermWrite,
	"PUT /api/v1/agencies/{agency}/units/{id}":                      merit.PermWrite,
	"GET /api/v1/me":                                                session,
	"GET /api/v1/reference/{table}":                                 anyone,

	// Accounts: an agency's users for its admins and platform admins; the
	// agencies for platform admins.
	"GET /instansi":                                        platformOnly,
	"POST /instansi":                                       platformOnly,
	"GET /a/{agency}/pengguna":                             manageUsers,
	"GET /a/{agency}/pengguna/baru":                        manageUsers,
	"POST /a/{agency}/pengguna/baru":                       manageUsers,
	"GET /a/{agency}/pengguna/{user}":                      manageUsers,
	"POST /a/{agency}/pengguna/{user}":                     manageUsers,
	"POST /a/{agency}/pengguna/{user}/nonaktif":            manageUsers,
	"GET /a/{agency}/pengguna/{user}/sandi":                manageUsers,
	"POST /a/{agency}/pengguna/{user}/sandi":               manageUsers,
	"POST /api/v1/agencies":                                platformOnly,
	"GET /api/v1/agencies/{agency}/users":                  manageUsers,
	"POST /api/v1/agencies/{agency}/users":                 manageUsers,
	"GET /api/v1/agencies/{agency}/users/{user}":           manageUsers,
	"PUT /api/v1/agencies/{agency}/users/{user}/grants":    manageUsers,
	"PUT /api/v1/agencies/{agency}/users/{user}/disabled":  manageUsers,
	"POST /api/v1/agencies/{agency}/users/{user}/password": manageUsers,

	"DELETE /api/v1/session":     anyone,
	"POST /api/v1/session":       anyone,
	"DELETE /api/v1/session/all": session,

	// Usulan perubahan data: the employee's form by browser session; the
	// queue, a proposal, its decision and attachment for operators (and, for
	// the proposal and attachment, its own employee by browser session).
	"GET /saya/usulan":                                           self,
	"POST /saya/usulan":                                          self,
	"GET /a/{agency}/usulan":                                     merit.PermWrite,
	"GET /a/{agency}/usulan/{proposal}":                          merit.PermWrite,
	"POST /a/{agency}/usulan/{proposal}/terima":                  merit.PermWrite,
	"POST /a/{agency}/usulan/{proposal}/tolak":                   merit.PermWrite,
	"GET /a/{agency}/usulan/{proposal}/lampiran/{att}":           merit.PermWrite,
	"GET /api/v1/me/proposals":                                   self,
	"POST /api/v1/me/proposals":                                  self,
	"GET /api/v1/agencies/{agency}/proposals":                    merit.PermWrite,
	"POST /api/v1/agencies/{agency}/proposals/{proposal}/accept": merit.PermWrite,
	"POST /api/v1/agencies/{agency}/proposals/{proposal}/reject": merit.PermWrite,

	// Performance (SKP): the agency's SKP page and unit predikat for
	// readers, rating and deleting for writers, the results import for
	// importers; the employee's own SKP and the rating of those he rates
	// by browser session.
	"GET /a/{agency}/kinerja":                             merit.PermPerformanceRead,
	"GET /a/{agency}/kinerja/unit":                        merit.PermPerformanceRead,
	"POST /a/{agency}/kinerja/unit":                       merit.PermPerformanceWrite,
	"GET /a/{agency}/kinerja/impor":                       merit.PermImport,
	"POST /a/{agency}/kinerja/impor":                      merit.PermImport,
	"GET /a/{agency}/pegawai/{id}/kinerja":                merit.PermPerformanceRead,
	"GET /a/{agency}/pegawai/{id}/kinerja/nilai":          merit.PermPerformanceWrite,
	"POST /a/{agency}/pegawai/{id}/kinerja/nilai":         merit.PermPerformanceWrite,
	"POST /a/{agency}/pegawai/{id}/kinerja/{entry}/hapus": merit.PermPerformanceWrite,
	"GET /api/v1/agencies/{agency}/skp":                   merit.PermPerformanceRead,
	"GET /api/v1/agencies/{agency}/employees/{id}/skp":    readOrSelf,
	"PUT /api/v1/agencies/{agency}/employees/{id}/skp":    merit.PermPerformanceWrite,
	"DELETE /api/v1/agencies/{agency}/skp/{skp}":          merit.PermPerformanceWrite,
	"GET /api/v1/agencies/{agency}/skp-units":             merit.PermPerformanceRead,
	"PUT /api/v1/agencies/{agency}/units/{id}/predikat":   merit.PermPerformanceWrite,
	"GET /api/v1/me/skp":                                  self,
	"GET /saya/kinerja":                                   self,
	"GET /saya/kinerja/nilai/{ratee}":                     self,
	"POST /saya/kinerja/nilai/{ratee}":                    self,

	// IP ASN: the agency's page and API for performance readers, recompute
	// and the official import for performance writers, an employee's value
	// for readers or the employee, the tables for anyone.
	"GET /a/{agency}/ipasn":                              merit.PermPerformanceRead,
	"POST /a/{agency}/ipasn/hitung":                      merit.PermPerformanceWrite,
	"POST /a/{agency}/ipasn/impor":                       merit.PermPerformanceWrite,
	"GET /api/v1/agencies/{agency}/ipasn":                merit.PermPerformanceRead,
	"GET /api/v1/agencies/{agency}/ipasn/differences":    merit.PermPerformanceRead,
	"POST /api/v1/agencies/{agency}/ipasn/recompute":     merit.PermPerformanceWrite,
	"GET /api/v1/agencies/{agency}/employees/{id}/ipasn": readOrSelf,
	"GET /api/v1/me/ipasn":                               self,
	"GET /api/v1/ipasn/tables":                           anyone,
}

// matrixRoutes is every route of the server: the web pages as registered and
// the API operations as documented.
func matrixRoutes(t *testing.T) []string {
	routes := web.Routes()
	raw, err := os.ReadFile("../docs/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]json.RawMessage
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			routes = append(routes, strings.ToUpper(method)+" "+path)
		}
	}
	// Deletions run last, a history entry's before its employee's, so every
	// other route still finds the records.
	rank := func(r string) int {
		switch {
		case !strings.HasPrefix(r, "DELETE ") && !(strings.HasPrefix(r, "POST ") && strings.HasSuffix(r, "/hapus")):
			return 0
		case strings.Contains(r, "riwayat") || strings.Contains(r, "history"):
			return 1
		}
		return 2
	}
	sort.Slice(routes, func(i, j int) bool {
		if ri, rj := rank(routes[i]), rank(routes[j]); ri != rj {
			return ri < rj
		}
		return routes[i] < routes[j]
	})
	return routes
}

// destructive reports whether the route removes its record (after the first
// allowed role has used it, the others find nothing).
func destructive(route string) bool {
	return strings.HasPrefix(route, "DELETE ") || (strings.HasPrefix(route, "POST ") && strings.HasSuffix(route, "/hapus"))
}

// record is one agency's rows a route's path can name.
type record struct {
	code            string
	employee, entry int64
	unit            int64
	nip             string
	user            int64 // an account of the agency, whose password the matrix may reset
}

// TestAccessMatrix walks every route × every role × own agency / other
// agency × own record / another agency's record, with real requests on the
// composed server, twice: once as a program would (an API token per role, no
// cookies) and once as a browser would (a session cookie per role, with the
// Origin header browsers send on unsafe requests, so CSRF protection is in
// the path). An allow where the table says deny, a deny that is not
// 401/403/404 (or the sign-in redirect of a page), and any 500 fail: a
// caller without access never gets a 422 that would describe the body.
func TestAccessMatrix(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		sessions := auth.NewSessions(db, auth.Cheap)
		regular, bold := web.PDFFonts()
		deps := server.Deps{DB: db, Sessions: sessions, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
			PDFFonts: pdfdoc.Fonts{Regular: regular, Bold: bold}}
		h := (&server.Server{DB: db, Sessions: sessions, Logger: deps.Logger, API: api.New(deps), Web: web.New(deps)}).Handler()
		for _, browser := range []bool{false, true} {
			name := "token"
			if browser {
				name = "session"
			}
			t.Run(name, func(t *testing.T) { matrixPass(t, db, sessions, h, browser) })
		}
	})
}

// matrixPass runs the matrix with its own two agencies and users, so the
// records the other pass deleted do not matter. With browser, each role
// signs in to a session; otherwise each holds an API token.
func matrixPass(t *testing.T, db *sqldb.DB, sessions *auth.Sessions, h http.Handler, browser bool) {
	sys := testdb.System()
	pass := "token"
	if browser {
		pass = "session"
	}
	mk := func(code string, seq int) (record, int64) {
		a, root := testdb.Agency(t, db, code+"-"+pass)
		e := testdb.Employee(a.ID, seq)
		if err := db.CreateEmployee(sys, e); err != nil {
			t.Fatal(err)
		}
		h := &merit.HistoryEntry{AgencyID: a.ID, EmployeeID: e.ID, Kind: merit.HistPenghargaan, Title: "Satyalancana Karya Satya",
			Start: merit.MustDate("2020-08-17")}
		if err := db.CreateHistory(sys, h); err != nil {
			t.Fatal(err)
		}
		target := &merit.User{Username: "matrix." + pass + ".target." + code, Name: "Target",
			Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleViewer}}}
		if err := db.CreateUser(sys, target, "x"); err != nil {
			t.Fatal(err)
		}
		return record{code: code + "-" + pass, employee: e.ID, entry: h.ID, unit: root.ID, nip: e.NIP, user: target.ID}, a.ID
	}
	own, ownID := mk("kota-matrix", 1)
	other, _ := mk("kota-lain", 2)
	// A unit below the own agency's root with an employee of its own: the
	// unit-limited operator's.
	bidang := &merit.Unit{AgencyID: ownID, ParentID: own.unit, Name: "Bidang Matrix"}
	if err := db.CreateUnit(sys, bidang); err != nil {
		t.Fatal(err)
	}
	inUnit := testdb.Employee(ownID, 3)
	inUnit.UnitID = bidang.ID
	if err := db.CreateEmployee(sys, inUnit); err != nil {
		t.Fatal(err)
	}
	inUnitEntry := &merit.HistoryEntry{AgencyID: ownID, EmployeeID: inUnit.ID, Kind: merit.HistPenghargaan, Title: "Satyalancana",
		Start: merit.MustDate("2020-08-17")}
	if err := db.CreateHistory(sys, inUnitEntry); err != nil {
		t.Fatal(err)
	}
	ownUnit := record{code: own.code, employee: inUnit.ID, entry: inUnitEntry.ID, unit: bidang.ID, nip: inUnit.NIP, user: own.user}

	// One user per role, granted the own agency only; the employee's grant
	// links the own agency's record. Each holds a token, or signs in
	// (again for a request that ends its sessions).
	users := map[merit.Role]*merit.User{}
	tokens := map[merit.Role]string{}
	actors := []merit.Role{""} // "" is anonymous
	for _, role := range append(slices.Clone(merit.Roles), unitOperator, platformAdmin) {
		u := &merit.User{Username: "matrix." + pass + "." + string(role), Name: "Matrix " + string(role),
			Grants: []merit.Grant{{AgencyID: ownID, Role: role}}}
		switch role {
		case merit.RoleEmployee:
			u.Grants[0].EmployeeID = own.employee
		case unitOperator:
			u.Grants[0].Role, u.Grants[0].UnitIDs = merit.RoleOperator, []int64{bidang.ID}
		case platformAdmin:
			u.Grants, u.PlatformAdmin = nil, true
			if !browser {
				continue // no grant, so no API token
			}
		}
		if err := db.CreateUser(sys, u, "x"); err != nil {
			t.Fatal(err)
		}
		users[role] = u
		actors = append(actors, role)
		if browser {
			continue
		}
		tok, hash, err := auth.NewToken()
		if err != nil {
			t.Fatal(err)
		}
		if err := db.CreateToken(sys, &sqldb.Token{UserID: u.ID, AgencyID: ownID, Role: u.Grants[0].Role, Name: "matrix",
			TokenHash: hash, ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		tokens[role] = tok
	}
	cookies := map[merit.Role][]*http.Cookie{}
	signIn := func(role merit.Role) []*http.Cookie {
		rec := httptest.NewRecorder()
		if err := sessions.SignIn(rec, httptest.NewRequest("POST", "/masuk", nil), users[role], "id"); err != nil {
			t.Fatal(err)
		}
		return rec.Result().Cookies()
	}

	fill := func(pattern string, agency, rec record) string {
		path := pattern[strings.Index(pattern, " ")+1:]
		id := rec.employee
		if strings.Contains(path, "/unit") {
			id = rec.unit
		}
		return strings.NewReplacer("{$}", "", "{agency}", agency.code, "{id}", fmt.Sprint(id), "{entry}", fmt.Sprint(rec.entry),
			"{hid}", fmt.Sprint(rec.entry), "{kind}", merit.HistPenghargaan, "{nip}", rec.nip, "{job}", "1",
			"{table}", "golongan", "{user}", fmt.Sprint(rec.user), "{review}", "1", "{session}", "1",
			"{selection}", "1", "{stage}", "1", "{member}", "1", "{slot}", "ijazah", "{seq}", "0", "{comment}", "1", "{candidate}", "1").Replace(path)
	}
	missing := 0
	for _, route := range matrixRoutes(t) {
		perm, ok := accessRules[route]
		if !ok {
			t.Errorf("route %q has no rule in the access matrix", route)
			missing++
			continue
		}
		method := "GET"
		if i := strings.Index(route, " "); i > 0 {
			method = route[:i]
		} else {
			route = "GET " + route
		}
		hasAgency := strings.Contains(route, "{agency}")
		hasRecord := strings.Contains(route, "{id}") || strings.Contains(route, "{nip}")
		type scope struct {
			name          string
			agency, rec   record
			sameAsGranted bool
			ownRecord     bool // the employee's own record; outside the unit-limited operator's unit
		}
		scopes := []scope{{"own agency", own, own, true, true}}
		if hasAgency {
			scopes = append(scopes, scope{"other agency", other, other, false, false})
		}
		if hasRecord {
			scopes = append(scopes, scope{"own agency, other agency's record", own, other, false, false},
				scope{"own agency, the limited operator's unit's record", own, ownUnit, true, false})
		}
		// Routes outside an agency sign in, out or out everywhere: each of
		// their requests gets a session of its own.
		ownSession := !hasAgency
		for _, sc := range scopes {
			for _, role := range actors {
				// The unit-limited operator is an operator, denied the own
				// agency's record outside its unit.
				as := role
				if role == unitOperator {
					as = merit.RoleOperator
				}
				var allow bool
				switch perm {
				case anyone:
					allow = true
				case signedIn:
					allow = role != ""
				case session:
					allow = role != "" && browser
				case self:
					allow = role == merit.RoleEmployee
				case member:
					allow = role != "" && (sc.sameAsGranted || role == platformAdmin)
				case readOrSelf:
					allow = sc.sameAsGranted && (as.Has(merit.PermRead) || role == merit.RoleEmployee && sc.ownRecord)
				case manageUsers:
					allow = role == platformAdmin || sc.sameAsGranted && as.Has(merit.PermManageUsers)
				case platformOnly:
					allow = role == platformAdmin
				case selectionAny:
					allow = role != "" && sc.sameAsGranted && (as.Has(merit.PermSelectionRead) || as.Has(merit.PermSelectionScore))
				case selectionScorer:
					allow = role != "" && sc.sameAsGranted && (as.Has(merit.PermSelectionScore) || as.Has(merit.PermSelectionManage))
				case selectionReadOrPanel:
					allow = role != "" && sc.sameAsGranted && (as.Has(merit.PermSelectionRead) || as.Has(merit.PermSelectionScore))
				default:
					allow = role != "" && sc.sameAsGranted && as.Has(perm)
				}
				if role == unitOperator && sc.ownRecord && hasRecord && unitScoped(route) {
					allow = false
				}

				path := fill(route, sc.agency, sc.rec)
				body, ctype := "", "application/x-www-form-urlencoded"
				if strings.HasPrefix(path, "/api/") {
					body, ctype = "{}", "application/json"
				}
				req := httptest.NewRequest(method, path, strings.NewReader(body))
				req.Header.Set("Content-Type", ctype)
				switch {
				case role == "":
				case !browser:
					req.Header.Set("Authorization", "Bearer "+tokens[role])
				default:
					if cookies[role] == nil || ownSession {
						cookies[role] = signIn(role)
					}
					for _, c := range cookies[role] {
						req.AddCookie(c)
					}
					if ownSession {
						cookies[role] = nil
					}
				}
				if browser && method != "GET" {
					req.Header.Set("Origin", "http://"+req.Host)
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				who := string(role)
				if who == "" {
					who = "anonymous"
				}
				code, loc := rec.Code, rec.Header().Get("Location")
				name := fmt.Sprintf("%s %s as %s (%s)", method, path, who, sc.name)
				denied := code == 401 || code == 403 || code == 404 || (code/100 == 3 && strings.HasPrefix(loc, "/masuk"))
				// A writer of the agency naming a record of another agency
				// may see the body refused first: the route is theirs, and
				// the answer does not depend on the record.
				recordOnly := code == 422 && role != "" && sc.agency == own && as.Has(perm)
				// Signing out everywhere ends on the sign-in page.
				signedOut := route == "POST /keluar-semua" && code == 303
				switch {
				case code >= 500:
					t.Errorf("%s: status %d", name, code)
				case !allow && code == 422 && !recordOnly:
					t.Errorf("%s: status 422 before the access decision, want 401/403/404 (an API write needs its permission in api/access.go writePermissions)", name)
				case !allow && !denied && !recordOnly:
					t.Errorf("%s: status %d %s, want a deny (401/403/404)", name, code, loc)
				case allow && perm != anyone && !signedOut && (code == 401 || code == 403 || code/100 == 3 && strings.HasPrefix(loc, "/masuk")):
					t.Errorf("%s: status %d %s, want allowed", name, code, loc)
				case allow && code == 404 && hasRecord && !destructive(route) && !strings.Contains(route, "{job}"):
					t.Errorf("%s: status 404, want the record found", name)
				}
			}
		}
	}
	if missing > 0 {
		t.Errorf("%d routes have no rule", missing)
	}
}
