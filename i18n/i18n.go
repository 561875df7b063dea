// Package i18n holds Merit's message catalogs, Bahasa Indonesia first and
// English second, and formats numbers and dates the way each language writes
// them. The same keys serve the web UI, the API's error texts, the CLI and
// file headers.
//
// Catalogs are flat JSON files (key → text with fmt verbs) embedded in the
// binary. A test fails when a key is missing from either language.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"merit"
)

// Languages, in order of preference.
const (
	ID = "id"
	EN = "en"
)

// Languages lists the supported languages; the first is the default.
var Languages = []string{ID, EN}

//go:embed catalog/*.json
var catalogFiles embed.FS

var catalogs = map[string]map[string]string{}

func init() {
	for _, lang := range Languages {
		b, err := catalogFiles.ReadFile("catalog/" + lang + ".json")
		if err != nil {
			panic(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			panic(fmt.Sprintf("i18n: catalog %s: %v", lang, err))
		}
		catalogs[lang] = m
	}
}

// Keys returns the keys of a language's catalog (for completeness tests).
func Keys(lang string) map[string]string { return catalogs[lang] }

// Valid reports whether lang is a supported language.
func Valid(lang string) bool { _, ok := catalogs[lang]; return ok }

// T returns the text of key in lang with args filled in. An unknown key
// returns the key itself, so a missing text is visible but never breaks a page.
func T(lang, key string, args ...any) string {
	text, ok := catalogs[lang][key]
	if !ok {
		if text, ok = catalogs[ID][key]; !ok {
			return key
		}
	}
	if len(args) == 0 {
		return text
	}
	return fmt.Sprintf(text, args...)
}

// Field renders a field error as a sentence: the rule's text with its args.
func Field(lang string, fe merit.FieldError) string {
	return T(lang, fe.Code, fe.Args...)
}

// Error renders any error for a user: field errors joined, or the text of the
// error's code (internal errors get a generic text, never their details).
func Error(lang string, err error) string {
	if fs := merit.FieldsOf(err); len(fs) > 0 {
		parts := make([]string, len(fs))
		for i, f := range fs {
			parts[i] = T(lang, "field."+f.Field) + ": " + Field(lang, f)
		}
		return strings.Join(parts, "; ")
	}
	return T(lang, merit.CodeOf(err))
}

var matcher = language.NewMatcher([]language.Tag{language.Indonesian, language.English})

// FromRequest picks the language of a request: the "lang" query parameter or
// cookie, then Accept-Language, then Indonesian.
func FromRequest(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); Valid(l) {
		return l
	}
	if c, err := r.Cookie("lang"); err == nil && Valid(c.Value) {
		return c.Value
	}
	if al := r.Header.Get("Accept-Language"); al != "" {
		tags, _, err := language.ParseAcceptLanguage(al)
		if err == nil && len(tags) > 0 {
			_, i, conf := matcher.Match(tags...)
			if conf >= language.High {
				return Languages[i]
			}
		}
	}
	return ID
}

// Number formats an integer with the language's digit grouping:
// 20.000 in Indonesian, 20,000 in English.
func Number(lang string, n int) string {
	tag := language.Indonesian
	if lang == EN {
		tag = language.English
	}
	return message.NewPrinter(tag).Sprintf("%d", n)
}

var monthsID = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}

// Date formats a date for reading: "10 Maret 1985" or "10 March 1985".
func Date(lang string, d merit.Date) string {
	if d.IsZero() {
		return "–"
	}
	if lang == EN {
		return d.Time().Format("2 January 2006")
	}
	return fmt.Sprintf("%d %s %d", d.Day(), monthsID[d.Month()-1], d.Year())
}

// DateTime formats a timestamp in WIB for reading.
func DateTime(lang string, t time.Time) string {
	t = t.In(time.FixedZone("WIB", 7*3600))
	return Date(lang, merit.DateOf(t)) + " " + t.Format("15:04") + " WIB"
}
