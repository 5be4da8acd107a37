// Package urlid decides the identity of a URL on a unit's website: when
// two URLs are one page (Canonical, Key: scheme, "www.", default ports,
// fragments, tracking parameters, parameter order, trailing slashes, IIS
// letter case and ASP.NET cookieless sessions do not count) and when two
// URLs are one website (SameSite). It is the one place that decides
// either; the crawler, the claims of units and the reports read it.
package urlid

import (
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
)

var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "yclid": true, "_ga": true, "_gl": true,
	"mc_cid": true, "mc_eid": true, "igshid": true, "zarsrc": true, "zarsrc_id": true, "phpsessid": true, "jsessionid": true,
	"aspsessionid": true, "ref": true, "share": true, "amp": true, "replytocom": true, "sid": true,
	"showcomment": true, "fb_action_ids": true, "fb_source": true, "spref": true,
}

// Canonical normalises a post URL so that one post is counted once: scheme
// and "www." dropped from the key's host comparison by SameSite, fragment,
// tracking parameters (utm_*, fbclid …) and trailing slashes removed, query
// parameters sorted, default ports and dot segments removed.
func Canonical(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return strings.TrimSpace(raw)
	}
	u.Fragment = ""
	u.RawFragment = ""
	u.Host = strings.ToLower(u.Host)
	u.Scheme = strings.ToLower(u.Scheme)
	if h, p, ok := strings.Cut(u.Host, ":"); ok && ((p == "80" && u.Scheme == "http") || (p == "443" && u.Scheme == "https")) {
		u.Host = h
	}
	if u.Path == "" {
		u.Path = "/"
	}
	StripCookieless(u)
	if strings.Contains(u.Path, "/.") {
		clean := path.Clean(u.Path)
		if strings.HasSuffix(u.Path, "/") && clean != "/" {
			clean += "/"
		}
		u.Path = clean
	}
	for len(u.Path) > 1 && strings.HasSuffix(u.Path, "/") {
		u.Path = strings.TrimSuffix(u.Path, "/")
	}
	u.RawPath = ""
	if u.RawQuery != "" {
		q, err := url.ParseQuery(u.RawQuery)
		if err == nil {
			keys := make([]string, 0, len(q))
			for k := range q {
				lk := strings.ToLower(k)
				if strings.HasPrefix(lk, "utm_") || trackingParams[lk] {
					continue
				}
				if lk == "m" && len(q[k]) == 1 && (q[k][0] == "0" || q[k][0] == "1") {
					continue // Blogger's mobile view; ?m=202611 is a month archive
				}
				keys = append(keys, k)
			}
			sort.Strings(keys)
			var b strings.Builder
			for _, k := range keys {
				vs := append([]string(nil), q[k]...)
				sort.Strings(vs)
				for _, v := range vs {
					if b.Len() > 0 {
						b.WriteByte('&')
					}
					b.WriteString(url.QueryEscape(k) + "=" + url.QueryEscape(v))
				}
			}
			u.RawQuery = b.String()
		} else {
			// Kept as it is, but without trailing spaces: they would be
			// trimmed from the result when it is canonicalised again.
			u.RawQuery = strings.TrimRightFunc(u.RawQuery, unicode.IsSpace)
		}
	}
	u.ForceQuery = false
	return u.String()
}

// siteKey is the host without "www." and port-insensitive for default ports.
func siteKey(host string) string {
	host = strings.ToLower(host)
	if h, p, ok := strings.Cut(host, ":"); ok && (p == "80" || p == "443") {
		host = h
	}
	return strings.TrimPrefix(host, "www.")
}

// SameSite reports whether two URLs belong to the same website: the same
// host, ignoring scheme, letter case, a leading "www." and default ports.
// A subdomain is another website: the crawler never follows a link to one,
// so nothing on it is ever counted. This is sitewatch's one definition of a
// unit's website (the crawler's scope, the claim form's check).
func SameSite(a, b *url.URL) bool { return siteKey(a.Host) == siteKey(b.Host) }

