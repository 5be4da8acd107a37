// Package fetch performs the crawler's HTTP requests politely: one request
// at a time per host with a delay between two (and a robots.txt
// Crawl-delay when the site asks for more), conditional GET, Retry-After
// honoured within a bound, caps on body size and time, a dial guard that
// keeps crawls off loopback, private and link-local addresses unless
// allowed, and bodies decoded to UTF-8 (NFC) whatever charset the site
// declares or mislabels. It asks for gzip itself and decompresses into one
// buffer sized from the gzip trailer; a caller that keeps documents
// compressed (for conditional GET) can take the server's gzip as it came
// (Request.KeepGzip). It owns the classification of failures into the
// short reasons recorded against a unit.
package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// Error reasons recorded against a unit (metric label values; keep few).
const (
	ReasonDNS       = "dns"
	ReasonRefused   = "refused"
	ReasonTimeout   = "timeout"
	ReasonTLS       = "tls"
	ReasonReset     = "reset"
	ReasonHTTP4xx   = "http_4xx"
	ReasonHTTP5xx   = "http_5xx"
	ReasonRobots    = "robots"
	ReasonTooLarge  = "too_large"
	ReasonRedirects = "redirects"
	ReasonBlocked   = "blocked_address"
	ReasonOther     = "other"
)

// ErrBlockedAddress is wrapped by the error of a dial to an address the
// crawl may not reach: loopback or private without allow_private_network,
// and link-local, multicast or unspecified always.
var ErrBlockedAddress = errors.New("blocked address")

// Error is a failed fetch with a short reason.
type Error struct {
	URL    string
	Reason string
	Err    error
}

func (e *Error) Error() string { return fmt.Sprintf("fetch %s: %s: %v", e.URL, e.Reason, e.Err) }
func (e *Error) Unwrap() error { return e.Err }

// Response is a fetched document, its body decoded to UTF-8 (NFC).
type Response struct {
	URL    string // final URL after redirects
	Status int
	Header http.Header
	Body   []byte
	// Gzip is Body gzipped, as the server sent it, when the request asked
	// for it (Request.KeepGzip), the server gzipped the body and decoding
	// changed none of its bytes; nil otherwise. A caller keeping the body
	// compressed (for a conditional GET) need not compress it again.
	Gzip        []byte
	NotModified bool
	Bytes       int64 // body bytes decoded from the wire (decompressed)
	TLS         *tls.ConnectionState
	// Requests is how many HTTP requests the server answered for this
	// Get: one, plus each redirect followed, plus a Retry-After retry.
	Requests int
}

// Fetcher performs polite HTTP requests: one connection at a time per host,
// a delay between requests, conditional GET, caps on size and time. It is
// safe for concurrent use; politeness holds across goroutines.
type Fetcher struct {
	resolver *net.Resolver
	ua       string
	maxBody  int64
	timeout  time.Duration
	delay    time.Duration
	now      func() time.Time
	mu       sync.Mutex
	clients  map[[2]bool]*http.Client
	hosts    map[string]*hostGate
	hostsMu  sync.Mutex
	maxWait  time.Duration
}

type hostGate struct {
	mu    sync.Mutex
	last  time.Time
	delay time.Duration
}

// Config configures a Fetcher; every field must be set (the crawler applies
// its defaults first).
type Config struct {
	// Resolver looks up host names (nil: the system resolver).
	Resolver *net.Resolver
	// UserAgent is sent with every request.
	UserAgent string
	// MaxBodyBytes caps one response body.
	MaxBodyBytes int64
	// Timeout caps one request.
	Timeout time.Duration
	// Delay is the pause between two requests to one host.
	Delay time.Duration
	// Now is the clock (Retry-After dates).
	Now func() time.Time
}

// MaxRetryAfter is the longest Retry-After a fetch waits for once; a
// longer one is reported as the status it came with.
const MaxRetryAfter = 10 * time.Second

// New returns a Fetcher.
func New(c Config) *Fetcher {
	return &Fetcher{
		ua: c.UserAgent, maxBody: c.MaxBodyBytes, timeout: c.Timeout, delay: c.Delay, now: c.Now, resolver: c.Resolver,
		clients: map[[2]bool]*http.Client{}, hosts: map[string]*hostGate{}, maxWait: MaxRetryAfter,
	}
}

