package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"sitewatch/config"
	"sitewatch/crawler"
	"sitewatch/internal/testkit/simweb"
	"sitewatch/store"
)

// DefaultLookbackDays is one quarter.
const DefaultLookbackDays = 92

// Registry returns the config of a served web: every site registered at its
// loopback URL, private networks allowed, lookback one quarter, the given
// number of workers, the database at db.
func Registry(sites []*simweb.Site, urlOf func(name string) string, db string, workers int) (*config.Config, error) {
	if workers <= 0 {
		workers = config.DefaultWorkers
	}
	y := simweb.SitesYAML(sites, urlOf, simweb.RegistryOptions{Settings: map[string]string{
		"database":      fmt.Sprintf("%q", db),
		"lookback_days": fmt.Sprint(DefaultLookbackDays),
		"workers":       fmt.Sprint(workers),
	}})
	cfg, err := config.Parse("bench-sites.yaml", y)
	if err != nil {
		return nil, fmt.Errorf("bench: registry: %w", err)
	}
	return cfg, nil
}

// CrawlOptions say how to crawl a registry.
type CrawlOptions struct {
	// Config is the registry; its Settings.Database is the SQLite file.
	Config *config.Config
	// Start is where the crawler's clock starts; it then runs with the wall
	// clock. Default simweb.DefaultNow() (the fixed present of the sites).
	Start time.Time
	// Workers overrides Config.Settings.Workers when positive.
	Workers int
	// Delay between two requests to one host. Zero (the default here) takes
	// politeness waits out of the measurement: what is left is the
	// crawler's own cost. One connection per host holds whatever the delay.
	Delay time.Duration
	// Logger, default discard.
	Logger *slog.Logger
}

// UnitCost is what crawling one unit cost.
type UnitCost struct {
	ID          string  `json:"id"`
	Outcome     string  `json:"outcome"`
	Reason      string  `json:"reason,omitempty"`
	Requests    int     `json:"requests"`
	NotModified int     `json:"not_modified"`
	Bytes       int64   `json:"bytes"`
	Posts       int     `json:"posts"`
	Seconds     float64 `json:"seconds"`
}

// CrawlResult is the cost of one crawl run over every unit.
type CrawlResult struct {
	Units       int     `json:"units"`
	WallSeconds float64 `json:"wall_seconds"`
	// CPUSeconds is user+sys of this process during the run (getrusage).
	CPUSeconds  float64 `json:"cpu_seconds"`
	Requests    int     `json:"requests"`
	NotModified int     `json:"not_modified"`
	// Bytes are response body bytes as the crawler read them (decompressed).
	Bytes      int64      `json:"bytes"`
	Posts      int        `json:"posts"`
	Failed     int        `json:"failed"`
	Partial    int        `json:"partial"`
	SaveErrors int        `json:"save_errors"`
	PerUnit    []UnitCost `json:"per_unit"`
	// PeakRSSBytes is this process's VmHWM at the end of the run.
	PeakRSSBytes int64 `json:"peak_rss_bytes"`
	// SaveSeconds is the time spent in store.SaveCrawl (one SQLite
	// transaction per unit, waiting for the single writer included).
	SaveSeconds float64 `json:"save_seconds"`
}

// timedStore times SaveCrawl; it is safe for concurrent use like the store.
type timedStore struct {
	*store.Store
	mu   sync.Mutex
	save time.Duration
}

// SaveCrawl is store.Store.SaveCrawl, timed.
func (t *timedStore) SaveCrawl(ctx context.Context, r *store.CrawlResult) (store.SaveSummary, error) {
	start := time.Now()
	s, err := t.Store.SaveCrawl(ctx, r)
	d := time.Since(start)
	t.mu.Lock()
	t.save += d
	t.mu.Unlock()
	return s, err
}

// Crawl crawls every enabled unit of o.Config once with crawler.Runner into
// the configured SQLite database, as `sitewatch crawl` does.
func Crawl(ctx context.Context, o CrawlOptions) (*CrawlResult, error) {
	cfg := o.Config
	start := o.Start
	if start.IsZero() {
		start = simweb.DefaultNow()
	}
	logger := o.Logger
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	st, err := store.Open(ctx, cfg.Settings.Database)
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	defer st.Close()
	units := make([]store.Unit, 0, len(cfg.Units))
	var targets []*config.Unit
	for _, u := range cfg.Units {
		units = append(units, store.Unit{ID: u.ID, Name: u.Name, Kind: u.Kind, Block: u.Block, URL: u.URL, Enabled: u.IsEnabled(), Retired: u.Retired})
		if u.IsEnabled() {
			targets = append(targets, u)
		}
	}
	if err := st.SyncUnits(ctx, units, start); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	wall := time.Now()
	now := func() time.Time { return start.Add(time.Since(wall)) }
	co := crawler.FromConfig(cfg, now, logger)
	co.Delay = o.Delay
	workers := cfg.Settings.Workers
	if o.Workers > 0 {
		workers = o.Workers
	}
	ts := &timedStore{Store: st}
	r := &crawler.Runner{Crawler: crawler.New(co), Store: ts, Config: cfg, Workers: workers, Logger: logger}
	cpu0 := CPUTime()
	sums := r.Run(ctx, targets)
	res := &CrawlResult{Units: len(targets), WallSeconds: time.Since(wall).Seconds(), CPUSeconds: (CPUTime() - cpu0).Seconds()}
	for _, s := range sums {
		if s.Unit == nil {
			continue
		}
		c := s.Crawl
		res.Requests += c.Requests
		res.NotModified += c.NotModified
		res.Bytes += c.Bytes
		res.Posts += s.Found
		switch c.Outcome {
		case store.OutcomeFailed:
			res.Failed++
		case store.OutcomePartial:
			res.Partial++
		}
		if s.SaveErr != nil {
			res.SaveErrors++
		}
		res.PerUnit = append(res.PerUnit, UnitCost{ID: s.Unit.ID, Outcome: c.Outcome, Reason: c.ErrorReason, Requests: c.Requests,
			NotModified: c.NotModified, Bytes: c.Bytes, Posts: s.Found, Seconds: s.Duration.Seconds()})
	}
	res.PeakRSSBytes = PeakRSS()
	res.SaveSeconds = ts.save.Seconds()
	return res, ctx.Err()
}
