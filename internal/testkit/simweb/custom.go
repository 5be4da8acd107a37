package simweb

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// StyleCustom is a custom-built unit site whose whole layout is drawn per
// site: its URL scheme family (see AllSchemes) and spelling, its listing
// style, its pagination, where a post shows its date, its menus, a news
// hub, feeds, a sitemap, an English translation and session parameters.
// Posts, menu pages, documents, albums and listings share one URL scheme,
// so no word or shape of a URL tells a post from another page. It is not
// in AllStyles: pass it in Options.Styles (DiscoveryStyles does).
const StyleCustom = "custom"

// DiscoveryStyles are the styles built to defeat word lists and path
// shapes: a crawler passes them only by learning each site's templates.
func DiscoveryStyles() []string { return []string{StyleCustom} }

// Listing styles of a custom site.
const (
	listRows     uint8 = iota // title and a date on each row
	listCards                 // thumbnail, title, summary (and a date)
	listNumbered              // 1. title (no date)
	listPlain                 // title and summary, no date
)

// Where a custom site shows a post's publication date.
const (
	dateOnPage    uint8 = iota // the post page shows it (listings may too)
	dateOnListing              // only listing rows show it, never the post page
	dateInURL                  // only the URL carries it (/2026/10/15/slug/)
)

// Layout is what a custom site drew, for reports and for breaking scores
// down by family. Every field is a short stable name.
type Layout struct {
	Scheme     string `json:"scheme"`
	Listing    string `json:"listing"`     // rows, cards, numbered, plain
	Pager      string `json:"pager"`       // query, path, js
	PagerLinks string `json:"pager_links"` // numbers, next, rel-next
	PostDate   string `json:"post_date"`   // page, listing, url
	Hub        bool   `json:"hub"`         // a news hub whose rows carry no dates
	Archive    bool   `json:"archive"`     // month archives in the sidebar
	Feed       bool   `json:"feed"`
	Sitemap    bool   `json:"sitemap"`
	Bilingual  bool   `json:"bilingual"`
	Session    string `json:"session,omitempty"` // session parameter name, "(S)" for ASP.NET cookieless /(S(…))/ paths
	Canonical  bool   `json:"canonical"`         // post pages declare rel=canonical
	PerPage    int    `json:"per_page"`
	// RelativeDates: rows of the last week say "3 giờ trước", "hôm qua".
	RelativeDates bool `json:"relative_dates"`
}

// customSite is what a custom site drew; it is fixed after generation.
type customSite struct {
	sc        scheme
	list      uint8
	rowFmt    int
	postDate  uint8
	pageFmt   int
	meta      uint8 // 0 none, 1 og article:published_time, 2 JSON-LD, 3 itemprop
	hub       bool
	hubID     int
	archive   bool
	sitemap   bool
	bilingual bool
	related   bool // "Các tin khác" with dates under posts
	relRows   bool // rows of the last week say "3 giờ trước", "hôm qua", "2 ngày trước"
	canonical bool
	upperMenu bool
	hideCat   int // index of a category reached only from a home block (-1: none)
	groups    [3]string
	theme     theme
	pages     []*cpage

	imu     sync.Mutex
	idx     *cindex
	taken   map[string]bool // slugs in use, with the ones below (under imu)
	slugs   map[int]string  // post id → URL slug, assigned once
	enSlugs map[int]string  // post id → English URL slug
}

// cpage is a non-post page of a custom site.
type cpage struct {
	key     string // staticPage slug, "van-ban", "thu-vien-anh", "doc:N", "album:N"
	kind    string // truth kind
	section string // required-section id it satisfies ("" none)
	label   string
	doc     int // index into Site.docs (documents)
	album   int // album number (albums)
	r       ref
}

// Page kinds in SiteTruth.Pages.
const (
	PageHome        = "home"
	PageSection     = "section"       // Giới thiệu, Liên hệ, Lịch công tác, Tuyển sinh …
	PageDocuments   = "document-list" // Văn bản
	PageDocument    = "document"      // one document's page
	PageAlbums      = "album-list"    // Thư viện ảnh
	PageAlbum       = "album"         // one photo album
	PageCategory    = "category"
	PageHub         = "hub"
	PageArchive     = "archive"
	PageTranslation = "translation" // English home
)

