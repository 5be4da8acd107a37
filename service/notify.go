package service

import (
	"context"
	"time"

	"sitewatch/config"
	"sitewatch/evaluation"
	"sitewatch/export"
	"sitewatch/notify"
	"sitewatch/store"
	"sitewatch/tally"
)

// Notices builds the notice of month to every block leader: the month's
// evaluation (evaluation.Build, as for check, the pages and the metrics) laid
// out per block, each with the block's part of the month's report.
func Notices(ctx context.Context, cfg *config.Config, st *store.Store, month tally.Period, now time.Time) ([]notify.Message, error) {
	ev, err := evaluation.Build(ctx, st, cfg, now, evaluation.Options{Month: month})
	if err != nil {
		return nil, wrap("notify", err)
	}
	rep, err := export.FromEvaluation(ev, month)
	if err != nil {
		return nil, wrap("notify", err)
	}
	if rep.Overrides, err = export.AuditLines(ctx, st, cfg.Location); err != nil {
		return nil, wrap("notify", err)
	}
	msgs, err := notify.Build(notify.Input{Config: cfg, Evaluation: ev, Report: rep, Now: now})
	return msgs, wrap("notify", err)
}

// PreviousMonth is the month before the one containing now: the month a
// scheduled notice reports (closed, so its verdicts are final).
func PreviousMonth(now time.Time, loc *time.Location) tally.Period {
	cur := tally.MonthOf(now, loc)
	return tally.MonthOf(cur.From.AddDate(0, 0, -1), loc)
}

// NewSMTP returns the sender of settings.notify, its password read through
// getenv (or from the file named there).
func NewSMTP(n *config.Notify, getenv func(string) string) (*notify.SMTP, error) {
	pw, err := n.ReadPassword(getenv)
	if err != nil {
		return nil, wrap("notify", err)
	}
	return &notify.SMTP{Config: n, Password: pw}, nil
}

// newNotifyQueue builds the delivery queue of serve when settings.notify
// is set: every outcome is counted in the metrics.
func (s *Service) newNotifyQueue(n *config.Notify) {
	var blocks []string
	for _, b := range s.config().Blocks {
		if b != nil && len(b.Addrs) > 0 {
			blocks = append(blocks, b.Name)
		}
	}
	s.metrics.NotifyBlocks(blocks)
	sender := s.o.NotifySender
	if sender == nil {
		sender = senderFunc(func(ctx context.Context, m notify.Message) error {
			// The settings in force (a reload may have changed them).
			cur := s.config().Settings.Notify
			if cur == nil {
				cur = n
			}
			smtp, err := NewSMTP(cur, s.o.Getenv)
			if err != nil {
				return err
			}
			return smtp.Send(ctx, m)
		})
	}
	s.notices = notify.NewQueue(notify.QueueOptions{
		Sender: sender, Attempts: n.Attempts, Backoff: n.Backoff.D(), Wait: s.o.NotifyWait, Now: s.o.Now, Logger: s.o.Logger,
		Result: func(block string, err error, at time.Time) {
			s.metrics.NotifyResult(block, err, at)
			s.rerender()
			if s.o.AfterNotice != nil {
				s.o.AfterNotice(block, err)
			}
		},
	})
}

// SendNotices builds the notices of the month before now and hands them to
// the delivery queue; it returns at once (delivery runs in the queue's own
// goroutine, never in a crawl's way).
func (s *Service) SendNotices(ctx context.Context) {
	if s.notices == nil {
		return
	}
	cfg := s.config()
	month := PreviousMonth(s.o.Now(), cfg.Location)
	msgs, err := Notices(ctx, cfg, s.o.Store, month, s.o.Now())
	if err != nil {
		s.o.Logger.Error("notices not built", "month", month.Label, "err", err)
		for _, b := range cfg.Blocks {
			if b != nil && len(b.Addrs) > 0 {
				s.metrics.NotifyResult(b.Name, err, s.o.Now())
			}
		}
		s.rerender()
		return
	}
	s.o.Logger.Info("notices queued", "month", month.Label, "messages", len(msgs))
	s.notices.Enqueue(msgs...)
}

// senderFunc adapts a function to notify.Sender.
type senderFunc func(ctx context.Context, m notify.Message) error

func (f senderFunc) Send(ctx context.Context, m notify.Message) error { return f(ctx, m) }
