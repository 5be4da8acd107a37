package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"strings"
	"time"

	"sitewatch/notify"
	"sitewatch/service"
	"sitewatch/tally"
)

func runNotify(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "notify")
	cfgPath := configFlag(fs, e)
	month := fs.String("month", "", "the `month` (YYYY-MM) to report; default the month before this one")
	block := fs.String("block", "", "send only to this `block` (its name in sites.yaml)")
	dryRun := fs.Bool("dry-run", false, "print what would be sent, send nothing")
	cfg, st, err := parseAndOpen(ctx, fs, args, cfgPath)
	if err != nil {
		return err
	}
	defer st.Close()
	n := cfg.Settings.Notify
	if n == nil {
		return errors.New("settings.notify is not set in the registry (see README, \"Notices to block leaders\")")
	}
	now := time.Now()
	p := service.PreviousMonth(now, cfg.Location)
	if *month != "" {
		if p, err = tally.ParseMonth(*month, cfg.Location); err != nil {
			return err
		}
	}
	msgs, err := service.Notices(ctx, cfg, st, p, now)
	if err != nil {
		return err
	}
	if *block != "" {
		kept := msgs[:0]
		for _, m := range msgs {
			if m.Block == *block {
				kept = append(kept, m)
			}
		}
		if len(kept) == 0 {
			return fmt.Errorf("--block %q: no block with recipients has that name", *block)
		}
		msgs = kept
	}
	if *dryRun {
		for _, m := range msgs {
			printNotice(e, m)
		}
		fmt.Fprintf(e.stderr, "dry run: %d messages for %s not sent (SMTP %s)\n", len(msgs), p.Label, n.Addr())
		return nil
	}
	sender, err := service.NewSMTP(n, e.getenv)
	if err != nil {
		return err
	}
	q := notify.NewQueue(notify.QueueOptions{
		Sender: sender, Attempts: n.Attempts, Backoff: n.Backoff.D(), Logger: slog.New(slog.NewTextHandler(e.stderr, nil)),
	})
	failed := 0
	for _, m := range msgs {
		if err := q.Deliver(ctx, m); err != nil {
			failed++
			fmt.Fprintf(e.stdout, "%s: NOT SENT: %v\n", m.Block, err)
			continue
		}
		fmt.Fprintf(e.stdout, "%s: sent to %s\n", m.Block, addrs(m))
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d notices not sent", failed, len(msgs))
	}
	return nil
}

// printNotice shows one message as it would leave: headers, the text part
// and the attachment's name and size.
func printNotice(e *env, m notify.Message) {
	fmt.Fprintf(e.stdout, "From: %s\nTo: %s\nSubject: %s\n", readable(m.From), addrs(m), m.Subject)
	for _, a := range m.Attachments {
		fmt.Fprintf(e.stdout, "Attachment: %s (%d bytes)\n", a.Name, len(a.Data))
	}
	fmt.Fprintf(e.stdout, "\n%s\n", strings.TrimRight(m.Text, "\n"))
	fmt.Fprintln(e.stdout, strings.Repeat("-", 72))
}

func addrs(m notify.Message) string {
	s := make([]string, len(m.To))
	for i, a := range m.To {
		s[i] = readable(a)
	}
	return strings.Join(s, ", ")
}

// readable is "Name <address>" as people write it (not RFC 2047-encoded).
func readable(a *mail.Address) string {
	if a.Name == "" {
		return a.Address
	}
	return a.Name + " <" + a.Address + ">"
}
