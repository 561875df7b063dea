package demo

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"merit"
	"merit/competency"
	"merit/sqldb"
)

// The national competencies by ID (the seed of migration 00008): the eight
// managerial ones, then Perekat Bangsa.
const (
	compIntegritas int64 = iota + 1
	compKerjasama
	compKomunikasi
	compOrientasiHasil
	compPelayananPublik
	compPengembanganDiri
	compMengelolaPerubahan
	compPengambilanKeputusan
	compPerekatBangsa
)

// standardLevel is the level a position's jenis (and, for JF, jenjang)
// requires in the managerial and socio-cultural competencies: the usual
// pattern of agencies' SKJ (JPT pratama 4, administrator 3, pengawas 2,
// pelaksana 1; JF by jenjang).
var standardLevel = map[string]uint8{
	"JPT_UTAMA": 5, "JPT_MADYA": 5, "JPT_PRATAMA": 4, "ADMINISTRATOR": 3, "PENGAWAS": 2, "PELAKSANA": 1,
	"AHLI_PERTAMA": 2, "AHLI_MUDA": 2, "AHLI_MADYA": 3, "AHLI_UTAMA": 4,
	"PEMULA": 1, "TERAMPIL": 1, "MAHIR": 2, "PENYELIA": 2,
}

// demoTechnical are the technical competencies every demo agency defines.
var demoTechnical = []competency.Competency{
	{Code: "teknis-manajemen-asn", Name: "Manajemen ASN", Description: "Perencanaan, pengembangan karier dan penilaian kinerja ASN.",
		Levels: []string{"Memahami ketentuan dasar", "Menerapkan prosedur", "Menganalisis kasus", "Merumuskan kebijakan", "Menjadi rujukan nasional"}},
	{Code: "teknis-keuangan-daerah", Name: "Pengelolaan Keuangan Daerah", Description: "Penganggaran, penatausahaan dan pelaporan keuangan daerah.",
		Levels: []string{"Memahami siklus anggaran", "Menatausahakan transaksi", "Menyusun laporan", "Mengevaluasi pengelolaan", "Merumuskan kebijakan"}},
	{Code: "teknis-pelayanan-kesehatan", Name: "Pelayanan Kesehatan", Description: "Pelayanan kesehatan perorangan dan masyarakat.",
		Levels: []string{"Melaksanakan tindakan dasar", "Melaksanakan sesuai SOP", "Menangani kasus kompleks", "Mengelola program", "Merumuskan kebijakan"}},
	{Code: "teknis-pembelajaran", Name: "Pembelajaran", Description: "Perencanaan, pelaksanaan dan evaluasi pembelajaran.",
		Levels: []string{"Melaksanakan pembelajaran", "Merancang pembelajaran", "Mengembangkan kurikulum", "Membina pendidik", "Merumuskan kebijakan"}},
}

// assessmentBodies are the assessment bodies the demo's results name.
var assessmentBodies = []string{"UPT Penilaian Kompetensi BKPSDM", "Pusat Penilaian Kompetensi ASN BKN", "Kantor Regional I BKN Yogyakarta"}

// competencyDemo fills the agency's competency data in one batch: the
// technical competencies, a standard for every position (the managerial
// and socio-cultural ones at the level of its jenis or jenjang, and the
// technical one of its field), assessment results for most officials
// (JPT, administrator, pengawas) and a quarter of the others, coaching and
// mentoring sessions, and a development plan for this year for half of
// those with a gap. The same seed and agency give the same data.
func competencyDemo(ctx context.Context, db *sqldb.DB, a *merit.Agency, seed int64, today merit.Date) error {
	r := rand.New(rand.NewPCG(uint64(seed), uint64(a.ID)+0xc0e))
	return db.CompetencyBatch(ctx, a.ID, func(b *sqldb.CompetencyBatch) error {
		var tech []int64
		for _, c := range demoTechnical {
			c.Levels = slices.Clone(c.Levels)
			if err := b.Technical(ctx, &c); err != nil {
				return err
			}
			tech = append(tech, c.ID)
		}
		positions, err := b.Positions(ctx)
		if err != nil {
			return err
		}
		standards := map[int64][]competency.Requirement{}
		for _, p := range positions {
			s := &competency.Standard{PositionID: p.ID, Requirements: positionStandard(p, tech)}
			if err := b.Standard(ctx, s); err != nil {
				return err
			}
			standards[p.ID] = s.Requirements
		}
		employees, err := b.Employees(ctx)
		if err != nil {
			return err
		}
		for _, e := range employees {
			reqs := standards[e.PositionID]
			share := 25
			if e.Jenis == "JPT_PRATAMA" || e.Jenis == "ADMINISTRATOR" || e.Jenis == "PENGAWAS" {
				share = 80
			}
			if len(reqs) == 0 || r.IntN(100) >= share {
				continue
			}
			as := assess(r, e, reqs, today)
			if err := b.Assessment(ctx, as); err != nil {
				return err
			}
			if err := develop(ctx, b, r, e, reqs, as, today); err != nil {
				return err
			}
		}
		return nil
	})
}

