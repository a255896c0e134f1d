// Package extract turns raw pages into articles: title, byline, date and
// its source, language, and the body text without boilerplate.
//
// Dependencies, and why each was chosen:
//   - github.com/markusmobius/go-trafilatura finds the main text of a page,
//     with go-readability and go-domdistiller as fallbacks; it is the best
//     open extractor measured on the article extraction benchmark, far
//     beyond what a hand-written heuristic would reach. Its metadata (title,
//     author, site name) is reused, so a page is analysed once.
//   - golang.org/x/net/html parses pages the way browsers do.
//   - golang.org/x/text knows the charsets the web declares (by their
//     WHATWG labels), decodes them, and normalises Unicode so that the same
//     word always has the same bytes.
//
// What detente adds on top: charset repair for pages whose declaration
// lies, refusal of binary and oversized input with errors that name it, a
// published date that says where it came from (input, metadata, URL or
// fetch time), a language read from the text itself (pages often declare
// none or the wrong one), and removal of the furniture go-trafilatura
// keeps (comment counts, author boxes, reply forms, share bars, related
// links, cookie and newsletter prompts, repeated titles and slugs).
package extract
