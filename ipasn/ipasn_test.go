package ipasn

import (
	"testing"

	"merit"
	"merit/i18n"
)

var on = merit.MustDate("2026-06-30")

func d(s string) merit.Date { return merit.MustDate(s) }

// TestKualifikasi reproduces every row of the §3.3 kualifikasi table.
func TestKualifikasi(t *testing.T) {
	cases := []struct {
		edu  string
		want Points
	}{
		{"S3", 2500}, {"S2", 2000}, {"S1", 1500}, {"D4", 1500}, {"D3", 1000},
		{"D2", 500}, {"D1", 500}, {"SMA", 500}, {"SMP", 100}, {"SD", 100}, {"", 0},
	}
	for _, c := range cases {
		r := Current.Compute(&Input{Education: c.edu}, on)
		if got := r.Points(Kualifikasi); got != c.want {
			t.Errorf("education %q: got %v, want %v", c.edu, got, c.want)
		}
	}
}

// TestKompetensi reproduces every cell of the §3.3 kompetensi table: each
// indicator in each column, its JP minimum and its time window.
func TestKompetensi(t *testing.T) {
	pkp := Diklat{Kind: DiklatKepemimpinan, Title: "Pelatihan Kepemimpinan Pengawas", Hours: 385, Start: d("2020-03-01"), End: d("2020-06-30")}
	pka := Diklat{Kind: DiklatKepemimpinan, Title: "Diklatpim Tingkat III", Hours: 545, Start: d("2015-03-01"), End: d("2015-06-30")}
	pkn2 := Diklat{Kind: DiklatKepemimpinan, Title: "Pelatihan Kepemimpinan Nasional Tingkat II", Hours: 665, Start: d("2019-03-01"), End: d("2019-06-30")}
	latsar := Diklat{Kind: DiklatKepemimpinan, Title: "Pelatihan Dasar CPNS Golongan III", Hours: 841, Start: d("2020-03-01"), End: d("2020-06-30")}
	fung := Diklat{Kind: DiklatFungsional, Title: "Diklat Fungsional Analis Kebijakan", Hours: 120, End: d("2012-01-01")}
	teknisOld := Diklat{Kind: DiklatTeknis, Title: "Pengadaan Barang/Jasa", Hours: 24, End: d("2018-01-01")}
	teknisNew := Diklat{Kind: DiklatTeknis, Title: "Kearsipan", Hours: 20, End: d("2025-07-01")}
	teknisYearAgo := Diklat{Kind: DiklatTeknis, Title: "Kearsipan", Hours: 20, End: d("2025-06-30")}
	teknisShort := Diklat{Kind: DiklatTeknis, Title: "Excel", Hours: 19, End: d("2026-01-01")}
	seminar := Diklat{Kind: DiklatSeminar, Title: "Seminar SAKIP", Hours: 4, End: d("2024-07-01")}
	seminarOld := Diklat{Kind: DiklatSeminar, Title: "Seminar SAKIP", Hours: 4, End: d("2024-06-30")}
	future := Diklat{Kind: DiklatSeminar, Title: "Workshop", Hours: 8, End: d("2026-07-01")}
	cases := []struct {
		name   string
		jenis  string
		diklat []Diklat
		want   Points
	}{
		// Managerial column: 15 + 15 + 10.
		{"pengawas with PKP", "PENGAWAS", []Diklat{pkp}, 1500},
		{"pengawas with PKA (higher level counts)", "PENGAWAS", []Diklat{pka}, 1500},
		{"administrator with PKP (lower level does not)", "ADMINISTRATOR", []Diklat{pkp}, 0},
		{"administrator with PIM III", "ADMINISTRATOR", []Diklat{pka}, 1500},
		{"JPT pratama with PKN II", "JPT_PRATAMA", []Diklat{pkn2}, 1500},
		{"latsar is no leadership level", "PENGAWAS", []Diklat{latsar}, 0},
		{"managerial: fungsional scores 0", "PENGAWAS", []Diklat{fung}, 0},
		{"managerial: teknis any time", "ADMINISTRATOR", []Diklat{teknisOld}, 1500},
		{"managerial: teknis under 20 JP", "ADMINISTRATOR", []Diklat{teknisShort}, 0},
		{"managerial: seminar within 2 years", "ADMINISTRATOR", []Diklat{seminar}, 1000},
		{"managerial: seminar 2 years ago to the day", "ADMINISTRATOR", []Diklat{seminarOld}, 0},
		{"managerial: all", "PENGAWAS", []Diklat{pkp, teknisOld, seminar}, 4000},
		// Functional column: 0 + 15 + 15 + 10.
		{"JF: leadership scores 0", "JF_KEAHLIAN", []Diklat{pka}, 0},
		{"JF: fungsional", "JF_KEAHLIAN", []Diklat{fung}, 1500},
		{"JF: teknis any time", "JF_KETERAMPILAN", []Diklat{teknisOld}, 1500},
		{"JF: seminar", "JF_KEAHLIAN", []Diklat{seminar}, 1000},
		{"JF: all", "JF_KEAHLIAN", []Diklat{fung, teknisOld, seminar}, 4000},
		// Executor column: 22.5 + 17.5, teknis within 1 year.
		{"pelaksana: leadership scores 0", "PELAKSANA", []Diklat{pkp}, 0},
		{"pelaksana: fungsional scores 0", "PELAKSANA", []Diklat{fung}, 0},
		{"pelaksana: teknis within a year", "PELAKSANA", []Diklat{teknisNew}, 2250},
		{"pelaksana: teknis a year ago to the day", "PELAKSANA", []Diklat{teknisYearAgo}, 0},
		{"pelaksana: old teknis", "PELAKSANA", []Diklat{teknisOld}, 0},
		{"pelaksana: seminar", "PELAKSANA", []Diklat{seminar}, 1750},
		{"pelaksana: all", "PELAKSANA", []Diklat{teknisNew, seminar}, 4000},
		{"no position is executor", "", []Diklat{teknisNew}, 2250},
		{"future training does not count", "PELAKSANA", []Diklat{future}, 0},
	}
	for _, c := range cases {
		r := Current.Compute(&Input{Jenis: c.jenis, Diklat: c.diklat}, on)
		if got := r.Points(Kompetensi); got != c.want {
			t.Errorf("%s: got %v, want %v (%+v)", c.name, got, c.want, r.Scores[1].Items)
		}
	}
}

