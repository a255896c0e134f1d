package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// dateLayouts are the forms page metadata writes times in, most common
// first.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z0700",
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700",
	"January 2, 2006 15:04",
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
	"20060102T150405Z0700",
	"20060102",
	"2006/01/02 15:04:05",
	"2006/01/02",
	"2006-01-02",
}

// isoDay matches a leading ISO date when the rest of a value is in no
// layout detente knows.
var isoDay = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})`)

// parseDate reads a metadata time value and returns it in UTC. Values
// without a zone are taken as UTC.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return plausible(t)
		}
	}
	if m := isoDay.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3])
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 631152000 {
		if n > 1e12 {
			n /= 1000
		}
		return plausible(time.Unix(n, 0))
	}
	return time.Time{}, false
}

// urlDatePatterns find a date in a URL path: /2019/11/19/, /2019-11-19-,
// /20191119/.
var urlDatePatterns = []*regexp.Regexp{
	regexp.MustCompile(`/((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?:[/_.-]|$)`),
	regexp.MustCompile(`/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)`),
}

// urlDate returns the date written in a URL's path, if any.
func urlDate(u string) (time.Time, bool) {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
		j := strings.IndexByte(u, '/')
		if j < 0 {
			return time.Time{}, false
		}
		u = u[j:]
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	for _, re := range urlDatePatterns {
		if m := re.FindStringSubmatch(u); m != nil {
			if t, ok := ymd(m[1], m[2], m[3]); ok {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

func ymd(y, m, d string) (time.Time, bool) {
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if t.Day() != di || int(t.Month()) != mi {
		return time.Time{}, false
	}
	return plausible(t)
}

// plausible rejects times no news page was published at: before the web
// or far in the future.
func plausible(t time.Time) (time.Time, bool) {
	t = t.UTC()
	if t.Year() < 1990 || t.After(time.Now().Add(48*time.Hour)) {
		return time.Time{}, false
	}
	return t, true
}
