package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
	"time"

	"merit"
	"merit/sqldb"
)

// rawInsert is the import baseline: read the same CSV with encoding/csv and
// insert every row into the employee table of a migrated database with one
// prepared INSERT in one transaction, through the bare driver (database/sql
// on the DB's write connection): no validation, no look-ups, no history. It
// prints rows, seconds, rows/s and peak RSS.
func rawInsert(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("raw-insert", flag.ExitOnError)
	path := fs.String("csv", "", "CSV file written by gen-csv")
	dsn := fs.String("db", "", "empty database (sqlite:PATH or postgres://...)")
	fs.Parse(args)
	db, err := sqldb.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		return err
	}
	sys := merit.WithActor(ctx, merit.SystemActor)
	agency := &merit.Agency{Code: "raw-insert", Name: "Raw insert baseline", Kind: "KOTA"}
	if err := db.CreateAgency(sys, agency); err != nil {
		return err
	}
	f, err := os.Open(*path)
	if err != nil {
		return err
	}
	defer f.Close()
	start := time.Now()
	n, err := db.RawInsertEmployees(sys, agency.ID, func(yield func([]any) error) error {
		r := csv.NewReader(f)
		r.ReuseRecord = true
		head, err := r.Read()
		if err != nil {
			return err
		}
		col := map[string]int{}
		for i, h := range head {
			col[h] = i
		}
		get := func(rec []string, name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		}
		date := func(s string) any {
			if s == "" {
				return nil
			}
			return s
		}
		for id := int64(1); ; id++ {
			rec, err := r.Read()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			name := get(rec, "nama")
			if err := yield([]any{agency.ID, id, get(rec, "nipBaru"), name, strings.ToLower(name), get(rec, "gelarDepan"),
				get(rec, "gelarBelakang"), get(rec, "tempatLahir"), date(get(rec, "tglLahir")), get(rec, "jenisKelamin"),
				get(rec, "agama"), get(rec, "statusPegawai"), date(get(rec, "tmtCpns")), get(rec, "golRuangAkhir"),
				date(get(rec, "tmtGolAkhir")), nil, nil, date(get(rec, "tmtJabatan")), get(rec, "pendidikanTerakhir"),
				get(rec, "email"), get(rec, "noHp"), start.UTC(), get(rec, "nik"), get(rec, "alamat")}); err != nil {
				return err
			}
		}
	})
	if err != nil {
		return err
	}
	secs := time.Since(start).Seconds()
	fmt.Printf("raw-insert\trows=%d\tseconds=%.2f\trows/s=%.0f\tpeak_rss_mib=%.0f\n", n, secs, float64(n)/secs, peakRSS())
	return nil
}

// peakRSS returns this process's peak resident set size in MiB.
func peakRSS() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Maxrss) / 1024
}