type theme struct {
	main, side, detail, list, menu string
}

var themes = []theme{
	{"main-content", "sidebar", "news-detail", "list-news", "main-menu"},
	{"col-md-9", "col-md-3", "article-content", "category-list", "navbar-nav"},
	{"ContentPane", "RightPane", "NewsContent", "NewsList", "MainMenu"},
	{"noidung", "cotphai", "chitiet", "danhsach", "menungang"},
	{"content-left", "content-right", "post-detail", "post-list", "menu-top"},
}

var customCategoryNames = [][2]string{
	{"Hoạt động ngoài giờ lên lớp", "hoat-dong-ngoai-gio"},
	{"Gương người tốt việc tốt", "guong-nguoi-tot"},
	{"Công tác bán trú", "cong-tac-ban-tru"},
}

func (cs *customSite) layout() Layout {
	return Layout{
		Scheme:     cs.sc.family,
		Listing:    []string{"rows", "cards", "numbered", "plain"}[cs.list],
		Pager:      []string{"query", "path", "js"}[cs.sc.pager.mode],
		PagerLinks: []string{"numbers", "next", "rel-next"}[cs.sc.pager.links],
		PostDate:   []string{"page", "listing", "url"}[cs.postDate],
		Hub:        cs.hub, Archive: cs.archive, Feed: cs.sc.feed != "", Sitemap: cs.sitemap,
		Bilingual: cs.bilingual, Session: cs.sc.session, Canonical: cs.canonical, PerPage: cs.sc.pager.per,
		RelativeDates: cs.relRows,
	}
}

// drawCustom draws the layout of a custom site. It runs after the posts
// are made, on its own random stream, so other styles stay byte-identical.
func (s *Site) drawCustom(webSeed int64, schemes []string) {
	r := rng(s.seed, 91)
	// Sites take the families in turn from an offset drawn from the web's
	// seed, so that every seed covers as many families as it has sites.
	family := schemes[(s.Index+int(mix(uint64(webSeed), 0x5C4E)%uint64(len(schemes))))%len(schemes)]
	cs := &customSite{sc: drawScheme(r, family), hideCat: -1}
	cs.theme = pick(r, themes)
	cs.list = uint8(r.IntN(4))
	cs.rowFmt = r.IntN(len(rowFormats))
	cs.pageFmt = r.IntN(len(pageFormats))
	cs.meta = uint8(r.IntN(4))
	switch {
	case family == SchemeDated && chance(r, 0.5):
		cs.postDate = dateInURL
	case chance(r, 0.3):
		cs.postDate = dateOnListing
	}
	if cs.postDate == dateOnListing && (cs.list == listNumbered || cs.list == listPlain) {
		cs.list = listRows
	}
	cs.hub = chance(r, 0.6)
	cs.archive = cs.sc.pager.mode == pagerJS || chance(r, 0.35)
	cs.sitemap = chance(r, 0.4)
	if chance(r, 0.5) {
		cs.sc.feed = map[string]string{
			SchemeSlugID: "/rss.xml", SchemeIDSlug: "/feed", SchemeSlug: "/rss", SchemeDated: "/feed/",
			SchemeWPPlain: "/?feed=rss2", SchemeNVQuery: "/index.php?nv=news&op=rss", SchemeModQuery: cs.sc.script + "?" + cs.sc.names[0] + "=rss",
			SchemeJoomlaQuery: "/index.php?format=feed&type=rss", SchemeASPXQuery: "/rss.aspx", SchemeDNN: "/DesktopModules/News/RSS.aspx?TabId=49", SchemeDrupal: "/rss.xml",
		}[family]
	}
	cs.bilingual = chance(r, 0.25)
	switch family {
	case SchemeWPPlain, SchemeNVQuery, SchemeModQuery, SchemeJoomlaQuery, SchemeASPXQuery:
		cs.sc.langQ = true // ?lang=en (language=en on NukeViet)
	default:
		cs.sc.langQ = chance(r, 0.5)
	}
	if chance(r, 0.25) {
		cs.sc.session = pick(r, []string{"sid", "PHPSESSID", "s", "SID"})
		if cs.sc.ci && chance(r, 0.5) {
			cs.sc.session = sessionCookieless
		}
	}
	cs.canonical = cs.sc.session == "" || chance(r, 0.5)
	if family == SchemeDrupal {
		cs.canonical = true
	}
	cs.related = chance(r, 0.6)
	cs.relRows = chance(r, 0.3)
	cs.upperMenu = chance(r, 0.4)
	cs.groups = [3]string{pick(r, []string{"page", "trang", "about", "gioi-thieu"}), pick(r, []string{"van-ban", "laws", "vanban"}), pick(r, []string{"thu-vien-anh", "album", "photos"})}
	if family == SchemeNVQuery {
		cs.groups = [3]string{"about", "laws", "photos"}
	}
	// Two or three more categories than the usual four, with posts moved
	// into them, so that breadth matters.
	added := 1 + r.IntN(len(customCategoryNames))
	for i, c := range customCategoryNames[:added] {
		s.cats = append(s.cats, category{label: c[0], slug: c[1], id: s.cats[len(s.cats)-1].id + 1 + i})
	}
	for _, p := range s.posts {
		if chance(r, 0.25) {
			p.cat = len(s.cats) - 1 - r.IntN(added)
			p.extra = slices.DeleteFunc(p.extra, func(c int) bool { return c == p.cat })
		}
	}
	if chance(r, 0.5) {
		cs.hideCat = len(s.cats) - 1
	}
	s.cust = cs
	cs.makePages(s, r)
}

