package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"merit"
	"merit/evaluation"
	"merit/succession"
)

// MeritAssessment is a stored merit-system assessment (penilaian mandiri
// and its verification): the domain's assessment with its agency, the
// official result once verified (from verified levels only), who moved it
// through the flow, and for each indicator whether the operator accepted
// or overrode the level suggested from the agency's data.
type MeritAssessment struct {
	evaluation.Assessment
	AgencyCode string `json:"agencyCode"`
	AgencyName string `json:"agencyName"`
	// Score and Category are the official result (Assessment.Official),
	// set when the evaluator completes verification; zero and "" before.
	Score         evaluation.Score `json:"score"`
	Category      string           `json:"category"`
	CategoryLabel string           `json:"categoryLabel"`
	CreatedAt     time.Time        `json:"createdAt"`
	CreatedBy     string           `json:"createdBy,omitempty"`
	SubmittedBy   string           `json:"submittedBy,omitempty"`
	VerifiedBy    string           `json:"verifiedBy,omitempty"`
	SetBy         string           `json:"setBy,omitempty"`
	// SuggestionUse says per indicator code "accepted" or "overridden" once
	// the operator set a level where a suggestion stood.
	SuggestionUse map[string]string `json:"suggestionUse,omitempty"`
}

// How the operator used a suggested level.
const (
	SuggestionAccepted   = "accepted"
	SuggestionOverridden = "overridden"
)

// CreateMeritAssessment opens the agency's assessment of a year on an
// instrument version (evaluation.write), in draft with an empty entry per
// indicator. The version must be in force in that year (KASN until 2025,
// the 2025 framework from 2026); one assessment per agency and year: a
// second is KindConflict.
func (db *DB) CreateMeritAssessment(ctx context.Context, agencyID int64, year int, ref evaluation.InstrumentRef) (*MeritAssessment, error) {
	const op = "sqldb.CreateMeritAssessment"
	if err := merit.Authorize(ctx, merit.PermEvaluationWrite, agencyID); err != nil {
		return nil, err
	}
	if err := evaluation.CheckYear(op, year, merit.DateOf(db.Now())); err != nil {
		return nil, err
	}
	by := usernameOf(ctx)
	var id int64
	err := db.writeTx(ctx, func(tx *Tx) error {
		in, err := findInstrument(ctx, tx, ref)
		if errors.Is(err, sql.ErrNoRows) {
			return merit.Invalid(op, merit.FieldError{Field: "instrument", Code: "field.unknown_ref", Value: ref.String()})
		}
		if err != nil {
			return err
		}
		if !in.InForce(merit.NewDate(year, time.January, 1)) && !in.InForce(merit.NewDate(year, time.December, 31)) {
			return merit.Invalid(op, merit.FieldError{Field: "instrument", Code: "evaluation.err.not_in_force", Value: ref.String(), Args: []any{year}})
		}
		if id, err = tx.nextID(ctx, "evaluation_assessment"); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO evaluation_assessment (agency_id, id, year, framework, version, status, created_at, created_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, agencyID, id, year, string(ref.Framework), ref.Version, string(evaluation.Draft),
			tx.now, by); err != nil {
			return err
		}
		for _, ind := range in.Indicators() {
			if _, err := tx.ExecContext(ctx, `INSERT INTO evaluation_entry (agency_id, assessment_id, indicator, updated_at, updated_by)
				VALUES ($1, $2, $3, $4, $5)`, agencyID, id, ind.Code, tx.now, by); err != nil {
				return err
			}
		}
		return tx.audit(ctx, agencyID, merit.AuditCreate, "evaluation_assessment", id, nil,
			map[string]any{"year": year, "instrument": ref})
	})
	if err != nil {
		return nil, translate(op, err)
	}
	return db.MeritAssessment(ctx, agencyID, id)
}

// MeritAssessment returns one assessment of the agency in full (team,
// entries with suggestions and evidence) to a reader of its evaluation.
func (db *DB) MeritAssessment(ctx context.Context, agencyID, id int64) (*MeritAssessment, error) {
	const op = "sqldb.MeritAssessment"
	if err := merit.Authorize(ctx, merit.PermEvaluationRead, agencyID); err != nil {
		return nil, err
	}
	a, err := findAssessment(ctx, db.read, agencyID, id)
	return a, translate(op, err)
}

