package selection

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"merit/performance"
)

var sealAt = time.Date(2026, 4, 10, 15, 0, 0, 0, time.UTC)

// published returns the fixture with asesmen (stage 3) scored by every
// member and published.
func published(t *testing.T) *Record {
	t.Helper()
	r := fixture(t, 5)
	qualifyAll(t, r)
	mustAdvance(t, r, 3, StageOpen)
	scoreAll(t, r, 3, func(c, m int64, cr string) performance.Hundredths {
		return performance.Hundredths(60_00 + 100*c%7*100 + m*25 + int64(len(cr)))
	})
	mustAdvance(t, r, 3, StageClosed, StagePublished)
	return r
}

func TestSheetBytes(t *testing.T) {
	s := Sheet{SelectionID: 7, Stage: Wawancara, Lines: []Line{
		{"JPT-2026-002", "P1", "visi", 80_00},
		{"JPT-2026-001", "P2", "visi", 75_50},
		{"JPT-2026-001", "P10", "kepemimpinan", 90_05},
		{"JPT-2026-001", "P2", "kepemimpinan", 100_00},
	}}
	want := "selection,stage,previous_seal,candidate,member,criterion,value\n" +
		"7,wawancara,,JPT-2026-001,P10,kepemimpinan,90.05\n" +
		"7,wawancara,,JPT-2026-001,P2,kepemimpinan,100.00\n" +
		"7,wawancara,,JPT-2026-001,P2,visi,75.50\n" +
		"7,wawancara,,JPT-2026-002,P1,visi,80.00\n"
	if got := string(s.Bytes()); got != want {
		t.Errorf("canonical file:\n%s\nwant:\n%s", got, want)
	}
	back, err := ParseSheet([]byte(want))
	if err != nil {
		t.Fatalf("ParseSheet: %v", err)
	}
	if back.SelectionID != 7 || back.Stage != Wawancara || back.Previous != "" || !slices.Equal(back.Lines, s.Lines) {
		t.Errorf("parsed: %+v", back)
	}
}

func TestSealAndVerify(t *testing.T) {
	r := published(t)
	if _, _, err := r.Seal(4, sealAt); kindCode(err) != "conflict/selection.err.not_published" {
		t.Errorf("sealing an unpublished stage: got %s", kindCode(err))
	}
	if err := r.VerifySeal(3); kindCode(err) != "not_found/selection.err.not_sealed" {
		t.Errorf("verify before sealing: got %s", kindCode(err))
	}
	seal, file, err := r.Seal(3, sealAt)
	if err != nil {
		t.Fatal(err)
	}
	// 3 candidates × 5 members (4 for 103) × 3 criteria = 42 lines + header.
	if n := strings.Count(string(file), "\n"); n != 43 {
		t.Errorf("lines: got %d, want 43", n)
	}
	if seal.Seq != 1 || seal.Previous != "" || seal.Hash != Hash(file) || len(seal.Hash) != 64 || seal.Kind != Asesmen {
		t.Errorf("seal: %+v", seal)
	}
	if strings.Contains(string(file), "Calon") {
		t.Error("the file holds a candidate's name")
	}
	// The public recomputes it with sha256sum.
	path := filepath.Join(t.TempDir(), "asesmen.csv")
	if err := os.WriteFile(path, file, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("sha256sum", path).Output(); err != nil {
		t.Logf("sha256sum not run: %v", err)
	} else if got := strings.Fields(string(out))[0]; got != seal.Hash {
		t.Errorf("sha256sum: got %s, want %s", got, seal.Hash)
	}
	if err := r.VerifySeal(3); err != nil {
		t.Errorf("VerifySeal of untouched scores: %v", err)
	}
	if err := VerifyFile(seal, file); err != nil {
		t.Errorf("VerifyFile of the published file: %v", err)
	}
	// One value edited in the database: the seal no longer matches.
	r.Scores[5].Value++
	if err := r.VerifySeal(3); kindCode(err) != "conflict/selection.err.seal_mismatch" {
		t.Errorf("VerifySeal after an edit: got %s", kindCode(err))
	}
	r.Scores[5].Value--
	// One value edited in the published file: the same.
	edited := []byte(strings.Replace(string(file), ",P1,manajerial,", ",P1,manajerial,1", 1))
	if err := VerifyFile(seal, edited); kindCode(err) != "conflict/selection.err.seal_mismatch" {
		t.Errorf("VerifyFile of an edited file: got %s", kindCode(err))
	}
	// A score of a member deleted from the panel cannot be rendered.
	r.Scores = append(r.Scores, Score{StageID: 3, CandidateID: 101, MemberID: 99, Criterion: "teknis"})
	if _, err := r.Sheet(3, ""); err == nil {
		t.Error("Sheet with a score of an unknown member: no error")
	}
}

func TestAmend(t *testing.T) {
	r := published(t)
	if _, _, _, err := r.Amend(3, []Score{{CandidateID: 101, MemberID: 1, Criterion: "teknis", Value: 1}}, "salah ketik", 1, sealAt); kindCode(err) != "conflict/selection.err.not_published" {
		t.Errorf("amend before sealing: got %s", kindCode(err))
	}
	first, _, err := r.Seal(3, sealAt)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		changes []Score
		reason  string
		want    []string
	}{
		{"no reason", []Score{{CandidateID: 101, MemberID: 1, Criterion: "teknis", Value: 1}}, " ", []string{"reason=field.required"}},
		{"no changes", nil, "x", []string{"scores=field.required"}},
		{"no such cell", []Score{{CandidateID: 103, MemberID: 2, Criterion: "teknis", Value: 1}}, "x", []string{"scores=selection.err.no_such_score"}},
		{"above the maximum", []Score{{CandidateID: 101, MemberID: 1, Criterion: "teknis", Value: 100_01}}, "x", []string{"value=field.range"}},
	}
	for _, tt := range tests {
		if _, _, _, err := r.Amend(3, tt.changes, tt.reason, 1, sealAt); !slices.Equal(fieldCodes(err), tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, fieldCodes(err), tt.want)
		}
	}
	i := slices.IndexFunc(r.Scores, func(s Score) bool { return s.CandidateID == 101 && s.MemberID == 1 && s.Criterion == "teknis" })
	old := r.Scores[i].Value
	later := sealAt.Add(time.Hour)
	a, seal, file, err := r.Amend(3, []Score{{CandidateID: 101, MemberID: 1, Criterion: "teknis", Value: 88_00}}, "Salah ketik pada lembar P1", 4, later)
	if err != nil {
		t.Fatal(err)
	}
	if r.Scores[i].Value != 88_00 {
		t.Errorf("score not changed: %s", r.Scores[i].Value)
	}
	if a.Before != "7,asesmen,,JPT-2026-001,P1,teknis,"+old.String()+"\n" || a.After != "7,asesmen,,JPT-2026-001,P1,teknis,88.00\n" || a.SealHash != seal.Hash || a.By != 4 {
		t.Errorf("amendment: %+v", a)
	}
	if seal.Seq != 2 || seal.Previous != first.Hash || seal.Hash != Hash(file) || !strings.Contains(string(file), ",asesmen,"+first.Hash+",") {
		t.Errorf("re-seal: %+v", seal)
	}
	if last, _ := r.LastSeal(3); last != seal || len(r.Amendments) != 1 {
		t.Errorf("last seal %+v, amendments %d", last, len(r.Amendments))
	}
	if err := r.VerifySeal(3); err != nil {
		t.Errorf("VerifySeal after the amendment: %v", err)
	}
	if err := VerifyFile(seal, file); err != nil {
		t.Errorf("VerifyFile after the amendment: %v", err)
	}
	// The first file still verifies against the first seal.
	prev := first
	prev.Previous = "0000"
	if err := VerifyFile(prev, file); kindCode(err) != "conflict/selection.err.seal_mismatch" {
		t.Errorf("file against another seal: got %s", kindCode(err))
	}
}

