package crawler

import (
	"context"
	"fmt"
	"time"

	"github.com/robfig/cron/v3"

	"sitewatch/config"
)

// Scheduler fires at cron times in a time zone.
type Scheduler struct {
	specs []cron.Schedule
	loc   *time.Location
	now   func() time.Time
	// after waits for d; tests replace it to drive time by hand.
	after func(d time.Duration) <-chan time.Time
}

// NewScheduler parses the cron expressions (minute hour dom month dow) in loc.
func NewScheduler(exprs []string, loc *time.Location, now func() time.Time) (*Scheduler, error) {
	s := &Scheduler{loc: loc, now: now, after: time.After}
	for _, e := range exprs {
		sc, err := config.CronParser.Parse(e)
		if err != nil {
			return nil, fmt.Errorf("schedule %q: %w", e, err)
		}
		s.specs = append(s.specs, sc)
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s, nil
}

// Next returns the first firing time strictly after t.
func (s *Scheduler) Next(t time.Time) time.Time {
	var best time.Time
	for _, sc := range s.specs {
		n := sc.Next(t.In(s.loc))
		if best.IsZero() || n.Before(best) {
			best = n
		}
	}
	return best
}

// Run calls fn at every firing time until ctx is done. fn runs in the
// caller's goroutine, so runs never overlap.
func (s *Scheduler) Run(ctx context.Context, fn func(ctx context.Context)) error {
	if len(s.specs) == 0 {
		<-ctx.Done()
		return nil
	}
	for {
		next := s.Next(s.now())
		select {
		case <-ctx.Done():
			return nil
		case <-s.after(next.Sub(s.now())):
			fn(ctx)
		}
	}
}
