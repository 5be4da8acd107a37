package export

import (
	"context"
	"fmt"
	"time"

	"sitewatch/config"
	"sitewatch/store"
	"sitewatch/tally"
)

// Source is what Build reads from the store. *store.Store implements it.
type Source interface {
	Posts(ctx context.Context, f store.PostFilter) ([]store.Post, error)
	CrawlsBetween(ctx context.Context, from, to time.Time) ([]store.Crawl, error)
	LatestCrawls(ctx context.Context) (map[string]store.Crawl, error)
}

var _ Source = (*store.Store)(nil)

// Build reads the posts and crawls, runs tally.Compute over p and returns the
// report. Posts of every date are read (gone posts included, as they were
// published) so that "Tin mới nhất" is right; crawls are those of the period.
// Units that are no longer watched (disabled or retired) are left out unless
// they have counted posts in the period. DataAsOf is the finish time of the
// newest crawl (bounded by now). Overrides and Dispatch are left for the
// caller to fill.
func Build(ctx context.Context, src Source, cfg *config.Config, p tally.Period, now time.Time) (*Report, error) {
	posts, err := src.Posts(ctx, store.PostFilter{IncludeGone: true})
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	crawls, err := src.CrawlsBetween(ctx, p.From, p.To)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	latest, err := src.LatestCrawls(ctx)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	var asOf time.Time
	for _, c := range latest {
		t := c.Finished
		if t.IsZero() {
			t = c.Started
		}
		if t.After(asOf) && !t.After(now) {
			asOf = t
		}
	}
	units := tally.Compute(cfg, posts, crawls, p, now)
	kept := units[:0]
	for _, u := range units {
		if u.Unit.IsEnabled() || u.Total > 0 {
			kept = append(kept, u)
		}
	}
	return &Report{Config: cfg, Period: p, Units: kept, Generated: now, DataAsOf: asOf}, nil
}
