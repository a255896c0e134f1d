package http

import (
	_ "embed"
	nethttp "net/http"
)

// openapi is the OpenAPI 3 description of the API; a test keeps it and
// the routes in step.
//
//go:embed openapi.json
var openapi []byte

func serveOpenAPI(w nethttp.ResponseWriter, r *nethttp.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	// The status line is sent; a failed write means the client left.
	_, _ = w.Write(openapi)
}
