package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"text/tabwriter"
	"time"

	"sitewatch/config"
	"sitewatch/crawler"
	"sitewatch/service"
	"sitewatch/store"
	"sitewatch/tally"
)

// parseAndOpen parses a command's flags, then loads the registry and opens
// its database: the start of every command that reads or writes history.
// cfgPath is the --config flag's value, read after parsing.
func parseAndOpen(ctx context.Context, fs *flag.FlagSet, args []string, cfgPath *string) (*config.Config, *store.Store, error) {
	if err := parse(fs, args); err != nil {
		return nil, nil, err
	}
	return openStore(ctx, *cfgPath)
}

// openStore loads the config and opens its database.
func openStore(ctx context.Context, path string) (*config.Config, *store.Store, error) {
	cfg, err := config.Load(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil, fmt.Errorf("%w (pass --config FILE or set SITEWATCH_CONFIG)", err)
	case errors.Is(err, config.ErrInvalid):
		// Each problem names its file and line: one a line, indented.
		return nil, nil, fmt.Errorf("invalid registry:\n  %s", joinLines(err))
	case err != nil:
		return nil, nil, err
	}
	st, err := store.Open(ctx, cfg.Settings.Database)
	if err != nil {
		return nil, nil, err
	}
	return cfg, st, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func runCrawl(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "crawl")
	cfgPath := configFlag(fs, e)
	unitID := fs.String("unit", "", "crawl only the unit with this `id`")
	verbose := fs.Bool("v", false, "log each unit")
	cfg, st, err := parseAndOpen(ctx, fs, args, cfgPath)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := service.SyncUnits(ctx, st, cfg, time.Now()); err != nil {
		return err
	}
	var units []*config.Unit
	for _, u := range cfg.Units {
		if (*unitID == "" && u.IsEnabled()) || u.ID == *unitID {
			units = append(units, u)
		}
	}
	if *unitID != "" && len(units) == 0 {
		return fmt.Errorf("no unit %q in %s", *unitID, *cfgPath)
	}
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelInfo
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))
	r := &crawler.Runner{Crawler: crawler.New(crawler.FromConfig(cfg, time.Now, logger)), Store: st, Config: cfg, Workers: cfg.Settings.Workers, Logger: logger}
	tty := isTerminal(e.stderr)
	start := time.Now()
	r.Progress = func(done, total int, s crawler.Summary) {
		if tty {
			width := 30
			filled := done * width / total
			bar := ""
			for i := 0; i < width; i++ {
				if i < filled {
					bar += "█"
				} else {
					bar += "░"
				}
			}
			fmt.Fprintf(e.stderr, "\r%s %d/%d %-24s", bar, done, total, trunc(s.Unit.ID, 24))
			if done == total {
				fmt.Fprintln(e.stderr)
			}
		}
	}
	sums := r.Run(ctx, units)
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "UNIT\tOUTCOME\tPOSTS\tNEW\tGONE\tBACK\tREQUESTS\tRECHECKS\t304\tERROR")
	failed, rechecked, deferred := 0, 0, 0
	for _, s := range sums {
		if s.Unit == nil {
			continue
		}
		errText := s.Crawl.Error
		if s.SaveErr != nil {
			errText = "database: " + s.SaveErr.Error()
			failed++
		}
		if s.Crawl.Outcome == store.OutcomeFailed {
			failed++
		}
		// RECHECKS: liveness rechecks among the requests, "+N" more left to the next crawl.
		rechecks := fmt.Sprint(s.Crawl.Rechecks)
		if s.Crawl.RechecksDeferred > 0 {
			rechecks += fmt.Sprintf("+%d", s.Crawl.RechecksDeferred)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\t%d\t%s\n", s.Unit.ID, s.Crawl.Outcome, s.Found, s.New, s.Gone, s.Revived,
			s.Crawl.Requests, rechecks, s.Crawl.NotModified, trunc(errText, 80))
		rechecked += s.Crawl.Rechecks
		deferred += s.Crawl.RechecksDeferred
	}
	tw.Flush()
	fmt.Fprintf(e.stderr, "crawled %d units in %s; %d failed; %d known posts rechecked (%d left to the next crawl, at most %d a unit)\n",
		len(units), time.Since(start).Round(time.Millisecond), failed, rechecked, deferred, crawler.DefaultLimits.MaxRechecks)
	return ctx.Err()
}

func runPosts(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "posts")
	cfgPath := configFlag(fs, e)
	unitID := fs.String("unit", "", "only this unit `id`")
	month := fs.String("month", "", "only posts published in this `month` (YYYY-MM, in the configured time zone)")
	asJSON := fs.Bool("json", false, "one JSON object a line")
	all := fs.Bool("all", false, "also posts that do not count (no date, excluded, copied)")
	cfg, st, err := parseAndOpen(ctx, fs, args, cfgPath)
	if err != nil {
		return err
	}
	defer st.Close()
	f := store.PostFilter{UnitID: *unitID, IncludeGone: true}
	if *month != "" {
		p, err := tally.ParseMonth(*month, cfg.Location)
		if err != nil {
			return err
		}
		f.From, f.To = p.From, p.To
	}
	posts, err := st.Posts(ctx, f)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	if !*asJSON {
		fmt.Fprintln(tw, "UNIT\tPUBLISHED\tIMAGES\tCAPTIONED\tSTATUS\tDATE SOURCE\tTITLE\tURL")
	}
	n := 0
	for _, p := range posts {
		counted, why := tally.Counted(p)
		if !counted && !*all {
			continue
		}
		n++
		if *asJSON {
			j := withContribution(toJSON(p, cfg.Location, true), p, cfg.Unit(p.UnitID))
			if !counted {
				j.NotPost = why
			}
			if err := enc.Encode(j); err != nil {
				return err
			}
			continue
		}
		pub := "-"
		if !p.Published.IsZero() {
			pub = p.Published.In(cfg.Location).Format("2006-01-02 15:04")
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\n", p.UnitID, pub, p.Images, p.CaptionedImages, p.Status, p.DateSource, trunc(p.Title, 50), p.URL)
	}
	if !*asJSON {
		tw.Flush()
		fmt.Fprintf(e.stderr, "%d posts\n", n)
	}
	return nil
}
