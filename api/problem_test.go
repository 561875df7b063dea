package api

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"merit"
)

// TestProblemOfErrors checks the one mapping from errors to answers: the
// status of each kind, translated texts, and internal errors logged but
// never shown.
func TestProblemOfErrors(t *testing.T) {
	var logs bytes.Buffer
	r := httptest.NewRequest("GET", "/api/v1/agencies/kota-a/employees?lang=en", nil)
	r = r.WithContext(context.WithValue(r.Context(), loggerKey{}, slog.New(slog.NewTextHandler(&logs, nil))))
	invalid := merit.Invalid("test", merit.FieldError{Field: "nip", Code: "nip.length", Value: "123", Args: []any{3}})
	tests := []struct {
		err    error
		status int
		code   string
		detail string
	}{
		{invalid, http.StatusUnprocessableEntity, "err.invalid", "The data is not valid."},
		{fmt.Errorf("wrapped: %w", invalid), http.StatusUnprocessableEntity, "err.invalid", "The data is not valid."},
		{merit.Errorf(merit.KindNotFound, "test", "err.not_found"), http.StatusNotFound, "err.not_found", "Not found."},
		{merit.Errorf(merit.KindConflict, "test", "err.conflict"), http.StatusConflict, "err.conflict", "This conflicts with existing data."},
		{merit.Errorf(merit.KindUnauthenticated, "test", "auth.bad_credentials"), http.StatusUnauthorized, "auth.bad_credentials", "Wrong username or password."},
		{merit.Errorf(merit.KindForbidden, "test", "err.forbidden"), http.StatusForbidden, "err.forbidden", "You are not allowed to do this."},
		{&merit.Error{Kind: merit.KindInternal, Op: "test", Code: "err.internal", Err: errors.New("disk full at /var/lib/secret")},
			http.StatusInternalServerError, "err.internal", "Something went wrong. Please try again; if it persists, contact the administrator."},
		{errors.New(`sqldb.FindEmployees: pq: relation "employee_secret" does not exist`), http.StatusInternalServerError, "err.internal",
			"Something went wrong. Please try again; if it persists, contact the administrator."},
	}
	for _, tt := range tests {
		p := toProblem(r, http.StatusInternalServerError, tt.err)
		if p.Status != tt.status || p.Code != tt.code || p.Detail != tt.detail || p.Title != http.StatusText(tt.status) {
			t.Errorf("%v: got %d %s %q, want %d %s %q", tt.err, p.Status, p.Code, p.Detail, tt.status, tt.code, tt.detail)
		}
	}
	if p := toProblem(r, http.StatusInternalServerError, invalid); len(p.Errors) != 1 ||
		p.Errors[0] != (fieldProblem{Field: "nip", Code: "nip.length", Message: "NIP must have 18 digits, not 3", Value: "123"}) {
		t.Errorf("field errors: %+v", p.Errors)
	}
	if !strings.Contains(logs.String(), "employee_secret") || strings.Count(logs.String(), "api: internal error") != 2 {
		t.Errorf("the two internal errors were not logged once each:\n%s", logs.String())
	}
	p := toProblem(r, http.StatusInternalServerError, errors.New("secret"))
	if strings.Contains(fmt.Sprintf("%+v", *p), "secret") {
		t.Errorf("an internal error's text reached the answer: %+v", p)
	}
	// Statuses decided before any handler (huma, the router) keep their status.
	for status, code := range map[int]string{http.StatusBadRequest: "api.bad_request", http.StatusNotFound: "api.no_route",
		http.StatusMethodNotAllowed: "api.method_not_allowed", http.StatusRequestEntityTooLarge: "api.too_large", http.StatusUnsupportedMediaType: "api.unsupported_type"} {
		if p := toProblem(r, status); p.Status != status || p.Code != code {
			t.Errorf("status %d: got %d %s", status, p.Status, p.Code)
		}
	}
}
