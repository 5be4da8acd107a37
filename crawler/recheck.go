package crawler

import (
	"bytes"
	"context"
	"errors"
	"hash/fnv"
	"net/http"
	"net/url"
	"sitewatch/crawler/fetch"
	"sort"
	"time"

	"sitewatch/store"
)

// Liveness rechecks. Discovery stops early on an unchanged site and lists
// only the newest posts, so a post deleted from the site (404 or 410) and
// from its feed, sitemap and listings is never seen to go. Each crawl
// therefore requests a rolling share of the unit's known posts in the
// lookback window, live or gone, with a conditional GET:
//
//   - 200 or 304: the post is live (a gone one becomes live again);
//   - 404 or 410: the post is gone (it still counts);
//   - anything else (5xx, 403, timeouts): unknown; it stays due.
//
// Which posts: each post has a slot, hash(URL) mod recheck_days, and is due
// on the local days whose number mod recheck_days is its slot, unless it was
// already checked that day; a post not checked for recheck_days (missed
// days, a deferred recheck) is due at once; so is a known live post that a
// full discovery did not list any more, or that the site's feed or sitemap
// listed at the previous crawl and no longer lists (see delisted); a gone
// post listed again is due first. A crawl checks at most Limits.MaxRechecks
// of them: gone posts listed again first, then delisted ones, then the
// oldest last check first; the rest is
// counted in Crawl.RechecksDeferred and comes first next time. A site
// crawled at least daily thus has every post of the window checked within
// recheck_days, at about posts/recheck_days requests a day.

// recheckReason says why a known post is due.
type recheckReason int

const (
	recheckRelisted recheckReason = iota // gone, but discovery listed it again
	recheckDelisted                      // a feed or sitemap listed it last time and no longer does
	recheckUnlisted                      // live, but a full discovery no longer lists it
	recheckOverdue                       // not checked for recheck_days
	recheckSlot                          // today is its slot
)

// recheckItem is a known post due for a recheck.
type recheckItem struct {
	post   store.Post
	reason recheckReason
	last   time.Time // last check (or first seen)
}

// lastCheck is when the post's page last answered, as far as the store knows.
func lastCheck(p store.Post) time.Time {
	if p.Checked.After(p.FirstSeen) {
		return p.Checked
	}
	return p.FirstSeen
}

// recheckSlotOf is the day, mod days, on which the post at rawURL is rechecked.
func recheckSlotOf(rawURL string, days int) int { return recheckSlotOfKey(key(rawURL), days) }

// recheckSlotOfKey is recheckSlotOf of the URL keyed k.
func recheckSlotOfKey(k string, days int) int {
	h := fnv.New32a()
	h.Write([]byte(k))
	return int(h.Sum32() % uint32(days))
}

// dayNumber counts local calendar days (in loc's zone) since 1970-01-01.
func dayNumber(t time.Time, loc *time.Location) int {
	y, m, d := t.In(loc).Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// recheckState is what planRechecks knows of a known post in this crawl.
type recheckState int

const (
	stateNotListed recheckState = iota // discovery did not take it
	stateListed                        // discovery took the stored post without fetching it
	stateFetched                       // discovery fetched its page in this crawl
)

// recheckPlan is the input of planRechecks.
type recheckPlan struct {
	known map[string]store.Post
	// state tells what discovery did with a known post (by its URL).
	state func(rawURL string) recheckState
	// delisted holds the keys of URLs a feed or sitemap no longer lists.
	delisted   map[string]bool
	since, now time.Time
	loc        *time.Location
	days, max  int
}

// planRechecks returns the known posts this crawl rechecks, in order, and
// how many more were due.
func planRechecks(pl recheckPlan) (due []recheckItem, deferred int) {
	today := dayNumber(pl.now, pl.loc)
	y, m, d := pl.now.In(pl.loc).Date()
	startOfDay := time.Date(y, m, d, 0, 0, 0, 0, pl.loc)
	period := time.Duration(pl.days) * 24 * time.Hour
	var all []recheckItem
	for u, p := range pl.known {
		if p.Published.IsZero() || p.Published.Before(pl.since) {
			continue
		}
		st := pl.state(u)
		if st == stateFetched {
			continue
		}
		k := key(u)
		last := lastCheck(p)
		checkedToday := !last.Before(startOfDay)
		it := recheckItem{post: p, last: last}
		switch {
		case p.Status == store.StatusGone && st == stateListed:
			it.reason = recheckRelisted
		case p.Status == store.StatusLive && pl.delisted[k]:
			it.reason = recheckDelisted
		case !pl.now.Before(last.Add(period)):
			it.reason = recheckOverdue
		case p.Status == store.StatusLive && st == stateNotListed:
			it.reason = recheckUnlisted
		case recheckSlotOfKey(k, pl.days) == today%pl.days && !checkedToday:
			it.reason = recheckSlot
		default:
			continue
		}
		all = append(all, it)
	}
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i], all[j]
		// Posts with evidence of a change first: relisted, then delisted.
		if ea, eb := a.reason <= recheckDelisted, b.reason <= recheckDelisted; ea != eb || (ea && a.reason != b.reason) {
			return a.reason < b.reason
		}
		if !a.last.Equal(b.last) {
			return a.last.Before(b.last)
		}
		return a.post.URL < b.post.URL
	})
	if len(all) > pl.max {
		return all[:pl.max], len(all) - pl.max
	}
	return all, 0
}

