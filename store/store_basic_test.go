package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

func TestSaveCrawlKeepsHistory(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.SyncUnits(ctx, []Unit{{ID: "u", Name: "U", Kind: "k", URL: "http://u/", Enabled: true}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	pub := time.Date(2026, 10, 30, 1, 0, 0, 0, time.UTC)
	first := &CrawlResult{Crawl: Crawl{UnitID: "u", Started: t0, Finished: t0, Outcome: OutcomeOK},
		Posts:      []Post{{URL: "http://u/a", Title: "A", Published: pub, DateSource: "json-ld", Images: 2}},
		Validators: []Validator{{URL: "http://u/", ETag: `"x"`, Payload: []byte("p")}}}
	if s, err := st.SaveCrawl(ctx, first); err != nil || s.New != 1 {
		t.Fatalf("first save: %+v %v", s, err)
	}
	// Re-dated and then gone: both values kept, the post stays.
	t1 := t0.Add(24 * time.Hour)
	second := &CrawlResult{Crawl: Crawl{UnitID: "u", Started: t1, Finished: t1, Outcome: OutcomeOK},
		Posts: []Post{{URL: "http://u/a", Title: "A", Published: pub.AddDate(0, 0, 5), Images: 2}}}
	if _, err := st.SaveCrawl(ctx, second); err != nil {
		t.Fatal(err)
	}
	t2 := t1.Add(24 * time.Hour)
	if _, err := st.SaveCrawl(ctx, &CrawlResult{Crawl: Crawl{UnitID: "u", Started: t2, Finished: t2, Outcome: OutcomeOK}, Gone: []string{"http://u/a"}}); err != nil {
		t.Fatal(err)
	}
	ps, err := st.Posts(ctx, PostFilter{UnitID: "u", IncludeGone: true})
	if err != nil || len(ps) != 1 {
		t.Fatalf("posts: %v %v", ps, err)
	}
	p := ps[0]
	if p.Status != StatusGone || p.Flags["redated"] == "" || p.Flags["gone"] == "" || !p.FirstSeen.Equal(t0) {
		t.Errorf("post = %+v", p)
	}
	v, err := st.Validators(ctx, []string{"http://u/"})
	if err != nil || v["http://u/"].ETag != `"x"` {
		t.Errorf("validators: %v %v", v, err)
	}
	cs, err := st.Crawls(ctx, "u", 10)
	if err != nil || len(cs) != 3 {
		t.Errorf("crawls: %d %v", len(cs), err)
	}
	if r, err := st.IntegrityCheck(ctx); err != nil || r != "ok" {
		t.Errorf("integrity: %q %v", r, err)
	}
	bk := filepath.Join(t.TempDir(), "backup.db")
	if err := st.Backup(ctx, bk); err != nil {
		t.Fatal(err)
	}
	b, err := Open(ctx, bk)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if ps, _ := b.Posts(ctx, PostFilter{IncludeGone: true}); len(ps) != 1 {
		t.Errorf("backup has %d posts", len(ps))
	}
}
