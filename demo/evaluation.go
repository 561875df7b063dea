package demo

import (
	"context"
	"fmt"

	"merit"
	"merit/auth"
	"merit/evaluation"
	"merit/sqldb"
)

// EvaluatorSignIn is the demo evaluator (BKN): granted the evaluation of
// every demo agency, with the small evaluation-only agencies beside them.
const EvaluatorSignIn = "evaluator.bkn"

// evaluationAgencies are small demo agencies (no employees) that exist only
// so the evaluator's view spans several agencies: their published results
// (regulations.md §1.8) and one assessment waiting in the verification
// queue. Levels are the domain's published level sets; the queued one uses
// Magelang 2022's as its self levels.
var evaluationAgencies = []struct {
	code, name, kind string
	year             int
	published        string // "code/year" of evaluation.PublishedResults, or "" for a submitted draft
}{
	{"kota-pontianak", "Pemerintah Kota Pontianak", "KOTA", 2023, "kota-pontianak/2023"},
	{"kota-malang", "Pemerintah Kota Malang", "KOTA", 2021, "kota-malang/2021"},
	{"kab-temanggung", "Pemerintah Kabupaten Temanggung", "KABUPATEN", 2023, ""},
}

// evaluationDemo builds the merit evaluation of issue 7 through the store,
// so every check runs: for Kota Magelang its published KASN results of
// 2021, 2022 and 2023 (149.5, 273, 337.5) as set assessments (self levels a
// little above the verified ones in 2023, suggestions from its data kept),
// its Indeks Kualitas Pengisian JPT from its demo selections, a running
// employee survey with answers from its employees and a 2026
// assessment on the PermenPANRB 19/2025 framework that takes the survey's
// score; the small agencies of evaluationAgencies; and the evaluator
// evaluator.bkn granted all of them, added to Kota Magelang's sign-ins.
// Agencies already skipped (loaded before) are left alone. ctx must carry
// the system actor.
func evaluationDemo(ctx context.Context, db *sqldb.DB, res *Result, today merit.Date) error {
	const op = "demo.evaluationDemo"
	var magelang *AgencyResult
	for i := range res.Agencies {
		if ar := &res.Agencies[i]; ar.Agency.Code == "kota-magelang" && !ar.Skipped {
			magelang = ar
		}
	}
	if magelang == nil {
		return nil
	}
	published := map[string]evaluation.Published{}
	for _, p := range evaluation.PublishedResults() {
		published[fmt.Sprintf("%s/%d", p.AgencyCode, p.Year)] = p
	}
	kasn := evaluation.Seed(evaluation.InstrumentKASN2018)
	a := magelang.Agency
	for _, year := range []int{2021, 2022, 2023} {
		p := published[fmt.Sprintf("kota-magelang/%d", year)]
		self := p.Levels
		if year == 2023 {
			self = raised(p.Levels, "3.1", "3.4", "5.2") // the team was more generous than the evaluator
		}
		// Verified, not yet set: the evaluator's demo sets them (penetapan
		// writes the official merit result the succession demo has its own of).
		if err := demoAssessment(ctx, db, a.ID, year, kasn, self, p.Levels, ""); err != nil {
			return fmt.Errorf("%s: %d: %w", op, year, err)
		}
	}
	if err := demoSurvey(ctx, db, a, today); err != nil {
		return fmt.Errorf("%s: survey: %w", op, err)
	}
	if err := demoJPTIndex(ctx, db, a.ID, today); err != nil {
		return fmt.Errorf("%s: JPT index: %w", op, err)
	}
	panrb := evaluation.Seed(evaluation.InstrumentPANRB2025)
	if today.Year() >= 2026 && panrb.InForce(today) {
		levels := evaluation.Levels{}
		for i, ind := range panrb.Indicators() {
			levels[ind.Code] = 3 + i%2 // maturity 3 and 4 in turn
		}
		if err := demoAssessment(ctx, db, a.ID, today.Year(), panrb, levels, levels, ""); err != nil {
			return fmt.Errorf("%s: %d: %w", op, today.Year(), err)
		}
	}

	grants := []merit.Grant{{AgencyID: a.ID, Role: merit.RoleEvaluator}}
	for _, ar := range res.Agencies {
		if ar.Agency.ID != a.ID && !ar.Skipped {
			grants = append(grants, merit.Grant{AgencyID: ar.Agency.ID, Role: merit.RoleEvaluator})
		}
	}
	for _, x := range evaluationAgencies {
		ag, err := db.FindAgencyByCode(ctx, x.code)
		if merit.KindOf(err) == merit.KindNotFound {
			ag = &merit.Agency{Code: x.code, Name: x.name, Kind: x.kind}
			if err = db.CreateAgency(ctx, ag); err == nil {
				err = smallAgencyAssessment(ctx, db, ag, x.year, kasn, published[x.published], published["kota-magelang/2022"].Levels)
			}
		}
		if err != nil {
			return fmt.Errorf("%s: %s: %w", op, x.code, err)
		}
		grants = append(grants, merit.Grant{AgencyID: ag.ID, Role: merit.RoleEvaluator})
	}
	hash, err := auth.HashPassword(Password, auth.Cheap)
	if err != nil {
		return err
	}
	u := &merit.User{Username: EvaluatorSignIn, Name: "Evaluator Demo BKN", Grants: grants}
	if err := db.CreateUser(ctx, u, hash); err != nil && merit.KindOf(err) != merit.KindConflict {
		return fmt.Errorf("%s: %w", op, err)
	}
	res.Evaluator = &SignIn{Username: EvaluatorSignIn, Role: merit.RoleEvaluator}
	return nil
}