// makePages lays out the menu pages, documents and albums with ids that
// interleave with the posts' (pages created over the years, documents and
// albums during the window).
func (cs *customSite) makePages(s *Site, r *rand.Rand) {
	used := map[int]bool{}
	for _, p := range s.posts {
		used[p.id] = true
	}
	for _, c := range s.cats {
		used[c.id] = true
	}
	minPost := s.nextID
	for _, p := range s.posts {
		minPost = min(minPost, p.id)
	}
	freeID := func(lo, hi int) int {
		for {
			id := lo + r.IntN(max(1, hi-lo))
			if !used[id] {
				used[id] = true
				return id
			}
			hi++
		}
	}
	add := func(pg *cpage, created time.Time, group string, gid int, lo, hi int) {
		pg.r = ref{kind: refPage, id: freeID(lo, hi), slug: slugify(pg.label), group: group, gid: gid, date: created}
		cs.pages = append(cs.pages, pg)
	}
	old := func() time.Time {
		return time.Date(2019+r.IntN(5), time.Month(1+r.IntN(12)), 1+r.IntN(28), 8+r.IntN(9), r.IntN(60), 0, 0, zone())
	}
	for _, sp := range s.staticPages() {
		add(&cpage{key: sp.slug, kind: PageSection, section: sp.id, label: sp.label}, old(), cs.groups[0], 1, 20, minPost)
	}
	if s.hasSection("van_ban") {
		add(&cpage{key: "van-ban", kind: PageDocuments, section: "van_ban", label: "Văn bản"}, old(), cs.groups[1], 2, 20, minPost)
	}
	add(&cpage{key: "thu-vien-anh", kind: PageAlbums, label: "Thư viện ảnh"}, old(), cs.groups[2], 3, 20, minPost)
	// Documents and albums are dated inside the window; their ids sit
	// among the posts' ids of their time.
	idNear := func(t time.Time) (int, int) {
		lo, hi := minPost, s.nextID
		for _, p := range s.posts {
			if p.pub.Before(t) && p.id > lo {
				lo = p.id
			}
		}
		return lo, min(hi, lo+12)
	}
	if s.hasSection("van_ban") {
		for i, d := range s.docs {
			lo, hi := idNear(d.date)
			pg := &cpage{key: fmt.Sprintf("doc:%d", i), kind: PageDocument, label: d.number + " " + d.title, doc: i}
			add(pg, d.date, cs.groups[1], 2, lo, hi)
			pg.r.slug = d.slug
		}
	}
	for i := range 2 + r.IntN(3) {
		d := s.Now.AddDate(0, 0, -5-r.IntN(100))
		d = time.Date(d.Year(), d.Month(), d.Day(), 9+r.IntN(8), r.IntN(60), 0, 0, zone())
		lo, hi := idNear(d)
		label := albumTitles[(i+int(s.seed%5))%len(albumTitles)]
		add(&cpage{key: fmt.Sprintf("album:%d", i), kind: PageAlbum, label: label, album: i}, d, cs.groups[2], 3, lo, hi)
	}
	cs.hubID = freeID(20, minPost)
}

