package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// listMix is the list/search workload: what BKPSDM staff do on the employee
// list. Paths are relative to the list endpoint; each client walks the mix
// from its own starting point so the clients do not move in lockstep.
func listMix(unitIDs []string) []string {
	var mix []string
	for p := 1; p <= 20; p++ {
		mix = append(mix, fmt.Sprintf("?page=%d", p))
	}
	for _, q := range []string{"budi", "siti", "agus", "dewi", "sri", "eko", "rina", "joko", "wahyu", "ani", "bambang",
		"retno", "hadi", "yuni", "santoso", "wulandari", "prasetyo", "rahayu", "hidayat", "kurniawan", "setiawan",
		"nugroho", "saputra", "lestari", "wati", "ningsih", "putri", "sari", "ahmad", "muhammad"} {
		mix = append(mix, "?q="+q, "?q="+q+"&page=2")
	}
	// NIP searches: what people type is a birth date (the first 8 digits)
	// or a whole NIP copied from a letter.
	for _, q := range []string{"19700101", "19751231", "19800515", "19850310", "19901120", "19951201", "198808", "199203",
		"198503102010011002", "199001152022212003"} {
		mix = append(mix, "?q="+q)
	}
	for _, g := range []string{"III/a", "III/b", "III/c", "III/d", "IV/a", "II/c", "IX"} {
		mix = append(mix, "?golongan="+url.QueryEscape(g), "?golongan="+url.QueryEscape(g)+"&page=3")
	}
	for _, s := range []string{"golongan", "birthDate", "tmtGolongan", "nip"} {
		mix = append(mix, "?sort="+s, "?sort="+s+"&desc=true&page=2")
	}
	for _, st := range []string{"PPPK", "CPNS"} {
		mix = append(mix, "?status="+st)
	}
	for _, u := range unitIDs {
		mix = append(mix, "?unit="+u, "?unit="+u+"&q=a")
	}
	return mix
}

// load runs a closed-loop load: c clients, each sending the next request of
// the mix as soon as the previous answered, for d. It prints one line of
// figures: requests, errors, req/s, p50 and p99 latency.
func load(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("load", flag.ExitOnError)
	base := fs.String("url", "", "list endpoint, e.g. http://127.0.0.1:8080/api/v1/agencies/kota-x/employees")
	clients := fs.Int("c", 64, "concurrent clients")
	dur := fs.Duration("d", 20*time.Second, "duration")
	warm := fs.Duration("warmup", 3*time.Second, "warm-up before measuring")
	cookie := fs.String("cookie", "", "Cookie header to send (a signed-in session)")
	units := fs.String("units", "", "comma-separated unit IDs to filter by")
	label := fs.String("label", "", "label printed with the figures")
	fs.Parse(args)
	var unitIDs []string
	if *units != "" {
		unitIDs = strings.Split(*units, ",")
	}
	mix := listMix(unitIDs)
	tr := &http.Transport{MaxIdleConnsPerHost: *clients, MaxConnsPerHost: *clients}
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	run := func(d time.Duration) (lat []time.Duration, errs int, elapsed time.Duration) {
		var mu sync.Mutex
		var wg sync.WaitGroup
		deadline := time.Now().Add(d)
		start := time.Now()
		for i := 0; i < *clients; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				var mine []time.Duration
				bad := 0
				for n := i * 7; time.Now().Before(deadline) && ctx.Err() == nil; n++ {
					req, _ := http.NewRequestWithContext(ctx, "GET", *base+mix[n%len(mix)], nil)
					if *cookie != "" {
						req.Header.Set("Cookie", *cookie)
					}
					t0 := time.Now()
					resp, err := client.Do(req)
					if err == nil {
						io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						if resp.StatusCode != 200 {
							err = fmt.Errorf("status %d", resp.StatusCode)
						}
					}
					if err != nil {
						bad++
						continue
					}
					mine = append(mine, time.Since(t0))
				}
				mu.Lock()
				lat = append(lat, mine...)
				errs += bad
				mu.Unlock()
			}(i)
		}
		wg.Wait()
		return lat, errs, time.Since(start)
	}
	run(*warm)
	lat, errs, elapsed := run(*dur)
	if len(lat) == 0 {
		return fmt.Errorf("load %s: no successful request (%d errors)", *base, errs)
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[int(float64(len(lat)-1)*p)] }
	fmt.Printf("%s\trequests=%d\terrors=%d\treq/s=%.0f\tp50_ms=%.2f\tp99_ms=%.2f\n", *label, len(lat), errs,
		float64(len(lat))/elapsed.Seconds(), ms(pct(0.50)), ms(pct(0.99)))
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
