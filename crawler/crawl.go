package crawler

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/temoto/robotstxt"

	"sitewatch/attribution"
	"sitewatch/config"
	"sitewatch/crawler/discover"
	"sitewatch/crawler/extract"
	"sitewatch/crawler/fetch"
	"sitewatch/store"
	"sitewatch/vntext"
)

// Crawler crawls unit websites. It is safe for concurrent use: politeness
// (one request at a time per host, a delay) holds across goroutines.
type Crawler struct {
	o   Options
	f   *fetch.Fetcher
	lim Limits
}

// New returns a Crawler with o's zero fields set to defaults.
func New(o Options) *Crawler {
	if o.UserAgent == "" {
		o.UserAgent = config.DefaultUserAgent
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = config.DefaultRequestTimeout
	}
	if o.CrawlTimeout <= 0 {
		o.CrawlTimeout = config.DefaultCrawlTimeout
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = config.DefaultMaxBodyBytes
	}
	if o.MaxPages <= 0 {
		o.MaxPages = config.DefaultMaxPages
	}
	if o.Location == nil {
		o.Location, _ = time.LoadLocation(config.DefaultTimezone)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.RecheckDays <= 0 {
		o.RecheckDays = config.DefaultRecheckDays
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Crawler{o: o, f: fetch.New(fetch.Config{Resolver: o.Resolver, UserAgent: o.UserAgent, MaxBodyBytes: o.MaxBodyBytes, Timeout: o.RequestTimeout, Delay: o.Delay, Now: o.Now}), lim: o.Limits.withDefaults()}
}

// FromConfig builds crawler options from the settings of cfg.
func FromConfig(cfg *config.Config, now func() time.Time, logger *slog.Logger) Options {
	s := cfg.Settings
	return Options{
		UserAgent: s.UserAgent, Delay: s.DelayD(), RequestTimeout: s.RequestTimeout.D(), CrawlTimeout: s.CrawlTimeout.D(),
		MaxBodyBytes: s.MaxBodyBytes, MaxPages: s.MaxPages, AllowPrivateNetwork: s.AllowPrivateNetwork,
		InsecureSkipVerify: s.InsecureSkipVerify, Location: cfg.Location, Now: now, Logger: logger,
		LookbackDays: s.LookbackDays, RecheckDays: s.RecheckDays,
	}
}

// candidate is a URL that may be a post, with what discovery knew of it.
type candidate struct {
	url      string
	via      discover.Via
	feedDate extract.Date // publication date from a feed
	upper    time.Time    // a date the post cannot be later than (listing update date, sitemap lastmod)
	modified time.Time    // sitemap lastmod: the page changed at this time
	// listDate is the date printed in the listing row of the link, the
	// post's date when its page shows none.
	listDate extract.Date
	order    int
}

type session struct {
	c *Crawler
	// links resolves the hrefs of the site's pages (see discover.Resolver),
	// for linksSite: a new one when the site's URL moves.
	links     *discover.Resolver
	linksSite *url.URL
	ctx       context.Context
	t         Target
	unit      *config.Unit
	res       *store.CrawlResult
	site      *url.URL
	since     time.Time
	now       time.Time
	robots    *robotstxt.Group
	private   bool
	secure    bool
	cands     map[string]*candidate
	posts     map[string]*store.Post
	pages     int
	fetched   map[string]bool
	// feedsOK is set once a feed reached back past the window's start;
	// feedItems are the keys of every feed item read.
	feedsOK   bool
	feedItems map[string]bool
	// feedsTried counts the feeds readFeeds took up (MaxFeeds bounds it).
	feedsTried int
	mapOK      bool
	// capNoted is set once the page cap was recorded.
	capNoted bool
	incr     bool
	errs     []string
	// seen are keys of URLs known not to be posts in the window (static
	// pages, old posts); remembered between crawls.
	seen map[string]bool
	// failed are keys of pages that failed in this crawl; failedBefore
	// those of earlier crawls, with the local day they failed (failed.go).
	failed       map[string]bool
	failedBefore map[string]int
	// answersAt maps a post's stored URL to the URL its page answered at
	// when they differ (answersat.go).
	answersAt map[string]string
	// idents maps title|day|text hash to the key of the post already taken.
	idents map[string]string
	// knownByKey indexes t.Known by key (see knownIndex).
	knownByKey map[string]store.Post
	lim        Limits
	// know is what this site's templates are (stored between crawls).
	know *discover.Knowledge
	// walked are keys of pages read as listings or sections in this crawl.
	walked map[string]bool
	// appear counts the pages of this crawl on which a link was shown.
	appear map[string]int
	// shown counts, per block signature and link, the fetched pages of
	// this crawl that showed the link in that block (see repeated).
	shown map[string]int
	// sectionsRead are, per template, the sections the walk read (knownStatic).
	sectionsRead map[string]*sectionStat
	// sampled counts the pages fetched per template still unknown.
	sampled map[string]int
	// lang is the primary language of the home page ("" when undeclared).
	lang string
	// translated are the keys of the pages read as translations of
	// another page of the site (see translationOf).
	translated map[string]bool
	// tpl is the blocks the site's pages repeat (never a post's title,
	// date or image), learned from the pages of this crawl and earlier ones.
	// A page is learned after it was read, and a post read again under
	// another URL is not learned twice (its own blocks would pass for the
	// site's).
	tpl *extract.Template
	// article tells, per key of a post recorded in this crawl, whether its
	// page declared itself an article.
	article map[string]bool
	// undated are posts fetched before any source dated them, by key.
	undated map[string]*Response
	// deferred are undated links of a listing's other blocks (a "more"
	// list of titles below its dated main list) left for the next page of
	// the listing to date; the walk fetches those it never dated.
	deferred []deferredLink
	// sectionPosts are pages reached as sections that read as posts.
	sectionPosts []sectionPost
	// dates reads the dates beside links (see linkDates).
	dates *siteDates
}

// listsPosts reports a page that links, outside navigation, a titled page
// of a template known to hold posts that few other pages show: a small
// category of one or two posts.
func (s *session) listsPosts(links []discover.Link) bool {
	for _, l := range links {
		if !l.Nav && len([]rune(l.Text)) >= discover.MinTitleRunes && s.appear[key(l.URL)] < 2 && s.know.Kind(l.Template) == discover.Post {
			return true
		}
	}
	return false
}

// sectionPost is a page reached by a menu or a lone link that extraction
// read as a post.
type sectionPost struct {
	r *Response
	c *candidate
}

// acceptSections takes the section pages that read as posts when the site
// listed no post anywhere (a site of one post linked once): with no
// listing to learn from, the page's own evidence decides.
func (s *session) acceptSections() {
	if s.know.HasPosts() {
		return
	}
	for _, sp := range s.sectionPosts {
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(sp.r.Body))
		if err != nil {
			continue
		}
		pg := s.readPage(doc, sp.r.URL)
		if kind, _ := s.inspect(sp.r, doc, pg, sp.c, false); kind == discover.Post {
			s.know.Observe(s.template(sp.c.url), discover.Post, s.now)
		}
	}
}

// stateKey is the pseudo-URL under which the crawl keeps a piece of a
// site's own state (name: "seen", "failed") beside its validators.
func stateKey(site *url.URL, name string) string {
	return site.Scheme + "://" + site.Host + "/#sitewatch-" + name
}

// seenKey is the pseudo-URL under which a site's seen set is stored.
func seenKey(site *url.URL) string { return stateKey(site, "seen") }

// keptLines reads the lines kept under the pseudo-URL k by keepLines.
func (s *session) keptLines(k string) []string {
	v, ok := s.t.Validators[k]
	if !ok {
		return nil
	}
	b, err := gunzip(v.Payload)
	if err != nil {
		return nil
	}
	return strings.Split(string(b), "\n")
}

// keepLines stores lines under the pseudo-URL k for the next crawl.
func (s *session) keepLines(k string, lines []string) {
	s.res.Validators = append(s.res.Validators, store.Validator{URL: k, Payload: gzipBytes([]byte(strings.Join(lines, "\n")))})
}

func (s *session) loadSeen() {
	s.seen = map[string]bool{}
	for _, k := range s.keptLines(seenKey(s.site)) {
		if k != "" {
			s.seen[k] = true
		}
	}
}

func (s *session) saveSeen() {
	if len(s.seen) == 0 {
		return
	}
	keys := make([]string, 0, len(s.seen))
	for k := range s.seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) > s.lim.MaxSeen {
		keys = keys[len(keys)-s.lim.MaxSeen:]
	}
	s.keepLines(seenKey(s.site), keys)
}

