package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"
	"github.com/danielgtaylor/huma/v2/validation"

	"merit"
	"merit/httpstatus"
	"merit/i18n"
)

// problem is an RFC 9457 problem document, the body of every error answer.
// Code is the stable message key behind Detail, so programs can branch on it
// without parsing translated text; Errors says which field broke which rule.
type problem struct {
	Type   string         `json:"type,omitempty" doc:"Always about:blank: the status and code say what happened."`
	Title  string         `json:"title" doc:"The HTTP status text." example:"Unprocessable Entity"`
	Status int            `json:"status" doc:"The HTTP status code." example:"422"`
	Detail string         `json:"detail" doc:"What went wrong, in the request's language (Bahasa Indonesia unless lang or Accept-Language asks for English)."`
	Code   string         `json:"code" doc:"Stable message key of the problem, e.g. err.invalid, err.not_found, auth.bad_credentials, api.import_rejected." example:"err.invalid"`
	Errors []fieldProblem `json:"errors,omitempty" doc:"The field (or file row and column) errors, when the input was invalid."`
	Report *importReport  `json:"report,omitempty" doc:"For a rejected import: what the file held (its rejected rows are in errors)."`
}

// fieldProblem says which field (for an import: which row and column) broke
// which rule.
type fieldProblem struct {
	Row     int    `json:"row,omitempty" doc:"Row number in the uploaded file (1 is the header row), for import errors."`
	Field   string `json:"field" doc:"JSON field, query or path parameter, or file column, that is wrong; empty for the request as a whole." example:"nip"`
	Code    string `json:"code" doc:"Stable message key of the rule, e.g. nip.length, field.required, field.unknown_ref." example:"nip.length"`
	Message string `json:"message" doc:"The rule, in the request's language." example:"NIP harus 18 digit, bukan 17"`
	Value   string `json:"value,omitempty" doc:"The offending value as sent."`
}

// Error returns the detail, so a problem can travel as an error.
func (p *problem) Error() string { return p.Detail }

// GetStatus is the HTTP status huma answers with.
func (p *problem) GetStatus() int { return p.Status }

// ContentType makes huma send application/problem+json (RFC 9457).
func (p *problem) ContentType(ct string) string {
	if ct == "application/json" {
		return "application/problem+json"
	}
	return ct
}

// statusCodes are the message keys of answers that huma or the router decide
// before a handler runs (a body that is not JSON, a route that does not
// exist); errors from handlers carry their own keys.
var statusCodes = map[int]string{
	http.StatusBadRequest:            "api.bad_request",
	http.StatusUnauthorized:          "err.unauthenticated",
	http.StatusForbidden:             "err.forbidden",
	http.StatusNotFound:              "api.no_route",
	http.StatusMethodNotAllowed:      "api.method_not_allowed",
	http.StatusNotAcceptable:         "api.unsupported_type",
	http.StatusRequestEntityTooLarge: "api.too_large",
	http.StatusUnsupportedMediaType:  "api.unsupported_type",
	http.StatusUnprocessableEntity:   "err.invalid",
}

func init() {
	// huma builds every error answer through these two hooks: its own
	// (validation, unreadable bodies) and the errors handlers return. Both
	// lead to toProblem. NewError without a request is only used by huma to
	// learn the error type for the OpenAPI document.
	huma.NewError = func(status int, _ string, errs ...error) huma.StatusError {
		return toProblem(nil, status, errs...)
	}
	huma.NewErrorWithContext = func(ctx huma.Context, status int, _ string, errs ...error) huma.StatusError {
		r, _ := humago.Unwrap(ctx)
		return toProblem(r, status, errs...)
	}
}

