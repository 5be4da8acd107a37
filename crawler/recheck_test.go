package crawler_test

import (
	"net/http"
	"testing"
	"time"

	"sitewatch/config"
	"sitewatch/crawler"
	"sitewatch/internal/testkit/simweb"
	"sitewatch/store"
	"sitewatch/tally"
)

// TestRecheckFindsVanishedPosts is the scenario of issue 13: two posts of a
// site begin answering 404 and 410 and leave its listings, feed and
// sitemap, while the feed shows nothing new. Crawled twice a day, each
// crawl of the unchanged site costs its 3 discovery requests plus a share of
// rechecks, and both posts are found gone within recheck_days (still
// counted); every known post of the window is rechecked in that time. Then
// one of them comes back: it is live again within recheck_days.
func TestRecheckFindsVanishedPosts(t *testing.T) {
	t.Parallel()
	now := simweb.DefaultNow()
	sites, w, p := startProvince(t, simweb.Options{Seed: 31, Now: now, Styles: []string{simweb.StyleWordPress, simweb.StyleNukeViet}}, 2)
	days := p.cfg.Settings.RecheckDays
	if days != config.DefaultRecheckDays {
		t.Fatalf("recheck_days %d, want the default %d", days, config.DefaultRecheckDays)
	}
	for _, s := range p.crawl(0) {
		if s.Crawl.Outcome == store.OutcomeFailed || s.New == 0 {
			t.Fatalf("%s: first crawl %s, %d new", s.Unit.ID, s.Crawl.Outcome, s.New)
		}
	}
	withdrawn := map[string][]string{} // unit -> stored URLs (404 first)
	path := map[string]string{}        // stored URL -> the site's path
	for i, site := range sites {
		unit := p.cfg.Units[i].ID
		since := now.AddDate(0, 0, -p.cfg.Settings.LookbackDays)
		// Two posts of the window, not the newest (which an unchanged home
		// page would still be expected to show).
		var vanish []string
		for _, tp := range site.Truth()[2:] {
			if tp.Published.After(since.AddDate(0, 0, days+1)) && len(vanish) < 2 {
				vanish = append(vanish, tp.URL)
			}
		}
		if len(vanish) < 2 {
			t.Fatalf("%s: fewer than 2 posts in the window", unit)
		}
		if !site.WithdrawPost(vanish[0], http.StatusNotFound) || !site.WithdrawPost(vanish[1], http.StatusGone) {
			t.Fatalf("%s: cannot withdraw %v", unit, vanish)
		}
		for _, v := range vanish {
			u := crawler.Canonical(w.URL(site.Name) + v)
			withdrawn[unit] = append(withdrawn[unit], u)
			path[u] = v
		}
	}
	before := map[string]map[string]store.Post{}
	for _, u := range p.cfg.Units {
		before[u.ID] = p.posts(u.ID)
	}
	start := p.clock
	goneAt := map[string]time.Time{}
	crawls := 2 * days
	totalRechecks := 0
	for n := 0; n < crawls; n++ {
		for _, s := range p.crawl(12 * time.Hour) {
			if s.Crawl.Outcome != store.OutcomeOK {
				t.Fatalf("%s: crawl %d %s: %s", s.Unit.ID, n, s.Crawl.Outcome, s.Crawl.Error)
			}
			// Documents, one answer each in Codes: a recheck of a post whose
			// stored URL redirects (a trailing slash) costs two requests.
			docs := 0
			for _, c := range s.Crawl.Codes {
				docs += c
			}
			if d := docs - s.Crawl.Rechecks; d > 3 {
				t.Errorf("%s: crawl %d read %d discovery documents on a site with nothing new, want at most 3", s.Unit.ID, n, d)
			}
			if s.Crawl.Rechecks > crawler.DefaultLimits.MaxRechecks {
				t.Errorf("%s: %d rechecks over the cap %d", s.Unit.ID, s.Crawl.Rechecks, crawler.DefaultLimits.MaxRechecks)
			}
			totalRechecks += s.Crawl.Rechecks
		}
		for _, u := range p.cfg.Units {
			for url, kp := range p.posts(u.ID) {
				if kp.Status == store.StatusGone && goneAt[url].IsZero() {
					goneAt[url] = p.clock
				}
			}
		}
	}
	for _, u := range p.cfg.Units {
		unit := u.ID
		after := p.posts(unit)
		if len(after) != len(before[unit]) {
			t.Errorf("%s: %d posts before, %d after", unit, len(before[unit]), len(after))
		}
		gone, inWindow := 0, 0
		since := p.clock.AddDate(0, 0, -p.cfg.Settings.LookbackDays)
		for url, kp := range after {
			if kp.Published.Before(since) {
				continue
			}
			inWindow++
			if kp.Checked.Before(start) {
				t.Errorf("%s: %s last checked %v, not within the %d days since %v", unit, url, kp.Checked, days, start)
			}
			if kp.Status == store.StatusGone {
				gone++
				if at := goneAt[url]; at.Sub(start) > time.Duration(days)*24*time.Hour {
					t.Errorf("%s: %s found gone after %v, recheck_days is %d", unit, url, at.Sub(start), days)
				}
				if kp.Flags[store.FlagGone] == "" {
					t.Errorf("%s: gone post %s without the gone flag", unit, url)
				}
				if ok, why := tally.Counted(kp); !ok {
					t.Errorf("%s: gone post %s no longer counted: %s", unit, url, why)
				}
			}
		}
		for _, url := range withdrawn[unit] {
			if after[url].Status != store.StatusGone {
				t.Errorf("%s: withdrawn %s is %q after %d days", unit, url, after[url].Status, days)
			}
		}
		if gone != 2 {
			t.Errorf("%s: %d posts gone after %d days, want the 2 withdrawn", unit, gone, days)
		}
		t.Logf("%s: %d posts in the window, 2 withdrawn, %d gone", unit, inWindow, gone)
	}
	t.Logf("%d rechecks in %d crawls of %d sites over %d days", totalRechecks, crawls, len(sites), days)

	// The 404 post of site 0 comes back.
	unit0 := p.cfg.Units[0].ID
	back := withdrawn[unit0][0]
	if !sites[0].RestorePost(path[back]) {
		t.Fatalf("cannot restore %s", back)
	}
	restored := p.clock
	revived := 0
	for n := 0; n < crawls && p.posts(unit0)[back].Status != store.StatusLive; n++ {
		revived += p.crawl(12 * time.Hour)[0].Revived
	}
	kp := p.posts(unit0)[back]
	if kp.Status != store.StatusLive || kp.Flags[store.FlagGone] != "" || !kp.GoneSince.IsZero() {
		t.Fatalf("%s: restored post is %s (flags %v, gone since %v)", back, kp.Status, kp.Flags, kp.GoneSince)
	}
	if d := p.clock.Sub(restored); d > time.Duration(days)*24*time.Hour {
		t.Errorf("restored post live again after %v, recheck_days is %d", d, days)
	}
	if revived != 1 {
		t.Errorf("crawl summaries counted %d revived posts, want 1", revived)
	}
}

