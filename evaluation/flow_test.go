package evaluation

import (
	"slices"
	"testing"
	"time"

	"merit"
)

func TestMoves(t *testing.T) {
	allowed := map[[2]Status]bool{
		{Draft, Submitted}: true, {Submitted, Draft}: true, {Submitted, Verified}: true, {Verified, Ditetapkan}: true,
	}
	for _, from := range Statuses {
		for _, to := range Statuses {
			if _, ok := MoveFor(from, to); ok != allowed[[2]Status{from, to}] {
				t.Errorf("%s → %s allowed = %t", from, to, ok)
			}
		}
	}
	if m, _ := MoveFor(Draft, Submitted); m.Permission != merit.PermEvaluationWrite {
		t.Errorf("submitting needs %s", m.Permission)
	}
	if m, _ := MoveFor(Submitted, Verified); m.Permission != merit.PermEvaluationVerify {
		t.Errorf("verifying needs %s", m.Permission)
	}
}

// assessment returns a draft on the KASN seed with every self level at self.
func assessment(in *Instrument, self int) *Assessment {
	a := &Assessment{AgencyID: 1, Year: 2021, Instrument: in.Ref(), Status: Draft, Team: []TeamMember{{Name: "Ketua", Role: "ketua"}}}
	for _, ind := range in.Indicators() {
		a.Entries = append(a.Entries, IndicatorEntry{Indicator: ind.Code, SelfLevel: self})
	}
	return a
}

func TestTransitionChecks(t *testing.T) {
	in := Seed(InstrumentKASN2018)
	at := time.Date(2021, 9, 1, 10, 0, 0, 0, time.UTC)

	a := assessment(in, 3)
	a.Entries[4].SelfLevel = 0
	a.Team = nil
	err := a.Transition(in, Submitted, at)
	if f := fieldsOf(err); !slices.Contains(f, "entries.2.1.selfLevel=evaluation.err.level_missing") || !slices.Contains(f, "team=field.required") {
		t.Errorf("submit incomplete: %v", f)
	}
	if a.Status != Draft {
		t.Errorf("a failed transition changed the status to %s", a.Status)
	}
	a.Entries[4].SelfLevel, a.Team = 3, []TeamMember{{Name: "Ketua", Role: "ketua"}}
	if err := a.Transition(in, Submitted, at); err != nil || a.Status != Submitted || !a.SubmittedAt.Equal(at) {
		t.Fatalf("submit: %v (%s)", err, a.Status)
	}
	if a.SelfEditable() || !a.VerifyEditable() {
		t.Errorf("submitted: self editable %t, verify editable %t", a.SelfEditable(), a.VerifyEditable())
	}

	if err := a.Transition(in, Ditetapkan, at); merit.KindOf(err) != merit.KindConflict {
		t.Errorf("submitted → ditetapkan skips verification: %v", err)
	}
	for i := range a.Entries {
		a.Entries[i].VerifiedLevel = 3
	}
	a.Entries[0].VerifiedLevel = 2 // lower than the self level, and no note
	a.Entries[1].VerifiedLevel = 0
	err = a.Transition(in, Verified, at)
	if f := fieldsOf(err); !slices.Contains(f, "entries.1.1.verifierNote=evaluation.err.note_required") || !slices.Contains(f, "entries.1.2.verifiedLevel=evaluation.err.level_missing") {
		t.Errorf("verify incomplete: %v", f)
	}
	a.Entries[0].VerifierNote, a.Entries[1].VerifiedLevel = "Rencana belum ditetapkan PPK.", 3
	if err := a.Transition(in, Verified, at); err != nil || a.Status != Verified {
		t.Fatalf("verify: %v", err)
	}
	if err := a.Transition(in, Ditetapkan, at); !slices.Contains(fieldsOf(err), "decree=field.required") {
		t.Errorf("ditetapkan without decree: %v", err)
	}
	a.Decree = "KASN 123/2021"
	if err := a.Transition(in, Ditetapkan, at); err != nil || a.Status != Ditetapkan {
		t.Fatalf("ditetapkan: %v", err)
	}
	for _, to := range Statuses {
		if err := a.Transition(in, to, at); merit.KindOf(err) != merit.KindConflict {
			t.Errorf("ditetapkan → %s: %v, want a conflict", to, err)
		}
	}
}

// TestSelfLevelsNeverLeak: the official score is the verified one whatever
// the self levels say, and there is none before verification.
func TestSelfLevelsNeverLeak(t *testing.T) {
	in := Seed(InstrumentKASN2018)
	magelang := PublishedResults()[0] // 2021, 149.5
	a := assessment(in, 4)            // the agency claims 400
	a.Status = Submitted
	if _, err := a.Official(in); !slices.Contains(fieldsOf(err), "status=evaluation.err.not_verified") {
		t.Errorf("submitted with self levels 400 has an official score: %v", err)
	}
	for i := range a.Entries {
		a.Entries[i].VerifiedLevel = magelang.Levels[a.Entries[i].Indicator]
	}
	for _, status := range []Status{Verified, Ditetapkan} {
		a.Status = status
		r, err := a.Official(in)
		if err != nil || r.Total.String() != "149.5" || r.Category.Code != "buruk" {
			t.Errorf("%s: official %s %s, %v; want 149.5 buruk from verified levels", status, r.Total, r.Category.Code, err)
		}
	}
	// Changing every self level changes nothing.
	for i := range a.Entries {
		a.Entries[i].SelfLevel = 1
	}
	if r, _ := a.Official(in); r.Total.String() != "149.5" {
		t.Errorf("self levels moved the official score to %s", r.Total)
	}
	// A missing verified level is an error, never a partial total.
	a.Entries[7].VerifiedLevel = 0 // indicator 3.1
	if _, err := a.Official(in); !slices.Contains(fieldsOf(err), "levels.3.1=evaluation.err.level_missing") {
		t.Errorf("partial verification: %v", err)
	}
	// Another instrument version does not score it.
	other := Seed(InstrumentKASN2018)
	other.Version = "2024.1"
	if _, err := a.Official(other); !slices.Contains(fieldsOf(err), "instrument=evaluation.err.instrument_mismatch") {
		t.Errorf("other version: %v", err)
	}
}

func TestOfficial2025(t *testing.T) {
	in := Seed(InstrumentPANRB2025)
	a := assessment(in, 5)
	a.Status = Verified
	for i := range a.Entries {
		a.Entries[i].VerifiedLevel = 4
	}
	a.SurveyScore, a.Violations = mustScore(t, "0.8"), 1
	r, err := a.Official(in)
	// (0.75 × 1 + 0.25 × 0.8) × 0.95 = 0.9025
	if err != nil || r.Total.String() != "0.9025" || r.Category.Code != "tinggi" {
		t.Errorf("2025 official: %s %s, %v; want 0.9025 tinggi", r.Total, r.Category.Code, err)
	}
}

func TestNextDue(t *testing.T) {
	for _, tc := range []struct {
		year     int
		category string
		want     int
	}{
		{2023, "sangat-baik", 2025}, {2022, "baik", 2023}, {2021, "kurang", 2022}, {2021, "buruk", 2022}, {2026, "tinggi", 2027},
	} {
		if got := NextDue(tc.year, tc.category); got != tc.want {
			t.Errorf("NextDue(%d, %s) = %d, want %d", tc.year, tc.category, got, tc.want)
		}
	}
}
