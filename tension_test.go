package detente

import (
	"encoding/json"
	"testing"
	"time"
)

func TestParsePair(t *testing.T) {
	tests := []struct {
		in   string
		want Pair
		code string
	}{
		{"IRN-USA", Pair{A: "IRN", B: "USA"}, ""},
		{"usa-irn", Pair{A: "IRN", B: "USA"}, ""},
		{"USA>IRN", Pair{A: "USA", B: "IRN", Directed: true}, ""},
		{" irn > usa ", Pair{A: "IRN", B: "USA", Directed: true}, ""},
		{"XKX-SRB", Pair{A: "SRB", B: "XKX"}, ""},
		{"IRN-IRN", Pair{}, EINVALID},
		{"IRN-XYZ", Pair{}, EINVALID},
		{"IGOUNO-IRN", Pair{}, EINVALID},
		{"IRNUSA", Pair{}, EINVALID},
		{"", Pair{}, EINVALID},
		{"IRN-USA-CHN", Pair{}, EINVALID},
	}
	for _, tt := range tests {
		got, err := ParsePair(tt.in)
		if ErrorCode(err) != tt.code || got != tt.want {
			t.Errorf("ParsePair(%q) = %+v, %v; want %+v, code %q", tt.in, got, err, tt.want, tt.code)
		}
		if err == nil && got.Key() != map[bool]string{false: got.A + "-" + got.B, true: got.A + ">" + got.B}[got.Directed] {
			t.Errorf("Key of %+v = %q", got, got.Key())
		}
	}
}

func TestPairJSON(t *testing.T) {
	in := struct {
		P Pair `json:"p"`
		Q Pair `json:"q"`
		Z Pair `json:"z"`
	}{NewPair("USA", "IRN", false), NewPair("USA", "IRN", true), Pair{}}
	b, err := json.Marshal(in)
	if err != nil || string(b) != `{"p":"IRN-USA","q":"USA\u003eIRN","z":""}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var out struct {
		P, Q, Z Pair
	}
	if err := json.Unmarshal(b, &out); err != nil || out.P != in.P || out.Q != in.Q || !out.Z.IsZero() {
		t.Errorf("Unmarshal = %+v, %v", out, err)
	}
	if err := json.Unmarshal([]byte(`{"p":"USA-USA"}`), &out); ErrorCode(err) != EINVALID {
		t.Errorf("Unmarshal of a bad pair: %v", err)
	}
}

func TestSeriesFilterValidate(t *testing.T) {
	d := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	p := NewPair("USA", "IRN", false)
	tests := []struct {
		name string
		f    SeriesFilter
		ok   bool
	}{
		{"one day", SeriesFilter{Pair: p, From: d, To: d}, true},
		{"a year by week", SeriesFilter{Pair: p, From: d, To: d.AddDate(1, 0, 0), Interval: Week}, true},
		{"ten years", SeriesFilter{Pair: p, From: d, To: d.AddDate(0, 0, MaxSeriesDays)}, true},
		{"too long", SeriesFilter{Pair: p, From: d, To: d.AddDate(0, 0, MaxSeriesDays+1)}, false},
		{"reversed", SeriesFilter{Pair: p, From: d, To: d.AddDate(0, 0, -1)}, false},
		{"no range", SeriesFilter{Pair: p}, false},
		{"no from", SeriesFilter{Pair: p, To: d}, false},
		{"bad interval", SeriesFilter{Pair: p, From: d, To: d, Interval: "month"}, false},
		{"unsorted pair", SeriesFilter{Pair: Pair{A: "USA", B: "IRN"}, From: d, To: d}, false},
		{"zero pair", SeriesFilter{From: d, To: d}, false},
	}
	for _, tt := range tests {
		err := tt.f.Validate()
		if (err == nil) != tt.ok || (err != nil && ErrorCode(err) != EINVALID) {
			t.Errorf("%s: Validate = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
	if err := (CountryFilter{Country: "IGOUNO", From: d, To: d}).Validate(); ErrorCode(err) != EINVALID {
		t.Errorf("country filter of an IGO: %v", err)
	}
}

func TestAlertID(t *testing.T) {
	p := NewPair("USA", "IRN", false)
	d := time.Date(2026, 8, 6, 0, 0, 0, 0, time.UTC)
	a, b := AlertID(p, Escalation, d), AlertID(p, Escalation, d.Add(13*time.Hour))
	if a != b || len(a) != 32 {
		t.Errorf("same day gives %q and %q", a, b)
	}
	for _, other := range []string{AlertID(p, Deescalation, d), AlertID(p, Escalation, d.AddDate(0, 0, 1)),
		AlertID(NewPair("USA", "IRN", true), Escalation, d)} {
		if other == a {
			t.Errorf("different alerts share ID %q", a)
		}
	}
}

func FuzzParsePair(f *testing.F) {
	for _, s := range []string{"IRN-USA", "USA>IRN", "usa-irn", "-", ">", "IRN->USA", "\xff-USA", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePair(s)
		if err != nil {
			if ErrorCode(err) != EINVALID {
				t.Fatalf("ParsePair(%q): error %v is not EINVALID", s, err)
			}
			return
		}
		if p.Validate() != nil {
			t.Fatalf("ParsePair(%q) = %+v, which does not validate", s, p)
		}
		if q, err := ParsePair(p.Key()); err != nil || q != p {
			t.Fatalf("round trip of %q: %+v, %v", p.Key(), q, err)
		}
	})
}
