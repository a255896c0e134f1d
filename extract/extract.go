package extract

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/detente-project/detente"
)

// minWords is the fewest words a body needs to be an article rather than
// a stray label.
const minWords = 5

// DefaultMaxSize is the largest page Extract reads unless told otherwise.
const DefaultMaxSize = 10 << 20

// Errors Extract wraps, with the page's URL, so that callers can tell bad
// input from failures.
var (
	ErrNoText   = errors.New("no article text")
	ErrTooLarge = errors.New("page too large")
)

// Extractor extracts articles from pages. It is safe for concurrent use.
type Extractor struct {
	maxSize int
}

// Option configures an Extractor.
type Option func(*Extractor)

// WithMaxSize sets the largest page, in bytes, that Extract accepts.
func WithMaxSize(n int) Option {
	return func(x *Extractor) { x.maxSize = n }
}

// New returns an Extractor.
func New(opts ...Option) *Extractor {
	x := &Extractor{maxSize: DefaultMaxSize}
	for _, o := range opts {
		o(x)
	}
	return x
}

var _ detente.Extractor = (*Extractor)(nil)

// Extract returns the article in p. Every field but StoryID and
// Fingerprint is set. Errors name p.URL.
func (x *Extractor) Extract(ctx context.Context, p detente.Page) (detente.Article, error) {
	if err := ctx.Err(); err != nil {
		return detente.Article{}, fmt.Errorf("extract %s: %w", p.URL, err)
	}
	if len(p.Body) > x.maxSize {
		return detente.Article{}, fmt.Errorf("%w: %s is %d bytes, the limit is %d", ErrTooLarge, p.URL, len(p.Body), x.maxSize)
	}
	src, err := toUTF8(p.Body, p.Header, !p.IsText)
	if err != nil {
		return detente.Article{}, fmt.Errorf("extract %s: %w", p.URL, err)
	}
	a := detente.Article{URL: p.URL, Fetched: p.Fetched.UTC()}
	if p.Fetched.IsZero() {
		a.Fetched = time.Now().UTC()
	}
	var meta pageMeta
	var paras []string
	if p.IsText {
		blocks := textParagraphs(src)
		a.Title = firstNonEmpty(p.Title, textTitle(blocks))
		paras = clean(blocks, a.Title, "")
	} else {
		paras, meta, err = x.extractHTML(src, p, &a)
		if err != nil {
			return detente.Article{}, err
		}
	}
	a.Body = strings.Join(paras, "\n\n")
	if countWords(a.Body, minWords) < minWords {
		return detente.Article{}, fmt.Errorf("%w in %s", ErrNoText, p.URL)
	}
	a.Lang = chooseLang(firstNonEmpty(langCode(meta.lang), langCode(meta.metaLang)), a.Body)
	if a.Published.IsZero() {
		a.Published, a.DateSource = dateOf(p, meta, a.CanonicalURL)
		if a.DateSource == detente.DateFromFetch {
			a.Published = a.Fetched
		}
	}
	if a.Site == "" {
		a.Site = host(firstNonEmpty(a.CanonicalURL, p.URL))
	}
	key := a.CanonicalURL
	if key == "" && isWebURL(p.URL) {
		key = p.URL
	}
	a.ID = detente.ArticleID(key, a.Body)
	a.ContentHash = detente.ContentHash(a.Body)
	return a, nil
}

// extractHTML runs go-trafilatura over an HTML page and fills the fields of
// a that come from the page's metadata. It returns the body paragraphs.
func (x *Extractor) extractHTML(src string, p detente.Page, a *detente.Article) ([]string, pageMeta, error) {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return nil, pageMeta{}, fmt.Errorf("parse %s: %w", p.URL, err)
	}
	meta := scanMeta(doc)
	a.CanonicalURL = resolve(p.URL, meta.canonical)
	opts := trafilatura.Options{EnableFallback: true}
	if u, err := url.Parse(p.URL); err == nil && isWebURL(p.URL) {
		opts.OriginalURL = u
	}
	// A date detente already has makes go-trafilatura skip its own search
	// of the whole page, the slowest step of its metadata.
	if t, src := dateOf(p, meta, a.CanonicalURL); src != detente.DateFromFetch {
		opts.HtmlDateOverride = &htmldate.Result{DateTime: t, HasTime: true}
		a.Published, a.DateSource = t, src
	}
	res, err := runTrafilatura(doc, opts)
	if err != nil {
		return nil, meta, fmt.Errorf("%w in %s: %w", ErrNoText, p.URL, err)
	}
	md := res.Metadata
	if a.Published.IsZero() {
		if t, ok := plausible(md.Date); ok && !md.Date.IsZero() {
			a.Published, a.DateSource = t, detente.DateFromMetadata
		}
	}
	h := host(firstNonEmpty(a.CanonicalURL, p.URL))
	a.Site = siteName(md.Sitename, meta.title, firstNonEmpty(p.Title, md.Title), h)
	a.Title = firstNonEmpty(p.Title, cleanTitle(md.Title, a.Site, h))
	a.Byline = md.Author
	return clean(paragraphs(res.ContentNode), a.Title, a.Byline), meta, nil
}

// runTrafilatura calls go-trafilatura, turning a panic inside it on odd
// input into an error: it is the one call detente cannot vouch for.
func runTrafilatura(doc *html.Node, opts trafilatura.Options) (res *trafilatura.ExtractResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("go-trafilatura failed: %v", r)
		}
	}()
	return trafilatura.ExtractDocument(doc, opts)
}

// dateOf returns the best publication time known without go-trafilatura:
// the input's, the page metadata's, the URL's, else the fetch time.
func dateOf(p detente.Page, meta pageMeta, canonical string) (time.Time, detente.DateSource) {
	switch {
	case !p.Published.IsZero():
		return p.Published.UTC(), detente.DateFromInput
	case !meta.published.IsZero():
		return meta.published, detente.DateFromMetadata
	}
	for _, u := range []string{canonical, p.URL} {
		if t, ok := urlDate(u); ok {
			return t, detente.DateFromURL
		}
	}
	return p.Fetched.UTC(), detente.DateFromFetch
}

// resolve makes a canonical URL absolute against the page's URL; it
// returns "" unless the result is an http or https URL below the root. A
// site's home page given as every page's canonical URL, a common mistake,
// would otherwise give all its articles one ID.
func resolve(base, ref string) string {
	if ref == "" {
		return ""
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if b, err := url.Parse(base); err == nil && isWebURL(base) {
		r = b.ResolveReference(r)
	}
	if !isWebURL(r.String()) || r.Host == "" || (r.Path == "" || r.Path == "/") && r.RawQuery == "" {
		return ""
	}
	return r.String()
}

func isWebURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

func host(s string) string {
	u, err := url.Parse(s)
	if err != nil || !isWebURL(s) {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// countWords counts the words of s, stopping at limit.
func countWords(s string, limit int) int {
	n, in := 0, false
	for _, r := range s {
		w := isWordRune(r)
		if w && !in {
			if n++; n >= limit {
				return n
			}
		}
		in = w
	}
	return n
}
