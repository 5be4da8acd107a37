package discover

import (
	"net/url"
	"strconv"
	"strings"
)

// maxPagerText is the longest anchor text of a page-number link ("Trang 2",
// "2", "»", "Trang sau").
const maxPagerText = 20

// Next returns the next page of the listing at page: a rel="next" link, or
// else the link that is a variant of page's URL differing by one number (a
// query parameter or a path segment, possibly added: ?paged=2, /page/2,
// trang-2.html, &start=20) with the smallest number above the current
// page's, whose anchor reads as a pager (a number, arrows, or a short text).
func Next(page *url.URL, links []Link) (string, bool) {
	for _, l := range links {
		if l.Next {
			return l.URL, true
		}
	}
	pt := tokens(page)
	best, bestN := "", int64(-1)
	for _, l := range links {
		if !pagerText(l.Text) {
			continue
		}
		u, err := url.Parse(l.URL)
		if err != nil || u.Path == page.Path && u.RawQuery == page.RawQuery {
			continue
		}
		n, cur, ok := variant(pt, tokens(u))
		if !ok || n <= cur {
			continue
		}
		if bestN < 0 || n < bestN {
			best, bestN = l.URL, n
		}
	}
	return best, bestN >= 0
}

// IsPage reports whether link l is another page of the listing at page: a
// variant of its URL differing by one number, shown as a pager shows it
// (see Next), or its rel="next".
func IsPage(page *url.URL, l Link) bool {
	if l.Next {
		return true
	}
	if !pagerText(l.Text) {
		return false
	}
	u, err := url.Parse(l.URL)
	if err != nil || u.Path == page.Path && u.RawQuery == page.RawQuery {
		return false
	}
	_, _, ok := variant(tokens(page), tokens(u))
	return ok
}

// pagerText reports anchor texts that a pager may show: numbers, arrows
// or a short label ("Trang sau"). Its words are no gate: the URL must be a
// variant of the page's.
func pagerText(t string) bool {
	return len([]rune(strings.TrimSpace(t))) <= maxPagerText
}

// variant reports whether link tokens lt are the page tokens pt with one
// number changed (cur is the page's number there) or with one or two tokens
// added of which exactly one is a number (cur is 0); n is the link's number.
func variant(pt, lt []string) (n, cur int64, ok bool) {
	switch {
	case len(lt) == len(pt):
		pos := -1
		for i := range pt {
			if pt[i] != lt[i] {
				if pos >= 0 || !isDigits(pt[i]) || !isDigits(lt[i]) {
					return 0, 0, false
				}
				pos = i
			}
		}
		if pos < 0 {
			return 0, 0, false
		}
		n, _ = strconv.ParseInt(lt[pos], 10, 64)
		cur, _ = strconv.ParseInt(pt[pos], 10, 64)
		return n, cur, true
	case len(lt) > len(pt) && len(lt) <= len(pt)+2:
		k := len(lt) - len(pt)
		for start := 0; start <= len(pt); start++ {
			if !equal(pt[:start], lt[:start]) || !equal(pt[start:], lt[start+k:]) {
				continue
			}
			num := int64(-1)
			for _, t := range lt[start : start+k] {
				if isDigits(t) {
					if num >= 0 {
						return 0, 0, false
					}
					num, _ = strconv.ParseInt(t, 10, 64)
				}
			}
			if num >= 0 {
				return num, 0, true
			}
		}
	}
	return 0, 0, false
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
