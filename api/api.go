// Package api is Merit's JSON API. (Placeholder being built.)
package api

import (
	"net/http"

	"merit/server"
)

// New returns the API handler.
func New(d server.Deps) http.Handler { return http.NotFoundHandler() }