// smallAgencyAssessment gives an evaluation-only agency its published
// result, or (p zero) a submitted assessment with the self levels queued.
func smallAgencyAssessment(ctx context.Context, db *sqldb.DB, a *merit.Agency, year int, in *evaluation.Instrument, p evaluation.Published,
	queued evaluation.Levels) error {
	if p.Levels == nil {
		return demoAssessment(ctx, db, a.ID, year, in, queued, nil, "")
	}
	return demoAssessment(ctx, db, a.ID, year, in, p.Levels, p.Levels, fmt.Sprintf("B-%d/KASN/%d", 200+year%100, year))
}

// raised returns levels with the indicators one level higher.
func raised(levels evaluation.Levels, codes ...string) evaluation.Levels {
	out := evaluation.Levels{}
	for k, v := range levels {
		out[k] = v
	}
	for _, c := range codes {
		out[c]++
	}
	return out
}

// demoAssessment runs one assessment through the flow: a team, the
// suggestions from the agency's data, the self levels and a narrative,
// submitted; then, with verified levels, verified; then, with a decree,
// set (ditetapkan). verified nil stops at submitted, decree "" at verified.
func demoAssessment(ctx context.Context, db *sqldb.DB, agencyID int64, year int, in *evaluation.Instrument, self, verified evaluation.Levels, decree string) error {
	m, err := db.CreateMeritAssessment(ctx, agencyID, year, in.Ref())
	if merit.KindOf(err) == merit.KindConflict {
		return nil // made by an earlier, interrupted run
	}
	if err != nil {
		return err
	}
	if err := db.SetMeritTeam(ctx, agencyID, m.ID, []evaluation.TeamMember{{Name: "Kepala BKPSDM", Role: "ketua"},
		{Name: "Kepala Bidang Pengembangan Aparatur", Role: "sekretaris"}, {Name: "Analis SDM Aparatur", Role: "anggota"}}); err != nil {
		return err
	}
	if _, err := db.SuggestLevels(ctx, agencyID, m.ID); err != nil {
		return err
	}
	for _, ind := range in.Indicators() {
		if err := db.SetSelfLevel(ctx, agencyID, m.ID, ind.Code, self[ind.Code], fmt.Sprintf("Bukti dukung %s tahun %d terlampir.", ind.Code, year)); err != nil {
			return err
		}
	}
	if _, err := db.SubmitMeritAssessment(ctx, agencyID, m.ID); err != nil || verified == nil {
		return err
	}
	for _, ind := range in.Indicators() {
		note := ""
		if verified[ind.Code] < self[ind.Code] {
			note = "Bukti dukung belum menunjukkan penerapan pada seluruh unit kerja."
		}
		if err := db.VerifyIndicator(ctx, agencyID, m.ID, ind.Code, verified[ind.Code], note); err != nil {
			return err
		}
	}
	if _, err := db.CompleteVerification(ctx, agencyID, m.ID, 0); err != nil || decree == "" {
		return err
	}
	_, err = db.SetMeritAssessment(ctx, agencyID, m.ID, decree)
	return err
}

