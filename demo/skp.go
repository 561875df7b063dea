package demo

import (
	"context"
	"math/rand/v2"

	"merit"
	"merit/performance"
	"merit/sqldb"
)

// skpYears is how many recent years get an annual SKP under PermenPANRB
// 6/2022, and legacyYears how many years before 2022 get a numeric one.
const (
	skpYears    = 3
	legacyYears = 2
)

// predikatShare is the demo's distribution of the annual predikat, in
// per mille: most Baik, some Sangat Baik, few lower.
var predikatShare = []struct {
	p       performance.Predikat
	permill int
}{
	{performance.SangatBaik, 150},
	{performance.Baik, 760},
	{performance.ButuhPerbaikan, 65},
	{performance.Kurang, 15},
	{performance.SangatKurang, 10},
}

// skpDemo rates every employee of the agency for the last skpYears years
// (hasil kerja and the seven BerAKHLAK values giving a plausible predikat),
// gives those in service before 2022 a numeric SKP for up to legacyYears
// years before it, and sets the organisation predikat of the top-level
// units, in one batch. The same seed and agency give the same ratings.
func skpDemo(ctx context.Context, db *sqldb.DB, a *merit.Agency, seed int64, today merit.Date) error {
	r := rand.New(rand.NewPCG(uint64(seed), uint64(a.ID)+0x5c9))
	last := today.Year() - 1
	err := db.SKPBatch(ctx, a.ID, func(b *sqldb.SKPBatch) error {
		for _, e := range b.Employees() {
			for year := last - skpYears + 1; year <= last; year++ {
				if s := rate(r, e, year); s != nil {
					if _, err := b.Save(ctx, s); err != nil {
						return err
					}
				}
			}
			for year := performance.FirstYear2022 - legacyYears; year < performance.FirstYear2022 && year <= last; year++ {
				if !e.TMTCPNS.IsZero() && e.TMTCPNS.Year() >= year {
					continue
				}
				// Nilai SKP 76–101, most around 88; an innovation now and then.
				score := performance.Hundredths(7600 + r.IntN(1300) + r.IntN(1300))
				s := &performance.SKP{EmployeeID: e.ID, Year: year, LegacyScore: score, LegacyInnovation: score >= 9800 && r.IntN(3) == 0,
					Source: performance.SourceDemo}
				if _, err := b.Save(ctx, s); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	units, err := db.FindUnits(ctx, a.ID)
	if err != nil {
		return err
	}
	for _, u := range units {
		if u.ParentID != 0 {
			continue
		}
		for year := max(last-skpYears+1, performance.FirstYear2022); year <= last; year++ {
			org := performance.OrgBaik
			if r.IntN(8) == 0 {
				org = performance.OrgIstimewa
			}
			if err := db.SetUnitPredikat(ctx, &performance.UnitPredikat{AgencyID: a.ID, UnitID: u.ID, Year: year, Predikat: org}); err != nil {
				return err
			}
		}
	}
	return nil
}

// rate returns an employee's annual SKP of a year with a predikat drawn from
// predikatShare, or nil when he entered service after the year.
func rate(r *rand.Rand, e sqldb.SKPEmployee, year int) *performance.SKP {
	if !e.TMTCPNS.IsZero() && e.TMTCPNS.Year() > year {
		return nil
	}
	s := &performance.SKP{EmployeeID: e.ID, Year: year, Jenjang: e.Jenjang, Source: performance.SourceDemo}
	if !e.TMTCPNS.IsZero() && e.TMTCPNS.Year() == year {
		s.Months = 13 - int(e.TMTCPNS.Month())
	}
	n, want := r.IntN(1000), performance.Baik
	for _, ps := range predikatShare {
		if n < ps.permill {
			want = ps.p
			break
		}
		n -= ps.permill
	}
	// Pick ratings that give the predikat by the matrix: the hasil kerja and
	// the median of the seven values.
	var perilaku performance.Rating
	switch want {
	case performance.SangatBaik:
		s.HasilKerja, perilaku = performance.Above, performance.Above
	case performance.Baik:
		s.HasilKerja, perilaku = performance.AsExp, performance.AsExp
		switch r.IntN(4) {
		case 0:
			s.HasilKerja = performance.Above
		case 1:
			perilaku = performance.Above
		}
	case performance.ButuhPerbaikan:
		s.HasilKerja, perilaku = performance.Below, performance.AsExp
	case performance.Kurang:
		s.HasilKerja, perilaku = performance.AsExp, performance.Below
	default:
		s.HasilKerja, perilaku = performance.Below, performance.Below
	}
	s.Behaviour = behaviour(r, perilaku)
	return s
}

// behaviour returns seven value ratings whose median is perilaku: four to
// seven of them at perilaku, the rest one step towards the middle.
func behaviour(r *rand.Rand, perilaku performance.Rating) performance.Behaviour {
	var b performance.Behaviour
	at := 4 + r.IntN(4)
	for i := range b {
		b[i] = perilaku
		if i >= at {
			b[i] = performance.AsExp
			if perilaku == performance.AsExp {
				b[i] = []performance.Rating{performance.Above, performance.Below}[r.IntN(2)]
			}
		}
	}
	r.Shuffle(len(b), func(i, j int) { b[i], b[j] = b[j], b[i] })
	return b
}
