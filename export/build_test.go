package export

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"sitewatch/store"
)

// TestBuild fills a real store with the fixture and checks that Build gives
// the same numbers as tally.Compute over the same posts.
func TestBuild(t *testing.T) {
	t.Parallel()
	fx := loadFixture(t)
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "sitewatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var units []store.Unit
	for _, u := range fx.cfg.Units {
		units = append(units, store.Unit{ID: u.ID, Name: u.Name, Kind: u.Kind, Block: u.Block, URL: u.URL, Enabled: u.IsEnabled(), Retired: u.Retired})
	}
	if err := st.SyncUnits(ctx, units, fx.now); err != nil {
		t.Fatal(err)
	}
	byUnit := map[string][]store.Post{}
	var gone []string
	for _, p := range fx.posts {
		byUnit[p.UnitID] = append(byUnit[p.UnitID], p)
		if p.Status == store.StatusGone {
			gone = append(gone, p.URL)
		}
	}
	finished := fx.now.Add(-3 * time.Hour)
	for _, u := range fx.cfg.Units {
		if _, err := st.SaveCrawl(ctx, &store.CrawlResult{
			Crawl: store.Crawl{UnitID: u.ID, Started: finished.Add(-time.Minute), Finished: finished, Outcome: store.OutcomeOK},
			Posts: byUnit[u.ID],
		}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.SaveCrawl(ctx, &store.CrawlResult{
		Crawl: store.Crawl{UnitID: "pgd-cu-jut", Started: finished.Add(-time.Minute), Finished: finished, Outcome: store.OutcomeOK},
		Gone:  gone,
	}); err != nil {
		t.Fatal(err)
	}
	r, err := Build(ctx, st, fx.cfg, fx.period, fx.now)
	if err != nil {
		t.Fatal(err)
	}
	if !r.DataAsOf.Equal(finished) {
		t.Errorf("DataAsOf = %v, want %v", r.DataAsOf, finished)
	}
	got := map[string]int{}
	for _, u := range r.Units {
		got[u.Unit.ID] = u.Total
	}
	if _, ok := got["pgd-cu"]; ok {
		t.Errorf("retired unit without posts is in the report")
	}
	for _, want := range fx.units {
		if want.Unit.ID == "pgd-cu" {
			continue
		}
		if got[want.Unit.ID] != want.Total {
			t.Errorf("%s total = %d, want %d", want.Unit.ID, got[want.Unit.ID], want.Total)
		}
	}
}
