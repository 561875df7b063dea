package demo

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"merit"
	"merit/auth"
	"merit/internal/testdb"
	"merit/sqldb"
)

// testToday pins the date so generated data is the same on every run.
var testToday = merit.NewDate(2026, 3, 15)

// reference returns the seeded reference data of a fresh SQLite database.
func reference(t *testing.T) *merit.Reference {
	t.Helper()
	db := testdb.Open(t, sqldb.SQLite)
	ref, err := db.Reference(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ref
}

func digest(t *testing.T, seed int64, n int, today merit.Date) string {
	t.Helper()
	h := sha256.New()
	enc := json.NewEncoder(h)
	for p := range Employees(seed, n, today) {
		if err := enc.Encode(p); err != nil {
			t.Fatal(err)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestEmployeesAreDeterministic(t *testing.T) {
	a, b := digest(t, 1, 3000, testToday), digest(t, 1, 3000, testToday)
	if a != b {
		t.Fatalf("seed 1 twice: digests %s and %s differ", a, b)
	}
	if c := digest(t, 2, 3000, testToday); c == a {
		t.Fatalf("seeds 1 and 2 gave the same digest %s", a)
	}
	if d := digest(t, 1, 3000, merit.NewDate(2027, 1, 10)); d == a {
		t.Fatalf("another today gave the same digest %s", a)
	}
}

// TestEmployeesAreValid checks 20,000 generated employees against the
// registry's own rules: every record and history entry validates, NIPs agree
// with the record and never repeat, dates are ordered and not in the future.
func TestEmployeesAreValid(t *testing.T) {
	ref := reference(t)
	const n = 20000
	nips := make(map[string]bool, n)
	failures := 0
	fail := func(p *Person, format string, args ...any) {
		t.Helper()
		if failures++; failures <= 20 {
			t.Errorf("%s %s (%s, %s): %s", p.NIP, p.Name, p.Status, p.PositionName, fmt.Sprintf(format, args...))
		}
	}
	count := 0
	for p := range Employees(1, n, testToday) {
		count++
		e := p.Employee
		if err := e.Validate(ref, testToday); err != nil {
			fail(p, "invalid: %v", err)
		}
		// The NIK (checked by Validate) carries the birth date, 40 added to
		// the day for women; everyone has an address.
		day := e.BirthDate.Day()
		if e.Sex == merit.SexFemale {
			day += 40
		}
		if len(e.NIK) != 16 || e.NIK[6:12] != fmt.Sprintf("%02d%02d%02d", day, int(e.BirthDate.Month()), e.BirthDate.Year()%100) || e.Alamat == "" {
			fail(p, "NIK %s or address %q", e.NIK, e.Alamat)
		}
		if nips[p.NIP] {
			fail(p, "NIP repeated")
		}
		nips[p.NIP] = true
		if age := p.BirthDate.AgeOn(testToday); age < 18 || age > 60 {
			fail(p, "age %d", age)
		}
		if p.TMTGolongan.Before(p.TMTCPNS) || p.TMTJabatan.Before(p.TMTCPNS) {
			fail(p, "TMT golongan %s or jabatan %s before TMT CPNS %s", p.TMTGolongan, p.TMTJabatan, p.TMTCPNS)
		}
		if p.TMTJabatan.After(testToday) || p.TMTGolongan.After(testToday) {
			fail(p, "TMT in the future")
		}
		pos := merit.Position{Name: p.PositionName, Jenis: p.Jenis, Jenjang: p.Jenjang, KelasJabatan: p.KelasJabatan}
		if err := pos.Validate(ref); err != nil {
			fail(p, "position invalid: %v", err)
		}
		if p.UnitName == "" || p.OPD == "" {
			fail(p, "no unit")
		}
		graduate := p.Education != "SD" && p.Education != "SMP" && p.Education != "SMA"
		withoutHajj := strings.TrimSpace(strings.NewReplacer("Hj.", "", "H.", "").Replace(p.GelarDepan))
		if graduate != (withoutHajj != "" || p.GelarBelakang != "") {
			fail(p, "education %s with gelar %q / %q", p.Education, p.GelarDepan, p.GelarBelakang)
		}
		hajj := strings.Contains(" "+p.GelarDepan+" ", " H. ") || strings.Contains(" "+p.GelarDepan+" ", " Hj. ")
		if p.Religion != "ISLAM" && (strings.Contains(p.GelarBelakang, "Pd.I.") || hajj) {
			fail(p, "religion %s with gelar %q / %q", p.Religion, p.GelarDepan, p.GelarBelakang)
		}
		var lastGol, lastJab *merit.HistoryEntry
		for i := range p.History {
			h := &p.History[i]
			if err := h.Validate(ref, testToday); err != nil {
				fail(p, "%s history %+v invalid: %v", h.Kind, h, err)
			}
			switch h.Kind {
			case merit.HistGolongan:
				if lastGol != nil && !h.Start.After(lastGol.Start) {
					fail(p, "golongan history %s at %s out of order", h.Ref, h.Start)
				}
				lastGol = h
			case merit.HistJabatan:
				if h.Start.Before(p.TMTCPNS) || lastJab != nil && !h.Start.After(lastJab.Start) {
					fail(p, "post %s %s–%s out of order or before TMT CPNS", h.Title, h.Start, h.End)
				}
				lastJab = h
			case merit.HistPendidikan:
				if h.End.After(testToday) {
					fail(p, "graduation %s in the future", h.End)
				}
			}
		}
		// The histories end with the current state, as the store expects.
		if lastGol == nil || lastGol.Ref != p.Golongan || lastGol.Start != p.TMTGolongan {
			fail(p, "golongan history ends with %+v, current %s at %s", lastGol, p.Golongan, p.TMTGolongan)
		}
		if lastJab == nil || lastJab.Title != p.PositionName || lastJab.Start != p.TMTJabatan || !lastJab.End.IsZero() || lastJab.Place != p.UnitName {
			fail(p, "jabatan history ends with %+v, current %s at %s", lastJab, p.PositionName, p.TMTJabatan)
		}
	}
	if count != n {
		t.Fatalf("got %d employees, want %d", count, n)
	}
}

// TestDistributions checks that a default-size agency looks like a Pemkot.
func TestDistributions(t *testing.T) {
	var total, pns, pppk, pw, women, eduHealth, eduHealthWomen, enforce, enforceWomen, pppkEduHealth, islam, s3, bachelor, teachers int
	gol := map[string]int{}
	opdSeen := map[string]bool{}
	ageSum := 0
	jpt := 0
	for p := range Employees(1, DefaultEmployees, testToday) {
		total++
		opdSeen[p.OPD] = true
		ageSum += p.BirthDate.AgeOn(testToday)
		health := strings.Contains(p.OPD, "Kesehatan") || strings.Contains(p.OPD, "Rumah Sakit")
		edu := strings.Contains(p.OPD, "Pendidikan")
		switch p.Status {
		case "PNS", "CPNS":
			pns++
			gol[p.Golongan[:strings.Index(p.Golongan+"/", "/")]]++
		case "PPPK":
			pppk++
		case "PPPK_PW":
			pw++
		}
		if (p.Status == "PPPK" || p.Status == "PPPK_PW") && (health || edu) {
			pppkEduHealth++
		}
		female := p.Sex == merit.SexFemale
		if female {
			women++
		}
		if health || edu {
			eduHealth++
			if female {
				eduHealthWomen++
			}
		}
		if p.OPD == "Satuan Polisi Pamong Praja" || strings.Contains(p.OPD, "Pemadam") {
			enforce++
			if female {
				enforceWomen++
			}
		}
		if p.Religion == "ISLAM" {
			islam++
		}
		switch p.Education {
		case "S3":
			s3++
		case "S1", "D4":
			bachelor++
		}
		if strings.HasPrefix(p.PositionName, "Guru ") {
			teachers++
		}
		if p.Jenis == "JPT_PRATAMA" {
			jpt++
		}
	}
	share := func(a, b int) float64 { return float64(a) / float64(b) }
	checks := []struct {
		name   string
		v      float64
		lo, hi float64
	}{
		{"OPD", float64(len(opdSeen)), 36, 45},
		{"golongan III among PNS", share(gol["III"], pns), 0.40, 0.70},
		{"golongan IV among PNS", share(gol["IV"], pns), 0.10, 0.35},
		{"golongan II among PNS", share(gol["II"], pns), 0.08, 0.35},
		{"golongan I among PNS", share(gol["I"], pns), 0, 0.02},
		{"PPPK (both kinds)", share(pppk+pw, total), 0.15, 0.35},
		{"PPPK paruh waktu", share(pw, total), 0.02, 0.10},
		{"PPPK in education and health", share(pppkEduHealth, pppk+pw), 0.6, 1},
		{"women overall", share(women, total), 0.45, 0.65},
		{"women in education and health", share(eduHealthWomen, eduHealth), 0.6, 0.85},
		{"women in Satpol PP and Damkar", share(enforceWomen, enforce), 0, 0.25},
		{"Islam", share(islam, total), 0.80, 0.92},
		{"S1/D4", share(bachelor, total), 0.40, 0.70},
		{"S3", share(s3, total), 0.0001, 0.01},
		{"teachers", share(teachers, total), 0.25, 0.40},
		{"mean age", float64(ageSum) / float64(total), 38, 48},
	}
	for _, c := range checks {
		if c.v < c.lo || c.v > c.hi {
			t.Errorf("%s: got %.3f, want %.3f–%.3f", c.name, c.v, c.lo, c.hi)
		}
	}
	if want := len(newPlan(templates[0]).postsBy["JPT_PRATAMA"]); jpt != want {
		t.Errorf("JPT Pratama holders: got %d, want every one of the %d posts filled", jpt, want)
	}
	t.Logf("%d employees, %d OPD; golongan among PNS %v; PPPK %d, PPPK PW %d", total, len(opdSeen), gol, pppk, pw)
}

// TestCatalog checks the OPD catalog against every template: unit names are
// unique in an agency, position names in a unit, and every staff line finds
// its units.
func TestCatalog(t *testing.T) {
	for i := range templates {
		p := newPlan(templateFor(i))
		names := map[string]bool{}
		for _, u := range p.units {
			if names[u.name] {
				t.Errorf("%s: unit %q twice", p.tpl.Code, u.name)
			}
			names[u.name] = true
		}
		posts := map[string]bool{}
		for _, po := range p.posts {
			key := p.units[po.unit].name + "/" + po.name
			if posts[key] {
				t.Errorf("%s: position %q twice", p.tpl.Code, key)
			}
			posts[key] = true
		}
		if i > 0 {
			continue
		}
		for _, spec := range opds {
			name := strings.ReplaceAll(spec.name, "{rsud}", p.tpl.RSUD)
			for _, st := range spec.staff {
				found := false
				for _, s := range p.slots {
					u := p.units[s.unit]
					found = found || s.fam == families[st.fam] && p.opds[u.opd].name == name && strings.HasPrefix(u.name, st.where)
				}
				if !found {
					t.Errorf("%s: staff %s in %q finds no unit", name, st.fam, st.where)
				}
			}
		}
	}
	if tpl := templateFor(len(templates) + 1); tpl.Code != "kota-salatiga-2" || tpl.Short != "salatiga2" {
		t.Errorf("template past the list: got %s/%s", tpl.Code, tpl.Short)
	}
}

// TestGenerate writes two small agencies to each engine and checks what the
// store reports against the generated people, the demo users and a re-run.
func TestGenerate(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		today := merit.Today()
		opts := Options{Seed: 7, Agencies: 2, Employees: 200, Today: today}
		res, err := Generate(ctx, db, opts)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Agencies) != 2 || res.Agencies[0].Agency.Code != "kota-magelang" || res.Agencies[1].Agency.Code != "kota-salatiga" {
			t.Fatalf("agencies: got %+v", res.Agencies)
		}
		sessions := auth.NewSessions(db, auth.Cheap)
		for i, ar := range res.Agencies {
			if ar.Employees != 200 || ar.Skipped {
				t.Errorf("%s: got %d employees (skipped %v), want 200", ar.Agency.Code, ar.Employees, ar.Skipped)
			}
			checkAgency(t, ctx, db, ar.Agency, i, opts)
			// Every demo role, and the demo selections' two more panel members.
			if len(ar.SignIns) != len(demoRoles)+len(PanelSignIns(""))-1 {
				t.Fatalf("%s: sign-ins %+v", ar.Agency.Code, ar.SignIns)
			}
			for _, si := range ar.SignIns {
				u, err := sessions.Authenticate(context.Background(), si.Username, Password, "192.0.2.1:5000")
				if err != nil {
					t.Fatalf("%s: %v", si.Username, err)
				}
				if len(u.Grants) != 1 || u.Grants[0].AgencyID != ar.Agency.ID || u.Grants[0].Role != si.Role {
					t.Errorf("%s: grants %+v, want %s of agency %d", si.Username, u.Grants, si.Role, ar.Agency.ID)
				}
				if !strings.HasPrefix(si.Username, string(si.Role)+".") {
					t.Errorf("username %s does not name its role", si.Username)
				}
			}
			if _, err := sessions.Authenticate(context.Background(), ar.SignIns[0].Username, "wrong-password", "192.0.2.1:5000"); merit.KindOf(err) != merit.KindUnauthenticated {
				t.Errorf("wrong password: got %v", err)
			}
		}
		// A second run leaves both agencies alone and adds a third.
		opts.Agencies = 3
		again, err := Generate(ctx, db, opts)
		if err != nil {
			t.Fatal(err)
		}
		for i, ar := range again.Agencies {
			if want := i < 2; ar.Skipped != want || (ar.Employees == 0) != want {
				t.Errorf("re-run %s: skipped %v with %d employees", ar.Agency.Code, ar.Skipped, ar.Employees)
			}
		}
		users, err := db.FindUsers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// Three agencies, each with a user per demo role, two more panel
		// members and an employee account; and the BKN evaluator.
		if want := 3*(len(demoRoles)+len(PanelSignIns(""))-1+1) + 1; len(users) != want {
			t.Errorf("users after re-run: got %d, want %d", len(users), want)
		}
	})
}

// checkAgency compares the stored agency with the people the generator makes
// for it: headcount per unit, per golongan, and one employee's history.
func checkAgency(t *testing.T, ctx context.Context, db *sqldb.DB, a *merit.Agency, index int, opts Options) {
	t.Helper()
	perUnit, perGol := map[string]int{}, map[string]int{}
	var sample *Person
	for p := range agencyPeople(opts.Seed, index, opts.Employees, opts.Today) {
		perUnit[p.UnitName]++
		perGol[p.Golongan]++
		if sample == nil || len(p.History) > len(sample.History) {
			sample = p
		}
	}
	units, err := db.FindUnits(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(newPlan(templateFor(index)).units); len(units) != want {
		t.Errorf("%s: %d units, want %d", a.Code, len(units), want)
	}
	for _, u := range units {
		if u.Headcount != perUnit[u.Name] {
			t.Errorf("%s: unit %s has %d employees, generated %d", a.Code, u.Name, u.Headcount, perUnit[u.Name])
		}
	}
	st, err := db.Stats(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if st.Total != opts.Employees {
		t.Errorf("%s: total %d, want %d", a.Code, st.Total, opts.Employees)
	}
	for _, c := range st.ByGolongan {
		if c.N != perGol[c.Key] {
			t.Errorf("%s: golongan %s has %d, generated %d", a.Code, c.Key, c.N, perGol[c.Key])
		}
	}
	e, err := db.FindEmployeeByNIP(ctx, a.ID, sample.NIP)
	if err != nil {
		t.Fatal(err)
	}
	if e.PositionName != sample.PositionName || e.UnitName != sample.UnitName || e.Name != sample.Name {
		t.Errorf("stored %s/%s/%s, generated %s/%s/%s", e.Name, e.UnitName, e.PositionName, sample.Name, sample.UnitName, sample.PositionName)
	}
	hist, err := db.FindHistory(ctx, a.ID, e.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := len(sample.History); len(hist) != want {
		t.Errorf("%s: %d history entries, want %d", sample.NIP, len(hist), want)
	}
}

// TestGenerateDefaultSize loads the default 6,000-employee agency into
// SQLite and reports the time it takes (not asserted: machines differ).
func TestGenerateDefaultSize(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 6,000 employees")
	}
	db := testdb.Open(t, sqldb.SQLite)
	started := time.Now()
	res, err := Generate(testdb.System(), db, Options{Seed: 1, Today: merit.Today()})
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(started)
	ar := res.Agencies[0]
	if ar.Employees != DefaultEmployees {
		t.Fatalf("got %d employees", ar.Employees)
	}
	t.Logf("generated and stored %d employees with their histories on SQLite in %s (%.0f employees/s)",
		ar.Employees, elapsed.Round(time.Millisecond), float64(ar.Employees)/elapsed.Seconds())
}

// TestPending: the default demo is pending on an empty database and while
// one of its ServeAgencies agencies is missing or empty, and never once
// another agency exists.
func TestPending(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := testdb.System()
		check := func(step string, want bool) {
			t.Helper()
			if got, err := Pending(ctx, db); err != nil || got != want {
				t.Fatalf("%s: pending %v (%v), want %v", step, got, err, want)
			}
		}
		check("empty", true)
		opts := Options{Seed: 3, Agencies: 1, Employees: 20, Today: merit.Today()}
		if _, err := Generate(ctx, db, opts); err != nil {
			t.Fatal(err)
		}
		check("first agency only", true)
		opts.Agencies = ServeAgencies
		if _, err := Generate(ctx, db, opts); err != nil {
			t.Fatal(err)
		}
		check("both loaded", false)
		testdb.Agency(t, db, "kota-nyata")
		check("a real agency beside them", false)
	})
}
