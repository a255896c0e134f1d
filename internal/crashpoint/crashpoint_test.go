package crashpoint

import (
	"os"
	"os/exec"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		in   string
		name string
		at   int64
	}{
		{"", "", 1},
		{"stored", "stored", 1},
		{"stored@3", "stored", 3},
		{" tension-pair@12 ", "tension-pair", 12},
		{"stored@0", "", 1},
		{"stored@x", "", 1},
		{"stored@-2", "", 1},
	} {
		if name, at := parse(tt.in); name != tt.name || at != tt.at {
			t.Errorf("parse(%q) = %q, %d; want %q, %d", tt.in, name, at, tt.name, tt.at)
		}
	}
}

// TestHitKills runs this test binary again with a point armed at its third
// hit: the child must die by SIGKILL there, not before and not return.
func TestHitKills(t *testing.T) {
	if os.Getenv("CRASHPOINT_CHILD") != "" {
		for i := 1; i <= 5; i++ {
			Hit("other")
			Hit("stored")
			os.Stdout.WriteString("hit " + string(rune('0'+i)) + "\n")
		}
		os.Exit(0)
	}
	cmd := exec.Command(os.Args[0], "-test.run", "^TestHitKills$")
	cmd.Env = append(os.Environ(), "CRASHPOINT_CHILD=1", Env+"=stored@3")
	out, err := cmd.Output()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != -1 {
		t.Fatalf("child ended with %v, want killed by a signal; output %q", err, out)
	}
	if string(out) != "hit 1\nhit 2\n" {
		t.Errorf("child printed %q before dying, want the two hits before the third", out)
	}
}
