package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"runtime"
	"strings"
	"sync"

	"sitewatch/crawler"
	"sitewatch/crawler/extract"
)

func runInspect(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "inspect")
	cfgPath := configFlag(fs, e)
	asJSON := fs.Bool("json", false, "print JSON")
	pageURL := fs.String("url", "", "the original `address` of a saved page")
	manifest := fs.String("manifest", "", "a `file` of lines path<TAB>original-url; one JSON line per input, in order")
	learn := fs.Bool("template", true, "with --manifest: learn each site's template from its pages in the manifest (sites with two pages or more) and read them with it")
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
			j.PageType, j.Evidence = string(p.Type), p.Evidence
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
		entries, err := readManifest(f)
		f.Close()
		if err != nil {
			return err
		}
		workers := runtime.GOMAXPROCS(0)
		var tpls map[string]*extract.Template
		if *learn {
			tpls = siteTemplates(ctx, entries, ins, workers)
		}
		return inspectManifest(ctx, entries, ins, tpls, workers, emit)
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
	p, err := ins.File(in, *pageURL, nil)
	if err != nil {
		return err
	}
	return emit(in, p, nil)
}

// manifestEntry is one line of a manifest: a saved page and its address.
type manifestEntry struct{ path, url string }

// readManifest reads the lines path<TAB>original-url of a manifest.
func readManifest(r io.Reader) ([]manifestEntry, error) {
	var out []manifestEntry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		path, orig, _ := strings.Cut(line, "\t")
		out = append(out, manifestEntry{path, orig})
	}
	return out, sc.Err()
}

// siteTemplates learns, for every site with at least two pages in the
// manifest, its template from those pages (as a crawl does from the pages
// it reads). Pages of other sites stay lone pages. workers goroutines
// fingerprint the pages; each site then learns its pages in manifest order,
// so the templates, and every answer read with them, do not depend on which
// worker finished first.
func siteTemplates(ctx context.Context, entries []manifestEntry, ins *crawler.Inspector, workers int) map[string]*extract.Template {
	byHost := map[string][]string{}
	var hosts []string
	for _, e := range entries {
		if u, err := url.Parse(e.url); err == nil && u.Host != "" {
			if byHost[u.Host] == nil {
				hosts = append(hosts, u.Host)
			}
			byHost[u.Host] = append(byHost[u.Host], e.path)
		}
	}
	tpls := map[string]*extract.Template{}
	var paths []string
	var tplOf []*extract.Template
	for _, host := range hosts {
		ps := byHost[host]
		if len(ps) < extract.DefaultTemplateLimits.MinPages {
			continue
		}
		t := extract.NewTemplate()
		tpls[host] = t
		for _, p := range ps {
			paths = append(paths, p)
			tplOf = append(tplOf, t)
		}
	}
	prints := make([]extract.Prints, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				// A page that cannot be read is reported when it is inspected.
				prints[i], _ = ins.PrintFile(paths[i], tplOf[i])
			}
		}()
	}
feed:
	for i := range paths {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	for i, p := range prints {
		tplOf[i].Add(p)
	}
	return tpls
}

// templateOf is the learnt template of the page's site, or nil.
func templateOf(tpls map[string]*extract.Template, pageURL string) *extract.Template {
	if u, err := url.Parse(pageURL); err == nil {
		return tpls[u.Host]
	}
	return nil
}

// manifestWindow is how many pages of a manifest, per worker, may be read
// ahead of the one printed next: it bounds the memory of out-of-order results.
const manifestWindow = 4

// inspectManifest inspects the pages of a manifest with workers goroutines,
// each with its site's template, and emits the results in input order.
func inspectManifest(ctx context.Context, entries []manifestEntry, ins *crawler.Inspector, tpls map[string]*extract.Template, workers int, emit func(string, *extract.Page, error) error) error {
	type job struct {
		manifestEntry
		res chan result
	}
	workers = max(workers, 1)
	jobs := make(chan job)
	order := make(chan job, workers*manifestWindow)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				p, err := ins.File(j.path, j.url, templateOf(tpls, j.url))
				j.res <- result{p, err}
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(jobs)
		for _, e := range entries {
			j := job{e, make(chan result, 1)}
			select {
			case order <- j:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				j.res <- result{nil, ctx.Err()}
				return
			}
		}
	}()
	var emitErr error
	for j := range order {
		res := <-j.res
		if emitErr == nil {
			emitErr = emit(j.path, res.p, res.err)
		}
	}
	wg.Wait()
	if emitErr != nil {
		return emitErr
	}
	return ctx.Err()
}

// result is one inspected page.
type result struct {
	p   *extract.Page
	err error
}
