package sqldb

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"merit"
	"merit/competency"
	"merit/selection"
)

// jptJenis selects the jenis jabatan codes of the JPT group (utama, madya,
// pratama) from the reference data, for the job-fit queries.
const jptJenis = `(SELECT code FROM ref_item WHERE kind = 'jenis_jabatan' AND grp = 'JPT')`

// JobFitPosts returns the agency's JPT posts, the targets a job-fit run may
// take, by unit and name, with their incumbents counted (0: vacant).
func (db *DB) JobFitPosts(ctx context.Context, agencyID int64) ([]*PositionRow, error) {
	const op = "sqldb.JobFitPosts"
	if err := merit.Authorize(ctx, merit.PermSelectionRead, agencyID); err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, positionRowSelect+` WHERE p.agency_id = $1 AND p.jenis IN `+jptJenis+` ORDER BY u.name, p.name, p.id`, agencyID)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	out := []*PositionRow{}
	for rows.Next() {
		p, err := scanPositionRow(rows, agencyID)
		if err != nil {
			return nil, translate(op, err)
		}
		out = append(out, p)
	}
	return out, translate(op, rows.Err())
}

// JobFit computes the job fit (selection.JobFit) of the given JPT posts on
// a date from the registry as it is: every JPT holder of the agency with his
// TMT jabatan and the levels of his current assessment, each post's
// standard and the agency's JPM rule. Nothing is stored; RunJobFit keeps a
// run. A post that is not a JPT post of the agency is a field error.
func (db *DB) JobFit(ctx context.Context, agencyID int64, postIDs []int64, on merit.Date) (*selection.JobFitResult, error) {
	const op = "sqldb.JobFit"
	if err := merit.Authorize(ctx, merit.PermSelectionRead, agencyID); err != nil {
		return nil, err
	}
	in, err := db.jobFitInput(ctx, agencyID, postIDs, on)
	if err != nil {
		return nil, translate(op, err)
	}
	return selection.JobFit(*in), nil
}

func (db *DB) jobFitInput(ctx context.Context, agencyID int64, postIDs []int64, on merit.Date) (*selection.JobFitInput, error) {
	const op = "sqldb.JobFit"
	var fs merit.Fields
	if on.IsZero() {
		fs.Add("on", "field.required", "")
	}
	ids := slices.Compact(slices.Sorted(slices.Values(postIDs)))
	if len(ids) == 0 {
		fs.Add("posts", "jobfit.err.no_posts", "")
	}
	in := &selection.JobFitInput{On: on}
	for _, id := range ids {
		p, err := positionRow(ctx, db.read, agencyID, id)
		if merit.KindOf(translate(op, err)) == merit.KindNotFound {
			fs.Add("posts", "err.not_found", "")
			continue
		}
		if err != nil {
			return nil, err
		}
		var jpt bool
		if err := db.read.QueryRowContext(ctx, `SELECT $1 IN `+jptJenis, p.Jenis).Scan(&jpt); err != nil {
			return nil, err
		}
		if !jpt {
			fs.Add("posts", "jobfit.err.not_jpt", p.Name)
			continue
		}
		s, err := standard(ctx, db.read, agencyID, id)
		if err != nil {
			return nil, err
		}
		in.Posts = append(in.Posts, &selection.JobFitPost{PositionID: p.ID, Name: p.Name, UnitName: p.UnitName, Jenis: p.Jenis, Standard: s.Requirements})
	}
	if err := fs.Err(op); err != nil {
		return nil, err
	}
	var err error
	if in.Rule, err = db.JPMRule(ctx, agencyID); err != nil {
		return nil, err
	}
	if in.Holders, err = jptHolders(ctx, db.read, agencyID); err != nil {
		return nil, err
	}
	return in, nil
}

