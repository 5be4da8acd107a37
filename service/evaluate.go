// Package service runs sitewatch as a long-lived service: it schedules
// crawls, re-evaluates the checks and the metrics snapshot after each one,
// and serves /metrics, /healthz, /readyz and the status pages, with a
// graceful shutdown that lets in-flight database writes finish.
package service

import (
	"context"
	"fmt"
	"time"

	"sitewatch/checks"
	"sitewatch/config"
	"sitewatch/metrics"
	"sitewatch/store"
	"sitewatch/tally"
)

// Evaluation is the state of every unit at one moment: the tallies of the
// month and quarter, the checks, and the latest crawls. It is computed by one
// code path for `check`, the metrics snapshot and the status pages.
type Evaluation struct {
	Now         time.Time
	Month       []tally.Unit
	Previous    []tally.Unit
	Quarter     []tally.Unit
	Checks      map[string][]checks.Result
	Latest      map[string]store.Crawl
	LastSuccess map[string]time.Time
}

// Evaluate reads the database and evaluates every unit at now. month, when
// non-zero, is the month to check instead of now's month.
func Evaluate(ctx context.Context, cfg *config.Config, st *store.Store, now time.Time, month tally.Period) (*Evaluation, error) {
	return evaluate(ctx, cfg, st, now, month, "")
}

// EvaluateUnit evaluates one unit (its status page) by the same code path,
// reading only that unit's posts.
func EvaluateUnit(ctx context.Context, cfg *config.Config, st *store.Store, now time.Time, unitID string) ([]checks.Result, error) {
	u := cfg.Unit(unitID)
	if u == nil {
		return nil, nil
	}
	one := *cfg
	one.Units = []*config.Unit{u}
	ev, err := evaluate(ctx, &one, st, now, tally.Period{}, unitID)
	if err != nil {
		return nil, err
	}
	return ev.Checks[unitID], nil
}

func evaluate(ctx context.Context, cfg *config.Config, st *store.Store, now time.Time, month tally.Period, unitID string) (*Evaluation, error) {
	if month.From.IsZero() {
		month = tally.MonthOf(now, cfg.Location)
	}
	at := now
	if !month.To.After(now) {
		at = month.To.Add(-time.Second) // a closed month is judged as of its last second
		if now.After(at) {
			at = now
		}
	}
	posts, err := st.Posts(ctx, store.PostFilter{UnitID: unitID, IncludeGone: true})
	if err != nil {
		return nil, err
	}
	quarter := tally.QuarterOf(month.From, cfg.Location)
	crawls, err := st.CrawlsBetween(ctx, quarter.From, quarter.To)
	if err != nil {
		return nil, err
	}
	latest, err := st.LatestCrawls(ctx)
	if err != nil {
		return nil, err
	}
	lastOK, err := st.LastSuccess(ctx)
	if err != nil {
		return nil, err
	}
	prev := tally.MonthOf(month.From.AddDate(0, 0, -1), cfg.Location)
	ev := &Evaluation{
		Now:         now,
		Month:       tally.Compute(cfg, posts, crawls, month, at),
		Previous:    tally.Compute(cfg, posts, crawls, prev, at),
		Quarter:     tally.Compute(cfg, posts, crawls, quarter, at),
		Checks:      map[string][]checks.Result{},
		Latest:      latest,
		LastSuccess: lastOK,
	}
	for i, u := range cfg.Units {
		in := checks.Input{Config: cfg, Unit: u, Kind: cfg.KindOf(u), Month: ev.Month[i], Quarter: ev.Quarter[i], LastSuccess: lastOK[u.ID], Now: at}
		if c, ok := latest[u.ID]; ok {
			cc := c
			in.Latest = &cc
		}
		ev.Checks[u.ID] = checks.Evaluate(in)
	}
	return ev, nil
}

// Rows returns the evaluation as check table rows, in registry order.
func (ev *Evaluation) Rows(cfg *config.Config) []checks.UnitResults {
	rows := make([]checks.UnitResults, 0, len(cfg.Units))
	for _, u := range cfg.Units {
		rows = append(rows, checks.UnitResults{Unit: u.ID, Name: u.Name, Kind: u.Kind, Block: u.Block, Results: ev.Checks[u.ID]})
	}
	return rows
}

// Snapshot builds the metrics snapshot of the evaluation.
func (ev *Evaluation) Snapshot(cfg *config.Config, lastRun time.Time) *metrics.Snapshot {
	return metrics.BuildSnapshot(metrics.Input{
		Config: cfg, Now: ev.Now, Month: ev.Month, Previous: ev.Previous, Quarter: ev.Quarter,
		Checks: ev.Checks, Latest: ev.Latest, LastSuccess: ev.LastSuccess, LastRun: lastRun,
	})
}

func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("service: %s: %w", what, err)
}
