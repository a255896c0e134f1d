package extract

import (
	"context"
	"strings"
	"testing"

	"github.com/detente-project/detente/demo"
)

// TestDemoOutlets extracts the demo corpus, whose five outlets use five
// templates: each article is named by its outlet, and its body starts with
// the story, not with the template's section label, headline or credits,
// which would be coded as sentences.
func TestDemoOutlets(t *testing.T) {
	pages, err := demo.Pages()
	if err != nil {
		t.Fatal(err)
	}
	outlets := map[string]bool{"Atlas Daily": true, "Gulf Ledger": true, "Northwind Wire": true, "The Harbor Courier": true, "The Meridian Post": true}
	x := New()
	for _, p := range pages {
		a, err := x.Extract(context.Background(), p)
		if err != nil {
			t.Fatalf("%s: %v", p.URL, err)
		}
		if !outlets[a.Site] {
			t.Errorf("%s: site %q, want the outlet's name", p.URL, a.Site)
		}
		first, _, _ := strings.Cut(a.Body, "\n")
		if fold(first) == fold(a.Title) || strings.Contains(first, " by ") && a.Byline != "" && strings.Contains(first, a.Byline) {
			t.Errorf("%s: body starts with the headline or credits: %q", p.URL, first)
		}
		if strings.Count(fold(a.Body), fold(a.Title)) > 0 && len(fold(a.Title)) > 20 {
			t.Errorf("%s: the headline %q is in the body", p.URL, a.Title)
		}
	}
}