// jptHolders reads every holder of a JPT post of the agency with the levels
// of his current assessment: two queries, merged by employee ID.
func jptHolders(ctx context.Context, q querier, agencyID int64) ([]*selection.JobFitHolder, error) {
	rows, err := q.QueryContext(ctx, `SELECT e.id, e.nip, e.name, e.position_id, p.name, p.jenis, CAST(e.tmt_jabatan AS TEXT),
		EXISTS (SELECT 1 FROM assessment a WHERE a.agency_id = e.agency_id AND a.employee_id = e.id AND a.current)
		FROM employee e JOIN position p ON p.agency_id = e.agency_id AND p.id = e.position_id
		WHERE e.agency_id = $1 AND p.jenis IN `+jptJenis+` ORDER BY e.id`, agencyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*selection.JobFitHolder
	byID := map[int64]*selection.JobFitHolder{}
	for rows.Next() {
		h := &selection.JobFitHolder{}
		if err := rows.Scan(&h.EmployeeID, &h.NIP, &h.Name, &h.PositionID, &h.PositionName, &h.Jenis, &h.TMTJabatan, &h.Assessed); err != nil {
			return nil, err
		}
		out = append(out, h)
		byID[h.EmployeeID] = h
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	levels, err := q.QueryContext(ctx, `SELECT a.employee_id, l.competency_id, l.level
		FROM assessment a JOIN assessment_level l ON l.agency_id = a.agency_id AND l.assessment_id = a.id
		JOIN employee e ON e.agency_id = a.agency_id AND e.id = a.employee_id
		JOIN position p ON p.agency_id = e.agency_id AND p.id = e.position_id
		WHERE a.agency_id = $1 AND a.current AND p.jenis IN `+jptJenis+` ORDER BY a.employee_id, l.competency_id`, agencyID)
	if err != nil {
		return nil, err
	}
	defer levels.Close()
	for levels.Next() {
		var emp int64
		var l competency.Level
		if err := levels.Scan(&emp, &l.CompetencyID, &l.Level); err != nil {
			return nil, err
		}
		if h := byID[emp]; h != nil {
			h.Levels = append(h.Levels, l)
		}
	}
	return out, levels.Err()
}

// JobFitRun is a stored job-fit run: who ran it when, for which date, and
// its result as it was then.
type JobFitRun struct {
	AgencyID    int64                   `json:"agencyId"`
	ID          int64                   `json:"id"`
	On          merit.Date              `json:"on"`
	RuleVersion int                     `json:"ruleVersion"`
	Posts       int                     `json:"posts"`
	Recommended int                     `json:"recommended"`
	Note        string                  `json:"note,omitempty"`
	CreatedAt   time.Time               `json:"createdAt"`
	CreatedBy   string                  `json:"createdBy"`
	Result      *selection.JobFitResult `json:"result,omitempty"` // only from FindJobFitRun
}

// RunJobFit computes the job fit of the posts on the date (as JobFit) and
// keeps the run with its result, in one audited write, so the
// recommendation made can be shown later as it was.
func (db *DB) RunJobFit(ctx context.Context, agencyID int64, postIDs []int64, on merit.Date, note string) (*JobFitRun, error) {
	const op = "sqldb.RunJobFit"
	if err := merit.Authorize(ctx, merit.PermSelectionManage, agencyID); err != nil {
		return nil, err
	}
	in, err := db.jobFitInput(ctx, agencyID, postIDs, on)
	if err != nil {
		return nil, translate(op, err)
	}
	res := selection.JobFit(*in)
	run := &JobFitRun{AgencyID: agencyID, On: on, RuleVersion: res.RuleVersion, Posts: len(res.Posts), Note: note, Result: res}
	for _, p := range res.Posts {
		if p.Recommended != nil {
			run.Recommended++
		}
	}
	if a := merit.ActorFrom(ctx); a != nil {
		run.CreatedBy = a.Username
	}
	body, err := json.Marshal(res)
	if err != nil {
		return nil, translate(op, err)
	}
	err = db.writeTx(ctx, func(tx *Tx) error {
		if run.ID, err = tx.nextID(ctx, "jobfit_run"); err != nil {
			return err
		}
		run.CreatedAt = tx.now
		if _, err := tx.ExecContext(ctx, `INSERT INTO jobfit_run (agency_id, id, run_on, rule_version, posts, recommended, note, result, created_at, created_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, agencyID, run.ID, on, run.RuleVersion, run.Posts, run.Recommended, note, string(body), tx.now, run.CreatedBy); err != nil {
			return err
		}
		return tx.audit(ctx, agencyID, merit.AuditCreate, "jobfit_run", run.ID, nil, run)
	})
	if err != nil {
		return nil, translate(op, err)
	}
	return run, nil
}

// FindJobFitRuns lists the agency's job-fit runs, newest first, without
// their results.
func (db *DB) FindJobFitRuns(ctx context.Context, agencyID int64) ([]*JobFitRun, error) {
	const op = "sqldb.FindJobFitRuns"
	if err := merit.Authorize(ctx, merit.PermSelectionRead, agencyID); err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT id, run_on, rule_version, posts, recommended, note, created_at, created_by
		FROM jobfit_run WHERE agency_id = $1 ORDER BY id DESC`, agencyID)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	out := []*JobFitRun{}
	for rows.Next() {
		r := &JobFitRun{AgencyID: agencyID}
		if err := rows.Scan(&r.ID, &r.On, &r.RuleVersion, &r.Posts, &r.Recommended, &r.Note, &r.CreatedAt, &r.CreatedBy); err != nil {
			return nil, translate(op, err)
		}
		out = append(out, r)
	}
	return out, translate(op, rows.Err())
}

// FindJobFitRun returns one run with its result.
func (db *DB) FindJobFitRun(ctx context.Context, agencyID, id int64) (*JobFitRun, error) {
	const op = "sqldb.FindJobFitRun"
	if err := merit.Authorize(ctx, merit.PermSelectionRead, agencyID); err != nil {
		return nil, err
	}
	r := &JobFitRun{AgencyID: agencyID, ID: id}
	var body string
	err := db.read.QueryRowContext(ctx, `SELECT run_on, rule_version, posts, recommended, note, created_at, created_by, result
		FROM jobfit_run WHERE agency_id = $1 AND id = $2`, agencyID, id).
		Scan(&r.On, &r.RuleVersion, &r.Posts, &r.Recommended, &r.Note, &r.CreatedAt, &r.CreatedBy, &body)
	if err != nil {
		return nil, translate(op, err)
	}
	if err := json.Unmarshal([]byte(body), &r.Result); err != nil {
		return nil, translate(op, err)
	}
	return r, nil
}
