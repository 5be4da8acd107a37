package service

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"golang.org/x/sync/errgroup"

	"sitewatch/config"
	"sitewatch/crawler"
	"sitewatch/evaluation"
	"sitewatch/metrics"
	"sitewatch/notify"
	"sitewatch/store"
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
	// ConfigPath is re-read on SIGHUP (see Reload); empty disables reloads.
	ConfigPath string
	// NotifySender, when set, delivers the notices instead of the SMTP
	// server of settings.notify.
	NotifySender notify.Sender
	// NotifyWait is the clock of the notices' retries. Default notify.Wait.
	NotifyWait func(ctx context.Context, d time.Duration) error
	// Getenv reads the SMTP password's variable. Default os.Getenv.
	Getenv func(string) string
	// AfterNotice, when set, is called after the outcome of each notice is
	// counted in the metrics.
	AfterNotice func(block string, err error)
}

// Service is sitewatch serve.
type Service struct {
	o       Options
	reg     *prometheus.Registry // sitewatch families, rendered per snapshot
	runtime *prometheus.Registry // Go runtime and process, gathered per scrape
	expo    Exposition
	metrics *metrics.Metrics
	runner  *crawler.Runner
	mu      sync.Mutex // one crawl run at a time
	cfg     atomic.Pointer[config.Config]
	handler atomic.Pointer[http.Handler]
	ready   atomic.Bool
	lastRun atomic.Int64
	// notices delivers the notices to block leaders (nil without settings.notify).
	notices *notify.Queue
	evalMu  sync.Mutex // one evaluation at a time, swapped in order
	eval    atomic.Pointer[evaluation.Evaluation]
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
	rt := prometheus.NewRegistry()
	rt.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	s := &Service{o: o, reg: reg, runtime: rt, metrics: metrics.New(reg)}
	s.cfg.Store(o.Config)
	s.metrics.SetConfigReload(true, o.Now())
	s.rerender()
	s.runner = &crawler.Runner{Store: o.Store, Logger: o.Logger}
	if o.Getenv == nil {
		s.o.Getenv = os.Getenv
	}
	if n := o.Config.Settings.Notify; n != nil {
		s.newNotifyQueue(n)
		s.rerender()
	}
	return s
}

// rerender refreshes the cached exposition after the metrics changed.
func (s *Service) rerender() {
	// The sitewatch registry holds the metrics alone: their text is written
	// straight from the snapshot (metrics.WriteText), without gathering a
	// tree of 65,000 samples per province.
	if err := s.expo.RenderText(s.metrics.WriteText); err != nil {
		s.o.Logger.Error("render metrics", "err", err)
	}
}

// SyncUnits mirrors the registry's units into the database. Units no longer
// in the registry stay (with their history) but are marked disabled.
func SyncUnits(ctx context.Context, st *store.Store, cfg *config.Config, now time.Time) error {
	units := make([]store.Unit, 0, len(cfg.Units))
	for _, u := range cfg.Units {
		units = append(units, store.Unit{ID: u.ID, Name: u.Name, Kind: u.Kind, Block: u.Block, URL: u.URL, Enabled: u.IsEnabled(), Retired: u.Retired})
	}
	return st.SyncUnits(ctx, units, now)
}

// config is the registry in force (swapped by Reload).
func (s *Service) config() *config.Config { return s.cfg.Load() }

// Reload re-reads the registry: a valid file replaces the one in force
// (units synced to the database, pages rebuilt); an invalid one is logged,
// counted in sitewatch_config_last_reload_successful and changes nothing.
func (s *Service) Reload(ctx context.Context) error {
	cfg, err := config.Load(s.o.ConfigPath)
	if err == nil && cfg.Settings.Database != s.config().Settings.Database {
		err = fmt.Errorf("settings.database changed from %s to %s: restart sitewatch to switch databases", s.config().Settings.Database, cfg.Settings.Database)
	}
	if err != nil {
		s.metrics.SetConfigReload(false, s.o.Now())
		s.rerender()
		return wrap("reload", err)
	}
	if err := SyncUnits(ctx, s.o.Store, cfg, s.o.Now()); err != nil {
		s.metrics.SetConfigReload(false, s.o.Now())
		s.rerender()
		return wrap("reload", err)
	}
	s.mu.Lock() // not in the middle of a crawl run
	s.cfg.Store(cfg)
	s.mu.Unlock()
	h := s.buildHandler()
	s.handler.Store(&h)
	s.metrics.SetConfigReload(true, s.o.Now())
	return s.Refresh(ctx)
}