// neverIP reports addresses no crawl may reach, whatever the unit allows:
// link-local (the cloud metadata service at 169.254.169.254), multicast and
// unspecified addresses. Intranet sites live on private ranges, not there.
func neverIP(ip net.IP) bool {
	return ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsUnspecified() || ip.IsMulticast() ||
		ip.IsInterfaceLocalMulticast()
}

// blockedIP reports addresses a crawler must not reach by default.
func blockedIP(ip net.IP) bool {
	return neverIP(ip) || ip.IsLoopback() || ip.IsPrivate() ||
		(ip.To4() != nil && ip.To4()[0] == 100 && ip.To4()[1]&0xc0 == 64) // 100.64.0.0/10 carrier-grade NAT
}

// dialGuard returns the dialer's Control function: it sees the resolved
// address of every connection (redirects included) before it is made.
func dialGuard(allowPrivate bool) func(network, address string, _ syscall.RawConn) error {
	return func(_, address string, _ syscall.RawConn) error {
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return err
		}
		ip := net.ParseIP(host)
		switch {
		case ip == nil:
			return fmt.Errorf("%s is not an IP address: %w", host, ErrBlockedAddress)
		case neverIP(ip):
			return fmt.Errorf("%s is link-local, multicast or unspecified and never crawled: %w", ip, ErrBlockedAddress)
		case !allowPrivate && blockedIP(ip):
			return fmt.Errorf("%s is loopback or private (set allow_private_network to crawl it): %w", ip, ErrBlockedAddress)
		}
		return nil
	}
}

// client returns the shared client for a (private, insecure) pair; one
// transport each, created once.
func (f *Fetcher) client(allowPrivate, insecure bool) *http.Client {
	f.mu.Lock()
	defer f.mu.Unlock()
	key := [2]bool{allowPrivate, insecure}
	if c := f.clients[key]; c != nil {
		return c
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, Control: dialGuard(allowPrivate), Resolver: f.resolver}
	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		TLSClientConfig:       &tls.Config{InsecureSkipVerify: insecure}, //nolint:gosec // only where the unit's config allows it
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: f.timeout,
		IdleConnTimeout:       60 * time.Second,
		MaxIdleConns:          512,
		MaxIdleConnsPerHost:   1,
		MaxConnsPerHost:       2,
		ForceAttemptHTTP2:     true,
	}
	c := &http.Client{
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 10 {
				return &Error{URL: req.URL.String(), Reason: ReasonRedirects, Err: errors.New("more than 10 redirects")}
			}
			for _, v := range via {
				if v.URL.String() == req.URL.String() {
					return &Error{URL: req.URL.String(), Reason: ReasonRedirects, Err: errors.New("redirect loop")}
				}
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to unsupported scheme %q", req.URL.Scheme)
			}
			return nil
		},
	}
	f.clients[key] = c
	return c
}

func (f *Fetcher) gate(host string) *hostGate {
	f.hostsMu.Lock()
	defer f.hostsMu.Unlock()
	g := f.hosts[host]
	if g == nil {
		g = &hostGate{delay: f.delay}
		f.hosts[host] = g
	}
	return g
}

// SetCrawlDelay raises a host's delay to robots.txt Crawl-delay (capped at 10s).
func (f *Fetcher) SetCrawlDelay(host string, d time.Duration) {
	if d > 10*time.Second {
		d = 10 * time.Second
	}
	g := f.gate(host)
	g.mu.Lock()
	if d > g.delay {
		g.delay = d
	}
	g.mu.Unlock()
}

// wait blocks until d has passed or ctx is done.
func wait(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Request says how to fetch one URL.
type Request struct {
	// AllowPrivate lets the request reach loopback and private addresses.
	AllowPrivate bool
	// Insecure skips certificate verification (the certificate is still
	// reported by the caller).
	Insecure bool
	// ETag and LastModified are the validators of a conditional GET.
	ETag, LastModified string
	// KeepGzip asks for the body as the server gzipped it (Response.Gzip).
	KeepGzip bool
}

// Get fetches rawURL politely. Network failures return a *Error; HTTP
// error statuses return a Response with that status.
func (f *Fetcher) Get(ctx context.Context, rawURL string, o Request) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, &Error{URL: rawURL, Reason: ReasonOther, Err: fmt.Errorf("not an http(s) URL")}
	}
	g := f.gate(u.Host)
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.last.IsZero() {
		if err := wait(ctx, g.delay-time.Since(g.last)); err != nil {
			return nil, &Error{URL: rawURL, Reason: ReasonTimeout, Err: err}
		}
	}
	defer func() { g.last = time.Now() }()
	before := 0 // requests of an earlier attempt
	for attempt := 0; ; attempt++ {
		resp, retryAfter, err := f.do(ctx, u, o)
		if resp != nil {
			resp.Requests += before
		}
		if err == nil && (resp.Status == http.StatusTooManyRequests || resp.Status == http.StatusServiceUnavailable) &&
			attempt == 0 && retryAfter > 0 && retryAfter <= f.maxWait {
			if werr := wait(ctx, retryAfter); werr != nil {
				return resp, nil
			}
			before = resp.Requests
			continue
		}
		return resp, err
	}
}

