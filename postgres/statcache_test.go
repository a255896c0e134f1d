package postgres

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

// TestStatCache checks that a statCache reads a key again only once
// statsTTL has passed since it was read, or after its clock went back,
// keeps no error, holds no more than keptStats keys, and that a nil one
// reads every time.
func TestStatCache(t *testing.T) {
	now := time.Date(2030, time.January, 1, 0, 0, 0, 0, time.UTC)
	c := newStatCache[int](func() time.Time { return now })
	reads := map[string]int{}
	get := func(key string) int {
		t.Helper()
		v, err := c.get(key, func() (int, error) {
			reads[key]++
			return reads[key], nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if got := get("a"); got != 1 {
		t.Fatalf("first read of a = %d, want 1", got)
	}
	now = now.Add(statsTTL - time.Second)
	if got := get("a"); got != 1 || reads["a"] != 1 {
		t.Errorf("within %v: a = %d after %d reads, want the first read kept", statsTTL, got, reads["a"])
	}
	if got := get("b"); got != 1 {
		t.Errorf("b = %d, want its own first read", got)
	}
	now = now.Add(time.Second)
	if got := get("a"); got != 2 {
		t.Errorf("%v after the first read: a = %d, want it read again", statsTTL, got)
	}
	now = now.Add(-time.Hour)
	if got := get("a"); got != 3 {
		t.Errorf("the clock gone back: a = %d, want it read again", got)
	}

	failed := errors.New("no plan")
	if _, err := c.get("c", func() (int, error) { return 0, failed }); !errors.Is(err, failed) {
		t.Fatalf("error = %v, want %v", err, failed)
	}
	if got := get("c"); got != 1 {
		t.Errorf("c after a failed read = %d, want read again", got)
	}

	for i := range 2 * keptStats {
		get(fmt.Sprint("key", i))
	}
	if n := len(c.by); n > keptStats {
		t.Errorf("%d keys kept, want at most %d", n, keptStats)
	}

	var none *statCache[int]
	for want := 1; want <= 2; want++ {
		if got, err := none.get("a", func() (int, error) { return want, nil }); err != nil || got != want {
			t.Errorf("nil cache, read %d: %d, %v", want, got, err)
		}
	}
}
