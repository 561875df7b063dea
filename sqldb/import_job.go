package sqldb

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"merit"
)

// Statuses of an import job.
const (
	ImportRunning = "running" // or interrupted, when no server process holds the job (see web/import_jobs.go)
	ImportDone    = "done"    // the report is complete (written or not, see Written)
	ImportFailed  = "failed"  // the file could not be imported at all (Failure says why)
)

// MaxImportJobErrors is how many row errors a stored job report keeps;
// ErrorsTotal counts them all.
const MaxImportJobErrors = 1000

// ImportJobRetention is how long a job and its report are kept.
const ImportJobRetention = 30 * 24 * time.Hour

// ImportJob is one upload of the web import page and its outcome, stored so
// the jobs list and the report outlive the server process. Errors holds the
// first row errors as the importer reported them (a JSON array, encoded
// and decoded by the caller, which owns their shape).
type ImportJob struct {
	AgencyID    int64
	ID          string
	UserID      int64
	FileName    string
	DryRun      bool
	SkipInvalid bool
	Started     time.Time
	Finished    time.Time // zero while running
	Status      string
	Rows        int
	Inserted    int
	Updated     int
	Unchanged   int
	Rejected    int
	Written     bool
	Errors      json.RawMessage
	ErrorsTotal int
	Failure     *merit.Error // why the import failed as a whole; kind, code and fields only
}

// CreateImportJob stores a new running job of the context actor and prunes
// the agency's jobs older than ImportJobRetention.
func (db *DB) CreateImportJob(ctx context.Context, j *ImportJob) error {
	const op = "sqldb.CreateImportJob"
	if err := merit.Authorize(ctx, merit.PermImport, j.AgencyID); err != nil {
		return err
	}
	j.UserID, j.Status = merit.ActorFrom(ctx).UserID, ImportRunning
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM import_job WHERE agency_id = $1 AND started_at < $2`,
			j.AgencyID, tx.now.Add(-ImportJobRetention)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO import_job (agency_id, id, user_id, file_name, dry_run, skip_invalid, started_at, status)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			j.AgencyID, j.ID, j.UserID, j.FileName, j.DryRun, j.SkipInvalid, j.Started.UTC(), j.Status)
		return err
	}))
}

// FinishImportJob records a job's outcome: its status, finish time, counts,
// row errors (at most MaxImportJobErrors kept) and failure.
func (db *DB) FinishImportJob(ctx context.Context, j *ImportJob) error {
	const op = "sqldb.FinishImportJob"
	if err := merit.Authorize(ctx, merit.PermImport, j.AgencyID); err != nil {
		return err
	}
	errs := j.Errors
	if len(errs) == 0 {
		errs = json.RawMessage("[]")
	}
	failure := ""
	if j.Failure != nil {
		b, err := json.Marshal(storedFailure{Kind: j.Failure.Kind, Code: j.Failure.Code, Fields: j.Failure.Fields})
		if err != nil {
			return translate(op, err)
		}
		failure = string(b)
	}
	return translate(op, db.writeTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE import_job SET finished_at = $4, status = $5, rows_read = $6, inserted = $7, updated = $8,
			unchanged = $9, rejected = $10, written = $11, errors = $12, errors_total = $13, failure = $14
			WHERE agency_id = $1 AND id = $2 AND user_id = $3`,
			j.AgencyID, j.ID, merit.ActorFrom(ctx).UserID, j.Finished.UTC(), j.Status, j.Rows, j.Inserted, j.Updated,
			j.Unchanged, j.Rejected, j.Written, string(errs), j.ErrorsTotal, failure)
		if err != nil {
			return err
		}
		return mustAffect(res, op)
	}))
}

// storedFailure is the stored form of ImportJob.Failure.
type storedFailure struct {
	Kind   merit.Kind         `json:"kind"`
	Code   string             `json:"code"`
	Fields []merit.FieldError `json:"fields,omitempty"`
}

// FindImportJob returns one of the context actor's jobs in the agency, with
// its row errors; another user's job is not found.
func (db *DB) FindImportJob(ctx context.Context, agencyID int64, id string) (*ImportJob, error) {
	const op = "sqldb.FindImportJob"
	if err := merit.Authorize(ctx, merit.PermImport, agencyID); err != nil {
		return nil, err
	}
	j, err := scanImportJob(db.read.QueryRowContext(ctx, `SELECT `+importJobColumns+`, errors FROM import_job
		WHERE agency_id = $1 AND id = $2 AND user_id = $3`, agencyID, id, merit.ActorFrom(ctx).UserID), agencyID, true)
	return j, translate(op, err)
}

// FindImportJobs returns the context actor's latest jobs in the agency,
// newest first, without their row errors.
func (db *DB) FindImportJobs(ctx context.Context, agencyID int64, limit int) ([]*ImportJob, error) {
	const op = "sqldb.FindImportJobs"
	if err := merit.Authorize(ctx, merit.PermImport, agencyID); err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+importJobColumns+` FROM import_job
		WHERE agency_id = $1 AND user_id = $2 ORDER BY started_at DESC, id LIMIT $3`, agencyID, merit.ActorFrom(ctx).UserID, limit)
	if err != nil {
		return nil, translate(op, err)
	}
	defer rows.Close()
	var out []*ImportJob
	for rows.Next() {
		j, err := scanImportJob(rows, agencyID, false)
		if err != nil {
			return nil, translate(op, err)
		}
		out = append(out, j)
	}
	return out, translate(op, rows.Err())
}

const importJobColumns = `id, user_id, file_name, dry_run, skip_invalid, started_at, finished_at, status, rows_read,
	inserted, updated, unchanged, rejected, written, errors_total, failure`

func scanImportJob(s scanner, agencyID int64, withErrors bool) (*ImportJob, error) {
	j := &ImportJob{AgencyID: agencyID}
	var finished sql.NullTime
	var failure, errs string
	dest := []any{&j.ID, &j.UserID, &j.FileName, &j.DryRun, &j.SkipInvalid, &j.Started, &finished, &j.Status, &j.Rows,
		&j.Inserted, &j.Updated, &j.Unchanged, &j.Rejected, &j.Written, &j.ErrorsTotal, &failure}
	if withErrors {
		dest = append(dest, &errs)
	}
	if err := s.Scan(dest...); err != nil {
		return nil, err
	}
	j.Finished = finished.Time
	if withErrors {
		j.Errors = json.RawMessage(errs)
	}
	if failure != "" {
		var f storedFailure
		d := json.NewDecoder(bytes.NewReader([]byte(failure)))
		d.UseNumber() // message arguments print as they were stored
		if err := d.Decode(&f); err != nil {
			return nil, err
		}
		j.Failure = &merit.Error{Kind: f.Kind, Op: "import", Code: f.Code, Fields: f.Fields}
	}
	return j, nil
}
