package simweb

import (
	"fmt"
	"net/url"
	"time"
)

// Minimum is the least a crawler must request from a site to read every
// post of a window, besides its four fixed requests (robots.txt, the home
// page, the first site-wide feed and the sitemap named by robots.txt or
// /sitemap.xml): the posts of the window and the listing pages needed to
// find them, in the site's own URLs (path and query).
type Minimum struct {
	// Posts are the canonical URLs of the posts published in the window.
	Posts []string `json:"posts"`
	// Listings are the further pages the cheapest way to the posts reads:
	// listing pages, feed pages after the first, or the sitemap part below
	// the index.
	Listings []string `json:"listings"`
	// Extra are posts older than the window that the cheapest way must
	// still fetch to rule out (a sitemap whose lastmod, an update date,
	// falls in the window).
	Extra []string `json:"extra,omitempty"`
	// Via names the cheapest way: "listing", "feed" or "sitemap"; "" when
	// the site is down or has no post in the window.
	Via string `json:"via,omitempty"`
	// Known is false for a style whose listings this method does not
	// model; then only Posts is filled.
	Known bool `json:"known"`
}

// URLs is every URL of the minimum: listings, then posts, then extras.
func (m Minimum) URLs() []string {
	out := make([]string, 0, len(m.Listings)+len(m.Posts)+len(m.Extra))
	out = append(out, m.Listings...)
	out = append(out, m.Posts...)
	return append(out, m.Extra...)
}

// Count is len(URLs()).
func (m Minimum) Count() int { return len(m.Listings) + len(m.Posts) + len(m.Extra) }

// way is one way to the window's posts: the pages it reads beyond the
// fixed requests and the old posts it must fetch.
type way struct {
	via   string
	pages []string
	extra []string
}

func (w way) cost() int { return len(w.pages) + len(w.extra) }

// chain is a paginated list of posts: pageURL(n) is page n (from 1); page 1
// is free when it is one of the fixed requests (home page, first feed).
type chain struct {
	list      []*post
	per       int
	pageURL   func(n int) string
	firstFree bool
	// skip reports a post that does not count for the stop (a pinned old
	// post shown first on every page).
	skip func(p *post) bool
}

// pagesTo returns the pages of c a crawler reads to see every post of c
// published at or after since: up to the page holding the oldest such post
// (none when c has none).
func (c chain) pagesTo(since time.Time) []string {
	last := -1
	for i, p := range c.list {
		if (c.skip == nil || !c.skip(p)) && !p.pub.Before(since) {
			last = i
		}
	}
	if last < 0 {
		return nil
	}
	var out []string
	for n := 1; n <= last/c.per+1; n++ {
		if n == 1 && c.firstFree {
			continue
		}
		out = append(out, c.pageURL(n))
	}
	return out
}

// Minimum returns the least set of requests of s for the posts published at
// or after since (see type Minimum). Safe for concurrent use.
func (s *Site) Minimum(since time.Time) Minimum {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var m Minimum
	if s.fault.Down {
		m.Known = true
		return m
	}
	for _, p := range s.posts {
		if !p.pub.Before(since) {
			m.Posts = append(m.Posts, s.st.postPath(s, p))
		}
	}
	ways, known := s.ways(since)
	m.Known = known
	if len(m.Posts) == 0 || !known {
		return m
	}
	best := -1
	for i, w := range ways {
		if best < 0 || w.cost() < ways[best].cost() {
			best = i
		}
	}
	if best >= 0 {
		m.Listings, m.Extra, m.Via = ways[best].pages, ways[best].extra, ways[best].via
	}
	return m
}

// pinned reports the old post every listing of the style shows first.
func pinned(p *post) bool { return p.has(trapPinned) }

