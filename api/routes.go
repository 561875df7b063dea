package api

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"
)

// register adds every operation. The list reads as the API's table of
// contents; the handlers live in session.go, registry.go, employee.go and
// transfer.go (which also registers the import and export).
func (h *handlers) register(api huma.API) {
	op := func(id, method, path, tag, summary string, status int, errs ...int) huma.Operation {
		return huma.Operation{OperationID: id, Method: method, Path: prefix + path, Tags: []string{tag},
			Summary: summary, DefaultStatus: status, Security: sessionAuth, Errors: errs}
	}
	const (
		get, post, put, del = http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete
		agency              = "/agencies/{agency}"
	)
	// Session: signing in needs no session; signing out works without one.
	signIn := op("sign-in", post, "/session", "session", "Sign in", http.StatusOK, 401)
	signIn.Security = nil
	signIn.Description = "Checks the username and password and sets the session cookie that authorizes the other operations."
	huma.Register(api, signIn, h.signIn)
	signOut := op("sign-out", del, "/session", "session", "Sign out", http.StatusNoContent)
	signOut.Security = nil
	huma.Register(api, signOut, h.signOut)
	huma.Register(api, op("sign-out-everywhere", del, "/session/all", "session",
		"Sign out everywhere: end every session of the signed-in user", http.StatusNoContent, 401), h.signOutEverywhere)
	huma.Register(api, op("get-me", get, "/me", "session", "The signed-in user and their roles per agency", 0, 401), h.me)

	// Usulan perubahan data: an employee's own proposals; the agency's queue.
	huma.Register(api, op("list-my-proposals", get, "/me/proposals", "proposals", "The signed-in employee's proposals, newest first", 0, 401, 404), h.myProposals)
	huma.Register(api, op("create-my-proposal", post, "/me/proposals", "proposals", "Propose a change of one's own record", http.StatusCreated, 401, 404), h.createMyProposal)
	huma.Register(api, op("list-proposals", get, agency+"/proposals", "proposals", "Submitted proposals waiting for a decision", 0, 401, 403, 404), h.listProposals)
	huma.Register(api, op("accept-proposal", post, agency+"/proposals/{proposal}/accept", "proposals",
		"Accept a proposal: its changes are applied as a validated update", 0, 401, 403, 404, 409), h.acceptProposal)
	huma.Register(api, op("reject-proposal", post, agency+"/proposals/{proposal}/reject", "proposals",
		"Reject a proposal with a reason", 0, 401, 403, 404, 409), h.rejectProposal)

	// Agencies and reference data.
	huma.Register(api, op("list-agencies", get, "/agencies", "agencies", "The agencies the user belongs to", 0, 401), h.listAgencies)
	huma.Register(api, op("get-agency", get, agency, "agencies", "One agency", 0, 401, 404), h.getAgency)
	huma.Register(api, op("get-agency-stats", get, agency+"/stats", "agencies",
		"Headcounts by golongan, jenis jabatan, top-level unit, sex, age band, status and education", 0, 401, 404), h.stats)
	ref := op("get-reference", get, "/reference/{table}", "reference", "A reference table", 0, 404)
	ref.Security = nil
	ref.Description = "Reference data (golongan/pangkat, jenis and jenjang jabatan, education levels, religions, " +
		"employment statuses, training kinds, disciplinary sanctions and their levels, agency kinds) is public."
	huma.Register(api, ref, h.reference)

	// Organisation units and positions.
	huma.Register(api, op("list-units", get, agency+"/units", "units", "The unit tree with headcounts", 0, 401, 404), h.listUnits)
	huma.Register(api, op("create-unit", post, agency+"/units", "units", "Add a unit", http.StatusCreated, 401, 403, 404), h.createUnit)
	huma.Register(api, op("update-unit", put, agency+"/units/{id}", "units", "Rename or move a unit", 0, 401, 403, 404), h.updateUnit)
	huma.Register(api, op("list-positions", get, agency+"/positions", "positions", "Positions (jabatan), optionally of one unit", 0, 401, 404), h.listPositions)
	huma.Register(api, op("create-position", post, agency+"/positions", "positions", "Add a position", http.StatusCreated, 401, 403, 404), h.createPosition)
	huma.Register(api, op("update-position", put, agency+"/positions/{id}", "positions",
		"Replace a position's unit, name, jenis, jenjang, kelas jabatan and critical flag", 0, 401, 403, 404, 409), h.updatePosition)
	huma.Register(api, op("delete-position", del, agency+"/positions/{id}", "positions",
		"Remove a position; refused (409) while employees hold it or a competency standard is set for it", http.StatusNoContent, 401, 403, 404, 409), h.deletePosition)

	// Employees and their histories.
	huma.Register(api, op("list-employees", get, agency+"/employees", "employees", "Search, filter, sort and page employees", 0, 401, 404), h.listEmployees)
	huma.Register(api, op("create-employee", post, agency+"/employees", "employees", "Add an employee", http.StatusCreated, 401, 403, 404, 409), h.createEmployee)
	huma.Register(api, op("get-employee", get, agency+"/employees/{id}", "employees", "One employee", 0, 401, 404), h.getEmployee)
	huma.Register(api, op("update-employee", put, agency+"/employees/{id}", "employees",
		"Replace an employee's fields (a change of golongan or position is added to the history)", 0, 401, 403, 404, 409), h.updateEmployee)
	huma.Register(api, op("delete-employee", del, agency+"/employees/{id}", "employees", "Remove an employee and their histories",
		http.StatusNoContent, 401, 403, 404), h.deleteEmployee)
	huma.Register(api, op("get-employee-by-nip", get, agency+"/nip/{nip}", "employees", "The employee with a NIP", 0, 401, 404), h.employeeByNIP)
	huma.Register(api, op("list-history", get, agency+"/employees/{id}/history", "history", "An employee's history entries (riwayat)", 0, 401, 404), h.listHistory)
	huma.Register(api, op("create-history", post, agency+"/employees/{id}/history", "history", "Add a history entry",
		http.StatusCreated, 401, 403, 404), h.createHistory)
	updHist := op("update-history", put, agency+"/employees/{id}/history/{hid}", "history", "Replace a history entry", 0, 401, 403, 404)
	updHist.Description = "The entry keeps its kind; the kind in the body is ignored."
	huma.Register(api, updHist, h.updateHistory)
	huma.Register(api, op("delete-history", del, agency+"/employees/{id}/history/{hid}", "history", "Remove a history entry",
		http.StatusNoContent, 401, 403, 404), h.deleteHistory)

	// Employee files.
	h.registerTransfer(api)

	// Competency: dictionary, standards, JPM rule, assessments, development.
	h.registerCompetency(api, op)

	// IP ASN: the agency's summary and reconciliation, recompute, an employee's.
	h.registerIPASN(api, op)
	h.registerSuccession(api, op)
	h.registerJobFit(api, op)
	h.registerSelection(api, op)

	// Talent review: rule sets, reviews, the 9-box, placements, calibration.
	h.registerTalent(api, op)

	// Performance: SKP, organisation predikat, angka kredit.
	h.registerSKP(api, op)

	// Merit evaluation: instruments, assessments, evaluator views, survey.
	h.registerEvaluation(api, op)

	// Accounts of an agency (its admins, platform admins) and new agencies.
	h.registerUsers(api, op)

	// The audit trail.
	huma.Register(api, op("list-audit", get, agency+"/audit", "audit",
		"Search the agency's audit trail (agency admins): who changed what, when and from where, newest first", 0, 401, 403, 404), h.listAudit)
}
