package web_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"merit"
	"merit/auth"
	"merit/internal/testdb"
	"merit/server"
	"merit/sqldb"
	"merit/web"
)

// restarted serves a new server over the same database, as after "merit
// serve" is restarted: nothing of the old process's memory is left.
func (a *app) restarted() *app {
	b := *a
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	sessions := auth.NewSessions(a.db, auth.Cheap)
	deps := server.Deps{DB: a.db, Sessions: sessions, Logger: logger}
	ts := httptest.NewServer((&server.Server{DB: a.db, Sessions: sessions, Logger: logger, Web: web.New(deps)}).Handler())
	a.t.Cleanup(ts.Close)
	b.url = ts.URL
	return &b
}

// An import's report, and the list of the user's imports, still show after
// the server restarts: counts, the row errors (the stored first 1,000 of
// them, with the total) and the rejects file; a job that was running when
// the server stopped shows as interrupted.
func TestImportJobsSurviveRestart(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 2)
		u := a.signIn("operator")
		rows := []map[string]string{goodRow}
		for i := range 1100 {
			r := map[string]string{}
			for k, v := range badRow {
				r[k] = v
			}
			r["nipBaru"] = fmt.Sprintf("1991020220160420%02d", i%100) + strings.Repeat("9", i/100) // too long after the first 100
			rows = append(rows, r)
		}
		job := u.postFile("/a/kota-magelang/impor", "pegawai-banyak.csv", employeeCSV(rows...), nil).path
		live := u.finished(job)
		counts := map[string]string{}
		for _, name := range []string{"rows", "inserted", "updated", "unchanged", "rejected"} {
			counts[name] = textOf(live.one("[data-count=" + name + "]"))
		}
		if counts["rows"] != "1.101" || counts["rejected"] != "1.100" {
			t.Fatalf("live counts %v", counts)
		}
		liveErrors := live.texts("#row-errors tbody tr")
		liveMore := textOf(live.one(".card-foot"))
		liveRejects := rejectRows(t, u.get(job+"/ditolak").want(http.StatusOK).body)
		if len(liveErrors) != 500 || liveRejects <= 1000 {
			t.Fatalf("live report: %d errors shown, %d in the rejects file", len(liveErrors), liveRejects)
		}

		// A job stored as running that no process runs: the server stopped.
		op, _, err := db.UserForSignIn(testdb.System(), "operator")
		if err != nil {
			t.Fatal(err)
		}
		ctx := merit.WithActor(context.Background(), op.Actor())
		if err := db.CreateImportJob(ctx, &sqldb.ImportJob{AgencyID: a.agency.ID, ID: "terputus", FileName: "terputus.xlsx",
			Started: time.Now().Add(-time.Minute)}); err != nil {
			t.Fatal(err)
		}

		b := a.restarted()
		v := b.signIn("operator")
		p := v.get(job).want(http.StatusOK)
		if len(p.all("meta[http-equiv=refresh]")) != 0 {
			t.Fatalf("the finished import runs again after the restart")
		}
		for name, want := range counts {
			if got := textOf(p.one("[data-count=" + name + "]")); got != want {
				t.Errorf("after restart, %s = %s, want %s", name, got, want)
			}
		}
		if got := p.texts("#row-errors tbody tr"); strings.Join(got, "\n") != strings.Join(liveErrors, "\n") {
			t.Errorf("after restart the row errors differ: %d rows, first %q", len(got), got[0])
		}
		if got := textOf(p.one(".card-foot")); got != liveMore {
			t.Errorf("after restart: %q, want %q", got, liveMore)
		}
		if n := rejectRows(t, v.get(job+"/ditolak").want(http.StatusOK).body); n != sqldb.MaxImportJobErrors {
			t.Errorf("rejects file after restart: %d rows, want the stored %d", n, sqldb.MaxImportJobErrors)
		}

		p = v.get("/a/kota-magelang/impor/terputus").want(http.StatusOK)
		if len(p.all("#import-interrupted")) != 1 || len(p.all("meta[http-equiv=refresh]")) != 0 {
			t.Errorf("interrupted job: %q", p.text())
		}
		list := v.get("/a/kota-magelang/impor").want(http.StatusOK).texts("table tbody tr")
		if len(list) != 2 || !strings.Contains(list[0], "pegawai-banyak.csv") || !strings.Contains(list[0], "1.100 ditolak") ||
			!strings.Contains(list[1], "terputus.xlsx") || !strings.Contains(list[1], "Terputus") {
			t.Errorf("imports list after restart: %q", list)
		}
		// Still the user's own: another operator finds neither.
		g := b.signIn("ganda")
		g.get(job).want(http.StatusNotFound)
		g.get("/a/kota-magelang/impor/terputus").want(http.StatusNotFound)
	})
}

// rejectRows counts the data rows of a rejects file.
func rejectRows(t *testing.T, body string) int {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return len(recs) - 1
}