// ways lists the ways to the window that the site's style offers.
func (s *Site) ways(since time.Time) ([]way, bool) {
	all := func(pinFirst bool) []*post { return s.listing(-1, pinFirst) }
	var ways []way
	addChains := func(via string, cs ...chain) {
		var pages []string
		for _, c := range cs {
			pages = append(pages, c.pagesTo(since)...)
		}
		ways = append(ways, way{via: via, pages: pages})
	}
	perCategory := func(per int, pageURL func(ci, n int) string) []chain {
		var cs []chain
		for ci := range s.cats {
			cs = append(cs, chain{list: s.listing(ci, false), per: per, pageURL: func(n int) string { return pageURL(ci, n) }})
		}
		return cs
	}
	switch s.Style {
	case StyleNukeViet:
		addChains("listing", chain{list: all(true), per: s.perPage(5, 8), skip: pinned, pageURL: func(n int) string {
			if n == 1 {
				return "/news/"
			}
			return fmt.Sprintf("/news/page-%d/", n)
		}})
		// /news/rss/ holds the 20 newest posts.
		if w, ok := feedWay(since, all(false), 20); ok {
			ways = append(ways, w)
		}
		ways = append(ways, s.sitemapWay(since, []string{"/sitemap-vi.news.xml"}, false))
	case StyleWordPress:
		// The home page and /feed/ list 10 posts a page (the sticky post aside).
		var list []*post
		for _, p := range s.posts {
			if !pinned(p) {
				list = append(list, p)
			}
		}
		addChains("listing", chain{list: list, per: 10, firstFree: true, pageURL: func(n int) string { return fmt.Sprintf("/page/%d/", n) }})
		addChains("feed", chain{list: list, per: 10, firstFree: true, pageURL: func(n int) string { return fmt.Sprintf("/feed/?paged=%d", n) }})
		ways = append(ways, s.sitemapWay(since, []string{"/wp-sitemap-posts-post-1.xml"}, false))
	case StyleJoomla:
		// Category blogs of 5 articles, ?start=N; the home feed lists
		// featured articles only and there is no sitemap.
		addChains("listing", perCategory(5, func(ci, n int) string {
			base := "/index.php/" + s.cats[ci].slug
			if n == 1 {
				return base
			}
			return fmt.Sprintf("%s?start=%d", base, (n-1)*5)
		})...)
	case StylePortal:
		// Category listings of 10; the RSS link is dead; the sitemap lists
		// every post with its update day.
		addChains("listing", perCategory(10, func(ci, n int) string {
			u := fmt.Sprintf("/Pages/TinTuc.aspx?CatID=%d", s.cats[ci].id)
			if n > 1 {
				u += fmt.Sprintf("&Page=%d", n)
			}
			return u
		})...)
		ways = append(ways, s.sitemapWay(since, nil, true))
	case StyleBlogger:
		// /search (the "older posts" pager) is disallowed by robots.txt;
		// month archives (by creation month) and the Atom feed (25 a page) are not.
		seen := map[string]bool{}
		var months []string
		for _, p := range s.posts {
			if !p.pub.Before(since) {
				if m := p.born.Format("2006/01"); !seen[m] {
					seen[m] = true
					months = append(months, "/"+m+"/")
				}
			}
		}
		ways = append(ways, way{via: "listing", pages: months})
		addChains("feed", chain{list: s.posts, per: 25, firstFree: true, pageURL: func(n int) string {
			return "/feeds/posts/default?" + url.Values{"start-index": {fmt.Sprint((n-1)*25 + 1)}, "max-results": {"25"}}.Encode()
		}})
		ways = append(ways, s.sitemapWay(since, []string{"/sitemap.xml?page=1"}, false))
	case StyleStatic:
		// One listing /tin-tuc/, paged by 15 on some sites; no feed, no sitemap.
		per := max(1, len(s.posts))
		if s.feats.staticPaging {
			per = 15
		}
		addChains("listing", chain{list: s.posts, per: per, pageURL: func(n int) string {
			if n == 1 {
				return "/tin-tuc/"
			}
			return fmt.Sprintf("/tin-tuc/trang-%d.html", n)
		}})
	default:
		return nil, false
	}
	return ways, true
}

// feedWay is the site-wide feed of the newest n posts: a way (free) only
// when it holds every post of the window, as it has no further pages.
func feedWay(since time.Time, list []*post, n int) (way, bool) {
	for i, p := range list {
		if i >= n && !p.pub.Before(since) {
			return way{}, false
		}
	}
	return way{via: "feed"}, true
}

// sitemapWay reads the post sitemap below the index (parts) and every
// post whose lastmod (its update time, or its update day when byDay) falls
// in the window, the old ones among them as extras.
func (s *Site) sitemapWay(since time.Time, parts []string, byDay bool) way {
	w := way{via: "sitemap", pages: parts}
	from := since
	if byDay {
		from = dayStart(since.In(zone()))
	}
	for _, p := range s.posts {
		if p.pub.Before(since) && !p.upd.Before(from) {
			w.extra = append(w.extra, s.st.postPath(s, p))
		}
	}
	return w
}
