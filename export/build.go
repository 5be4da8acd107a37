package export

import (
	"context"
	"fmt"
	"time"

	"sitewatch/config"
	"sitewatch/evaluation"
	"sitewatch/tally"
)

// Build evaluates cfg's units for the period p at now (evaluation.Build, the
// same code path as the service's snapshot) and returns the report of p.
// Overrides and Dispatch are left for the caller to fill.
func Build(ctx context.Context, src evaluation.Source, cfg *config.Config, p tally.Period, now time.Time) (*Report, error) {
	ev, err := evaluation.Build(ctx, src, cfg, now, evaluation.Options{Period: p})
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return FromEvaluation(ev, p)
}

// FromEvaluation returns the report of period p from ev, which must cover p
// (its month, its quarter or its Options.Period): the numbers and states are
// ev's, so the report says what the pages and /metrics say. Units that are
// no longer watched (disabled or retired) are left out unless they have
// counted posts in the period. DataAsOf is ev.LastCrawl.
func FromEvaluation(ev *evaluation.Evaluation, p tally.Period) (*Report, error) {
	units, ok := ev.Tally(p)
	if !ok {
		return nil, fmt.Errorf("export: the evaluation of %s does not cover the period %s", ev.Quarter.Label, p.Label)
	}
	kept := units[:0]
	for _, u := range units {
		if u.Unit.IsEnabled() || u.Total > 0 {
			kept = append(kept, u)
		}
	}
	r := &Report{Config: ev.Config, Period: p, Units: kept, Evaluation: ev, Generated: ev.Now, DataAsOf: ev.LastCrawl}
	if c, ok := ev.ContributionsOf(p); ok {
		r.Contributions = c
	}
	return r, nil
}