func TestKompetensiCap(t *testing.T) {
	// A table whose rows sum above the weight is capped, and says so.
	tab := *Current
	tab.Competency = append([]CompetencyRow{}, tab.Competency...)
	tab.Competency[3].Points = [3]Points{Pts(20), Pts(20), Pts(20)}
	r := tab.Compute(&Input{Jenis: "PELAKSANA", Diklat: []Diklat{
		{Kind: DiklatTeknis, Title: "A", Hours: 40, End: d("2026-01-01")},
		{Kind: DiklatSeminar, Title: "B", Hours: 4, End: d("2026-01-01")}}}, on)
	s := r.Scores[1]
	if s.Points != 4000 || s.Items[len(s.Items)-1].Code != "ipasn.r.capped" {
		t.Errorf("got %v %+v, want 40 capped", s.Points, s.Items)
	}
}

func TestLeadershipLevel(t *testing.T) {
	cases := map[string]int{
		"Diklatpim Tingkat II": 2, "PIM IV": 4, "Diklat PIM III": 3, "PKN Tingkat I": 1, "PKN II": 2,
		"Pelatihan Kepemimpinan Administrator": 3, "Pelatihan Kepemimpinan Pengawas": 4, "PKA": 3, "PKP angkatan 3": 4,
		"Pendidikan dan Pelatihan Kepemimpinan Tingkat IV": 4, "Pelatihan Dasar CPNS Golongan III": 0, "Prajabatan": 0,
	}
	for title, want := range cases {
		if got := LeadershipLevel(title); got != want {
			t.Errorf("LeadershipLevel(%q) = %d, want %d", title, got, want)
		}
	}
}

