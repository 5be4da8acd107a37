package discover

import (
	"net/url"
	"strings"
)

// maxResolved is how many hrefs a Resolver remembers before it starts
// afresh: a site's menus, boxes and lists, with room to spare.
const maxResolved = 4096

// Resolver resolves the hrefs of a site's pages to the links Read records:
// the absolute URL, its identity and its template, or nothing for an href
// that leaves the site. It remembers what it resolved, since every page of
// a site repeats its menus and boxes. One per crawl of a site; not safe
// for concurrent use.
type Resolver struct {
	same  func(*url.URL) bool
	canon func(string) string
	memo  map[string]resolved
}

// NewResolver returns a Resolver; same reports whether a URL belongs to
// the site, canon (or nil) gives a link's identity (see Read).
func NewResolver(same func(*url.URL) bool, canon func(string) string) *Resolver {
	return &Resolver{same: same, canon: canon, memo: map[string]resolved{}}
}

// resolved is what an href of a page resolves to; ok is false for an href
// that is not a same-site http(s) URL.
type resolved struct {
	raw, id, template string
	ok                bool
}

// resolve resolves href against base. An href that names its host or
// starts at the root resolves alike on every page of a host, so it is
// remembered by the host; a relative one by the page.
func (res *Resolver) resolve(base *url.URL, href string) resolved {
	var k string
	switch {
	case strings.HasPrefix(href, "http://"), strings.HasPrefix(href, "https://"):
		k = href
	case strings.HasPrefix(href, "/") && !strings.HasPrefix(href, "//"):
		k = base.Scheme + "://" + base.Host + "\x00" + href
	default:
		k = base.String() + "\x00" + href
	}
	if rl, ok := res.memo[k]; ok {
		return rl
	}
	rl := res.compute(base, href)
	if len(res.memo) >= maxResolved {
		clear(res.memo)
	}
	res.memo[k] = rl
	return rl
}

func (res *Resolver) compute(base *url.URL, href string) resolved {
	u, err := base.Parse(href)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !res.same(u) {
		return resolved{}
	}
	u.Fragment, u.RawFragment = "", ""
	raw := u.String()
	id := raw
	if res.canon != nil {
		id = res.canon(raw)
		if cu, err := url.Parse(id); err == nil {
			u = cu
		}
	}
	return resolved{raw: raw, id: id, template: Template(u), ok: true}
}
