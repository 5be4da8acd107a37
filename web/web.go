// Package web serves sitewatch's status pages for the office staff of the
// Sở GD&ĐT: an overview of every unit (posts this month against the quota,
// days since the last post, caption share, whether the site answers), a page
// per unit with its posts, crawls and checks, and the download of the
// quarterly report.
//
// Pages are rendered on the server with html/template from embedded
// templates; a few lines of inline JavaScript sort and filter the table, and
// every page works without it. Everything taken from websites is escaped by
// html/template, and a Content-Security-Policy with a per-response nonce
// allows only the page's own inline script and style.
package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"sitewatch/config"
	"sitewatch/export"
	"sitewatch/store"
)

//go:embed templates/*.html
var templateFS embed.FS

// Store is what the pages read. *store.Store implements it.
type Store interface {
	Posts(ctx context.Context, f store.PostFilter) ([]store.Post, error)
	Crawls(ctx context.Context, unitID string, limit int) ([]store.Crawl, error)
	CrawlsBetween(ctx context.Context, from, to time.Time) ([]store.Crawl, error)
	LatestCrawls(ctx context.Context) (map[string]store.Crawl, error)
}

var _ Store = (*store.Store)(nil)

// CheckRow is one check verdict shown on a unit page; it mirrors
// checks.Result.
type CheckRow struct {
	// Check is the check's name (quota, freshness …).
	Check string
	// Label is the Vietnamese name of the check; Check is shown when empty.
	Label string
	// OK is true when the rule is met.
	OK bool
	// State is ok, warn, fail or unknown.
	State string
	// Reason says in Vietnamese why.
	Reason string
	// Details are the facts behind the reason.
	Details map[string]string
}

// Options configure a Server. Config and Store are required.
type Options struct {
	Config *config.Config
	Store  Store
	// Now is the clock. Default time.Now.
	Now func() time.Time
	// Checks returns the check verdicts of a unit for its page; nil shows none.
	Checks func(ctx context.Context, unitID string) ([]CheckRow, error)
	// PrepareReport, when set, completes a report before it is written
	// (office overrides, the dispatch reference).
	PrepareReport func(ctx context.Context, r *export.Report) error
	// Logger receives request errors. Default slog.Default().
	Logger *slog.Logger
}

// Server renders the pages. It is safe for concurrent use.
type Server struct {
	cfg     *config.Config
	store   Store
	now     func() time.Time
	checks  func(ctx context.Context, unitID string) ([]CheckRow, error)
	prepare func(ctx context.Context, r *export.Report) error
	log     *slog.Logger
	pages   map[string]*template.Template
}

// New returns a Server. It panics only if the embedded templates do not
// parse, which the tests rule out.
func New(opts Options) *Server {
	s := &Server{
		cfg: opts.Config, store: opts.Store, now: opts.Now, checks: opts.Checks,
		prepare: opts.PrepareReport, log: opts.Logger,
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.pages = map[string]*template.Template{}
	for _, name := range []string{"index", "unit", "error"} {
		s.pages[name] = template.Must(template.New("base.html").Funcs(templateFuncs()).ParseFS(templateFS, "templates/base.html", "templates/"+name+".html"))
	}
	return s
}

// Handler returns the routes of the pages:
//
//	GET /               overview of every unit (?block=, ?kind= filter)
//	GET /unit/{id}      one unit (?quarter=2026Q4 picks the quarter)
//	GET /export         the report (?quarter=|month=|from=&to=, format=xlsx|csv, part=summary|posts)
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.handleIndex)
	mux.HandleFunc("GET /unit/{id}", s.handleUnit)
	mux.HandleFunc("GET /export", s.handleExport)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, http.StatusNotFound, "Không tìm thấy trang này.")
	})
	return securityHeaders(mux)
}

type nonceKey struct{}

// securityHeaders sets a strict Content-Security-Policy with a fresh nonce
// for the inline script and style of each page, and the usual hardening
// headers.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var b [16]byte
		_, _ = rand.Read(b[:])
		nonce := base64.RawStdEncoding.EncodeToString(b[:])
		h := w.Header()
		h.Set("Content-Security-Policy", fmt.Sprintf("default-src 'none'; script-src 'nonce-%s'; style-src 'nonce-%s'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'", nonce, nonce))
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), nonceKey{}, nonce)))
	})
}

func nonceOf(r *http.Request) string {
	n, _ := r.Context().Value(nonceKey{}).(string)
	return n
}

// page is what every template gets.
type page struct {
	Title string
	Nonce string
	Now   string
	Zone  string
	Data  any
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	t := s.pages[name]
	p := page{Title: title, Nonce: nonceOf(r), Now: s.now().In(s.cfg.Location).Format("15:04 02/01/2006"), Zone: s.cfg.Location.String(), Data: data}
	// Render fully before sending, so a template error becomes a 500 and
	// not half a page.
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "base.html", p); err != nil {
		s.log.Error("render page", "page", name, "err", err)
		http.Error(w, "lỗi hiển thị trang", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.render(w, r, status, "error", http.StatusText(status), msg)
}

// fail logs an internal error and shows a generic page.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("request failed", "path", r.URL.Path, "err", err)
	s.renderError(w, r, http.StatusInternalServerError, "Đã có lỗi khi đọc dữ liệu. Vui lòng thử lại sau hoặc báo cho quản trị viên.")
}
