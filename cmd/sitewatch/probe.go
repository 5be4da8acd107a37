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
	"net/url"
	"sort"
	"text/tabwriter"
	"time"

	"sitewatch/attribution"
	"sitewatch/config"
	"sitewatch/crawler"
	"sitewatch/store"
)

// postJSON is the line format of probe, inspect and posts --json.
type postJSON struct {
	File            string            `json:"file,omitempty"`
	Unit            string            `json:"unit,omitempty"`
	URL             string            `json:"url"`
	Title           string            `json:"title"`
	Published       *string           `json:"published"`
	DateSource      string            `json:"date_source"`
	DateRaw         string            `json:"date_raw,omitempty"`
	FoundVia        string            `json:"found_via,omitempty"`
	Images          int               `json:"images"`
	CaptionedImages int               `json:"captioned_images"`
	AltImages       int               `json:"alt_images"`
	FirstSeen       *string           `json:"first_seen,omitempty"`
	Status          string            `json:"status,omitempty"`
	IsPost          *bool             `json:"is_post,omitempty"`
	NotPost         string            `json:"not_post,omitempty"`
	PageType        string            `json:"page_type,omitempty"`
	Evidence        []string          `json:"evidence,omitempty"`
	Flags           map[string]string `json:"flags,omitempty"`
	Error           string            `json:"error,omitempty"`
	// Empty is flags.empty read: the kind of an empty post and its detail.
	Empty *emptyJSON `json:"empty,omitempty"`
	// ContributedBy and Attribution are set for the posts of a portal unit:
	// the unit that sent the post ("" when nobody can tell) and the signature read.
	ContributedBy *string          `json:"contributed_by,omitempty"`
	Attribution   *attributionJSON `json:"attribution,omitempty"`
}

// attributionJSON is the signature of a portal's post and where it was
// found: byline, author, source, title, or office (an override).
type attributionJSON struct {
	Text  string `json:"text"`
	Found string `json:"found"`
}

// withContribution adds who sent p when p is a post of a portal unit.
func withContribution(j postJSON, p store.Post, unit *config.Unit) postJSON {
	if unit == nil || !unit.Portal {
		return j
	}
	by := p.ContributedBy
	j.ContributedBy = &by
	j.Attribution = &attributionJSON{Text: p.AttributionText, Found: p.AttributionFound}
	return j
}

// emptyJSON is an empty post's kind (title_only, attachment_only, short)
// with the attachments' names or the body's character count.
type emptyJSON struct {
	Kind        store.EmptyKind `json:"kind"`
	Chars       *int            `json:"chars,omitempty"`
	Attachments []string        `json:"attachments,omitempty"`
}

// emptyOf reads a post's flags.empty, nil when the post is not empty or the
// value predates kinds.
func emptyOf(flags map[string]string) *emptyJSON {
	v, ok := flags[store.FlagEmpty]
	if !ok {
		return nil
	}
	e := store.ParseEmpty(v)
	if e.Kind == "" {
		return nil
	}
	j := &emptyJSON{Kind: e.Kind, Attachments: e.Attachments}
	if e.Kind == store.EmptyShort {
		j.Chars = &e.Chars
	}
	return j
}

func rfc3339(t time.Time, loc *time.Location) *string {
	if t.IsZero() {
		return nil
	}
	s := t.In(loc).Format(time.RFC3339)
	return &s
}

// loadOptional loads the config if the file exists; a missing default file
// gives the built-in defaults (probe and inspect work without a registry).
func loadOptional(path string, explicit bool) (*config.Config, error) {
	cfg, err := config.Load(path)
	if err == nil {
		return cfg, nil
	}
	if !explicit && errors.Is(err, fs.ErrNotExist) {
		return config.Parse("(defaults)", []byte("units: [{id: probe, name: probe, kind: truc_thuoc, url: 'http://probe.invalid/'}]"))
	}
	return nil, err
}

// timeFlags holds --now and --since.
type timeFlags struct{ now, since string }

func (tf timeFlags) clock(loc *time.Location) (func() time.Time, error) {
	if tf.now == "" {
		return time.Now, nil
	}
	t, err := time.Parse(time.RFC3339, tf.now)
	if err != nil {
		return nil, fmt.Errorf("--now %q: write it as RFC 3339, e.g. 2026-11-25T10:00:00+07:00", tf.now)
	}
	return func() time.Time { return t }, nil
}

func parseSince(s string, loc *time.Location) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("--since %q: write it as YYYY-MM-DD", s)
}

