package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"syscall"
	"time"
)

// Resolver looks up the addresses of a host. *net.Resolver implements it;
// tests inject their own to map names to any address without DNS.
type Resolver interface {
	LookupIPAddr(ctx context.Context, host string) ([]net.IPAddr, error)
}

// Dialer opens network connections. *net.Dialer implements it.
type Dialer interface {
	DialContext(ctx context.Context, network, address string) (net.Conn, error)
}

// ErrBlocked is returned (wrapped) when a URL resolves only to addresses
// that fetch refuses: loopback, private, link-local and the like.
var ErrBlocked = errors.New("address not allowed")

// blockedPrefixes are the ranges that a URL from outside must never reach,
// beyond those that netip classifies itself (loopback, private, link-local,
// multicast, unspecified).
var blockedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // CGNAT, shared address space
	netip.MustParsePrefix("169.254.0.0/16"),  // link-local, cloud metadata 169.254.169.254
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // TEST-NET-1
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // TEST-NET-2
	netip.MustParsePrefix("203.0.113.0/24"),  // TEST-NET-3
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, broadcast
	netip.MustParsePrefix("fc00::/7"),        // unique local, fd00:ec2::254 metadata
	netip.MustParsePrefix("fe80::/10"),       // link-local
	netip.MustParsePrefix("64:ff9b::/96"),    // NAT64: may embed any IPv4 address
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("::/96"),           // IPv4-compatible (deprecated)
	netip.MustParsePrefix("100::/64"),        // discard-only
	netip.MustParsePrefix("2001::/32"),       // Teredo: embeds an IPv4 address
	netip.MustParsePrefix("2001:10::/28"),    // ORCHID
}

// Allowed reports whether ip is a public unicast address that fetch may
// connect to when private addresses are not allowed.
func Allowed(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() ||
		ip.IsMulticast() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() {
		return false
	}
	for _, p := range blockedPrefixes {
		if p.Contains(ip) {
			return false
		}
	}
	// 6to4 addresses embed an IPv4 address; judge that one.
	if ip.Is6() {
		b := ip.As16()
		if b[0] == 0x20 && b[1] == 0x02 {
			return Allowed(netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}))
		}
	}
	return true
}

// Guard is the one address guard of every outbound connection (feeds,
// pages, webhooks): it resolves a host with an injectable resolver,
// refuses addresses that are not Allowed (unless AllowPrivate) and dials
// the address it checked, so that DNS cannot smuggle one in.
type Guard struct {
	Resolver     Resolver // net.DefaultResolver when nil
	Dialer       Dialer   // a net.Dialer with a socket-level check when nil
	AllowPrivate bool
}

// NewGuard returns a Guard with the defaults filled in.
func NewGuard(r Resolver, d Dialer, allowPrivate bool) *Guard {
	if r == nil {
		r = net.DefaultResolver
	}
	if d == nil {
		nd := &net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}
		if !allowPrivate {
			nd.Control = controlCheck
		}
		d = nd
	}
	return &Guard{Resolver: r, Dialer: d, AllowPrivate: allowPrivate}
}

// CheckHost refuses, without any lookup, a URL host (as url.URL.Hostname
// gives it) that can only reach what the guard refuses: an address
// literal that is not Allowed, a localhost name, or a numeric form that
// some resolvers read as an IPv4 address ("2130706433", "0x7f.1",
// "127.1"). Other names are checked when dialled. The error wraps
// ErrBlocked.
func (g *Guard) CheckHost(host string) error {
	if g.AllowPrivate {
		return nil
	}
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if ip, err := netip.ParseAddr(h); err == nil {
		if !Allowed(ip) {
			return fmt.Errorf("%s: %w", host, ErrBlocked)
		}
		return nil
	}
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return fmt.Errorf("%s: %w", host, ErrBlocked)
	}
	if numericHost(h) {
		return fmt.Errorf("%s is a numeric host that is not a dotted IPv4 address: %w", host, ErrBlocked)
	}
	return nil
}

// numericHost reports whether every label of h is a decimal, octal or 0x
// hexadecimal number, as in the IPv4 forms inet_aton accepts.
func numericHost(h string) bool {
	for _, label := range strings.Split(h, ".") {
		digits, base := label, "0123456789"
		if rest, ok := strings.CutPrefix(label, "0x"); ok {
			digits, base = rest, "0123456789abcdef"
		}
		if label == "" || strings.Trim(digits, base) != "" {
			return false
		}
	}
	return true
}

// DialContext resolves addr's host, refuses what is not allowed and dials
// a checked address: the transport's dial function.
func (g *Guard) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", addr, err)
	}
	var ips []netip.Addr
	if ip, err := netip.ParseAddr(host); err == nil {
		ips = []netip.Addr{ip}
	} else {
		found, err := g.Resolver.LookupIPAddr(ctx, host)
		if err != nil {
			return nil, fmt.Errorf("resolve %s: %w", host, err)
		}
		for _, a := range found {
			if ip, ok := netip.AddrFromSlice(a.IP); ok {
				ips = append(ips, ip.Unmap())
			}
		}
	}
	if len(ips) == 0 {
		return nil, fmt.Errorf("resolve %s: no addresses", host)
	}
	var errs []error
	for _, ip := range ips {
		if !g.AllowPrivate && !Allowed(ip) {
			errs = append(errs, fmt.Errorf("%s (%s): %w", host, ip, ErrBlocked))
			continue
		}
		conn, err := g.Dialer.DialContext(ctx, network, net.JoinHostPort(ip.String(), port))
		if err == nil {
			return conn, nil
		}
		errs = append(errs, err)
		if ctx.Err() != nil {
			break
		}
	}
	return nil, errors.Join(errs...)
}

// controlCheck refuses, at the socket level, any connection to an address
// that is not allowed: a second line behind the guard for dialers that
// might resolve on their own.
func controlCheck(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("dial %s: %w", address, err)
	}
	if !Allowed(ap.Addr()) {
		return fmt.Errorf("dial %s: %w", address, ErrBlocked)
	}
	return nil
}
