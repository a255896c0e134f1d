package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"strings"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/fetch"
	"github.com/mmcdole/gofeed"
)

// url fetches a page or a feed; a feed's items are fetched in turn.
func (w *walker) url(ctx context.Context, u string) error {
	if w.opts.Client == nil {
		return fmt.Errorf("%s: no HTTP client configured for URL inputs", u)
	}
	resp, err := w.opts.Client.Get(ctx, u, fetch.Validators{})
	if err != nil {
		return err
	}
	if looksLikeFeed(resp.ContentType, resp.Body) {
		feed, err := parseFeed(resp.Body)
		if err != nil {
			return fmt.Errorf("%s: %w", u, err)
		}
		return w.feedItems(ctx, u, feed.Items)
	}
	p, err := responsePage(resp, u)
	if err != nil {
		return err
	}
	return w.emit(ctx, p)
}

// responsePage turns a fetched page into a Page, refusing binary content.
func responsePage(resp *fetch.Response, origin string) (detente.Page, error) {
	p := detente.Page{
		URL:     resp.URL,
		Body:    resp.Body,
		Header:  resp.ContentType,
		Fetched: resp.Fetched,
		Origin:  origin,
		Offset:  -1,
	}
	mt, _, _ := mime.ParseMediaType(resp.ContentType)
	if mt == "text/plain" {
		if i := invalidUTF8(resp.Body); i >= 0 {
			return detente.Page{}, fmt.Errorf("%s: invalid UTF-8 at byte %d", resp.URL, i)
		}
		p.IsText = true
		return p, nil
	}
	if err := checkHTML(resp.Body, resp.ContentType); err != nil {
		return detente.Page{}, fmt.Errorf("%s: %w", resp.URL, err)
	}
	return p, nil
}

// feedTypes are media types that announce a feed.
var feedTypes = map[string]bool{
	"application/rss+xml":   true,
	"application/atom+xml":  true,
	"application/rdf+xml":   true,
	"application/xml":       true,
	"text/xml":              true,
	"application/feed+json": true,
}

// looksLikeFeed tells a feed from a page by its media type, or, when that
// says nothing useful, by the start of the body.
func looksLikeFeed(contentType string, body []byte) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	if feedTypes[mt] {
		return true
	}
	if mt == "text/html" || mt == "application/xhtml+xml" {
		return false
	}
	head := bytes.ToLower(body[:min(len(body), 1024)])
	return bytes.Contains(head, []byte("<rss")) || bytes.Contains(head, []byte("<feed")) ||
		bytes.Contains(head, []byte("<rdf:rdf"))
}

// parseFeed parses RSS, Atom or JSON Feed.
func parseFeed(body []byte) (*gofeed.Feed, error) {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	if feed.FeedType == "json" && feed.FeedVersion == "" {
		return nil, errors.New("parse feed: JSON without a JSON Feed version")
	}
	return feed, nil
}

// itemDate is an item's published time, else its updated time.
func itemDate(it *gofeed.Item) time.Time {
	switch {
	case it.PublishedParsed != nil:
		return it.PublishedParsed.UTC()
	case it.UpdatedParsed != nil:
		return it.UpdatedParsed.UTC()
	}
	return time.Time{}
}

// feedItems fetches each item's page, with the item's title and date as
// hints. Items that fail are reported and the others go on.
func (w *walker) feedItems(ctx context.Context, feedURL string, items []*gofeed.Item) error {
	if len(items) > w.opts.MaxFeedItems {
		items = items[:w.opts.MaxFeedItems]
	}
	for _, it := range items {
		if it == nil {
			continue
		}
		if err := ctx.Err(); err != nil {
			return stop{err}
		}
		link := strings.TrimSpace(it.Link)
		if link == "" {
			err := fmt.Errorf("%s: item %q has no link", feedURL, it.GUID)
			if err := w.report(feedURL, err); err != nil {
				return err
			}
			continue
		}
		p, err := itemPage(ctx, w.opts.Client, feedURL, it)
		if err != nil {
			if errors.Is(err, context.Canceled) {
				return stop{err}
			}
			if err := w.report(itemLink(feedURL, it), err); err != nil {
				return err
			}
			continue
		}
		if err := w.emit(ctx, p); err != nil {
			return err
		}
	}
	return nil
}

// itemPage fetches a feed item's page, with the item's title and date as
// hints.
func itemPage(ctx context.Context, c *fetch.Client, feedURL string, it *gofeed.Item) (detente.Page, error) {
	resp, err := c.Get(ctx, itemLink(feedURL, it), fetch.Validators{})
	if err != nil {
		return detente.Page{}, fmt.Errorf("item of %s: %w", feedURL, err)
	}
	p, err := responsePage(resp, feedURL)
	if err != nil {
		return detente.Page{}, fmt.Errorf("item of %s: %w", feedURL, err)
	}
	p.Title = strings.TrimSpace(it.Title)
	p.Published = itemDate(it)
	return p, nil
}

// itemLink is an item's link, resolved against the feed's URL: some feeds
// give links relative to themselves.
func itemLink(feedURL string, it *gofeed.Item) string {
	link := strings.TrimSpace(it.Link)
	base, err := url.Parse(feedURL)
	if err != nil {
		return link
	}
	ref, err := url.Parse(link)
	if err != nil {
		return link
	}
	return base.ResolveReference(ref).String()
}
