// Package warcgen writes WARC archives of HTML pages for detente's
// benchmarks and tests: HTTP 200 text/html response records, each in its
// own gzip member when compressed, as crawlers write them, streamed to any
// writer so an archive of any size never sits in memory.
//
// It uses github.com/nlnwa/gowarc/v3, the library detente's WARC reader
// uses, so that what it writes is read back by the same code that reads a
// real crawl. It also varies the demo corpus into any number of distinct
// articles (Unique), which the bulk benchmarks and resume tests need.
package warcgen
