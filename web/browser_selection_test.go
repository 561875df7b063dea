package web_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"merit/internal/testdb"
	"merit/sqldb"
)

// TestBrowserSelection drives Chromium through open selection: a visitor
// without an account opens the public portal, a finished selection and its
// last published stage, whose seal hash is the SHA-256 of the score file
// the page links to; then a panel member signs in, lands on his selections,
// opens the one in its track-record stage and scores a candidate on his
// scorecard; last the secretariat adds a criterion to a planned stage.
func TestBrowserSelection(t *testing.T) {
	db := testdb.Open(t, sqldb.SQLite)
	a := &app{t: t, db: db}
	a.agency, a.other = seed(t, db, 12)
	res := demoSelections(t, a)
	b := startBrowser(t, db)

	// The public portal, no sign-in.
	finished := fmt.Sprintf("/seleksi-terbuka/kota-magelang/%d", res.Finished)
	b.do("portal", chromedp.Navigate(b.base+"/seleksi-terbuka"), chromedp.WaitVisible(chromedp.CSS(".public-selections")))
	if n := b.count(".public-selections li"); n != 3 {
		t.Errorf("the portal lists %d selections, want 3", n)
	}
	b.do("open the finished selection", chromedp.Click(chromedp.CSS(`a[href="`+finished+`"]`)), chromedp.WaitVisible(chromedp.ID("jadwal")))
	if n := b.count("#jadwal code.seal-hash"); n != 4 {
		t.Errorf("%d sealed stages on the timeline, want 4", n)
	}
	b.do("open the last published stage", chromedp.Click(chromedp.CSS(`#jadwal tr:last-child a`)), chromedp.WaitVisible(chromedp.ID("seal-hash")))
	hash := b.text("#seal-hash")
	link, err := chromedp.Run(b.ctx, chromedp.AttributeValue(chromedp.CSS("#segel a[download]"), "href"))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(b.base + link.Value)
	if err != nil {
		t.Fatal(err)
	}
	file, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	sum := sha256.Sum256(file)
	if err != nil || len(hash) != 64 || hex.EncodeToString(sum[:]) != hash {
		t.Errorf("seal %q, SHA-256 of the linked file %x (%v)", hash, sum, err)
	}
	if n := b.count("table.public-results tbody tr"); n < 2 {
		t.Errorf("%d published results", n)
	}

	// A panel member scores.
	cands, err := db.SelectionCandidates(testdb.System(), a.agency.ID, res.Scoring)
	if err != nil || len(cands) == 0 {
		t.Fatal(err)
	}
	input := fmt.Sprintf(`input[name="s.%d.integritas"]`, cands[0].ID)
	b.do("sign in as pansel1", chromedp.Navigate(b.base+"/masuk"), chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "pansel1"), chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Submit(chromedp.ID("password")), chromedp.WaitVisible(chromedp.CSS("table.selections")))
	if n := b.count("table.selections tbody tr a"); n != 3 {
		t.Errorf("pansel1 sees %d selections, want 3", n)
	}
	b.do("open the selection being scored", chromedp.Click(chromedp.CSS(fmt.Sprintf(`a[href="/a/kota-magelang/seleksi/%d"]`, res.Scoring))),
		chromedp.WaitVisible(chromedp.ID("anggota")))
	b.do("open the scorecard", chromedp.Click(chromedp.CSS(`#tahapan a[href*="/nilai/"]`)), chromedp.WaitVisible(chromedp.CSS("form.scorecard")))
	b.do("score", chromedp.SendKeys(chromedp.CSS(input), "85,5"),
		chromedp.SendKeys(chromedp.CSS(fmt.Sprintf(`input[name="s.%d.kinerja"]`, cands[0].ID)), "90"),
		chromedp.Click(chromedp.CSS("form.scorecard button[type=submit]")), chromedp.WaitVisible(chromedp.CSS(".flash")))
	if got := b.text(".flash"); got != "Nilai disimpan." {
		t.Errorf("after saving: %q", got)
	}
	value, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.CSS(input)))
	if err != nil || value != "85.50" {
		t.Errorf("the saved score shows %q (%v), want 85.50", value, err)
	}
	scores, err := db.StageScores(testdb.System(), a.agency.ID, res.Scoring, scoresStage(t, db, a, res.Scoring))
	stored := map[string]string{}
	for _, sc := range scores {
		stored[fmt.Sprintf("%d.%s", sc.CandidateID, sc.Criterion)] = sc.Value.String()
	}
	if err != nil || len(scores) != 2 || stored[fmt.Sprintf("%d.integritas", cands[0].ID)] != "85.50" {
		t.Errorf("stored scores %v %v", stored, err)
	}

	// The secretariat adds a criterion to a planned stage's scorecard;
	// Enter in its last input saves the plan.
	b.do("sign in as operator", chromedp.Click(chromedp.CSS(`form[action="/keluar"] button`)), chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "operator"), chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Submit(chromedp.ID("password")), chromedp.WaitVisible(chromedp.CSS(`form[action="/keluar"] button`)))
	row := `#kriteria-makalah input[name="stages.makalah.criteria.2.`
	b.do("add a criterion", chromedp.Navigate(fmt.Sprintf("%s/a/kota-magelang/seleksi/%d", b.base, res.Open)), chromedp.WaitVisible(chromedp.CSS(row+`code"]`)),
		chromedp.SendKeys(chromedp.CSS(row+`code"]`), "orisinalitas"), chromedp.SendKeys(chromedp.CSS(row+`name"]`), "Orisinalitas gagasan"),
		chromedp.SendKeys(chromedp.CSS(row+`max"]`), "50"+kb.Enter), chromedp.WaitVisible(chromedp.CSS(".flash")))
	s, err := db.Selection(testdb.System(), a.agency.ID, res.Open)
	if err != nil || len(s.Stages[3].Criteria) != 3 || s.Stages[3].Criteria[2].Code != "orisinalitas" {
		t.Errorf("makalah's stored criteria after the browser's save: %v (%v)", s.Stages[3].Criteria, err)
	}
}

// scoresStage returns the ID of the selection's stage open for scores.
func scoresStage(t *testing.T, db *sqldb.DB, a *app, selectionID int64) int64 {
	t.Helper()
	s, err := db.Selection(testdb.System(), a.agency.ID, selectionID)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range s.Stages {
		if st.Status == "open" {
			return st.ID
		}
	}
	t.Fatal("no open stage")
	return 0
}
