package crawler

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"

	"sitewatch/crawler/discover"
	"sitewatch/crawler/extract"
	"sitewatch/crawler/urlid"
	"sitewatch/store"
)

// knowledgeKey is the pseudo-URL under which a site's template knowledge is stored.
func knowledgeKey(site *url.URL) string {
	return site.Scheme + "://" + site.Host + "/#sitewatch-templates"
}

// pageTemplateKey is the pseudo-URL under which a site's page template
// (the blocks its pages repeat, extract.Template) is stored.
func pageTemplateKey(site *url.URL) string {
	return site.Scheme + "://" + site.Host + "/#sitewatch-page-template"
}

func (s *session) loadKnowledge() {
	s.know = &discover.Knowledge{}
	if v, ok := s.t.Validators[knowledgeKey(s.site)]; ok {
		if b, err := gunzip(v.Payload); err == nil {
			if err := s.know.Unmarshal(b); err != nil {
				s.know = &discover.Knowledge{}
			}
		}
	}
	s.tpl = extract.NewTemplateLimits(extract.TemplateLimits{MinPages: templateMinPages})
	if v, ok := s.t.Validators[pageTemplateKey(s.site)]; ok {
		if b, err := gunzip(v.Payload); err == nil {
			if err := s.tpl.UnmarshalBinary(b); err != nil {
				s.tpl = extract.NewTemplateLimits(extract.TemplateLimits{MinPages: templateMinPages}) // learned again
			}
		}
	}
}

func (s *session) saveKnowledge() {
	if s.know == nil || len(s.know.Templates) == 0 {
		return
	}
	b, err := s.know.Marshal()
	if err != nil {
		return
	}
	s.res.Validators = append(s.res.Validators, store.Validator{URL: knowledgeKey(s.site), Payload: gzipBytes(b)})
	if tb, err := s.tpl.MarshalBinary(); err == nil && len(tb) > 0 {
		s.res.Validators = append(s.res.Validators, store.Validator{URL: pageTemplateKey(s.site), Payload: gzipBytes(tb)})
	}
}

// baseHref finds a page's <base href>.
var baseHref = cascadia.MustCompile("base[href]")

// readPage reads the links of a parsed page.
func (s *session) readPage(doc *goquery.Document, pageURL string) *discover.Page {
	base, err := url.Parse(pageURL)
	if err != nil || len(doc.Nodes) == 0 {
		return &discover.Page{}
	}
	if href, ok := doc.FindMatcher(baseHref).First().Attr("href"); ok {
		if b, err := base.Parse(href); err == nil {
			base = b
		}
	}
	if s.links == nil || s.linksSite != s.site {
		site := s.site
		s.links, s.linksSite = discover.NewResolver(func(u *url.URL) bool { return SameSite(u, site) }, Canonical), site
	}
	pg := discover.ReadWith(doc.Nodes[0], base, s.links, s.linkDates())
	s.know.AddSession(pg.Session)
	// Templates left out this page's session parameters; those learned on
	// other pages of the site are left out too.
	learnedElsewhere := len(s.know.Session) > len(pg.Session)
	if len(s.know.Session) > 0 || strings.Contains(pageURL, "/(") {
		// Session parameters name no page: links are read and fetched
		// without them, so that one page is one URL.
		for i := range pg.Links {
			pg.Links[i].URL = s.withoutSession(pg.Links[i].URL)
			if learnedElsewhere {
				pg.Links[i].Template = s.template(pg.Links[i].URL)
			}
		}
	}
	return pg
}