// CrawlAll runs one crawl of every enabled unit and refreshes the snapshot.
func (s *Service) CrawlAll(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var units []*config.Unit
	cfg := s.config()
	for _, u := range cfg.Units {
		if u.IsEnabled() {
			units = append(units, u)
		}
	}
	// Fresh lookback window for each run.
	s.runner.Config, s.runner.Workers = cfg, cfg.Settings.Workers
	s.runner.Crawler = crawler.New(crawler.FromConfig(cfg, s.o.Now, s.o.Logger))
	start := time.Now()
	s.runner.Run(ctx, units)
	s.runner.Crawler.CloseIdleConnections() // the next run builds a new crawler
	s.lastRun.Store(s.o.Now().Unix())
	s.o.Logger.Info("crawl run finished", "units", len(units), "duration", time.Since(start).Round(time.Millisecond))
	if err := s.Refresh(context.WithoutCancel(ctx)); err != nil {
		s.o.Logger.Error("refresh after crawl", "err", err)
	}
	if s.o.AfterCrawl != nil {
		s.o.AfterCrawl()
	}
}

// Handler returns every route of the service; it follows reloads.
func (s *Service) Handler() http.Handler {
	if s.handler.Load() == nil {
		h := s.buildHandler()
		s.handler.Store(&h)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { (*s.handler.Load()).ServeHTTP(w, r) })
}

func (s *Service) buildHandler() http.Handler {
	cfg := s.config()
	mux := http.NewServeMux()
	metricsH := s.fresh(s.expo.Handler(s.runtime))
	auth := cfg.Settings.Auth
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
	s.mountPages(mux, cfg)
	return mux
}

// fresh makes sure the snapshot is of today before next serves (see
// Current): a scrape after midnight reads today's days and month.
func (s *Service) fresh(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := s.Current(r.Context()); err != nil {
			s.o.Logger.Error("evaluate", "err", err)
		}
		next.ServeHTTP(w, r)
	})
}

// basicAuth lets through the requests that carry the password of a user of
// settings.auth (see requireUser).
func (s *Service) basicAuth(next http.Handler) http.Handler {
	return s.requireUser(s.config().Settings.Auth.Users, next)
}

// newServer returns the HTTP server of Run. Every timeout is set, so that
// a client that stalls (slow headers, slow body, idle keep-alive) cannot
// hold a connection open for long.
func (s *Service) newServer() *http.Server {
	return &http.Server{
		Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10,
		ErrorLog: slog.NewLogLogger(s.o.Logger.Handler(), slog.LevelWarn),
	}
}

// Run serves until ctx is done: scheduler, optional crawl at start and the
// HTTP server under one errgroup. Shutdown stops scheduling, lets a running
// crawl finish writing its current units, then stops the server.
func (s *Service) Run(ctx context.Context) error {
	if err := SyncUnits(ctx, s.o.Store, s.config(), s.o.Now()); err != nil {
		return wrap("sync units", err)
	}
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
	srv := s.newServer()
	sched, err := crawler.NewScheduler(s.config().Settings.Schedule, s.config().Location, s.o.Now)
	if err != nil {
		return err
	}
	g, gctx := errgroup.WithContext(ctx)
	if n := s.config().Settings.Notify; n != nil && s.notices != nil {
		// Notices are built and delivered apart from the crawls: their own
		// schedule, their own queue.
		nsched, err := crawler.NewScheduler([]string{n.Schedule}, s.config().Location, s.o.Now)
		if err != nil {
			return wrap("notify schedule", err)
		}
		g.Go(func() error { return s.notices.Run(gctx) })
		g.Go(func() error { return nsched.Run(gctx, s.SendNotices) })
	}
	if s.o.ConfigPath != "" {
		hup := make(chan os.Signal, 1)
		signal.Notify(hup, syscall.SIGHUP)
		g.Go(func() error {
			defer signal.Stop(hup)
			for {
				select {
				case <-gctx.Done():
					return nil
				case <-hup:
					if err := s.Reload(gctx); err != nil {
						s.o.Logger.Error("configuration reload failed; keeping the previous one", "err", err)
					} else {
						s.o.Logger.Info("configuration reloaded", "path", s.o.ConfigPath)
					}
				}
			}
		})
	}
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
		if s.o.CrawlOnStart || s.config().Settings.CrawlOnStart {
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
