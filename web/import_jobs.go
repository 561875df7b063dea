package web

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"sync"
	"time"

	"merit"
	"merit/importer"
	"merit/sqldb"
)

// importJob is one uploaded file being imported in the background. The
// upload's request returns at once; the job page reloads itself until the
// job is done and then shows its report. Each job is also stored (see
// sqldb.ImportJob): the live progress is only in memory, the outcome
// outlives the process.
type importJob struct {
	ID          string
	UserID      int64
	AgencyID    int64
	FileName    string
	DryRun      bool
	SkipInvalid bool
	Started     time.Time

	mu          sync.Mutex
	progress    importer.Progress
	done        bool
	finished    time.Time
	report      *importer.Report
	err         error
	interrupted bool // stored as running, yet no server process runs it
	errorsTotal int  // row errors in all; the report read back keeps only the first
}

// setProgress records the importer's progress (called from the import).
func (j *importJob) setProgress(p importer.Progress) {
	j.mu.Lock()
	j.progress = p
	j.mu.Unlock()
}

// finish records the outcome.
func (j *importJob) finish(rep *importer.Report, err error) {
	j.mu.Lock()
	j.done, j.finished, j.report, j.err = true, time.Now(), rep, err
	j.mu.Unlock()
}

// jobState is a consistent copy of a job's changing fields.
type jobState struct {
	Progress    importer.Progress
	Done        bool
	Finished    time.Time
	Report      *importer.Report
	Err         error
	Interrupted bool
	ErrorsTotal int // row errors in all (Report.Errors may hold only the first)
}

func (j *importJob) state() jobState {
	j.mu.Lock()
	defer j.mu.Unlock()
	st := jobState{Progress: j.progress, Done: j.done, Finished: j.finished, Report: j.report, Err: j.err,
		Interrupted: j.interrupted, ErrorsTotal: j.errorsTotal}
	if j.report != nil && st.ErrorsTotal == 0 {
		st.ErrorsTotal = len(j.report.Errors)
	}
	return st
}

// record is the job as stored: when started (running) or with its outcome
// once done, the row errors cut to sqldb.MaxImportJobErrors.
func (j *importJob) record() (*sqldb.ImportJob, error) {
	st := j.state()
	rec := &sqldb.ImportJob{AgencyID: j.AgencyID, ID: j.ID, UserID: j.UserID, FileName: j.FileName, DryRun: j.DryRun,
		SkipInvalid: j.SkipInvalid, Started: j.Started, Finished: st.Finished, Status: sqldb.ImportRunning}
	switch {
	case !st.Done:
	case st.Err != nil:
		rec.Status = sqldb.ImportFailed
		rec.Failure = &merit.Error{Kind: merit.KindOf(st.Err), Code: merit.CodeOf(st.Err), Fields: merit.FieldsOf(st.Err)}
	default:
		r := st.Report
		rec.Status, rec.Rows, rec.Inserted, rec.Updated, rec.Unchanged = sqldb.ImportDone, r.Rows, r.Inserted, r.Updated, r.Unchanged
		rec.Rejected, rec.Written, rec.ErrorsTotal = r.Rejected, r.Written, len(r.Errors)
		b, err := json.Marshal(r.Errors[:min(len(r.Errors), sqldb.MaxImportJobErrors)])
		if err != nil {
			return nil, err
		}
		rec.Errors = b
	}
	return rec, nil
}

// jobFromRecord rebuilds a stored job that no server process holds in
// memory: done, failed, or interrupted when it was stored as running.
func jobFromRecord(rec *sqldb.ImportJob) (*importJob, error) {
	j := &importJob{ID: rec.ID, UserID: rec.UserID, AgencyID: rec.AgencyID, FileName: rec.FileName, DryRun: rec.DryRun,
		SkipInvalid: rec.SkipInvalid, Started: rec.Started, done: true, finished: rec.Finished, errorsTotal: rec.ErrorsTotal}
	switch rec.Status {
	case sqldb.ImportRunning:
		j.interrupted = true
	case sqldb.ImportFailed:
		j.err = rec.Failure
	default:
		j.report = &importer.Report{Rows: rec.Rows, Inserted: rec.Inserted, Updated: rec.Updated, Unchanged: rec.Unchanged,
			Rejected: rec.Rejected, Written: rec.Written}
		if len(rec.Errors) > 0 {
			d := json.NewDecoder(bytes.NewReader(rec.Errors))
			d.UseNumber() // message arguments print as they were reported
			if err := d.Decode(&j.report.Errors); err != nil {
				return nil, err
			}
		}
	}
	return j, nil
}

// importJobs is the in-memory table of import jobs by random ID: the
// running ones with their live progress, and the finished ones for jobTTL
// with every row error (for the rejects file). A job is visible only to the
// user who started it, in its agency. After a restart the stored jobs
// (sqldb.ImportJob) show instead; a job that was running then shows as
// interrupted: its import was one transaction, so nothing is half-written.
type importJobs struct {
	mu   sync.Mutex
	jobs map[string]*importJob
}

// jobTTL is how long a finished job's whole report stays in memory; the
// stored report (the first sqldb.MaxImportJobErrors row errors) stays
// sqldb.ImportJobRetention.
const jobTTL = 2 * time.Hour

func newImportJobs() *importJobs { return &importJobs{jobs: map[string]*importJob{}} }

// newJobID returns a new random job ID.
func newJobID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// add keeps the job in memory.
func (js *importJobs) add(j *importJob) {
	js.mu.Lock()
	defer js.mu.Unlock()
	for id, old := range js.jobs {
		if st := old.state(); st.Done && time.Since(st.Finished) > jobTTL {
			delete(js.jobs, id)
		}
	}
	js.jobs[j.ID] = j
}

// get returns the job if it belongs to the user and the agency.
func (js *importJobs) get(id string, userID, agencyID int64) (*importJob, bool) {
	js.mu.Lock()
	defer js.mu.Unlock()
	j, ok := js.jobs[id]
	if !ok || j.UserID != userID || j.AgencyID != agencyID {
		return nil, false
	}
	return j, true
}
