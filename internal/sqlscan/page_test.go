package sqlscan

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/detente-project/detente"
)

func TestCursor(t *testing.T) {
	for _, tc := range []struct {
		name, at, id, layout string
		ok                   bool
	}{
		{"day", "2026-07-01", "ev-1", DayLayout, true},
		{"instant", "2026-07-01T12:30:05.000000123Z", "a1", TimeLayout, true},
		{"not the layout", "July 1", "a1", DayLayout, false},
		{"empty id", "2026-07-01", "", DayLayout, false},
	} {
		c, err := DecodeCursor(EncodeCursor(tc.at, tc.id), tc.layout)
		if !tc.ok {
			var de *detente.Error
			if !errors.As(err, &de) || de.Code != detente.EINVALID {
				t.Errorf("%s: error = %v, want EINVALID", tc.name, err)
			}
			continue
		}
		want, _ := time.Parse(tc.layout, tc.at)
		if err != nil || c.At != tc.at || c.ID != tc.id || !c.Time.Equal(want) {
			t.Errorf("%s: DecodeCursor = %+v, %v; want %s %s", tc.name, c, err, tc.at, tc.id)
		}
	}
	if _, err := DecodeCursor("%%%", DayLayout); err == nil {
		t.Error("DecodeCursor accepted a cursor that is not base64")
	}
}

func TestPage(t *testing.T) {
	key := func(v string) (string, string) { return "2026-07-01", v }
	for _, tc := range []struct {
		rows     []string
		n        int
		want     []string
		wantNext string
	}{
		{[]string{"a", "b", "c"}, 2, []string{"a", "b"}, EncodeCursor("2026-07-01", "b")},
		{[]string{"a", "b"}, 2, []string{"a", "b"}, ""},
		{nil, 2, nil, ""},
	} {
		got, next := Page(tc.rows, tc.n, key)
		if !slices.Equal(got, tc.want) || next != tc.wantNext {
			t.Errorf("Page(%v, %d) = %v, %q; want %v, %q", tc.rows, tc.n, got, next, tc.want, tc.wantNext)
		}
	}
}

func TestLimit(t *testing.T) {
	for _, tc := range []struct{ n, want int }{{0, 50}, {10, 10}, {900, 500}} {
		if got, err := Limit(tc.n, 50, 500); err != nil || got != tc.want {
			t.Errorf("Limit(%d) = %d, %v; want %d", tc.n, got, err, tc.want)
		}
	}
	if _, err := Limit(-1, 50, 500); err == nil {
		t.Error("Limit(-1) did not fail")
	}
}

func TestFingerprint(t *testing.T) {
	for _, fp := range [][]uint64{nil, {1}, {0, 1 << 63, 42}} {
		got, err := DecodeFingerprint(EncodeFingerprint(fp))
		if err != nil || !slices.Equal(got, fp) {
			t.Errorf("round trip of %v = %v, %v", fp, got, err)
		}
	}
	if _, err := DecodeFingerprint(make([]byte, 7)); err == nil {
		t.Error("DecodeFingerprint accepted 7 bytes")
	}
}
