package bench

import (
	"context"
	"fmt"
	"time"

	"sitewatch/config"
	"sitewatch/internal/testkit/simweb"
	"sitewatch/store"
)

// FillStore writes into st what a perfect crawl of sites at `at` would have
// written: the registry's units, one successful crawl per site and its true
// posts. Benchmarks of the read side use it to get thousands of units
// without crawling them.
func FillStore(ctx context.Context, st *store.Store, cfg *config.Config, sites []*simweb.Site, urlOf func(name string) string, at time.Time) error {
	units := make([]store.Unit, 0, len(cfg.Units))
	for _, u := range cfg.Units {
		units = append(units, store.Unit{ID: u.ID, Name: u.Name, Kind: u.Kind, Block: u.Block, URL: u.URL, Enabled: u.IsEnabled(), Retired: u.Retired})
	}
	if err := st.SyncUnits(ctx, units, at); err != nil {
		return fmt.Errorf("bench: fill: %w", err)
	}
	for _, s := range sites {
		root := urlOf(s.Name)
		r := &store.CrawlResult{Crawl: store.Crawl{
			UnitID: s.Name, Started: at, Finished: at.Add(2 * time.Second), Outcome: store.OutcomeOK,
			Requests: 30, HTTPStatus: 200, FinalURL: root + "/", Codes: map[int]int{200: 30}, Sections: map[string]string{},
		}}
		for _, id := range s.Sections {
			r.Crawl.Sections[id] = root + "/" + id
		}
		for _, tp := range s.Truth() {
			r.Posts = append(r.Posts, store.Post{
				UnitID: s.Name, URL: root + tp.URL, Title: tp.Title, Published: tp.Published.UTC(), DateSource: "truth",
				FoundVia: "truth", Images: tp.Images, CaptionedImages: tp.CaptionedImages, AltImages: tp.AltImages,
				Status: store.StatusLive, Flags: map[string]string{},
			})
		}
		r.Crawl.PostsFound = len(r.Posts)
		if _, err := st.SaveCrawl(ctx, r); err != nil {
			return fmt.Errorf("bench: fill %s: %w", s.Name, err)
		}
	}
	return nil
}

// FakeURL names a site that is not served ("http://NAME.sim.test").
func FakeURL(name string) string { return "http://" + name + ".sim.test" }