// Crawl crawls one unit. It never returns an error: failures are recorded
// in the result's Crawl (outcome, reason, message) so that one broken site
// never stops the others.
func (c *Crawler) Crawl(ctx context.Context, t Target) *store.CrawlResult {
	now := c.o.Now()
	res := &store.CrawlResult{Crawl: store.Crawl{UnitID: t.Unit.ID, Started: now, Codes: map[int]int{}, Sections: map[string]string{}}}
	ctx, cancel := context.WithTimeout(ctx, c.o.CrawlTimeout)
	defer cancel()
	s := &session{
		c: c, ctx: ctx, t: t, unit: t.Unit, res: res, now: now, since: c.o.Since,
		private: c.o.AllowPrivateNetwork || t.Unit.AllowPrivateNetwork,
		secure:  c.o.InsecureSkipVerify || t.Unit.InsecureSkipVerify,
		cands:   map[string]*candidate{}, posts: map[string]*store.Post{}, fetched: map[string]bool{},
		lim: c.lim, walked: map[string]bool{}, appear: map[string]int{}, shown: map[string]int{}, sectionsRead: map[string]*sectionStat{}, sampled: map[string]int{},
	}
	if s.since.IsZero() {
		days := c.o.LookbackDays
		if days <= 0 {
			days = config.DefaultLookbackDays
		}
		s.since = now.In(c.o.Location).AddDate(0, 0, -days)
	}
	func() {
		defer func() {
			if r := recover(); r != nil {
				s.fail(ReasonOther, fmt.Sprintf("internal error: %v", r))
			}
		}()
		s.run()
	}()
	res.Crawl.Finished = c.o.Now()
	if res.Crawl.Outcome == "" {
		res.Crawl.Outcome = store.OutcomeOK
		if len(s.errs) > 0 {
			res.Crawl.Outcome = store.OutcomePartial
			if res.Crawl.Error == "" {
				res.Crawl.Error = strings.Join(s.errs[:min(3, len(s.errs))], "; ")
			}
		}
	}
	for _, p := range s.posts {
		res.Posts = append(res.Posts, *p)
	}
	sort.Slice(res.Posts, func(i, j int) bool { return res.Posts[i].URL < res.Posts[j].URL })
	res.Crawl.PostsFound = len(res.Posts)
	return res
}

func (s *session) fail(reason, msg string) {
	if s.res.Crawl.Outcome == store.OutcomeFailed {
		return
	}
	s.res.Crawl.Outcome = store.OutcomeFailed
	s.res.Crawl.ErrorReason = reason
	s.res.Crawl.Error = msg
}

// fetch gets a URL with the session's network policy, counting requests,
// codes and bytes. cache=true uses and stores validators and the body.
func (s *session) fetch(raw string, cache bool) (*Response, error) {
	r, err := s.get(raw, raw, cache)
	if err != nil {
		return nil, err
	}
	return s.keptBody(r, raw, raw)
}

