package simweb

import (
	"math/rand/v2"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// URL scheme families of the custom style. Each generated custom site draws
// one family and, within it, its own spelling (prefixes, extensions, id
// separators, parameter names, case). Posts, menu pages (Giới thiệu, Liên
// hệ, Văn bản …), documents, albums, category listings and archives of a
// site share its family, so the words and shape of a URL never tell a post
// from another page.
const (
	// SchemeSlugID: /tin-tuc/hoi-nghi-can-bo-123.html, /gioi-thieu-chung-12.html.
	SchemeSlugID = "slug-id"
	// SchemeIDSlug: /bai-viet/123/hoi-nghi-can-bo.aspx, /123-gioi-thieu.
	SchemeIDSlug = "id-slug"
	// SchemeSlug: /tin-tuc/hoi-nghi-can-bo (no id; some slugs have three words).
	SchemeSlug = "slug"
	// SchemeDated: /2026/10/15/hoi-nghi-can-bo/ (menu pages dated by creation).
	SchemeDated = "dated"
	// SchemeWPPlain: WordPress plain permalinks, /?p=123, /?cat=3&paged=2, /?m=202610.
	SchemeWPPlain = "wp-plain"
	// SchemeNVQuery: NukeViet without rewriting,
	// /index.php?language=vi&nv=news&op=<cat>/<slug>-<id>.html.
	SchemeNVQuery = "nv-query"
	// SchemeModQuery: custom PHP, /?mod=news&act=detail&id=123 (names vary).
	SchemeModQuery = "mod-query"
	// SchemeJoomlaQuery: /index.php?option=com_content&view=article&id=N&catid=M.
	SchemeJoomlaQuery = "joomla-query"
	// SchemeASPXQuery: ASP.NET, /News.aspx?ArticleID=123&CatID=5 (script and names vary).
	SchemeASPXQuery = "aspx-query"
	// SchemeDNN: DotNetNuke, /tabid/56/ArticleId/789/slug.aspx.
	SchemeDNN = "dnn"
	// SchemeDrupal: /node/123 and its path alias, both served, canonical declared.
	SchemeDrupal = "drupal"
)

// AllSchemes lists every URL scheme family of the custom style.
func AllSchemes() []string {
	return []string{SchemeSlugID, SchemeIDSlug, SchemeSlug, SchemeDated, SchemeWPPlain, SchemeNVQuery,
		SchemeModQuery, SchemeJoomlaQuery, SchemeASPXQuery, SchemeDNN, SchemeDrupal}
}

// refKind is what a URL of a custom site designates.
type refKind uint8

const (
	refHome refKind = iota
	refPost
	refPage    // a menu page, a document or an album
	refCat     // a news category listing
	refHub     // every news item, rows without dates
	refArchive // a month archive
	refFeed
	refSitemap
)

// ref is one addressable page of a custom site. Listings carry their page
// number n (1-based); translations carry en.
type ref struct {
	kind  refKind
	id    int       // post, page or category id; archive: yyyymm
	slug  string    // URL slug (English slug for translations)
	group string    // category slug (posts), module (pages), "" (listings)
	gid   int       // numeric id of the group (category id, tab id)
	date  time.Time // date in dated paths; archive: the month
	n     int       // listing page, 1-based (0 and 1 are the first page)
	en    bool      // English translation
}

// pager modes.
const (
	pagerQuery uint8 = iota // ?page=2, &paged=2, &start=20
	pagerPath               // /page/2, /trang-2.html
	pagerJS                 // __doPostBack or onclick; pages beyond the first are not GET-reachable
)

// pager link styles (how a listing shows its other pages).
const (
	linksNumbers uint8 = iota // 1 2 3 … with a window around the current page
	linksNext                 // one "Xem tiếp" / "Trang sau" / "»" link
	linksRelNext              // <link rel=next> in the head, "Trang 1/5" as text
)

// scheme is one site's drawn URL spelling.
type scheme struct {
	family  string
	prefix  string // path families: "/tin-tuc", "" or "{group}"
	ext     string // ".html", ".htm", ".aspx", ".php", "" or "/"
	sep     string // slug-id separator: "-", "-p", "_", ","
	upper   bool   // Title-Case slugs
	ci      bool   // paths are case-insensitive (IIS)
	catBase string // listings of the dated family: "/chuyen-muc"
	script  string // query families: "/", "/index.php", "/News.aspx" …
	names   [3]string
	nvLang  bool   // nv-query: language=vi present
	jSlug   bool   // joomla: id=N:slug
	itemid  bool   // joomla: &Itemid=K
	dnnVan  bool   // dnn: /tin-tuc/tabid/56/... vanity prefix
	alias   string // drupal pathauto pattern: "", "/tin-tuc", "{group}"
	pager   pagerSpec
	feed    string // feed target ("" when the site has none)
	session string // session parameter name ("" when none)
	langQ   bool   // translations by ?lang=en (else /en/ prefix)
}

type pagerSpec struct {
	mode    uint8
	param   string
	offset  bool // value is an item offset (start=20)
	zero    bool // zero-based (Drupal ?page=1 is the second page)
	pathFmt string
	links   uint8
	next    string // label of the next link
	js      uint8  // 0 __doPostBack, 1 onclick
	per     int    // items per listing page
}

func drawScheme(r *rand.Rand, family string) scheme {
	sc := scheme{family: family}
	exts := []string{".html", ".htm", ".aspx", ".php", "", "/"}
	switch family {
	case SchemeSlugID, SchemeIDSlug, SchemeSlug:
		sc.prefix = pick(r, []string{"/tin-tuc", "/bai-viet", "/news", "/tin", "", "{group}", "/chi-tiet", "{group}", "/index.php", "/vi"})
		sc.ext = pick(r, exts)
		sc.sep = pick(r, []string{"-", "-", "-p", "_", ","})
		if family == SchemeSlug && sc.ext == "" {
			sc.ext = pick(r, []string{"", "/", ".html"})
		}
	case SchemeDated:
		sc.ext = pick(r, []string{"/", "", ".html"})
		sc.catBase = pick(r, []string{"/chuyen-muc", "/danh-muc", "/category", "/c"})
	case SchemeWPPlain:
		sc.script = "/"
	case SchemeNVQuery:
		sc.script = "/index.php"
		sc.nvLang = chance(r, 0.7)
	case SchemeModQuery:
		sc.script = pick(r, []string{"/", "/index.php", "/home.php", "/portal/index.php"})
		sc.names = pick(r, [][3]string{{"mod", "act", "id"}, {"module", "action", "nid"}, {"m", "view", "id"}, {"page", "task", "newsid"}, {"mod", "task", "tid"}})
	case SchemeJoomlaQuery:
		sc.script = "/index.php"
		sc.jSlug = chance(r, 0.4)
		sc.itemid = chance(r, 0.6)
	case SchemeASPXQuery:
		sc.script = pick(r, []string{"/default.aspx", "/Default.aspx", "/News.aspx", "/Pages/TinTuc.aspx", "/NewsDetail.aspx"})
		sc.names = pick(r, [][3]string{{"", "CatID", "ArticleID"}, {"", "cat", "id"}, {"tabid", "CatId", "NewsId"}, {"", "MenuID", "ItemID"}})
		sc.ci = true
	case SchemeDNN:
		sc.dnnVan = chance(r, 0.5)
		sc.ci = true
	case SchemeDrupal:
		sc.alias = pick(r, []string{"", "/tin-tuc", "{group}"})
	}
	if sc.ext == ".aspx" {
		sc.ci = true
	}
	switch family {
	case SchemeSlugID, SchemeIDSlug, SchemeSlug, SchemeDNN:
		sc.upper = chance(r, 0.3)
	}
	sc.pager = drawPager(r, family, sc.ext)
	return sc
}

func drawPager(r *rand.Rand, family, ext string) pagerSpec {
	p := pagerSpec{per: 5 + r.IntN(6), links: uint8(r.IntN(3))}
	p.next = pick(r, []string{"Xem tiếp", "Trang sau", "»", "Tin cũ hơn", "Tiếp theo ›"})
	switch family {
	case SchemeWPPlain:
		p.param = "paged"
	case SchemeJoomlaQuery:
		p.param, p.offset = pick(r, []string{"start", "limitstart"}), true
	case SchemeDrupal:
		p.param, p.zero = "page", true
	case SchemeNVQuery:
		p.mode, p.pathFmt = pagerPath, "/page-%d"
	case SchemeSlugID, SchemeIDSlug, SchemeSlug, SchemeDated:
		if chance(r, 0.5) {
			p.mode = pagerPath
			p.pathFmt = pick(r, []string{"/page/%d", "/trang-%d", "-trang-%d", "/p%d"})
			if ext == "" || ext == "/" {
				p.pathFmt = pick(r, []string{"/page/%d", "/trang-%d", "/p%d"})
			}
		} else {
			p.param = pick(r, []string{"page", "trang", "p", "pg"})
		}
	case SchemeModQuery:
		p.param = pick(r, []string{"page", "trang", "p", "start"})
		p.offset = p.param == "start"
	case SchemeASPXQuery, SchemeDNN:
		p.param = pick(r, []string{"page", "PageIndex", "currentpage", "trang"})
	}
	if p.mode != pagerPath && p.param == "" {
		p.param = "page"
	}
	switch family {
	case SchemeASPXQuery, SchemeDNN, SchemeModQuery, SchemeSlugID:
		if chance(r, 0.35) {
			p.mode, p.js = pagerJS, uint8(r.IntN(2))
			p.links = linksNumbers
		}
	}
	return p
}

// caseSlug spells a slug in the site's case.
func (sc *scheme) caseSlug(s string) string {
	if !sc.upper {
		return s
	}
	parts := strings.Split(s, "-")
	for i, w := range parts {
		if w != "" {
			parts[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(parts, "-")
}

func (sc *scheme) groupPrefix(group string) string {
	switch sc.prefix {
	case "{group}":
		if group == "" {
			return ""
		}
		return "/" + sc.caseSlug(group)
	case "":
		return ""
	}
	if strings.Contains(sc.prefix, ".") {
		return sc.prefix // a script name keeps its case
	}
	return "/" + sc.caseSlug(sc.prefix[1:])
}

// url is the canonical target (path and query) of r.
func (sc *scheme) url(r ref) string {
	var t string
	switch r.kind {
	case refHome:
		t = "/"
	case refFeed:
		t = sc.feed
	case refSitemap:
		t = "/sitemap.xml"
	default:
		t = sc.item(r)
	}
	if r.n > 1 {
		t = sc.paged(t, r)
	}
	if r.en {
		t = sc.english(t)
	}
	return t
}

func itoa(n int) string { return strconv.Itoa(n) }

func monthSlug(t time.Time) string { return "thang-" + itoa(int(t.Month())) + "-" + itoa(t.Year()) }

// item is the first-page target of a post, page, listing or archive.
func (sc *scheme) item(r ref) string {
	id := itoa(r.id)
	slug := r.slug
	if r.kind == refArchive {
		slug = monthSlug(r.date)
	}
	cs := sc.caseSlug(slug)
	group := r.group
	if r.kind == refCat || r.kind == refHub || r.kind == refArchive {
		group = ""
	}
	switch sc.family {
	case SchemeSlugID:
		return sc.groupPrefix(group) + "/" + cs + sc.sep + id + sc.ext
	case SchemeIDSlug:
		if sc.sep == "-" {
			return sc.groupPrefix(group) + "/" + id + "-" + cs + sc.ext
		}
		return sc.groupPrefix(group) + "/" + id + "/" + cs + sc.ext
	case SchemeSlug:
		return sc.groupPrefix(group) + "/" + cs + sc.ext
	case SchemeDated:
		switch r.kind {
		case refCat:
			return sc.catBase + "/" + slug + "/"
		case refHub:
			return "/" + slug + "/"
		case refArchive:
			return r.date.Format("/2006/01/")
		}
		return r.date.Format("/2006/01/02/") + slug + sc.ext
	case SchemeWPPlain:
		switch r.kind {
		case refCat:
			return "/?cat=" + itoa(r.gid)
		case refHub:
			return "/?page_id=" + id
		case refArchive:
			return "/?m=" + r.date.Format("200601")
		}
		return "/?p=" + id
	case SchemeNVQuery:
		q := sc.script + "?"
		if sc.nvLang {
			q += "language=vi&"
		}
		switch r.kind {
		case refCat:
			return q + "nv=news&op=" + slug
		case refHub:
			return q + "nv=news"
		case refArchive:
			return q + "nv=news&op=archive/" + r.date.Format("01-2006")
		case refPost:
			return q + "nv=news&op=" + group + "/" + slug + "-" + id + ".html"
		}
		return q + "nv=" + group + "&op=" + slug + "-" + id + ".html"
	case SchemeModQuery:
		m, a, i := sc.names[0], sc.names[1], sc.names[2]
		q := sc.script + "?" + m + "="
		switch r.kind {
		case refCat:
			return q + "news&" + a + "=list&" + i + "=" + itoa(r.gid)
		case refHub:
			return q + "news&" + a + "=list"
		case refArchive:
			return q + "news&" + a + "=archive&" + i + "=" + r.date.Format("200601")
		case refPost:
			return q + "news&" + a + "=detail&" + i + "=" + id
		}
		return q + group + "&" + a + "=detail&" + i + "=" + id
	case SchemeJoomlaQuery:
		q := sc.script + "?option=com_content&view="
		itemid := func(k int) string {
			if !sc.itemid {
				return ""
			}
			return "&Itemid=" + itoa(100+k)
		}
		switch r.kind {
		case refCat:
			return q + "category&layout=blog&id=" + itoa(r.gid) + itemid(r.gid)
		case refHub:
			return q + "featured" + itemid(1)
		case refArchive:
			return q + "archive&year=" + itoa(r.date.Year()) + "&month=" + itoa(int(r.date.Month()))
		}
		aid := id
		if sc.jSlug {
			aid += ":" + slug
		}
		return q + "article&id=" + aid + "&catid=" + itoa(r.gid) + itemid(r.gid)
	case SchemeASPXQuery:
		tab, cat, art := sc.names[0], sc.names[1], sc.names[2]
		q := sc.script + "?"
		if tab != "" {
			q += tab + "=" + itoa(50+r.gid%7) + "&"
		}
		switch r.kind {
		case refCat:
			return q + cat + "=" + itoa(r.gid)
		case refHub:
			return strings.TrimSuffix(strings.TrimSuffix(q, "&"), "?")
		case refArchive:
			return q + "month=" + itoa(int(r.date.Month())) + "&year=" + itoa(r.date.Year())
		}
		return q + art + "=" + id + "&" + cat + "=" + itoa(r.gid)
	case SchemeDNN:
		van := ""
		if sc.dnnVan && r.group != "" {
			van = "/" + sc.caseSlug(r.group)
		}
		tab := "/tabid/" + itoa(50+r.gid)
		switch r.kind {
		case refCat:
			return van + tab + "/CatID/" + itoa(r.gid) + "/" + cs + ".aspx"
		case refHub:
			return "/tabid/49/Default.aspx"
		case refArchive:
			return "/tabid/49/Month/" + itoa(int(r.date.Month())) + "/Year/" + itoa(r.date.Year()) + "/Default.aspx"
		}
		return van + tab + "/ArticleId/" + id + "/" + cs + ".aspx"
	case SchemeDrupal:
		switch r.kind {
		case refCat:
			return "/chuyen-muc/" + slug
		case refHub:
			return "/" + slug
		case refArchive:
			return "/archive/" + r.date.Format("200601")
		}
		switch sc.alias {
		case "{group}":
			return "/" + group + "/" + slug
		case "":
			return "/" + slug
		}
		return sc.alias + "/" + slug
	}
	panic("simweb: unknown scheme " + sc.family)
}

// paged is target t of a listing turned to page r.n (> 1).
func (sc *scheme) paged(t string, r ref) string {
	p := sc.pager
	if p.mode == pagerPath {
		suffix := strings.Replace(p.pathFmt, "%d", itoa(r.n), 1)
		if sc.family == SchemeNVQuery {
			if strings.Contains(t, "&op=") {
				return t + suffix
			}
			return t + "&op=" + suffix[1:]
		}
		path, q, _ := strings.Cut(t, "?")
		trail := strings.HasSuffix(path, "/") && path != "/"
		base := strings.TrimSuffix(path, "/")
		ext := ""
		if i := strings.LastIndexByte(base, '.'); i > strings.LastIndexByte(base, '/') {
			base, ext = base[:i], base[i:]
		}
		out := base + suffix + ext
		if trail {
			out += "/"
		}
		if q != "" {
			out += "?" + q
		}
		return out
	}
	v := r.n
	switch {
	case p.offset:
		v = (r.n - 1) * p.per
	case p.zero:
		v = r.n - 1
	}
	if strings.Contains(t, "?") {
		return t + "&" + p.param + "=" + itoa(v)
	}
	return t + "?" + p.param + "=" + itoa(v)
}

// english is the target of the English translation of t.
func (sc *scheme) english(t string) string {
	if !sc.langQ {
		return "/en" + t
	}
	if sc.family == SchemeNVQuery && strings.Contains(t, "language=vi") {
		return strings.Replace(t, "language=vi", "language=en", 1)
	}
	if strings.Contains(t, "?") {
		return t + "&lang=en"
	}
	return t + "?lang=en"
}

// node is the Drupal system path of r ("" when it has none).
func (sc *scheme) node(r ref) string {
	if sc.family != SchemeDrupal {
		return ""
	}
	switch r.kind {
	case refPost, refPage:
		return "/node/" + itoa(r.id)
	case refCat:
		return "/taxonomy/term/" + itoa(r.gid)
	}
	return ""
}

// sessionCookieless is the session "parameter" of ASP.NET cookieless
// sessions: a /(S(…))/ segment at the start of every path.
const sessionCookieless = "(S)"

// stripCookieless removes a leading ASP.NET cookieless session segment.
func stripCookieless(path string) string {
	if !strings.HasPrefix(path, "/(S(") {
		return path
	}
	if i := strings.Index(path, "))"); i > 0 {
		return path[i+2:]
	}
	return path
}

// variant is another spelling of r's target that the server answers with
// the same page ("" when the scheme has none): the Drupal node path, a
// Joomla id with or without its ":slug", the lower-case path on IIS.
func (sc *scheme) variant(r ref) string {
	switch {
	case sc.family == SchemeDrupal:
		return sc.node(r)
	case sc.family == SchemeJoomlaQuery && (r.kind == refPost || r.kind == refPage):
		alt := *sc
		alt.jSlug = !sc.jSlug
		return alt.url(r)
	case sc.ci:
		if l := strings.ToLower(sc.url(r)); l != sc.url(r) {
			return l
		}
	}
	return ""
}

// targetKey is the identity of a request target on a site: path
// (lower-cased where the server ignores case) and query sorted, the
// session parameter dropped.
func (sc *scheme) targetKey(path, rawQuery string) string {
	path = stripCookieless(path)
	if sc.ci {
		path = strings.ToLower(path)
	}
	if rawQuery == "" {
		return path
	}
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return path + "?" + rawQuery
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		if sc.session != "" && strings.EqualFold(k, sc.session) {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(path)
	for i, k := range keys {
		if i == 0 {
			b.WriteByte('?')
		} else {
			b.WriteByte('&')
		}
		kk, vv := k, q.Get(k)
		if sc.ci {
			kk, vv = strings.ToLower(kk), strings.ToLower(vv)
		}
		b.WriteString(kk + "=" + vv)
	}
	return b.String()
}
