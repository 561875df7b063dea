package sqldb_test

import (
	"context"
	"testing"

	"merit"
	"merit/evaluation"
	"merit/internal/testdb"
	"merit/sqldb"
)

// A new version of the JPT index, imported by the platform, is what a new
// year's index is computed with; a year computed before keeps its version
// and its stored result, also when recomputed; a version in use is not
// changed.
func TestJPTIndexVersions(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ag, _ := testdb.Agency(t, db, "kota-jpt-versi")
		ev := roleIn(merit.RoleEvaluator, ag.ID)
		platform := merit.WithActor(context.Background(), &merit.Actor{UserID: 1, Username: "platform", PlatformAdmin: true})
		seed := evaluation.SeedJPT()
		list, err := db.JPTIndexVersions(ev)
		if err != nil || len(list) != 1 || list[0].Version != seed.Version || !list[0].Unverified {
			t.Fatalf("seeded versions %+v %v", list, err)
		}
		if _, err := db.JPTIndexVersions(context.Background()); merit.KindOf(err) != merit.KindUnauthenticated {
			t.Errorf("anonymous list: %v", err)
		}
		scores := map[string]evaluation.Score{}
		for _, d := range seed.Dimensions {
			for _, ind := range d.Indicators {
				scores[ind.Code] = ind.Max
				if d.Sign < 0 {
					scores[ind.Code] = 0
				}
			}
		}
		old, err := db.ComputeJPTIndex(ev, ag.ID, 2023, scores)
		if err != nil || old.Index != seed.Ref() || old.Result.Band.Code != "sangat-baik" {
			t.Fatalf("2023 on the seed: %+v %v", old, err)
		}

		// Version 2021.10 (after 2021.9, so after 2021.1) has no Sangat Baik band.
		next := evaluation.SeedJPT()
		next.Version, next.Unverified = "2021.10", false
		next.Bands = next.Bands[:3]
		if err := db.SaveJPTIndex(roleIn(merit.RoleAdmin, ag.ID), next); merit.KindOf(err) != merit.KindForbidden {
			t.Errorf("agency admin imports: %v", err)
		}
		bad := *next
		bad.Bands = nil
		if err := db.SaveJPTIndex(platform, &bad); merit.KindOf(err) != merit.KindInvalid {
			t.Errorf("index without bands: %v", err)
		}
		if err := db.SaveJPTIndex(platform, next); err != nil {
			t.Fatal(err)
		}
		nine := evaluation.SeedJPT()
		nine.Version = "2021.9"
		if err := db.SaveJPTIndex(platform, nine); err != nil {
			t.Fatal(err)
		}
		if list, _ := db.JPTIndexVersions(ev); len(list) != 3 || list[2].Version != "2021.10" || list[2].UpdatedBy != "platform" {
			t.Errorf("versions %+v", list)
		}
		if got, err := db.JPTIndexVersion(ev, "2021.10"); err != nil || len(got.Bands) != 3 || got.Unverified {
			t.Errorf("stored 2021.10 %+v %v", got, err)
		}
		if _, err := db.JPTIndexVersion(ev, "1999.1"); merit.KindOf(err) != merit.KindNotFound {
			t.Errorf("unknown version: %v", err)
		}

		r, err := db.ComputeJPTIndex(ev, ag.ID, 2024, scores)
		if err != nil || r.Index.Version != "2021.10" || r.Result.Band.Code != "baik" {
			t.Errorf("2024 on the new version: %+v %v", r, err)
		}
		if got, err := db.JPTIndexOf(ev, ag.ID, 2023); err != nil || got.Index != seed.Ref() || got.Result.Band.Code != "sangat-baik" ||
			!got.ComputedAt.Equal(old.ComputedAt) {
			t.Errorf("2023 after the import %+v %v", got, err)
		}
		if again, err := db.ComputeJPTIndex(ev, ag.ID, 2023, scores); err != nil || again.Index != seed.Ref() || again.Result.Band.Code != "sangat-baik" {
			t.Errorf("2023 recomputed keeps its version: %+v %v", again, err)
		}

		// A version a stored index uses stays as it is; an unused one is corrected.
		if err := db.SaveJPTIndex(platform, seed); merit.KindOf(err) != merit.KindConflict {
			t.Errorf("edit of a used version: %v", err)
		}
		nine.Unverified = false
		if err := db.SaveJPTIndex(platform, nine); err != nil {
			t.Errorf("correction of an unused version: %v", err)
		}
		if list, _ := db.EvaluationInstruments(ev); len(list) != len(evaluation.Seeds()) {
			t.Errorf("the JPT index versions listed among the instruments: %+v", list)
		}
		entries, err := db.FindAudit(testdb.System(), 0, "evaluation_instrument", 0, 10)
		if err != nil || len(entries) != 3 {
			t.Errorf("audit %d %v", len(entries), err)
		}
	})
}
