package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"merit"
	"merit/performance"
	"merit/selection"
)

var at = time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC)

// finished returns a decided selection of one post with a panel of three
// and four qualified candidates, every weighted stage published and sealed,
// one wawancara score amended. Each member gives a candidate the same value
// on every criterion of a stage, so the stage scores and totals are:
//
//	JPT-001 rekam jejak 80, asesmen 85.50, makalah 78, wawancara 88 → 84.20
//	JPT-002 75, 80, 90, 82 → 82.10
//	JPT-003 70, 70, 70, 70.33 (P1's visi amended 70 → 73) → 70.10
//	JPT-004 60, 65.25, 60, 60 → 62.10
func finished(t *testing.T) *selection.Record {
	t.Helper()
	s := selection.New(1, selection.Pratama, "Seleksi Terbuka JPT Pratama Kota Magelang 2026")
	s.ID, s.LegalBasis = 7, "Keputusan Wali Kota Magelang 800.1/12/2026"
	s.Posts = []selection.Post{{SelectionID: 7, ID: 70, PositionID: 10, PositionName: "Kepala Dinas Pendidikan dan Kebudayaan"}}
	s.Panel = selection.PanelRule{Min: 3, Max: 9, Odd: true, MaxInternalPercent: 45}
	s.RegistrationOpen, s.RegistrationClose = merit.NewDate(2026, 3, 1), merit.NewDate(2026, 3, 15)
	for i := range s.Stages {
		s.Stages[i].ID = int64(i + 1)
		s.Stages[i].Start, s.Stages[i].End = merit.NewDate(2026, 3, 16+i*3), merit.NewDate(2026, 3, 17+i*3)
	}
	if err := s.Announce(time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	ethics := time.Date(2026, 2, 21, 8, 0, 0, 0, time.UTC)
	r := &selection.Record{Selection: s, Members: []selection.Member{
		{ID: 1, Code: "P1", Name: "Prof. Dr. Bambang Sutrisno", Kind: selection.Academic, Role: selection.Ketua, Affiliation: "Universitas Tidar", EthicsAcceptedAt: ethics},
		{ID: 2, Code: "P2", Name: "Dra. Retno Wulandari, M.Si.", Kind: selection.External, Role: selection.Anggota, Affiliation: "BKD Provinsi Jawa Tengah", EthicsAcceptedAt: ethics},
		{ID: 3, Code: "P3", Name: "Drs. Agus Priyanto", Kind: selection.Internal, Role: selection.Sekretaris, Affiliation: "Sekretariat Daerah", EthicsAcceptedAt: ethics},
	}}
	for i, n := range []string{"Siti Aminah", "Budi Santoso", "Dewi Lestari", "Joko Widodo Saputro"} {
		r.Candidates = append(r.Candidates, selection.Candidate{
			SelectionID: 7, ID: int64(101 + i), PostID: 70, RegNo: "JPT-00" + string(rune('1'+i)), Name: n, GelarBelakang: "S.Pd., M.M.",
			NIP: "19750601200003100" + string(rune('1'+i)), AgencyName: "Pemerintah Kota Magelang", Status: selection.CandidateQualified,
			RegisteredAt: time.Date(2026, 3, 2+i, 9, 0, 0, 0, time.UTC),
		})
	}
	r.Candidates = append(r.Candidates, selection.Candidate{SelectionID: 7, ID: 105, PostID: 70, RegNo: "JPT-005", Name: "Eko Prasetyo", Status: selection.CandidateUnqualified})
	advance := func(id int64, to ...selection.StageStatus) {
		for _, s := range to {
			if err := r.Advance(id, s); err != nil {
				t.Fatalf("Advance(%d, %s): %v", id, s, err)
			}
		}
	}
	advance(1, selection.StageOpen, selection.StageClosed)
	values := map[int64][4]performance.Hundredths{ // stage 2..5 by candidate
		101: {80_00, 85_50, 78_00, 88_00}, 102: {75_00, 80_00, 90_00, 82_00},
		103: {70_00, 70_00, 70_00, 70_00}, 104: {60_00, 65_25, 60_00, 60_00},
	}
	for stage := int64(2); stage <= 5; stage++ {
		advance(stage, selection.StageOpen)
		for _, cell := range r.Missing(stage) {
			cell.Value = values[cell.CandidateID][stage-2]
			if stage == 3 && cell.CandidateID == 101 { // 85, 86, 85.50: mean 85.50
				cell.Value += []performance.Hundredths{-50, 50, 0}[cell.MemberID-1]
			}
			if err := r.SetScore(cell); err != nil {
				t.Fatal(err)
			}
		}
		advance(stage, selection.StageClosed, selection.StagePublished)
		if _, _, err := r.Seal(stage, at); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, _, err := r.Amend(5, []selection.Score{{CandidateID: 103, MemberID: 1, Criterion: "visi", Value: 73_00}}, "Salah input lembar nilai P1", 1, at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := r.Decide(selection.Decision{PostID: 70, CandidateID: 102, Reason: "Rekam jejak pembangunan pendidikan paling sesuai", DecidedBy: 9, DecidedAt: at.Add(48 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	return r
}

func fonts(t *testing.T) Fonts {
	t.Helper()
	regular, err := os.ReadFile("../../web/fonts/DejaVuSansCondensed.ttf")
	if err != nil {
		t.Fatal(err)
	}
	bold, err := os.ReadFile("../../web/fonts/DejaVuSansCondensed-Bold.ttf")
	if err != nil {
		t.Fatal(err)
	}
	return Fonts{Regular: regular, Bold: bold}
}

func TestReportPDF(t *testing.T) {
	rec := finished(t)
	rep, err := New("Pemerintah Kota Magelang", rec, at)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang string
		want []string
	}{
		{"id", []string{"84,20", "82,10", "70,10", "62,10", "85,50", "70,33", "Kepala Dinas Pendidikan dan Kebudayaan", "Budi Santoso, S.Pd., M.M. (JPT-002)",
			"Rekam jejak pembangunan pendidikan paling sesuai", "Salah input lembar nilai P1", "Prof. Dr. Bambang Sutrisno", "Keputusan Wali Kota Magelang 800.1/12/2026"}},
		{"en", []string{"84.20", "82.10", "70.10", "62.10", "Budi Santoso, S.Pd., M.M. (JPT-002)"}},
	} {
		var buf bytes.Buffer
		if err := rep.PDF(&buf, tt.lang, fonts(t)); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "laporan.pdf")
		if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		text := string(out)
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: the PDF does not show %q", tt.lang, w)
			}
		}
		// Every label is translated: no message key is printed as such.
		for _, prefix := range []string{"selection.", "field.", "ui."} {
			if i := strings.Index(text, prefix); i >= 0 {
				t.Errorf("%s: the PDF prints a key: %q", tt.lang, text[i:min(len(text), i+40)])
			}
		}
		// Every seal's hash is printed (wrapped in its cell: check the start).
		for _, s := range rec.Seals {
			if !strings.Contains(text, s.Hash[:20]) {
				t.Errorf("%s: the PDF does not show seal %d of stage %d (%s)", tt.lang, s.Seq, s.StageID, s.Hash)
			}
		}
	}
}

func TestReportXLSX(t *testing.T) {
	rec := finished(t)
	rep, err := New("Pemerintah Kota Magelang", rec, at)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := rep.XLSX(&buf, "id"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 6 {
		t.Fatalf("sheets: %v", got)
	}
	rows, err := f.GetRows(f.GetSheetList()[3])
	if err != nil {
		t.Fatal(err)
	}
	// Header, then one row per eligible candidate, best first: post, rank,
	// registration number, name, four stage scores, total, top-three mark.
	var got [][]string
	for _, r := range rows[1:] {
		r = append(r, make([]string, 10-len(r))...) // GetRows drops empty cells at the end
		got = append(got, []string{r[1], r[2], r[4], r[5], r[6], r[7], r[8], r[9]})
	}
	want := [][]string{
		{"1", "JPT-001", "80.00", "85.50", "78.00", "88.00", "84.20", "3 besar"},
		{"2", "JPT-002", "75.00", "80.00", "90.00", "82.00", "82.10", "3 besar"},
		{"3", "JPT-003", "70.00", "70.00", "70.00", "70.33", "70.10", "3 besar"},
		{"4", "JPT-004", "60.00", "65.25", "60.00", "60.00", "62.10", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("result rows: got %v", got)
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("result row %d: got %v, want %v", i+1, got[i], want[i])
		}
	}
	// Scores are numbers, not text.
	if typ, _ := f.GetCellType(f.GetSheetList()[3], "I2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("total cell type %v, want a number", typ)
	}
	decisions, _ := f.GetRows(f.GetSheetList()[4])
	if len(decisions) != 2 || decisions[1][1] != "JPT-002" || decisions[1][3] != "Rekam jejak pembangunan pendidikan paling sesuai" {
		t.Errorf("decisions sheet: %v", decisions)
	}
	seals, _ := f.GetRows(f.GetSheetList()[5])
	// Header, four seals, the amendment's re-seal, a blank line, the
	// amendments' header and one amendment.
	if len(seals) != 9 || seals[5][2] != rec.Seals[4].Hash || seals[5][3] != rec.Seals[3].Hash || seals[8][2] != "Salah input lembar nilai P1" {
		t.Errorf("seals sheet: %v", seals)
	}
	for _, name := range f.GetSheetList() {
		all, _ := f.GetRows(name)
		for _, row := range all {
			for _, cell := range row {
				if strings.HasPrefix(cell, "selection.") || strings.HasPrefix(cell, "field.") {
					t.Errorf("sheet %s prints a key: %q", name, cell)
				}
			}
		}
	}
	candidates, _ := f.GetRows(f.GetSheetList()[2])
	if len(candidates) != 6 || candidates[5][0] != "JPT-005" {
		t.Errorf("candidates sheet: %v", candidates)
	}
}
