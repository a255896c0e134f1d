// Package demo holds the corpus that "detente demo" ingests: some 130
// short news pages of fictional outlets, dated June to September 2026, that
// tell one escalation and de-escalation between the United States and Iran
// (incidents in the Strait of Hormuz, sanctions, threats, deployments, then
// talks hosted by Oman in Muscat) beside smaller arcs of other pairs.
//
// Every page is synthetic and says so, in a visible notice and in the last
// paragraph of its body. The pages are rendered from the storyline table in
// internal/gen by "go generate ./demo", committed under pages/, and embedded,
// so the demo needs no network and no files. Several stories appear as wire
// copies at two or three outlets, so that deduplication has stories with
// more than one source.
//
// The package uses only the standard library; its tests use
// golang.org/x/net/html, the HTML parser the extractor's stack is built on.
package demo

//go:generate go run ./internal/gen -in internal/gen/storyline.txt -out pages
