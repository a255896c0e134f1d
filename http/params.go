package http

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/detente-project/detente"
)

// Limits on query parameters.
const (
	defaultLimit = 50
	maxLimit     = 500
	maxQueryLen  = 200
	maxCursorLen = 512
	maxOffset    = 100000
	dayLayout    = "2006-01-02"
)

var (
	// actorRe matches a country code ("IRN") or an IGO or agent-qualified
	// code ("IGOUNO"): what events may name as source or target.
	actorRe  = regexp.MustCompile(`^[A-Z]{3}([A-Z]{3})?$`)
	agentRe  = regexp.MustCompile(`^[A-Z]{3}$`)
	codeRe   = regexp.MustCompile(`^[0-9]{2,4}$`)
	rootRe   = regexp.MustCompile(`^[0-9]{2}$`)
	cursorRe = regexp.MustCompile(`^[A-Za-z0-9_\-=.:]+$`)
)

func invalid(format string, args ...any) error {
	return detente.Errorf(detente.EINVALID, format, args...)
}

// parseCountry checks that c is a known ISO 3166-1 alpha-3 country code.
func parseCountry(c string) (string, error) {
	if !detente.IsCountry(c) {
		return "", invalid("unknown country code %q: want an ISO 3166-1 alpha-3 code such as IRN", truncate(c))
	}
	return c, nil
}

// parsePair reads a pair key, "IRN-USA" in either order or "USA>IRN".
func parsePair(s string) (detente.Pair, error) {
	p, err := detente.ParsePair(s)
	if err != nil {
		return p, invalid("%s", detente.ErrorMessage(err))
	}
	return p, nil
}

// parseDay reads a YYYY-MM-DD date; "" gives the zero time.
func parseDay(name, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(dayLayout, s)
	if err != nil {
		return time.Time{}, invalid("%s %q: want a date as YYYY-MM-DD", name, truncate(s))
	}
	if t.Year() < minYear || t.Year() > maxYear {
		return time.Time{}, invalid("%s %s: want a date from %d to %d", name, s, minYear, maxYear)
	}
	return t, nil
}

// minYear and maxYear bound the dates a request may name: news lies
// between, and the days a range adds to a date stay within what JSON
// times can encode.
const (
	minYear = 1800
	maxYear = 2200
)

// parseRange reads from and to, and checks that the range runs forward and
// spans at most ten years.
func parseRange(q url.Values) (from, to time.Time, err error) {
	if from, err = parseDay("from", q.Get("from")); err != nil {
		return
	}
	if to, err = parseDay("to", q.Get("to")); err != nil {
		return
	}
	if !from.IsZero() && !to.IsZero() {
		if to.Before(from) {
			return from, to, invalid("date range %s to %s runs backwards", q.Get("from"), q.Get("to"))
		}
		if to.Sub(from) > detente.MaxSeriesDays*24*time.Hour {
			return from, to, invalid("date range %s to %s is longer than ten years", q.Get("from"), q.Get("to"))
		}
	}
	return from, to, nil
}

// parseLimit reads limit, 1..maxLimit, defaulting to defaultLimit.
func parseLimit(s string) (int, error) {
	if s == "" {
		return defaultLimit, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > maxLimit {
		return 0, invalid("limit %q: want a whole number from 1 to %d", truncate(s), maxLimit)
	}
	return n, nil
}

// parseCursor checks that a cursor looks like one the store hands out; the
// store rejects well-formed ones it did not make.
func parseCursor(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	if len(s) > maxCursorLen || !cursorRe.MatchString(s) {
		return "", invalid("cursor %q is not one this server handed out", truncate(s))
	}
	return s, nil
}

// parseText reads a free-text query.
func parseText(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", invalid("query is not valid UTF-8")
	}
	s = strings.TrimSpace(s)
	if len(s) > maxQueryLen {
		return "", invalid("query is longer than %d bytes", maxQueryLen)
	}
	return s, nil
}

// parseEventFilter reads the query parameters of GET /api/v1/events and of
// the dashboard's search page into a filter, rejecting anything malformed
// with an EINVALID error that names the parameter.
func parseEventFilter(q url.Values) (detente.EventFilter, error) {
	var f detente.EventFilter
	var err error
	for _, p := range []struct {
		name string
		dst  *string
		re   *regexp.Regexp
		want string
	}{
		{"source", &f.Source, actorRe, "a country or IGO code such as IRN"},
		{"target", &f.Target, actorRe, "a country or IGO code such as IRN"},
		{"agent", &f.Agent, agentRe, "an agent code such as MIL"},
		{"code", &f.Code, codeRe, "a CAMEO code such as 046"},
		{"root", &f.Root, rootRe, "a CAMEO root such as 04"},
	} {
		v := q.Get(p.name)
		if v != "" && !p.re.MatchString(v) {
			return f, invalid("%s %q: want %s", p.name, truncate(v), p.want)
		}
		*p.dst = v
	}
	if v := q.Get("pair"); v != "" {
		p, err := parsePair(v)
		if err != nil {
			return f, err
		}
		if p.Directed {
			if f.Source != "" || f.Target != "" {
				return f, invalid("a directed pair %q cannot be combined with source or target", p.Key())
			}
			f.Source, f.Target = p.A, p.B
		} else {
			f.Pair = [2]string{p.A, p.B}
		}
	}
	if v := q.Get("quad"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 4 {
			return f, invalid("quad %q: want a QuadClass from 1 to 4", truncate(v))
		}
		f.Quad = detente.QuadClass(n)
	}
	if f.From, f.To, err = parseRange(q); err != nil {
		return f, err
	}
	if f.Query, err = parseText(q.Get("q")); err != nil {
		return f, err
	}
	switch v := q.Get("include"); v {
	case "":
	case "uncounted":
		f.Uncounted = true
	default:
		return f, invalid("include %q: the only value is uncounted", truncate(v))
	}
	if f.Cursor, err = parseCursor(q.Get("cursor")); err != nil {
		return f, err
	}
	if f.Limit, err = parseLimit(q.Get("limit")); err != nil {
		return f, err
	}
	return f, nil
}

// truncate shortens user input quoted in an error message.
func truncate(s string) string {
	const n = 40
	if len(s) <= n {
		return s
	}
	for i := n; i > 0; i-- {
		if utf8.RuneStart(s[i]) {
			return s[:i] + "…"
		}
	}
	return ""
}

// parseOffset reads offset, 0..maxOffset, defaulting to 0.
func parseOffset(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > maxOffset {
		return 0, invalid("offset %q: want a whole number from 0 to %d", truncate(s), maxOffset)
	}
	return n, nil
}
