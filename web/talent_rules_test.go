package web_test

import (
	"net/url"
	"strings"
	"testing"

	"merit/internal/testdb"
	"merit/sqldb"
	"merit/talent"
)

// ruleForm is a valid rule set form starting from version from.
func ruleForm(from string) url.Values {
	return url.Values{"from": {from}, "basis": {"Keputusan Wali Kota 800/2026"}, "scheme": {"KEMENKEU"},
		"performance.years": {"2"}, "performance.medium": {"65"}, "performance.high": {"85,5"},
		"potential.assessmentWeight": {"50"}, "potential.competencyWeight": {"30"}, "potential.trackRecordWeight": {"20"},
		"potential.medium": {"60.00"}, "potential.high": {"80.00"}, "potential.educationWeight": {"40"},
		"potential.trainingWeight": {"30"}, "potential.experienceWeight": {"30"}, "potential.trainingYears": {"3"}}
}

// TestTalentRulesPage: a reader sees the versions and no form; a talent
// writer makes a new version from the built-in one, with a message at each
// wrong field, then from his own version; the new version is offered when
// a review is run, and the review runs under it.
func TestTalentRulesPage(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		a := newApp(t, db, 12)
		talentSeed(t, db, a.agency)
		rules := "/a/" + a.agency.Code + "/talenta/aturan"
		op, viewer := a.signIn("operator"), a.signIn("viewer")

		p := viewer.get(rules).want(200)
		if rows := p.all("#rule-versions tbody tr"); len(rows) != 1 || !strings.Contains(p.text(), "Bawaan (0)") {
			t.Fatalf("versions for the viewer:\n%s", p.text())
		}
		if len(p.all("#rules-form")) != 0 {
			t.Fatal("a viewer is offered the form")
		}
		viewer.post(rules, ruleForm("0")).want(403)

		p = op.get(rules).want(200)
		for name, want := range map[string]string{"performance.medium": "60.00", "potential.high": "80.00",
			"potential.assessmentWeight": "40", "basis": ""} {
			if got := attr(p.one("[name="+name+"]"), "value"); got != want {
				t.Errorf("field %s starts at %q, want %q", name, got, want)
			}
		}

		bad := ruleForm("0")
		bad.Set("basis", " ")
		bad.Set("performance.high", "tinggi")
		bad.Set("potential.assessmentWeight", "40")      // 40 + 30 + 20 = 90
		bad.Set("potential.high", "55")                  // below the medium threshold
		bad.Set("potential.trainingYears", "tiga tahun") // no number
		p = op.post(rules, bad).want(422)
		for name, want := range map[string]string{"basis": "wajib diisi", "performance.high": "bukan angka",
			"potential.assessmentWeight": "100", "potential.high": "ambang", "potential.trainingYears": "bukan angka"} {
			n := p.all("[id=f-" + name + "-error]")
			if len(n) == 0 || !strings.Contains(strings.ToLower(textOf(n[0])), want) {
				t.Errorf("field %s: message %v, want one with %q", name, n, want)
			}
		}
		if got := attr(p.one("[name=potential.competencyWeight]"), "value"); got != "30" {
			t.Errorf("posted value not kept: %q", got)
		}
		if sets, err := db.TalentRuleSets(testdb.System(), a.agency.ID); err != nil || len(sets) != 1 {
			t.Fatalf("a refused form stored a version: %d, %v", len(sets), err)
		}

		p = op.post(rules, ruleForm("0")).want(200)
		if !strings.Contains(p.text(), "Aturan talenta versi 1 disimpan.") {
			t.Fatalf("after saving:\n%s", p.text())
		}
		v1, err := db.TalentRuleSet(testdb.System(), a.agency.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		if v1.Scheme != talent.SchemeKemenkeu || v1.Performance.Years != 2 || v1.Performance.Medium != 6500 || v1.Performance.High != 8550 ||
			v1.Potential.AssessmentWeight != 50 || v1.Basis != "Keputusan Wali Kota 800/2026" || v1.CreatedBy != "operator" {
			t.Errorf("version 1: %+v", v1)
		}
		// What the form does not show comes from the base version.
		if len(v1.Performance.Levels) != len(talent.Default.Performance.Levels) || len(v1.Potential.Training) != len(talent.Default.Potential.Training) {
			t.Errorf("version 1 lost the base's mapping or bands: %+v", v1)
		}

		// The form now starts from version 1; a version made from it keeps
		// its scheme.
		p = op.get(rules).want(200)
		if got := attr(p.one("[name=from]"), "value"); got != "1" {
			t.Errorf("the form starts from version %q, want 1", got)
		}
		next := ruleForm("1")
		next.Set("basis", "Perubahan ambang")
		next.Set("performance.years", "1")
		op.post(rules, next).want(200)
		if v2, err := db.TalentRuleSet(testdb.System(), a.agency.ID, 2); err != nil || v2.Scheme != talent.SchemeKemenkeu || v2.Performance.Years != 1 {
			t.Errorf("version 2: %+v, %v", v2, err)
		}
		unknown := ruleForm("99")
		if p := op.post(rules, unknown).want(422); !strings.Contains(p.text(), "Versi dasar") {
			t.Errorf("an unknown base version:\n%s", p.text())
		}

		// Running a review offers the versions and uses the chosen one.
		grid := op.get("/a/" + a.agency.Code + "/talenta").want(200)
		if len(grid.all("select[name=ruleVersion] option[value=1]")) != 1 || len(grid.all("#rules-link")) != 1 {
			t.Fatalf("the run form does not offer version 1 or the rules link:\n%s", grid.text())
		}
		op.post("/a/"+a.agency.Code+"/talenta", url.Values{"year": {"2026"}, "ruleVersion": {"1"}, "population": {"PELAKSANA", "PENGAWAS"}}).want(200)
		rv, err := db.TalentReview(testdb.System(), a.agency.ID, 0)
		if err != nil || rv.RuleVersion != 1 || rv.Scheme != talent.SchemeKemenkeu {
			t.Fatalf("review run under %+v, %v; want version 1 (Kemenkeu numbering)", rv, err)
		}
	})
}
