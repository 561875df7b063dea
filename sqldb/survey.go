package sqldb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"merit"
	"merit/evaluation"
)

// The states of an employee survey: prepared, taking answers, closed.
const (
	SurveyDraft  = "draft"
	SurveyOpen   = "open"
	SurveyClosed = "closed"
)

// Survey is a stored employee survey (the 2025 framework's survey of
// satisfaction and engagement): the domain's survey with its title, state
// and how many have answered.
type Survey struct {
	evaluation.Survey
	Title     string     `json:"title"`
	Status    string     `json:"status" enum:"draft,open,closed"`
	OpenedAt  *time.Time `json:"openedAt,omitempty"`
	ClosedAt  *time.Time `json:"closedAt,omitempty"`
	Responded int        `json:"responded" doc:"Employees who have answered"`
	CreatedBy string     `json:"createdBy,omitempty"`
}

// validate checks a new survey: a title, and the domain's rules
// (evaluation.Survey.Validate).
func (s *Survey) validate(today merit.Date) error {
	var fs merit.Fields
	s.Title = strings.TrimSpace(s.Title)
	if s.Title == "" {
		fs.Add("title", "field.required", "")
	}
	fs = append(fs, merit.FieldsOf(s.Survey.Validate(today))...)
	return fs.Err("sqldb.Survey.validate")
}

// CreateSurvey stores a new survey of the agency in draft (evaluation.write).
func (db *DB) CreateSurvey(ctx context.Context, s *Survey) error {
	const op = "sqldb.CreateSurvey"
	if err := merit.Authorize(ctx, merit.PermEvaluationWrite, s.AgencyID); err != nil {
		return err
	}
	if err := s.validate(merit.DateOf(db.Now())); err != nil {
		return err
	}
	s.Status, s.Invited, s.Responded, s.OpenedAt, s.ClosedAt = SurveyDraft, 0, 0, nil, nil
	if a := merit.ActorFrom(ctx); a != nil {
		s.CreatedBy = a.Username
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		var err error
		if s.ID, err = tx.nextID(ctx, "survey"); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO survey (agency_id, id, year, title, status, scale_max, min_group, invited, created_at, created_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9)`, s.AgencyID, s.ID, s.Year, s.Title, s.Status, s.ScaleMax, s.MinGroupSize,
			tx.now, s.CreatedBy); err != nil {
			return err
		}
		for i, q := range s.Questions {
			if _, err := tx.ExecContext(ctx, `INSERT INTO survey_question (agency_id, survey_id, seq, code, dimension, text)
				VALUES ($1, $2, $3, $4, $5, $6)`, s.AgencyID, s.ID, i+1, q.Code, q.Dimension, q.Text); err != nil {
				return err
			}
		}
		return tx.audit(ctx, s.AgencyID, merit.AuditCreate, "survey", s.ID, nil, s)
	}))
}

// OpenSurvey starts taking answers: the survey must be a draft; the
// agency's employees at this moment are the invited (the base of the
// response rate).
func (db *DB) OpenSurvey(ctx context.Context, agencyID, id int64) (*Survey, error) {
	return db.moveSurvey(ctx, agencyID, id, SurveyDraft, SurveyOpen)
}

// CloseSurvey stops taking answers: the survey must be open.
func (db *DB) CloseSurvey(ctx context.Context, agencyID, id int64) (*Survey, error) {
	return db.moveSurvey(ctx, agencyID, id, SurveyOpen, SurveyClosed)
}

func (db *DB) moveSurvey(ctx context.Context, agencyID, id int64, from, to string) (*Survey, error) {
	const op = "sqldb.moveSurvey"
	if err := merit.Authorize(ctx, merit.PermEvaluationWrite, agencyID); err != nil {
		return nil, err
	}
	var s *Survey
	err := db.writeTx(ctx, func(tx *Tx) error {
		old, err := findSurvey(ctx, tx, agencyID, id)
		if err != nil {
			return err
		}
		if old.Status != from {
			return merit.Errorf(merit.KindConflict, op, "survey.err.status")
		}
		s = &Survey{}
		*s = *old
		s.Status = to
		now := tx.now
		if to == SurveyOpen {
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM employee WHERE agency_id = $1`, agencyID).Scan(&s.Invited); err != nil {
				return err
			}
			s.OpenedAt = &now
		} else {
			s.ClosedAt = &now
		}
		if _, err := tx.ExecContext(ctx, `UPDATE survey SET status = $3, invited = $4, opened_at = $5, closed_at = $6
			WHERE agency_id = $1 AND id = $2`, agencyID, id, s.Status, s.Invited, s.OpenedAt, s.ClosedAt); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditUpdate, "survey", id, old, s)
	})
	if err != nil {
		return nil, translate(op, err)
	}
	return s, nil
}

