package evaluation

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"sitewatch/config"
	"sitewatch/store"
)

// TestContributions: a unit's counts hold the portal's posts attributed to
// it, in the whole-registry evaluation and in the one-unit evaluation that
// the unit page uses (which reads the portal's posts too).
func TestContributions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cfg, err := config.Parse("test.yaml", []byte(`
kinds:
  phong_gddt: {name: "Phòng GD&ĐT", monthly_quota: 2, monthly_contribution_quota: 2}
  phong_so: {name: "Phòng thuộc Sở"}
units:
  - {id: so, name: "Sở GD&ĐT", kind: phong_so, url: "http://so.example/", portal: true}
  - {id: pgd, name: "Phòng GD&ĐT A", kind: phong_gddt, url: "http://a.example/"}
`))
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	now := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
	oct := time.Date(2026, 10, 10, 3, 0, 0, 0, time.UTC)
	st.SyncUnits(ctx, []store.Unit{{ID: "so", Name: "Sở", Kind: "phong_so", URL: "http://so.example/", Enabled: true}, {ID: "pgd", Name: "A", Kind: "phong_gddt", URL: "http://a.example/", Enabled: true}}, now)
	if _, err := st.SaveCrawl(ctx, &store.CrawlResult{Crawl: store.Crawl{UnitID: "so", Started: now, Finished: now, Outcome: store.OutcomeOK}, Posts: []store.Post{
		{URL: "http://so.example/1", Title: "1", Published: now.Add(-48 * time.Hour), ContributedBy: "pgd", Images: 4, CaptionedImages: 3},
		{URL: "http://so.example/2", Title: "2", Published: oct, ContributedBy: "pgd", Images: 1},
		{URL: "http://so.example/3", Title: "3", Published: now.Add(-24 * time.Hour)},
	}}); err != nil {
		t.Fatal(err)
	}
	for _, o := range []Options{{}, {Unit: "pgd"}} {
		e, err := Build(ctx, st, cfg, now, o)
		if err != nil {
			t.Fatal(err)
		}
		c := e.Unit("pgd").Counts
		if c.ContributionsMonth != 1 || c.ContributionImagesMonth != 4 || c.ContributionCaptionedMonth != 3 ||
			c.ContributionsQuarter != 2 || c.ContributionImagesQuarter != 5 || c.ContributionQuota != 2 || c.ContributionNeeded != 1 || c.ContributionMonthState != "pending" {
			t.Errorf("options %+v: counts %+v", o, c)
		}
		if c.PostsMonth != 0 {
			t.Errorf("contributions counted as the unit's own posts: %+v", c)
		}
	}
}
