package crawler_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"sitewatch/config"
	"sitewatch/crawler"
	"sitewatch/internal/testkit/simweb"
)

// normPath is the scorer's identity of a post URL: path and sorted query,
// without scheme, host, trailing slash and tracking parameters.
func normPath(t *testing.T, raw string) string {
	t.Helper()
	c := crawler.Canonical(raw)
	u, err := url.Parse(c)
	if err != nil {
		t.Fatalf("parse %q: %v", c, err)
	}
	p := u.EscapedPath()
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p
}

// TestCrawlSimulatedWeb crawls one site of every CMS style and compares what
// the crawler finds in the lookback window with the sites' ground truth:
// every post found once, no false post, the right day, exact image and
// caption counts.
func TestCrawlSimulatedWeb(t *testing.T) {
	t.Parallel()
	now := simweb.DefaultNow()
	sites := simweb.Generate(simweb.Options{Seed: simSeed, Now: now}, simSites)
	w, err := simweb.Start(sites)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	since := now.AddDate(0, 0, -90)
	c := crawler.New(crawler.Options{AllowPrivateNetwork: true, Location: loc, Now: func() time.Time { return now }, Since: since,
		RequestTimeout: 10 * time.Second, CrawlTimeout: time.Minute})
	var truthN, found, falsePosts, dateOK, imgOK int
	for _, s := range sites {
		t.Run(s.Name+"-"+s.Style, func(t *testing.T) {
			u, _ := url.Parse(w.URL(s.Name) + "/")
			res := c.Crawl(context.Background(), crawler.Target{Unit: &config.Unit{ID: s.Name, URL: u.String(), Parsed: u}})
			if res.Crawl.Outcome == "failed" {
				t.Fatalf("crawl failed: %s %s", res.Crawl.ErrorReason, res.Crawl.Error)
			}
			truth := map[string]simweb.TruthPost{}
			for _, tp := range s.Truth() {
				truth[normPath(t, "http://x"+tp.URL)] = tp
				for _, a := range tp.Aliases {
					if _, ok := truth[normPath(t, "http://x"+a)]; !ok {
						truth[normPath(t, "http://x"+a)] = tp
					}
				}
			}
			want := map[string]bool{}
			for _, tp := range s.Truth() {
				if !tp.Published.Before(since) {
					want[tp.URL] = true
				}
			}
			truthN += len(want)
			got := map[string]bool{}
			for _, p := range res.Posts {
				tp, ok := truth[normPath(t, p.URL)]
				if !ok {
					if !p.Published.Before(since) {
						falsePosts++
						t.Errorf("not a post: %s (%s)", p.URL, p.DateSource)
					}
					continue
				}
				if tp.Published.Before(since) {
					continue
				}
				if got[tp.URL] {
					falsePosts++
					t.Errorf("counted twice: %s", p.URL)
					continue
				}
				got[tp.URL] = true
				found++
				if p.Published.In(loc).Format("2006-01-02") == tp.Published.In(loc).Format("2006-01-02") {
					dateOK++
				} else {
					t.Errorf("%s: published %s (%s %q), truth %s", tp.URL, p.Published.In(loc).Format(time.RFC3339), p.DateSource, p.DateRaw, tp.PublishedText)
				}
				if p.AltImages != tp.AltImages {
					t.Errorf("%s: images with alt text only %d, truth %d", tp.URL, p.AltImages, tp.AltImages)
				}
				if p.Images == tp.Images && p.CaptionedImages == tp.CaptionedImages {
					imgOK++
				} else {
					t.Errorf("%s: images %d/%d captioned %d/%d", tp.URL, p.Images, tp.Images, p.CaptionedImages, tp.CaptionedImages)
				}
			}
			for u := range want {
				if !got[u] {
					t.Errorf("missed %s", u)
				}
			}
		})
	}
	t.Logf("simulated web: found %d/%d, false %d, dates %d/%d, images+captions %d/%d", found, truthN, falsePosts, dateOK, found, imgOK, found)
}

// simSeed and simSites are variables so that a wider sweep can be run by hand
// (go test -run TestCrawlSimulatedWeb -args is not needed: edit and run).
var simSeed, simSites = int64(7), 12
