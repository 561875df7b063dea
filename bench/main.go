// Command bench measures Merit against plain baselines, side by side in one
// run (see scripts/bench.sh, which `make bench` runs, and docs/benchmarks.md):
//
//	bench gen-csv    -rows N -o FILE            write N generated employees as a SIASN-style CSV
//	bench raw-insert -csv FILE -db DSN          baseline: the raw driver inserting the same rows in one transaction
//	bench bare       -db DSN -agency CODE -addr  baseline: a bare net/http handler running the product's list SQL
//	bench load       -url URL -c 64 -d 20s      closed-loop load of the list/search mix; prints p50, p99, req/s
//	bench ipasn      -db DSN -n 1000000         recompute IP ASN and JPM of n generated employees vs an in-memory loop
//	bench talent-map -db DSN -n 1000000         map n generated employees onto the 9-box vs an in-memory loop
//	bench talent-bare -db DSN -agency CODE      baseline: a bare handler running the 9-box page's grid SQL
//	bench inprocess  -db DSN -agency CODE -page list|talent   CPU per request of the list API or 9-box page in-process
//	bench evaluation -db DSN -n 630             the evaluator's merit ranking of n agencies: stored, rescored, in memory vs float64
//
// It is not part of the product binary and not part of the tests.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: bench gen-csv|raw-insert|bare|load|ipasn [flags]")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var err error
	switch os.Args[1] {
	case "gen-csv":
		err = genCSV(ctx, os.Args[2:])
	case "raw-insert":
		err = rawInsert(ctx, os.Args[2:])
	case "bare":
		err = bare(ctx, os.Args[2:])
	case "load":
		err = load(ctx, os.Args[2:])
	case "ipasn":
		err = ipasnBench(ctx, os.Args[2:])
	case "talent-map":
		err = talentMapBench(ctx, os.Args[2:])
	case "talent-bare":
		err = talentBare(ctx, os.Args[2:])
	case "inprocess":
		err = inProcess(ctx, os.Args[2:])
	case "evaluation":
		err = evaluationBench(ctx, os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}
