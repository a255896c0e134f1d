package postgres_test

import (
	"context"
	"testing"
	"time"
)

func TestLockTensionExcludes(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	unlock, err := s.LockTension(ctx, "pair/IRN-USA")
	if err != nil {
		t.Fatalf("LockTension: %v", err)
	}
	other, err := s.LockTension(ctx, "pair/CHN-TWN")
	if err != nil {
		t.Fatalf("LockTension of another key: %v", err)
	}
	other()
	got := make(chan func(), 1)
	go func() {
		u, err := s.LockTension(ctx, "pair/IRN-USA")
		if err != nil {
			t.Errorf("second LockTension: %v", err)
			u = func() {}
		}
		got <- u
	}()
	select {
	case u := <-got:
		u()
		t.Fatal("a second holder took a held lock")
	case <-time.After(300 * time.Millisecond):
	}
	unlock()
	select {
	case u := <-got:
		u()
	case <-time.After(10 * time.Second):
		t.Fatal("the lock was not handed over after its release")
	}
}