// toProblem is the one place where errors become answers. A domain error
// (merit.Error) gets the status of its kind (httpstatus.Of), its message key
// and its field errors; huma's validation details become field errors; any
// other error is internal: it is logged with the request and answered 500
// with a generic message, never its text. Messages are in the request's
// language (r may be nil: Indonesian, nothing logged).
func toProblem(r *http.Request, status int, errs ...error) *problem {
	lang := i18n.ID
	if r != nil {
		lang = i18n.FromRequest(r)
	}
	var fields []merit.FieldError
	var cause error
	for _, err := range errs {
		if d, ok := err.(huma.ErrorDetailer); ok {
			fields = append(fields, detailField(d.ErrorDetail()))
		} else if err != nil && cause == nil {
			cause = err
		}
	}
	code := statusCodes[status]
	var report *importReport
	if _, domain := errors.AsType[*merit.Error](cause); domain {
		status, code = httpstatus.Of(cause), merit.CodeOf(cause)
		fields = append(fields, merit.FieldsOf(cause)...)
		if rej, ok := errors.AsType[*importRejected](cause); ok {
			report = rej.report
		}
	} else if code == "" && cause != nil {
		status = http.StatusInternalServerError
	} else if code == "" && status != 0 {
		code = "api.bad_request"
	}
	if status >= 500 {
		if r != nil {
			logger(r.Context()).ErrorContext(r.Context(), "api: internal error", "method", r.Method, "path", r.URL.Path, "err", cause)
		}
		status, code, fields = http.StatusInternalServerError, "err.internal", nil
	}
	p := &problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: i18n.T(lang, code), Code: code}
	for _, f := range fields {
		p.Errors = append(p.Errors, fieldProblem{Field: f.Field, Code: f.Code, Message: i18n.Field(lang, f), Value: f.Value})
	}
	if report != nil {
		// The rejected rows are the problem's errors; the report keeps the counts.
		counts := *report
		counts.Errors = nil
		p.Report, p.Errors = &counts, append(p.Errors, report.Errors...)
	}
	return p
}

// detailField turns one of huma's validation details ("body.birthDate:
// expected string to be RFC 3339 date") into a field error with a message
// key, so it is translated like the domain's own field errors.
func detailField(d *huma.ErrorDetail) merit.FieldError {
	field := d.Location
	for _, loc := range []string{"body", "path", "query", "header", "cookie"} {
		if field == loc {
			field = ""
		}
		field = strings.TrimPrefix(field, loc+".")
	}
	fe := merit.FieldError{Field: field, Code: "api.invalid_value", Args: []any{d.Message}}
	switch v := d.Value.(type) {
	case string:
		fe.Value = v
	case float64, bool, int, int64:
		fe.Value = fmt.Sprint(v)
	}
	if len(fe.Value) > 200 {
		fe.Value = fe.Value[:200] + "…"
	}
	msg := d.Message
	switch {
	// The only anyOf schema of this API is the date's (see dateSchema), so a
	// value matching none of its branches is a malformed date.
	case msg == validation.MsgExpectedMatchAtLeastOneSchema, msg == validation.MsgExpectedRFC3339Date:
		fe.Code, fe.Args = "field.not_a_date", nil
	case msg == validation.MsgExpectedInteger, msg == validation.MsgExpectedNumber, msg == "invalid integer", msg == "invalid float":
		fe.Code, fe.Args = "field.not_a_number", nil
	case msg == validation.MsgExpectedString, msg == validation.MsgExpectedBoolean, msg == validation.MsgExpectedObject,
		msg == validation.MsgExpectedArray, msg == "invalid boolean":
		fe.Code, fe.Args = "api.expected_type", []any{msg[strings.LastIndexByte(msg, ' ')+1:]}
	case msg == validation.MsgUnexpectedProperty:
		fe.Code, fe.Args = "api.unexpected_property", nil
	case strings.HasPrefix(msg, "expected required property "):
		name := strings.TrimSuffix(strings.TrimPrefix(msg, "expected required property "), " to be present")
		fe.Field = strings.TrimPrefix(fe.Field+"."+name, ".")
		fe.Code, fe.Args, fe.Value = "field.required", nil, ""
	case strings.HasPrefix(msg, "required ") && strings.HasSuffix(msg, " is missing"), msg == "File required":
		fe.Code, fe.Args = "field.required", nil
	}
	return fe
}

// writeProblem answers with a problem outside huma (unknown routes).
func writeProblem(w http.ResponseWriter, p *problem) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	json.NewEncoder(w).Encode(p)
}

type loggerKey struct{}

// logger returns the server's logger put in the context by New.
func logger(ctx context.Context) *slog.Logger {
	if l, ok := ctx.Value(loggerKey{}).(*slog.Logger); ok && l != nil {
		return l
	}
	return slog.Default()
}
