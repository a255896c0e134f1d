package alert

import (
	"net/http"
	"time"

	"github.com/detente-project/detente/fetch"
)

// NewClient returns the HTTP client of webhook deliveries: it follows no
// redirect (a 3xx is a failed delivery, so a subscription cannot be
// bounced to another host) and dials only through g, the fetcher's
// address guard, which refuses loopback, private, link-local, reserved
// and embedded-IPv4 forms of them (unless g.AllowPrivate) on the address
// actually dialled, so that DNS cannot smuggle them in.
func NewClient(g *fetch.Guard) *http.Client {
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would dial on our behalf, past the guard
		DialContext:           g.DialContext,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 30 * time.Second,
	}
	return &http.Client{
		Transport:     tr,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