// positionStandard is the demo standard of a position.
func positionStandard(p *merit.Position, tech []int64) []competency.Requirement {
	level := standardLevel[p.Jenis]
	if l, ok := standardLevel[p.Jenjang]; ok {
		level = l
	}
	level = max(level, 1)
	var reqs []competency.Requirement
	for id := compIntegritas; id <= compPerekatBangsa; id++ {
		reqs = append(reqs, competency.Requirement{CompetencyID: id, Level: level})
	}
	t := tech[0] // Manajemen ASN by default; the field's own where the name says
	switch {
	case containsAny(p.Name, "Keuangan", "Anggaran", "Bendahara", "Akuntan"):
		t = tech[1]
	case containsAny(p.Name, "Perawat", "Dokter", "Bidan", "Kesehatan", "Puskesmas", "Apoteker", "Sanitarian"):
		t = tech[2]
	case containsAny(p.Name, "Guru", "Pendidikan", "Sekolah"):
		t = tech[3]
	}
	return append(reqs, competency.Requirement{CompetencyID: t, Level: min(level+1, competency.MaxLevel)})
}

// containsAny reports whether s contains any of the words.
func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// assess draws an assessment result around the standard: most levels meet
// it, some fall one short, a few exceed it; the potential score follows.
func assess(r *rand.Rand, e sqldb.CompetencyEmployee, reqs []competency.Requirement, today merit.Date) *competency.Assessment {
	as := &competency.Assessment{EmployeeID: e.ID, Body: assessmentBodies[r.IntN(len(assessmentBodies))],
		Date: merit.DateOf(today.Time().AddDate(0, 0, -30-r.IntN(3*365)))}
	met := 0
	for _, q := range reqs {
		lv := int(q.Level)
		switch d := r.IntN(100); {
		case d < 28:
			lv--
		case d < 36:
			lv -= 2
		case d > 88:
			lv++
		}
		lv = min(max(lv, competency.MinLevel), competency.MaxLevel)
		if lv >= int(q.Level) {
			met++
		}
		as.Levels = append(as.Levels, competency.Level{CompetencyID: q.CompetencyID, Level: uint8(lv)})
	}
	as.Potential = float64(5500+met*2500/len(reqs)+r.IntN(1200)) / 100
	switch {
	case met == len(reqs):
		as.Recommendation = "Optimal: dapat dipertimbangkan untuk promosi"
	case met*10 >= len(reqs)*7:
		as.Recommendation = "Cukup optimal: pengembangan pada kompetensi dengan gap"
	default:
		as.Recommendation = "Kurang optimal: perlu pengembangan kompetensi terarah"
	}
	return as
}

// develop records coaching for some assessed employees and, for half of
// those with a gap, this year's development plan aimed at the largest gap.
func develop(ctx context.Context, b *sqldb.CompetencyBatch, r *rand.Rand, e sqldb.CompetencyEmployee, reqs []competency.Requirement,
	as *competency.Assessment, today merit.Date) error {
	required, actual := competency.Align(reqs, as.Levels)
	gaps := competency.Gaps(nil, required, actual)
	worst := -1
	for i, g := range gaps {
		if g < 0 && (worst < 0 || g < gaps[worst]) {
			worst = i
		}
	}
	if r.IntN(100) < 40 {
		for n := 1 + r.IntN(3); n > 0; n-- {
			d := merit.DateOf(today.Time().AddDate(0, 0, -r.IntN(400)))
			kind := competency.Coaching
			if r.IntN(3) == 0 {
				kind = competency.Mentoring
			}
			s := &competency.CoachingSession{EmployeeID: e.ID, Kind: kind, Date: d, Coach: "Atasan langsung",
				Topic: "Penyusunan rencana kerja dan umpan balik kinerja", Hours: 2 + r.IntN(3)}
			if err := b.Session(ctx, s); err != nil {
				return err
			}
		}
	}
	if worst < 0 || r.IntN(2) == 0 {
		return nil
	}
	year := today.Year()
	p := &competency.Plan{EmployeeID: e.ID, Year: year, Goal: "Menutup gap kompetensi hasil asesmen", Activities: []competency.Activity{
		{Kind: "diklat", Name: "Pelatihan penguatan kompetensi", Hours: 24, Done: r.IntN(3) == 0},
		{Kind: "e-learning", Name: "Kursus daring ASN Unggul", Hours: 8 + r.IntN(8), Done: today.Month() > time.June && r.IntN(2) == 0},
		{Kind: "seminar", Name: "Seminar pengembangan diri", Hours: 4, Done: r.IntN(2) == 0},
	}}
	return b.Plan(ctx, p)
}
