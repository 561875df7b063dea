package sqldb_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

// An import job is stored when it starts and finished with its report;
// each user sees only their own jobs, newest first; a failure keeps its
// kind, code and fields; jobs older than 30 days are pruned.
func TestImportJobs(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a, _ := testdb.Agency(t, db, "kota-impor")
		as := func(id int64, role merit.Role) context.Context {
			return merit.WithActor(context.Background(), &merit.Actor{UserID: id, Username: "u", Grants: []merit.Grant{{AgencyID: a.ID, Role: role}}})
		}
		op, other, viewer := as(11, merit.RoleOperator), as(12, merit.RoleOperator), as(13, merit.RoleViewer)
		start := time.Now().UTC().Truncate(time.Second)

		j := &sqldb.ImportJob{AgencyID: a.ID, ID: "job-1", FileName: "pegawai.csv", DryRun: true, Started: start}
		if err := db.CreateImportJob(op, j); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindImportJob(op, a.ID, "job-1")
		if err != nil || got.Status != sqldb.ImportRunning || got.UserID != 11 || !got.DryRun || got.SkipInvalid || !got.Finished.IsZero() ||
			!got.Started.Equal(start) {
			t.Fatalf("running job: %+v, %v", got, err)
		}
		j.Status, j.Finished, j.Rows, j.Inserted, j.Rejected, j.ErrorsTotal = sqldb.ImportDone, start.Add(time.Minute), 1500, 0, 1200, 1200
		j.Errors = json.RawMessage(`[{"row":2,"column":"nipBaru","value":"1.98E+17","code":"import.nip_scientific","args":[123456789012]}]`)
		if err := db.FinishImportJob(op, j); err != nil {
			t.Fatal(err)
		}
		got, err = db.FindImportJob(op, a.ID, "job-1")
		if err != nil || got.Status != sqldb.ImportDone || got.Rows != 1500 || got.Rejected != 1200 || got.ErrorsTotal != 1200 ||
			!got.Finished.Equal(start.Add(time.Minute)) || got.Written {
			t.Fatalf("finished job: %+v, %v", got, err)
		}
		var errs []map[string]any
		if err := json.Unmarshal(got.Errors, &errs); err != nil || len(errs) != 1 || errs[0]["value"] != "1.98E+17" {
			t.Errorf("row errors: %s, %v", got.Errors, err)
		}

		failed := &sqldb.ImportJob{AgencyID: a.ID, ID: "job-2", FileName: "rusak.xlsx", Started: start.Add(time.Hour)}
		if err := db.CreateImportJob(op, failed); err != nil {
			t.Fatal(err)
		}
		failed.Status, failed.Finished = sqldb.ImportFailed, start.Add(time.Hour)
		failed.Failure = merit.Invalid("x", merit.FieldError{Field: "file", Code: "import.bad_file", Args: []any{"XLSX"}})
		if err := db.FinishImportJob(op, failed); err != nil {
			t.Fatal(err)
		}
		got, err = db.FindImportJob(op, a.ID, "job-2")
		if err != nil || got.Failure == nil || got.Failure.Kind != merit.KindInvalid || len(got.Failure.Fields) != 1 ||
			got.Failure.Fields[0].Args[0] != "XLSX" {
			t.Fatalf("failed job: %+v, %v", got, err)
		}

		list, err := db.FindImportJobs(op, a.ID, 10)
		if err != nil || len(list) != 2 || list[0].ID != "job-2" || list[1].ID != "job-1" || list[1].Errors != nil {
			t.Fatalf("list: %+v, %v", list, err)
		}
		// Another user sees none of them and cannot finish them.
		if list, err := db.FindImportJobs(other, a.ID, 10); err != nil || len(list) != 0 {
			t.Errorf("other user's list: %d, %v", len(list), err)
		}
		if _, err := db.FindImportJob(other, a.ID, "job-1"); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("other user's job: %v", err)
		}
		if err := db.FinishImportJob(other, j); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("other user finishing: %v", err)
		}
		// A viewer may not import.
		if err := db.CreateImportJob(viewer, &sqldb.ImportJob{AgencyID: a.ID, ID: "v", FileName: "x.csv", Started: start}); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("viewer: %v", err)
		}

		// A new job prunes the jobs older than the retention.
		old := &sqldb.ImportJob{AgencyID: a.ID, ID: "job-old", FileName: "lama.csv", Started: time.Now().Add(-sqldb.ImportJobRetention - time.Hour)}
		if err := db.CreateImportJob(op, old); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateImportJob(op, &sqldb.ImportJob{AgencyID: a.ID, ID: "job-3", FileName: "baru.csv", Started: time.Now()}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindImportJob(op, a.ID, "job-old"); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("job older than the retention: %v", err)
		}
		if _, err := db.FindImportJob(op, a.ID, "job-1"); err != nil {
			t.Errorf("recent job pruned: %v", err)
		}
	})
}
