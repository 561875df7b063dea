package merit

import (
	"errors"
	"fmt"
	"strings"
)

// Kind classifies an error so that each edge (HTTP status, CLI exit code,
// import report) can answer it without inspecting messages.
type Kind uint8

// The kinds of error. Anything that is not a *Error is KindInternal: its
// details are logged, never shown to a user.
const (
	KindInternal        Kind = iota // a bug or an outage; logged, shown as a generic message
	KindInvalid                     // the input breaks a rule; FieldErrors say where
	KindNotFound                    // the record does not exist or the caller may not know it exists
	KindConflict                    // the input clashes with stored data (a duplicate NIP, a stale edit)
	KindUnauthenticated             // no valid sign-in
	KindForbidden                   // signed in, but the role does not allow it
)

var kindNames = [...]string{"internal", "invalid", "not_found", "conflict", "unauthenticated", "forbidden"}

// String returns the kind's stable name, used in API problem documents.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "internal"
}

// FieldError says which field of an input broke which rule. Code is a stable
// message key (translated at the edges, see package i18n); Args fill its
// placeholders; Value is the offending input as the user typed it.
type FieldError struct {
	Field string `json:"field"`
	Code  string `json:"code"`
	Args  []any  `json:"args,omitempty"`
	Value string `json:"value,omitempty"`
}

// Error is the domain error: a kind, the operation that failed, a message key
// safe to show, and optional field errors. Err keeps the cause for logs.
type Error struct {
	Kind   Kind
	Op     string
	Code   string // message key for users, e.g. "err.not_found"
	Fields []FieldError
	Err    error
}

// Error renders the error for logs: operation, kind, code and fields.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	b.WriteString(e.Kind.String())
	if e.Code != "" {
		b.WriteString(" (" + e.Code + ")")
	}
	for i, f := range e.Fields {
		if i == 0 {
			b.WriteString(":")
		}
		fmt.Fprintf(&b, " %s=%s", f.Field, f.Code)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf builds a domain error of the given kind with a message key.
func Errorf(kind Kind, op, code string) *Error {
	return &Error{Kind: kind, Op: op, Code: code}
}

// Invalid builds a KindInvalid error from field errors.
func Invalid(op string, fields ...FieldError) *Error {
	return &Error{Kind: KindInvalid, Op: op, Code: "err.invalid", Fields: fields}
}

// KindOf returns the kind of err: the kind of the first *Error in its chain,
// or KindInternal.
func KindOf(err error) Kind {
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Kind
	}
	return KindInternal
}

// FieldsOf returns the field errors carried by err, if any.
func FieldsOf(err error) []FieldError {
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Fields
	}
	return nil
}

// CodeOf returns the user-facing message key of err ("err.internal" for
// errors that are not domain errors).
func CodeOf(err error) string {
	if e, ok := errors.AsType[*Error](err); ok && e.Code != "" {
		return e.Code
	}
	return "err.internal"
}

// Fields collects field errors while validating one record.
type Fields []FieldError

// Add records that field broke the rule code.
func (fs *Fields) Add(field, code, value string, args ...any) {
	*fs = append(*fs, FieldError{Field: field, Code: code, Value: value, Args: args})
}

// Err returns nil when nothing was added, or a KindInvalid error.
func (fs Fields) Err(op string) error {
	if len(fs) == 0 {
		return nil
	}
	return Invalid(op, fs...)
}
