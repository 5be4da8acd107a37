package faultweb

import (
	"bytes"
	"compress/gzip"
	"crypto/tls"
	"fmt"
	"html"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// HTTP is a loopback HTTP or HTTPS server that counts its requests and the
// body bytes it wrote. Its methods are safe for concurrent use.
type HTTP struct {
	// URL is the server's root, "http://127.0.0.1:PORT" (https for TLS).
	URL string

	srv   *httptest.Server
	hits  atomic.Int64
	bytes atomic.Int64
	mu    sync.Mutex
	paths []string
}

// Serve serves h over HTTP on a new loopback port.
func Serve(h http.Handler) *HTTP {
	s := &HTTP{}
	s.srv = httptest.NewServer(s.wrap(h))
	s.URL = s.srv.URL
	return s
}

// ServeTLS serves h over HTTPS with cert on a new loopback port.
func ServeTLS(h http.Handler, cert tls.Certificate) *HTTP {
	s := &HTTP{}
	s.srv = httptest.NewUnstartedServer(s.wrap(h))
	s.srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	// Handshakes refused by the client are the point, not news.
	s.srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	s.srv.StartTLS()
	s.URL = s.srv.URL
	return s
}

func (s *HTTP) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		s.mu.Lock()
		s.paths = append(s.paths, r.URL.RequestURI())
		s.mu.Unlock()
		h.ServeHTTP(&countingWriter{ResponseWriter: w, n: &s.bytes}, r)
	})
}

// Hits returns how many requests the server received.
func (s *HTTP) Hits() int64 { return s.hits.Load() }

// BytesWritten returns how many body bytes the server's handlers wrote
// (before compression by the handler, after it for pre-compressed bodies).
func (s *HTTP) BytesWritten() int64 { return s.bytes.Load() }

// Paths returns the request targets received, in order.
func (s *HTTP) Paths() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.paths...)
}

// Close closes every connection, then the server, and waits for handlers.
func (s *HTTP) Close() {
	s.srv.CloseClientConnections()
	s.srv.Close()
}

type countingWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.n.Add(int64(n))
	return n, err
}

func (c *countingWriter) Flush() {
	if f, ok := c.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Status answers every request with code, the given headers and a short
// Vietnamese error page.
func Status(code int, header http.Header) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		for k, vs := range header {
			for _, v := range vs {
				w.Header().Add(k, v)
			}
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(code)
		fmt.Fprintf(w, "<html><head><title>Lỗi %d</title></head><body><h1>%d %s</h1><p>Máy chủ đang quá tải, vui lòng thử lại sau.</p></body></html>",
			code, code, html.EscapeString(http.StatusText(code)))
	})
}

// Throttle answers the first n requests with code and Retry-After: after,
// then hands every request to next.
func Throttle(code int, after string, n int, next http.Handler) http.Handler {
	var seen atomic.Int64
	limited := Status(code, http.Header{"Retry-After": {after}})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if seen.Add(1) <= int64(n) {
			limited.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// WithRobots serves robots.txt with body and hands other requests to next.
func WithRobots(body string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			fmt.Fprint(w, body)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// noRobots answers /robots.txt with 404 and hands other requests to next.
func noRobots(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// RedirectLoop redirects / to /trang-chu, /trang-chu to /index.php and
// /index.php back to / (robots.txt answers 404).
func RedirectLoop() http.Handler {
	next := map[string]string{"/": "/trang-chu", "/trang-chu": "/index.php", "/index.php": "/"}
	return noRobots(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		to, ok := next[r.URL.Path]
		if !ok {
			to = "/"
		}
		http.Redirect(w, r, to, http.StatusFound)
	}))
}

// RedirectChain redirects / through hops distinct URLs (/chuyen/1 …
// /chuyen/hops) and then to /home, which next serves as its home page
// (robots.txt answers 404).
func RedirectChain(hops int, next http.Handler) http.Handler {
	return noRobots(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/":
			http.Redirect(w, r, "/chuyen/1", http.StatusMovedPermanently)
		case strings.HasPrefix(r.URL.Path, "/chuyen/"):
			n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/chuyen/"))
			if n >= hops {
				http.Redirect(w, r, "/home", http.StatusFound)
				return
			}
			http.Redirect(w, r, "/chuyen/"+strconv.Itoa(n+1), http.StatusFound)
		case r.URL.Path == "/home":
			r2 := r.Clone(r.Context())
			r2.URL.Path = "/"
			next.ServeHTTP(w, r2)
		default:
			next.ServeHTTP(w, r)
		}
	}))
}

// RedirectTo redirects every request but robots.txt (404) to target.
func RedirectTo(target string) http.Handler {
	return noRobots(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target, http.StatusFound)
	}))
}

// Huge answers every request but robots.txt (404) with an HTML page of
// size bytes, written as fast as the client reads.
func Huge(size int64) http.Handler {
	chunk := []byte(strings.Repeat("<p>Trang rất lớn, nội dung lặp lại.</p>\n", 1024))
	return noRobots(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
		head := []byte("<!DOCTYPE html><html><head><title>Trang lớn</title></head><body>")
		if _, err := w.Write(head); err != nil {
			return
		}
		for left := size - int64(len(head)); left > 0; {
			c := chunk
			if int64(len(c)) > left {
				c = c[:left]
			}
			n, err := w.Write(c)
			if err != nil {
				return
			}
			left -= int64(n)
		}
	}))
}

