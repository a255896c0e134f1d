// Package http serves detente over HTTP: the JSON API under /api/v1
// (described by the embedded openapi.json, served at /api/v1/openapi.json),
// Prometheus metrics at /metrics, and the dashboard, whose pages are
// rendered on the server with html/template so that all article text is
// escaped and a page paints without running script.
//
// Every response carries a strict Content-Security-Policy: scripts, styles
// and images come only from the server itself (the one script,
// assets/app.js, adds the pair chart's "events of a day" list), with no
// inline code, so 'unsafe-inline' is never needed. Charts are SVG drawn on
// the server. Write and admin endpoints need the bearer token from
// DETENTE_TOKEN and are disabled without one. Errors are mapped from
// detente.Error codes to statuses in one place (error.go); internal errors
// reach the client only as "internal error" while the log has the detail.
//
// # How the country shapes get into the binary
//
// The overview map draws Natural Earth 1:110m country outlines from the
// npm package world-atlas (ISC licence; the version is pinned in
// package.json). "go generate ./http" runs mapgen.sh, which fetches the
// package with "npm pack" (npm checks its integrity), extracts
// countries-110m.json, and runs internal/mapgen to project the TopoJSON
// (Equal Earth) into compact SVG paths keyed by ISO 3166-1 numeric code,
// written to assets/gen/countries.json. That derived file (52 KB) is
// committed, so that a fresh clone draws the map without npm; its source,
// version and licence are in assets/gen/README.md, and nothing else of npm
// is committed. //go:embed takes the whole assets/ folder; a build without
// the file still succeeds and the overview lists the country index instead
// of drawing the map.
//
// Dependencies: github.com/prometheus/client_golang for /metrics (the
// standard exposition format every scraper reads, on the registry the
// pipeline also uses); golang.org/x/sync/errgroup to read a page's parts
// concurrently with a bound; github.com/chromedp/chromedp (tests only) to
// drive a real Chromium against the dashboard, as no HTML parser checks
// what a browser does with a Content-Security-Policy, script and SVG.
package http

//go:generate sh mapgen.sh
