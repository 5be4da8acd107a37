package simweb

import (
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
)

// TestFeedsAndSitemapsParse checks that every feed and sitemap is well formed
// and that feed dates are the publication dates (to the minute-bug).
func TestFeedsAndSitemapsParse(t *testing.T) {
	t.Parallel()
	sites := Generate(Options{Seed: 31, PostsPerSite: 16}, 6)
	feeds := map[string][]string{
		StyleNukeViet:  {"/news/rss/"},
		StyleWordPress: {"/feed/", "/feed/?paged=2"},
		StyleJoomla:    {"/index.php/tin-tuc?format=feed&type=rss", "/index.php/tin-tuc?format=feed&type=atom", "/index.php?format=feed&type=rss"},
		StyleBlogger:   {"/feeds/posts/default", "/feeds/posts/default?alt=rss"},
	}
	sitemaps := map[string][]string{
		StyleNukeViet:  {"/sitemap.xml", "/sitemap-vi.news.xml"},
		StyleWordPress: {"/wp-sitemap.xml", "/wp-sitemap-posts-post-1.xml"},
		StylePortal:    {"/sitemap.xml"},
		StyleBlogger:   {"/sitemap.xml", "/sitemap.xml?page=1"},
	}
	for _, s := range sites {
		pub := map[string]time.Time{}
		for _, p := range s.Truth() {
			pub["http://sim.test"+p.URL] = p.Published
		}
		for _, f := range feeds[s.Style] {
			r := record(s, f, nil)
			if r.Code != 200 {
				t.Errorf("%s %s: %d", s.Style, f, r.Code)
				continue
			}
			feed, err := gofeed.NewParser().ParseString(r.Body.String())
			if err != nil {
				t.Errorf("%s %s: %v", s.Style, f, err)
				continue
			}
			if len(feed.Items) == 0 {
				t.Errorf("%s %s: no items", s.Style, f)
			}
			for _, it := range feed.Items {
				want, ok := pub[it.Link]
				if !ok {
					t.Errorf("%s %s: item link %s is not a post", s.Style, f, it.Link)
					continue
				}
				if it.PublishedParsed == nil {
					t.Errorf("%s %s: %s has no date", s.Style, f, it.Link)
					continue
				}
				d := it.PublishedParsed.Sub(want)
				if d < 0 {
					d = -d
				}
				if d >= time.Hour || (d != 0 && !(s.Style == StyleNukeViet && s.feats.feedMinute)) {
					t.Errorf("%s %s: %s dated %v, published %v", s.Style, f, it.Link, it.PublishedParsed, want)
				}
			}
		}
		for _, sm := range sitemaps[s.Style] {
			r := record(s, sm, nil)
			var doc struct {
				URLs []struct {
					Loc string `xml:"loc"`
				} `xml:"url"`
				Sitemaps []struct {
					Loc string `xml:"loc"`
				} `xml:"sitemap"`
			}
			if err := xml.Unmarshal(r.Body.Bytes(), &doc); err != nil || r.Code != 200 {
				t.Errorf("%s %s: %d %v", s.Style, sm, r.Code, err)
				continue
			}
			if len(doc.URLs)+len(doc.Sitemaps) == 0 {
				t.Errorf("%s %s: empty", s.Style, sm)
			}
			for _, u := range doc.URLs {
				if !strings.HasPrefix(u.Loc, "http://sim.test/") {
					t.Errorf("%s %s: loc %s", s.Style, sm, u.Loc)
				}
			}
		}
	}
}
