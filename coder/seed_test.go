package coder

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
	"github.com/detente-project/detente/text"
)

// sharedDir returns ../shared relative to the repository root, skipping
// the test when it is absent.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared absent: the seed page and gold set are measured only where the shared folder exists")
	}
	return dir
}

func TestSeedPage(t *testing.T) {
	dir := sharedDir(t)
	b, err := os.ReadFile(filepath.Join(dir, "seeds", "000_885830997d04db54.txt"))
	if err != nil {
		t.Fatal(err)
	}
	c := testCoder(t)
	a := &detente.Article{ID: "seed", Body: string(b), Published: time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC)}
	sents := text.Sentences(a.ID, a.Body)
	evs := c.Code(a, sents)
	has := func(src, tgt string, codes ...string) bool {
		for _, e := range evs {
			if e.Counted() && e.Source.Country == src && e.Target.Country == tgt && (len(codes) == 0 || contains(codes, e.Code)) {
				return true
			}
		}
		return false
	}
	if !has("USA", "IRN", "046") || !has("IRN", "USA", "046") {
		t.Errorf("want USA↔IRN 046 both ways; got %s", render(evs))
	}
	if !has("OMN", "USA", "043", "045") && !has("OMN", "IRN", "043", "045") {
		t.Errorf("want Oman hosting (043/045); got %s", render(evs))
	}
	for _, e := range evs {
		s := sents[e.SentenceIndex].Text
		for _, w := range []string{"Analysts", "observers", "markets"} {
			if strings.Contains(s, w) {
				t.Errorf("event %s %s>%s from commentary: %q", e.Code, e.Source.Code, e.Target.Code, s)
			}
		}
		if e.ArticleID != "seed" || e.DictVersion == "" || e.CoderVersion != detente.Version || e.ID == "" || e.NumSources != 1 {
			t.Errorf("event fields not filled: %+v", e)
		}
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestSeedPageMediators(t *testing.T) {
	dir := sharedDir(t)
	b, err := os.ReadFile(filepath.Join(dir, "seeds", "000_885830997d04db54.txt"))
	if err != nil {
		t.Fatal(err)
	}
	c := testCoder(t)
	a := &detente.Article{ID: "seed", Body: string(b), Published: time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC)}
	sents := text.Sentences(a.ID, a.Body)
	evs := c.Code(a, sents)
	mediated, located := false, false
	for _, e := range evs {
		if e.Code == "046" && e.Source.Country == "USA" && e.Target.Country == "IRN" {
			for _, m := range e.Mediators {
				mediated = mediated || m.Country == "OMN"
			}
			located = located || e.Location.Country == "OMN"
		}
	}
	if !mediated || !located {
		t.Errorf("want USA→IRN talks located in and mediated by Oman (mediated %v, located %v)", mediated, located)
	}
}
