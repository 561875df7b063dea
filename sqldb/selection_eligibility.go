package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"

	"merit"
	"merit/performance"
	"merit/selection"
)

// The administrative check of a candidate (regulations.md §5.2): the facts
// are read from the registry for an employee of the agency (riwayat
// jabatan, riwayat hukuman disiplin, annual predikat) or from the
// applicant's profile, and selection.Requirements.Eligibility judges them.

// registryFacts reads what the administrative check knows about an
// employee: education and birth date, every post of the riwayat jabatan
// plus the current one, the disciplinary sanctions with their level, and
// the annual predikat per year. Every post counts as in a related field
// (docs/decisions.md, "Open selection: related experience"); the panel
// judges otherwise from the documents.
func registryFacts(ctx context.Context, q querier, agencyID, employeeID int64) (selection.Facts, error) {
	f := selection.Facts{Registry: true, Predikat: map[int]performance.Predikat{}}
	var tmtJabatan merit.Date
	var posName, jenis, jenjang sql.NullString
	err := q.QueryRowContext(ctx, `SELECT e.education, e.birth_date, e.tmt_jabatan, p.name, p.jenis, p.jenjang FROM employee e
		LEFT JOIN position p ON p.agency_id = e.agency_id AND p.id = e.position_id
		WHERE e.agency_id = $1 AND e.id = $2`, agencyID, employeeID).Scan(&f.Education, &f.BirthDate, &tmtJabatan, &posName, &jenis, &jenjang)
	if err != nil {
		return f, err
	}
	rows, err := q.QueryContext(ctx, `SELECT h.kind, h.ref, h.title, h.start_date, h.end_date, COALESCE(r.grp, '') FROM employee_history h
		LEFT JOIN ref_item r ON r.kind = 'hukdis' AND r.code = h.ref
		WHERE h.agency_id = $1 AND h.employee_id = $2 AND h.kind IN ($3, $4) ORDER BY h.start_date`, agencyID, employeeID,
		merit.HistJabatan, merit.HistHukdis)
	if err != nil {
		return f, err
	}
	current := false
	for rows.Next() {
		var kind, ref, title, level string
		var start, end merit.Date
		if err := rows.Scan(&kind, &ref, &title, &start, &end, &level); err != nil {
			rows.Close()
			return f, err
		}
		if kind == merit.HistHukdis {
			f.Sanctions = append(f.Sanctions, selection.Sanction{Level: level, Kind: ref, Date: start})
			continue
		}
		h := selection.Held{Name: title, Tier: selection.TierOf(ref, ""), Related: true, Start: start, End: end}
		if posName.Valid && start == tmtJabatan && ref == jenis.String {
			h.Tier, current = selection.TierOf(jenis.String, jenjang.String), true
		}
		f.Positions = append(f.Positions, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return f, err
	}
	if posName.Valid && !current && !tmtJabatan.IsZero() {
		f.Positions = append(f.Positions, selection.Held{Name: posName.String, Tier: selection.TierOf(jenis.String, jenjang.String),
			Related: true, Start: tmtJabatan})
	}
	preds, err := q.QueryContext(ctx, `SELECT year, predikat FROM skp WHERE agency_id = $1 AND employee_id = $2 AND period = $3`,
		agencyID, employeeID, string(performance.Annual))
	if err != nil {
		return f, err
	}
	defer preds.Close()
	for preds.Next() {
		var year int
		var p performance.Predikat
		if err := preds.Scan(&year, &p); err != nil {
			return f, err
		}
		f.Predikat[year] = p
	}
	return f, preds.Err()
}

// candidateFacts are the facts of a candidate: the registry's for an
// employee of the agency, the profile's for an external applicant (what
// only documents show is unknown).
func candidateFacts(ctx context.Context, q querier, agencyID int64, c *selection.Candidate) (selection.Facts, error) {
	if c.EmployeeID != 0 {
		return registryFacts(ctx, q, agencyID, c.EmployeeID)
	}
	return selection.Facts{Education: c.Education, BirthDate: c.BirthDate}, nil
}

// CheckSelectionEligibility evaluates a candidate's administrative
// requirements at the registration closing date (the level's §5.2
// requirements and the agency's extras) and stores the result with its
// reasons on the candidate, audited. The secretariat then records the
// decision (DecideSelectionCandidate).
func (db *DB) CheckSelectionEligibility(ctx context.Context, agencyID, selectionID, candidateID int64) ([]selection.Check, error) {
	const op = "sqldb.CheckSelectionEligibility"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionManage, agencyID, selectionID); err != nil {
		return nil, err
	}
	var checks []selection.Check
	err := db.writeTx(ctx, func(tx *Tx) error {
		s, err := loadSelection(ctx, tx, agencyID, selectionID)
		if err != nil {
			return err
		}
		c, err := selectionCandidate(ctx, tx, agencyID, selectionID, candidateID)
		if err != nil {
			return err
		}
		f, err := candidateFacts(ctx, tx, agencyID, c)
		if err != nil {
			return err
		}
		checks = selection.RequirementsFor(s.Level).Eligibility(s.RegistrationClose, f, s.Extras)
		text, err := marshalString(checks)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE selection_candidate SET admin_reasons = $3 WHERE agency_id = $1 AND id = $2`,
			agencyID, candidateID, text); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, "eligibility", "selection_candidate", candidateID, nil, checks)
	})
	return checks, translate(op, err)
}

// SelectionEligibility returns the stored result of a candidate's
// administrative check (nil before CheckSelectionEligibility ran).
func (db *DB) SelectionEligibility(ctx context.Context, agencyID, selectionID, candidateID int64) ([]selection.Check, error) {
	const op = "sqldb.SelectionEligibility"
	if _, err := selectionAccess(ctx, db.read, merit.PermSelectionRead, agencyID, selectionID); err != nil {
		return nil, err
	}
	var text string
	if err := db.read.QueryRowContext(ctx, `SELECT admin_reasons FROM selection_candidate WHERE agency_id = $1 AND selection_id = $2 AND id = $3`,
		agencyID, selectionID, candidateID).Scan(&text); err != nil {
		return nil, translate(op, err)
	}
	var checks []selection.Check
	if text != "" {
		if err := json.Unmarshal([]byte(text), &checks); err != nil {
			return nil, translate(op, err)
		}
	}
	return checks, nil
}
