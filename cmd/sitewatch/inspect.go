package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"

	"sitewatch/crawler"
	"sitewatch/crawler/extract"
)

func runInspect(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "inspect")
	cfgPath := configFlag(fs, e)
	asJSON := fs.Bool("json", false, "print JSON")
	pageURL := fs.String("url", "", "the original `address` of a saved page")
	manifest := fs.String("manifest", "", "a `file` of lines path<TAB>original-url; one JSON line per input, in order")
	var tf timeFlags
	fs.StringVar(&tf.now, "now", "", "the `time` the pages count as fetched (RFC 3339)")
	private := fs.Bool("allow-private-network", false, "allow loopback and private addresses")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := loadOptional(*cfgPath, false)
	if err != nil {
		cfg, _ = loadOptional("", false)
	}
	now, err := tf.clock(cfg.Location)
	if err != nil {
		return err
	}
	opts := crawler.FromConfig(cfg, now, nil)
	opts.AllowPrivateNetwork = opts.AllowPrivateNetwork || *private
	ins := crawler.NewInspector(opts)
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	emit := func(file string, p *extract.Page, err error) error {
		j := postJSON{File: file}
		if err != nil {
			j.Error = err.Error()
		} else {
			isPost := p.IsPost
			j.URL, j.Title, j.Published, j.DateSource, j.DateRaw = p.Canonical, p.Title, rfc3339(p.Date.Time, cfg.Location), p.Date.Source, p.Date.Raw
			j.Images, j.CaptionedImages, j.AltImages, j.IsPost, j.NotPost = p.Images, p.CaptionedImages, p.AltImages, &isPost, p.NotPost
		}
		if *asJSON || *manifest != "" {
			return enc.Encode(j)
		}
		if j.Error != "" {
			fmt.Fprintf(e.stdout, "%s: error: %s\n", file, j.Error)
			return nil
		}
		pub := "none"
		if j.Published != nil {
			pub = *j.Published
		}
		fmt.Fprintf(e.stdout, "url:        %s\ntitle:      %s\npublished:  %s\nsource:     %s (%q)\nimages:     %d (captioned %d, alt text only %d)\npost:       %v %s\n",
			j.URL, j.Title, pub, j.DateSource, j.DateRaw, j.Images, j.CaptionedImages, j.AltImages, p.IsPost, p.NotPost)
		return nil
	}
	if *manifest != "" {
		f, err := os.Open(*manifest)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			line := strings.TrimRight(sc.Text(), "\r")
			if strings.TrimSpace(line) == "" {
				continue
			}
			path, orig, _ := strings.Cut(line, "\t")
			p, err := ins.File(path, orig)
			if err := emit(path, p, err); err != nil {
				return err
			}
		}
		return sc.Err()
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(e.stderr, "usage: sitewatch inspect [--json] [--url URL] [--now TIME] FILE|URL  (or --manifest FILE)")
		return errUsage
	}
	in := fs.Arg(0)
	if u, err := url.Parse(in); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		p, err := ins.URL(ctx, in)
		if err != nil {
			return err
		}
		return emit("", p, nil)
	}
	p, err := ins.File(in, *pageURL)
	if err != nil {
		return err
	}
	return emit(in, p, nil)
}
