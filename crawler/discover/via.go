package discover

import "strings"

// Source is where discovery found a candidate post.
type Source uint8

// Sources of candidates, cheapest first.
const (
	FromFeed Source = iota + 1
	FromSitemap
	FromListing
)

func (s Source) String() string {
	switch s {
	case FromFeed:
		return "feed"
	case FromSitemap:
		return "sitemap"
	case FromListing:
		return "listing"
	}
	return "unknown"
}

// Via is a candidate's provenance: the source and the document (feed,
// sitemap or listing page) that listed it. It is stored as its String,
// "feed https://…/rss", and read back by ParseVia.
type Via struct {
	Source Source
	URL    string
}

func (v Via) String() string { return v.Source.String() + " " + v.URL }

// ParseVia reads a stored provenance; unknown text gives a zero Via.
func ParseVia(s string) Via {
	src, u, _ := strings.Cut(s, " ")
	for _, k := range []Source{FromFeed, FromSitemap, FromListing} {
		if k.String() == src {
			return Via{Source: k, URL: u}
		}
	}
	return Via{}
}