func (f *Fetcher) do(ctx context.Context, u *url.URL, o Request) (*Response, time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, 0, &Error{URL: u.String(), Reason: ReasonOther, Err: err}
	}
	req.Header.Set("User-Agent", f.ua)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,application/atom+xml,*/*;q=0.8")
	req.Header.Set("Accept-Language", "vi,en;q=0.5")
	// Asked for here rather than by the transport, so that the compressed
	// bytes can be kept (Response.Gzip) and decompressed into one buffer.
	req.Header.Set("Accept-Encoding", "gzip")
	if o.ETag != "" {
		req.Header.Set("If-None-Match", o.ETag)
	}
	if o.LastModified != "" {
		req.Header.Set("If-Modified-Since", o.LastModified)
	}
	res, err := f.client(o.AllowPrivate, o.Insecure).Do(req)
	if err != nil {
		return nil, 0, classify(u.String(), err)
	}
	defer res.Body.Close()
	out := &Response{URL: res.Request.URL.String(), Status: res.StatusCode, Header: res.Header, TLS: res.TLS, Requests: 1}
	for r := res.Request; r.Response != nil; r = r.Response.Request {
		out.Requests++ // a redirect the client followed
	}
	if res.StatusCode == http.StatusNotModified {
		out.NotModified = true
		return out, 0, nil
	}
	body, zipped, err := f.readBody(res)
	out.Bytes = int64(len(body))
	if err != nil {
		return out, 0, classify(u.String(), err)
	}
	if int64(len(body)) > f.maxBody {
		return out, 0, &Error{URL: u.String(), Reason: ReasonTooLarge, Err: fmt.Errorf("body larger than %d bytes", f.maxBody)}
	}
	out.Body = Decode(body, res.Header.Get("Content-Type"))
	if o.KeepGzip && zipped != nil && sameBytes(out.Body, body) {
		out.Gzip = bytes.Clone(zipped.Bytes())
	}
	putZipBuffer(zipped)
	return out, retryAfter(res.Header.Get("Retry-After"), f.now()), nil
}

// sameBytes reports whether a and b are one slice (Decode returns its
// input when nothing needed decoding).
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// Buffers of one response's compressed bytes, and gzip readers, reused
// across fetches: a crawl reads thousands of bodies.
var (
	zipBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}
	gzReaders  sync.Pool
)

// maxPooledBuffer is the largest compressed-body buffer kept for reuse: a
// rare huge page should not stay allocated for the rest of the crawl.
const maxPooledBuffer = 1 << 20

func putZipBuffer(b *bytes.Buffer) {
	if b != nil && b.Cap() <= maxPooledBuffer {
		zipBuffers.Put(b)
	}
}

// maxSizeHint bounds the buffer allocated up front from a declared size
// (Content-Length, the gzip trailer) so that a lying header cannot make
// one fetch allocate MaxBodyBytes.
const maxSizeHint = 4 << 20

// readBody reads a response body of at most maxBody+1 bytes, decompressing
// it when the server gzipped it (the request asked for gzip itself, so the
// transport leaves the body alone). zipped holds the compressed bytes then
// (a pooled buffer the caller puts back), nil otherwise.
func (f *Fetcher) readBody(res *http.Response) (body []byte, zipped *bytes.Buffer, err error) {
	limit := f.maxBody + 1
	if !strings.EqualFold(strings.TrimSpace(res.Header.Get("Content-Encoding")), "gzip") {
		body, err := readAllHint(io.LimitReader(res.Body, limit), res.ContentLength, limit)
		return body, nil, err
	}
	// As the transport does when it decompresses: the headers describe the
	// decoded body.
	res.Header.Del("Content-Encoding")
	res.Header.Del("Content-Length")
	zipped = zipBuffers.Get().(*bytes.Buffer)
	zipped.Reset()
	if _, err := zipped.ReadFrom(io.LimitReader(res.Body, limit)); err != nil {
		return nil, zipped, err
	}
	if zipped.Len() == 0 {
		return nil, zipped, nil
	}
	zr, _ := gzReaders.Get().(*gzip.Reader)
	if zr == nil {
		zr, err = gzip.NewReader(bytes.NewReader(zipped.Bytes()))
	} else {
		err = zr.Reset(bytes.NewReader(zipped.Bytes()))
	}
	if err != nil {
		return nil, zipped, err
	}
	defer gzReaders.Put(zr)
	// The gzip trailer ends with the decoded size (mod 2^32).
	z := zipped.Bytes()
	hint := int64(-1)
	if len(z) >= 4 {
		hint = int64(binary.LittleEndian.Uint32(z[len(z)-4:]))
	}
	body, err = readAllHint(io.LimitReader(zr, limit), hint, limit)
	return body, zipped, err
}

// readAllHint is io.ReadAll with the buffer sized from a declared size
// (negative: unknown), within limit and maxSizeHint.
func readAllHint(r io.Reader, hint, limit int64) ([]byte, error) {
	n := int64(512)
	if hint >= 0 {
		n = min(hint, limit, maxSizeHint) + 1 // +1: the read that sees EOF needs no growth
	}
	b := make([]byte, 0, n)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		m, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+m]
		if err != nil {
			if err == io.EOF {
				err = nil
			}
			return b, err
		}
	}
}

func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return t.Sub(now)
	}
	return 0
}

// classify turns a transport error into a reason.
func classify(u string, err error) *Error {
	var fe *Error
	if errors.As(err, &fe) {
		return fe
	}
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	var hostErr x509.HostnameError
	reason := ReasonOther
	switch {
	case errors.Is(err, ErrBlockedAddress):
		reason = ReasonBlocked
	case errors.As(err, &dnsErr):
		reason = ReasonDNS
	case errors.As(err, &certErr), errors.As(err, &unknownAuth), errors.As(err, &invalid), errors.As(err, &hostErr):
		reason = ReasonTLS
	case errors.Is(err, syscall.ECONNREFUSED):
		reason = ReasonRefused
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.ErrUnexpectedEOF):
		reason = ReasonReset
	case errors.Is(err, context.DeadlineExceeded), isTimeout(err):
		reason = ReasonTimeout
	case strings.Contains(err.Error(), "tls:") || strings.Contains(err.Error(), "x509:"):
		reason = ReasonTLS
	}
	return &Error{URL: u, Reason: reason, Err: err}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// Decode converts body to UTF-8 NFC. Bytes that are valid UTF-8 are taken as
// UTF-8 whatever the declaration says; otherwise the declared or sniffed
// charset is used, and windows-1258 (Vietnamese) when that fails.
func Decode(body []byte, contentType string) []byte {
	if utf8.Valid(body) {
		return norm.NFC.Bytes(body)
	}
	if mostlyUTF8(body) {
		// A UTF-8 page with a few stray bytes (a pasted fragment, a cut
		// multi-byte character): decoding it all as windows-1258 would garble
		// every Vietnamese letter, so only the bad bytes are replaced.
		return norm.NFC.Bytes(bytes.ToValidUTF8(body, []byte("\uFFFD")))
	}
	enc, name, _ := charset.DetermineEncoding(body, contentType)
	if name == "utf-8" || name == "windows-1252" || name == "iso-8859-1" {
		enc = charmap.Windows1258
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		out = bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	return norm.NFC.Bytes(out)
}

// mostlyUTF8 reports text that holds multi-byte UTF-8 sequences and at most
// one invalid byte for every two of them. Vietnamese text in windows-1258
// has invalid bytes in nearly every word and almost never forms a valid
// multi-byte sequence.
func mostlyUTF8(b []byte) bool {
	multi, bad := 0, 0
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && n == 1:
			bad++
		case n > 1:
			multi++
		}
		b = b[n:]
	}
	return multi > 0 && bad*2 <= multi
}

// CloseIdleConnections closes the kept-alive connections of the
// fetcher's HTTP clients; the Fetcher stays usable.
func (f *Fetcher) CloseIdleConnections() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, cl := range f.clients {
		cl.CloseIdleConnections()
	}
}
