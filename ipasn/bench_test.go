package ipasn

import "testing"

// BenchmarkScore is the hot path of a recompute: parse the stored facts,
// compute, fingerprint.
func BenchmarkScore(b *testing.B) {
	full := Input{Education: "S1", Jenis: "PENGAWAS", Diklat: []Diklat{
		{Kind: DiklatKepemimpinan, Title: "Pelatihan Dasar CPNS Golongan III", Hours: 841, End: d("2010-05-01")},
		{Kind: DiklatKepemimpinan, Title: "Pelatihan Kepemimpinan Pengawas", Hours: 385, End: d("2021-05-01")},
		{Kind: DiklatTeknis, Title: "Pengelolaan Keuangan Daerah", Hours: 30, Start: d("2025-01-01"), End: d("2025-02-01")},
		{Kind: DiklatSeminar, Title: "Seminar Reformasi Birokrasi", Hours: 4, End: d("2025-09-01")},
	}, SKP: []SKP{{Year: 2025, Predikat: PredikatBaik}}}
	Current.Prune(&full)
	facts := string(full.AppendFacts(nil))
	var in Input
	var r Result
	for b.Loop() {
		in.Reset()
		in.ParseFacts(facts)
		Current.ComputeInto(&r, &in, on)
		_ = r.Fingerprint()
	}
}