var albumTitles = []string{
	"Hình ảnh Lễ khai giảng năm học mới", "Hình ảnh hoạt động trải nghiệm của học sinh", "Album Hội diễn văn nghệ chào mừng 20/11",
	"Hình ảnh Hội khỏe Phù Đổng cấp trường", "Ảnh hoạt động ngoại khóa tháng 10", "Hình ảnh Ngày hội đọc sách",
}

// cindex maps every target of a custom site to what it designates. It is
// rebuilt when the posts change (Site.ver).
type cindex struct {
	ver     int
	byKey   map[string]ref
	slugs   map[int]string // post id → URL slug
	enSlugs map[int]string
	pages   map[refKind]int // listing kind → pages (hub); categories in catPages
	catPage []int
	months  []time.Time // archive months, newest first
}

// index returns the target index of the site. The caller holds s.mu (read or write).
func (cs *customSite) index(s *Site) *cindex {
	cs.imu.Lock()
	defer cs.imu.Unlock()
	if cs.idx != nil && cs.idx.ver == s.ver {
		return cs.idx
	}
	ix := &cindex{ver: s.ver, byKey: map[string]ref{}, pages: map[refKind]int{}}
	sc := &cs.sc
	put := func(t string, r ref) {
		path, q, _ := strings.Cut(t, "?")
		k := sc.targetKey(path, q)
		if _, dup := ix.byKey[k]; !dup {
			ix.byKey[k] = r
		}
	}
	// Slugs, unique across the site, assigned once, oldest id first, so
	// that a post added or removed later never renames another.
	if cs.taken == nil {
		cs.taken, cs.slugs, cs.enSlugs = map[string]bool{}, map[int]string{}, map[int]string{}
		for _, pg := range cs.pages {
			cs.taken[pg.r.slug] = true
		}
		for _, c := range s.cats {
			cs.taken[c.slug] = true
		}
	}
	byID := slices.Clone(s.posts)
	sort.Slice(byID, func(i, j int) bool { return byID[i].id < byID[j].id })
	unique := func(base string) string {
		sl := base
		for k := 2; cs.taken[sl]; k++ {
			sl = fmt.Sprintf("%s-%d", base, k)
		}
		cs.taken[sl] = true
		return sl
	}
	for _, p := range byID {
		if _, done := cs.slugs[p.id]; done {
			continue
		}
		sl := p.slug
		if sc.family == SchemeSlug && p.seed%4 == 0 {
			sl = strings.Join(strings.SplitN(sl, "-", 4)[:min(3, len(strings.Split(sl, "-")))], "-")
		}
		if sc.family == SchemeSlug || sc.family == SchemeDrupal || sc.family == SchemeDated {
			sl = unique(sl)
		}
		cs.slugs[p.id] = sl
		if cs.translated(p) {
			cs.enSlugs[p.id] = unique(slugify(enTitle(p)))
		}
	}
	ix.slugs, ix.enSlugs = maps.Clone(cs.slugs), maps.Clone(cs.enSlugs) // readers of an older index keep theirs
	cs.idx = ix
	put("/", ref{kind: refHome})
	switch sc.script {
	case "/index.php", "/default.aspx", "/Default.aspx":
		put(sc.script, ref{kind: refHome})
	}
	if sc.feed != "" {
		put(sc.feed, ref{kind: refFeed})
	}
	if cs.sitemap {
		put("/sitemap.xml", ref{kind: refSitemap})
	}
	if cs.bilingual {
		put(sc.english("/"), ref{kind: refHome, en: true})
	}
	for _, p := range s.posts {
		r := cs.postRef(s, ix, p, p.cat)
		put(sc.url(r), r)
		for _, a := range cs.postAliases(s, ix, p) {
			put(a, r)
		}
		if cs.translated(p) {
			e := r
			e.en, e.slug = true, ix.enSlugs[p.id]
			put(sc.url(e), e)
		}
	}
	for _, pg := range cs.pages {
		put(sc.url(pg.r), pg.r)
		if v := sc.variant(pg.r); v != "" {
			put(v, pg.r)
		}
	}
	per := sc.pager.per
	npages := func(n int) int {
		if sc.pager.mode == pagerJS {
			return 1
		}
		return max(1, (n+per-1)/per)
	}
	ix.catPage = make([]int, len(s.cats))
	for ci := range s.cats {
		ix.catPage[ci] = npages(len(s.listing(ci, true)))
		for n := 1; n <= ix.catPage[ci]; n++ {
			r := cs.catRef(s, ci, n)
			put(sc.url(r), r)
			if n == 1 {
				if nd := sc.node(r); nd != "" {
					put(nd, r)
				}
			}
		}
	}
	if cs.hub {
		ix.pages[refHub] = npages(len(s.posts))
		for n := 1; n <= ix.pages[refHub]; n++ {
			r := cs.hubRef(n)
			put(sc.url(r), r)
		}
	}
	if cs.archive {
		seen := map[string]bool{}
		for _, p := range s.posts {
			m := time.Date(p.pub.Year(), p.pub.Month(), 1, 0, 0, 0, 0, zone())
			if k := m.Format("200601"); !seen[k] {
				seen[k] = true
				ix.months = append(ix.months, m)
			}
		}
		sort.Slice(ix.months, func(i, j int) bool { return ix.months[i].After(ix.months[j]) })
		for _, m := range ix.months {
			r := cs.archiveRef(m)
			put(sc.url(r), r)
		}
	}
	return ix
}

