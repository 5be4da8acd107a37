package simweb

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Page kinds, for fault injection.
const (
	kindOther uint8 = iota
	kindPost
	kindListing
)

// resp is what a style's router answers.
type resp struct {
	status  int
	ctype   string
	body    string
	raw     []byte // body already encoded (windows-1258); wins over body
	lastMod time.Time
	loc     string
	kind    uint8
	noCache bool // no validators (redirects, errors)
}

// reqCtx is one request as a style sees it.
type reqCtx struct {
	s      *Site
	r      *http.Request
	origin string // "http://127.0.0.1:port", from the request's Host
	path   string
	query  url.Values
	rawQ   string
}

// target is the request target (path and raw query).
func (c *reqCtx) target() string {
	if c.rawQ == "" {
		return c.path
	}
	return c.path + "?" + c.rawQ
}

const (
	ctHTML = "text/html; charset=utf-8"
	ctXML  = "text/xml; charset=utf-8"
	ctRSS  = "application/rss+xml; charset=utf-8"
	ctAtom = "application/atom+xml; charset=utf-8"
	ctText = "text/plain; charset=utf-8"
)

func htmlResp(body string, lm time.Time, kind uint8) *resp {
	return &resp{status: 200, ctype: ctHTML, body: body, lastMod: lm, kind: kind}
}

func xmlResp(ct, body string, lm time.Time) *resp {
	return &resp{status: 200, ctype: ct, body: body, lastMod: lm}
}

func redirect(code int, loc string) *resp {
	return &resp{status: code, ctype: ctHTML, loc: loc, noCache: true,
		body: `<html><head><title>Moved</title></head><body><a href="` + esc(loc) + `">Moved here</a></body></html>`}
}

// style is one CMS generator.
type style interface {
	// postPath is the canonical path (and query) of p.
	postPath(s *Site, p *post) string
	// aliases are other targets that serve or redirect to p.
	aliases(s *Site, p *post) []string
	// docFile is the path of a document's PDF.
	docFile(s *Site, d doc) string
	// route answers a request, or nil for 404.
	route(c *reqCtx) *resp
}

func styleFor(name string) style {
	switch name {
	case StyleNukeViet:
		return nukeviet{}
	case StyleWordPress:
		return wordpress{}
	case StyleJoomla:
		return joomla{}
	case StylePortal:
		return portal{}
	case StyleBlogger:
		return blogger{}
	case StyleStatic:
		return static{}
	case StyleCustom:
		return custom{}
	}
	panic("simweb: unknown style " + strconv.Quote(name))
}

type counters struct {
	requests, notModified, errors, bytes atomic.Int64
}

// Stats are what a site has served since it was generated.
type Stats struct {
	// Requests counts every request, whatever its answer.
	Requests int64
	// NotModified counts 304 answers to conditional GETs.
	NotModified int64
	// Errors counts 5xx answers (faults).
	Errors int64
	// Bytes counts body bytes written (after gzip).
	Bytes int64
}

// Stats returns the site's counters. Safe for concurrent use.
func (s *Site) Stats() Stats {
	return Stats{
		Requests:    s.stats.requests.Load(),
		NotModified: s.stats.notModified.Load(),
		Errors:      s.stats.errors.Load(),
		Bytes:       s.stats.bytes.Load(),
	}
}

// SetFault changes the site's fault at run time. Safe for concurrent use.
func (s *Site) SetFault(f Fault) {
	s.mu.Lock()
	s.fault = f
	s.mu.Unlock()
}

// Handler returns the site's HTTP handler. Links are root-relative or
// absolute with the request's Host, so the handler works behind any
// listener. Every 200 answer carries ETag and Last-Modified and conditional
// GETs get 304; bodies are gzipped when the client accepts it; the Date
// header is the site's fixed Now.
func (s *Site) Handler() http.Handler { return http.HandlerFunc(s.serve) }

var gzPool = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