// authorizeSurveyRead lets through a reader of the agency's evaluation, or
// an employee of the agency (survey.respond), who sees open surveys only.
// employeeOnly is true for the latter.
func authorizeSurveyRead(ctx context.Context, agencyID int64) (employeeOnly bool, err error) {
	if err := merit.Authorize(ctx, merit.PermEvaluationRead, agencyID); err == nil || merit.KindOf(err) != merit.KindForbidden {
		return false, err
	}
	return true, merit.Authorize(ctx, merit.PermSurveyRespond, agencyID)
}

// Surveys lists the agency's surveys, newest first, to a reader of its
// evaluation.
func (db *DB) Surveys(ctx context.Context, agencyID int64) ([]*Survey, error) {
	if err := merit.Authorize(ctx, merit.PermEvaluationRead, agencyID); err != nil {
		return nil, err
	}
	return db.surveys(ctx, "sqldb.Surveys", agencyID, "")
}

// OpenSurveys lists the agency's open surveys to one of its employees
// (survey.respond), for them to answer.
func (db *DB) OpenSurveys(ctx context.Context, agencyID int64) ([]*Survey, error) {
	if err := merit.Authorize(ctx, merit.PermSurveyRespond, agencyID); err != nil {
		return nil, err
	}
	return db.surveys(ctx, "sqldb.OpenSurveys", agencyID, SurveyOpen)
}

// surveys reads the agency's surveys, of one status when status is not "".
func (db *DB) surveys(ctx context.Context, op string, agencyID int64, status string) ([]*Survey, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id FROM survey WHERE agency_id = $1 AND ($2 = '' OR status = $2) ORDER BY year DESC, id DESC`,
		agencyID, status)
	if err != nil {
		return nil, translate(op, err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, translate(op, err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, translate(op, err)
	}
	out := []*Survey{}
	for _, id := range ids {
		s, err := findSurvey(ctx, db.read, agencyID, id)
		if err != nil {
			return nil, translate(op, err)
		}
		out = append(out, s)
	}
	return out, nil
}

// FindSurvey returns one survey with its questions: to a reader of the
// evaluation, or to an employee of the agency while it is open.
func (db *DB) FindSurvey(ctx context.Context, agencyID, id int64) (*Survey, error) {
	const op = "sqldb.FindSurvey"
	employeeOnly, err := authorizeSurveyRead(ctx, agencyID)
	if err != nil {
		return nil, err
	}
	s, err := findSurvey(ctx, db.read, agencyID, id)
	if err == nil && employeeOnly && s.Status != SurveyOpen {
		err = sql.ErrNoRows
	}
	if err != nil {
		return nil, translate(op, err)
	}
	return s, nil
}

func findSurvey(ctx context.Context, q querier, agencyID, id int64) (*Survey, error) {
	s := &Survey{}
	s.AgencyID, s.ID = agencyID, id
	var opened, closed sql.NullTime
	err := q.QueryRowContext(ctx, `SELECT year, title, status, scale_max, min_group, invited, opened_at, closed_at, created_by,
		(SELECT COUNT(*) FROM survey_participation p WHERE p.agency_id = s.agency_id AND p.survey_id = s.id)
		FROM survey s WHERE agency_id = $1 AND id = $2`, agencyID, id).Scan(&s.Year, &s.Title, &s.Status, &s.ScaleMax, &s.MinGroupSize,
		&s.Invited, &opened, &closed, &s.CreatedBy, &s.Responded)
	if err != nil {
		return nil, err
	}
	if opened.Valid {
		t := opened.Time.UTC()
		s.OpenedAt = &t
	}
	if closed.Valid {
		t := closed.Time.UTC()
		s.ClosedAt = &t
	}
	rows, err := q.QueryContext(ctx, `SELECT code, dimension, text FROM survey_question WHERE agency_id = $1 AND survey_id = $2 ORDER BY seq`,
		agencyID, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	s.Questions = []evaluation.Question{}
	for rows.Next() {
		var qu evaluation.Question
		if err := rows.Scan(&qu.Code, &qu.Dimension, &qu.Text); err != nil {
			return nil, err
		}
		s.Questions = append(s.Questions, qu)
	}
	return s, rows.Err()
}

// RespondSurvey records the signed-in employee's one answer to an open
// survey of their agency (survey.respond). In one transaction it records
// THAT the employee answered (survey_participation: a second answer is
// KindConflict) and WHAT was answered (survey_response) with nothing that
// leads back to them: no employee column, a random ID, the day only, and
// the group (the top-level unit) the answers are counted in. The audit
// entry names the participation, never the response.
func (db *DB) RespondSurvey(ctx context.Context, agencyID, surveyID int64, answers []int) error {
	const op = "sqldb.RespondSurvey"
	if err := merit.Authorize(ctx, merit.PermSurveyRespond, agencyID); err != nil {
		return err
	}
	employeeID := int64(0)
	for _, g := range merit.ActorFrom(ctx).Grants {
		if g.AgencyID == agencyID && g.Role == merit.RoleEmployee {
			employeeID = g.EmployeeID
		}
	}
	if employeeID == 0 {
		return merit.Errorf(merit.KindForbidden, op, "survey.err.not_employee")
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		s, err := findSurvey(ctx, tx, agencyID, surveyID)
		if err != nil {
			return err
		}
		if s.Status != SurveyOpen {
			return merit.Errorf(merit.KindConflict, op, "survey.err.not_open")
		}
		if err := s.CheckAnswers(answers); err != nil {
			return err
		}
		group, err := topUnitName(ctx, tx, agencyID, employeeID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO survey_participation (agency_id, survey_id, employee_id) VALUES ($1, $2, $3)
			ON CONFLICT DO NOTHING`, agencyID, surveyID, employeeID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return merit.Errorf(merit.KindConflict, op, "survey.err.answered")
		}
		body, err := json.Marshal(answers)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO survey_response (agency_id, survey_id, id, group_key, answered_on, answers)
			VALUES ($1, $2, $3, $4, $5, $6)`, agencyID, surveyID, randomID(), group, merit.DateOf(tx.now), string(body)); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditCreate, "survey_participation", surveyID, nil, map[string]int64{"surveyId": surveyID})
	}))
}

// randomID is a positive random 63-bit ID: responses get IDs that say
// nothing about the order in which they came in.
func randomID() int64 {
	var b [8]byte
	rand.Read(b[:])
	return int64(binary.BigEndian.Uint64(b[:]) >> 1)
}

// topUnitName is the name of the employee's unit just below the agency's
// root (the dinas or badan), the group a survey response is counted in; ""
// when the employee has no unit or sits in the root itself.
func topUnitName(ctx context.Context, q querier, agencyID, employeeID int64) (string, error) {
	var unit sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT unit_id FROM employee WHERE agency_id = $1 AND id = $2`, agencyID, employeeID).Scan(&unit); err != nil {
		return "", err
	}
	name := ""
	for id := unit.Int64; id != 0; {
		var parent sql.NullInt64
		var n string
		if err := q.QueryRowContext(ctx, `SELECT parent_id, name FROM unit WHERE agency_id = $1 AND id = $2`, agencyID, id).Scan(&parent, &n); err != nil {
			return "", err
		}
		if !parent.Valid {
			break // id is the root
		}
		name, id = n, parent.Int64
	}
	return name, nil
}