func TestParseSheetRejects(t *testing.T) {
	h := SheetHeader + "\n"
	tests := []struct {
		name, file, want string
	}{
		{"CRLF", strings.ReplaceAll(h+"7,asesmen,,A,P1,x,1.00\n", "\n", "\r\n"), "selection.err.sheet_line_ends"},
		{"no final LF", h + "7,asesmen,,A,P1,x,1.00", "selection.err.sheet_line_ends"},
		{"header only", h, "selection.err.sheet_empty"},
		{"other header", "a,b,c,d,e,f,g\n7,asesmen,,A,P1,x,1.00\n", "selection.err.sheet_header"},
		{"six fields", h + "7,asesmen,A,P1,x,1.00\n", "selection.err.sheet_csv"},
		{"value 1.5", h + "7,asesmen,,A,P1,x,1.5\n", "selection.err.sheet_value"},
		{"value 01.50", h + "7,asesmen,,A,P1,x,01.50\n", "selection.err.sheet_value"},
		{"unknown stage", h + "7,lari,,A,P1,x,1.00\n", "selection.err.sheet_stage"},
		{"selection 07", h + "07,asesmen,,A,P1,x,1.00\n", "selection.err.sheet_stage"},
		{"two stages", h + "7,asesmen,,A,P1,x,1.00\n7,makalah,,A,P1,y,1.00\n", "selection.err.sheet_stage"},
		{"out of order", h + "7,asesmen,,B,P1,x,1.00\n7,asesmen,,A,P1,x,1.00\n", "selection.err.sheet_order"},
		{"repeated", h + "7,asesmen,,A,P1,x,1.00\n7,asesmen,,A,P1,x,2.00\n", "selection.err.sheet_order"},
		{"needless quotes", h + "7,asesmen,,\"A\",P1,x,1.00\n", "selection.err.sheet_not_canonical"},
	}
	for _, tt := range tests {
		_, err := ParseSheet([]byte(tt.file))
		fs := fieldCodes(err)
		if len(fs) != 1 || fs[0] != "file="+tt.want {
			t.Errorf("%s: got %v, want file=%s", tt.name, fs, tt.want)
		}
	}
}

func FuzzParseSheet(f *testing.F) {
	s := Sheet{SelectionID: 7, Stage: Asesmen, Previous: strings.Repeat("ab", 32), Lines: []Line{{"A", "P1", "x", 1_00}, {"B", "P1", "x", 99_99}}}
	f.Add(s.Bytes())
	f.Add([]byte(SheetHeader + "\n7,asesmen,,\"A,1\",P1,x,1.00\n"))
	f.Add([]byte(SheetHeader + "\n"))
	f.Add([]byte("\"\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ParseSheet(b)
		if err != nil {
			return
		}
		// A file that parses is canonical: it re-encodes to itself, so its
		// hash is the hash of what it says.
		if got := s.Bytes(); string(got) != string(b) {
			t.Fatalf("ParseSheet accepted a non-canonical file:\n%q\nre-encodes to\n%q", b, got)
		}
	})
}
