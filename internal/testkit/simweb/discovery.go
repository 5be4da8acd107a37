package simweb

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Defaults of Discovery.
const (
	// DefaultDiscoverySites is how many sites each seed generates.
	DefaultDiscoverySites = 6
	// DefaultDiscoveryPageBytes is the page size the harness serves
	// (pages weigh 70-130 % of it): real unit sites weigh 40-120 KB.
	DefaultDiscoveryPageBytes = 60_000
	// DefaultDiscoveryParallel is how many sites are crawled at once.
	DefaultDiscoveryParallel = 4
	// DefaultLookbackDays is the window of the harness, counted back from Now.
	DefaultLookbackDays = 90
)

// Discovery says what RunDiscovery generates, serves and scores. The zero
// value is usable.
type Discovery struct {
	// Seeds are the webs to generate, one per seed. Default 1..20.
	Seeds []int64
	// Sites per seed. Default DefaultDiscoverySites.
	Sites int
	// Options of Generate; Seed is taken from Seeds. Zero Styles default
	// to DiscoveryStyles(), zero PageBytes to DefaultDiscoveryPageBytes;
	// a negative PageBytes serves pages at their natural size (10-30 KB),
	// which parses faster.
	Options Options
	// Since is the first day of the window (default Now minus
	// DefaultLookbackDays). The window ends on Now's day.
	Since time.Time
	// Parallel is how many sites are crawled at once. Default DefaultDiscoveryParallel.
	Parallel int
}

// CrawlFunc crawls one served site from its root URL ("http://127.0.0.1:port/")
// and returns the posts it found in the window.
type CrawlFunc func(ctx context.Context, site *Site, root string) ([]Found, error)

// SeedScore is the score of one seed's web.
type SeedScore struct {
	Seed  int64       `json:"seed"`
	Sites []SiteScore `json:"sites"`
	// Total sums the sites (its ratios are over all posts of the seed).
	Total SiteScore `json:"total"`
	// Requests is how many requests the sites answered, in total.
	Requests int64 `json:"requests"`
}

// DiscoveryReport is what RunDiscovery measured.
type DiscoveryReport struct {
	Window Window      `json:"window"`
	Seeds  []SeedScore `json:"seeds"`
}

// Stat is the minimum and median of a metric over seeds.
type Stat struct{ Min, Median float64 }

func stat(xs []float64) Stat {
	if len(xs) == 0 {
		return Stat{}
	}
	s := slices.Clone(xs)
	sort.Float64s(s)
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return Stat{Min: s[0], Median: med}
}

// Over returns the minimum and median over seeds of metric applied to each
// seed's total.
func (r *DiscoveryReport) Over(metric func(SiteScore) float64) Stat {
	xs := make([]float64, len(r.Seeds))
	for i, s := range r.Seeds {
		xs[i] = metric(s.Total)
	}
	return stat(xs)
}

// Recall, Precision, Dates and Cells are Over the corresponding metric.
func (r *DiscoveryReport) Recall() Stat    { return r.Over(SiteScore.Recall) }
func (r *DiscoveryReport) Precision() Stat { return r.Over(SiteScore.Precision) }
func (r *DiscoveryReport) Dates() Stat     { return r.Over(SiteScore.DateAccuracy) }
func (r *DiscoveryReport) Cells() Stat     { return r.Over(SiteScore.CellAccuracy) }

// BySchemes totals the sites of every seed by URL scheme family.
func (r *DiscoveryReport) ByScheme() map[string]SiteScore {
	out := map[string]SiteScore{}
	for _, s := range r.Seeds {
		for _, site := range s.Sites {
			k := "(none)"
			if site.Layout != nil {
				k = site.Layout.Scheme
			}
			t := out[k]
			t.Site = k
			t.add(site)
			out[k] = t
		}
	}
	return out
}

