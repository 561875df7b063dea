// Package httpstatus maps domain error kinds to HTTP status codes: the one
// table both the web UI and the JSON API answer errors with.
package httpstatus

import (
	"net/http"

	"merit"
)

// codes is the table. A kind missing here is a bug and answers 500.
var codes = map[merit.Kind]int{
	merit.KindInternal:        http.StatusInternalServerError,
	merit.KindInvalid:         http.StatusUnprocessableEntity,
	merit.KindNotFound:        http.StatusNotFound,
	merit.KindConflict:        http.StatusConflict,
	merit.KindUnauthenticated: http.StatusUnauthorized,
	merit.KindForbidden:       http.StatusForbidden,
}

// Of returns the HTTP status for err.
func Of(err error) int {
	if c, ok := codes[merit.KindOf(err)]; ok {
		return c
	}
	return http.StatusInternalServerError
}
