package detente

import (
	"strings"
	"testing"
	"time"
)

func TestEventFilterValidate(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	for _, tc := range []struct {
		name string
		f    EventFilter
		want string // "" for valid
	}{
		{"empty", EventFilter{}, ""},
		{"full", EventFilter{Source: "USA", Target: "IRN", Agent: "MIL", Code: "0841", Root: "08", Quad: 2,
			From: day("2026-01-01"), To: day("2026-02-01")}, ""},
		{"lower-case source", EventFilter{Source: "usa"}, "source"},
		{"half pair", EventFilter{Pair: [2]string{"USA", ""}}, "pair needs two"},
		{"code letters", EventFilter{Code: "04a"}, "CAMEO code"},
		{"root too long", EventFilter{Root: "041"}, "CAMEO root"},
		{"quad 5", EventFilter{Quad: 5}, "quad class"},
		{"reversed range", EventFilter{From: day("2026-02-01"), To: day("2026-01-01")}, "ends (2026-01-01) before"},
		{"NUL article", EventFilter{ArticleID: "a\x00"}, "not valid text"},
	} {
		err := tc.f.Validate()
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want) || ErrorCode(err) != EINVALID):
			t.Errorf("%s: err %v, want EINVALID with %q", tc.name, err, tc.want)
		}
	}
}

func TestPageSize(t *testing.T) {
	for _, tc := range []struct{ in, want int }{{0, DefaultPageSize}, {10, 10}, {MaxPageSize + 1, MaxPageSize}} {
		if got, err := PageSize(tc.in); err != nil || got != tc.want {
			t.Errorf("PageSize(%d) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	if _, err := PageSize(-1); ErrorCode(err) != EINVALID {
		t.Errorf("PageSize(-1) err %v", err)
	}
}