func runProbe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "probe")
	cfgPath := configFlag(fs, e)
	asJSON := fs.Bool("json", false, "one JSON object a line")
	unitID := fs.String("unit", "", "probe the unit with this `id` from the registry (its hints apply)")
	var tf timeFlags
	fs.StringVar(&tf.since, "since", "", "only posts published on or after this `date` (YYYY-MM-DD); default: the lookback window")
	fs.StringVar(&tf.now, "now", "", "the `time` pages count as fetched (RFC 3339), for relative dates and reproducible runs")
	private := fs.Bool("allow-private-network", false, "allow loopback and private addresses (test sites)")
	insecure := fs.Bool("insecure", false, "crawl despite an invalid TLS certificate (still reported)")
	delay := fs.Duration("delay", 0, "delay between two requests to the host (crawl uses settings.delay)")
	verbose := fs.Bool("v", false, "log every request")
	if err := parse(fs, args); err != nil {
		return err
	}
	explicit := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "config" {
			explicit = true
		}
	})
	if e.getenv("SITEWATCH_CONFIG") != "" {
		explicit = true
	}
	cfg, err := loadOptional(*cfgPath, explicit && *unitID != "")
	if err != nil {
		if *unitID != "" {
			return err
		}
		cfg, _ = loadOptional("", false)
	}
	var unit *config.Unit
	switch {
	case *unitID != "":
		unit = cfg.Unit(*unitID)
		if unit == nil {
			return fmt.Errorf("no unit %q in %s", *unitID, cfg.Path)
		}
	case fs.NArg() == 1:
		u, err := url.Parse(fs.Arg(0))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("%q is not an http(s) URL", fs.Arg(0))
		}
		if u.Path == "" {
			u.Path = "/"
		}
		unit = &config.Unit{ID: "probe", Name: u.Host, Kind: "truc_thuoc", URL: u.String(), Parsed: u}
	default:
		fmt.Fprintln(e.stderr, "usage: sitewatch probe [--json] [--since DATE] [--now TIME] URL | --unit ID")
		return errUsage
	}
	now, err := tf.clock(cfg.Location)
	if err != nil {
		return err
	}
	since, err := parseSince(tf.since, cfg.Location)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	if *verbose {
		logger = slog.New(slog.NewTextHandler(e.stderr, nil))
	}
	opts := crawler.FromConfig(cfg, now, logger)
	opts.Delay = *delay
	opts.AllowPrivateNetwork = opts.AllowPrivateNetwork || *private
	opts.InsecureSkipVerify = opts.InsecureSkipVerify || *insecure
	if since.IsZero() {
		since = now().In(cfg.Location).AddDate(0, 0, -cfg.Settings.LookbackDays)
	}
	opts.Since = since
	c := crawler.New(opts)
	t := crawler.Target{Unit: unit, Requirements: cfg.KindOf(&config.Unit{Kind: "truc_thuoc"}).Required}
	if unit.Portal {
		t.Attribution = attribution.ForPortal(cfg, unit)
	}
	res := c.Crawl(ctx, t)
	posts := res.Posts
	sort.SliceStable(posts, func(i, j int) bool { return posts[i].Published.Before(posts[j].Published) })
	var shown []store.Post
	for _, p := range posts {
		if !p.Published.IsZero() && p.Published.Before(opts.Since) {
			continue
		}
		shown = append(shown, p)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		for _, p := range shown {
			if err := enc.Encode(withContribution(toJSON(p, cfg.Location, false), p, unit)); err != nil {
				return err
			}
		}
	} else {
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "PUBLISHED\tIMAGES\tCAPTIONED\tDATE SOURCE\tTITLE\tURL")
		for _, p := range shown {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\n", p.Published.In(cfg.Location).Format("2006-01-02 15:04"), p.Images, p.CaptionedImages, p.DateSource, trunc(p.Title, 50), p.URL)
		}
		tw.Flush()
	}
	cr := res.Crawl
	fmt.Fprintf(e.stderr, "probe %s: %s, %d posts since %s, %d requests (%d not modified), %d bytes",
		unit.URL, cr.Outcome, len(shown), opts.Since.In(cfg.Location).Format("2006-01-02"), cr.Requests, cr.NotModified, cr.Bytes)
	if cr.Error != "" {
		fmt.Fprintf(e.stderr, "; %s: %s", cr.ErrorReason, cr.Error)
	}
	fmt.Fprintln(e.stderr)
	if cr.Outcome == store.OutcomeFailed {
		return fmt.Errorf("site unreachable or unusable (%s)", cr.ErrorReason)
	}
	return nil
}

func toJSON(p store.Post, loc *time.Location, withDB bool) postJSON {
	j := postJSON{URL: p.URL, Title: p.Title, Published: rfc3339(p.Published, loc), DateSource: p.DateSource, DateRaw: p.DateRaw,
		FoundVia: p.FoundVia, Images: p.Images, CaptionedImages: p.CaptionedImages, AltImages: p.AltImages}
	if len(p.Flags) > 0 {
		j.Flags = p.Flags
		j.Empty = emptyOf(p.Flags)
	}
	if withDB {
		j.Unit = p.UnitID
		j.FirstSeen = rfc3339(p.FirstSeen, loc)
		j.Status = p.Status
	}
	return j
}

func trunc(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