// MeritAssessments lists the agency's assessments, newest year first,
// without their entries.
func (db *DB) MeritAssessments(ctx context.Context, agencyID int64) ([]*MeritAssessment, error) {
	const op = "sqldb.MeritAssessments"
	if err := merit.Authorize(ctx, merit.PermEvaluationRead, agencyID); err != nil {
		return nil, err
	}
	out, err := queryAssessments(ctx, db.read, `a.agency_id = $1 ORDER BY a.year DESC`, agencyID)
	return out, translate(op, err)
}

const meritAssessmentColumns = `a.agency_id, a.id, a.year, a.framework, a.version, a.status, a.violations, a.score, a.category, a.decree,
	a.created_at, a.created_by, a.submitted_at, a.submitted_by, a.verified_at, a.verified_by, a.decided_at, a.decided_by, g.code, g.name`

// queryAssessments reads assessment heads (no team, entries or evidence)
// joined to their agency, filtered and ordered by where.
func queryAssessments(ctx context.Context, q querier, where string, args ...any) ([]*MeritAssessment, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+meritAssessmentColumns+` FROM evaluation_assessment a JOIN agency g ON g.id = a.agency_id
		WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*MeritAssessment{}
	for rows.Next() {
		a := &MeritAssessment{}
		var submitted, verified, decided sql.NullTime
		if err := rows.Scan(&a.AgencyID, &a.ID, &a.Year, &a.Instrument.Framework, &a.Instrument.Version, &a.Status, &a.Violations,
			&a.Score, &a.Category, &a.Decree, &a.CreatedAt, &a.CreatedBy, &submitted, &a.SubmittedBy, &verified, &a.VerifiedBy,
			&decided, &a.SetBy, &a.AgencyCode, &a.AgencyName); err != nil {
			return nil, err
		}
		a.CreatedAt = a.CreatedAt.UTC()
		a.SubmittedAt, a.VerifiedAt, a.SetAt = utcOf(submitted), utcOf(verified), utcOf(decided)
		a.Team, a.Entries = []evaluation.TeamMember{}, []evaluation.IndicatorEntry{}
		out = append(out, a)
	}
	return out, rows.Err()
}

func utcOf(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}

// findAssessmentHead reads an assessment without team, entries or evidence,
// with its instrument.
func findAssessmentHead(ctx context.Context, q querier, agencyID, id int64) (*MeritAssessment, *evaluation.Instrument, error) {
	as, err := queryAssessments(ctx, q, `a.agency_id = $1 AND a.id = $2`, agencyID, id)
	if err != nil {
		return nil, nil, err
	}
	if len(as) == 0 {
		return nil, nil, sql.ErrNoRows
	}
	in, err := findInstrument(ctx, q, as[0].Instrument)
	if err != nil {
		return nil, nil, err
	}
	if c, ok := in.Category(as[0].Score); ok && as[0].Category != "" {
		as[0].CategoryLabel = c.Label
	}
	return as[0], in, nil
}

// findAssessment reads an assessment in full.
func findAssessment(ctx context.Context, q querier, agencyID, id int64) (*MeritAssessment, error) {
	a, _, err := findAssessmentHead(ctx, q, agencyID, id)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT employee_id, name, role FROM evaluation_team WHERE agency_id = $1 AND assessment_id = $2 ORDER BY seq`,
		agencyID, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var m evaluation.TeamMember
		if err := rows.Scan(&m.EmployeeID, &m.Name, &m.Role); err != nil {
			rows.Close()
			return nil, err
		}
		a.Team = append(a.Team, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	evidence, err := evidenceOf(ctx, q, agencyID, id)
	if err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT indicator, self_level, narrative, suggested_level, suggestion_evidence, suggestion,
		verified_level, verifier_note FROM evaluation_entry WHERE agency_id = $1 AND assessment_id = $2`, agencyID, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byCode := map[string]evaluation.IndicatorEntry{}
	for rows.Next() {
		var e evaluation.IndicatorEntry
		var suggested int
		var why, use string
		if err := rows.Scan(&e.Indicator, &e.SelfLevel, &e.Narrative, &suggested, &why, &use, &e.VerifiedLevel, &e.VerifierNote); err != nil {
			return nil, err
		}
		if why != "" {
			e.Suggestion = &evaluation.Suggestion{}
			if err := json.Unmarshal([]byte(why), e.Suggestion); err != nil {
				return nil, err
			}
		}
		if use != "" {
			if a.SuggestionUse == nil {
				a.SuggestionUse = map[string]string{}
			}
			a.SuggestionUse[e.Indicator] = use
		}
		e.Evidence = evidence[e.Indicator]
		if e.Evidence == nil {
			e.Evidence = []evaluation.Evidence{}
		}
		byCode[e.Indicator] = e
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Entries in the instrument's order.
	in, err := findInstrument(ctx, q, a.Instrument)
	if err != nil {
		return nil, err
	}
	for _, ind := range in.Indicators() {
		if e, ok := byCode[ind.Code]; ok {
			a.Entries = append(a.Entries, e)
		}
	}
	return a, nil
}

// editable refuses a change of the agency's side of an assessment that is
// no longer a draft (KindConflict), or of an indicator the instrument does
// not have (KindInvalid).
func editable(a *MeritAssessment, in *evaluation.Instrument, indicator string) error {
	const op = "sqldb.editable"
	if !a.SelfEditable() {
		return merit.Errorf(merit.KindConflict, op, "evaluation.err.not_draft")
	}
	if indicator == "" {
		return nil
	}
	if _, ok := in.Indicator(indicator); !ok {
		return merit.Invalid(op, merit.FieldError{Field: "indicator", Code: "field.unknown_ref", Value: indicator})
	}
	return nil
}

// SetMeritTeam replaces the self-assessment team of a draft assessment
// (evaluation.write). Every member needs a name and a role.
func (db *DB) SetMeritTeam(ctx context.Context, agencyID, id int64, team []evaluation.TeamMember) error {
	const op = "sqldb.SetMeritTeam"
	if err := merit.Authorize(ctx, merit.PermEvaluationWrite, agencyID); err != nil {
		return err
	}
	var fs merit.Fields
	for i := range team {
		m := &team[i]
		m.Name, m.Role = strings.TrimSpace(m.Name), strings.TrimSpace(m.Role)
		if m.Name == "" {
			fs.Add(fmt.Sprintf("team[%d].name", i), "field.required", "")
		}
		if m.Role == "" {
			fs.Add(fmt.Sprintf("team[%d].role", i), "field.required", "")
		}
	}
	if err := fs.Err(op); err != nil {
		return err
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		a, err := findAssessment(ctx, tx, agencyID, id)
		if err != nil {
			return err
		}
		if err := editable(a, nil, ""); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM evaluation_team WHERE agency_id = $1 AND assessment_id = $2`, agencyID, id); err != nil {
			return err
		}
		for i, m := range team {
			if _, err := tx.ExecContext(ctx, `INSERT INTO evaluation_team (agency_id, assessment_id, seq, employee_id, name, role)
				VALUES ($1, $2, $3, $4, $5, $6)`, agencyID, id, i+1, m.EmployeeID, m.Name, m.Role); err != nil {
				return err
			}
		}
		return tx.audit(ctx, agencyID, merit.AuditUpdate, "evaluation_team", id, a.Team, team)
	}))
}