// SameSiteURL is SameSite for two raw URLs; false when either is not an
// absolute http(s) URL.
func SameSiteURL(site, raw string) bool {
	a, errA := url.Parse(strings.TrimSpace(site))
	b, errB := url.Parse(strings.TrimSpace(raw))
	if errA != nil || errB != nil || a.Host == "" || b.Host == "" {
		return false
	}
	for _, u := range []*url.URL{a, b} {
		if s := strings.ToLower(u.Scheme); s != "http" && s != "https" {
			return false
		}
	}
	return SameSite(a, b)
}

// Key is the identity of a post URL on its site: the canonical URL without
// scheme and "www.", letter case folded where the server ignores it.
func Key(raw string) string {
	if k, ok := keys.get(raw); ok {
		return k
	}
	k := key(raw)
	keys.put(raw, k)
	return k
}

// key computes Key.
func key(raw string) string {
	c := Canonical(raw)
	u, err := url.Parse(c)
	if err != nil {
		return c
	}
	k := siteKey(u.Host) + u.EscapedPath()
	if u.RawQuery != "" {
		k += "?" + u.RawQuery
	}
	if reCaseless.MatchString(u.Path) {
		// IIS (ASP.NET) serves paths and parameter names in any letter case.
		lower := Canonical(strings.ToLower(c))
		if lu, err := url.Parse(lower); err == nil {
			k = siteKey(lu.Host) + lu.EscapedPath()
			if lu.RawQuery != "" {
				k += "?" + lu.RawQuery
			}
		}
	}
	return k
}

var reCaseless = regexp.MustCompile(`(?i)\.(aspx?|ashx)$`)

// cookieless matches an ASP.NET cookieless-session path segment.
var cookieless = regexp.MustCompile(`/\((?:[A-Z]\([^()/]*\))+\)/`)

// StripCookieless removes an ASP.NET cookieless-session segment from u's
// path (/(S(abc…))/page.aspx or /(X(1)S(abc…))/page.aspx): it names no
// page. It reports whether there was one.
func StripCookieless(u *url.URL) bool {
	if !strings.Contains(u.Path, "/(") {
		return false
	}
	p := cookieless.ReplaceAllString(u.Path, "/")
	if p == u.Path {
		return false
	}
	u.Path, u.RawPath = p, ""
	return true
}

// DocExt matches the extensions of files that are not web pages
// (documents, images, media, feeds, scripts).
var DocExt = regexp.MustCompile(`(?i)\.(pdf|docx?|xlsx?|pptx?|zip|rar|7z|jpe?g|png|gif|webp|svg|mp4|mp3|avi|wmv|flv|txt|xml|rss|atom|json|css|js|ico|exe|apk)$`)

// maxMemoKeys is how many URLs the key memo holds in each of its two
// generations: the links of the sites a crawl reads at once (menus and
// boxes repeat on every page, so a crawl asks for the same keys again and
// again), about 100 bytes each.
const maxMemoKeys = 1 << 13

// keys remembers the keys of the URLs asked for lately (Key is a pure
// function of its argument).
var keys = memo{cur: map[string]string{}}

// memo is a map of two generations: when the current one is full it
// becomes the old one, and a key found in the old one moves back, so the
// memo stays bounded and keeps what is asked for often.
type memo struct {
	mu       sync.Mutex
	cur, old map[string]string
}

func (m *memo) get(raw string) (string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if k, ok := m.cur[raw]; ok {
		return k, true
	}
	k, ok := m.old[raw]
	if ok {
		m.putLocked(raw, k)
	}
	return k, ok
}

func (m *memo) put(raw, k string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.putLocked(raw, k)
}

func (m *memo) putLocked(raw, k string) {
	if len(m.cur) >= maxMemoKeys {
		m.old, m.cur = m.cur, make(map[string]string, maxMemoKeys/4)
	}
	m.cur[raw] = k
}
