package pdfdoc

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fonts reads the fonts package web embeds.
func fonts(t *testing.T) Fonts {
	t.Helper()
	regular, err := os.ReadFile("../web/fonts/DejaVuSansCondensed.ttf")
	if err != nil {
		t.Fatal(err)
	}
	bold, err := os.ReadFile("../web/fonts/DejaVuSansCondensed-Bold.ttf")
	if err != nil {
		t.Fatal(err)
	}
	return Fonts{Regular: regular, Bold: bold}
}

// pages writes the document to a file and returns each page's text, by
// poppler's pdftotext.
func pages(t *testing.T, d *Doc) []string {
	t.Helper()
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
}

func TestTableRepeatsHeaderOnEveryPage(t *testing.T) {
	for _, l := range []Layout{Portrait, Landscape} {
		t.Run(l.Orientation, func(t *testing.T) {
			d := New(l, fonts(t), "Pengisian Jabatan — Ä", "Pemerintah Kota Magelang", time.Date(2026, 5, 4, 9, 0, 0, 0, time.UTC))
			d.Heading(15, "Pengisian Jabatan — Ä")
			d.Para("Seleksi terbuka🎉 JPT Pratama\x07 · Ärztekammer, Sûreté, Ñandú")
			d.Space(3)
			var rows [][]string
			for i := 1; i <= 120; i++ {
				rows = append(rows, []string{fmt.Sprintf("row-%03d", i), "Kepala Dinas — Ä", fmt.Sprint(i * 7)})
			}
			d.Table([]float64{0.2, 0.6, 0.2}, []string{"Nomor Urut", "Jabatan Dicari", "Nilai Akhir"}, rows)

			ps := pages(t, d)
			if len(ps) < 3 {
				t.Fatalf("120 rows on %d pages; want at least 3", len(ps))
			}
			next := 1 // the number of the row expected next
			for i, p := range ps {
				head := strings.Index(p, "Nomor Urut")
				first := strings.Index(p, fmt.Sprintf("row-%03d", next))
				if head < 0 || first < 0 || head > first {
					t.Errorf("page %d: the header row does not come before row %d:\n%s", i+1, next, p)
				}
				for strings.Contains(p, fmt.Sprintf("row-%03d", next)) {
					next++
				}
				if want := fmt.Sprintf("Pemerintah Kota Magelang · %d/%d", i+1, len(ps)); !strings.Contains(p, want) {
					t.Errorf("page %d: no footer %q", i+1, want)
				}
			}
			if next != 121 {
				t.Errorf("the rows stop at %d of 120", next-1)
			}
			first := ps[0]
			for _, want := range []string{"Pengisian Jabatan — Ä", "Seleksi terbuka JPT Pratama · Ärztekammer, Sûreté, Ñandú", "Kepala Dinas — Ä"} {
				if !strings.Contains(first, want) {
					t.Errorf("page 1 does not show %q:\n%s", want, first)
				}
			}
		})
	}
}

func TestHeadingIsKeptWithWhatFollows(t *testing.T) {
	d := New(Portrait, fonts(t), "t", "f", time.Time{})
	for range 48 { // 48 lines of 5 mm from the 15 mm margin leave 27 mm above the bottom margin
		d.Para("isi")
	}
	d.Heading(12, "Bagian Berikut")
	d.Para("paragraf bagian berikut")
	ps := pages(t, d)
	if len(ps) != 2 || !strings.Contains(ps[1], "Bagian Berikut") || strings.Contains(ps[0], "Bagian Berikut") {
		t.Errorf("the heading is not at the top of page 2: %q", ps)
	}
}

func TestBadFontsFailOutput(t *testing.T) {
	d := New(Portrait, Fonts{Regular: []byte("not a font"), Bold: []byte("nor this")}, "t", "f", time.Time{})
	d.Para("x")
	if err := d.Output(&bytes.Buffer{}); err == nil {
		t.Error("Output with unreadable fonts: no error")
	}
}
