package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// TestGoneAndBack: a post confirmed gone is marked gone (with its flag and
// check time), stays gone when confirmed again, and is live again, without
// the gone flag, when a later crawl finds it; a post read from its page
// again loses an empty flag its page no longer earns.
func TestGoneAndBack(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := openTest(t, filepath.Join(t.TempDir(), "s.db"))
	t0 := time.Date(2026, 11, 20, 1, 0, 0, 0, time.UTC)
	if err := st.SyncUnits(ctx, []Unit{{ID: "u", Name: "U", Kind: "k", URL: "http://u.example/", Enabled: true}}, t0); err != nil {
		t.Fatal(err)
	}
	const u = "http://u.example/tin/bai-1.html"
	post := Post{URL: u, Title: "Bài 1", Published: t0.Add(-time.Hour), Flags: map[string]string{FlagEmpty: EmptyValue(EmptyTitleOnly, 0, nil)}}
	save := func(at time.Time, r CrawlResult) SaveSummary {
		t.Helper()
		r.Crawl = Crawl{UnitID: "u", Started: at, Finished: at, Outcome: OutcomeOK}
		sum, err := st.SaveCrawl(ctx, &r)
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	load := func() Post {
		t.Helper()
		ps, err := st.KnownPosts(ctx, "u")
		if err != nil {
			t.Fatal(err)
		}
		return ps[u]
	}
	save(t0, CrawlResult{Posts: []Post{post}})
	if p := load(); !p.Checked.Equal(t0) || p.Flags[FlagEmpty] != "title_only" {
		t.Fatalf("new post: checked %v flags %v", p.Checked, p.Flags)
	}
	t1 := t0.Add(24 * time.Hour)
	if sum := save(t1, CrawlResult{Gone: []string{u}}); sum.Gone != 1 {
		t.Errorf("gone: %+v", sum)
	}
	p := load()
	if p.Status != StatusGone || !p.GoneSince.Equal(t1) || p.Flags[FlagGone] != GoneDetail(t1) || !p.Checked.Equal(t1) {
		t.Fatalf("after 404: %+v", p)
	}
	t2 := t1.Add(24 * time.Hour)
	if sum := save(t2, CrawlResult{Gone: []string{u}}); sum.Gone != 0 {
		t.Errorf("gone twice counted: %+v", sum)
	}
	if p := load(); !p.GoneSince.Equal(t1) || !p.Checked.Equal(t2) {
		t.Errorf("gone again: gone since %v (want %v), checked %v (want %v)", p.GoneSince, t1, p.Checked, t2)
	}
	// Back, read from its page (FirstSeen zero), now with a body.
	t3 := t2.Add(24 * time.Hour)
	back := Post{URL: u, Title: "Bài 1", Published: post.Published, BodyChars: 900, Checked: t3, Flags: map[string]string{}}
	if sum := save(t3, CrawlResult{Posts: []Post{back}}); sum.Revived != 1 {
		t.Errorf("revived: %+v", sum)
	}
	p = load()
	if p.Status != StatusLive || !p.GoneSince.IsZero() || p.Flags[FlagGone] != "" || p.Flags[FlagEmpty] != "" || !p.Checked.Equal(t3) {
		t.Errorf("back: %+v", p)
	}
}