func (s *Site) serve(w http.ResponseWriter, r *http.Request) {
	s.stats.requests.Add(1)
	s.mu.RLock()
	f := s.fault
	s.mu.RUnlock()
	if f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	h := w.Header()
	h.Set("Date", s.Now.UTC().Format(http.TimeFormat))
	h.Set("Server", serverHeader(s.Style))
	if f.Down {
		s.stats.errors.Add(1)
		h.Set("Retry-After", "3600")
		h.Set("Content-Type", ctHTML)
		w.WriteHeader(http.StatusServiceUnavailable)
		n, _ := w.Write([]byte("<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>Máy chủ đang bảo trì, vui lòng quay lại sau.</p></body></html>"))
		s.stats.bytes.Add(int64(n))
		return
	}
	c := &reqCtx{s: s, r: r, origin: "http://" + r.Host, path: r.URL.Path, rawQ: r.URL.RawQuery, query: r.URL.Query()}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	var res *resp
	if strings.HasSuffix(strings.ToLower(c.path), ".pdf") {
		res = &resp{status: 200, ctype: "application/pdf", body: tinyPDF(c.path), lastMod: s.Now.AddDate(0, -2, 0)}
	} else if ct := imageType(c.path); ct != "" {
		res = &resp{status: 200, ctype: ct, body: tinyGIF, lastMod: s.Now.AddDate(0, -2, 0)}
	} else {
		s.mu.RLock()
		res = s.st.route(c)
		gone := s.withdrawnStatus(c.target())
		s.mu.RUnlock()
		if res == nil && gone != 0 {
			res = &resp{status: gone, ctype: ctHTML, noCache: true,
				body: "<!DOCTYPE html><html lang=\"vi\"><head><title>Bài viết đã bị gỡ</title></head><body><h1>" + strconv.Itoa(gone) + "</h1><p>Bài viết không còn trên trang.</p></body></html>"}
		}
	}
	if res == nil {
		res = &resp{status: 404, ctype: ctHTML, noCache: true,
			body: "<!DOCTYPE html><html lang=\"vi\"><head><title>404 - Không tìm thấy trang</title></head><body><h1>404</h1><p>Trang bạn yêu cầu không tồn tại hoặc đã bị xóa.</p><p><a href=\"/\">Về trang chủ</a></p></body></html>"}
	}
	if f.ErrorShare > 0 && res.status == 200 && (res.kind == kindPost || res.kind == kindListing) &&
		float64(fnv(c.target())%10000) < f.ErrorShare*10000 {
		res = &resp{status: 500, ctype: ctHTML, noCache: true, body: "<html><body><h1>500 Internal Server Error</h1><p>Lỗi kết nối cơ sở dữ liệu.</p></body></html>"}
	}
	if res.status >= 500 {
		s.stats.errors.Add(1)
	}
	body := res.raw
	if body == nil {
		b := res.body
		if res.ctype == ctHTML && res.status == 200 {
			b = s.padPage(b, c.target())
		}
		body = []byte(b)
	}
	h.Set("Content-Type", res.ctype)
	if res.loc != "" {
		h.Set("Location", res.loc)
	}
	h.Set("Vary", "Accept-Encoding")
	if !res.noCache {
		etag := fmt.Sprintf(`"%x"`, fnvBytes(body))
		if !res.lastMod.IsZero() {
			h.Set("Last-Modified", res.lastMod.UTC().Format(http.TimeFormat))
		}
		if notModified(r, etag, res.lastMod) {
			h.Set("ETag", etag)
			s.stats.notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		if acceptsGzip(r) && len(body) > 512 {
			etag = etag[:len(etag)-1] + `-gzip"`
		}
		h.Set("ETag", etag)
	}
	if acceptsGzip(r) && len(body) > 512 {
		var buf bytes.Buffer
		zw := gzPool.Get().(*gzip.Writer)
		zw.Reset(&buf)
		_, _ = zw.Write(body)
		_ = zw.Close()
		gzPool.Put(zw)
		body = buf.Bytes()
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(res.status)
	if r.Method == http.MethodHead {
		return
	}
	n, _ := w.Write(body)
	s.stats.bytes.Add(int64(n))
}

func fnvBytes(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if name = strings.TrimSpace(name); name != "gzip" && name != "*" {
			continue
		}
		q := 1.0
		if v, ok := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		return q > 0
	}
	return false
}

// notModified evaluates If-None-Match (which wins when present) and then
// If-Modified-Since.
func notModified(r *http.Request, etag string, lm time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		base := strings.TrimSuffix(strings.TrimPrefix(etag, `W/`), `"`)
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimSpace(t)
			if t == "*" {
				return true
			}
			t = strings.TrimSuffix(strings.TrimPrefix(t, `W/`), `"`)
			t = strings.TrimSuffix(t, "-gzip")
			if t == base {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" && !lm.IsZero() {
		if t, err := http.ParseTime(ims); err == nil && !lm.Truncate(time.Second).After(t) {
			return true
		}
	}
	return false
}

func serverHeader(style string) string {
	switch style {
	case StylePortal:
		return "Microsoft-IIS/10.0"
	case StyleBlogger:
		return "GSE"
	case StyleStatic:
		return "Apache/2.4.41 (Ubuntu)"
	}
	return "nginx"
}

func imageType(p string) string {
	p = strings.ToLower(p)
	switch {
	case strings.HasSuffix(p, ".jpg"), strings.HasSuffix(p, ".jpeg"):
		return "image/jpeg"
	case strings.HasSuffix(p, ".png"):
		return "image/png"
	case strings.HasSuffix(p, ".gif"):
		return "image/gif"
	case strings.HasSuffix(p, ".ico"):
		return "image/x-icon"
	}
	return ""
}

// tinyGIF is a 1×1 transparent GIF served for every image path.
const tinyGIF = "GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"

func tinyPDF(name string) string {
	return "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n" +
		"% " + name + "\ntrailer<</Root 1 0 R>>\n%%EOF\n"
}

// Web is a set of generated sites served on loopback, one listener per
// site (crawler politeness is per host). Its methods are safe for
// concurrent use.
type Web struct {
	sites  []*Site
	byName map[string]*served
}

type served struct {
	site *Site
	url  string
	srv  *http.Server
}

// Start serves every site on its own 127.0.0.1 port. Close the Web when done.
func Start(sites []*Site) (*Web, error) {
	w := &Web{sites: sites, byName: make(map[string]*served, len(sites))}
	for _, s := range sites {
		if _, dup := w.byName[s.Name]; dup {
			w.Close()
			return nil, fmt.Errorf("simweb: duplicate site name %q", s.Name)
		}
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			w.Close()
			return nil, fmt.Errorf("simweb: listen for %s: %w", s.Name, err)
		}
		srv := &http.Server{
			Handler:           s.Handler(),
			ReadHeaderTimeout: 10 * time.Second,
			IdleTimeout:       30 * time.Second,
		}
		w.byName[s.Name] = &served{site: s, url: "http://" + l.Addr().String(), srv: srv}
		go func() {
			if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
				_ = err // the listener was closed under us; nothing to report
			}
		}()
	}
	return w, nil
}