// TestRecheckDelistedAtOnce: a post of the feed that begins answering 410
// and leaves the feed is rechecked on the next crawl (the feed's previous
// body, kept for its conditional GET, still listed it), not only on its
// slot day; the crawl stays that of a site with nothing new.
func TestRecheckDelistedAtOnce(t *testing.T) {
	t.Parallel()
	now := simweb.DefaultNow()
	sites, w, p := startProvince(t, simweb.Options{Seed: 33, Now: now, Styles: []string{simweb.StyleWordPress, simweb.StyleNukeViet}}, 2)
	p.crawl(0)
	for i, site := range sites {
		unit := p.cfg.Units[i].ID
		tp := site.Truth()[1] // the second newest: in the feed
		if !site.WithdrawPost(tp.URL, http.StatusGone) {
			t.Fatalf("%s: cannot withdraw %s", unit, tp.URL)
		}
		u := crawler.Canonical(w.URL(site.Name) + tp.URL)
		// An hour later: the same day, so no slot and nothing overdue.
		s := p.crawl(time.Hour)[i]
		if d := s.Crawl.Requests - s.Crawl.Rechecks; d > 3 {
			t.Errorf("%s: %d discovery requests, want at most 3", unit, d)
		}
		if got := p.posts(unit)[u]; got.Status != store.StatusGone {
			t.Errorf("%s: %s is %q on the crawl after it left the feed (%d rechecks)", unit, u, got.Status, s.Crawl.Rechecks)
		}
	}
}
