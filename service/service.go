package service

import (
	"context"
	"crypto/subtle"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"golang.org/x/crypto/bcrypt"
	"golang.org/x/sync/errgroup"

	"sitewatch/checks"
	"sitewatch/config"
	"sitewatch/crawler"
	"sitewatch/export"
	"sitewatch/metrics"
	"sitewatch/store"
	"sitewatch/web"
)

// Options configure a Service.
type Options struct {
	Config *config.Config
	Store  *store.Store
	// Listen overrides settings.listen.
	Listen string
	// Listener, when set, is used instead of listening on Listen (tests).
	Listener net.Listener
	// CrawlOnStart overrides settings.crawl_on_start when true.
	CrawlOnStart bool
	Now          func() time.Time
	Logger       *slog.Logger
	// Ready, when set, is called with the address once the server listens.
	Ready func(addr string)
	// AfterCrawl, when set, is called after each crawl run and evaluation.
	AfterCrawl func()
}

// Service is sitewatch serve.
type Service struct {
	o       Options
	reg     *prometheus.Registry
	metrics *metrics.Metrics
	runner  *crawler.Runner
	mu      sync.Mutex // one crawl run at a time
	ready   atomic.Bool
	lastRun atomic.Int64
}

// New builds a Service.
func New(o Options) *Service {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Listen == "" {
		o.Listen = o.Config.Settings.Listen
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	s := &Service{o: o, reg: reg, metrics: metrics.New(reg)}
	s.runner = &crawler.Runner{
		Crawler: crawler.New(crawler.FromConfig(o.Config, o.Now, o.Logger)),
		Store:   o.Store, Config: o.Config, Workers: o.Config.Settings.Workers, Logger: o.Logger,
	}
	return s
}

// CrawlAll runs one crawl of every enabled unit and refreshes the snapshot.
func (s *Service) CrawlAll(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var units []*config.Unit
	for _, u := range s.o.Config.Units {
		if u.IsEnabled() {
			units = append(units, u)
		}
	}
	// Fresh lookback window for each run.
	s.runner.Crawler = crawler.New(crawler.FromConfig(s.o.Config, s.o.Now, s.o.Logger))
	start := time.Now()
	s.runner.Run(ctx, units)
	s.lastRun.Store(s.o.Now().Unix())
	s.o.Logger.Info("crawl run finished", "units", len(units), "duration", time.Since(start).Round(time.Millisecond))
	if err := s.Refresh(context.WithoutCancel(ctx)); err != nil {
		s.o.Logger.Error("refresh after crawl", "err", err)
	}
	if s.o.AfterCrawl != nil {
		s.o.AfterCrawl()
	}
}

// Refresh re-evaluates every unit and swaps the metrics snapshot.
func (s *Service) Refresh(ctx context.Context) error {
	ev, err := Evaluate(ctx, s.o.Config, s.o.Store, s.o.Now(), tallyZero)
	if err != nil {
		return wrap("evaluate", err)
	}
	var lastRun time.Time
	if v := s.lastRun.Load(); v > 0 {
		lastRun = time.Unix(v, 0)
	}
	s.metrics.Update(ev.Snapshot(s.o.Config, lastRun))
	s.ready.Store(true)
	return nil
}

// Handler returns every route of the service.
func (s *Service) Handler() http.Handler {
	mux := http.NewServeMux()
	metricsH := promhttp.HandlerFor(s.reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
	auth := s.o.Config.Settings.Auth
	if auth != nil && auth.ProtectMetrics {
		metricsH = s.basicAuth(metricsH)
	}
	mux.Handle("GET /metrics", metricsH)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ok\n")) })
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		if !s.ready.Load() {
			http.Error(w, "not ready: first evaluation pending", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ready\n"))
	})
	pages := web.New(web.Options{
		Config: s.o.Config, Store: s.o.Store, Now: s.o.Now, Logger: s.o.Logger,
		Checks: func(ctx context.Context, unitID string) ([]web.CheckRow, error) {
			ev, err := Evaluate(ctx, s.o.Config, s.o.Store, s.o.Now(), tallyZero)
			if err != nil {
				return nil, err
			}
			var rows []web.CheckRow
			for _, r := range ev.Checks[unitID] {
				rows = append(rows, web.CheckRow{Check: r.Check, Label: checks.CheckLabel(r.Check), OK: r.OK, State: r.State, Reason: r.Reason, Details: r.Details})
			}
			return rows, nil
		},
		PrepareReport: func(context.Context, *export.Report) error { return nil },
	}).Handler()
	if auth != nil && len(auth.Users) > 0 {
		pages = s.basicAuth(pages)
	}
	mux.Handle("/", pages)
	return mux
}

func (s *Service) basicAuth(next http.Handler) http.Handler {
	users := s.o.Config.Settings.Auth.Users
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, p, ok := r.BasicAuth()
		hash, known := users[u]
		if !ok || !known || bcrypt.CompareHashAndPassword([]byte(hash), []byte(p)) != nil {
			// Compare anyway to keep timing similar for unknown users.
			subtle.ConstantTimeCompare([]byte(u), []byte(u))
			w.Header().Set("WWW-Authenticate", `Basic realm="sitewatch", charset="UTF-8"`)
			http.Error(w, "Cần đăng nhập", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Run serves until ctx is done: scheduler, optional crawl at start and the
// HTTP server under one errgroup. Shutdown stops scheduling, lets a running
// crawl finish writing its current units, then stops the server.
func (s *Service) Run(ctx context.Context) error {
	if err := s.Refresh(ctx); err != nil {
		return err
	}
	ln := s.o.Listener
	if ln == nil {
		var err error
		ln, err = net.Listen("tcp", s.o.Listen)
		if err != nil {
			return wrap("listen", err)
		}
	}
	srv := &http.Server{
		Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute, ErrorLog: slog.NewLogLogger(s.o.Logger.Handler(), slog.LevelWarn),
	}
	sched, err := crawler.NewScheduler(s.o.Config.Settings.Schedule, s.o.Config.Location, s.o.Now)
	if err != nil {
		return err
	}
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		s.o.Logger.Info("listening", "addr", ln.Addr().String())
		if s.o.Ready != nil {
			s.o.Ready(ln.Addr().String())
		}
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			return wrap("serve", err)
		}
		return nil
	})
	g.Go(func() error {
		if s.o.CrawlOnStart || s.o.Config.Settings.CrawlOnStart {
			s.CrawlAll(gctx)
		}
		err := sched.Run(gctx, s.CrawlAll)
		// Scheduling stopped (and any crawl run returned): stop the server.
		shCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		if serr := srv.Shutdown(shCtx); serr != nil {
			s.o.Logger.Warn("shutdown", "err", serr)
		}
		return err
	})
	return g.Wait()
}
