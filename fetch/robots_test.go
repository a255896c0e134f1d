package fetch

import (
	"testing"
	"time"
)

const robotsSample = `# sample
User-agent: *
Disallow: /private/
Disallow: /*.pdf$
Allow: /private/press/
Crawl-delay: 2

User-agent: Detente
User-agent: otherbot
Disallow: /archive
Allow: /archive/today
Disallow: /search?q=

User-agent: greedybot
Disallow: /
`

func TestRobotsAllowed(t *testing.T) {
	r := ParseRobots([]byte(robotsSample))
	tests := []struct {
		agent, path string
		want        bool
	}{
		{"someone", "/", true},
		{"someone", "/private/x", false},
		{"someone", "/private/press/release", true},
		{"someone", "/files/report.pdf", false},
		{"someone", "/files/report.pdf?x=1", true},
		{"someone", "/archive/1999", true},
		{"detente", "/archive/1999", false},
		{"DETENTE", "/archive", false},
		{"detente", "/archive/today/x", true},
		{"detente", "/private/x", true}, // its own group replaces "*"
		{"detente", "/search?q=iran", false},
		{"detente", "/search", true},
		{"greedybot", "/anything", false},
		{"greedybot", "/robots.txt", true},
		{"detente", "", true},
	}
	for _, tt := range tests {
		if got := r.Allowed(tt.agent, tt.path); got != tt.want {
			t.Errorf("Allowed(%q, %q) = %v, want %v", tt.agent, tt.path, got, tt.want)
		}
	}
	if d := r.CrawlDelay("someone"); d != 2*time.Second {
		t.Errorf("CrawlDelay(*) = %s, want 2s", d)
	}
	if d := r.CrawlDelay("detente"); d != 0 {
		t.Errorf("CrawlDelay(detente) = %s, want 0", d)
	}
}

func TestRobotsEdgeCases(t *testing.T) {
	tests := []struct {
		name, body, path string
		want             bool
	}{
		{"empty file", "", "/x", true},
		{"empty disallow allows", "User-agent: *\nDisallow:\n", "/x", true},
		{"rules before any agent ignored", "Disallow: /\n", "/x", true},
		{"no colon lines skipped", "User-agent *\nDisallow /\nUser-agent: *\nDisallow: /x\n", "/x", false},
		{"comment after rule", "User-agent: * # all\nDisallow: /x # no\n", "/x/y", false},
		{"CRLF lines", "User-agent: *\r\nDisallow: /x\r\n", "/x", false},
		{"tie goes to allow", "User-agent: *\nDisallow: /a\nAllow: /a\n", "/a", true},
		{"longest wins", "User-agent: *\nAllow: /a\nDisallow: /a/b\n", "/a/b/c", false},
		{"star in middle", "User-agent: *\nDisallow: /*/print\n", "/2026/01/print", false},
		{"anchor", "User-agent: *\nDisallow: /a$\n", "/ab", true},
		{"anchor exact", "User-agent: *\nDisallow: /a$\n", "/a", false},
		{"case-sensitive paths", "User-agent: *\nDisallow: /News\n", "/news", true},
		{"other agent only", "User-agent: googlebot\nDisallow: /\n", "/x", true},
		{"split groups merge", "User-agent: detente\nDisallow: /a\n\nUser-agent: detente\nDisallow: /b\n", "/b", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ParseRobots([]byte(tt.body)).Allowed("detente", tt.path); got != tt.want {
				t.Errorf("Allowed(%q) = %v, want %v", tt.path, got, tt.want)
			}
		})
	}
}

func TestMatchPattern(t *testing.T) {
	tests := []struct {
		pattern, path string
		want          bool
	}{
		{"/", "/anything", true},
		{"/a*c", "/abbbc", true},
		{"/a*c", "/abbb", false},
		{"/a*c$", "/abcd", false},
		{"/a*c$", "/abcc", true},
		{"*", "/x", true},
		{"/**", "/x", true},
		{"/x$", "/x", true},
		{"$", "/", false},
		{"/a*b*c", "/a-b-b-c", true},
	}
	for _, tt := range tests {
		if got := matchPattern(tt.pattern, tt.path); got != tt.want {
			t.Errorf("matchPattern(%q, %q) = %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
}

func FuzzParseRobots(f *testing.F) {
	f.Add([]byte(robotsSample), "/private/x")
	f.Add([]byte("User-agent: *\nDisallow: /*a*a*a*a*a*a*a*a*b$\n"), "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
	f.Add([]byte("User-agent:\x00\nAllow:\xff\xfe\nCrawl-delay: 1e308\n"), "/")
	f.Add([]byte("\n\n:::\nuser-AGENT: detente\ndisallow: /\n"), "")
	f.Fuzz(func(t *testing.T, body []byte, path string) {
		r := ParseRobots(body)
		allowed := r.Allowed("detente", path)
		if path == "/robots.txt" && !allowed {
			t.Error("robots.txt itself disallowed")
		}
		if d := r.CrawlDelay("detente"); d < 0 || d > 24*time.Hour {
			t.Errorf("crawl delay %s out of range", d)
		}
		if len(body) == 0 && !allowed {
			t.Error("empty robots.txt disallows")
		}
	})
}
