package sqlscan

import (
	"strings"
	"testing"
	"time"
)

func TestTime(t *testing.T) {
	at := time.Date(2026, 7, 1, 12, 30, 5, 123, time.UTC)
	day := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	east := time.FixedZone("east", 3*3600)
	for _, tc := range []struct {
		name        string
		src         any
		wantInstant time.Time
		wantDay     time.Time
		instantErr  string
		dayErr      string
	}{
		{"driver time in another zone", at.In(east), at, at, "", ""},
		{"sqlite instant text", FormatTime(at), at, time.Time{}, "", `stored day "2026-07-01T12:30:05.000000123Z"`},
		{"sqlite day bytes", []byte(FormatDay(day)), time.Time{}, day, `stored time "2026-07-01"`, ""},
		{"garbage text", "yesterday", time.Time{}, time.Time{}, `stored time "yesterday"`, `stored day "yesterday"`},
		{"null", nil, time.Time{}, time.Time{}, "stored time <nil>: not a time", "stored day <nil>: not a day"},
	} {
		var tm Time
		if err := tm.Scan(tc.src); err != nil {
			t.Fatalf("%s: Scan: %v", tc.name, err)
		}
		check := func(what string, got time.Time, err error, want time.Time, wantErr string) {
			t.Helper()
			switch {
			case wantErr != "" && (err == nil || !strings.Contains(err.Error(), wantErr)):
				t.Errorf("%s: %s error = %v, want one containing %q", tc.name, what, err, wantErr)
			case wantErr == "" && err != nil:
				t.Errorf("%s: %s: %v", tc.name, what, err)
			case wantErr == "" && (!got.Equal(want) || got.Location() != time.UTC):
				t.Errorf("%s: %s = %v, want %v in UTC", tc.name, what, got, want)
			}
		}
		got, err := tm.Instant()
		check("Instant", got, err, tc.wantInstant, tc.instantErr)
		got, err = tm.Day()
		check("Day", got, err, tc.wantDay, tc.dayErr)
	}
}
