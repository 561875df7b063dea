package evaluation

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"path"
	"strings"

	"merit"
)

// MaxEvidenceSize is the largest evidence file (bukti dukung) an indicator
// takes: 10 MiB, enough for a scanned decree or a spreadsheet of data, and
// kept in the database (decisions.md "Evaluation evidence in the database").
const MaxEvidenceSize = 10 << 20

// The evidence types beyond what http.DetectContentType names: Office Open
// XML workbooks and documents, recognised by their parts.
const (
	ContentTypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	ContentTypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)

// CheckEvidence checks an uploaded evidence file and describes it: not
// empty, at most MaxEvidenceSize, and by its content (never its name or a
// client's word) a PDF, JPEG, PNG, XLSX or DOCX; an Office file carrying
// macros (vbaProject.bin) is refused. The name keeps only its last element
// ("bukti" when there is none). Errors name the field "file".
func CheckEvidence(name string, data []byte) (Evidence, error) {
	name = path.Base(strings.ReplaceAll(strings.TrimSpace(name), "\\", "/"))
	if name == "." || name == "/" {
		name = "bukti"
	}
	bad := func(code string, args ...any) error {
		return merit.Invalid("evaluation.CheckEvidence", merit.FieldError{Field: "file", Code: code, Value: name, Args: args})
	}
	if len(data) == 0 {
		return Evidence{}, bad("evaluation.evidence.empty")
	}
	if len(data) > MaxEvidenceSize {
		return Evidence{}, bad("evaluation.evidence.size", MaxEvidenceSize>>20)
	}
	ct := http.DetectContentType(data)
	switch ct {
	case "application/pdf", "image/jpeg", "image/png":
	case "application/zip":
		if ct = officeType(data); ct == "" {
			return Evidence{}, bad("evaluation.evidence.type")
		}
	default:
		return Evidence{}, bad("evaluation.evidence.type")
	}
	sum := sha256.Sum256(data)
	return Evidence{FileName: name, ContentType: ct, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}, nil
}

// officeType names an XLSX or DOCX by its parts; "" for any other zip or
// one with macros.
func officeType(data []byte) string {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	ct, types := "", false
	for _, f := range z.File {
		switch {
		case f.Name == "[Content_Types].xml":
			types = true
		case f.Name == "xl/workbook.xml":
			ct = ContentTypeXLSX
		case f.Name == "word/document.xml":
			ct = ContentTypeDOCX
		case strings.HasSuffix(strings.ToLower(f.Name), "vbaproject.bin"):
			return ""
		}
	}
	if !types {
		return ""
	}
	return ct
}
