package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"sitewatch/crawler"
	"sitewatch/export"
	"sitewatch/store"
)

func runOverride(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "override")
	cfgPath := configFlag(fs, e)
	unit := fs.String("unit", "", "unit `id`")
	u := fs.String("url", "", "post `url` as listed by `sitewatch posts`")
	action := fs.String("action", "", "exclude (do not count), include (count despite flags), redate, or attribute (a portal's post: who sent it)")
	date := fs.String("date", "", "new publication `time` for redate (RFC 3339 or YYYY-MM-DD HH:MM in the configured zone)")
	to := fs.String("to", "", "for attribute: the `id` of the unit that sent the post, or - for none")
	who := fs.String("who", "", "who decides (required)")
	why := fs.String("why", "", "why (required)")
	list := fs.Bool("list", false, "print the audit log instead")
	cfg, st, err := parseAndOpen(ctx, fs, args, cfgPath)
	if err != nil {
		return err
	}
	defer st.Close()
	if *list {
		lines, err := export.AuditLines(ctx, st, cfg.Location)
		if err != nil {
			return err
		}
		for _, l := range lines {
			fmt.Fprintln(e.stdout, l)
		}
		return nil
	}
	if *unit == "" || *u == "" || *action == "" || *who == "" || *why == "" {
		fmt.Fprintln(e.stderr, "usage: sitewatch override --unit ID --url URL --action exclude|include|redate|attribute [--date TIME] [--to UNIT] --who NAME --why TEXT (or --list)")
		return errUsage
	}
	if cfg.Unit(*unit) == nil {
		return fmt.Errorf("no unit %q in %s", *unit, cfg.Path)
	}
	o := store.Override{UnitID: *unit, URL: *u, Action: *action, Who: *who, Why: *why, At: time.Now()}
	if *action == store.ActionAttribute {
		if !cfg.Unit(*unit).Portal {
			return fmt.Errorf("--action attribute: unit %q is not a portal (portal: true in %s); only a portal's posts are contributions", *unit, cfg.Path)
		}
		if *to == "" || *to != store.NoUnit && cfg.Unit(*to) == nil {
			return fmt.Errorf("--action attribute needs --to: the id of a unit of %s that sent the post, or %s for none", cfg.Path, store.NoUnit)
		}
		o.AttributedTo = *to
	} else if *to != "" {
		return fmt.Errorf("--to is for --action attribute only")
	}
	if *date != "" {
		t, err := time.Parse(time.RFC3339, *date)
		if err != nil {
			t, err = time.ParseInLocation("2006-01-02 15:04", *date, cfg.Location)
		}
		if err != nil {
			return fmt.Errorf("--date %q: write RFC 3339 or YYYY-MM-DD HH:MM", *date)
		}
		o.Published = t
	}
	id, err := st.AddOverride(ctx, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "override #%d recorded\n", id)
	return nil
}

func runClaim(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, "usage: sitewatch claim submit|list|approve|reject ...")
		return errUsage
	}
	sub, args := args[0], args[1:]
	if (sub == "approve" || sub == "reject") && len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		args = append(append([]string{}, args[1:]...), args[0]) // "approve 3 --by X": the id may come first
	}
	fs := newFlags(e, "claim "+sub)
	cfgPath := configFlag(fs, e)
	unit := fs.String("unit", "", "unit `id` (submit)")
	u := fs.String("url", "", "the missed post's `url` (submit)")
	by := fs.String("by", "", "who submits or decides")
	note := fs.String("note", "", "a note or the reason of a decision")
	private := fs.Bool("allow-private-network", false, "allow loopback and private addresses")
	cfg, st, err := parseAndOpen(ctx, fs, args, cfgPath)
	if err != nil {
		return err
	}
	defer st.Close()
	switch sub {
	case "submit":
		cu := cfg.Unit(*unit)
		if cu == nil || *u == "" {
			return fmt.Errorf("claim submit needs --unit (a unit of %s) and --url", cfg.Path)
		}
		opts := crawler.FromConfig(cfg, time.Now, nil)
		opts.AllowPrivateNetwork = opts.AllowPrivateNetwork || *private || cu.AllowPrivateNetwork
		p, err := crawler.NewInspector(opts).URL(ctx, *u)
		c := store.Claim{UnitID: cu.ID, URL: *u, SubmittedBy: *by, Note: *note, Submitted: time.Now()}
		if err == nil {
			c.URL = crawler.Canonical(p.Canonical)
			c.Inspected = store.Post{UnitID: cu.ID, URL: c.URL, Title: p.Title, Published: p.Date.Time, DateSource: p.Date.Source, DateRaw: p.Date.Raw,
				Images: p.Images, CaptionedImages: p.CaptionedImages, AltImages: p.AltImages, ContentHash: p.ContentHash, BodyChars: p.BodyChars}
			fmt.Fprintf(e.stdout, "found: %q published %s (%s), %d images, %d captioned; post: %v %s\n", p.Title, p.Date.Time.In(cfg.Location).Format("2006-01-02 15:04"), p.Date.Source, p.Images, p.CaptionedImages, p.IsPost, p.NotPost)
		} else {
			fmt.Fprintf(e.stdout, "could not inspect %s: %v (recorded anyway for the office)\n", *u, err)
		}
		id, err := st.AddClaim(ctx, c)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "claim #%d pending: it counts only once the office approves it\n", id)
	case "list":
		cs, err := st.Claims(ctx, "")
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tUNIT\tSTATUS\tPUBLISHED\tTITLE\tURL")
		for _, c := range cs {
			pub := "-"
			if !c.Inspected.Published.IsZero() {
				pub = c.Inspected.Published.In(cfg.Location).Format("2006-01-02 15:04")
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.UnitID, c.Status, pub, trunc(c.Inspected.Title, 40), c.URL)
		}
		tw.Flush()
	case "approve", "reject":
		if fs.NArg() != 1 || *by == "" {
			return fmt.Errorf("usage: sitewatch claim %s ID --by NAME [--note REASON]", sub)
		}
		id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
		if err != nil {
			return fmt.Errorf("claim id %q is not a number", fs.Arg(0))
		}
		if err := st.DecideClaim(ctx, id, sub == "approve", *by, *note, time.Now()); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "claim #%d %sd\n", id, sub)
	default:
		return fmt.Errorf("unknown claim command %q (submit, list, approve, reject)", sub)
	}
	return nil
}
