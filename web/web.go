// Package web serves sitewatch's status pages for the office staff of the
// Sở GD&ĐT: an overview of every unit (posts this month against the quota,
// days since the last post, caption share, whether the site answers), a page
// per unit with its posts, crawls and checks, and the download of the
// quarterly report.
//
// The unit page also carries the corrections, each kept in an audit log
// that the report repeats: a unit's claim of a post the crawler missed (an
// open form; the URL is inspected and the claim waits, counting nothing),
// and the office's overrides (exclude, include, redate) and claim decisions,
// which need an authenticated user passed in with WithUser. Every POST must
// come from a page of the same origin.
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
	"sitewatch/evaluation"
	"sitewatch/export"
	"sitewatch/store"
)

//go:embed templates/*.html
var templateFS embed.FS

// Store is what the pages read, and where the correction forms write.
// *store.Store implements it.
type Store interface {
	Posts(ctx context.Context, f store.PostFilter) ([]store.Post, error)
	Crawls(ctx context.Context, unitID string, limit int) ([]store.Crawl, error)
	// Overrides returns a unit's overrides (all when unitID is empty), oldest first.
	Overrides(ctx context.Context, unitID string) ([]store.Override, error)
	// AddOverride records an office override.
	AddOverride(ctx context.Context, o store.Override) (int64, error)
	// Claims returns the claims with a status (all when empty), oldest first.
	Claims(ctx context.Context, status string) ([]store.Claim, error)
	// AddClaim records a pending claim.
	AddClaim(ctx context.Context, c store.Claim) (int64, error)
	// DecideClaim approves or rejects a pending claim.
	DecideClaim(ctx context.Context, id int64, approve bool, who, reason string, at time.Time) error
}

var _ Store = (*store.Store)(nil)

// Evaluations give the pages the evaluation they render. The service
// implements it over the snapshot it builds after each crawl run.
type Evaluations interface {
	// Current returns the snapshot: the evaluation built after the newest
	// crawl run or correction. Pages never evaluate it again.
	Current(ctx context.Context) (*evaluation.Evaluation, error)
	// Evaluate evaluates what the snapshot does not cover (a past quarter on
	// a unit page, a report of another period), by the same code path.
	Evaluate(ctx context.Context, o evaluation.Options) (*evaluation.Evaluation, error)
	// Refresh rebuilds the snapshot after a correction changed what counts.
	Refresh(ctx context.Context) error
}

// Options configure a Server. Config, Store and Evaluations are required.
type Options struct {
	Config *config.Config
	Store  Store
	// Now is the clock. Default time.Now.
	Now func() time.Time
	// Evaluations give the evaluation every page renders. Required.
	Evaluations Evaluations
	// PrepareReport, when set, completes a report before it is written
	// (office overrides, the dispatch reference).
	PrepareReport func(ctx context.Context, r *export.Report) error
	// InspectClaim fetches a URL a unit claims as a missed post and returns
	// what it holds (title, date, images; URL canonical), for the office to
	// judge. Notes for the office may be returned as flags (not_post …).
	// When nil, claims are recorded uninspected.
	InspectClaim func(ctx context.Context, unitID, url string) (store.Post, error)
	// Logger receives request errors. Default slog.Default().
	Logger *slog.Logger
}

// Server renders the pages. It is safe for concurrent use.
type Server struct {
	cfg     *config.Config
	store   Store
	now     func() time.Time
	evals   Evaluations
	prepare func(ctx context.Context, r *export.Report) error
	inspect func(ctx context.Context, unitID, url string) (store.Post, error)
	log     *slog.Logger
	pages   map[string]*template.Template
	cache   *pageCache
}

