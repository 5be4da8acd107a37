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
		// Each document is one answer in Codes; a redirect followed to it
		// (a portal's home page) is one more request.
		docs := 0
		for _, n := range s.Crawl.Codes {
			docs += n
		}
		if n := docs - s.Crawl.Rechecks; n > 3 {
			t.Errorf("%s: %d discovery documents on an unchanged site, want at most 3", s.Unit.ID, n)
		}
		if s.Crawl.Requests < docs {
			t.Errorf("%s: %d requests for %d documents", s.Unit.ID, s.Crawl.Requests, docs)
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
	urls0 := func() map[string]store.Post {
		ps, err := st.Posts(ctx, store.PostFilter{UnitID: cfg.Units[0].ID, IncludeGone: true})
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]store.Post{}
		for _, p := range ps {
			m[normPath(t, p.URL)] = p
		}
		return m
	}
	before := urls0()
	added := sites[0].AddPost(simweb.NewPost{Title: "Hội nghị cán bộ, viên chức năm học mới", Published: p.clock.Add(10 * time.Hour), Images: 2, Captioned: 1})
	gone := sites[1].RemoveAllPosts()
	third := run()
	// The new post is found, and no other post of the window is new; a
	// full discovery may also store an old post the first crawl had no
	// need to read (a sitemap part it left unread).
	newIn := 0
	for k, p := range urls0() {
		if _, ok := before[k]; !ok && !p.Published.Before(now.AddDate(0, 0, -90)) {
			newIn++
		}
	}
	if _, ok := urls0()[normPath(t, "http://x"+added.URL)]; !ok || newIn != 1 {
		t.Errorf("site 0: %d new posts, %d in the window, after adding %s (found: %v)", third[0].New, newIn, added.URL, ok)
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

// TestRecrawlFailedPagesWaitADay crawls sites that answer a quarter of
// their posts and listings with 500. A re-crawl the same day does not take
// the links to the pages that failed for news: it stays at the 3 documents
// of an unchanged site and is partial (the pages are still unread). Once
// the server is fixed, the first crawl of the next day asks them again and
// finds their posts.
func TestRecrawlFailedPagesWaitADay(t *testing.T) {
	t.Parallel()
	now := simweb.DefaultNow()
	faults := map[int]simweb.Fault{}
	for i := 0; i < 4; i++ {
		faults[i] = simweb.Fault{ErrorShare: 0.25}
	}
	sites, _, p := startProvince(t, simweb.Options{Seed: 11, Now: now, Faults: faults}, 4)
	first := p.crawl(0)
	partial, found := 0, 0
	for _, s := range first {
		if s.Crawl.Outcome == store.OutcomePartial {
			partial++
		}
		found += s.Found
	}
	if partial == 0 {
		t.Fatal("no site failed a page in the first crawl; the test needs another seed")
	}
	second := p.crawl(time.Hour)
	for i, s := range second {
		docs := 0
		for _, n := range s.Crawl.Codes {
			docs += n
		}
		if n := docs - s.Crawl.Rechecks; n > 3 {
			t.Errorf("%s: %d discovery documents the same day, want at most 3", s.Unit.ID, n)
		}
		if first[i].Crawl.Outcome == store.OutcomePartial && s.Crawl.Outcome != store.OutcomePartial {
			t.Errorf("%s: re-crawl %s (%q), want partial: its failed pages are still unread", s.Unit.ID, s.Crawl.Outcome, s.Crawl.Error)
		}
	}
	for _, s := range sites {
		s.SetFault(simweb.Fault{})
	}
	third := p.crawl(24 * time.Hour)
	refound := 0
	for _, s := range third {
		if s.Crawl.Outcome != store.OutcomeOK {
			t.Errorf("%s: next day %s (%q) with the server fixed", s.Unit.ID, s.Crawl.Outcome, s.Crawl.Error)
		}
		refound += s.Found
	}
	if refound <= found {
		t.Errorf("next day found %d posts, first crawl %d: the failed pages were not asked again", refound, found)
	}
}