// gzipBomb returns a gzip stream of size zero bytes: one compressed member
// of 8 MiB repeated (readers decompress concatenated members as one).
func gzipBomb(size int64) []byte {
	const member = 8 << 20
	var one bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&one, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for i := 0; i < member/len(zeros); i++ {
		zw.Write(zeros)
	}
	zw.Close()
	return bytes.Repeat(one.Bytes(), int((size+member-1)/member))
}

// GzipBomb answers every request but robots.txt (404) with a gzip-encoded
// body that inflates to size bytes (about a thousand times its own size).
func GzipBomb(size int64) http.Handler {
	var once sync.Once
	var body []byte
	return noRobots(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		once.Do(func() { body = gzipBomb(size) })
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		_, _ = w.Write(body)
	}))
}

// Paging is a news site whose listing never ends: every listing page shows
// ten new posts, all recent, and a "Trang sau" link to the next page
// (Calendar: a link to the next day). It is the trap the page cap exists for.
type Paging struct {
	// Now dates the posts (a day apart at most, so they stay recent).
	Now time.Time
	// Calendar makes the listing an endless calendar of days
	// (/tin-tuc/ngay/2026-11-25 → /tin-tuc/ngay/2026-11-26 …) instead of
	// numbered pages (/tin-tuc?trang=N).
	Calendar bool
	// Feed declares an RSS feed at /feed/ that pages the WordPress way
	// (/feed/?paged=N) and never ends either.
	Feed bool
}

func (p Paging) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	path := r.URL.Path
	switch {
	case path == "/robots.txt":
		http.NotFound(w, r)
	case path == "/" || path == "/tin-tuc" || strings.HasPrefix(path, "/tin-tuc/ngay/"):
		page, next := 0, "/tin-tuc?trang=1"
		if p.Calendar {
			day := p.Now
			if d, err := time.Parse("2006-01-02", strings.TrimPrefix(path, "/tin-tuc/ngay/")); err == nil {
				day = d
			}
			page = int(day.Sub(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)).Hours() / 24)
			next = "/tin-tuc/ngay/" + day.AddDate(0, 0, 1).Format("2006-01-02")
		} else if n, err := strconv.Atoi(r.URL.Query().Get("trang")); err == nil && n > 0 {
			page, next = n, "/tin-tuc?trang="+strconv.Itoa(n+1)
		}
		var b strings.Builder
		b.WriteString(`<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Tin tức - Trường bẫy phân trang</title>`)
		if p.Feed {
			b.WriteString(`<link rel="alternate" type="application/rss+xml" href="/feed/">`)
		}
		b.WriteString(`</head><body>`)
		b.WriteString(`<nav><a href="/">Trang chủ</a> <a href="/tin-tuc">Tin tức</a></nav><ul class="tin-moi">`)
		for i := 0; i < 10; i++ {
			id := page*10 + i + 1
			pub := p.Now.Add(-time.Duration(i+1) * time.Hour)
			fmt.Fprintf(&b, `<li><a href="/tin-tuc/hoat-dong-so-%d-cua-truong-%d.html">Hoạt động số %d của nhà trường trong tuần</a> <span>%s</span></li>`,
				id, id, id, pub.Format("02/01/2006"))
		}
		fmt.Fprintf(&b, `</ul><div class="pagination"><a rel="next" href="%s">Trang sau</a></div></body></html>`, next)
		fmt.Fprint(w, b.String())
	case path == "/feed/" && p.Feed:
		page, _ := strconv.Atoi(r.URL.Query().Get("paged"))
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Trường bẫy phân trang</title><link>/</link>`)
		for i := 0; i < 10; i++ {
			id := 1_000_000 + page*10 + i
			fmt.Fprintf(&b, `<item><title>Hoạt động số %d</title><link>http://%s/tin-tuc/hoat-dong-so-%d-cua-truong-%d.html</link><pubDate>%s</pubDate></item>`,
				id, r.Host, id, id, p.Now.Add(-time.Duration(i+1)*time.Hour).UTC().Format(time.RFC1123Z))
		}
		b.WriteString(`</channel></rss>`)
		fmt.Fprint(w, b.String())
	case strings.HasPrefix(path, "/tin-tuc/hoat-dong-so-"):
		id := strings.TrimSuffix(path[strings.LastIndex(path, "-")+1:], ".html")
		n, _ := strconv.Atoi(id)
		pub := p.Now.Add(-time.Duration(n%10+1) * time.Hour)
		post := Post{ID: n, Slug: "hoat-dong-so-" + id + "-cua-truong", Title: "Hoạt động số " + id + " của nhà trường trong tuần", Published: pub, Images: 1, Captioned: 1}
		fmt.Fprint(w, postPage("Trường bẫy phân trang", post, "utf-8"))
	default:
		http.NotFound(w, r)
	}
}