// get is fetch with the validators and body kept under cacheKey (the
// page's own URL but for a home page asked where it redirects, see
// homeAt), and a 304 answered from a kept body left unread: the response
// says NotModified with a nil Body until keptBody reads it.
func (s *session) get(raw, cacheKey string, cache bool) (*Response, error) {
	if err := s.ctx.Err(); err != nil {
		return nil, &FetchError{URL: raw, Reason: ReasonTimeout, Err: err}
	}
	o := fetch.Request{AllowPrivate: s.private, Insecure: s.secure, KeepGzip: cache}
	var old store.Validator
	var haveOld bool
	if cache && s.t.Validators != nil {
		old, haveOld = s.t.Validators[cacheKey]
		if haveOld && len(old.Payload) > 0 {
			o.ETag, o.LastModified = old.ETag, old.LastModified
		}
	}
	s.pages++
	resp, err := s.c.f.Get(s.ctx, raw, o)
	s.res.Crawl.Requests += requestsOf(resp)
	if err != nil {
		var fe *FetchError
		if errors.As(err, &fe) {
			s.res.Crawl.Codes[0]++
		}
		if resp != nil {
			s.res.Crawl.Bytes += resp.Bytes
		}
		return nil, err
	}
	s.res.Crawl.Codes[resp.Status]++
	s.res.Crawl.Bytes += resp.Bytes
	if resp.NotModified {
		s.res.Crawl.NotModified++
		if haveOld && len(old.Payload) > 0 {
			resp.Body = nil
			resp.Status = http.StatusOK
			s.res.Validators = append(s.res.Validators, old)
			return resp, nil
		}
		// A 304 we cannot use: fetch again without validators.
		return s.fetch(raw, false)
	}
	if cache && resp.Status == http.StatusOK {
		et, lm := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
		if et != "" || lm != "" {
			// The server's own gzip of the body is kept as it came; only a
			// body sent plain or decoded (charset, NFC) is compressed here.
			payload := resp.Gzip
			if payload == nil {
				payload = gzipBytes(resp.Body)
			}
			s.res.Validators = append(s.res.Validators, store.Validator{URL: cacheKey, ETag: et, LastModified: lm, Payload: payload})
		}
	}
	return resp, nil
}

// requestsOf is how many requests the server answered for one fetch:
// redirects followed and a retry count, since the site served them.
func requestsOf(r *Response) int {
	if r == nil || r.Requests < 1 {
		return 1
	}
	return r.Requests
}

// gzipWriters are reused: a gzip.Writer allocates about 1 MB of tables.
var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	w := gzipWriters.Get().(*gzip.Writer)
	w.Reset(&buf)
	w.Write(b)
	w.Close()
	w.Reset(nil)
	gzipWriters.Put(w)
	return buf.Bytes()
}

// maxPayloadBytes bounds a stored document once decompressed.
const maxPayloadBytes = 64 << 20

func gunzip(b []byte) ([]byte, error) {
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(io.LimitReader(r, maxPayloadBytes))
}

func (s *session) allowed(u *url.URL) bool {
	if s.robots == nil {
		return true
	}
	p := u.EscapedPath()
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return s.robots.Test(p)
}

func (s *session) run() {
	unitURL := s.unit.URL
	if s.unit.Parsed == nil {
		u, err := url.Parse(unitURL)
		if err != nil {
			s.fail(ReasonOther, "bad unit URL: "+err.Error())
			return
		}
		s.unit.Parsed = u
	}
	s.site = s.unit.Parsed
	s.incr = len(s.t.Known) > 0
	s.loadSeen()
	defer s.saveSeen()
	s.loadFailed()
	defer s.saveFailed()
	s.loadAnswersAt()
	defer s.saveAnswersAt()
	s.loadKnowledge()
	defer s.saveKnowledge()
	defer s.recheck() // known posts' liveness, after discovery however it ends

	// robots.txt
	robotsURL := (&url.URL{Scheme: s.site.Scheme, Host: s.site.Host, Path: "/robots.txt"}).String()
	rresp, err := s.fetch(robotsURL, true)
	if err != nil {
		var fe *FetchError
		if errors.As(err, &fe) && fe.Reason == ReasonTLS && !s.secure {
			s.res.Crawl.TLSError = fe.Err.Error()
		}
		s.failFetch(err)
		return
	}
	var robotsBody []byte
	if rresp.Status == http.StatusOK {
		robotsBody = rresp.Body
		if rd, err := robotstxt.FromStatusAndBytes(rresp.Status, rresp.Body); err == nil {
			s.robots = rd.FindGroup("sitewatch")
			if s.robots.CrawlDelay > 0 {
				s.c.f.SetCrawlDelay(s.site.Host, s.robots.CrawlDelay)
			}
		}
	} else if rresp.Status >= 500 {
		s.errs = append(s.errs, fmt.Sprintf("robots.txt answered %d", rresp.Status))
	}
	s.recordTLS(rresp)

	// Home page.
	if !s.allowed(s.site) {
		s.res.Crawl.RobotsBlocked = true
		s.fail(ReasonRobots, "robots.txt forbids sitewatch to read the home page")
		return
	}
	siteRaw := s.site.String()
	home, homeRaw, err := s.fetchHome(siteRaw)
	if err != nil {
		s.failFetch(err)
		return
	}
	s.res.Crawl.HTTPStatus = home.Status
	s.res.Crawl.FinalURL = home.URL
	if home.Status >= 400 {
		reason := ReasonHTTP4xx
		if home.Status >= 500 {
			reason = ReasonHTTP5xx
		}
		s.fail(reason, fmt.Sprintf("home page answered HTTP %d", home.Status))
		return
	}
	s.keepHomeAt(homeRaw, siteRaw, home.URL)
	if fu, err := url.Parse(home.URL); err == nil && !SameSite(fu, s.site) {
		// The site moved (or now redirects elsewhere): follow, and report it
		// so that the office can update sites.yaml; history stays with the unit.
		s.site = &url.URL{Scheme: fu.Scheme, Host: fu.Host, Path: "/"}
		s.res.Crawl.Sections[store.SectionMovedTo] = home.URL
	}
	discovery := s.unit.Hints == nil || !s.unit.Hints.SkipDiscovery
	// Sitemaps.
	var sitemaps []string
	if h := s.unit.Hints; h != nil {
		sitemaps = append(sitemaps, h.Sitemaps...)
	}
	if discovery {
		sitemaps = append(sitemaps, robotsSitemaps(robotsBody)...)
	}

	// Incremental re-crawl: when neither the home page nor the first feed
	// (or sitemap) shows a post URL we do not know, nor a link of a
	// template never seen there, the site has nothing new: keep the known
	// posts and stop after these three documents. A home page answered 304
	// is judged by what the previous crawl read from it (home.go).
	decided := false
	if s.incr && pendingBody(home) {
		if kh, kv, ok := s.keptHomeFor(home, siteRaw); ok {
			kh.applySections(s.res.Crawl.Sections)
			if s.nothingNew(kh, s.feedsOf(kh.Feeds, kh.WordPress, discovery), sitemaps) {
				s.res.Validators = append(s.res.Validators, kv)
				s.keepKnown()
				return
			}
			decided = true
		}
	}
	if home, err = s.keptBody(home, homeRaw, siteRaw); err != nil {
		s.failFetch(err)
		return
	}
	homeDoc, err := goquery.NewDocumentFromReader(bytes.NewReader(home.Body))
	if err != nil {
		s.fail(ReasonOther, "home page is not HTML: "+err.Error())
		return
	}
	if ev := compromiseEvidence(homeDoc); len(ev) > 0 {
		s.res.Crawl.Sections[store.SectionCompromised] = home.URL + " — " + strings.Join(ev, "; ")
	}

	s.sections(homeDoc, home.URL)

	homePage := s.readPage(homeDoc, home.URL)
	s.countShown(homePage)
	s.tpl.Learn(homeDoc)
	s.lang = homePage.Lang
	gen, _ := homeDoc.Find(`meta[name="generator"]`).Attr("content")
	wordpress := strings.Contains(strings.ToLower(gen), "wordpress")
	feeds := s.feedsOf(homePage.Feeds, wordpress, discovery)
	if _, stored := s.storedValidator(siteRaw); stored || s.incr && !decided {
		kh := s.readHome(homePage, home.URL, wordpress)
		s.keepHome(kh, siteRaw)
		if s.incr && !decided && s.nothingNew(kh, feeds, sitemaps) {
			s.keepKnown()
			return
		}
	}
	s.know.SeenOnHome(homePage.Links)

	// Feeds list posts: read the first first. Then the home page's own
	// items, which teach the site's post templates; then the other feeds,
	// unless the first covers the window as the home page shows it
	// (feedCovers: the site lists the same posts twice, as Atom and RSS);
	// then the sitemaps, whose entries are taken when their template holds
	// posts.
	rest := s.readFeeds(feeds, true)
	s.fetchCandidates()
	homeVisit := visit{url: home.URL, page: homePage, final: home.URL}
	s.walked[key(home.URL)] = true
	var queue []visit
	if discovery {
		queue = s.harvest(homeVisit, nil)
	}
	if len(rest) > 0 && !s.feedCovers(homePage) {
		s.readFeeds(rest, false)
		s.fetchCandidates()
	}
	if len(sitemaps) == 0 && discovery {
		sitemaps = append(sitemaps, s.abs("/sitemap.xml"))
		if wordpress {
			sitemaps = append(sitemaps, s.abs("/wp-sitemap.xml"))
		}
	}
	// A feed that covers the window leaves a sitemap index's parts unread:
	// the walk is left out on the same evidence, and the parts list what
	// the feed and the home page already showed.
	s.readSitemaps(sitemaps, !s.feedCovers(homePage))
	s.fetchCandidates()

	// The walk: the home page's sections and listings breadth first,
	// unless a sitemap already lists the window's posts.
	if h := s.unit.Hints; h != nil {
		for _, l := range h.Listings {
			queue = append(queue, visit{url: l, from: home.URL})
		}
	}
	// A sitemap covers the window only if its posts could be dated: posts
	// whose pages show no date are dated by their listing rows.
	// A feed covers it when the site shows the feed to list what its own
	// pages list (feedCovers).
	if !discovery || !s.mapOK && !s.feedCovers(homePage) || len(s.undated) > 0 || s.unit.Hints != nil && len(s.unit.Hints.Listings) > 0 {
		s.walk(queue)
	}
	s.fetchDeferred()
	s.acceptSections()
	s.dropUnmarked()
}

