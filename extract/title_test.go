package extract

import "testing"

func TestCleanTitle(t *testing.T) {
	tests := []struct {
		title, site, host, want string
	}{
		{"Spiced Honey Pear Jam Recipe | The Anti-June Cleaver", "The Anti-June Cleaver", "antijunecleaver.com", "Spiced Honey Pear Jam Recipe"},
		{"MacBook sale at Amazon from $700, AirPods, more - 9to5Mac", "9To5mac", "9to5mac.com", "MacBook sale at Amazon from $700, AirPods, more"},
		{"Talks resume – harbourtimes", "", "harbourtimes.example", "Talks resume"},
		{"Iran - U.S. talks resume", "The Harbour Times", "harbourtimes.example", "Iran - U.S. talks resume"},
		{"Oman hosts talks", "Oman hosts talks", "example.com", "Oman hosts talks"},
	}
	for _, tt := range tests {
		if got := cleanTitle(tt.title, tt.site, tt.host); got != tt.want {
			t.Errorf("cleanTitle(%q, %q, %q) = %q, want %q", tt.title, tt.site, tt.host, got, tt.want)
		}
	}
	if got := siteName("https://www.facebook.com/CBSDetroit", "detroit.cbslocal.com"); got != "detroit.cbslocal.com" {
		t.Errorf("siteName of a URL = %q", got)
	}
}

func TestResolve(t *testing.T) {
	tests := []struct{ base, ref, want string }{
		{"https://news.example/a/b?x=1", "/world/story", "https://news.example/world/story"},
		{"https://news.example/a", "https://other.example/syndicated/story", "https://other.example/syndicated/story"},
		{"https://news.example/a", "https://news.example/", ""},
		{"https://news.example/a", "https://news.example", ""},
		{"https://news.example/a", "https://news.example/?p=4411", "https://news.example/?p=4411"},
		{"testdata/page.html", "/relative/only", ""},
		{"https://news.example/a", "javascript:alert(1)", ""},
		{"https://news.example/a", "", ""},
	}
	for _, tt := range tests {
		if got := resolve(tt.base, tt.ref); got != tt.want {
			t.Errorf("resolve(%q, %q) = %q, want %q", tt.base, tt.ref, got, tt.want)
		}
	}
}