func (cs *customSite) translated(p *post) bool { return cs.bilingual && p.seed%5 < 2 }

// postRef is the ref of p as listed under category ci (its primary
// category gives the canonical URL).
func (cs *customSite) postRef(s *Site, ix *cindex, p *post, ci int) ref {
	return ref{kind: refPost, id: p.id, slug: ix.slugs[p.id], group: s.cats[ci].slug, gid: s.cats[ci].id, date: p.born}
}

func (cs *customSite) catRef(s *Site, ci, n int) ref {
	c := s.cats[ci]
	return ref{kind: refCat, id: c.id, slug: c.slug, gid: c.id, n: n}
}

func (cs *customSite) hubRef(n int) ref {
	return ref{kind: refHub, id: cs.hubID, slug: "tin-tuc", gid: 4, n: n}
}

func (cs *customSite) archiveRef(m time.Time) ref {
	return ref{kind: refArchive, id: m.Year()*100 + int(m.Month()), date: m}
}

// postAliases are the other targets that serve p: the URL under each
// secondary category (where the scheme spells the category), the
// lower-case spelling on case-insensitive servers, the Drupal node path.
func (cs *customSite) postAliases(s *Site, ix *cindex, p *post) []string {
	sc := &cs.sc
	canon := sc.url(cs.postRef(s, ix, p, p.cat))
	var out []string
	addU := func(u string) {
		if u != canon && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	for _, c := range p.extra {
		addU(sc.url(cs.postRef(s, ix, p, c)))
	}
	if v := sc.variant(cs.postRef(s, ix, p, p.cat)); v != "" {
		addU(v)
	}
	return out
}

func (cs *customSite) pageByID(id int) *cpage {
	for _, pg := range cs.pages {
		if pg.r.id == id {
			return pg
		}
	}
	return nil
}

// custom is the router of StyleCustom; the site's drawn layout is in Site.cust.
type custom struct{}

func (custom) postPath(s *Site, p *post) string {
	cs := s.cust
	ix := cs.index(s)
	return cs.sc.url(cs.postRef(s, ix, p, p.cat))
}

func (custom) aliases(s *Site, p *post) []string {
	cs := s.cust
	ix := cs.index(s)
	return cs.postAliases(s, ix, p)
}

func (custom) docFile(s *Site, d doc) string {
	return "/uploads/" + s.cust.groups[1] + "/" + d.file + ".pdf"
}

func (custom) route(c *reqCtx) *resp {
	s := c.s
	cs := s.cust
	if c.path == "/robots.txt" {
		body := "User-agent: *\nDisallow: /admin/\nDisallow: /includes/\n"
		if cs.sitemap {
			body += "\nSitemap: " + c.origin + "/sitemap.xml\n"
		}
		return &resp{status: 200, ctype: ctText, lastMod: s.staticLM(), body: body}
	}
	ix := cs.index(s)
	r, ok := ix.byKey[cs.sc.targetKey(c.path, c.rawQ)]
	if !ok {
		return nil
	}
	v := &cview{c: c, s: s, cs: cs, ix: ix, self: r}
	switch r.kind {
	case refHome:
		if r.en {
			return v.englishHome()
		}
		return v.home()
	case refPost:
		p := s.postByID(r.id)
		if p == nil {
			return nil
		}
		if r.en {
			return v.englishPost(p)
		}
		return v.post(p)
	case refPage:
		return v.page(cs.pageByID(r.id))
	case refCat:
		ci := slices.IndexFunc(s.cats, func(cat category) bool { return cat.id == r.id })
		return v.category(ci, max(1, r.n))
	case refHub:
		return v.hub(max(1, r.n))
	case refArchive:
		return v.archive(r.date)
	case refFeed:
		return v.feed()
	case refSitemap:
		return v.sitemap()
	}
	return nil
}

// customTruthPages lists the non-post pages of a custom site with their kinds.
func (s *Site) customTruthPages() []TruthPage {
	cs := s.cust
	ix := cs.index(s)
	sc := &cs.sc
	out := []TruthPage{{URL: "/", Kind: PageHome, Title: s.UnitName}}
	for _, pg := range cs.pages {
		tp := TruthPage{URL: sc.url(pg.r), Kind: pg.kind, Section: pg.section, Title: pg.label}
		if v := sc.variant(pg.r); v != "" {
			tp.Aliases = []string{v}
		}
		out = append(out, tp)
	}
	for ci, c := range s.cats {
		for n := 1; n <= ix.catPage[ci]; n++ {
			out = append(out, TruthPage{URL: sc.url(cs.catRef(s, ci, n)), Kind: PageCategory, Title: c.label, Page: n})
		}
	}
	for n := 1; n <= ix.pages[refHub]; n++ {
		out = append(out, TruthPage{URL: sc.url(cs.hubRef(n)), Kind: PageHub, Title: "Tin tức", Page: n})
	}
	for _, m := range ix.months {
		out = append(out, TruthPage{URL: sc.url(cs.archiveRef(m)), Kind: PageArchive, Title: "Lưu trữ " + m.Format("01/2006")})
	}
	if cs.bilingual {
		out = append(out, TruthPage{URL: sc.english("/"), Kind: PageTranslation, Title: "English"})
	}
	return out
}

// customTruthPost completes t for a custom site: translations, precision.
func (s *Site) customTruthPost(p *post, t *TruthPost) {
	cs := s.cust
	ix := cs.index(s)
	if cs.translated(p) {
		e := cs.postRef(s, ix, p, p.cat)
		e.en, e.slug = true, ix.enSlugs[p.id]
		t.Translations = []string{cs.sc.url(e)}
	}
	switch cs.postDate {
	case dateInURL:
		t.DatePrecision = "day"
	case dateOnListing:
		if !rowFormats[cs.rowFmt].minute || (cs.relRows && relative(s.Now, p.pub) != "") {
			t.DatePrecision = "day"
		}
	}
}
