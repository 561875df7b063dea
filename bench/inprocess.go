package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"regexp"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"merit/api"
	"merit/auth"
	"merit/server"
	"merit/sqldb"
	"merit/web"
)

// inProcess measures the CPU time per request of a page served in this
// process by the product's whole handler (server.Handler: middleware,
// session, API or web, store), without sockets or a load generator beside
// it: the measure of the work that holds on a machine shared with other
// runs, where wall-clock latencies are not comparable. c goroutines send n
// requests of the list mix (the same as bench load) as a signed-in user;
// it prints the CPU per request (getrusage of the process over the run),
// the requests per second and the load average. (No latencies: requests
// that never wait for I/O run back to back within a goroutine's time slice,
// so in-process percentiles say more about the scheduler than the page.)
func inProcess(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("inprocess", flag.ExitOnError)
	dsn := fs.String("db", "", "database DSN of a demo agency (merit demo --seed 7 --employees 20000)")
	code := fs.String("agency", "", "agency code")
	page := fs.String("page", "list", "list: the employee list API; talent: the 9-box page")
	user := fs.String("user", "bench.viewer", "user to sign in as")
	password := fs.String("password", "bench-password-1", "the user's password")
	n := fs.Int("n", 20000, "requests measured (after n/10 of warm-up)")
	clients := fs.Int("c", 64, "concurrent goroutines")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the measured requests to this file")
	label := fs.String("label", "", "label printed with the figures")
	fs.Parse(args)
	db, err := sqldb.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	sessions := auth.NewSessions(db, auth.Default)
	deps := server.Deps{DB: db, Sessions: sessions, Logger: logger}
	h := (&server.Server{DB: db, Sessions: sessions, Logger: logger, Web: web.New(deps), API: api.New(deps)}).Handler()

	cookie, err := signIn(h, *user, *password)
	if err != nil {
		return err
	}
	units, err := firstUnits(h, cookie, *code, 5)
	if err != nil {
		return err
	}
	base := "/api/v1/agencies/" + *code + "/employees"
	if *page == "talent" {
		base = "/a/" + *code + "/talenta"
	}
	mix := listMix(units)
	var next atomic.Int64
	run := func(total int) (bad int) {
		next.Store(0)
		var mu sync.Mutex
		var wg sync.WaitGroup
		for range *clients {
			wg.Go(func() {
				w := &discardWriter{h: http.Header{}}
				errs := 0
				for {
					i := int(next.Add(1)) - 1
					if i >= total || ctx.Err() != nil {
						break
					}
					req, _ := http.NewRequestWithContext(ctx, "GET", base+mix[(i*7)%len(mix)], nil)
					req.Header.Set("Cookie", cookie)
					req.RemoteAddr = "127.0.0.1:9"
					clear(w.h)
					w.status = 0
					h.ServeHTTP(w, req)
					if w.status != 0 && w.status != http.StatusOK {
						errs++
					}
				}
				mu.Lock()
				bad += errs
				mu.Unlock()
			})
		}
		wg.Wait()
		return bad
	}
	run(max(*n/10, 1))
	runtime.GC()
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	load := loadAverage()
	started, cpu := time.Now(), cpuTime()
	bad := run(*n)
	elapsed, used := time.Since(started), cpuTime()-cpu
	if bad > 0 {
		return fmt.Errorf("inprocess %s: %d of %d requests did not answer 200", base, bad, *n)
	}
	fmt.Printf("%s\tinprocess-%s\trequests=%d\tclients=%d\tcpu_ms_per_req=%.3f\treq/s=%.0f\tload=%s\n",
		*label, *page, *n, *clients, ms(used)/float64(*n), float64(*n)/elapsed.Seconds(), load)
	return nil
}

// discardWriter is a ResponseWriter that keeps only the status.
type discardWriter struct {
	h      http.Header
	status int
}

func (w *discardWriter) Header() http.Header { return w.h }
func (w *discardWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return len(b), nil
}
func (w *discardWriter) WriteHeader(s int) {
	if w.status == 0 {
		w.status = s
	}
}

// signIn signs the user in through the API and returns the Cookie header
// of the session.
func signIn(h http.Handler, user, password string) (string, error) {
	body, _ := json.Marshal(map[string]string{"username": user, "password": password})
	req, _ := http.NewRequest("POST", "/api/v1/session", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.RemoteAddr = "127.0.0.1:9"
	rec := &recorder{discardWriter: discardWriter{h: http.Header{}}}
	h.ServeHTTP(rec, req)
	for _, c := range rec.h.Values("Set-Cookie") {
		if name, rest, ok := strings.Cut(c, "="); ok && name == auth.CookieName {
			value, _, _ := strings.Cut(rest, ";")
			return name + "=" + value, nil
		}
	}
	return "", fmt.Errorf("sign in as %s: status %d: %s", user, rec.status, rec.body.String())
}

// firstUnits returns the first k unit IDs of the agency's unit list, read
// as scripts/bench.sh reads them for bench load (the first "id" fields).
func firstUnits(h http.Handler, cookie, code string, k int) ([]string, error) {
	req, _ := http.NewRequest("GET", "/api/v1/agencies/"+code+"/units", nil)
	req.Header.Set("Cookie", cookie)
	req.RemoteAddr = "127.0.0.1:9"
	rec := &recorder{discardWriter: discardWriter{h: http.Header{}}}
	h.ServeHTTP(rec, req)
	var ids []string
	for _, m := range unitID.FindAllStringSubmatch(rec.body.String(), k) {
		ids = append(ids, m[1])
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("units of %s: status %d: no unit", code, rec.status)
	}
	return ids, nil
}

var unitID = regexp.MustCompile(`"id":([0-9]+)`)

// recorder is a discardWriter that keeps the body.
type recorder struct {
	discardWriter
	body bytes.Buffer
}

func (r *recorder) Write(b []byte) (int, error) {
	r.discardWriter.Write(b)
	return r.body.Write(b)
}
