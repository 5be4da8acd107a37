package service

import (
	"context"
	"time"

	"sitewatch/config"
	"sitewatch/export"
	"sitewatch/notify"
	"sitewatch/store"
	"sitewatch/tally"
)

// Notices builds the notice of month to every block leader: the month's
// evaluation (the same Evaluate as check, the pages and the metrics) laid
// out per block, each with the block's part of the month's report.
func Notices(ctx context.Context, cfg *config.Config, st *store.Store, month tally.Period, now time.Time) ([]notify.Message, error) {
	ev, err := Evaluate(ctx, cfg, st, now, month)
	if err != nil {
		return nil, wrap("notify", err)
	}
	rep, err := export.Build(ctx, st, cfg, month, now)
	if err != nil {
		return nil, wrap("notify", err)
	}
	if rep.Overrides, err = export.AuditLines(ctx, st, cfg.Location); err != nil {
		return nil, wrap("notify", err)
	}
	msgs, err := notify.Build(notify.Input{
		Config: cfg, Month: month, Units: ev.Month, Checks: ev.Checks, Report: rep, Now: now,
		// Contributions: hook for the Sở portal's counts (issue 15 part 1).
	})
	return msgs, wrap("notify", err)
}

// PreviousMonth is the month before the one containing now: the month a
// scheduled notice reports (closed, so its verdicts are final).
func PreviousMonth(now time.Time, loc *time.Location) tally.Period {
	cur := tally.MonthOf(now, loc)
	return tally.MonthOf(cur.From.AddDate(0, 0, -1), loc)
}
