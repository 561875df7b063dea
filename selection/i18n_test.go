package selection

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"merit/i18n"
)

// TestMessageKeys checks that every message key the package's rules use
// ("selection.…", "field.…") is in the catalogs (i18n's own test checks
// that both languages hold the same keys).
func TestMessageKeys(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	// Operation names (selection.Selection.Validate) are not keys.
	key := regexp.MustCompile(`"((?:selection\.[a-z]|field\.)[a-z_.A-Z]*)"`)
	seen := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || strings.HasPrefix(f, "jobfit") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range key.FindAllStringSubmatch(string(src), -1) {
			seen++
			if k := m[1]; !strings.HasSuffix(k, ".") && i18n.T(i18n.ID, k) == k {
				t.Errorf("%s: key %q is not in the catalog", f, k)
			}
		}
	}
	if seen == 0 {
		t.Error("no keys found: the pattern is wrong")
	}
}