// SetSelfLevel records the agency's self level (0 clears it) and narrative
// on one indicator of a draft assessment (evaluation.write). Where a level
// was suggested from the agency's data, it records whether the operator
// accepted it (the same level) or overrode it; the suggestion stays for
// the evaluator to see.
func (db *DB) SetSelfLevel(ctx context.Context, agencyID, id int64, indicator string, level int, narrative string) error {
	const op = "sqldb.SetSelfLevel"
	if err := merit.Authorize(ctx, merit.PermEvaluationWrite, agencyID); err != nil {
		return err
	}
	narrative = strings.TrimSpace(narrative)
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		a, in, err := findAssessmentHead(ctx, tx, agencyID, id)
		if err != nil {
			return err
		}
		if err := editable(a, in, indicator); err != nil {
			return err
		}
		if level != 0 && (level < in.MinLevel || level > in.MaxLevel) {
			return merit.Invalid(op, merit.FieldError{Field: "level", Code: "field.range", Value: fmt.Sprint(level), Args: []any{in.MinLevel, in.MaxLevel}})
		}
		var oldLevel, suggested int
		var oldNarrative string
		if err := tx.QueryRowContext(ctx, `SELECT self_level, narrative, suggested_level FROM evaluation_entry
			WHERE agency_id = $1 AND assessment_id = $2 AND indicator = $3`, agencyID, id, indicator).Scan(&oldLevel, &oldNarrative, &suggested); err != nil {
			return err
		}
		use := ""
		switch {
		case suggested == 0 || level == 0:
		case level == suggested:
			use = SuggestionAccepted
		default:
			use = SuggestionOverridden
		}
		if _, err := tx.ExecContext(ctx, `UPDATE evaluation_entry SET self_level = $4, narrative = $5, suggestion = $6, updated_at = $7, updated_by = $8
			WHERE agency_id = $1 AND assessment_id = $2 AND indicator = $3`, agencyID, id, indicator, level, narrative, use, tx.now,
			usernameOf(ctx)); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditUpdate, "evaluation_entry", id,
			map[string]any{"indicator": indicator, "selfLevel": oldLevel, "narrative": oldNarrative},
			map[string]any{"indicator": indicator, "selfLevel": level, "narrative": narrative, "suggestion": use})
	}))
}