// feedsOf is the feeds the crawl reads: the unit's hints, then (with
// discovery) those the home page names, or WordPress's default feed.
func (s *session) feedsOf(homeFeeds []string, wordpress, discovery bool) []string {
	feeds := []string{}
	if h := s.unit.Hints; h != nil {
		feeds = append(feeds, h.Feeds...)
	}
	if discovery {
		feeds = append(feeds, homeFeeds...)
		if len(feeds) == 0 && wordpress {
			feeds = append(feeds, s.abs("/feed/"))
		}
	}
	return feeds
}

// keepKnown takes the known live posts as this crawl's: the site has
// nothing new.
func (s *session) keepKnown() {
	for u, p := range s.t.Known {
		if p.Status == store.StatusLive {
			cp := p
			s.posts[key(u)] = &cp
		}
	}
}

// fetchHome asks the home page, where it redirected earlier today if it
// did (homeAt), its validators kept under siteRaw; raw is the URL asked.
// A remembered URL that no longer answers is dropped for the site's own.
func (s *session) fetchHome(siteRaw string) (r *Response, raw string, err error) {
	if at := s.homeAt(); at != "" && at != siteRaw {
		if r, err := s.get(at, siteRaw, true); err == nil && homeStatusOK(r) {
			return r, at, nil
		}
	}
	r, err = s.get(siteRaw, siteRaw, true)
	return r, siteRaw, err
}

// minFeedAgree is how many of a feed's items the home page must list for
// the feed to be taken for the site's list of posts rather than one
// category's or another site's.
const minFeedAgree = 3

// feedCovers reports whether the feeds read list every post of the window,
// as the site itself shows: one of them reached back past the window's
// start, the home page lists minFeedAgree of their items, and every post of
// the window found so far outside them (the home page's own items, the
// sitemap's) is one of them. A feed of one category, or one that leaves a
// kind of post out, fails the last test as soon as the home page shows a
// post of the window it does not list.
func (s *session) feedCovers(home *discover.Page) bool {
	if !s.feedsOK {
		return false
	}
	agree := 0
	for _, l := range home.Links {
		if s.feedItems[key(l.URL)] {
			agree++
		}
	}
	if agree < minFeedAgree {
		return false
	}
	for _, p := range s.posts {
		if !p.Published.Before(s.since) && !strings.HasPrefix(p.FoundVia, discover.FromFeed.String()+" ") {
			return false
		}
	}
	return true
}

func (s *session) abs(p string) string {
	return (&url.URL{Scheme: s.site.Scheme, Host: s.site.Host, Path: p}).String()
}

