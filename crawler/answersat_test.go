package crawler_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"sitewatch/internal/testkit/simweb"
)

// TestRecheckAsksWherePostsAnswer: a WordPress site's posts live at their
// slash URL, which the stored (canonical) URL redirects to; a recheck asks
// the URL the page answered at, one request, not the 301 first. A post
// whose page then answers 404 there is still found gone.
func TestRecheckAsksWherePostsAnswer(t *testing.T) {
	t.Parallel()
	now := simweb.DefaultNow()
	sites, _, p := startProvince(t, simweb.Options{Seed: 11, Now: now, Styles: []string{simweb.StyleWordPress}}, 2)
	p.crawl(0)
	rechecks := 0
	for day := 1; day <= 3; day++ {
		for _, s := range p.crawl(24 * time.Hour) {
			docs := 0
			for _, n := range s.Crawl.Codes {
				docs += n
			}
			if s.Crawl.Requests != docs {
				t.Errorf("day %d, %s: %d requests for %d documents (%d rechecks): redirects followed", day, s.Unit.ID, s.Crawl.Requests, docs, s.Crawl.Rechecks)
			}
			rechecks += s.Crawl.Rechecks
		}
	}
	if rechecks == 0 {
		t.Fatal("no recheck in three days; the test needs another seed")
	}
	var withdrawn string
	for u, sp := range p.posts(p.cfg.Units[0].ID) {
		if sp.Status == "live" && !sp.Published.Before(now.AddDate(0, 0, -30)) {
			withdrawn = u
			break
		}
	}
	path := strings.TrimPrefix(withdrawn, p.cfg.Units[0].URL[:len(p.cfg.Units[0].URL)-1])
	if !sites[0].WithdrawPost(path+"/", http.StatusNotFound) && !sites[0].WithdrawPost(path, http.StatusNotFound) {
		t.Fatalf("could not withdraw %s", path)
	}
	for day := 0; day < 8; day++ {
		p.crawl(24 * time.Hour)
	}
	if st := p.posts(p.cfg.Units[0].ID)[withdrawn].Status; st != "gone" {
		t.Errorf("%s answering 404: %s after recheck_days", withdrawn, st)
	}
}
