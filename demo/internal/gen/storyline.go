package main

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
)

// story is one entry of the storyline table: an event reported on one day
// by one outlet, or by several as wire copies.
type story struct {
	Line      int       // line of the story's "==" header, for errors
	Published time.Time // first publication, UTC
	Slug      string    // URL slug without the date
	Title     string
	Pair      string   // the country pair whose arc it belongs to, "USA-IRN"
	Dateline  string   // city the story is filed from, "" for none
	Outlets   []string // outlet slugs; more than one makes wire copies
	Paras     []string // body paragraphs, in order
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// parseStoryline reads the storyline table. Its format, line by line:
//
//	# comment
//	== 2026-07-14T08:30 iran-seizes-tanker      starts a story
//	@title Iranian Forces Seize a Tanker        required
//	@pair USA-IRN                               required
//	@outlets northwind-wire meridian-post       optional, default by rotation
//	@dateline DUBAI                             optional
//	Any other line is one body paragraph.
//
// Errors name the file and line.
func parseStoryline(r io.Reader, name string) ([]story, error) {
	var (
		stories []story
		cur     *story
		n       int
	)
	finish := func() error {
		if cur == nil {
			return nil
		}
		if err := cur.check(); err != nil {
			return fmt.Errorf("%s:%d: %w", name, cur.Line, err)
		}
		stories = append(stories, *cur)
		return nil
	}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "=="):
			if err := finish(); err != nil {
				return nil, err
			}
			s, err := parseHeader(strings.TrimSpace(strings.TrimPrefix(line, "==")))
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", name, n, err)
			}
			s.Line = n
			cur = &s
		case cur == nil:
			return nil, fmt.Errorf("%s:%d: text before the first \"==\" story header", name, n)
		case strings.HasPrefix(line, "@"):
			if len(cur.Paras) > 0 {
				return nil, fmt.Errorf("%s:%d: field after the body has begun", name, n)
			}
			if err := cur.set(line); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", name, n, err)
			}
		default:
			cur.Paras = append(cur.Paras, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if err := finish(); err != nil {
		return nil, err
	}
	return stories, nil
}

func parseHeader(h string) (story, error) {
	date, slug, ok := strings.Cut(h, " ")
	if !ok {
		return story{}, fmt.Errorf("story header %q: want \"== DATE SLUG\"", h)
	}
	t, err := time.Parse("2006-01-02T15:04", date)
	if err != nil {
		return story{}, fmt.Errorf("story date %q: want YYYY-MM-DDTHH:MM", date)
	}
	slug = strings.TrimSpace(slug)
	if !slugRE.MatchString(slug) {
		return story{}, fmt.Errorf("story slug %q: want lower-case words joined by hyphens", slug)
	}
	return story{Published: t.UTC(), Slug: slug}, nil
}

func (s *story) set(line string) error {
	key, val, _ := strings.Cut(strings.TrimPrefix(line, "@"), " ")
	val = strings.TrimSpace(val)
	if val == "" {
		return fmt.Errorf("field @%s has no value", key)
	}
	switch key {
	case "title":
		s.Title = val
	case "pair":
		s.Pair = val
	case "dateline":
		s.Dateline = val
	case "outlets":
		s.Outlets = strings.Fields(val)
	default:
		return fmt.Errorf("unknown field @%s", key)
	}
	return nil
}

func (s *story) check() error {
	switch {
	case s.Title == "":
		return fmt.Errorf("story %s has no @title", s.Slug)
	case s.Pair == "":
		return fmt.Errorf("story %s has no @pair", s.Slug)
	case len(s.Paras) == 0:
		return fmt.Errorf("story %s has no body", s.Slug)
	}
	seen := map[string]bool{}
	for _, o := range s.Outlets {
		if _, ok := outletBySlug(o); !ok {
			return fmt.Errorf("story %s: unknown outlet %q", s.Slug, o)
		}
		if seen[o] {
			return fmt.Errorf("story %s: outlet %q listed twice", s.Slug, o)
		}
		seen[o] = true
	}
	return nil
}