func (s *session) failFetch(err error) {
	var fe *FetchError
	if errors.As(err, &fe) {
		if fe.Reason == ReasonTLS {
			s.res.Crawl.TLSError = fe.Err.Error()
		}
		s.fail(fe.Reason, fe.Error())
		return
	}
	s.fail(ReasonOther, err.Error())
}

func (s *session) recordTLS(r *Response) {
	if r == nil || r.TLS == nil || len(r.TLS.PeerCertificates) == 0 {
		return
	}
	s.res.Crawl.TLSExpiry = r.TLS.PeerCertificates[0].NotAfter
	if s.secure {
		// The connection skipped verification: verify by hand to report an
		// invalid certificate (expired, self-signed, wrong name) we chose to
		// crawl anyway.
		if err := verifyPeer(r.TLS, r.URL, s.now); err != nil {
			s.res.Crawl.TLSError = err.Error()
		}
	}
}

// verifyPeer verifies the certificate chain a server presented for rawURL
// at now, against the system roots.
func verifyPeer(cs *tls.ConnectionState, rawURL string, now time.Time) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		return err
	}
	inter := x509.NewCertPool()
	for _, c := range cs.PeerCertificates[1:] {
		inter.AddCert(c)
	}
	_, err = cs.PeerCertificates[0].Verify(x509.VerifyOptions{DNSName: u.Hostname(), Intermediates: inter, CurrentTime: now})
	return err
}

func (s *session) addCandidate(raw string, via discover.Via, feed extract.Date, upper time.Time) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !SameSite(u, s.site) {
		return
	}
	if reDocExt.MatchString(u.Path) {
		return
	}
	if h := s.unit.Hints; h != nil && h.PostRegexp != nil && !h.PostRegexp.MatchString(raw) {
		return
	}
	k := key(raw)
	if c, ok := s.cands[k]; ok {
		if c.feedDate.IsZero() && !feed.IsZero() {
			c.feedDate = feed
		}
		if !upper.IsZero() && (c.upper.IsZero() || upper.Before(c.upper)) {
			c.upper = upper
		}
		if via.Source == discover.FromSitemap {
			c.modified = upper
		}
		return
	}
	c := &candidate{url: raw, via: via, feedDate: feed, upper: upper, order: len(s.cands)}
	if via.Source == discover.FromSitemap {
		c.modified = upper
	}
	s.cands[k] = c
}

// changedOK reports whether a feed date agrees with a known post's date.
func changedOK(kp store.Post, feed time.Time, tol time.Duration) bool {
	return kp.Flags[store.FlagOfficeRedated] != "" || feed.Sub(kp.Published).Abs() <= tol
}

// changed reports whether discovery says a known post changed since it was
// last seen: a feed date other than the stored one, or a sitemap lastmod
// after the last visit. Such a post is fetched again (its date re-read).
func changed(c *candidate, kp store.Post, tol time.Duration) bool {
	if kp.Flags[store.FlagOfficeRedated] != "" {
		return false
	}
	if !c.feedDate.IsZero() && c.feedDate.Time.Sub(kp.Published).Abs() > tol {
		return true
	}
	return !c.modified.IsZero() && !kp.LastSeen.IsZero() && c.modified.After(kp.LastSeen.Add(time.Hour))
}

// readFeeds reads the feeds in order, each with its further pages. With
// first, it returns after the first feed that listed items, with the feeds
// not yet read; else it reads them all and returns nil.
func (s *session) readFeeds(feeds []string, first bool) (rest []string) {
	seen := map[string]bool{}
	for i, f := range feeds {
		if s.feedsTried >= s.lim.MaxFeeds || seen[f] || s.ctx.Err() != nil {
			break
		}
		seen[f] = true
		s.feedsTried++
		lf := strings.ToLower(f)
		if strings.Contains(lf, "comment") || strings.Contains(lf, "binh-luan") {
			continue
		}
		if s.readFeedPages(f) && first {
			return feeds[i+1:]
		}
	}
	return nil
}

// readFeedPages reads one feed and, for a paged feed, its next pages while
// they reach the window; it reports whether the feed listed items.
func (s *session) readFeedPages(f string) (listed bool) {
	for page := 1; page <= s.lim.MaxFeedPages; page++ {
		fu := f
		if page > 1 {
			sep := "?"
			if strings.Contains(f, "?") {
				sep = "&"
			}
			fu = fmt.Sprintf("%s%spaged=%d", f, sep, page)
		}
		u, err := url.Parse(fu)
		if err != nil || !s.allowed(u) || s.capped() {
			break
		}
		title, items, r, err := s.readFeed(fu)
		if r == nil || r.Status != http.StatusOK {
			if page == 1 {
				s.noteErr("feed", fu, r, err)
			}
			break
		}
		if err != nil {
			break
		}
		if strings.Contains(strings.ToLower(title), "bình luận") || strings.Contains(strings.ToLower(title), "comments") {
			break
		}
		listed = listed || len(items) > 0
		oldest := s.now
		newCount := 0
		for _, it := range items {
			d := extract.Date{Time: it.Published.In(s.c.o.Location), Source: "feed pubDate", Raw: it.Raw}
			if it.Updated {
				d.Source = "feed updated"
			}
			if it.Published.IsZero() {
				d = extract.Date{}
			} else if it.Published.Before(oldest) {
				oldest = it.Published
			}
			k := key(it.URL)
			if _, dup := s.cands[k]; !dup {
				newCount++
			}
			if s.feedItems == nil {
				s.feedItems = map[string]bool{}
			}
			s.feedItems[k] = true
			var upper time.Time
			if it.Updated {
				upper = it.Published
			}
			if d.Source == "feed updated" {
				s.addCandidate(it.URL, discover.Via{Source: discover.FromFeed, URL: f}, extract.Date{}, upper)
			} else {
				s.addCandidate(it.URL, discover.Via{Source: discover.FromFeed, URL: f}, d, upper)
			}
		}
		if len(items) > 0 && oldest.Before(s.since) {
			s.feedsOK = true
			break
		}
		// WordPress feeds page with ?paged=N; others stop after the first page.
		if !(strings.HasSuffix(strings.TrimSuffix(u.Path, "/"), "/feed") || strings.Contains(u.RawQuery, "paged=")) || len(items) == 0 || newCount == 0 {
			break
		}
	}
	return listed
}

