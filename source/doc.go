// Package source turns detente's inputs into pages for extraction: files
// (.html, .htm, .html.gz, .txt, .jsonl, .warc, .warc.gz), folders of them,
// web pages and RSS/Atom feeds by URL, pages pushed over HTTP, and feeds
// watched over time.
//
// Sources stream: a folder is walked one file at a time, a JSONL file one
// line at a time and a WARC file one record at a time, so memory stays flat
// however large the corpus. A bad input (a malformed line, a truncated
// archive, a binary file named .html, an oversized page) is reported
// through Options.OnError with an error naming the file and line, record
// offset or URL, and the other inputs go on.
//
// Dependencies: github.com/mmcdole/gofeed parses RSS, Atom and JSON feeds
// with the quirks of real feeds handled (dates in a dozen formats,
// namespaces, broken encodings) — years of work we would only redo worse;
// github.com/nlnwa/gowarc/v3 reads WARC 1.0/1.1, compressed per record or
// not, with record offsets for resuming; golang.org/x/net/html/charset
// tells a page in another declared charset from a broken one.
package source
