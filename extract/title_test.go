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
	for _, tt := range []struct{ name, pageTitle, headline, host, want string }{
		{"https://www.facebook.com/CBSDetroit", "", "Talks", "detroit.cbslocal.com", "detroit.cbslocal.com"},
		{"The Meridian Post", "Talks resume | The Meridian Post", "Talks resume", "news.example", "The Meridian Post"},
		// No site name but the <title>'s suffix; a headline given as the
		// site name is not one.
		{"", "Talks resume - Northwind Wire", "Talks resume", "news.example", "Northwind Wire"},
		{"news.example", "Talks resume - Northwind Wire", "Talks resume", "news.example", "Northwind Wire"},
		{"U.S. and Iran Agree to Talks", "U.S. and Iran Agree to Talks - Northwind Wire", "U.S. and Iran Agree to Talks", "news.example", "Northwind Wire"},
		// A suffix that is not after the headline, or too long, is no name.
		{"", "Iran - U.S. talks resume", "Iran - U.S. talks resume", "news.example", "news.example"},
		{"", "Talks resume - as the envoys arrive in the capital today", "Talks resume", "news.example", "news.example"},
	} {
		if got := siteName(tt.name, tt.pageTitle, tt.headline, tt.host); got != tt.want {
			t.Errorf("siteName(%q, %q, %q, %q) = %q, want %q", tt.name, tt.pageTitle, tt.headline, tt.host, got, tt.want)
		}
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
