package i18n

import (
	"net/http/httptest"
	"strings"
	"testing"

	"merit"
)

// Every key must exist in every language, and fmt verbs must agree, so a
// page never shows a raw key or "%!v(MISSING)".
func TestCatalogsComplete(t *testing.T) {
	for _, a := range Languages {
		for _, b := range Languages {
			for key, text := range Keys(a) {
				other, ok := Keys(b)[key]
				if !ok {
					t.Errorf("key %q is in %s but missing in %s", key, a, b)
					continue
				}
				if strings.Count(text, "%") != strings.Count(other, "%") {
					t.Errorf("key %q: %s has %d verbs, %s has %d", key, a, strings.Count(text, "%"), b, strings.Count(other, "%"))
				}
			}
		}
	}
}

func TestFormatting(t *testing.T) {
	tests := []struct{ got, want string }{
		{Number(ID, 20000), "20.000"},
		{Number(EN, 20000), "20,000"},
		{Date(ID, merit.MustDate("1985-03-10")), "10 Maret 1985"},
		{Date(EN, merit.MustDate("1985-03-10")), "10 March 1985"},
		{T(ID, "nip.length", 17), "NIP harus 18 digit, bukan 17"},
		{T(EN, "no.such.key"), "no.such.key"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestFromRequest(t *testing.T) {
	tests := []struct{ query, cookie, accept, want string }{
		{"", "", "", ID},
		{"", "", "en-US,en;q=0.9", EN},
		{"", "", "id-ID,id;q=0.9,en;q=0.8", ID},
		{"", "en", "id", EN},
		{"id", "en", "en", ID},
		{"xx", "", "", ID},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/?lang="+tt.query, nil)
		if tt.cookie != "" {
			r.Header.Set("Cookie", "lang="+tt.cookie)
		}
		if tt.accept != "" {
			r.Header.Set("Accept-Language", tt.accept)
		}
		if got := FromRequest(r); got != tt.want {
			t.Errorf("query %q cookie %q accept %q: got %s, want %s", tt.query, tt.cookie, tt.accept, got, tt.want)
		}
	}
}