// surveyResponses reads the survey's anonymous responses in random ID order: the input of the domain's results, which show only
// groups of at least the survey's threshold.
func surveyResponses(ctx context.Context, q querier, agencyID, surveyID int64) ([]evaluation.Response, error) {
	rows, err := q.QueryContext(ctx, `SELECT group_key, answers FROM survey_response WHERE agency_id = $1 AND survey_id = $2 ORDER BY id`,
		agencyID, surveyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []evaluation.Response
	for rows.Next() {
		var r evaluation.Response
		var body string
		if err := rows.Scan(&r.Group, &body); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(body), &r.Answers); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// SurveyResults aggregates a survey's anonymous responses with the domain's
// rules (evaluation.Survey.Aggregate: the response rate always, answers
// only once enough responded, groups below the survey's threshold pooled
// and not named with their numbers) for a reader of the agency's
// evaluation. An employee never reads results through it.
func (db *DB) SurveyResults(ctx context.Context, agencyID, id int64) (*Survey, *evaluation.SurveyResult, error) {
	const op = "sqldb.SurveyResults"
	if err := merit.Authorize(ctx, merit.PermEvaluationRead, agencyID); err != nil {
		return nil, nil, err
	}
	s, err := findSurvey(ctx, db.read, agencyID, id)
	if err != nil {
		return nil, nil, translate(op, err)
	}
	r, err := surveyResult(ctx, db.read, s)
	if err != nil {
		return nil, nil, translate(op, err)
	}
	return s, r, nil
}

func surveyResult(ctx context.Context, q querier, s *Survey) (*evaluation.SurveyResult, error) {
	responses, err := surveyResponses(ctx, q, s.AgencyID, s.ID)
	if err != nil {
		return nil, err
	}
	r, err := s.Aggregate(responses)
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// surveyScore is the agency's employee-survey score of a year for the 2025
// index: the score of its latest survey of that year that has taken answers
// (open or closed); 0 when there is none or too few answered for a result
// to be shown (decisions.md "Anonymous employee survey").
func surveyScore(ctx context.Context, q querier, agencyID int64, year int) (evaluation.Score, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT id FROM survey WHERE agency_id = $1 AND year = $2 AND status <> $3 ORDER BY id DESC LIMIT 1`,
		agencyID, year, SurveyDraft).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	s, err := findSurvey(ctx, q, agencyID, id)
	if err != nil {
		return 0, err
	}
	r, err := surveyResult(ctx, q, s)
	if err != nil || !r.Shown {
		return 0, err
	}
	return r.Score, nil
}
