package demo

import (
	"context"

	"merit"
	"merit/ipasn"
	"merit/sqldb"
)

// officialSample is how many employees of a demo agency get an official
// SIASN IP ASN value, and every officialDiffers-th of them one that
// differs from Merit's, so the reconciliation has something to show.
const (
	officialSample  = 40
	officialDiffers = 4
)

// ipasnDemo computes the agency's IP ASN as of today and imports official
// SIASN values for a sample of employees: most equal to Merit's, a few with
// the differences a real reconciliation finds (an SKP SIASN has not
// received yet, a training not reported to SIASN).
func ipasnDemo(ctx context.Context, db *sqldb.DB, a *merit.Agency, today merit.Date) error {
	if _, err := db.RecomputeIPASN(ctx, a.ID, ipasn.Current, today, nil); err != nil {
		return err
	}
	var rows []sqldb.OfficialRow
	var ids []int64
	err := db.EachIPASNInput(ctx, a.ID, func(id int64, in *ipasn.Input, _ int64) error {
		if len(rows) == officialSample {
			return nil
		}
		r := ipasn.Current.Compute(in, today)
		o := sqldb.IPASNOfficial{Year: today.Year() - 1, Kualifikasi: r.Scores[0].Points, Kompetensi: r.Scores[1].Points,
			Kinerja: r.Scores[2].Points, Disiplin: r.Scores[3].Points}
		if len(rows)%officialDiffers == officialDiffers-1 {
			switch {
			case o.Kinerja > 0:
				o.Kinerja = 0 // SIASN has no SKP for the year yet
			default:
				o.Kompetensi = max(o.Kompetensi-ipasn.Pts(10), 0) // a seminar not reported to SIASN
			}
		}
		o.Total = o.Kualifikasi + o.Kompetensi + o.Kinerja + o.Disiplin
		rows = append(rows, sqldb.OfficialRow{Row: len(rows) + 2, IPASNOfficial: o})
		ids = append(ids, id)
		return nil
	})
	if err != nil {
		return err
	}
	for i, id := range ids {
		e, err := db.FindEmployeeByID(ctx, a.ID, id)
		if err != nil {
			return err
		}
		rows[i].NIP = e.NIP
	}
	_, err = db.ImportIPASNOfficial(ctx, a.ID, rows, false)
	return err
}
