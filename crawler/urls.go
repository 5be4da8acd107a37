package crawler

import (
	"net/url"

	"sitewatch/crawler/urlid"
)

// Canonical normalises a post URL so that one post is counted once (see
// package urlid, which alone decides URL identity).
func Canonical(raw string) string { return urlid.Canonical(raw) }

// SameSite reports whether two URLs belong to the same website (urlid.SameSite).
func SameSite(a, b *url.URL) bool { return urlid.SameSite(a, b) }

// SameSiteURL reports whether raw belongs to the website at site (urlid.SameSiteURL).
func SameSiteURL(site, raw string) bool { return urlid.SameSiteURL(site, raw) }

// key is urlid.Key.
func key(raw string) string { return urlid.Key(raw) }

var reDocExt = urlid.DocExt
