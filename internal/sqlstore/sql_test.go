package sqlstore

import "testing"

func TestRebind(t *testing.T) {
	for _, tc := range []struct {
		in       string
		numbered bool
		want     string
	}{
		{"SELECT a FROM t WHERE b = ? AND c IN (?, ?)", true, "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)"},
		{"SELECT a FROM t WHERE b = ?", false, "SELECT a FROM t WHERE b = ?"},
		{"SELECT '?', \"a?\" FROM t WHERE b = ?", true, "SELECT '?', \"a?\" FROM t WHERE b = $1"},
		{"SELECT 'it''s ?' WHERE b = ?", true, "SELECT 'it''s ?' WHERE b = $1"},
		{"SELECT 1", true, "SELECT 1"},
	} {
		if got := rebind(tc.in, tc.numbered); got != tc.want {
			t.Errorf("rebind(%q, %v) = %q, want %q", tc.in, tc.numbered, got, tc.want)
		}
	}
}

func TestUpsert(t *testing.T) {
	got := upsert("t", "a, b,\n\tc", "a,b", 1)
	want := "INSERT INTO t (a, b,\n\tc) VALUES (?,?,?)\n\t\tON CONFLICT (a,b) DO UPDATE SET c = excluded.c"
	if got != want {
		t.Errorf("upsert = %q, want %q", got, want)
	}
	got = upsert("t", "a,b", "a", 2)
	want = "INSERT INTO t (a,b) VALUES (?,?),(?,?)\n\t\tON CONFLICT (a) DO UPDATE SET b = excluded.b"
	if got != want {
		t.Errorf("upsert of two rows = %q, want %q", got, want)
	}
}
