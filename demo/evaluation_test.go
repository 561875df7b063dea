package demo

import (
	"testing"

	"merit"
	"merit/evaluation"
	"merit/internal/testdb"
	"merit/sqldb"
)

// The demo holds Kota Magelang's published results (149.5, 273, 337.5) as
// set assessments, a 2026 assessment on the 2025 framework with the
// running survey's score, and the evaluator's agencies: the evaluator sees
// the 2023 ranking with both Sangat Baik results and one assessment queued.
func TestEvaluationDemo(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		res, err := Generate(ctx, db, Options{Seed: 5, Agencies: 1, Employees: 300, Today: testToday})
		if err != nil {
			t.Fatal(err)
		}
		a := res.Agencies[0].Agency
		list, err := db.MeritAssessments(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := map[int]string{2021: "149.5 buruk verified", 2022: "273 baik verified", 2023: "337.5 sangat-baik verified"}
		for _, m := range list {
			got := m.Score.String() + " " + m.Category + " " + string(m.Status)
			if m.Year == 2026 {
				if m.Instrument.Framework != evaluation.InstrumentPANRB2025 || m.Status != evaluation.Verified || m.Score <= 0 {
					t.Errorf("2026: %s on %s", got, m.Instrument)
				}
				continue
			}
			if got != want[m.Year] {
				t.Errorf("%d: %s, want %s", m.Year, got, want[m.Year])
			}
			delete(want, m.Year)
		}
		if len(list) != 4 || len(want) != 0 {
			t.Errorf("%d assessments, missing %v", len(list), want)
		}
		jpt, err := db.JPTIndexOf(ctx, a.ID, 2026)
		if merit.KindOf(err) == merit.KindNotFound {
			jpt, err = db.JPTIndexOf(ctx, a.ID, 2025)
		}
		if err != nil || jpt.Result.Total <= 0 || len(jpt.Inputs.Selections) == 0 {
			t.Errorf("JPT index: %+v %v", jpt, err)
		}
		surveys, err := db.Surveys(ctx, a.ID)
		if err != nil || len(surveys) != 1 || surveys[0].Status != sqldb.SurveyOpen || surveys[0].Responded != demoSurveyAnswers {
			t.Fatalf("surveys: %+v %v", surveys, err)
		}

		if res.Evaluator == nil || res.Evaluator.Username != EvaluatorSignIn {
			t.Errorf("evaluator sign-in %+v", res.Evaluator)
		}
		var ev *merit.User
		users, err := db.FindUsers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range users {
			if u.Username == EvaluatorSignIn {
				ev = u
			}
		}
		if ev == nil || len(ev.Grants) != 1+len(evaluationAgencies) {
			t.Fatalf("evaluator: %+v", ev)
		}
		as := merit.WithActor(ctx, ev.Actor())
		rank, err := db.MeritRankingOf(as, 2023)
		if err != nil {
			t.Fatal(err)
		}
		if len(rank.Ranked) != 2 || rank.Ranked[0].AgencyName != a.Name || rank.Ranked[1].Score.String() != "331.5" {
			t.Errorf("2023 ranking: %d ranked", len(rank.Ranked))
		}
		queue, err := db.VerificationQueue(as)
		if err != nil || len(queue) != 1 || queue[0].AgencyCode != "kab-temanggung" {
			t.Errorf("queue: %v %v", queue, err)
		}
	})
}
