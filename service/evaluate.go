// Package service runs sitewatch as a long-lived service: it schedules
// crawls, builds one evaluation (package evaluation) after each crawl run or
// evaluation, and serves from it /metrics, the status pages and the export,
// with /healthz, /readyz and a graceful shutdown that lets in-flight database
// writes finish.
package service

import (
	"context"
	"fmt"
	"time"

	"sitewatch/evaluation"
	"sitewatch/metrics"
)

// Current returns the evaluation the views render: the one built after the
// newest crawl run, correction or reload. It is rebuilt first when the day
// has changed in the configured zone since it was built (a new day changes
// the days since a post, a new month the quota checked), so that a view
// after midnight does not show yesterday's verdict; otherwise no view
// evaluates anything.
func (s *Service) Current(ctx context.Context) (*evaluation.Evaluation, error) {
	if ev := s.eval.Load(); s.isToday(ev) {
		return ev, nil
	}
	// Views that arrive together after midnight build one snapshot: the
	// first rebuilds it, the others find it fresh once they hold the lock.
	if err := s.refresh(ctx, true); err != nil {
		return nil, err
	}
	return s.eval.Load(), nil
}

// isToday reports whether ev is the snapshot of today and of the registry in force.
func (s *Service) isToday(ev *evaluation.Evaluation) bool {
	return ev != nil && sameDay(ev.Now, s.o.Now(), s.config().Location) && ev.Config == s.config()
}

// Evaluate evaluates on demand what the snapshot does not cover (a past
// quarter on a unit page, a report of another period), by the same code path.
func (s *Service) Evaluate(ctx context.Context, o evaluation.Options) (*evaluation.Evaluation, error) {
	ev, err := evaluation.Build(ctx, s.o.Store, s.config(), s.o.Now(), o)
	return ev, wrap("evaluate", err)
}

// Refresh re-evaluates every unit and swaps the snapshot behind /metrics,
// the pages and the export.
func (s *Service) Refresh(ctx context.Context) error { return s.refresh(ctx, false) }

// refresh rebuilds the snapshot; onlyStale leaves a snapshot of today as it is.
func (s *Service) refresh(ctx context.Context, onlyStale bool) error {
	s.evalMu.Lock()
	defer s.evalMu.Unlock()
	if onlyStale && s.isToday(s.eval.Load()) {
		return nil
	}
	cfg := s.config()
	ev, err := evaluation.Build(ctx, s.o.Store, cfg, s.o.Now(), evaluation.Options{})
	if err != nil {
		return wrap("evaluate", err)
	}
	s.eval.Store(ev)
	s.metrics.Update(metrics.BuildSnapshot(ev, s.lastRunTime(ev)))
	s.rerender()
	s.ready.Store(true)
	return nil
}

// lastRunTime is when the last crawl run finished: as CrawlAll recorded it
// or, before this process ran one (after a restart), as the store says: the
// finish of the newest unit crawl. So sitewatch_last_crawl_run_timestamp_seconds
// is on /metrics from the first scrape, and an alert on a stalled crawler
// sees a crawler that died before its first run.
func (s *Service) lastRunTime(ev *evaluation.Evaluation) time.Time {
	if v := s.lastRun.Load(); v > 0 {
		return time.Unix(v, 0)
	}
	return ev.LastCrawl
}

// sameDay reports whether a and b fall on the same day in loc.
func sameDay(a, b time.Time, loc *time.Location) bool {
	a, b = a.In(loc), b.In(loc)
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("service: %s: %w", what, err)
}
