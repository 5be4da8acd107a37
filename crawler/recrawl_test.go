package crawler_test

import (
	"context"
	"testing"
	"time"

	"sitewatch/crawler"
	"sitewatch/internal/testkit/simweb"
	"sitewatch/store"
)

// TestRecrawlUnchangedIsCheap crawls a simulated province twice into a real
// database: the second crawl of unchanged sites fetches at most 3 documents
// per site, answered 304 where the server supports validators, and finds the
// same posts. Then a post is added and a site loses all its posts: the third
// crawl finds the new post and marks the vanished ones gone (still counted).
func TestRecrawlUnchangedIsCheap(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := simweb.DefaultNow()
	sites, _, p := startProvince(t, simweb.Options{Seed: 11, Now: now}, 12)
	cfg, st := p.cfg, p.st
	run := func() []crawler.Summary { return p.crawl(12 * time.Hour) }
	first := run()
	found := map[string]int{}
	for _, s := range first {
		if s.SaveErr != nil || s.Crawl.Outcome == store.OutcomeFailed {
			t.Fatalf("%s: %v %s", s.Unit.ID, s.SaveErr, s.Crawl.Error)
		}
		found[s.Unit.ID] = s.Found
	}
	second := run()
	total304, totalReq, rechecks := 0, 0, 0
	for _, s := range second {
		// Discovery stops after 3 documents; the liveness rechecks come on
		// top, within their cap (their share is checked in recheck_test.go).
		if n := s.Crawl.Requests - s.Crawl.Rechecks; n > 3 {
			t.Errorf("%s: %d discovery requests on an unchanged site, want at most 3", s.Unit.ID, n)
		}
		if s.Crawl.Rechecks > crawler.DefaultLimits.MaxRechecks {
			t.Errorf("%s: %d rechecks, cap %d", s.Unit.ID, s.Crawl.Rechecks, crawler.DefaultLimits.MaxRechecks)
		}
		if s.New != 0 || s.Found != found[s.Unit.ID] {
			t.Errorf("%s: second crawl found %d (new %d), first %d", s.Unit.ID, s.Found, s.New, found[s.Unit.ID])
		}
		total304 += s.Crawl.NotModified
		totalReq += s.Crawl.Requests
		rechecks += s.Crawl.Rechecks
	}
	if total304*2 < totalReq-rechecks {
		t.Errorf("only %d of %d re-crawl discovery requests answered 304", total304, totalReq-rechecks)
	}
	t.Logf("re-crawl: %d requests for %d sites (%d of them rechecks), %d answered 304", totalReq, len(second), rechecks, total304)

	// A new post on site 0; every post of site 1 vanishes.
	added := sites[0].AddPost(simweb.NewPost{Title: "Hội nghị cán bộ, viên chức năm học mới", Published: p.clock.Add(10 * time.Hour), Images: 2, Captioned: 1})
	gone := sites[1].RemoveAllPosts()
	third := run()
	if third[0].New != 1 {
		t.Errorf("site 0: %d new posts after adding %s", third[0].New, added.URL)
	}
	if third[1].Gone == 0 {
		t.Errorf("site 1: no post marked gone after %d vanished", gone)
	}
	ps, err := st.Posts(ctx, store.PostFilter{UnitID: cfg.Units[1].ID, IncludeGone: true})
	if err != nil {
		t.Fatal(err)
	}
	goneN := 0
	for _, p := range ps {
		if p.Status == store.StatusGone {
			goneN++
		}
	}
	if len(ps) < found[cfg.Units[1].ID] || goneN == 0 {
		t.Errorf("site 1 history: %d posts (%d gone), first crawl found %d", len(ps), goneN, found[cfg.Units[1].ID])
	}
}
