package bench

import (
	"sort"
	"time"

	"sitewatch/internal/testkit/simweb"
)

// FixedPerSite is what a crawler may request from a site on top of its
// minimum (simweb.Minimum): robots.txt, the home page, the first feed and
// the sitemap, once each.
const FixedPerSite = 4

// MinimumSet is the least set of URLs a first crawl must request to read
// every post of the lookback window on every site (see simweb.Minimum),
// the URL lists the floors fetch.
type MinimumSet struct {
	// Lists holds one list of absolute URLs per site (listings first, then
	// posts), sites in name order.
	Lists [][]string
	// PerSite is the size of each site's minimum by unit id (site name).
	PerSite map[string]int
	// Posts and Listings are the totals of the two parts; Extra the old
	// posts a sitemap forces a crawler to rule out.
	Posts, Listings, Extra int
	// Unknown counts the sites whose style simweb.Minimum does not model
	// (their posts are in the lists, their listings not).
	Unknown int
}

// Count is the number of URLs of the set.
func (m *MinimumSet) Count() int { return m.Posts + m.Listings + m.Extra }

// Minimum returns the minimum URL set of sites for the posts published at
// or after since; urlOf gives a site's root URL (no trailing slash).
func Minimum(sites []*simweb.Site, urlOf func(name string) string, since time.Time) *MinimumSet {
	ms := &MinimumSet{PerSite: make(map[string]int, len(sites))}
	sorted := append([]*simweb.Site(nil), sites...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	for _, s := range sorted {
		m := s.Minimum(since)
		if !m.Known {
			ms.Unknown++
		}
		root := urlOf(s.Name)
		var list []string
		for _, u := range m.URLs() {
			list = append(list, root+u)
		}
		ms.Lists = append(ms.Lists, list)
		ms.PerSite[s.Name] = m.Count()
		ms.Posts += len(m.Posts)
		ms.Listings += len(m.Listings)
		ms.Extra += len(m.Extra)
	}
	return ms
}
