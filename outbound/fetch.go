// Package outbound fetches URLs that callers name — the source pages of
// pingbacks, the oEmbed providers the block editor asks about — safely, as
// WordPress's wp_safe_remote_get does: with a timeout, a size limit, no
// redirects, only on WordPress's web ports, and never from a private,
// loopback, link-local or otherwise internal address. The address is
// checked when the connection is made, after name resolution, so a name
// that resolves to an internal address (or changes to one) is refused too.
// Every adapter that fetches uses this one Fetcher.
package outbound

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"syscall"
	"time"
)

// Defaults as WordPress's pingback_ping asks wp_safe_remote_get for them.
const (
	DefaultTimeout  = 10 * time.Second
	DefaultMaxBytes = 153600 // 150 KB
)

// ErrRefused is returned for a URL or address that may not be fetched.
var ErrRefused = errors.New("outbound: address not allowed")

// Options configure a Fetcher; zero values mean the defaults.
type Options struct {
	Timeout  time.Duration
	MaxBytes int64
	// UserAgent identifies the site ("PressPass; https://example.com").
	UserAgent string
	// AllowInternal lets a test fetch from its own loopback server, on any
	// port. Never set in production.
	AllowInternal bool
}

// Fetcher fetches pages and documents from public addresses. It is safe for
// concurrent use.
type Fetcher struct {
	opts   Options
	client *http.Client
}

// New returns a Fetcher.
func New(opts Options) *Fetcher {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	f := &Fetcher{opts: opts}
	dialer := &net.Dialer{Timeout: opts.Timeout, Control: f.checkDial}
	transport := &http.Transport{
		// No proxy from the environment: a proxy would make the address
		// check meaningless.
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   opts.Timeout,
		ResponseHeaderTimeout: opts.Timeout,
		MaxIdleConns:          4,
		IdleConnTimeout:       30 * time.Second,
	}
	f.client = &http.Client{
		Transport: transport,
		Timeout:   opts.Timeout,
		// WordPress asks for no redirection: the redirect response itself is
		// what is read.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return f
}

// Response is what a fetch read: the status, the content type and the
// beginning of the body.
type Response struct {
	Status      int
	ContentType string
	Body        []byte
}

// Get GETs rawURL and returns the beginning of its body (at most MaxBytes,
// as WordPress's limit_response_size keeps), whatever the status. header
// adds request headers; a User-Agent there replaces Options.UserAgent.
// Errors: ErrRefused for a URL that may not be fetched, or the network's
// error.
func (f *Fetcher) Get(ctx context.Context, rawURL string, header http.Header) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" || u.User != nil {
		return nil, ErrRefused
	}
	if !f.opts.AllowInternal {
		switch u.Port() {
		case "", "80", "443", "8080":
		default:
			// wp_http_validate_url's ports.
			return nil, ErrRefused
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, ErrRefused
	}
	for k, v := range header {
		req.Header[k] = v
	}
	if req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", f.opts.UserAgent)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		var refused *refusedAddr
		if errors.As(err, &refused) {
			return nil, fmt.Errorf("%w: %s", ErrRefused, refused.addr)
		}
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.opts.MaxBytes))
	if err != nil {
		return nil, err
	}
	return &Response{Status: resp.StatusCode, ContentType: resp.Header.Get("Content-Type"), Body: body}, nil
}

// UserAgent is the User-Agent the fetcher sends unless told otherwise.
func (f *Fetcher) UserAgent() string { return f.opts.UserAgent }

// refusedAddr is the dial-time refusal of an internal address.
type refusedAddr struct{ addr string }

func (e *refusedAddr) Error() string { return "outbound: refusing to connect to " + e.addr }

// checkDial runs after name resolution, on the very address about to be
// connected to.
func (f *Fetcher) checkDial(_, address string, _ syscall.RawConn) error {
	if f.opts.AllowInternal {
		return nil
	}
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return &refusedAddr{address}
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || !Public(ip) {
		return &refusedAddr{address}
	}
	return nil
}

// internalPrefixes are the ranges beyond the standard library's
// classifications that nothing fetched may be on.
var internalPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this" network
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, broadcast
	netip.MustParsePrefix("64:ff9b::/96"),    // NAT64: an IPv4 address in disguise
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("2002::/16"),       // 6to4: an IPv4 address in disguise
	netip.MustParsePrefix("2001::/32"),       // Teredo
}

// Public reports whether ip is an ordinary public unicast address: not
// loopback, private, link-local, multicast, unspecified or reserved, in
// IPv4 or IPv6 form (an IPv4-mapped IPv6 address counts as its IPv4).
func Public(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.Zone() != "" || ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() ||
		ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast() {
		return false
	}
	for _, p := range internalPrefixes {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}
