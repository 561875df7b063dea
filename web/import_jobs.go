package web

import (
	"crypto/rand"
	"encoding/hex"
	"slices"
	"sync"
	"time"

	"merit/importer"
)

// importJob is one uploaded file being imported in the background. The
// upload's request returns at once; the job page reloads itself until the
// job is done and then shows its report.
type importJob struct {
	ID          string
	UserID      int64
	AgencyID    int64
	FileName    string
	DryRun      bool
	SkipInvalid bool
	Started     time.Time

	mu       sync.Mutex
	progress importer.Progress
	done     bool
	finished time.Time
	report   *importer.Report
	err      error
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
	Progress importer.Progress
	Done     bool
	Finished time.Time
	Report   *importer.Report
	Err      error
}

func (j *importJob) state() jobState {
	j.mu.Lock()
	defer j.mu.Unlock()
	return jobState{Progress: j.progress, Done: j.done, Finished: j.finished, Report: j.report, Err: j.err}
}

// importJobs is the in-memory table of import jobs by random ID. A job is
// visible only to the user who started it, in its agency; finished jobs are
// forgotten after jobTTL. A restart forgets all jobs: their imports were
// each one transaction, so nothing is left half-written.
type importJobs struct {
	mu   sync.Mutex
	jobs map[string]*importJob
}

// jobTTL is how long a finished job's report stays available.
const jobTTL = 2 * time.Hour

func newImportJobs() *importJobs { return &importJobs{jobs: map[string]*importJob{}} }

// add gives the job a new random ID and stores it.
func (js *importJobs) add(j *importJob) {
	b := make([]byte, 16)
	rand.Read(b)
	j.ID = hex.EncodeToString(b)
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

// recent returns the user's jobs in the agency, newest first.
func (js *importJobs) recent(userID, agencyID int64) []*importJob {
	js.mu.Lock()
	defer js.mu.Unlock()
	var out []*importJob
	for _, j := range js.jobs {
		if j.UserID == userID && j.AgencyID == agencyID {
			out = append(out, j)
		}
	}
	slices.SortFunc(out, func(a, b *importJob) int { return b.Started.Compare(a.Started) })
	return out
}
