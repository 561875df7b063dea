package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

const employeeHeader = "nipBaru;nama;tglLahir;jenisKelamin;agama;statusPegawai;tmtCpns;golRuangAkhir;pendidikanTerakhir;unorNama;unorIndukNama\n"

// employeeLine returns a valid row for employee i (0 ≤ i < 999,000): its
// birth date and NIP are derived from i, so every NIP differs.
func employeeLine(i int) string {
	birth := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/999)
	nip := fmt.Sprintf("%s201001%d%03d", birth.Format("20060102"), 1, i%999+1)
	return fmt.Sprintf("%s;Pegawai %d;%s;L;Islam;PNS;2010-01-01;III/b;S1;Bidang %d;Dinas %d\n",
		nip, i, birth.Format("02-01-2006"), i%7, i%3)
}

// writeCSV writes an employee file and returns its path.
func writeCSV(t *testing.T, name string, lines ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(employeeHeader+strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// employees counts the agency's employees.
func employees(t *testing.T, dsn, code string) int {
	t.Helper()
	ctx := testdb.System()
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a, err := db.FindAgencyByCode(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	_, n, err := db.FindEmployees(ctx, merit.EmployeeFilter{AgencyID: a.ID, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportExportCommands(t *testing.T) {
	for _, engine := range testdb.Engines {
		t.Run(engine, func(t *testing.T) {
			dsn := testdb.DSN(t, engine)
			vars := map[string]string{"MERIT_DB": dsn}
			if _, _, err := cli(t, vars, "agency", "add", "--code", "kota-impor", "--name", "Pemerintah Kota Impor"); err != nil {
				t.Fatal(err)
			}
			bad := writeCSV(t, "pegawai.csv", employeeLine(0), strings.Replace(employeeLine(1), "01-01-1970", "31-02-1990", 1))

			out, _, err := cli(t, vars, "import", "employees", "--agency", "kota-impor", bad)
			if exitCode(err) != 2 || !strings.Contains(out, `baris 3, kolom tglLahir, nilai "31-02-1990": bukan tanggal`) ||
				!strings.Contains(out, "Tidak ada yang disimpan") {
				t.Errorf("invalid row: exit %d, %v\n%s", exitCode(err), err, out)
			}
			if n := employees(t, dsn, "kota-impor"); n != 0 {
				t.Errorf("%d employees stored from a file with an invalid row", n)
			}
			out, _, _ = cli(t, vars, "import", "employees", "--lang", "en", "--agency", "kota-impor", bad)
			if !strings.Contains(out, `row 3, column tglLahir, value "31-02-1990": not a date`) {
				t.Errorf("--lang en:\n%s", out)
			}

			rejects := filepath.Join(t.TempDir(), "ditolak.csv")
			out, _, err = cli(t, vars, "import", "employees", "--agency", "kota-impor", "--skip-invalid", "--rejects", rejects, bad)
			if exitCode(err) != 2 || !strings.Contains(out, "1 baru") || !strings.Contains(out, "Tersimpan") {
				t.Errorf("--skip-invalid: exit %d\n%s", exitCode(err), out)
			}
			if b, _ := os.ReadFile(rejects); !strings.Contains(string(b), "3,tglLahir,31-02-1990,bukan tanggal") {
				t.Errorf("rejects file:\n%s", b)
			}
			if n := employees(t, dsn, "kota-impor"); n != 1 {
				t.Errorf("--skip-invalid stored %d employees, want 1", n)
			}

			good := writeCSV(t, "baik.csv", employeeLine(0), employeeLine(1), employeeLine(2))
			out, _, err = cli(t, vars, "import", "employees", "--dry-run", "--agency", "kota-impor", good)
			if err != nil || !strings.Contains(out, "2 baru, 0 diubah, 1 tidak berubah") || !strings.Contains(out, "Uji coba") {
				t.Errorf("--dry-run: %v\n%s", err, out)
			}
			if n := employees(t, dsn, "kota-impor"); n != 1 {
				t.Errorf("after a dry run: %d employees, want 1", n)
			}
			// Flags may follow the file.
			out, stderr, err := cli(t, vars, "import", "employees", good, "--agency", "kota-impor")
			if err != nil || !strings.Contains(out, "Tersimpan") || !strings.Contains(stderr, "3 baris") {
				t.Errorf("import: %v\n%s\n%s", err, out, stderr)
			}

			for _, name := range []string{"ekspor.csv", "ekspor.xlsx"} {
				path := filepath.Join(t.TempDir(), name)
				out, _, err := cli(t, vars, "export", "employees", "--agency", "kota-impor", "-o", path)
				if err != nil || !strings.Contains(out, path) {
					t.Fatalf("export %s: %v %s", name, err, out)
				}
				out, _, err = cli(t, vars, "import", "employees", "--agency", "kota-impor", path)
				if err != nil || !strings.Contains(out, "3 baris: 0 baru, 0 diubah, 3 tidak berubah, 0 ditolak") {
					t.Errorf("export %s imported back: %v\n%s", name, err, out)
				}
			}
			csv := filepath.Join(t.TempDir(), "ekspor.txt")
			if _, _, err := cli(t, vars, "export", "employees", "--agency", "kota-impor", "--format", "csv", "-o", csv); err != nil {
				t.Errorf("export with --format: %v", err)
			}

			template := filepath.Join(t.TempDir(), "templat.xlsx")
			if out, _, err := cli(t, vars, "import", "template", "-o", template); err != nil || !strings.Contains(out, template) {
				t.Fatalf("template: %v %s", err, out)
			}
			if out, _, err := cli(t, vars, "import", "employees", "--dry-run", "--agency", "kota-impor", template); err != nil || !strings.Contains(out, "1 baru") {
				t.Errorf("template's example imported: %v\n%s", err, out)
			}

			for _, args := range [][]string{
				{"import", "employees", "--agency", "kota-tidak-ada", good},
				{"import", "employees", "--agency", "kota-impor", strings.TrimSuffix(good, ".csv") + ".xls"},
				{"export", "employees", "--agency", "kota-impor", "-o", filepath.Join(t.TempDir(), "x.pdf")},
			} {
				if _, _, err := cli(t, vars, args...); exitCode(err) != 2 {
					t.Errorf("%q: exit %d (%v), want 2", args, exitCode(err), err)
				}
			}
		})
	}
}

func TestImportExportHelp(t *testing.T) {
	for _, args := range [][]string{{"import", "employees"}, {"import", "template"}, {"export", "employees"}, {"import"}, {"export"}} {
		_, stderr, err := cli(t, nil, append(args, "--help")...)
		if !errors.Is(err, flag.ErrHelp) || !strings.Contains(stderr, "Usage: merit "+strings.Join(args, " ")) {
			t.Errorf("%q --help: %v\n%s", args, err, stderr)
		}
	}
}

// TestImportKilled kills a real import process (SIGKILL) after it has
// written thousands of rows into its transaction, and finds the database as
// it was before the import.
func TestImportKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a large file")
	}
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "merit.db")
	vars := map[string]string{"MERIT_DB": "sqlite:" + dbPath}
	if _, _, err := cli(t, vars, "agency", "add", "--code", "kota-mati", "--name", "Pemerintah Kota Mati"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := cli(t, vars, "import", "employees", "--agency", "kota-mati", writeCSV(t, "awal.csv", employeeLine(0), employeeLine(1))); err != nil {
		t.Fatal(err)
	}
	lines := make([]string, 300_000)
	for i := range lines {
		lines[i] = employeeLine(i)
	}
	big := writeCSV(t, "besar.csv", lines...)

	cmd := exec.Command(os.Args[0], "-test.run=^TestImportChildProcess$")
	cmd.Env = append(os.Environ(), "MERIT_DB=sqlite:"+dbPath,
		"MERIT_TEST_CHILD_ARGS="+strings.Join([]string{"import", "employees", "--agency", "kota-mati", big}, "\n"))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stdout strings.Builder
	cmd.Stdout = &stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the import reports rows and its uncommitted pages reach the
	// write-ahead log: it is writing.
	progress := bufio.NewScanner(stderr)
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if !progress.Scan() {
			cmd.Wait()
			t.Fatalf("the import ended before it could be killed:\n%s", stdout.String())
		}
		st, err := os.Stat(dbPath + "-wal")
		if err == nil && st.Size() > 4<<20 && strings.Contains(progress.Text(), "baris") {
			t.Logf("killing at %q, WAL %d bytes", progress.Text(), st.Size())
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the import wrote nothing in 2 minutes")
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	go func() {
		for progress.Scan() {
		}
	}()
	if err := cmd.Wait(); err == nil || strings.Contains(stdout.String(), "Tersimpan") {
		t.Fatalf("the import finished before it was killed (%v):\n%s", err, stdout.String())
	}
	if n := employees(t, "sqlite:"+dbPath, "kota-mati"); n != 2 {
		t.Errorf("after the killed import: %d employees, want the 2 from before", n)
	}
	// The database is whole: the same file imports completely afterwards.
	out, _, err := cli(t, vars, "import", "employees", "--agency", "kota-mati", writeCSV(t, "lagi.csv", employeeLine(2)))
	if err != nil || !strings.Contains(out, "1 baru") {
		t.Errorf("import after the kill: %v\n%s", err, out)
	}
}

// TestImportChildProcess is the merit command run by TestImportKilled in a
// process of its own; it does nothing in a normal test run.
func TestImportChildProcess(t *testing.T) {
	args := os.Getenv("MERIT_TEST_CHILD_ARGS")
	if args == "" {
		t.Skip("run by TestImportKilled")
	}
	env := &Env{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, Getenv: os.Getenv}
	if err := Run(context.Background(), env, strings.Split(args, "\n")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(exitCode(err))
	}
	os.Exit(0)
}