// Sites returns the served sites in order.
func (w *Web) Sites() []*Site { return w.sites }

// Site returns the site with that name, or nil.
func (w *Web) Site(name string) *Site {
	if e := w.byName[name]; e != nil {
		return e.site
	}
	return nil
}

// URL returns the root URL of a site ("http://127.0.0.1:PORT", no trailing
// slash), or "" for an unknown name.
func (w *Web) URL(name string) string {
	if e := w.byName[name]; e != nil {
		return e.url
	}
	return ""
}

// Requests returns how many requests a site has answered.
func (w *Web) Requests(name string) int {
	if s := w.Site(name); s != nil {
		return int(s.Stats().Requests)
	}
	return 0
}

// Stats returns a site's counters (zero for an unknown name).
func (w *Web) Stats(name string) Stats {
	if s := w.Site(name); s != nil {
		return s.Stats()
	}
	return Stats{}
}

// Total sums the counters of every site.
func (w *Web) Total() Stats {
	var t Stats
	for _, s := range w.sites {
		st := s.Stats()
		t.Requests += st.Requests
		t.NotModified += st.NotModified
		t.Errors += st.Errors
		t.Bytes += st.Bytes
	}
	return t
}

// Close stops every listener and closes open connections.
func (w *Web) Close() {
	names := make([]string, 0, len(w.byName))
	for n := range w.byName {
		names = append(names, n)
	}
	sort.Strings(names)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	for _, n := range names {
		if err := w.byName[n].srv.Shutdown(ctx); err != nil {
			_ = w.byName[n].srv.Close()
		}
	}
}
