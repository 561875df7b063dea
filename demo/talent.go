package demo

import (
	"context"
	"fmt"

	"merit"
	"merit/sqldb"
	"merit/talent"
)

// talentPopulation is the demo review's population: the managerial
// positions and the JF ahli madya and utama, the usual talent-review scope.
var talentPopulation = talent.Population{"JPT_PRATAMA", "ADMINISTRATOR", "PENGAWAS", "JF_KEAHLIAN/AHLI_MADYA", "JF_KEAHLIAN/AHLI_UTAMA"}

// demoMoves are the calibration session's moves: from the first person
// (by rank) of a box to another box, with the committee's reason.
var demoMoves = []struct {
	from, to int
	reason   string
}{
	{8, 9, "Komite: memimpin proyek prioritas daerah dengan hasil melampaui target; direkomendasikan masuk kotak 9."},
	{5, 7, "Komite: capaian kinerja triwulan berjalan konsisten di atas ekspektasi menurut atasan langsung."},
	{6, 3, "Komite: hasil asesmen tiga tahun lalu; potensi perlu dikonfirmasi dengan asesmen ulang."},
}

// talentDemo runs the talent review of this year on the demo agency (the
// default rule set, predikat of last year) and a calibration session of the
// talent committee that moves three people with reasons and ends locked,
// ditetapkan PPK (ppkUsername is the demo PPK), so the 9-box, the talent
// cards and the calibrated pool show at once. The same data give the same
// review.
func talentDemo(ctx context.Context, db *sqldb.DB, a *merit.Agency, today merit.Date, ppkUsername string) error {
	const op = "demo.talentDemo"
	rv := &talent.Review{AgencyID: a.ID, Year: today.Year(), Name: fmt.Sprintf("Talent review %d", today.Year()),
		Population: talentPopulation, ReviewedOn: today}
	if err := db.RunTalentReview(ctx, rv); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	_, ps, err := db.TalentPlacements(ctx, a.ID)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	s := &talent.Session{AgencyID: a.ID, ReviewID: rv.ID, Name: fmt.Sprintf("Sidang Komite Talenta %d", today.Year()), HeldOn: today,
		Participants: []string{"Sekretaris Daerah (ketua)", "Asisten Administrasi Umum", "Inspektur Daerah", "Kepala BKPSDM (sekretaris)"}}
	if err := db.CreateTalentSession(ctx, s); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	for _, dm := range demoMoves {
		for _, p := range ps {
			if p.FinalBox != dm.from {
				continue
			}
			to, _ := rv.Scheme.Cell(dm.to)
			if err := db.MoveTalent(ctx, a.ID, s.ID, &talent.Move{EmployeeID: p.EmployeeID, To: to, Reason: dm.reason}); err != nil {
				return fmt.Errorf("%s: %w", op, err)
			}
			break
		}
	}
	ppk := merit.WithActor(ctx, &merit.Actor{Username: ppkUsername, Grants: []merit.Grant{{AgencyID: a.ID, AgencyCode: a.Code, Role: merit.RolePPK}}})
	if err := db.LockTalentSession(ppk, a.ID, s.ID, fmt.Sprintf("800/%d/TALENTA/%d", s.ID, today.Year())); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}
