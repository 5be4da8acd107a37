package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"time"

	"sitewatch/config"
	"sitewatch/service"
	"sitewatch/store"
)

// Defaults of MeasurePages: the load, 10 office staff viewing at once.
const (
	DefaultPageViews       = 200
	DefaultPageConcurrency = 10
	// pageAloneViews are timed one after the other before the load.
	pageAloneViews = 5
)

// PagesOptions say which status pages to load and how.
type PagesOptions struct {
	Config *config.Config
	Store  *store.Store
	// Now is the service's clock (default: the newest crawl's finish).
	Now time.Time
	// Views of the overview under load (default DefaultPageViews), by
	// Concurrency clients at once (default DefaultPageConcurrency).
	Views, Concurrency int
}

// PagesResult is what the status pages cost, served as `sitewatch serve`
// serves them (service.Handler over a loopback listener).
type PagesResult struct {
	Units int `json:"units"`
	Posts int `json:"posts"`
	// Refresh is service.Refresh: the evaluation and snapshot after a crawl.
	Refresh time.Duration `json:"refresh_ns"`
	// Alone is the median of pageAloneViews views of "/" one at a time;
	// UnitAlone the same for one unit's page.
	Alone     time.Duration `json:"alone_ns"`
	UnitAlone time.Duration `json:"unit_alone_ns"`
	// Mean, P95 and Max are per view of "/" with Concurrency clients.
	Views       int           `json:"views"`
	Concurrency int           `json:"concurrency"`
	Mean        time.Duration `json:"mean_ns"`
	P95         time.Duration `json:"p95_ns"`
	Max         time.Duration `json:"max_ns"`
	Errors      int           `json:"errors"`
	PageBytes   int           `json:"page_bytes"`
	// RSSBytes is the process's resident set after the load, PeakRSSBytes its
	// peak; RefreshPeakRSSBytes is the peak once the snapshot was built,
	// before any view.
	RSSBytes            int64 `json:"rss_bytes"`
	PeakRSSBytes        int64 `json:"peak_rss_bytes"`
	RefreshPeakRSSBytes int64 `json:"refresh_peak_rss_bytes"`
}

// MeasurePages builds the service on o.Store, refreshes it once as serve
// does after a crawl, and times views of the overview alone and under load.
func MeasurePages(ctx context.Context, o PagesOptions) (*PagesResult, error) {
	if o.Views <= 0 {
		o.Views = DefaultPageViews
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultPageConcurrency
	}
	now := o.Now
	latest, err := o.Store.LatestCrawls(ctx)
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	if now.IsZero() {
		for _, c := range latest {
			if c.Finished.After(now) {
				now = c.Finished
			}
		}
	}
	svc := service.New(service.Options{Config: o.Config, Store: o.Store, Now: func() time.Time { return now },
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	res := &PagesResult{Units: len(o.Config.Units), Views: o.Views, Concurrency: o.Concurrency}
	start := time.Now()
	if err := svc.Refresh(ctx); err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	res.Refresh = time.Since(start)
	res.RefreshPeakRSSBytes = PeakRSS()
	srv := httptest.NewServer(svc.Handler())
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: o.Concurrency}, Timeout: time.Minute}
	defer client.CloseIdleConnections()
	view := func(path string) (time.Duration, int, error) {
		start := time.Now()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+path, nil)
		if err != nil {
			return 0, 0, err
		}
		resp, err := client.Do(req)
		if err != nil {
			return 0, 0, err
		}
		n, err := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err == nil && resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("bench: GET %s: %s", path, resp.Status)
		}
		return time.Since(start), int(n), err
	}
	alone := func(path string) (time.Duration, error) {
		var ds []time.Duration
		for i := 0; i < pageAloneViews+1; i++ {
			d, n, err := view(path)
			if err != nil {
				return 0, err
			}
			if path == "/" {
				res.PageBytes = n
			}
			if i > 0 { // the first view warms the connection
				ds = append(ds, d)
			}
		}
		return median(ds), nil
	}
	if res.Alone, err = alone("/"); err != nil {
		return nil, err
	}
	if len(o.Config.Units) > 0 {
		if res.UnitAlone, err = alone("/unit/" + o.Config.Units[0].ID); err != nil {
			return nil, err
		}
	}
	var mu sync.Mutex
	var ds []time.Duration
	jobs := make(chan struct{})
	var wg sync.WaitGroup
	for c := 0; c < o.Concurrency; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range jobs {
				d, _, err := view("/")
				mu.Lock()
				if err != nil {
					res.Errors++
				} else {
					ds = append(ds, d)
				}
				mu.Unlock()
			}
		}()
	}
	for i := 0; i < o.Views; i++ {
		jobs <- struct{}{}
	}
	close(jobs)
	wg.Wait()
	if len(ds) > 0 {
		var sum time.Duration
		for _, d := range ds {
			sum += d
		}
		res.Mean = sum / time.Duration(len(ds))
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		res.Max = ds[len(ds)-1]
		res.P95 = percentile(ds, 0.95)
	}
	res.RSSBytes, res.PeakRSSBytes = RSS(), PeakRSS()
	posts, err := o.Store.Posts(ctx, store.PostFilter{IncludeGone: true})
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	res.Posts = len(posts)
	return res, nil
}
