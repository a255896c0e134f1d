package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
)

func TestAllowed(t *testing.T) {
	tests := []struct {
		ip   string
		want bool
	}{
		{"93.184.216.34", true},
		{"8.8.8.8", true},
		{"2606:4700:4700::1111", true},
		{"127.0.0.1", false},
		{"127.8.9.10", false},
		{"::1", false},
		{"10.0.0.1", false},
		{"172.16.5.4", false},
		{"172.31.255.255", false},
		{"172.32.0.1", true},
		{"192.168.1.1", false},
		{"169.254.169.254", false},
		{"169.254.1.1", false},
		{"fd00:ec2::254", false},
		{"fc00::1", false},
		{"fe80::1", false},
		{"0.0.0.0", false},
		{"::", false},
		{"224.0.0.1", false},
		{"ff02::1", false},
		{"100.64.0.1", false},
		{"100.127.255.254", false},
		{"255.255.255.255", false},
		{"::ffff:10.0.0.1", false},
		{"::ffff:8.8.8.8", true},
		{"2002:0a00:0001::1", false}, // 6to4 of 10.0.0.1
		{"64:ff9b::a9fe:a9fe", false},
		{"::a00:1", false}, // IPv4-compatible 10.0.0.1
		{"2001:0:4136:e378::1", false},
		{"100::1", false},
	}
	for _, tt := range tests {
		if got := Allowed(netip.MustParseAddr(tt.ip)); got != tt.want {
			t.Errorf("Allowed(%s) = %v, want %v", tt.ip, got, tt.want)
		}
	}
}

// fakeNet is an injected resolver and dialer: names resolve from a table,
// and dials are recorded and forwarded only to loopback test servers, so no
// test ever connects outside 127.0.0.0/8.
type fakeNet struct {
	mu      sync.Mutex
	hosts   map[string][]string // name → addresses
	forward map[string]string   // "ip:port" dialled → loopback "ip:port"
	dialed  []string
}

func (f *fakeNet) LookupIPAddr(_ context.Context, host string) ([]net.IPAddr, error) {
	addrs, ok := f.hosts[host]
	if !ok {
		return nil, fmt.Errorf("no such host %s", host)
	}
	var out []net.IPAddr
	for _, a := range addrs {
		out = append(out, net.IPAddr{IP: net.ParseIP(a)})
	}
	return out, nil
}

func (f *fakeNet) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	f.mu.Lock()
	f.dialed = append(f.dialed, addr)
	to, ok := f.forward[addr]
	f.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("test dialer refuses %s", addr)
	}
	if ap := netip.MustParseAddrPort(to); !ap.Addr().IsLoopback() {
		return nil, fmt.Errorf("test dialer forwards only to loopback, not %s", to)
	}
	var d net.Dialer
	return d.DialContext(ctx, network, to)
}

func (f *fakeNet) dials() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.dialed...)
}

func TestGuardRefusesPrivateTargets(t *testing.T) {
	fn := &fakeNet{hosts: map[string][]string{
		"metadata.test": {"169.254.169.254"},
		"intranet.test": {"10.0.0.1"},
		"v6meta.test":   {"fd00:ec2::254"},
		"cgnat.test":    {"100.64.1.1"},
		"local.test":    {"127.0.0.1"},
		"mixed.test":    {"192.168.0.1", "93.184.216.34"},
		"public.test":   {"93.184.216.34"},
	}}
	c := New(Options{Resolver: fn, Dialer: fn, IgnoreRobots: true, HostInterval: -1, Attempts: 1})
	tests := []struct {
		url       string
		blocked   bool
		wantDials []string
	}{
		{"http://metadata.test/latest/meta-data/", true, nil},
		{"http://169.254.169.254/latest/meta-data/", true, nil},
		{"http://intranet.test/", true, nil},
		{"http://v6meta.test/", true, nil},
		{"http://[fd00:ec2::254]/", true, nil},
		{"http://cgnat.test/", true, nil},
		{"http://local.test:8080/", true, nil},
		{"http://[::1]/", true, nil},
		{"https://mixed.test/", true, []string{"93.184.216.34:443"}}, // private address skipped, public one tried
		{"http://public.test/", false, []string{"93.184.216.34:80"}},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			before := len(fn.dials())
			_, err := c.Get(context.Background(), tt.url, Validators{})
			if err == nil {
				t.Fatal("want an error")
			}
			if got := errors.Is(err, ErrBlocked); got != tt.blocked {
				t.Errorf("errors.Is(ErrBlocked) = %v, want %v (err %v)", got, tt.blocked, err)
			}
			if !strings.Contains(err.Error(), tt.url) {
				t.Errorf("error %q does not name %s", err, tt.url)
			}
			got := fn.dials()[before:]
			if fmt.Sprint(got) != fmt.Sprint(tt.wantDials) {
				t.Errorf("dialled %v, want %v", got, tt.wantDials)
			}
		})
	}
}

func TestRedirectToRefusedAddress(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/to-metadata":
			http.Redirect(w, r, "http://metadata.test/latest/meta-data/", http.StatusFound)
		case "/to-private-ip":
			http.Redirect(w, r, "http://10.0.0.1/admin", http.StatusMovedPermanently)
		case "/to-ftp":
			http.Redirect(w, r, "ftp://public.test/file", http.StatusFound)
		}
	}))
	defer srv.Close()
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	fn := &fakeNet{
		hosts:   map[string][]string{"news.test": {"93.184.216.34"}, "metadata.test": {"169.254.169.254"}},
		forward: map[string]string{fmt.Sprintf("93.184.216.34:%d", port): srv.Listener.Addr().String()},
	}
	c := New(Options{Resolver: fn, Dialer: fn, IgnoreRobots: true, HostInterval: -1, Attempts: 1})
	tests := []struct {
		path string
		want error
	}{
		{"/to-metadata", ErrBlocked},
		{"/to-private-ip", ErrBlocked},
		{"/to-ftp", ErrScheme},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			before := len(fn.dials())
			u := fmt.Sprintf("http://news.test:%d%s", port, tt.path)
			_, err := c.Get(context.Background(), u, Validators{})
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			for _, d := range fn.dials()[before:] {
				if !strings.HasPrefix(d, "93.184.216.34:") {
					t.Errorf("dialled refused target %s", d)
				}
			}
		})
	}
}