// TestKinerja reproduces every band of the numeric nilai SKP table at both
// ends, the predikat mapping, and that only the previous year counts.
func TestKinerja(t *testing.T) {
	numeric := []struct {
		nilai Points
		want  Points
	}{
		{0, 100}, {5000, 100}, {5001, 500}, {5100, 500}, {6000, 500}, {6001, 1500}, {6100, 1500}, {7500, 1500},
		{7501, 2500}, {7600, 2500}, {9000, 2500}, {9001, 3000}, {9100, 3000}, {10000, 3000}, {11000, 3000},
	}
	for _, c := range numeric {
		r := Current.Compute(&Input{SKP: []SKP{{Year: 2025, Nilai: c.nilai}}}, on)
		if got := r.Points(Kinerja); got != c.want {
			t.Errorf("nilai SKP %v: got %v, want %v", c.nilai, got, c.want)
		}
	}
	predikat := map[string]Points{PredikatSangatBaik: 3000, PredikatBaik: 2500, PredikatButuhPerbaikan: 1500,
		PredikatKurang: 500, PredikatSangatKurang: 100}
	for p, want := range predikat {
		r := Current.Compute(&Input{SKP: []SKP{{Year: 2025, Predikat: p}}}, on)
		if got := r.Points(Kinerja); got != want {
			t.Errorf("predikat %s: got %v, want %v", p, got, want)
		}
	}
	r := Current.Compute(&Input{SKP: []SKP{{Year: 2024, Predikat: PredikatSangatBaik}, {Year: 2026, Predikat: PredikatBaik}}}, on)
	if got := r.Points(Kinerja); got != 0 || r.Scores[2].Items[0].Code != "ipasn.r.skp_none" {
		t.Errorf("no SKP of 2025: got %v %+v, want 0 skp_none", got, r.Scores[2].Items)
	}
}

