// Package web is Merit's server-rendered UI. (Placeholder being built.)
package web

import (
	"net/http"

	"merit/server"
)

// New returns the UI handler.
func New(d server.Deps) http.Handler { return http.NotFoundHandler() }
