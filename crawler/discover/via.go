package discover

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
// "feed https://…/rss".
type Via struct {
	Source Source
	URL    string
}

func (v Via) String() string { return v.Source.String() + " " + v.URL }
