package web_test

import (
	"context"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"merit/auth"
	"merit/internal/testdb"
	"merit/server"
	"merit/sqldb"
	"merit/web"
)

// TestBrowser drives Debian's Chromium through the UI as a BKPSDM operator
// would: sign in, search an employee by name, open the profile, and upload a
// file with a bad row, checking at each step what the page shows. The server
// is the real one, listening on a port, over a SQLite file.
func TestBrowser(t *testing.T) {
	db := testdb.Open(t, sqldb.SQLite)
	seed(t, db, 30)
	b := startBrowser(t, db)
	base, do, text, count := b.base, b.do, b.text, b.count
	// Each step waits for an element that only the next page has: waiting
	// while the page navigates would fail.
	// Sign in. The first page is the sign-in form, in Indonesian.
	do("open", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.ID("username")))
	if got := text("h2"); got != "Masuk" {
		t.Errorf("sign-in heading %q", got)
	}
	do("sign in", chromedp.SendKeys(chromedp.ID("username"), "operator"),
		chromedp.SendKeys(chromedp.ID("password"), password), chromedp.Submit(chromedp.ID("password")),
		chromedp.WaitVisible(chromedp.CSS(".user-name")))
	if got := text(".flash"); got != "Selamat datang, Pengguna operator." {
		t.Errorf("welcome %q", got)
	}
	if got := text("[data-stat=total]"); got != "31" {
		t.Errorf("dashboard total %q, want 31", got)
	}

	// Search an employee by name from the list.
	do("open the list", chromedp.Click(chromedp.CSS(`nav.nav a[href="/a/kota-magelang/pegawai"]`)),
		chromedp.WaitVisible(chromedp.ID("q")))
	do("search", chromedp.SendKeys(chromedp.ID("q"), "aminah"), chromedp.Submit(chromedp.ID("q")),
		chromedp.WaitVisible(chromedp.CSS(`input#q[value="aminah"]`)))
	if got := text(".result-count"); got != "Menampilkan 1–1 dari 1 pegawai" {
		t.Errorf("search result %q", got)
	}
	if n := count("table.employees tbody tr"); n != 1 {
		t.Errorf("%d rows found", n)
	}

	// Open the profile: the data utama and every history.
	do("open the profile", chromedp.Click(chromedp.CSS("td.cell-name a")), chromedp.WaitVisible(chromedp.ID("data-utama")))
	if got := text("h1"); got != "Siti Aminah, S.Psi., M.M." {
		t.Errorf("profile heading %q", got)
	}
	if got := text(".profile-meta"); !strings.Contains(got, sitiNIP) || !strings.Contains(got, "Analis SDM Aparatur Ahli Muda") {
		t.Errorf("profile line %q", got)
	}
	if n := count("section.history"); n != 6 {
		t.Errorf("%d history sections, want 6", n)
	}
	if got := text("#riwayat-diklat tbody"); !strings.Contains(got, "Pelatihan Kepemimpinan Pengawas") || !strings.Contains(got, "240") {
		t.Errorf("diklat history %q", got)
	}
	if got := text("#riwayat-hukdis tbody"); !strings.Contains(got, "Teguran lisan") {
		t.Errorf("hukdis history %q", got)
	}

	// Upload a file with a bad row: the page shows progress, then the
	// report with the row, the column and the reason.
	file := filepath.Join(t.TempDir(), "pegawai-baru.csv")
	if err := os.WriteFile(file, employeeCSV(goodRow, badRow), 0o644); err != nil {
		t.Fatal(err)
	}
	do("open the import", chromedp.Click(chromedp.CSS(`nav.nav a[href="/a/kota-magelang/impor"]`)),
		chromedp.WaitVisible(chromedp.ID("f-file")))
	do("upload", chromedp.SetUploadFiles(chromedp.ID("f-file"), []string{file}), chromedp.Submit(chromedp.ID("f-file")),
		chromedp.WaitVisible(chromedp.ID("row-errors")))
	if got := text("#import-outcome strong"); got != `Tidak ada yang disimpan karena ada baris yang ditolak. Perbaiki baris tersebut lalu unggah lagi, atau pilih "Lewati baris yang salah".` {
		t.Errorf("outcome %q", got)
	}
	if got := text("#row-errors tbody tr"); got != "3 nipBaru 199102022016042002 tanggal lahir dalam NIP (1991-02-02) berbeda dengan tanggal lahir (1991-03-02)" {
		t.Errorf("row error %q", got)
	}
	if got := text("[data-count=rejected]"); got != "1" {
		t.Errorf("rejected %q", got)
	}

	// The same page in English.
	do("switch to English", chromedp.Click(chromedp.CSS(`.lang button[value="en"]`)),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="en"] #row-errors`)))
	if got := text("#row-errors thead"); got != "ROW COLUMN VALUE REASON" {
		t.Errorf("English table head %q", got)
	}
	if got := text("#row-errors tbody tr td:last-child"); got != "birth date in the NIP (1991-02-02) differs from the birth date (1991-03-02)" {
		t.Errorf("English reason %q", got)
	}
}

// browserSession is Chromium driving a real server over db: base is the
// server's URL; do runs a step's actions, text reads an element's text with
// its spaces collapsed, count counts the elements matching a selector.
type browserSession struct {
	t     *testing.T
	base  string
	ctx   context.Context
	do    func(step string, actions ...chromedp.Action[chromedp.Void])
	text  func(sel string) string
	count func(sel string) int
}

// startBrowser serves the web UI over db on a local port and starts a
// headless Chromium; both stop when the test ends. It skips the test when
// Chromium is missing (outside CI).
func startBrowser(t *testing.T, db *sqldb.DB) *browserSession {
	t.Helper()
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is not installed; the test command installs it (apt-get install chromium)")
		}
		t.Skip("chromium is not installed")
	}
	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	sessions := auth.NewSessions(db, auth.Cheap)
	srv := &server.Server{DB: db, Sessions: sessions, Logger: logger,
		Web: web.New(server.Deps{DB: db, Sessions: sessions, Logger: logger})}
	serveCtx, stop := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	served := make(chan error, 1)
	go func() { served <- srv.ListenAndServe(serveCtx, "127.0.0.1:0", "", "", ready) }()
	var base string
	select {
	case addr := <-ready:
		base = "http://" + addr
	case err := <-served:
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stop()
		<-served
		if strings.Contains(logs.String(), "level=ERROR") || strings.Contains(logs.String(), "missing translation") {
			t.Errorf("server log:\n%s", logs.String())
		}
	})

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("accept-lang", "id-ID,id"), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	t.Cleanup(cancelAlloc)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	t.Cleanup(cancelBrowser)
	ctx, cancel := context.WithTimeout(browser, 90*time.Second)
	t.Cleanup(cancel)
	// Cleanups run last-in first-out: this screenshot is taken while the
	// browser still runs.
	t.Cleanup(func() {
		if !t.Failed() {
			return
		}
		shot, err := chromedp.Run(browser, chromedp.FullScreenshot(100))
		if err != nil {
			t.Logf("no screenshot: %v", err)
			return
		}
		path := filepath.Join(t.ArtifactDir(), "failure.png")
		if err := os.WriteFile(path, shot, 0o644); err == nil {
			t.Logf("screenshot of the failure: %s", path)
		}
	})

	b := &browserSession{t: t, base: base, ctx: ctx}
	b.do = func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	b.text = func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return strings.Join(strings.Fields(s), " ")
	}
	b.count = func(sel string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+jsString(sel)+`).length`))
		if err != nil {
			t.Fatalf("count %s: %v", sel, err)
		}
		return n
	}
	return b
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