// New returns a Server. It panics only if the embedded templates do not
// parse, which the tests rule out.
func New(opts Options) *Server {
	s := &Server{
		cfg: opts.Config, store: opts.Store, now: opts.Now, evals: opts.Evaluations,
		prepare: opts.PrepareReport, inspect: opts.InspectClaim, log: opts.Logger,
		cache: newPageCache(),
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.pages = map[string]*template.Template{}
	for _, name := range []string{"index", "unit", "claim", "error"} {
		s.pages[name] = template.Must(template.New("base.html").Funcs(templateFuncs()).ParseFS(templateFS, "templates/base.html", "templates/claims.html", "templates/charts.html", "templates/"+name+".html"))
	}
	return s
}

// Handler returns the routes of the pages:
//
//	GET  /                    overview of every unit (?block=, ?kind= filter)
//	GET  /unit/{id}           one unit (?quarter=2026Q4 picks the quarter)
//	GET  /unit/{id}/claim     the claim form of a unit on a page of its own
//	POST /unit/{id}/claim     a unit's claim of a missed post (url, by, note): inspected, then pending
//	POST /unit/{id}/override  an office override (url, action, date, why); needs a user
//	POST /claims/{id}/decide  approve or reject a claim (decision, reason); needs a user
//	GET  /export              the report (?quarter=|month=|from=&to=, format=xlsx|csv, part=summary|posts)
//
// Every POST must come from a page of the same origin (see sameOrigin). The
// office actions are recorded under the user that WithUser put in the
// request's context and answer 403 without one; the handler itself checks
// no password: the caller (the service) does, and decides which routes need
// one.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.handleIndex)
	mux.HandleFunc("GET /unit/{id}", s.handleUnit)
	mux.HandleFunc("GET /unit/{id}/claim", s.handleClaimPage)
	mux.HandleFunc("POST /unit/{id}/claim", s.handleClaim)
	mux.HandleFunc("POST /unit/{id}/override", s.handleOverride)
	mux.HandleFunc("POST /claims/{id}/decide", s.handleDecide)
	mux.HandleFunc("GET /export", s.handleExport)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, http.StatusNotFound, "Không tìm thấy trang này.")
	})
	return securityHeaders(s.sameOrigin(mux))
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
		// same-origin, not no-referrer: with no-referrer a browser sends
		// "Origin: null" on form posts and the same-origin check could not
		// tell our own forms from another site's. Links to units' sites
		// still carry no referrer.
		h.Set("Referrer-Policy", "same-origin")
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
	// Render fully before sending, so a template error becomes a 500 and
	// not half a page.
	b, err := s.execute(name, title, nonceOf(r), s.nowText(), data)
	if err != nil {
		s.log.Error("render page", "page", name, "err", err)
		http.Error(w, "lỗi hiển thị trang", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// execute renders page name with its data.
func (s *Server) execute(name, title, nonce, now string, data any) ([]byte, error) {
	p := page{Title: title, Nonce: nonce, Now: now, Zone: s.cfg.Location.String(), Data: data}
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "base.html", p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// nowText is the current time as the pages show it.
func (s *Server) nowText() string { return s.now().In(s.cfg.Location).Format("15:04 02/01/2006") }

// errorView is what the error page shows.
type errorView struct {
	Message string
	// Back is a page to return to, besides the overview.
	Back string
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.render(w, r, status, "error", statusTitle(status), errorView{Message: msg})
}

func (s *Server) renderErrorBack(w http.ResponseWriter, r *http.Request, status int, msg, back string) {
	s.render(w, r, status, "error", statusTitle(status), errorView{Message: msg, Back: back})
}

// statusTitle is the Vietnamese heading of an error page.
func statusTitle(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "Yêu cầu chưa hợp lệ"
	case http.StatusForbidden:
		return "Không được phép"
	case http.StatusNotFound:
		return "Không tìm thấy"
	case http.StatusConflict:
		return "Không thực hiện được"
	case http.StatusTooManyRequests:
		return "Quá nhiều đề nghị"
	case http.StatusInternalServerError:
		return "Lỗi máy chủ"
	}
	return http.StatusText(status)
}

// fail logs an internal error and shows a generic page.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("request failed", "path", r.URL.Path, "err", err)
	s.renderError(w, r, http.StatusInternalServerError, "Đã có lỗi khi đọc dữ liệu. Vui lòng thử lại sau hoặc báo cho quản trị viên.")
}