// demoSurveyAnswers is how many of the agency's employees answer the demo
// survey (the demo employee, first by NIP, is left to answer it).
const demoSurveyAnswers = 60

// demoSurvey opens the agency's employee survey of the year and has
// employees answer it, each as themselves (an employee actor), so
// anonymity and the one-answer rule run as in use.
func demoSurvey(ctx context.Context, db *sqldb.DB, a *merit.Agency, today merit.Date) error {
	s := &sqldb.Survey{Title: "Survei Kepuasan dan Keterlibatan Pegawai", Survey: evaluation.Survey{AgencyID: a.ID, Year: today.Year(),
		Questions: []evaluation.Question{
			{Code: "K1", Dimension: "kepuasan", Text: "Saya puas dengan layanan kepegawaian di instansi ini."},
			{Code: "K2", Dimension: "kepuasan", Text: "Penilaian kinerja saya dilakukan secara adil dan objektif."},
			{Code: "E1", Dimension: "keterlibatan", Text: "Saya bangga bekerja di instansi ini."},
			{Code: "E2", Dimension: "keterlibatan", Text: "Saya mendapat kesempatan mengembangkan kompetensi."}}}}
	if err := db.CreateSurvey(ctx, s); err != nil {
		return err
	}
	if _, err := db.OpenSurvey(ctx, a.ID, s.ID); err != nil {
		return err
	}
	people, _, err := db.FindEmployees(ctx, merit.EmployeeFilter{AgencyID: a.ID, Status: "PNS", Sort: "nip", Limit: demoSurveyAnswers + 1})
	if err != nil {
		return err
	}
	for i, e := range people {
		if i == 0 {
			continue // the demo employee
		}
		as := merit.WithActor(ctx, &merit.Actor{Username: e.NIP, Grants: []merit.Grant{{AgencyID: a.ID, Role: merit.RoleEmployee, EmployeeID: e.ID}}})
		answers := []int{3 + i%3, 2 + i%4, 4 + i%2, 3 + i%2} // 1..5, deterministic
		if err := db.RespondSurvey(as, a.ID, s.ID, answers); err != nil {
			return err
		}
	}
	return nil
}

// evaluationOnly counts the evaluation-only demo agencies that exist, which
// Pending leaves out: they are not agencies of the default demo's set.
func evaluationOnly(ctx context.Context, db *sqldb.DB) (int, error) {
	n := 0
	for _, x := range evaluationAgencies {
		_, err := db.FindAgencyByCode(ctx, x.code)
		switch {
		case err == nil:
			n++
		case merit.KindOf(err) != merit.KindNotFound:
			return 0, err
		}
	}
	return n, nil
}

// demoJPTScores are the evaluator's scores of the JPT index's indicators
// the selection records cannot show (and the report's timeliness, which
// Merit does not record): coordination, a complete report, innovation, and
// no violation.
var demoJPTScores = map[string]string{"koordinasi": "8", "laporan_tepat": "12", "laporan_lengkap": "4", "inovasi": "9", "pelanggaran": "0"}

// demoJPTIndex computes the agency's Indeks Kualitas Pengisian JPT for the
// latest of this year and last in which its demo open selections closed
// registration, from their records and demoJPTScores.
func demoJPTIndex(ctx context.Context, db *sqldb.DB, agencyID int64, today merit.Date) error {
	scores := map[string]evaluation.Score{}
	for code, text := range demoJPTScores {
		s, err := evaluation.ParseScore(text)
		if err != nil {
			return err
		}
		scores[code] = s
	}
	for _, year := range []int{today.Year(), today.Year() - 1} {
		sels, err := db.JPTSelections(ctx, agencyID, year)
		if err != nil {
			return err
		}
		if len(sels) > 0 {
			_, err = db.ComputeJPTIndex(ctx, agencyID, year, scores)
			return err
		}
	}
	return nil
}