// capped reports whether the crawl fetched MaxPages pages; the first time,
// it records the cap among the crawl's errors (a partial crawl).
func (s *session) capped() bool {
	if s.pages < s.c.o.MaxPages {
		return false
	}
	if !s.capNoted {
		s.capNoted = true
		s.errs = append(s.errs, fmt.Sprintf("page cap %d reached", s.c.o.MaxPages))
	}
	return true
}

func (s *session) noteErr(what, u string, r *Response, err error) {
	switch {
	case err != nil:
		s.errs = append(s.errs, fmt.Sprintf("%s %s: %v", what, u, err))
	case r != nil && r.Status >= 500:
		s.errs = append(s.errs, fmt.Sprintf("%s %s: HTTP %d", what, u, r.Status))
	}
}

// readSitemaps reads the sitemaps and, with parts, the parts their indexes
// list that may hold posts of the window.
func (s *session) readSitemaps(sitemaps []string, parts bool) {
	queue := append([]string(nil), sitemaps...)
	seen := map[string]bool{}
	docs := 0
	for len(queue) > 0 && docs < s.lim.MaxSitemaps && s.ctx.Err() == nil && !s.capped() {
		sm := queue[0]
		queue = queue[1:]
		if seen[sm] {
			continue
		}
		seen[sm] = true
		u, err := url.Parse(sm)
		if err != nil || !SameSite(u, s.site) || !s.allowed(u) {
			continue
		}
		docs++
		r, err := s.fetch(sm, true)
		if err != nil || r.Status != http.StatusOK {
			continue
		}
		if strings.HasSuffix(u.Path, "sitemap.xml") || strings.HasSuffix(u.Path, "sitemap_index.xml") {
			s.res.Crawl.Sections[store.SectionSitemapXML] = sm
		}
		urls, idx, err := parseSitemap(r.Body, s.c.o.Location)
		if err != nil {
			continue
		}
		for _, e := range idx {
			if !parts {
				break
			}
			l := strings.ToLower(e.Loc)
			if strings.Contains(l, "page") && !strings.Contains(l, "post") || strings.Contains(l, "categor") || strings.Contains(l, "tag") ||
				strings.Contains(l, "user") || strings.Contains(l, "author") || strings.Contains(l, "taxonom") {
				continue
			}
			if !e.LastMod.IsZero() && e.LastMod.Before(s.since.Add(-s.lim.DateMargin)) {
				continue
			}
			queue = append(queue, e.Loc)
		}
		n := 0
		for _, e := range urls {
			// lastmod (often a bare date) is an update time: a post modified
			// before the window (with a day's margin) was published before it.
			if !e.LastMod.IsZero() && e.LastMod.Before(s.since.Add(-s.lim.DateMargin)) {
				n++
				continue
			}
			// Without a lastmod an entry cannot be placed in the window:
			// the walk finds it if it is a post of the window. An entry is
			// taken when its template holds posts, or, while the site has
			// shown no post template yet, to learn what its pages are.
			eu, err := url.Parse(e.Loc)
			if err != nil || e.LastMod.IsZero() {
				continue
			}
			switch s.know.Kind(s.template(eu.String())) {
			case discover.Post:
			case discover.Unknown:
				if s.know.HasPosts() {
					continue
				}
			default:
				continue
			}
			n++
			s.addCandidate(e.Loc, discover.Via{Source: discover.FromSitemap, URL: sm}, extract.Date{}, e.LastMod)
		}
		if n > 0 {
			s.mapOK = true
		}
	}
}

// fetchCandidates fetches every pending candidate that may be in the window.
func (s *session) fetchCandidates() {
	list := make([]*candidate, 0, len(s.cands))
	for _, c := range s.cands {
		list = append(list, c)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].order < list[j].order })
	margin := 24 * time.Hour
	for _, c := range list {
		if s.ctx.Err() != nil || s.capped() {
			return
		}
		k := key(c.url)
		if s.fetched[k] {
			continue
		}
		if !c.feedDate.IsZero() && c.feedDate.Time.Before(s.since.Add(-margin)) {
			s.seen[k] = true
			continue
		}
		if !c.upper.IsZero() && c.upper.Before(s.since.Add(-margin)) {
			s.seen[k] = true
			continue
		}
		if s.seen[k] && s.incr {
			continue
		}
		if kp, ok := s.known(c.url); ok && !changed(c, kp, s.lim.ChangedTolerance) {
			s.fetched[k] = true
			cp := kp
			s.posts[key(kp.URL)] = &cp
			continue
		}
		s.fetchOne(c, false)
	}
}

