// Package crawler finds the posts of a unit's website and their publication
// dates: it discovers candidate post URLs from feeds, sitemaps and listing
// pages (cheapest first), fetches post pages politely (robots.txt, one
// connection per host, a delay, conditional GET, size and time caps) and
// extracts title, canonical URL, date with its source, and image counts.
package crawler

import (
	"log/slog"
	"net"
	"time"

	"sitewatch/attribution"
	"sitewatch/config"
	"sitewatch/store"
)

// Options configure a Crawler. Zero values take the defaults of package config.
type Options struct {
	// Resolver looks up host names (nil: the system resolver). Tests pass
	// one that never leaves the machine.
	Resolver       *net.Resolver
	UserAgent      string
	Delay          time.Duration
	RequestTimeout time.Duration
	CrawlTimeout   time.Duration
	MaxBodyBytes   int64
	MaxPages       int
	// AllowPrivateNetwork lets every unit reach loopback and private addresses.
	AllowPrivateNetwork bool
	// InsecureSkipVerify crawls sites with invalid certificates (still reported).
	InsecureSkipVerify bool
	// Location decides local dates (default Asia/Ho_Chi_Minh).
	Location *time.Location
	// Now is the clock; the time pages count as fetched.
	Now func() time.Time
	// LookbackDays is the window of each crawl: discovery stops at posts
	// older than this many days before the crawl's own now, so that one
	// Crawler serves run after run. Default config.DefaultLookbackDays.
	LookbackDays int
	// Since, when set, fixes the window's start instead (a probe's --since).
	Since time.Time
	// RecheckDays is the longest time between two liveness checks of a
	// known post of the window (see recheck.go). Default config.DefaultRecheckDays.
	RecheckDays int
	Logger      *slog.Logger
	// Limits bound each unit's crawl (zero fields: DefaultLimits).
	Limits Limits
}

// Target is one unit to crawl with what the database already knows of it.
type Target struct {
	Unit *config.Unit
	// Known posts of the unit by canonical URL (nil for a probe).
	Known map[string]store.Post
	// Validators from the previous crawl, by URL (nil for a probe).
	Validators map[string]store.Validator
	// Requirements are the sections the unit's website must carry (from its kind).
	Requirements []config.Requirement
	// Attribution, for a portal unit, reads who sent each post (nil: not a portal).
	Attribution *attribution.Matcher
}