// SubmitMeritAssessment sends a draft to the evaluator (evaluation.write):
// the domain's checks apply (a team, a self level on every indicator). The
// agency can no longer edit it.
func (db *DB) SubmitMeritAssessment(ctx context.Context, agencyID, id int64) (*MeritAssessment, error) {
	return db.moveMeritAssessment(ctx, "sqldb.SubmitMeritAssessment", merit.PermEvaluationWrite, agencyID, id, evaluation.Submitted, nil)
}

// ReturnMeritAssessment sends a submitted assessment back to the agency for
// revision (evaluation.verify): it is a draft again, verified levels kept.
func (db *DB) ReturnMeritAssessment(ctx context.Context, agencyID, id int64) (*MeritAssessment, error) {
	return db.moveMeritAssessment(ctx, "sqldb.ReturnMeritAssessment", merit.PermEvaluationVerify, agencyID, id, evaluation.Draft, nil)
}

// CompleteVerification ends the evaluator's verification of a submitted
// assessment (evaluation.verify): the domain's checks apply (a verified
// level on every indicator, a note where it differs from the self level);
// violations is the number of proven merit-system violations (the 2025
// framework's correction). The official score and category are computed by
// the domain from verified levels only (Assessment.Official) and stored.
func (db *DB) CompleteVerification(ctx context.Context, agencyID, id int64, violations int) (*MeritAssessment, error) {
	const op = "sqldb.CompleteVerification"
	if violations < 0 {
		return nil, merit.Invalid(op, merit.FieldError{Field: "violations", Code: "field.range", Value: fmt.Sprint(violations), Args: []any{0, 1000}})
	}
	return db.moveMeritAssessment(ctx, op, merit.PermEvaluationVerify, agencyID, id, evaluation.Verified,
		func(a *MeritAssessment) { a.Violations = violations })
}

// SetMeritAssessment sets a verified assessment (penetapan; evaluation.verify)
// with the number of the decision: it becomes final, and on the KASN scale
// its score and category become the agency's official merit result of that
// year (merit_result, source "evaluation") in the same transaction, which
// the JPT filling through talent management reads (issue 5).
func (db *DB) SetMeritAssessment(ctx context.Context, agencyID, id int64, decree string) (*MeritAssessment, error) {
	return db.moveMeritAssessment(ctx, "sqldb.SetMeritAssessment", merit.PermEvaluationVerify, agencyID, id, evaluation.Ditetapkan,
		func(a *MeritAssessment) { a.Decree = strings.TrimSpace(decree) })
}

// moveMeritAssessment moves an assessment through the flow in one
// transaction: prepare sets what the step brings (violations, decree), the
// domain's Transition checks the step, the official result is computed
// from verified levels once verified, and the row, its audit entry and (on
// penetapan) the merit result are written.
func (db *DB) moveMeritAssessment(ctx context.Context, op string, perm merit.Permission, agencyID, id int64, to evaluation.Status,
	prepare func(*MeritAssessment)) (*MeritAssessment, error) {
	if err := merit.Authorize(ctx, perm, agencyID); err != nil {
		return nil, err
	}
	err := db.writeTx(ctx, func(tx *Tx) error {
		a, err := findAssessment(ctx, tx, agencyID, id)
		if err != nil {
			return err
		}
		in, err := findInstrument(ctx, tx, a.Instrument)
		if err != nil {
			return err
		}
		from := a.Status
		if prepare != nil {
			prepare(a)
		}
		if err := a.Transition(in, to, tx.now); err != nil {
			return err
		}
		a.Score, a.Category = 0, ""
		if to == evaluation.Verified || to == evaluation.Ditetapkan {
			if err := officialResult(ctx, tx, a, in); err != nil {
				return err
			}
		}
		// The step's own at/by columns; a return to draft clears the submission's.
		var at any = tx.now
		by := usernameOf(ctx)
		step := map[evaluation.Status]string{evaluation.Submitted: "submitted", evaluation.Verified: "verified", evaluation.Ditetapkan: "decided"}[to]
		if to == evaluation.Draft {
			step, at, by = "submitted", nil, ""
		}
		if _, err := tx.ExecContext(ctx, `UPDATE evaluation_assessment SET status = $3, violations = $4, score = $5, category = $6, decree = $7,
			`+step+`_at = $8, `+step+`_by = $9 WHERE agency_id = $1 AND id = $2`, agencyID, id, string(a.Status), a.Violations, a.Score,
			a.Category, a.Decree, at, by); err != nil {
			return err
		}
		if err := tx.audit(ctx, agencyID, merit.AuditUpdate, "evaluation_assessment", id, map[string]any{"status": from},
			map[string]any{"status": a.Status, "violations": a.Violations, "score": a.Score, "category": a.Category, "decree": a.Decree}); err != nil {
			return err
		}
		if to != evaluation.Ditetapkan {
			return nil
		}
		cat, ok := meritCategory(a.Category)
		if !ok {
			return nil // a 2025-framework index is not a KASN category
		}
		m := &succession.MeritResult{AgencyID: agencyID, Year: a.Year, Score: a.Score.Float(), Category: cat,
			Decree: a.Decree, DecidedOn: merit.DateOf(tx.now), Source: succession.SourceEvaluation, CreatedBy: usernameOf(ctx)}
		if err := m.Validate(merit.DateOf(tx.now)); err != nil {
			return err
		}
		return tx.saveMeritResult(ctx, m)
	})
	if err != nil {
		return nil, translate(op, err)
	}
	return db.MeritAssessment(ctx, agencyID, id)
}