// nothingNew reports whether the home page (as read into home) and the
// primary feed or sitemap list only known posts.
func (s *session) nothingNew(home *keptHome, feeds, sitemaps []string) (ok bool) {
	// liveInWindow: the unit has live posts in the window, so the home page
	// or the feed should still show some; when none of the known posts shows
	// any more, the posts may have vanished and a full crawl rechecks them.
	liveInWindow, sawKnown := false, false
	failing := map[string]bool{} // listed pages that failed earlier today
	defer func() {
		if len(failing) > 0 && ok {
			// Not asked again today, still not read: the crawl is partial.
			s.errs = append(s.errs, fmt.Sprintf("%d listed pages failed earlier today, not asked again", len(failing)))
		}
	}()
	for _, p := range s.t.Known {
		if p.Status == store.StatusLive && !p.Published.Before(s.since) {
			liveInWindow = true
		}
	}
	// fresh: a link of the site, keyed k, of template tpl, is news.
	fresh := func(k, tpl string, needPost bool) bool {
		if kind := s.know.Kind(tpl); kind == discover.Other || kind == discover.Listing || needPost && kind != discover.Post {
			return false
		}
		_, known := s.knownIndex()[k]
		if known {
			sawKnown = true
		}
		if known || s.seen[k] {
			return false
		}
		if s.failedToday(k) {
			failing[k] = true
			return false
		}
		return true
	}
	isNew := func(raw string, needPost bool) bool {
		u, err := url.Parse(raw)
		if err != nil || !SameSite(u, s.site) || reDocExt.MatchString(u.Path) {
			return false
		}
		return fresh(key(raw), s.template(raw), needPost)
	}
	unchanged := func() bool { return !liveInWindow || sawKnown }
	if !home.homeKnown(s.know) {
		return false // a template the home page never showed: learn again
	}
	for _, l := range home.Links {
		if fresh(l.Key, l.Tpl, true) {
			return false
		}
	}
	switch {
	case len(feeds) > 0:
		_, items, r, err := s.readFeed(feeds[0])
		if err != nil || r.Status != http.StatusOK {
			return false
		}
		for _, it := range items {
			if !it.Published.IsZero() && it.Published.Before(s.since) {
				continue
			}
			if isNew(it.URL, false) {
				return false
			}
			if kp, ok := s.known(it.URL); ok && !it.Updated && !it.Published.IsZero() && !changedOK(kp, it.Published, s.lim.ChangedTolerance) {
				return false // a known post's date changed in the feed
			}
		}
	case len(sitemaps) > 0:
		r, err := s.fetch(sitemaps[0], true)
		if err != nil || r.Status != http.StatusOK {
			return false
		}
		urls, idx, err := parseSitemap(r.Body, s.c.o.Location)
		if err != nil || len(idx) > 0 {
			// An index: its children changed if the index did.
			return err == nil && r.NotModified && unchanged()
		}
		for _, e := range urls {
			if !e.LastMod.IsZero() && e.LastMod.Before(s.since.Add(-s.lim.DateMargin)) {
				continue
			}
			if isNew(e.Loc, true) {
				return false
			}
		}
	}
	return unchanged()
}

func postIdent(title string, day time.Time, hash string) string {
	return title + "|" + day.Format("2006-01-02") + "|" + hash
}

// isDirectory reports whether other candidate URLs live below k.
func (s *session) isDirectory(k string) bool {
	if i := strings.Index(k, "?"); i >= 0 {
		return false
	}
	prefix := strings.TrimSuffix(k, "/") + "/"
	for ck := range s.cands {
		if strings.HasPrefix(ck, prefix) {
			return true
		}
	}
	return false
}

// known finds a stored post by any of its URLs.
func (s *session) known(raw string) (store.Post, bool) {
	p, ok := s.knownIndex()[key(raw)]
	return p, ok && !p.Published.IsZero()
}

// knownIndex is the stored posts keyed by URL identity, built once per crawl.
func (s *session) knownIndex() map[string]store.Post {
	if s.knownByKey == nil {
		s.knownByKey = make(map[string]store.Post, len(s.t.Known))
		for u, p := range s.t.Known {
			s.knownByKey[key(u)] = p
		}
	}
	return s.knownByKey
}

// inspect types a fetched page and records it when it is a post of the
// unit; it returns the page's kind and, for a post, its date.
func (s *session) inspect(r *Response, doc *goquery.Document, pg *discover.Page, c *candidate, sectionOnly bool) (kind discover.Kind, date time.Time) {
	dup := false
	var p *extract.Page
	defer func() {
		if !dup {
			s.tpl.LearnPage(p) // the walk FromDocument made with s.tpl
		}
	}()
	o := extract.Options{Location: s.c.o.Location, Now: s.now, Hint: c.feedDate, EmptyBodyChars: s.lim.EmptyBodyChars, Template: s.tpl}
	if o.Hint.IsZero() {
		o.Hint = c.listDate
	}
	if h := s.unit.Hints; h != nil {
		o.DateSelector, o.DateLayout = h.DateSelector, h.DateLayout
	}
	p = extract.FromDocument(doc, r.URL, o)
	if s.lang != "" && pg.Lang != "" && pg.Lang != s.lang {
		// A translation of the site's pages, not a post of its own.
		return discover.Other, time.Time{}
	}
	if orig, ok := s.translationOf(pg, r.URL, p.Canonical); ok {
		// A translation that names its original: the post is the original's.
		s.seen[key(c.url)] = true
		s.readOriginal(r.URL, orig, c.via)
		return discover.Other, time.Time{}
	}
	// A page that lists several items of another template than its own
	// is a listing, whatever date its first item shows; a post's related
	// list holds pages like itself. A page whose path is the directory of
	// other candidates is a category listing.
	own := s.template(c.url)
	lists := discover.ListsOthers(pg.Links, own, func(l discover.Link) bool { return s.appear[key(l.URL)] >= 2 })
	if p.IsPost && sectionOnly && !lists && !s.isDirectory(key(r.URL)) {
		// Kept aside: if the site shows no listed post at all, its lone
		// pages are judged by themselves (see acceptSections).
		s.sectionPosts = append(s.sectionPosts, sectionPost{r: r, c: c})
	}
	if !p.IsPost || sectionOnly || lists && !p.Article || s.isDirectory(key(r.URL)) {
		s.seen[key(c.url)] = true
		links := pg.Links
		if sectionOnly {
			// A section lists what it adds to the site's repeated blocks
			// (a "Tin mới nhất" box on every page makes no page a listing).
			links = s.unrepeated(links)
		}
		if discover.IsListing(links) || s.listsPosts(links) {
			return discover.Listing, time.Time{}
		}
		return discover.Other, time.Time{}
	}
	if p.Date.IsZero() {
		// A post that neither its page, its listing row, its feed nor its
		// URL dates cannot be counted in a month: it teaches the template
		// but is not recorded, unless a listing row shows its date later
		// (see redate).
		if s.undated == nil {
			s.undated = map[string]*Response{}
		}
		s.undated[key(c.url)] = r
		return discover.Post, time.Time{}
	}
	if p.Date.Time.Before(s.since) {
		s.seen[key(c.url)] = true
	}
	canon := p.Canonical
	if cu, err := url.Parse(canon); err != nil || !SameSite(cu, s.site) {
		canon = r.URL
	}
	canon = Canonical(canon)
	k := key(canon)
	s.fetched[key(r.URL)] = true
	s.fetched[k] = true
	date = p.Date.Time
	if _, seen := s.posts[k]; seen {
		s.seen[key(c.url)] = true
		dup = true
		return discover.Post, date
	}
	// The same post under another URL (letter case, parameters, categories):
	// same title, same day, same text, in this crawl or an earlier one.
	ident := postIdent(p.Title, p.Date.Time.In(s.c.o.Location), p.ContentHash)
	if s.idents == nil {
		s.idents = map[string]string{}
		for u, kp := range s.t.Known {
			if kp.ContentHash != "" {
				s.idents[postIdent(kp.Title, kp.Published.In(s.c.o.Location), kp.ContentHash)] = u
			}
		}
	}
	if first, same := s.idents[ident]; same && p.ContentHash != "" {
		dup = true
		s.seen[key(c.url)] = true
		s.seen[k] = true
		if kp, ok := s.t.Known[first]; ok {
			cp := kp
			s.posts[key(kp.URL)] = &cp
		}
		return discover.Post, date
	}
	s.idents[ident] = k
	post := &store.Post{
		UnitID: s.unit.ID, URL: canon, Title: p.Title, Published: p.Date.Time.UTC(), DateSource: p.Date.Source, DateRaw: p.Date.Raw,
		FoundVia: c.via.String(), Images: p.Images, CaptionedImages: p.CaptionedImages, AltImages: p.AltImages,
		ContentHash: p.ContentHash, BodyChars: p.BodyChars, Status: store.StatusLive, Flags: map[string]string{},
	}
	if p.Empty != nil {
		post.Flags[store.FlagEmpty] = p.Empty.Value()
	}
	if m := s.t.Attribution; m != nil {
		a := m.Attribute(attribution.Collect(doc, p.Title))
		post.ContributedBy, post.AttributionText, post.AttributionFound = a.UnitID, a.Text, string(a.Found)
	}
	if ev := compromiseEvidence(doc); len(ev) > 0 { // after extract.FromDocument: it strips scripts
		post.Flags[store.FlagSpam] = strings.Join(ev, "; ")
		if s.res.Crawl.Sections[store.SectionCompromised] == "" {
			s.res.Crawl.Sections[store.SectionCompromised] = r.URL + " — " + strings.Join(ev, "; ")
		}
	}
	s.posts[k] = post
	s.noteAnswersAt(canon, r.URL)
	if s.article == nil {
		s.article = map[string]bool{}
	}
	s.article[k] = p.Article
	return discover.Post, date
}

