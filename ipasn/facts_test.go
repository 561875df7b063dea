package ipasn

import (
	"reflect"
	"testing"
)

// TestPruneAndFacts: pruning keeps what can count, the facts encoding reads
// back the same input, and the pruned input scores as the full one.
func TestPruneAndFacts(t *testing.T) {
	full := Input{Education: "S1", Jenis: "PENGAWAS", Diklat: []Diklat{
		{Kind: DiklatKepemimpinan, Title: "Pelatihan Dasar CPNS Golongan III", Hours: 841, End: d("2010-05-01")},
		{Kind: DiklatKepemimpinan, Title: "Diklatpim Tingkat IV", Hours: 385, End: d("2014-05-01")},
		{Kind: DiklatKepemimpinan, Title: "Pelatihan Kepemimpinan Pengawas", Hours: 385, End: d("2021-05-01")},
		{Kind: DiklatTeknis, Title: "Short", Hours: 8, End: d("2026-05-01")},
		{Kind: DiklatTeknis, Title: "Tab\there", Hours: 24, End: d("2019-05-01")},
		{Kind: DiklatTeknis, Title: "Latest", Hours: 30, Start: d("2025-01-01"), End: d("2025-02-01")},
		{Kind: DiklatSeminar, Title: "Seminar", Hours: 4, End: d("2025-09-01")},
	}, Hukdis: []Hukdis{{Tingkat: HukdisRingan, Jenis: "TEGURAN_LISAN", Start: d("2024-01-01")}},
		SKP: []SKP{{Year: 2025, Predikat: PredikatBaik}, {Year: 2020, Nilai: 8850}}}
	want := Current.Compute(&full, on)
	pruned := full
	pruned.Diklat = append([]Diklat{}, full.Diklat...)
	Current.Prune(&pruned)
	if len(pruned.Diklat) != 3 {
		t.Fatalf("pruned to %d trainings, want 3: %+v", len(pruned.Diklat), pruned.Diklat)
	}
	var back Input
	back.ParseFacts(string(pruned.AppendFacts(nil)))
	back.Education, back.Jenis = full.Education, full.Jenis
	if got, want := string(back.AppendFacts(nil)), string(pruned.AppendFacts(nil)); got != want || !reflect.DeepEqual(back.SKP, full.SKP) {
		t.Errorf("facts round trip:\n got %q\nwant %q", got, want)
	}
	got := Current.Compute(&back, on)
	if got.Fingerprint() != want.Fingerprint() || got.Total != want.Total {
		t.Errorf("pruned input scores %v (%+v), full input %v (%+v)", got.Total, got.Scores, want.Total, want.Scores)
	}
}
