package main

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"

	"sitewatch/config"
	"sitewatch/evaluation"
	"sitewatch/export"
	"sitewatch/internal/testkit/simweb"
	"sitewatch/service"
	"sitewatch/store"
	"sitewatch/tally"
)

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve")
	cfgPath := configFlag(fs, e)
	listen := fs.String("listen", "", "HTTP `address` (default settings.listen, 127.0.0.1:9718)")
	crawlNow := fs.Bool("crawl-now", false, "crawl once at start (also settings.crawl_on_start)")
	cfg, st, err := parseAndOpen(ctx, fs, args, cfgPath)
	if err != nil {
		return err
	}
	defer st.Close() // closed last, after the server and the crawls
	logger := slog.New(slog.NewTextHandler(e.stderr, nil))
	if err := service.SyncUnits(ctx, st, cfg, time.Now()); err != nil {
		return err
	}
	svc := service.New(service.Options{Config: cfg, Store: st, Listen: *listen, CrawlOnStart: *crawlNow, Logger: logger, ConfigPath: *cfgPath, Getenv: e.getenv})
	return svc.Run(ctx)
}

func runCheck(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "check")
	cfgPath := configFlag(fs, e)
	month := fs.String("month", "", "check this `month` (YYYY-MM); default the current month")
	asJSON := fs.Bool("json", false, "JSON output")
	var tf timeFlags
	fs.StringVar(&tf.now, "now", "", "evaluate at this `time` (RFC 3339) instead of now, for reproducible runs")
	cfg, st, err := parseAndOpen(ctx, fs, args, cfgPath)
	if err != nil {
		return err
	}
	defer st.Close()
	now, err := tf.clock(cfg.Location)
	if err != nil {
		return err
	}
	var o evaluation.Options
	if *month != "" {
		if o.Month, err = tally.ParseMonth(*month, cfg.Location); err != nil {
			return err
		}
	}
	ev, err := evaluation.Build(ctx, st, cfg, now(), o)
	if err != nil {
		return err
	}
	if *asJSON {
		return evaluation.WriteJSON(e.stdout, ev)
	}
	return evaluation.WriteTable(e.stdout, ev)
}

func runExport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "export")
	cfgPath := configFlag(fs, e)
	quarter := fs.String("quarter", "", "the `quarter` (e.g. 2026Q4)")
	month := fs.String("month", "", "a `month` (YYYY-MM) instead of a quarter")
	from := fs.String("from", "", "first `day` (YYYY-MM-DD) of a custom period")
	to := fs.String("to", "", "last `day` (YYYY-MM-DD) of a custom period")
	format := fs.String("format", "xlsx", "xlsx or csv")
	out := fs.String("out", "", "output `file` (csv: the posts go to FILE with -tin-bai before .csv)")
	cfg, st, err := parseAndOpen(ctx, fs, args, cfgPath)
	if err != nil {
		return err
	}
	defer st.Close()
	now := time.Now()
	var p tally.Period
	switch {
	case *quarter != "":
		p, err = tally.ParseQuarter(*quarter, cfg.Location)
	case *month != "":
		p, err = tally.ParseMonth(*month, cfg.Location)
	case *from != "" || *to != "":
		p, err = tally.ParseRange(*from, *to, cfg.Location)
	default:
		p = tally.QuarterOf(now, cfg.Location)
	}
	if err != nil {
		return err
	}
	rep, err := export.Build(ctx, st, cfg, p, now)
	if err != nil {
		return err
	}
	if rep.Overrides, err = export.AuditLines(ctx, st, cfg.Location); err != nil {
		return err
	}
	base := *out
	if base == "" {
		base = "bao-cao-" + strings.ReplaceAll(p.Label, "..", "_") + "." + *format
	}
	switch *format {
	case "xlsx":
		f, err := os.Create(base)
		if err != nil {
			return err
		}
		if err := export.WriteXLSX(f, rep); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "wrote %s (%d units, period %s)\n", base, len(rep.Units), p.Label)
	case "csv":
		postsPath := strings.TrimSuffix(base, filepath.Ext(base)) + "-tin-bai.csv"
		sf, err := os.Create(base)
		if err != nil {
			return err
		}
		defer sf.Close()
		pf, err := os.Create(postsPath)
		if err != nil {
			return err
		}
		defer pf.Close()
		if err := export.WriteCSV(sf, pf, rep); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "wrote %s and %s\n", base, postsPath)
	default:
		return fmt.Errorf("--format %q: use xlsx or csv", *format)
	}
	return nil
}

func runBackup(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "backup")
	cfgPath := configFlag(fs, e)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(e.stderr, "usage: sitewatch backup [--config F] FILE")
		return errUsage
	}
	_, st, err := openStore(ctx, *cfgPath)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Backup(ctx, fs.Arg(0)); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote a consistent copy to %s\n", fs.Arg(0))
	return nil
}

func runHashPassword(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "hash-password")
	if err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprint(e.stderr, "password: ")
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil && line == "" {
		return fmt.Errorf("read password: %w", err)
	}
	h, err := bcrypt.GenerateFromPassword([]byte(strings.TrimRight(line, "\r\n")), bcrypt.DefaultCost)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, string(h))
	return nil
}

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo")
	listen := fs.String("listen", "127.0.0.1:9718", "HTTP `address` of the demo service")
	n := fs.Int("sites", 12, "how many simulated unit websites")
	dir := fs.String("dir", "", "`directory` for the demo database and registry (default a new temporary one)")
	if err := parse(fs, args); err != nil {
		return err
	}
	sites := simweb.Generate(simweb.Options{Now: time.Now()}, *n)
	if len(sites) > 3 {
		sites[len(sites)-1].SetFault(simweb.Fault{Down: true})
	}
	w, err := simweb.Start(sites)
	if err != nil {
		return err
	}
	defer w.Close()
	if *dir == "" {
		d, err := os.MkdirTemp("", "sitewatch-demo-")
		if err != nil {
			return err
		}
		*dir = d
	}
	dbPath := filepath.Join(*dir, "demo.db")
	yml := w.SitesYAML(simweb.RegistryOptions{Settings: map[string]string{"database": dbPath, "delay": "0s", "listen": *listen, "crawl_on_start": "true", "schedule": `["*/10 * * * *"]`}})
	cfgPath := filepath.Join(*dir, "sites.yaml")
	if err := os.WriteFile(cfgPath, yml, 0o644); err != nil {
		return err
	}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		return fmt.Errorf("demo registry: %w", err)
	}
	st, err := store.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := service.SyncUnits(ctx, st, cfg, time.Now()); err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, nil))
	fmt.Fprintf(e.stderr, "demo: %d simulated unit websites on loopback, registry %s\n", len(sites), cfgPath)
	fmt.Fprintf(e.stderr, "demo: status page http://%s/  metrics http://%s/metrics  (Ctrl-C to stop)\n", *listen, *listen)
	svc := service.New(service.Options{Config: cfg, Store: st, Listen: *listen, CrawlOnStart: true, Logger: logger})
	return svc.Run(ctx)
}
