package http

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
)

func TestParseEventFilter(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(dayLayout, s); return d }
	for _, tc := range []struct {
		query string
		want  detente.EventFilter
		err   string // part of the error message; "" for none
	}{
		{"", detente.EventFilter{Limit: defaultLimit}, ""},
		{"pair=USA-IRN", detente.EventFilter{Pair: [2]string{"IRN", "USA"}, Limit: defaultLimit}, ""},
		{"pair=USA>IRN", detente.EventFilter{Source: "USA", Target: "IRN", Limit: defaultLimit}, ""},
		{"source=IGOUNO&target=IRN&agent=GOV", detente.EventFilter{Source: "IGOUNO", Target: "IRN", Agent: "GOV", Limit: defaultLimit}, ""},
		{"code=046&root=04&quad=1", detente.EventFilter{Code: "046", Root: "04", Quad: 1, Limit: defaultLimit}, ""},
		{"from=2025-01-01&to=2025-01-31&limit=500", detente.EventFilter{From: day("2025-01-01"), To: day("2025-01-31"), Limit: 500}, ""},
		{"q=+talks+in+Oman+&include=uncounted&cursor=abc_-", detente.EventFilter{Query: "talks in Oman", Uncounted: true, Cursor: "abc_-", Limit: defaultLimit}, ""},
		{"pair=USA>IRN&source=USA", detente.EventFilter{}, "directed"},
		{"pair=usa-irn", detente.EventFilter{Pair: [2]string{"IRN", "USA"}, Limit: defaultLimit}, ""},
		{"pair=USA-XYZ", detente.EventFilter{}, "unknown country"},
		{"pair=IRN-IRN", detente.EventFilter{}, "itself"},
		{"from=2025-02-30", detente.EventFilter{}, "from"},
		{"to=2025-01-01&from=2025-01-02", detente.EventFilter{}, "backwards"},
		{"from=2014-01-01&to=2025-01-01", detente.EventFilter{}, "ten years"},
		{"limit=-1", detente.EventFilter{}, "limit"},
		{"quad=0", detente.EventFilter{}, "quad"},
		{"code=04a", detente.EventFilter{}, "code"},
		{"q=%ff%fe", detente.EventFilter{}, "UTF-8"},
		{"cursor=" + strings.Repeat("a", maxCursorLen+1), detente.EventFilter{}, "cursor"},
	} {
		t.Run(tc.query, func(t *testing.T) {
			q, err := url.ParseQuery(tc.query)
			if err != nil {
				t.Fatal(err)
			}
			got, err := parseEventFilter(q)
			if tc.err != "" {
				if err == nil || detente.ErrorCode(err) != detente.EINVALID || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want EINVALID with %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// FuzzEventFilter checks that any query either fails with an EINVALID
// error or gives a filter within the documented bounds.
func FuzzEventFilter(f *testing.F) {
	for _, s := range []string{
		"", "pair=USA-IRN&from=2025-01-01&to=2025-02-01", "pair=USA>IRN", "source=IGOUNO&agent=MIL",
		"q=talks&include=uncounted&limit=500", "cursor=MjAyNQ&limit=1", "quad=4&root=19&code=190",
		"from=2025-02-30", "pair=%00-%ff", "limit=99999999999999999999", "q=%ff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		got, err := parseEventFilter(q)
		if err != nil {
			if detente.ErrorCode(err) != detente.EINVALID {
				t.Fatalf("%q: error %v is not EINVALID", raw, err)
			}
			return
		}
		switch {
		case got.Limit < 1 || got.Limit > maxLimit:
			t.Fatalf("%q: limit %d", raw, got.Limit)
		case got.Source != "" && !actorRe.MatchString(got.Source), got.Target != "" && !actorRe.MatchString(got.Target):
			t.Fatalf("%q: actors %q %q", raw, got.Source, got.Target)
		case got.Pair != [2]string{} && (!detente.IsCountry(got.Pair[0]) || !detente.IsCountry(got.Pair[1]) || got.Pair[0] == got.Pair[1]):
			t.Fatalf("%q: pair %v", raw, got.Pair)
		case !got.From.IsZero() && !got.To.IsZero() && got.To.Before(got.From):
			t.Fatalf("%q: range %v..%v", raw, got.From, got.To)
		case got.Quad < 0 || got.Quad > 4:
			t.Fatalf("%q: quad %d", raw, got.Quad)
		case len(got.Query) > maxQueryLen || len(got.Cursor) > maxCursorLen:
			t.Fatalf("%q: query or cursor too long", raw)
		}
	})
}
