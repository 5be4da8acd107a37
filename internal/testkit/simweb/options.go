package simweb

import (
	"time"
	_ "time/tzdata" // Asia/Ho_Chi_Minh travels inside the binary
)

// Style names, one generator each.
const (
	StyleNukeViet  = "nukeviet"
	StyleWordPress = "wordpress"
	StyleJoomla    = "joomla"
	StylePortal    = "portal"
	StyleBlogger   = "blogger"
	StyleStatic    = "static"
)

// AllStyles lists every style in the order Generate cycles through them.
func AllStyles() []string {
	return []string{StyleNukeViet, StyleWordPress, StyleJoomla, StylePortal, StyleBlogger, StyleStatic}
}

// Defaults applied by Generate to zero Options fields.
const (
	DefaultSeed         = 1
	DefaultPostsPerSite = 30
	DefaultMonths       = 4
)

// StyleCustom sites carry customHistoryMin to customHistoryMin +
// customHistorySpread - 1 posts older than the window, spread over the 14
// months before it.
const (
	customHistoryMin    = 20
	customHistorySpread = 41
)

// DefaultNow is the fixed "now" of generated sites when Options.Now is zero:
// 2026-11-25 10:00 in Asia/Ho_Chi_Minh, the same instant as the shared corpus.
func DefaultNow() time.Time { return time.Date(2026, 11, 25, 10, 0, 0, 0, zone()) }

// Options say what Generate builds. The zero value is usable: every zero
// field takes the default documented on it.
type Options struct {
	// Seed makes the web reproducible: the same seed gives the same sites,
	// byte for byte. Site i depends only on Seed and i, not on how many sites
	// are generated. Default 1.
	Seed int64
	// Now is the fixed present of every site: posts are dated before it,
	// relative dates ("3 giờ trước") count from it, and it is sent as the HTTP
	// Date header. Default DefaultNow().
	Now time.Time
	// PostsPerSite is how many posts each site has, the pinned old post and the
	// posts older than the window included. Default 30; at least 8 are made.
	PostsPerSite int
	// Months is the window the posts are spread over, counted back from Now.
	// A few posts are older than the window on purpose. Default 4.
	Months int
	// Styles restricts the styles; sites take them in turn (site i gets
	// Styles[i%len(Styles)]). Default AllStyles().
	Styles []string
	// Schemes restricts the URL scheme families of StyleCustom sites (see
	// AllSchemes); site i of a seed takes them in turn from an offset drawn
	// from the seed. Default AllSchemes().
	Schemes []string
	// PageBytes pads HTML pages with an inline stylesheet to about this many
	// bytes (real unit sites weigh 20-80 KB). 0 leaves pages at their natural
	// size (8-25 KB).
	PageBytes int
	// Varied gives sites different activity profiles (steady, sparse, stale
	// for more than a month, bursty) so that quota and staleness checks have
	// something to find. Default false: every site posts steadily.
	Varied bool
	// Faults maps a site index to the fault it serves. Sites not listed are
	// healthy. Faults can also be changed at run time with Site.SetFault.
	Faults map[int]Fault
}

// Fault is a simple misbehaviour of a whole site. The zero value is a
// healthy site.
type Fault struct {
	// Down answers every URL, robots.txt included, with 503 and Retry-After: 3600.
	Down bool
	// Delay holds every response back this long (a slow site). The wait ends
	// early when the client goes away.
	Delay time.Duration
	// ErrorShare is the share (0..1) of post pages and listing pages that
	// answer 500, chosen by a hash of the request target, so the same URLs
	// always fail.
	ErrorShare float64
}

func (o Options) withDefaults() Options {
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.Now.IsZero() {
		o.Now = DefaultNow()
	}
	o.Now = o.Now.In(zone()).Truncate(time.Minute)
	if o.PostsPerSite <= 0 {
		o.PostsPerSite = DefaultPostsPerSite
	}
	if o.PostsPerSite < 8 {
		o.PostsPerSite = 8
	}
	if o.Months <= 0 {
		o.Months = DefaultMonths
	}
	if len(o.Styles) == 0 {
		o.Styles = AllStyles()
	}
	if len(o.Schemes) == 0 {
		o.Schemes = AllSchemes()
	}
	return o
}

var hcm = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		return time.FixedZone("+07", 7*3600)
	}
	return loc
}()

// zone is Asia/Ho_Chi_Minh, the zone every site shows its dates in.
func zone() *time.Location { return hcm }