// liveness is what a recheck's answer says of the post.
type liveness int

const (
	livenessUnknown liveness = iota
	livenessLive
	livenessGone
)

// livenessOf reads a recheck's answer: 200 and 304 live, 404 and 410 gone.
func livenessOf(r *Response, err error) liveness {
	if err != nil || r == nil {
		return livenessUnknown
	}
	switch {
	case r.NotModified, r.Status == http.StatusOK:
		return livenessLive
	case r.Status == http.StatusNotFound, r.Status == http.StatusGone:
		return livenessGone
	}
	return livenessUnknown
}

// recheck runs the liveness rechecks of the crawl and records their
// outcome in the session's posts and result. It is called once, when
// discovery is over (both the full crawl and the unchanged-site return).
func (s *session) recheck() {
	if s.t.Known == nil || s.res.Crawl.Outcome == store.OutcomeFailed {
		return
	}
	o := s.c.o
	due, deferred := planRechecks(recheckPlan{
		known: s.t.Known, state: s.recheckState, delisted: s.delisted(), since: s.since, now: s.now,
		loc: o.Location, days: o.RecheckDays, max: s.lim.MaxRechecks,
	})
	s.res.Crawl.RechecksDeferred = deferred
	checked := map[string]bool{}
	for _, it := range due {
		if s.ctx.Err() != nil {
			break
		}
		u := it.post.URL
		if pu, err := url.Parse(u); err != nil || !s.allowed(pu) {
			continue
		}
		var r *Response
		var err error
		asked := false
		if at, ok := s.answersAt[u]; ok {
			if au, perr := url.Parse(at); perr == nil && s.allowed(au) {
				r, err = s.recheckGet(s.ctx, at, u)
				asked = true
			}
		}
		if !asked || livenessOf(r, err) == livenessGone {
			// Gone where it answered last: the stored URL decides.
			r, err = s.recheckGet(s.ctx, u, u)
		}
		switch livenessOf(r, err) {
		case livenessLive:
			checked[u] = true
			s.noteAnswersAt(u, r.URL)
			p := s.livePost(u, it.post)
			p.Checked = s.now
			if r.Status == http.StatusOK && !r.NotModified {
				et, lm := r.Header.Get("ETag"), r.Header.Get("Last-Modified")
				if et != "" || lm != "" {
					s.res.Validators = append(s.res.Validators, store.Validator{URL: u, ETag: et, LastModified: lm})
				}
			}
		case livenessGone:
			checked[u] = true
			delete(s.posts, key(u))
			s.res.Gone = append(s.res.Gone, u)
		}
	}
	for _, p := range s.posts {
		if p.FirstSeen.IsZero() && p.Checked.IsZero() {
			p.Checked = s.now // its page was fetched by discovery
		}
	}
	for u, p := range s.t.Known {
		k := key(u)
		cur, listed := s.posts[k]
		switch {
		case listed && cur.Status == store.StatusGone && !checked[u]:
			// Listed again but not confirmed: it stays gone until a recheck says otherwise.
			delete(s.posts, k)
		case !listed && p.Status == store.StatusLive && !p.Published.IsZero() && !p.Published.Before(s.since) && !checked[u]:
			// Not listed, not found gone: the known post stands.
			cp := p
			s.posts[k] = &cp
		}
	}
}

