package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"

	"merit"
	"merit/demo"
	"merit/importer"
)

// genCSV writes n generated employees (package demo's generator, streamed)
// as a SIASN-style employee CSV, the file the import benchmark reads.
func genCSV(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("gen-csv", flag.ExitOnError)
	rows := fs.Int("rows", 1_000_000, "employees to write")
	out := fs.String("o", "employees.csv", "output file")
	seed := fs.Int64("seed", 1, "generator seed")
	fs.Parse(args)
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	ew, err := importer.NewEmployeeWriter(bw, "csv")
	if err != nil {
		return err
	}
	n := 0
	for p := range demo.Employees(*seed, *rows, merit.MustDate("2026-11-01")) {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		pos := &merit.Position{Name: p.PositionName, Jenis: p.Jenis, Jenjang: p.Jenjang, KelasJabatan: p.KelasJabatan}
		if err := ew.Write(&p.Employee, p.UnitName, p.ParentUnit, pos); err != nil {
			return err
		}
		n++
	}
	if err := ew.Close(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen-csv: %d employees written to %s\n", n, *out)
	return f.Close()
}