func TestNormalizePredikat(t *testing.T) {
	cases := map[string]string{"Sangat Baik": PredikatSangatBaik, "baik": PredikatBaik, "Butuh Perbaikan": PredikatButuhPerbaikan,
		"Kurang/Misconduct": PredikatKurang, "Sangat Kurang": PredikatSangatKurang, "cukup": PredikatButuhPerbaikan, "x": ""}
	for in, want := range cases {
		if got := NormalizePredikat(in); got != want {
			t.Errorf("NormalizePredikat(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDisiplin reproduces every row of the disiplin table, the 5-year window
// and that the worst tingkat counts.
func TestDisiplin(t *testing.T) {
	cases := []struct {
		name string
		h    []Hukdis
		want Points
	}{
		{"never", nil, 500},
		{"ringan", []Hukdis{{Tingkat: HukdisRingan, Start: d("2024-01-01")}}, 300},
		{"sedang", []Hukdis{{Tingkat: HukdisSedang, Start: d("2024-01-01")}}, 200},
		{"berat", []Hukdis{{Tingkat: HukdisBerat, Start: d("2024-01-01")}}, 100},
		{"worst counts", []Hukdis{{Tingkat: HukdisRingan, Start: d("2025-01-01")}, {Tingkat: HukdisBerat, Start: d("2022-01-01")},
			{Tingkat: HukdisSedang, Start: d("2023-01-01")}}, 100},
		{"5 years ago to the day", []Hukdis{{Tingkat: HukdisBerat, Start: d("2021-06-30")}}, 500},
		{"just inside 5 years", []Hukdis{{Tingkat: HukdisBerat, Start: d("2021-07-01")}}, 100},
		{"in the future", []Hukdis{{Tingkat: HukdisBerat, Start: d("2026-07-01")}}, 500},
	}
	for _, c := range cases {
		r := Current.Compute(&Input{Hukdis: c.h}, on)
		if got := r.Points(Disiplin); got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

// TestCategory checks every §3.4 boundary on both sides.
func TestCategory(t *testing.T) {
	cases := []struct {
		total Points
		want  string
	}{
		{0, SangatRendah}, {6000, SangatRendah}, {6001, Rendah}, {7000, Rendah}, {7001, Sedang}, {8000, Sedang},
		{8001, Tinggi}, {8250, Tinggi}, {9000, Tinggi}, {9001, SangatTinggi}, {10000, SangatTinggi},
	}
	for _, c := range cases {
		if got := Current.Category(c.total); got != c.want {
			t.Errorf("Category(%v) = %s, want %s", c.total, got, c.want)
		}
	}
}

// TestTotal: a pelaksana S-1 with training, Baik and no sanction scores
// 15 + 40 + 25 + 5 = 85 (Tinggi), with the half points exact.
func TestTotal(t *testing.T) {
	in := &Input{Education: "S1", Jenis: "PELAKSANA",
		Diklat: []Diklat{{Kind: DiklatTeknis, Title: "Kearsipan", Hours: 30, End: d("2026-02-01")},
			{Kind: DiklatSeminar, Title: "Seminar", Hours: 4, End: d("2026-02-01")}},
		SKP: []SKP{{Year: 2025, Predikat: PredikatBaik}}}
	r := Current.Compute(in, on)
	if r.Total != 8500 || r.Category != Tinggi || r.Version != V2019.Version {
		t.Errorf("got %v %s %s, want 85 TINGGI", r.Total, r.Category, r.Version)
	}
	in.Diklat = in.Diklat[:1] // 15 + 22.5 + 25 + 5 = 67.5
	if r := Current.Compute(in, on); r.Total != 6750 || r.Category != Rendah || r.Total.String() != "67.5" {
		t.Errorf("got %v %s, want 67.5 RENDAH", r.Total, r.Category)
	}
}

func TestTable(t *testing.T) {
	var sum Points
	for _, w := range V2019.Weights {
		sum += w.Max
	}
	if sum != Pts(100) {
		t.Errorf("weights sum to %v, want 100", sum)
	}
	for _, g := range []Group{Managerial, Functional, Executor} {
		var s Points
		for _, row := range V2019.Competency {
			s += row.Points[g]
		}
		if s != V2019.Max(Kompetensi) {
			t.Errorf("kompetensi column %s sums to %v, want 40", GroupNames[g], s)
		}
	}
	if !V2019.Unverified() || V2019.Categories[0].Unverified() || !V2019.Predikat[0].Unverified() {
		t.Error("tags: the table has [P]/[I] rows, categories are [C], predikat mapping [I]")
	}
	if TableByVersion(V2019.Version) != V2019 || TableByVersion("x") != nil {
		t.Error("TableByVersion")
	}
	for p, want := range map[Points]string{2250: "22.5", 8000: "80", 8001: "80.01", 0: "0", 100: "1"} {
		if p.String() != want {
			t.Errorf("Points(%d).String() = %q, want %q", int(p), p.String(), want)
		}
	}
}

func TestParsePoints(t *testing.T) {
	ok := map[string]Points{"22.5": 2250, "22,5": 2250, "80": 8000, "80.01": 8001, " 0 ": 0, "100.00": 10000}
	for in, want := range ok {
		if got, valid := ParsePoints(in); !valid || got != want {
			t.Errorf("ParsePoints(%q) = %v %t, want %v", in, got, valid, want)
		}
	}
	for _, in := range []string{"", "x", "-1", "1.234", "1.", ".5", "1e3"} {
		if _, valid := ParsePoints(in); valid {
			t.Errorf("ParsePoints(%q) is valid, want not", in)
		}
	}
}

// TestReasonKeys: every reason a table can give, every category and
// dimension has a message in each language.
func TestReasonKeys(t *testing.T) {
	keys := []string{"ipasn.r.education", "ipasn.r.education_unknown", "ipasn.r.capped", "ipasn.r.nilai_skp",
		"ipasn.r.skp_none", "ipasn.r.hukdis_none"}
	for _, k := range competencyKeys {
		keys = append(keys, k[:]...)
	}
	for _, p := range Current.Predikat {
		keys = append(keys, "ipasn.r.predikat."+p.Predikat)
	}
	for _, d := range Current.Disiplin {
		if d.Tingkat != HukdisNone {
			keys = append(keys, "ipasn.r.hukdis."+d.Tingkat)
		}
	}
	for _, c := range Current.Categories {
		keys = append(keys, "ipasn.cat."+c.Code)
	}
	for _, d := range Dimensions {
		keys = append(keys, "ipasn.dim."+d)
	}
	for _, lang := range i18n.Languages {
		for _, k := range keys {
			if _, ok := i18n.Keys(lang)[k]; !ok {
				t.Errorf("%s: no message %q", lang, k)
			}
		}
	}
}
