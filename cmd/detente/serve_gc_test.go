package main

import (
	"os"
	"runtime/debug"
	"testing"
)

// A server collects at serverGCPercent unless GOGC says otherwise.
func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	gcPercent := func() int {
		p := debug.SetGCPercent(100)
		debug.SetGCPercent(p)
		return p
	}
	t.Setenv("GOGC", "150") // restored after the test
	os.Unsetenv("GOGC")
	tuneGC()
	if got := gcPercent(); got != serverGCPercent {
		t.Errorf("without GOGC the target is %d, want %d", got, serverGCPercent)
	}
	debug.SetGCPercent(150)
	t.Setenv("GOGC", "150")
	tuneGC()
	if got := gcPercent(); got != 150 {
		t.Errorf("with GOGC=150 the target is %d, want it left at 150", got)
	}
}