// String renders the report: min and median over seeds, then totals by
// URL scheme family.
func (r *DiscoveryReport) String() string {
	var b strings.Builder
	pc := func(s Stat) string { return fmt.Sprintf("min %5.1f%% median %5.1f%%", 100*s.Min, 100*s.Median) }
	fmt.Fprintf(&b, "%d seeds, window %s..%s\n", len(r.Seeds), r.Window.day(r.Window.From), r.Window.day(r.Window.To))
	fmt.Fprintf(&b, "recall     %s\nprecision  %s\ndates      %s\ncells      %s\n", pc(r.Recall()), pc(r.Precision()), pc(r.Dates()), pc(r.Cells()))
	var perSite []float64
	for _, s := range r.Seeds {
		for _, site := range s.Sites {
			perSite = append(perSite, float64(site.Requests))
		}
	}
	req := stat(perSite)
	fmt.Fprintf(&b, "requests   per site: min %.0f median %.0f max %.0f\n", req.Min, req.Median, slices.Max(append(perSite, 0)))
	by := r.ByScheme()
	keys := make([]string, 0, len(by))
	for k := range by {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintf(&b, "%-14s %9s %7s %7s %7s %7s  %s\n", "scheme", "found", "recall", "prec", "dates", "cells", "false (pages/dup/old)")
	for _, k := range keys {
		t := by[k]
		fmt.Fprintf(&b, "%-14s %4d/%-4d %6.1f%% %6.1f%% %6.1f%% %6.1f%%  %d (%d/%d/%d)\n", k, t.Found, t.Truth, 100*t.Recall(), 100*t.Precision(), 100*t.DateAccuracy(), 100*t.CellAccuracy(), t.False, t.FalsePages, t.FalseDup, t.FalseOld)
	}
	return b.String()
}

// RunDiscovery generates a web per seed, serves it on loopback, crawls
// every site with crawl and scores what it found against the truth.
func RunDiscovery(ctx context.Context, d Discovery, crawl CrawlFunc) (*DiscoveryReport, error) {
	if len(d.Seeds) == 0 {
		for i := range 20 {
			d.Seeds = append(d.Seeds, int64(i+1))
		}
	}
	if d.Sites <= 0 {
		d.Sites = DefaultDiscoverySites
	}
	if d.Parallel <= 0 {
		d.Parallel = DefaultDiscoveryParallel
	}
	o := d.Options
	if len(o.Styles) == 0 {
		o.Styles = DiscoveryStyles()
	}
	switch {
	case o.PageBytes == 0:
		o.PageBytes = DefaultDiscoveryPageBytes
	case o.PageBytes < 0:
		o.PageBytes = 0
	}
	o = o.withDefaults()
	since := d.Since
	if since.IsZero() {
		since = o.Now.AddDate(0, 0, -DefaultLookbackDays)
	}
	rep := &DiscoveryReport{Window: Window{From: since, To: o.Now}}
	for _, seed := range d.Seeds {
		o.Seed = seed
		ss, err := runSeed(ctx, o, d, rep.Window, crawl)
		if err != nil {
			return rep, fmt.Errorf("simweb: seed %d: %w", seed, err)
		}
		rep.Seeds = append(rep.Seeds, ss)
	}
	return rep, nil
}

func runSeed(ctx context.Context, o Options, d Discovery, w Window, crawl CrawlFunc) (SeedScore, error) {
	sites := Generate(o, d.Sites)
	web, err := Start(sites)
	if err != nil {
		return SeedScore{}, err
	}
	defer web.Close()
	ss := SeedScore{Seed: o.Seed, Sites: make([]SiteScore, len(sites))}
	errs := make([]error, len(sites))
	sem := make(chan struct{}, d.Parallel)
	var wg sync.WaitGroup
	for i, s := range sites {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				errs[i] = ctx.Err()
				return
			}
			defer func() { <-sem }()
			found, err := crawl(ctx, s, web.URL(s.Name)+"/")
			if err != nil {
				errs[i] = fmt.Errorf("%s: %w", s.Name, err)
				return
			}
			ss.Sites[i] = Score(s.SiteTruth(), found, w)
			ss.Sites[i].Requests = s.Stats().Requests
		}()
	}
	wg.Wait()
	for i, s := range ss.Sites {
		if errs[i] != nil {
			return ss, errs[i]
		}
		ss.Total.add(s)
	}
	ss.Total.Site = fmt.Sprintf("seed %d", o.Seed)
	ss.Requests = web.Total().Requests
	ss.Total.Requests = ss.Requests
	return ss, nil
}
