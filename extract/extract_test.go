package extract

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/detente-project/detente"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fetched is the fetch time every fixture is read at.
var fetched = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// boilerplate is furniture that no fixture's body may contain.
var boilerplate = []string{
	"Share this", "Click to share", "Opens in new window", "Like this", "Loading...",
	"About The Author", "Leave a Reply", "Your email address", "Required fields",
	"Cancel reply", "Post Comment", "Posted in", "We use cookies", "cookie policy",
	"newsletter", "Related articles", "Tanker seized", "Great reporting", "Talks never lead",
	"Proudly powered", "All rights reserved", "Accueil", "Portada", "Front page",
	"border-talks-resume", "ceasefire-holds-north", "WhatsApp",
}

func TestExtractFixtures(t *testing.T) {
	tests := []struct {
		file       string
		url        string
		text       bool
		title      string
		byline     string
		site       string
		canonical  string
		published  time.Time
		source     detente.DateSource
		lang       string
		paragraphs int
		present    []string // each must be in the body
	}{
		{
			file: "wordpress.html", url: "https://caucasuswatch.example/?p=4411",
			title: "Border Talks Resume Between Armenia and Azerbaijan", byline: "Lena Petrosyan",
			site: "Caucasus Watch", canonical: "https://caucasuswatch.example/2025/02/11/border-talks-resume/",
			published: time.Date(2025, 2, 11, 4, 30, 0, 0, time.UTC), source: detente.DateFromMetadata, lang: "en",
			paragraphs: 4,
			present:    []string{"Delegations from Armenia and Azerbaijan met in Tbilisi", "settle outstanding questions through negotiation."},
		},
		{
			file: "news.html", url: "https://harbourtimes.example/world/gulf-shipping-talks?utm_source=feed",
			title: "Oman hosts new round of Gulf shipping talks", byline: "Samir Haddad",
			site: "The Harbour Times", canonical: "https://harbourtimes.example/world/gulf-shipping-talks",
			published: time.Date(2025, 6, 3, 14, 5, 0, 0, time.UTC), source: detente.DateFromMetadata, lang: "en",
			paragraphs: 5,
			present:    []string{"Officials from Iran, Saudi Arabia and the United Arab Emirates", "Further meetings are planned for July"},
		},
		{
			file: "amp.html", url: "https://sahel-info.example/amp/afrique/mali-niger-accord-securite",
			title: "Le Mali et le Niger signent un accord de sécurité", byline: "Awa Traoré",
			site: "sahel-info.example", canonical: "https://sahel-info.example/afrique/mali-niger-accord-securite",
			published: time.Date(2024, 11, 20, 8, 15, 0, 0, time.UTC), source: detente.DateFromMetadata, lang: "fr",
			paragraphs: 3,
			present:    []string{"Les ministres de la défense du Mali et du Niger", "dans les prochaines semaines."},
		},
		{
			file: "jsonld.html", url: "https://diarioandino.example/politica/paso-fronterizo",
			title: "Colombia y Venezuela reabren un paso fronterizo", byline: "Camila Ríos",
			site:      "Diario Andino",
			published: time.Date(2023, 9, 14, 21, 40, 0, 0, time.UTC), source: detente.DateFromMetadata, lang: "es",
			paragraphs: 3,
			present:    []string{"Los gobiernos de Colombia y Venezuela", "intercambio diario."},
		},
		{
			file: "urldate.html", url: "https://asiadesk.example/2024/10/18/japan-korea-defence-dialogue/",
			title:     "Japan and South Korea agree to restart defence dialogue",
			site:      "asiadesk.example",
			published: time.Date(2024, 10, 18, 0, 0, 0, 0, time.UTC), source: detente.DateFromURL, lang: "en",
			paragraphs: 3,
			present:    []string{"Japan and South Korea agreed on Friday", "senior officers from both armed forces."},
		},
		{
			file: "cp1252.html", url: "https://europe.example/lyon-cafes",
			title:     "Café owners in Lyon protest new rules",
			site:      "europe.example",
			published: time.Date(2022, 5, 4, 0, 0, 0, 0, time.UTC), source: detente.DateFromMetadata, lang: "en",
			paragraphs: 3,
			present:    []string{"Café owners in Lyon marched", "summer trade – a claim", "“We were never consulted,”", "mayor’s office"},
		},
		{
			file: "nodate.txt", url: "testdata/nodate.txt", text: true,
			title:     "Ceasefire holds in the north for a second week",
			published: fetched, source: detente.DateFromFetch, lang: "en",
			paragraphs: 3,
			present:    []string{"A ceasefire between the army and rebel groups", "discuss a permanent settlement."},
		},
	}
	x := New()
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			a, err := x.Extract(context.Background(), detente.Page{URL: tt.url, Body: body, IsText: tt.text, Fetched: fetched})
			if err != nil {
				t.Fatal(err)
			}
			check := func(field, got, want string) {
				t.Helper()
				if got != want {
					t.Errorf("%s = %q, want %q", field, got, want)
				}
			}
			check("Title", a.Title, tt.title)
			check("Byline", a.Byline, tt.byline)
			check("Site", a.Site, tt.site)
			check("CanonicalURL", a.CanonicalURL, tt.canonical)
			check("Lang", a.Lang, tt.lang)
			check("DateSource", string(a.DateSource), string(tt.source))
			if !a.Published.Equal(tt.published) {
				t.Errorf("Published = %v, want %v", a.Published, tt.published)
			}
			if n := len(strings.Split(a.Body, "\n\n")); n != tt.paragraphs {
				t.Errorf("body has %d paragraphs, want %d:\n%s", n, tt.paragraphs, a.Body)
			}
			for _, s := range tt.present {
				if !strings.Contains(a.Body, s) {
					t.Errorf("body lacks %q:\n%s", s, a.Body)
				}
			}
			for _, s := range boilerplate {
				if strings.Contains(strings.ToLower(a.Body), strings.ToLower(s)) {
					t.Errorf("body keeps boilerplate %q:\n%s", s, a.Body)
				}
			}
			if strings.HasPrefix(a.Body, tt.title) {
				t.Errorf("body starts with the title:\n%s", a.Body)
			}
			checkInvariants(t, a, tt.url)
			golden(t, strings.TrimSuffix(tt.file, filepath.Ext(tt.file))+".golden.json", a)
		})
	}
}

// checkInvariants asserts what holds for every extracted article.
func checkInvariants(t *testing.T, a detente.Article, url string) {
	t.Helper()
	if a.URL != url {
		t.Errorf("URL = %q, want %q", a.URL, url)
	}
	if a.ContentHash != detente.ContentHash(a.Body) {
		t.Errorf("ContentHash does not match the body")
	}
	if a.ID == "" || a.Fetched.IsZero() || a.Published.IsZero() || a.DateSource == "" {
		t.Errorf("missing ID, Fetched, Published or DateSource: %+v", a)
	}
	if a.Published.Location() != time.UTC || a.Fetched.Location() != time.UTC {
		t.Errorf("times not in UTC: %v, %v", a.Published, a.Fetched)
	}
	if strings.Contains(a.Body, "\n\n\n") || strings.TrimSpace(a.Body) != a.Body {
		t.Errorf("body paragraphs not cleanly joined: %q", a.Body)
	}
}

// golden compares a with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, a detente.Article) {
	t.Helper()
	got, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("article differs from %s (go test -update rewrites it):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}
