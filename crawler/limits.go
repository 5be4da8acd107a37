package crawler

import (
	"time"

	"sitewatch/crawler/extract"
)

// Limits bound the work of one unit's crawl. Every number the crawler
// stops at lives here, with its reason; DefaultLimits are used when a
// field is zero.
type Limits struct {
	// MaxFeeds is the most feeds read per site (a site declares a few; a
	// broken template may declare hundreds).
	MaxFeeds int
	// MaxFeedPages is the most pages read of one paged feed (?paged=N).
	MaxFeedPages int
	// MaxSitemaps is the most sitemap documents read (indexes included).
	MaxSitemaps int
	// MaxListingPages is the most listing pages walked (categories and
	// their pagination, breadth first).
	MaxListingPages int
	// MaxPagination is the deepest page of one listing followed.
	MaxPagination int
	// SamplesPerTemplate is how many pages of an unknown URL template are
	// fetched to learn what its pages are.
	SamplesPerTemplate int
	// MaxOldInRow stops reading an undated listing page after this many of
	// its posts in a row turned out older than the window.
	MaxOldInRow int
	// DateMargin widens the window for dates that are only bounds (a
	// listing's update date, a sitemap lastmod, a feed date in another zone).
	DateMargin time.Duration
	// ChangedTolerance is how far a feed date may differ from a stored
	// post's date before the post is read again.
	ChangedTolerance time.Duration
	// MaxSeen is the most URLs remembered as not being posts in the window.
	MaxSeen int
	// EmptyBodyChars is the body length under which a post is flagged empty.
	EmptyBodyChars int
	// MaxRechecks is the most known posts rechecked for liveness in one
	// unit crawl (recheck.go). A unit publishing the 2 posts a month of the
	// dispatch has about 7 posts in a 100-day window, so its daily share is
	// 1; 25 covers ten times that at recheck_days 7 (posts/7 a day), and a
	// backlog (a site that removed many posts, days without a crawl) drains
	// over a few crawls.
	MaxRechecks int
}

// DefaultLimits are the limits of a crawl when Options.Limits leaves a field zero.
var DefaultLimits = Limits{
	MaxFeeds: 12, MaxFeedPages: 30, MaxSitemaps: 25, MaxListingPages: 160, MaxPagination: 60,
	SamplesPerTemplate: 3, MaxOldInRow: 3, DateMargin: 48 * time.Hour, ChangedTolerance: 12 * time.Hour,
	MaxSeen: 20000, EmptyBodyChars: extract.DefaultEmptyBodyChars, MaxRechecks: 25,
}

// withDefaults fills l's zero fields from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	set := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	set(&l.MaxFeeds, d.MaxFeeds)
	set(&l.MaxFeedPages, d.MaxFeedPages)
	set(&l.MaxSitemaps, d.MaxSitemaps)
	set(&l.MaxListingPages, d.MaxListingPages)
	set(&l.MaxPagination, d.MaxPagination)
	set(&l.SamplesPerTemplate, d.SamplesPerTemplate)
	set(&l.MaxOldInRow, d.MaxOldInRow)
	set(&l.MaxSeen, d.MaxSeen)
	set(&l.EmptyBodyChars, d.EmptyBodyChars)
	set(&l.MaxRechecks, d.MaxRechecks)
	if l.DateMargin <= 0 {
		l.DateMargin = d.DateMargin
	}
	if l.ChangedTolerance <= 0 {
		l.ChangedTolerance = d.ChangedTolerance
	}
	return l
}
