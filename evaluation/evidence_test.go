package evaluation

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"merit"
)

// zipOf builds a zip of the named (empty) parts.
func zipOf(t *testing.T, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, n := range names {
		if _, err := z.Create(n); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestCheckEvidence: the type comes from the content, Office files by their
// parts and never with macros; size limits; the name keeps its last element.
func TestCheckEvidence(t *testing.T) {
	pdf := []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	for _, tc := range []struct {
		name, file string
		data       []byte
		ct, code   string
	}{
		{"pdf", `C:\Users\operator\SK Pansel.pdf`, pdf, "application/pdf", ""},
		{"png named .pdf", "foto.pdf", png, "image/png", ""},
		{"xlsx", "data.xlsx", zipOf(t, "[Content_Types].xml", "xl/workbook.xml"), ContentTypeXLSX, ""},
		{"docx", "nota.docx", zipOf(t, "[Content_Types].xml", "word/document.xml"), ContentTypeDOCX, ""},
		{"xlsm with macros", "data.xlsx", zipOf(t, "[Content_Types].xml", "xl/workbook.xml", "xl/vbaProject.bin"), "", "evaluation.evidence.type"},
		{"plain zip", "arsip.zip", zipOf(t, "a.txt"), "", "evaluation.evidence.type"},
		{"executable", "setup.pdf", []byte("MZ\x90\x00\x03\x00\x00\x00"), "", "evaluation.evidence.type"},
		{"html", "bukti.pdf", []byte("<html><script>alert(1)</script></html>"), "", "evaluation.evidence.type"},
		{"empty", "kosong.pdf", nil, "", "evaluation.evidence.empty"},
		{"too large", "besar.pdf", append(pdf, make([]byte, MaxEvidenceSize)...), "", "evaluation.evidence.size"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ev, err := CheckEvidence(tc.file, tc.data)
			if tc.code != "" {
				fs := merit.FieldsOf(err)
				if len(fs) != 1 || fs[0].Field != "file" || fs[0].Code != tc.code {
					t.Fatalf("got %v, want field file %s", err, tc.code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if ev.ContentType != tc.ct || ev.Size != int64(len(tc.data)) || len(ev.SHA256) != 64 || strings.ContainsAny(ev.FileName, `/\`) {
				t.Errorf("evidence %+v, want type %s", ev, tc.ct)
			}
		})
	}
	if ev, _ := CheckEvidence(`C:\Users\operator\SK Pansel.pdf`, pdf); ev.FileName != "SK Pansel.pdf" {
		t.Errorf("name %q, want its last element", ev.FileName)
	}
	if ev, _ := CheckEvidence("  ", pdf); ev.FileName != "bukti" {
		t.Errorf("no name: %q, want bukti", ev.FileName)
	}
}