// withoutSession removes the site's session parameters from a URL, and an
// ASP.NET cookieless session segment from its path.
func (s *session) withoutSession(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	if urlid.StripCookieless(u) {
		raw = u.String()
	}
	if u.RawQuery == "" {
		return raw
	}
	q := u.Query()
	changed := false
	for k := range q {
		if s.know.Session[strings.ToLower(k)] {
			q.Del(k)
			changed = true
		}
	}
	if !changed {
		return raw
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// visit is a page to read during the walk: a listing, a section of the
// menu, or the next page of a listing.
type visit struct {
	url   string
	from  string // the page that linked it
	depth int    // pages of pagination below the listing's first page
	page  *discover.Page
	final string // the URL the preloaded page was read from
}

// walk reads the site breadth first from the home page: every page is typed
// by what it is (post, listing, other); listings are harvested and their
// pagination followed while it reaches posts of the window.
func (s *session) walk(start []visit) {
	if len(start) == 0 {
		return
	}
	queue := append([]visit(nil), start...)
	walked := 0
	for len(queue) > 0 && s.ctx.Err() == nil && !s.capped() && walked < s.lim.MaxListingPages {
		v := queue[0]
		queue = queue[1:]
		k := key(v.url)
		if s.walked[k] {
			continue
		}
		if v.page == nil && (s.fetched[k] || (s.incr && s.seen[k])) {
			// Fetched already (a listed link read as a possible post, after
			// this visit was queued): the visit that carries its page, if
			// it was a listing, is queued behind and harvests it.
			continue
		}
		s.walked[k] = true
		if v.page == nil {
			u, err := url.Parse(v.url)
			if err != nil || !s.allowed(u) || reDocExt.MatchString(u.Path) {
				continue
			}
			if v.depth == 0 && s.knownStatic(v.url) {
				continue
			}
			walked++
			c := s.candidateFor(v.url, discover.Via{Source: discover.FromListing, URL: v.from}, discover.Link{})
			kind, _, pg, final := s.fetchOne(c, true)
			if v.depth == 0 {
				s.noteSection(v.url, kind, pg)
			}
			if kind != discover.Listing {
				continue
			}
			v.page, v.final = pg, final
		}
		queue = s.harvest(v, queue)
	}
}

// fetchDeferred fetches the deferred links that no later page dated; run
// once, after the walk (or in its place). A deferred link that turns out
// to be a listing (a box of categories spelled like the posts, beside the
// main list) is walked from there, and what its walk defers joins the loop.
func (s *session) fetchDeferred() {
	for i := 0; i < len(s.deferred); i++ {
		if s.ctx.Err() != nil || s.capped() {
			return
		}
		d := s.deferred[i]
		k := key(d.link.URL)
		if s.fetched[k] || s.seen[k] {
			continue
		}
		if got, _, pg, final := s.linkPost(d.link, d.via); got == discover.Listing && pg != nil {
			s.walk([]visit{{url: d.link.URL, from: d.via.URL, page: pg, final: final}})
		}
	}
}

// deferredLink is a listed link whose fetch waits for the listing's next
// page (see harvest).
type deferredLink struct {
	link discover.Link
	via  discover.Via
}

// minRepeatPages is how many fetched pages must show a link in the same
// block for the block to be taken for the site's template there (the home
// page and a category may both list a new post in their main lists).
const minRepeatPages = 3

// countShown counts the links of a fetched page by block (see repeated).
func (s *session) countShown(pg *discover.Page) {
	for _, l := range pg.Links {
		s.shown[l.Block+"\x00"+key(l.URL)]++
	}
}

// repeated reports a link that minRepeatPages fetched pages of this crawl
// showed in the same block: a box of the site's template.
func (s *session) repeated(l discover.Link) bool {
	return s.shown[l.Block+"\x00"+key(l.URL)] >= minRepeatPages
}

// unrepeated returns the links of a page that are not repeated.
func (s *session) unrepeated(links []discover.Link) []discover.Link {
	out := make([]discover.Link, 0, len(links))
	for _, l := range links {
		if !s.repeated(l) {
			out = append(out, l)
		}
	}
	return out
}

// sectionStat counts the sections of one template read in this crawl that
// no other candidate lives below (see isDirectory), and those of them that
// listed posts.
type sectionStat struct{ read, listed int }

// minListRows is how many own dated rows a block must show to be taken for
// the page's main list, whose rows leaving the window stop the listing: a
// featured post or two in a box of their own are no list.
const minListRows = 3

// rowOld reports a listed link whose row date shows it older than the
// window. A machine timestamp (<time datetime> with its time and zone) is
// exact; any other date is a day, read in the site's zone, or an update
// date, and is old only DateMargin before the window.
func (s *session) rowOld(l discover.Link) bool {
	if _, err := time.Parse(time.RFC3339, l.DateRaw); err == nil {
		return l.Date.Before(s.since)
	}
	return l.Date.Before(s.since.Add(-s.lim.DateMargin))
}

// knownStatic reports a section not worth reading: its template's pages
// were typed as holding neither posts nor listings (discover.MinSamples of
// them), or discover.MinSamples sections of its template that no candidate
// lives below were read and none listed a post the site's repeated boxes
// do not show (about, contact, document pages: a category's posts live
// below it or are listed by it). A section that candidates live below is
// read whatever its template.
func (s *session) knownStatic(raw string) bool {
	if s.isDirectory(key(raw)) {
		return false
	}
	t := s.template(raw)
	st := s.sectionsRead[t]
	return s.know.Kind(t) == discover.Other || st != nil && st.listed == 0 && st.read >= discover.MinSamples
}

// noteSection records what a section read by the walk listed.
func (s *session) noteSection(raw string, kind discover.Kind, pg *discover.Page) {
	if s.isDirectory(key(raw)) {
		return
	}
	t := s.template(raw)
	st := s.sectionsRead[t]
	if st == nil {
		st = &sectionStat{}
		s.sectionsRead[t] = st
	}
	st.read++
	if kind == discover.Listing && pg != nil && s.listsPosts(s.unrepeated(pg.Links)) {
		st.listed++
	}
}

// harvest reads a listing page's links: posts of the window are fetched
// (dated rows old enough are skipped), listings and menu sections are
// queued, and the next page is queued while this one still reached the
// window.
func (s *session) harvest(v visit, queue []visit) []visit {
	pg := v.page
	via := discover.Via{Source: discover.FromListing, URL: v.url}
	// Items are links listed with others of their template in one block;
	// a lone link (a box's "Lịch công tác", a banner) is a section.
	type group struct{ block, tmpl string }
	groups := map[group]int{}
	for _, l := range pg.Links {
		s.appear[key(l.URL)]++
		if !l.Nav {
			groups[group{l.Block, l.Template}]++
		}
	}
	margin := s.lim.DateMargin
	var newestOwn, newestAny time.Time
	// oldRun counts, per block, the posts in a row older than the window:
	// a list is read newest first, but a box of old featured posts above it
	// says nothing of the list.
	items, oldRun := 0, map[string]int{}
	// undatedOwn counts the page's own posts that neither their row nor
	// their page dated.
	undatedOwn := 0
	self := key(v.url)
	selfFinal := key(v.final)
	// own reports an item of this page rather than of the site's repeated
	// boxes (a pinned old post, a "Tin mới" box).
	own := func(l discover.Link) bool { return !s.repeated(l) }
	// dated counts the own dated rows of each block; the main list is the
	// block with the most, and a list only with minListRows of them (one
	// old featured post above the lists says nothing of them). pastWindow
	// is set once the main list has shown a row older than the window: a
	// list is read newest first, so a block of undated links below it (a
	// "more" list of titles) is older still.
	dated := map[string]int{}
	for _, l := range pg.Links {
		if !l.Nav && !l.Date.IsZero() && own(l) {
			dated[l.Block]++
		}
	}
	mainBlock := ""
	for b, n := range dated {
		if n > dated[mainBlock] || n == dated[mainBlock] && b < mainBlock {
			mainBlock = b
		}
	}
	var mainLast discover.Link
	sawOld := false
	// pages are the other pages of this listing its pager links; they are
	// read as sections unless the main list shows them to be older than
	// the window.
	var pages []visit
	var later []deferredLink
	pu, _ := url.Parse(v.final)
	for _, l := range pg.Links {
		k := key(l.URL)
		pastWindow := sawOld
		if !l.Nav && !l.Date.IsZero() && own(l) && l.Block == mainBlock {
			sawOld = sawOld || dated[mainBlock] >= minListRows && s.rowOld(l)
			mainLast = l
		}
		if k == self || k == selfFinal {
			continue
		}
		u, err := url.Parse(l.URL)
		if err != nil || reDocExt.MatchString(u.Path) {
			continue
		}
		kind := s.know.Kind(l.Template)
		// A short label ("Tin tức", "Xem thêm") names a section, not an item.
		// A row of the main list that shows its date is an item even when
		// no other row shares its template (a post spelled like the
		// categories, among posts spelled with numbers).
		mainRow := !l.Date.IsZero() && own(l) && l.Block == mainBlock && dated[mainBlock] >= minListRows
		lone := groups[group{l.Block, l.Template}] < 2 && !mainRow || len([]rune(l.Text)) < discover.MinTitleRunes
		if (l.Nav || lone) && kind != discover.Post {
			if pu != nil && discover.IsPage(pu, l) {
				pages = append(pages, visit{url: l.URL, from: v.url})
				continue
			}
			queue = append(queue, visit{url: l.URL, from: v.url})
			continue
		}
		switch kind {
		case discover.Listing:
			if l.Date.IsZero() || !own(l) {
				queue = append(queue, visit{url: l.URL, from: v.url})
				continue
			}
			// A row of the page's own list that shows its date is an item,
			// whatever the pages of its template read so far were: a site
			// may spell categories and posts alike (/chuyen-muc/tin-tuc,
			// /tin-tuc/le-khai-giang), and the menus' categories are often
			// the template's first samples. The page itself decides; a
			// listing is queued with the page its fetch read.
		case discover.Other:
			continue
		case discover.Unknown:
			if s.sampled[l.Template] >= s.lim.SamplesPerTemplate {
				continue
			}
		}
		// A post, or a page of a template still being learned.
		var date time.Time
		switch {
		case !l.Date.IsZero() && s.rowOld(l):
			date = l.Date
			s.seen[k] = true
		case l.Date.IsZero() && kind == discover.Post && (oldRun[l.Block] >= s.lim.MaxOldInRow || pastWindow && dated[l.Block] == 0 && own(l)):
			if _, ok := s.knownIndex()[k]; !ok {
				s.seen[k] = true // the rest of an undated listing is older than the window
			}
			continue
		case l.Date.IsZero() && kind == discover.Post && dated[l.Block] == 0 && dated[mainBlock] >= minListRows && own(l) && !s.fetched[k] &&
			!lone && (pu == nil || !discover.IsPage(pu, l)):
			// Below a dated main list still in the window, undated titles
			// (a "more" list) are most often the next page's rows: that
			// page dates them, and they are fetched only when it does not.
			later = append(later, deferredLink{link: l, via: via})
			continue
		default:
			if kind == discover.Unknown {
				s.sampled[l.Template]++
			}
			var got discover.Kind
			var lp *discover.Page
			var final string
			got, date, lp, final = s.linkPost(l, via)
			if got == discover.Listing && lp != nil {
				queue = append(queue, visit{url: l.URL, from: v.url, page: lp, final: final})
				continue
			}
			if got != discover.Post {
				continue
			}
		}
		if date.IsZero() {
			if own(l) {
				undatedOwn++
			}
			continue
		}
		items++
		if date.Before(s.since) {
			oldRun[l.Block]++
		} else {
			oldRun[l.Block] = 0
		}
		if date.After(newestAny) {
			newestAny = date
		}
		// Links that several pages show in the same block are the site's
		// template (a "Tin mới" box): they say nothing of how old this
		// listing has become. A post this list shares with the home page
		// or a hub is its own row.
		if !s.repeated(l) && date.After(newestOwn) {
			newestOwn = date
		}
	}
	newest := newestOwn
	if newest.IsZero() {
		newest = newestAny
	}
	// The next page follows the main list's last row: when that row is
	// older than the window, so is every row of the next page. The posts
	// this page listed say the same when none of them reached the window.
	// A page whose own posts none could be dated (an undated list of
	// undated posts; the boxes beside it are the site's template) shows
	// nothing of the window, and its next pages no more: they are not read.
	lastOld := dated[mainBlock] >= minListRows && s.rowOld(mainLast)
	undatable := newestOwn.IsZero() && undatedOwn > 0
	pastWindow := lastOld || undatable || items > 0 && newest.Before(s.since.Add(-margin))
	s.deferred = append(s.deferred, later...)
	if pastWindow {
		return queue
	}
	// The list goes on to its next page while it reaches the window; the
	// pager's other pages are read only when no next page is followed
	// (they come after it, in the order of the list, and the chain reads
	// them as far as the window needs).
	if items > 0 && v.depth < s.lim.MaxPagination && pu != nil {
		if next, ok := discover.Next(pu, pg.Links); ok {
			if !s.walked[key(next)] {
				queue = append(queue, visit{url: next, from: v.url, depth: v.depth + 1})
			}
			return queue
		}
	}
	return append(queue, pages...)
}

// candidateFor returns the candidate of a URL, adding it when new.
func (s *session) candidateFor(raw string, via discover.Via, l discover.Link) *candidate {
	k := key(raw)
	c, ok := s.cands[k]
	if !ok {
		c = &candidate{url: raw, via: via, order: len(s.cands)}
		s.cands[k] = c
	}
	if !l.Date.IsZero() {
		if c.listDate.IsZero() {
			c.listDate = extract.Date{Time: l.Date, Source: "listing", Raw: l.DateRaw}
		}
		// A listing may show the update date: the post is no later than it.
		if up := l.Date.Add(24 * time.Hour); c.upper.IsZero() || up.Before(c.upper) {
			c.upper = up
		}
	}
	return c
}

// linkPost fetches a listed link that may be a post and returns what it
// was, with the post's date.
func (s *session) linkPost(l discover.Link, via discover.Via) (discover.Kind, time.Time, *discover.Page, string) {
	k := key(l.URL)
	if p, ok := s.posts[k]; ok {
		return discover.Post, p.Published, nil, ""
	}
	if kp, ok := s.known(l.URL); ok {
		s.fetched[k] = true
		cp := kp
		s.posts[key(kp.URL)] = &cp
		return discover.Post, kp.Published, nil, ""
	}
	if r := s.undated[k]; r != nil && !l.Date.IsZero() {
		// Fetched from a link that showed no date; this row shows one.
		delete(s.undated, k)
		c := s.candidateFor(l.URL, via, l)
		if doc, err := goquery.NewDocumentFromReader(bytes.NewReader(r.Body)); err == nil {
			kind, date := s.inspect(r, doc, s.readPage(doc, r.URL), c, false)
			return kind, date, nil, ""
		}
	}
	if s.fetched[k] || (s.incr && s.seen[k]) {
		return discover.Unknown, time.Time{}, nil, ""
	}
	if s.unit.Hints != nil && s.unit.Hints.PostRegexp != nil && !s.unit.Hints.PostRegexp.MatchString(l.URL) {
		return discover.Unknown, time.Time{}, nil, ""
	}
	c := s.candidateFor(l.URL, via, l)
	kind, date, pg, final := s.fetchOne(c, false)
	return kind, date, pg, final
}

// fetchOne fetches a candidate page, types it and records it when it is a
// post of the unit. listing=true keeps validators (a listing or section).
func (s *session) fetchOne(c *candidate, listing bool) (discover.Kind, time.Time, *discover.Page, string) {
	k := key(c.url)
	s.fetched[k] = true
	u, err := url.Parse(c.url)
	if err != nil || !s.allowed(u) || s.capped() {
		return discover.Unknown, time.Time{}, nil, ""
	}
	r, err := s.fetch(c.url, listing)
	if err != nil {
		s.noteErr("page", c.url, nil, err)
		s.noteFailed(c.url)
		return discover.Unknown, time.Time{}, nil, ""
	}
	if r.Status != http.StatusOK {
		if r.Status >= 500 {
			s.noteErr("page", c.url, r, nil)
			s.noteFailed(c.url)
		}
		return discover.Unknown, time.Time{}, nil, ""
	}
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.Contains(ct, "html") {
		s.know.Observe(s.template(c.url), discover.Other, s.now)
		return discover.Other, time.Time{}, nil, ""
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(r.Body))
	if err != nil {
		return discover.Unknown, time.Time{}, nil, ""
	}
	pg := s.readPage(doc, r.URL)
	s.countShown(pg)
	// A page reached by the menus or by pagination, of a template no listed
	// item has shown to hold posts, is a section of the site (about,
	// contact, a category's next page), whatever dates it shows: posts are
	// what listings, feeds and sitemaps list.
	sectionOnly := listing && s.know.Kind(s.template(c.url)) != discover.Post
	kind, date := s.inspect(r, doc, pg, c, sectionOnly)
	tmpl := s.template(c.url)
	s.know.Observe(tmpl, kind, s.now)
	if kind == discover.Listing && discover.ListsOwn(pg.Links, tmpl) {
		// Its items share its template: the site spells categories and
		// posts alike, so the template's pages are read one by one.
		s.know.Mix(tmpl)
	}
	if kind != discover.Post {
		s.seen[k] = true
	}
	return kind, date, pg, r.URL
}

// template is the URL template of a URL's identity (tracking and session
// parameters removed), as discover.Read computes it for links.
func (s *session) template(raw string) string {
	u, err := url.Parse(Canonical(raw))
	if err != nil {
		return ""
	}
	return discover.TemplateWithout(u, s.know.Session)
}

// templateMinPages is how many different pages of the site must show a
// block for the crawl to take it for the site's template: three, since a
// post's own photo may also stand in its listing row and on the home page.
const templateMinPages = 3