// minMarked is how many of a crawl's new posts must declare themselves
// articles (og:type, schema.org) before the site is taken to mark every
// article it publishes.
const minMarked = 3

// dropUnmarked removes the new posts that do not declare themselves
// articles when the site's other posts do (in this crawl, or as learned in
// an earlier one): a site's template marks all its articles alike, so the
// pages it does not mark (documents, albums, calendars laid out like
// posts) are not posts.
func (s *session) dropUnmarked() {
	marked := 0
	for _, a := range s.article {
		if a {
			marked++
		}
	}
	switch {
	case marked >= minMarked && marked*2 >= len(s.article):
		s.know.MarksArticles = true
	case !s.know.MarksArticles:
		return
	}
	for k, a := range s.article {
		if !a {
			delete(s.posts, k)
			s.seen[k] = true
		}
	}
}

// sections records which required sections and footer items the home page carries.
func (s *session) sections(doc *goquery.Document, pageURL string) {
	base, _ := url.Parse(pageURL)
	// folded is " "+vntext.Fold(text)+" ", computed once per label (see containsFolded).
	type lab struct{ text, folded, href string }
	var labels []lab
	doc.Find("a, h1, h2, h3, h4, .panel-heading, .box-title, .title").Each(func(_ int, e *goquery.Selection) {
		t := strings.TrimSpace(e.Text())
		if t == "" || len(t) > 120 {
			return
		}
		href, _ := e.Attr("href")
		if href != "" && base != nil {
			if u, err := base.Parse(href); err == nil {
				href = u.String()
			}
		} else {
			href = pageURL
		}
		labels = append(labels, lab{t, " " + vntext.Fold(t) + " ", href})
	})
	if s.t.Requirements != nil {
		for _, req := range s.t.Requirements {
			s.res.Crawl.Sections[req.ID] = ""
			syn := foldLabels(req.Synonyms)
			for _, l := range labels {
				if containsFolded(l.folded, syn) {
					s.res.Crawl.Sections[req.ID] = l.href
					break
				}
			}
		}
	}
	foot := doc.Find("footer, #footer, .footer, .site-footer, #ft, .bottom").Text()
	if strings.TrimSpace(foot) == "" {
		foot = doc.Find("body").Text()
		if len(foot) > 3000 {
			foot = foot[len(foot)-3000:]
		}
	}
	ff := vntext.Fold(foot)
	set := func(k string, ok bool) {
		if ok {
			s.res.Crawl.Sections[k] = pageURL
		} else {
			s.res.Crawl.Sections[k] = ""
		}
	}
	set(store.SectionFooterResponsible, strings.Contains(ff, "chiu trach nhiem"))
	set(store.SectionFooterAddress, strings.Contains(ff, "dia chi"))
	set(store.SectionFooterPhone, strings.Contains(ff, "dien thoai") || strings.Contains(ff, "dt ") || strings.Contains(ff, "tel") || strings.Contains(ff, "hotline"))
	set(store.SectionFooterEmail, strings.Contains(foot, "@") || strings.Contains(ff, "email"))
	if _, ok := s.res.Crawl.Sections[store.SectionSitemapXML]; !ok {
		s.res.Crawl.Sections[store.SectionSitemapXML] = ""
	}
}

// foldLabels returns " "+vntext.Fold(l)+" " for each label that folds to
// something, so that containsFolded(" "+vntext.Fold(text)+" ", foldLabels(syn))
// is vntext.Contains(text, s) for some s of syn, with each string folded once
// rather than once per pair.
func foldLabels(syn []string) []string {
	out := make([]string, 0, len(syn))
	for _, s := range syn {
		if f := " " + vntext.Fold(s) + " "; f != "  " {
			out = append(out, f)
		}
	}
	return out
}

// containsFolded reports whether the folded text contains one of the folded labels.
func containsFolded(folded string, labels []string) bool {
	for _, l := range labels {
		if strings.Contains(folded, l) {
			return true
		}
	}
	return false
}