// VerifyIndicator records the evaluator's verified level and note on one
// indicator of a submitted assessment (evaluation.verify).
func (db *DB) VerifyIndicator(ctx context.Context, agencyID, id int64, indicator string, level int, note string) error {
	const op = "sqldb.VerifyIndicator"
	if err := merit.Authorize(ctx, merit.PermEvaluationVerify, agencyID); err != nil {
		return err
	}
	note = strings.TrimSpace(note)
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		a, in, err := findAssessmentHead(ctx, tx, agencyID, id)
		if err != nil {
			return err
		}
		if !a.VerifyEditable() {
			return merit.Errorf(merit.KindConflict, op, "evaluation.err.not_submitted")
		}
		if _, ok := in.Indicator(indicator); !ok {
			return merit.Invalid(op, merit.FieldError{Field: "indicator", Code: "field.unknown_ref", Value: indicator})
		}
		if level < in.MinLevel || level > in.MaxLevel {
			return merit.Invalid(op, merit.FieldError{Field: "level", Code: "field.range", Value: fmt.Sprint(level), Args: []any{in.MinLevel, in.MaxLevel}})
		}
		var oldLevel int
		var oldNote string
		if err := tx.QueryRowContext(ctx, `SELECT verified_level, verifier_note FROM evaluation_entry
			WHERE agency_id = $1 AND assessment_id = $2 AND indicator = $3`, agencyID, id, indicator).Scan(&oldLevel, &oldNote); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE evaluation_entry SET verified_level = $4, verifier_note = $5, updated_at = $6, updated_by = $7
			WHERE agency_id = $1 AND assessment_id = $2 AND indicator = $3`, agencyID, id, indicator, level, note, tx.now, usernameOf(ctx)); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditUpdate, "evaluation_entry", id,
			map[string]any{"indicator": indicator, "verifiedLevel": oldLevel, "verifierNote": oldNote},
			map[string]any{"indicator": indicator, "verifiedLevel": level, "verifierNote": note})
	}))
}

// officialResult fills the assessment's score and category from its
// verified levels (Assessment.Official). On the 2025 framework the
// survey's score enters too (surveyScore).
func officialResult(ctx context.Context, q querier, a *MeritAssessment, in *evaluation.Instrument) error {
	if in.Survey != nil {
		s, err := surveyScore(ctx, q, a.AgencyID, a.Year)
		if err != nil {
			return err
		}
		a.SurveyScore = s
	}
	r, err := a.Official(in)
	if err != nil {
		return err
	}
	a.Score, a.Category, a.CategoryLabel = r.Total, r.Category.Code, r.Category.Label
	return nil
}

// meritCategory maps a KASN-scale category code of the instrument to the
// category merit_result keeps; ok is false on another scale (the 2025
// bands), whose result is not a KASN category.
func meritCategory(code string) (succession.Category, bool) {
	c := succession.Category(strings.ReplaceAll(code, "-", "_"))
	for _, k := range succession.Categories {
		if k == c {
			return c, true
		}
	}
	return "", false
}

// usernameOf is the username of the context's actor ("" for none).
func usernameOf(ctx context.Context) string {
	if a := merit.ActorFrom(ctx); a != nil {
		return a.Username
	}
	return ""
}
