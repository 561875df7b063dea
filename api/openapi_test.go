package api

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"merit"
	"merit/internal/testdb"
	"merit/sqldb"
)

var update = flag.Bool("update", false, "rewrite docs/openapi.json from the document the API serves")

// committedDoc is the API document kept in the repository, so that changes to
// the API show in review.
const committedDoc = "../docs/openapi.json"

// TestOpenAPI checks that the served document is OpenAPI 3.1, that every
// operation in it is served on its method and path (and answers malformed
// input with a 4xx, never a 500), and that it equals docs/openapi.json.
func TestOpenAPI(t *testing.T) {
	testdb.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		c := f.signIn("op-a")
		e := f.createEmployee(c, "kota-a", employeeBody(1))
		var h merit.HistoryEntry
		c.call("POST", fmt.Sprintf("/api/v1/agencies/kota-a/employees/%d/history", e.ID),
			merit.HistoryEntry{Kind: merit.HistPenghargaan, Title: "Piagam", Start: merit.MustDate("2020-08-17")}, http.StatusCreated, &h)

		resp, data := c.send("GET", "/api/v1/openapi.json", nil)
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("GET /api/v1/openapi.json: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		var doc struct {
			OpenAPI string                                `json:"openapi"`
			Paths   map[string]map[string]json.RawMessage `json:"paths"`
		}
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(doc.OpenAPI, "3.1.") {
			t.Errorf("openapi version %q, want 3.1.x", doc.OpenAPI)
		}

		type route struct{ method, path string }
		var routes []route
		for path, item := range doc.Paths {
			for method := range item {
				routes = append(routes, route{strings.ToUpper(method), path})
			}
		}
		// Deletions last, signing out very last, so every other operation
		// runs signed in on records that exist.
		rank := func(r route) int {
			switch {
			case r.path == "/api/v1/session" && r.method == http.MethodDelete:
				return 2
			case r.method == http.MethodDelete:
				return 1
			}
			return 0
		}
		sort.Slice(routes, func(i, j int) bool {
			a, b := routes[i], routes[j]
			if rank(a) != rank(b) {
				return rank(a) < rank(b)
			}
			return a.path+a.method < b.path+b.method
		})
		if len(routes) < 20 {
			t.Errorf("the document lists only %d operations", len(routes))
		}
		fill := strings.NewReplacer("{agency}", "kota-a", "{id}", fmt.Sprint(e.ID), "{hid}", fmt.Sprint(h.ID),
			"{table}", "golongan", "{nip}", e.NIP, "{proposal}", "1", "{review}", "0", "{session}", "1", "{user}", "1", "{skp}", "1",
			"{position}", "1", "{candidate}", "1", "{run}", "1",
			"{selection}", "1", "{stage}", "1", "{member}", "1", "{slot}", "ijazah", "{seq}", "0", "{comment}", "1",
			"{assessment}", "1", "{indicator}", "1.1", "{evidence}", "1", "{survey}", "1", "{framework}", "kasn-2018", "{version}", "2019.1", "{year}", "2023")
		for _, r := range routes {
			url := fill.Replace(r.path)
			if strings.Contains(url, "{") {
				t.Errorf("%s %s: path parameter without a test value", r.method, r.path)
				continue
			}
			bodies := []any{nil}
			if r.method == http.MethodPost || r.method == http.MethodPut {
				bodies = []any{"", "null", "[]", "{}", `{"birthDate":"kemarin","name":7,"id":"x"}`, `{"a":`}
			}
			for _, body := range bodies {
				resp, data := c.send(r.method, url, body)
				var p problem
				json.Unmarshal(data, &p)
				switch {
				case resp.StatusCode == http.StatusMethodNotAllowed || p.Code == "api.no_route":
					t.Errorf("%s %s is in the OpenAPI document but not served: %d %s", r.method, url, resp.StatusCode, data)
				case resp.StatusCode >= 500:
					t.Errorf("%s %s with body %v: status %d: %s", r.method, url, body, resp.StatusCode, data)
				}
			}
		}

		var pretty bytes.Buffer
		if err := json.Indent(&pretty, data, "", "  "); err != nil {
			t.Fatal(err)
		}
		pretty.WriteByte('\n')
		if *update {
			if err := os.MkdirAll(filepath.Dir(committedDoc), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(committedDoc, pretty.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		committed, err := os.ReadFile(committedDoc)
		if err != nil || !bytes.Equal(committed, pretty.Bytes()) {
			t.Errorf("docs/openapi.json differs from the document the API serves (%v): "+
				"run `go test ./api -update` and commit docs/openapi.json", err)
		}
	})
}
