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

	"github.com/PuerkitoBio/goquery"
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
		var sr *siteReads
		if *learn {
			sr = readSites(ctx, entries, ins, workers)
		}
		return inspectManifest(ctx, entries, ins, sr, workers, emit)
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

// readSites reads the pages of every site with at least two pages in the
// manifest with its template, learnt from those pages (as a crawl learns
// from the pages it reads); pages of other sites stay lone pages, for
// inspectManifest. workers goroutines parse and fingerprint the pages, site
// after site; the worker that fingerprints a site's last page has the site
// learn its pages in manifest order, so that the templates, and every answer
// read with them, do not depend on which worker finished first, and then
// reads them from the documents it keeps: each page is parsed once, and
// only the documents of the sites being read are held.
func readSites(ctx context.Context, entries []manifestEntry, ins *crawler.Inspector, workers int) *siteReads {
	byHost := map[string][]int{}
	var hosts []string
	for i, e := range entries {
		if u, err := url.Parse(e.url); err == nil && u.Host != "" {
			if byHost[u.Host] == nil {
				hosts = append(hosts, u.Host)
			}
			byHost[u.Host] = append(byHost[u.Host], i)
		}
	}
	sr := &siteReads{tpls: map[string]*extract.Template{}, read: make([]*result, len(entries))}
	var pages []sitePage
	for _, host := range hosts {
		is := byHost[host]
		if len(is) < extract.DefaultTemplateLimits.MinPages {
			continue
		}
		s := &site{tpl: extract.NewTemplate(), entries: is, parsed: make([]parsedPage, len(is)), left: len(is)}
		sr.tpls[host] = s.tpl
		for k := range is {
			pages = append(pages, sitePage{s, k})
		}
	}
	next := make(chan sitePage)
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for sp := range next {
				s, i := sp.s, sp.s.entries[sp.k]
				// A page that cannot be parsed is read again, and its
				// error reported, with the others.
				if doc, err := ins.ParseFile(entries[i].path); err == nil {
					pp := parsedPage{doc, s.tpl.PrintsOf(doc)}
					if sp.k >= manifestSiteDocs {
						pp = parsedPage{prints: pp.prints.Detached()}
					}
					s.parsed[sp.k] = pp
				}
				if s.done() {
					sr.readSite(ins, entries, s)
				}
			}
		}()
	}
feed:
	for _, sp := range pages {
		select {
		case next <- sp:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	return sr
}

// readSite has s learn its pages, all fingerprinted, in manifest order, then
// reads them with it.
func (sr *siteReads) readSite(ins *crawler.Inspector, entries []manifestEntry, s *site) {
	for _, pp := range s.parsed {
		s.tpl.Add(pp.prints)
	}
	for k, i := range s.entries {
		e, pp := entries[i], s.parsed[k]
		if pp.doc == nil {
			p, err := ins.File(e.path, e.url, s.tpl)
			sr.read[i] = &result{p, err}
			continue
		}
		s.parsed[k] = parsedPage{}
		sr.read[i] = &result{ins.Document(pp.doc, e.path, e.url, s.tpl, pp.prints), nil}
	}
}

// siteReads are the templates readSites learnt, by host, and the pages it
// read with them, by entry index (nil for the others).
type siteReads struct {
	tpls map[string]*extract.Template
	read []*result
}

// manifestSiteDocs is how many parsed pages of one site readSites keeps
// until the site has learnt its template; the site's further pages are
// parsed again to be read. It bounds memory (a parsed page takes about ten
// times its size) on a manifest of a few large sites.
const manifestSiteDocs = 32

// site is one site of a manifest being read by readSites.
type site struct {
	tpl     *extract.Template
	entries []int        // the manifest entries of its pages, in order
	parsed  []parsedPage // by page, as they are parsed
	mu      sync.Mutex
	left    int // pages not yet parsed
}

// done counts one more page of s parsed and reports whether it was the last.
func (s *site) done() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.left--
	return s.left == 0
}

// sitePage is page k of site s.
type sitePage struct {
	s *site
	k int
}

// parsedPage is a page parsed and fingerprinted for its site's template;
// the zero value for a page not parsed.
type parsedPage struct {
	doc    *goquery.Document
	prints extract.Prints
}

// inspect is entry i of the manifest: as readSites read it, or a lone page.
func (sr *siteReads) inspect(ins *crawler.Inspector, i int, e manifestEntry) (*extract.Page, error) {
	if sr != nil && sr.read[i] != nil {
		r := sr.read[i]
		sr.read[i] = nil
		return r.p, r.err
	}
	return ins.File(e.path, e.url, nil)
}

// manifestWindow is how many pages of a manifest, per worker, may be read
// ahead of the one printed next: it bounds the memory of out-of-order results.
const manifestWindow = 4

// inspectManifest inspects the pages of a manifest with workers goroutines,
// each with its site's template (sr, nil for none), and emits the results
// in input order.
func inspectManifest(ctx context.Context, entries []manifestEntry, ins *crawler.Inspector, sr *siteReads, workers int, emit func(string, *extract.Page, error) error) error {
	type job struct {
		manifestEntry
		i   int
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
				p, err := sr.inspect(ins, j.i, j.manifestEntry)
				j.res <- result{p, err}
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(jobs)
		for i, e := range entries {
			j := job{e, i, make(chan result, 1)}
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
