package sqldb_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

// The backup is made while another goroutine keeps writing, and restores to
// a database holding a consistent snapshot: every employee it has is whole,
// and everything written before the backup started is in it.
func TestBackupWhileWriting(t *testing.T) {
	db := testdb.Open(t, sqldb.SQLite)
	ctx := testdb.System()
	a, _ := testdb.Agency(t, db, "kota-backup")
	for i := 1; i <= 50; i++ {
		if err := db.CreateEmployee(ctx, testdb.Employee(a.ID, i)); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 51; i < 999; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := db.CreateEmployee(ctx, testdb.Employee(a.ID, i)); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	path := filepath.Join(t.TempDir(), "backup.db")
	if err := db.Backup(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()
	if err := db.Backup(context.Background(), path); err == nil {
		t.Error("Backup overwrote an existing file")
	}

	restored, err := sqldb.Open(context.Background(), "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	if ok, err := restored.UpToDate(context.Background()); !ok || err != nil {
		t.Fatalf("restored schema up to date: %v %v", ok, err)
	}
	list, total, err := restored.FindEmployees(ctx, merit.EmployeeFilter{AgencyID: a.ID, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if total < 50 {
		t.Fatalf("restored %d employees, want at least the 50 written before the backup", total)
	}
	for _, e := range list {
		orig, err := db.FindEmployeeByID(ctx, a.ID, e.ID)
		if err != nil {
			t.Fatalf("employee %d in backup but not in source: %v", e.ID, err)
		}
		if orig.NIP != e.NIP || orig.Name != e.Name || orig.BirthDate != e.BirthDate || orig.Golongan != e.Golongan {
			t.Errorf("employee %d differs: %+v vs %+v", e.ID, e, orig)
		}
	}
}