// delisted returns the keys of the post URLs that a feed or sitemap listed
// at the previous crawl and no longer lists: the previous document is the
// body kept for its conditional GET, the new one what this crawl read. A
// post deleted behind a feed that shows nothing new is thus rechecked on the
// next crawl, not only on its slot day.
func (s *session) delisted() map[string]bool {
	out := map[string]bool{}
	for _, nv := range s.res.Validators {
		ov, ok := s.t.Validators[nv.URL]
		if !ok || len(ov.Payload) == 0 || len(nv.Payload) == 0 || bytes.Equal(ov.Payload, nv.Payload) {
			continue
		}
		oldBody, err := gunzip(ov.Payload)
		if err != nil {
			continue
		}
		newBody, err := gunzip(nv.Payload)
		if err != nil {
			continue
		}
		before, after := listedURLs(oldBody, s.c.o.Location), listedURLs(newBody, s.c.o.Location)
		if before == nil || after == nil {
			continue // not a feed or a sitemap of posts
		}
		for k := range before {
			if !after[k] {
				out[k] = true
			}
		}
	}
	return out
}

// listedURLs returns the keys of the post URLs a feed or a sitemap lists,
// nil when body is neither.
func listedURLs(body []byte, loc *time.Location) map[string]bool {
	out := map[string]bool{}
	if _, items, err := parseFeed(body); err == nil && len(items) > 0 {
		for _, it := range items {
			out[key(it.URL)] = true
		}
		return out
	}
	if urls, _, err := parseSitemap(body, loc); err == nil && len(urls) > 0 {
		for _, e := range urls {
			out[key(e.Loc)] = true
		}
		return out
	}
	return nil
}

// recheckState tells what discovery did with the known post at rawURL.
func (s *session) recheckState(rawURL string) recheckState {
	p, ok := s.posts[key(rawURL)]
	switch {
	case !ok:
		return stateNotListed
	case p.FirstSeen.IsZero() || !p.Checked.Before(s.now):
		// Built from a page fetched in this crawl (a stored post carries its FirstSeen).
		return stateFetched
	}
	return stateListed
}

// livePost is the session's post for the known post at rawURL, live: the one
// discovery took, or a copy of the stored one.
func (s *session) livePost(rawURL string, known store.Post) *store.Post {
	k := key(rawURL)
	p, ok := s.posts[k]
	if !ok {
		cp := known
		p = &cp
		s.posts[k] = p
	}
	if p.Status == store.StatusGone {
		flags := make(map[string]string, len(p.Flags))
		for f, v := range p.Flags {
			if f != store.FlagGone {
				flags[f] = v
			}
		}
		p.Flags, p.Status = flags, store.StatusLive
	}
	return p
}

// recheckGet requests a known post's page at rawURL, conditionally when
// its validators are stored under cacheKey (the post's URL), and counts the request in the crawl. Rechecks do
// not count toward MaxPages (they have their own cap, Limits.MaxRechecks).
func (s *session) recheckGet(ctx context.Context, rawURL, cacheKey string) (*Response, error) {
	o := fetch.Request{AllowPrivate: s.private, Insecure: s.secure}
	if v, ok := s.t.Validators[cacheKey]; ok {
		o.ETag, o.LastModified = v.ETag, v.LastModified
	}
	r, err := s.c.f.Get(ctx, rawURL, o)
	s.res.Crawl.Requests += requestsOf(r)
	s.res.Crawl.Rechecks++
	if err != nil {
		var fe *FetchError
		if errors.As(err, &fe) {
			s.res.Crawl.Codes[0]++
		}
		if r != nil {
			s.res.Crawl.Bytes += r.Bytes
		}
		return nil, err
	}
	s.res.Crawl.Codes[r.Status]++
	s.res.Crawl.Bytes += r.Bytes
	if r.NotModified {
		s.res.Crawl.NotModified++
	}
	return r, nil
}
