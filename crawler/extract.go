package crawler

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/PuerkitoBio/goquery"

	"github.com/andybalholm/cascadia"
	dateparser "github.com/markusmobius/go-dateparser"
	htmldate "github.com/markusmobius/go-htmldate"
	"golang.org/x/net/html"
	"sitewatch/vntext"
)

// Page is what one post page says about itself.
type Page struct {
	URL       string
	Canonical string
	Title     string
	Date      Date
	// Modified is the modification date when the page declares one.
	Modified time.Time
	// IsPost is false for static pages, listings and document pages.
	IsPost bool
	// NotPost says why a page was not taken for a post.
	NotPost         string
	Images          int
	CaptionedImages int
	AltImages       int
	BodyChars       int
	ContentHash     string
	// Article reports structured evidence of an article (og:type, schema.org).
	Article bool
}

// ExtractOptions tune extraction for one unit.
type ExtractOptions struct {
	Location     *time.Location
	Now          time.Time
	DateSelector string
	DateLayout   string
	// Hint is a date known from discovery (a feed's pubDate), used when the page has none.
	Hint Date
	// SkipFallback turns off go-htmldate, which otherwise dates a page on
	// which none of sitewatch's own sources found a date.
	SkipFallback bool
}

// Extract reads a post page (UTF-8 HTML) fetched from pageURL.
func Extract(body []byte, pageURL string, o ExtractOptions) *Page {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	p := &Page{URL: pageURL, Canonical: pageURL}
	if err != nil {
		p.NotPost = "unparseable HTML"
		return p
	}
	return ExtractDoc(doc, pageURL, o)
}

var (
	reFileName   = regexp.MustCompile(`(?i)^[\w\-. ]+\.(jpe?g|png|gif|webp|bmp)$|^(img|image|dsc|hinh|anh)[_\- ]?\d+`)
	reSkipImg    = regexp.MustCompile(`(?i)logo|banner|icon|avatar|gravatar|spacer|pixel|emoji|smiley|advert|quang-?cao|\bads?\b|/ads/|button|btn[_-]|share|zalo|facebook|twitter|print\.|rss|loading\.gif|blank\.gif|counter|flag`)
	reDocPage    = regexp.MustCompile(`(?i)(số\s*ký\s*hiệu|ngày\s*ban\s*hành|trích\s*yếu|cơ\s*quan\s*ban\s*hành|người\s*ký)`)
	reLabelPub   = regexp.MustCompile(`(?i)(ngày\s*đăng|đăng\s*ngày|đăng\s*lúc|ngày\s*xuất\s*bản|xuất\s*bản|thời\s*gian\s*đăng|posted\s*on|published|ngày\s*đưa\s*tin|đăng\s*vào|veröffentlicht|erschienen|publié|publicado|pubblicato)`)
	reLabelUpd   = regexp.MustCompile(`(?i)(cập\s*nhật|chỉnh\s*sửa|sửa\s*đổi|sửa\s*lần|updated|modified|lần\s*cuối|aktualisiert|geändert|mis\s*à\s*jour|actualizado|aggiornato)`)
	reLabelCrt   = regexp.MustCompile(`(?i)(ngày\s*tạo|created)`)
	reArticleTyp = regexp.MustCompile(`(?i)(Article|BlogPosting|NewsArticle|Report)$`)
)

// excludedSel are containers that never hold the post itself: navigation,
// sidebars, related lists, comments.
const excludedSel = `nav, aside, footer, #comments, .comments, .comment, .comment-list, .comments-area, .sidebar, .sidebar-right, #sidebar, .related, .other-news, .tin-khac, .tin-lien-quan, .news-other`

// innerExcludedSel are containers inside an article region whose images and
// dates are not the post's: sharing, related lists, widgets, author boxes.
const innerExcludedSel = excludedSel + `, header#header, .widget, .socialicon, .social, .share, .sharing, .breadcrumb, .breadcrumbs, .module, .moduletable, .mod-articleslatest, .latestnews, .box, .panel-heading, .post-footer, .blog-pager, .item-control, .author-box, .menu, .navbar, .dropdown-menu`

// Compiled once: goquery compiles a selector string on every call.
var (
	mExcluded      = cascadia.MustCompile(excludedSel)
	mInnerExcluded = cascadia.MustCompile(innerExcludedSel)
	// Dates in sidebars named by class, and in embedded social posts, are not the page's.
	mDateExcluded = cascadia.MustCompile(excludedSel + `, .mod-articleslatest, .latestnews, .aside, #aside, blockquote.instagram-media, blockquote.twitter-tweet, blockquote.tiktok-embed, .fb-post`)
	mHidden       = cascadia.MustCompile(`.hidden, .hide, .d-none, .sr-only, .screen-reader-text, [hidden], [aria-hidden=true]`)
	mNearTitle    = cascadia.MustCompile(`.date, .time, .post-date, .news-date, .meta, .meta-detail, .entry-meta, .article-info, .info, .datetime, .ngay, .ngaydang, .publish-date, .post-meta, .date-header, span, dd, p, div, em, small`)
)

// excludedWithin reports whether s sits in an excluded container below root.
func excludedWithin(s *goquery.Selection, root *html.Node) bool {
	for n := s.Get(0); n != nil && n != root; n = n.Parent {
		if n.Type == html.ElementNode && mInnerExcluded.Match(n) {
			return true
		}
	}
	return false
}

// ExtractDoc is Extract on a parsed document.
func ExtractDoc(doc *goquery.Document, pageURL string, o ExtractOptions) *Page {
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	p := &Page{URL: pageURL, Canonical: pageURL}
	base, _ := url.Parse(pageURL)
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok && base != nil {
		if b, err := base.Parse(href); err == nil {
			base = b
		}
	}

	// Canonical URL.
	for _, sel := range []string{`link[rel="canonical"]`, `meta[property="og:url"]`} {
		s := doc.Find(sel).First()
		v, _ := s.Attr("href")
		if v == "" {
			v, _ = s.Attr("content")
		}
		if v = strings.TrimSpace(v); v != "" && base != nil {
			if u, err := base.Parse(v); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
				p.Canonical = u.String()
				break
			}
		}
	}

	ld := jsonLD(doc)
	ogType, _ := doc.Find(`meta[property="og:type"]`).Attr("content")
	p.Article = strings.EqualFold(strings.TrimSpace(ogType), "article") || ld.article ||
		doc.Find(`[itemtype*="schema.org/Article"], [itemtype*="schema.org/NewsArticle"], [itemtype*="schema.org/BlogPosting"]`).Length() > 0

	// Title.
	title := ""
	if v, ok := doc.Find(`meta[property="og:title"]`).Attr("content"); ok {
		title = v
	}
	h1 := titleNode(doc)
	if title == "" && h1 != nil {
		title = h1.Text()
	}
	if title == "" {
		title = doc.Find("title").First().Text()
		for _, sep := range []string{" | ", " - ", " – ", " :: "} {
			if i := strings.LastIndex(title, sep); i > 10 {
				title = title[:i]
				break
			}
		}
	}
	p.Title = strings.Join(strings.Fields(title), " ")

	body := bodyNode(doc)
	region := articleRegion(doc, h1, body)
	if h1 == nil && region != nil {
		// Table layouts: the first short bold or large line of the article is its title.
		region.Find("h2, h3, .title, font b, b, strong").EachWithBreak(func(_ int, s *goquery.Selection) bool {
			t := strings.Join(strings.Fields(s.Text()), " ")
			if n := len([]rune(t)); n >= 10 && n <= 250 && s.Closest("p").Length() == 0 {
				p.Title = t
				return false
			}
			return true
		})
	}

	// Body text and hash (for duplicate detection).
	if body != nil {
		text := strings.Join(strings.Fields(body.Text()), " ")
		p.BodyChars = len([]rune(text))
		if p.BodyChars > 0 {
			h := sha256.Sum256([]byte(strings.ToLower(text)))
			p.ContentHash = hex.EncodeToString(h[:12])
		}
	}

	// Date.
	p.Date, p.Modified = findDate(doc, region, h1, body, ld, o)
	urlDate := pathDate(base, p.Canonical, o)
	if !p.Date.IsZero() && !urlDate.IsZero() {
		p.Date = alignToURLDay(p.Date, urlDate, o.Location)
	}
	if p.Date.IsZero() && !o.Hint.IsZero() {
		p.Date = o.Hint
	}
	if p.Date.IsZero() {
		p.Date = urlDate
	}
	guessed := false
	if p.Date.IsZero() && !o.SkipFallback {
		p.Date = htmldateFallback(doc, pageURL, o)
		guessed = !p.Date.IsZero()
	}

	// Images.
	if region != nil {
		p.Images, p.CaptionedImages, p.AltImages = countImages(region, p.Title)
	}

	// Post or not.
	switch {
	case body == nil && !p.Article:
		p.NotPost = "no article body"
	case reDocPage.MatchString(limitText(region, 4000)) && !p.Article:
		p.NotPost = "document page (số ký hiệu, ngày ban hành)"
	case p.Date.IsZero():
		p.NotPost = "no publication date"
	case guessed && !p.Article:
		// A guessed date dates an article, but does not make a post of a
		// page that does not say it is one (an about page with a date in it).
		p.NotPost = "no publication date of its own (only guessed by go-htmldate)"
	case listingLike(doc, body):
		p.NotPost = "listing page"
	default:
		p.IsPost = true
	}
	return p
}

// normText is the text of n with runs of white space folded to one space
// and trimmed (as strings.Join(strings.Fields(text), " ")), or false when
// that is longer than limit bytes; it stops reading there.
func normText(n *html.Node, limit int) (string, bool) {
	var b strings.Builder
	space := false
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.TextNode {
			for _, r := range n.Data {
				if unicode.IsSpace(r) {
					space = b.Len() > 0
					continue
				}
				if space {
					b.WriteByte(' ')
					space = false
				}
				b.WriteRune(r)
				if b.Len() > limit {
					return false
				}
			}
			return true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	if !walk(n) {
		return "", false
	}
	return b.String(), true
}

// limitText is the first n bytes of the text of s; it stops reading there.
func limitText(s *goquery.Selection, n int) string {
	if s == nil || s.Length() == 0 {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(nd *html.Node) {
		if b.Len() >= n {
			return
		}
		if nd.Type == html.TextNode {
			b.WriteString(nd.Data)
			return
		}
		for c := nd.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, nd := range s.Nodes {
		walk(nd)
	}
	t := b.String()
	if len(t) > n {
		t = t[:n]
	}
	return t
}

// htmldateFallback asks go-htmldate (extensive search, original date) for
// the publication date of a page on which sitewatch found none. It runs on
// the parsed document without changing it; the date is a day in o.Location.
func htmldateFallback(doc *goquery.Document, pageURL string, o ExtractOptions) Date {
	if len(doc.Nodes) == 0 {
		return Date{}
	}
	r, err := htmldate.FromDocument(doc.Nodes[0], htmldate.Options{
		UseOriginalDate:  true,
		URL:              pageURL,
		MaxDate:          o.Now,
		DateParserConfig: &dateparser.Configuration{CurrentTime: o.Now},
	})
	if err != nil || r.IsZero() {
		return Date{}
	}
	y, m, d := r.DateTime.Date()
	t := time.Date(y, m, d, 0, 0, 0, 0, o.Location)
	if !plausible(t, o.Now) {
		return Date{}
	}
	return Date{Time: t, Source: "go-htmldate", Raw: strings.TrimSpace(r.SrcString), DayOnly: true}
}

// pathDate is the day in the page's URL path, or in its canonical URL's
// path when the page's own has none (/2026/11/25/slug).
func pathDate(base *url.URL, canonical string, o ExtractOptions) Date {
	paths := []string{}
	if base != nil {
		paths = append(paths, base.Path)
	}
	if u, err := url.Parse(canonical); err == nil && (base == nil || u.Path != base.Path) {
		paths = append(paths, u.Path)
	}
	for _, p := range paths {
		if t, dayKnown, ok := URLDate(p, o.Location); ok && dayKnown && plausible(t, o.Now) {
			return Date{Time: t, Source: "URL path", Raw: p, DayOnly: true}
		}
	}
	return Date{}
}

var reUTCStamp = regexp.MustCompile(`(?i)(?:\dZ|[+-]00:?00|\b(?:GMT|UTC))$`)

// alignToURLDay takes the URL's day for a UTC timestamp that falls on the
// day before or after it in loc: CMSs put the local day of publication in
// permalinks and often write the time in UTC, which crosses midnight.
func alignToURLDay(d, u Date, loc *time.Location) Date {
	if !reUTCStamp.MatchString(d.Raw) {
		return d
	}
	y, m, dd := d.Time.In(loc).Date()
	day := time.Date(y, m, dd, 0, 0, 0, 0, loc)
	if diff := day.Sub(u.Time); diff != 24*time.Hour && diff != -24*time.Hour {
		return d
	}
	return Date{Time: u.Time, Source: d.Source + ", day of URL path", Raw: d.Raw + " " + u.Raw, DayOnly: true}
}

// titleNode finds the post's title heading.
func titleNode(doc *goquery.Document) *goquery.Selection {
	for _, sel := range []string{`[itemprop="headline"]`, `h1.entry-title`, `h1.title-detail`, `.page-header h1`, `h3.post-title`, `h2.post-title`, `.post-title`, `h1`} {
		s := doc.Find(sel).FilterFunction(func(_ int, s *goquery.Selection) bool {
			return s.ClosestMatcher(mExcluded).Length() == 0 && strings.TrimSpace(s.Text()) != ""
		}).First()
		if s.Length() > 0 {
			return s
		}
	}
	return nil
}

var bodySelectors = []string{
	`[itemprop~="articleBody"]`, `#news-bodyhtml`, `.entry-content`, `.post-body`, `.article-content`, `.com-content-article__body`,
	`.content-detail`, `.detail-content`, `.news-content`, `.noi-dung`, `.noidung`, `.post-content`, `.article-body`, `.bodytext`, `#content-detail`, `.chi-tiet`, `.ndtin`,
}

// selectorList is a priority list of selectors compiled once, with their
// union for a single pass over the document.
type selectorList struct {
	names []string
	sels  []cascadia.Selector
	union cascadia.Selector
}

func compileList(names ...string) selectorList {
	l := selectorList{names: names, union: cascadia.MustCompile(strings.Join(names, ", "))}
	for _, n := range names {
		l.sels = append(l.sels, cascadia.MustCompile(n))
	}
	return l
}

// firstMatches returns, for each selector of l, the first element below
// root in document order that matches it and that keep accepts (nil when none).
func firstMatches(root *goquery.Selection, l selectorList, keep func(*html.Node) bool) []*html.Node {
	out := make([]*html.Node, len(l.sels))
	left := len(l.sels)
	for _, n := range root.FindMatcher(l.union).Nodes {
		for i, sel := range l.sels {
			if out[i] == nil && sel.Match(n) && keep(n) {
				out[i] = n
				left--
			}
		}
		if left == 0 {
			break
		}
	}
	return out
}

var (
	bodySels    = compileList(bodySelectors...)
	cmsTimeSels = compileList(`time.published[datetime]`, `time.entry-date[datetime]`, `abbr.published[title]`, `.published time[datetime]`, `time[pubdate][datetime]`, `.post-timestamp abbr[title]`)
	mP          = cascadia.MustCompile("p")
)

// bodyNode finds the post's main text.
func bodyNode(doc *goquery.Document) *goquery.Selection {
	notExcluded := func(n *html.Node) bool {
		return goquery.NewDocumentFromNode(n).Selection.ClosestMatcher(mExcluded).Length() == 0
	}
	for _, n := range firstMatches(doc.Selection, bodySels, notExcluded) {
		if n != nil {
			return doc.FindNodes(n)
		}
	}
	// Fallback: the element holding the most paragraph text.
	var best *goquery.Selection
	bestN := 0
	seen := map[*html.Node]bool{}
	doc.FindMatcher(mP).Each(func(_ int, p *goquery.Selection) {
		if p.ClosestMatcher(mExcluded).Length() > 0 {
			return
		}
		parent := p.Parent()
		if pn := parent.Get(0); pn == nil || seen[pn] {
			return
		} else {
			seen[pn] = true
		}
		n := 0
		parent.ChildrenMatcher(mP).Each(func(_ int, c *goquery.Selection) { n += len(strings.TrimSpace(c.Text())) })
		if n > bestN {
			bestN, best = n, parent
		}
	})
	if bestN < 150 {
		return nil
	}
	return best
}

// articleRegion is the smallest element holding both title and body (it
// includes the featured image), or the body alone.
func articleRegion(doc *goquery.Document, h1, body *goquery.Selection) *goquery.Selection {
	if body == nil {
		return nil
	}
	if a := body.Closest("article"); a.Length() > 0 && a.ClosestMatcher(mExcluded).Length() == 0 {
		return a
	}
	if h1 == nil {
		return body
	}
	for anc := body.Parent(); anc.Length() > 0 && !anc.Is("body, html"); anc = anc.Parent() {
		if anc.Has(h1.Get(0).Data).Length() >= 0 && containsNode(anc, h1.Get(0)) {
			// Too large when it holds sidebars: fall back to the body.
			if anc.Find(".sidebar, aside, .sidebar-right, #sidebar").Length() > 0 {
				return body
			}
			return anc
		}
	}
	return body
}

func containsNode(s *goquery.Selection, n *html.Node) bool {
	root := s.Get(0)
	for c := n; c != nil; c = c.Parent {
		if c == root {
			return true
		}
	}
	return false
}

type ldInfo struct {
	published, modified, created string
	article                      bool
}

// jsonLD reads datePublished/dateModified from JSON-LD blocks (graphs included).
func jsonLD(doc *goquery.Document) ldInfo {
	var info ldInfo
	doc.Find(`script[type="application/ld+json"]`).Each(func(_ int, s *goquery.Selection) {
		var v any
		if json.Unmarshal([]byte(s.Text()), &v) != nil {
			return
		}
		var walk func(v any, depth int)
		walk = func(v any, depth int) {
			if depth > 6 {
				return
			}
			switch x := v.(type) {
			case []any:
				for _, e := range x {
					walk(e, depth+1)
				}
			case map[string]any:
				typ := ""
				switch t := x["@type"].(type) {
				case string:
					typ = t
				case []any:
					for _, e := range t {
						if s, ok := e.(string); ok && reArticleTyp.MatchString(s) {
							typ = s
						}
					}
				}
				isArt := reArticleTyp.MatchString(typ)
				if isArt {
					info.article = true
				}
				if dp, ok := x["datePublished"].(string); ok && (info.published == "" || isArt) {
					info.published = dp
				}
				if dm, ok := x["dateModified"].(string); ok && (info.modified == "" || isArt) {
					info.modified = dm
				}
				for _, k := range []string{"dateCreated", "uploadDate"} {
					if dc, ok := x[k].(string); ok && (info.created == "" || isArt) {
						info.created = dc
					}
				}
				for k, e := range x {
					if k == "@graph" || k == "mainEntity" || k == "mainEntityOfPage" {
						walk(e, depth+1)
					}
				}
			}
		}
		walk(v, 0)
	})
	return info
}

type metaDate struct{ key, value string }

// metaGeneric are the meta names of metaPublished that say "date" without
// saying which: they rank below article-specific ones and JSON-LD.
var metaGeneric = map[string]bool{
	"date": true, "dc.date": true, "dc:date": true, "dc.date.issued": true, "dc.date.created": true, "dcterms.date": true,
	"dcterms.issued": true, "dcterms.created": true, "citation_date": true, "creation_date": true,
}

// metaPublished are the names, properties and itemprops of meta elements
// that carry the publication date (lower case); metaModified those that
// carry the modification date (og:updated_time is one).
var (
	metaPublished = map[string]bool{
		"article:published_time": true, "og:article:published_time": true, "og:published_time": true, "article:published": true,
		"article.published": true, "published_time": true, "published-date": true, "published_date": true, "publishdate": true,
		"publish-date": true, "publish_date": true, "pubdate": true, "pub_date": true, "date": true, "dc.date": true, "dc:date": true,
		"dc.date.issued": true, "dc.date.created": true, "dcterms.date": true, "dcterms.issued": true, "dcterms.created": true,
		"datepublished": true, "parsely-pub-date": true, "sailthru.date": true, "citation_publication_date": true,
		"citation_date": true, "citation_online_date": true, "publication_date": true, "publicationdate": true,
		"originalpublicationdate": true, "article_date_original": true, "release_date": true, "creation_date": true,
	}
	metaModified = map[string]bool{
		"article:modified_time": true, "og:updated_time": true, "article:modified": true, "last-modified": true,
		"dc.date.modified": true, "dcterms.modified": true, "datemodified": true, "modified": true, "revised": true,
	}
)

// metaDates returns the publication and modification dates of the meta
// elements in document order.
func metaDates(doc *goquery.Document) (pub, mod []metaDate) {
	doc.Find("meta[content]").Each(func(_ int, s *goquery.Selection) {
		n := s.Get(0)
		key, content := "", ""
		for _, a := range n.Attr {
			switch strings.ToLower(a.Key) {
			case "name", "property", "itemprop", "http-equiv":
				if key == "" {
					key = strings.ToLower(strings.TrimSpace(a.Val))
				}
			case "content":
				content = strings.TrimSpace(a.Val)
			}
		}
		if content == "" || key == "" {
			return
		}
		switch {
		case metaPublished[key]:
			pub = append(pub, metaDate{key, content})
		case metaModified[key]:
			mod = append(mod, metaDate{key, content})
		}
	})
	return pub, mod
}

var reISOStart = regexp.MustCompile(`^\d{4}-\d`)

// structuredDate reads the publication date from structured data, by tiers:
// article-specific meta elements, JSON-LD datePublished and itemprop
// datePublished first; generic meta dates (date, dc.date …) next; JSON-LD
// dateCreated, then CMS time elements. A UTC timestamp gives way to the
// same instant written with the site's offset elsewhere in the page, which
// carries the local day. It also returns the modification date of meta elements.
func structuredDate(doc *goquery.Document, ld ldInfo, machine func(raw, source string) (Date, bool), notInComments func(*goquery.Selection) bool, o ExtractOptions) (Date, time.Time) {
	var modified time.Time
	metaPub, metaMod := metaDates(doc)
	for _, m := range metaMod {
		if t, ok := ParseMachineDate(m.value, o.Location); ok {
			modified = t
			break
		}
	}
	var all []Date
	metaDate := func(generic bool) Date {
		for _, m := range metaPub {
			if metaGeneric[m.key] != generic {
				continue
			}
			if d, ok := machine(m.value, "meta "+m.key); ok {
				return d
			}
			// Written for people ("Di., 25.01.2022 - 14:45"), never a broken ISO value.
			if len(m.value) <= 40 && !reISOStart.MatchString(m.value) {
				if t, raw, ok := ParseTextDate(m.value, o.Location, o.Now); ok && plausible(t, o.Now) {
					return Date{Time: t, Source: "meta " + m.key, Raw: raw, DayOnly: !reTime.MatchString(raw)}
				}
			}
		}
		return Date{}
	}
	itemprop := func() Date {
		var found Date
		doc.Find(`[itemprop="datePublished"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			if s.Closest(`#comments, .comments, .comment, .comment-list, .comments-area, .related, .sidebar, #sidebar`).Length() > 0 {
				return true
			}
			for _, attr := range []string{"content", "datetime", "title"} {
				if v, ok := s.Attr(attr); ok {
					if d, ok := machine(v, "itemprop datePublished"); ok {
						found = d
						return false
					}
				}
			}
			if d, ok := machine(s.Text(), "itemprop datePublished"); ok {
				found = d
				return false
			}
			return true
		})
		return found
	}
	timeElem := func() Date {
		firsts := firstMatches(doc.Selection, cmsTimeSels, func(n *html.Node) bool { return notInComments(goquery.NewDocumentFromNode(n).Selection) })
		for i, n := range firsts {
			if n == nil {
				continue
			}
			sel := cmsTimeSels.names[i]
			s := goquery.NewDocumentFromNode(n).Selection
			v, _ := s.Attr("datetime")
			if v == "" {
				v, _ = s.Attr("title")
			}
			if d, ok := machine(v, sel); ok {
				return d
			}
		}
		return Date{}
	}
	ldDate := func(raw, src string) Date {
		d, _ := machine(raw, src)
		return d
	}
	for _, get := range []func() Date{
		func() Date { return metaDate(false) },
		func() Date { return ldDate(ld.published, "json-ld datePublished") },
		itemprop,
		func() Date { return metaDate(true) },
		func() Date { return ldDate(ld.created, "json-ld dateCreated") },
		timeElem,
	} {
		if d := get(); !d.IsZero() {
			all = append(all, d)
			if len(all) == 1 && !reUTCStamp.MatchString(d.Raw) {
				return d, modified
			}
		}
	}
	if len(all) == 0 {
		return Date{}, modified
	}
	best := all[0]
	for _, d := range all[1:] {
		if diff := d.Time.Sub(best.Time); diff < 2*time.Minute && diff > -2*time.Minute && !reUTCStamp.MatchString(d.Raw) {
			return Date{Time: d.Time, Source: best.Source + ", offset of " + d.Source, Raw: d.Raw, DayOnly: d.DayOnly}, modified
		}
	}
	return best, modified
}

type cand struct {
	d   Date
	pri int
}

// findDate returns the publication date by the best source available:
// structured data first, then CMS date elements, labelled Vietnamese text
// dates near the title, unlabelled ones, and relative dates.
func findDate(doc *goquery.Document, region, h1, body *goquery.Selection, ld ldInfo, o ExtractOptions) (Date, time.Time) {
	loc, now := o.Location, o.Now
	var modified time.Time
	machine := func(raw, source string) (Date, bool) {
		t, ok := ParseMachineDate(raw, loc)
		if !ok || !plausible(t, now) {
			return Date{}, false
		}
		return Date{Time: t, Source: source, Raw: strings.TrimSpace(raw), DayOnly: len(strings.TrimSpace(raw)) == 10}, true
	}
	notInComments := func(s *goquery.Selection) bool {
		return s.ClosestMatcher(mDateExcluded).Length() == 0
	}

	// 0. Per-unit hint.
	if o.DateSelector != "" {
		s := doc.Find(o.DateSelector).First()
		raw := strings.TrimSpace(s.Text())
		if v, ok := s.Attr("datetime"); ok {
			raw = v
		} else if v, ok := s.Attr("content"); ok {
			raw = v
		}
		if o.DateLayout != "" {
			if t, err := time.ParseInLocation(o.DateLayout, raw, loc); err == nil && plausible(t, now) {
				return Date{Time: t, Source: "hint selector " + o.DateSelector, Raw: raw}, modified
			}
		} else if d, ok := machine(raw, "hint selector "+o.DateSelector); ok {
			return d, modified
		} else if t, r, ok := ParseTextDate(raw, loc, now); ok && plausible(t, now) {
			return Date{Time: t, Source: "hint selector " + o.DateSelector, Raw: r}, modified
		}
	}

	// 1. Structured data.
	if ld.modified != "" {
		if t, ok := ParseMachineDate(ld.modified, loc); ok {
			modified = t
		}
	}
	if d, mod := structuredDate(doc, ld, machine, notInComments, o); !d.IsZero() || !mod.IsZero() {
		if modified.IsZero() {
			modified = mod
		}
		if !d.IsZero() {
			return d, modified
		}
	}

	// 2. Dates shown near the title: labelled publication dates win over
	// unlabelled ones; update and creation dates are last resorts.
	var cands []cand
	add := func(text, where string, base int) {
		text = strings.Join(strings.Fields(text), " ")
		if text == "" || len(text) > 400 {
			return
		}
		t, raw, ok := ParseTextDate(text, loc, now)
		if !ok || !plausible(t, now) {
			return
		}
		pri := base
		label := ""
		idx := strings.Index(text, raw)
		prefix := text
		if idx > 0 {
			prefix = text[max(0, idx-40):idx]
		} else if idx == 0 {
			prefix = ""
		}
		switch {
		case reLabelPub.MatchString(prefix):
			pri += 30
			label = reLabelPub.FindString(prefix)
		case reLabelUpd.MatchString(prefix):
			pri -= 40
			label = reLabelUpd.FindString(prefix)
		case reLabelCrt.MatchString(prefix):
			pri -= 5
			label = reLabelCrt.FindString(prefix)
		}
		// A time element's machine value is more precise than its text.
		src := where
		if label != "" {
			src = where + " '" + label + "'"
		}
		cands = append(cands, cand{Date{Time: t, Source: src, Raw: raw, DayOnly: !reTime.MatchString(raw)}, pri})
	}
	if region != nil {
		// <time datetime> in the article, outside comments.
		region.Find("time[datetime]").Each(func(_ int, s *goquery.Selection) {
			if !notInComments(s) {
				return
			}
			v, _ := s.Attr("datetime")
			d, ok := machine(v, "<time datetime>")
			if !ok {
				return
			}
			pri := 60
			txt := s.Parent().Text()
			switch {
			case reLabelUpd.MatchString(txt) || s.Is(".updated") && !s.Is(".published"):
				pri = 10
			case reLabelCrt.MatchString(txt) || s.Closest(".create").Length() > 0:
				pri = 45
			case reLabelPub.MatchString(txt) || s.Closest(".published").Length() > 0:
				pri = 80
			}
			cands = append(cands, cand{d, pri})
		})
	}
	// Elements carrying a date near the title (siblings and meta blocks before the body).
	if h1 != nil {
		scope := h1.Parent()
		for i := 0; i < 3 && scope.Length() > 0 && !scope.Is("html"); i++ {
			scope.FindMatcher(mNearTitle).EachWithBreak(func(_ int, s *goquery.Selection) bool {
				if s.Children().Length() > 6 || (body != nil && containsNode(body, s.Get(0))) || !notInComments(s) {
					return true
				}
				if t, ok := normText(s.Get(0), 400); ok {
					add(t, "text near title", 50)
				}
				return len(cands) < 40
			})
			if len(cands) > 0 || scope.Is("body") {
				break
			}
			scope = scope.Parent()
		}
	}
	// Labelled dates anywhere in the article region (e.g. "Ngày đăng:" at the bottom).
	if region != nil && len(cands) == 0 {
		region.Find("span, p, div, em, i, small, td, li").EachWithBreak(func(_ int, s *goquery.Selection) bool {
			if s.Children().Length() > 4 || !notInComments(s) {
				return true
			}
			if t, ok := normText(s.Get(0), 400); ok && reLabelPub.MatchString(t) {
				add(t, "text in article", 40)
			}
			return len(cands) < 20
		})
	}
	// No title heading (table layouts): the first short dated line at the top of the article.
	if len(cands) == 0 && region != nil && h1 != nil && o.Hint.IsZero() {
		// With a title heading, time elements and date classes come before
		// any dated line of the article.
		if d := looseDate(doc, h1, o); !d.IsZero() {
			return d, modified
		}
	}
	if len(cands) == 0 && region != nil {
		region.Find("font, i, em, span, small, div, p, td, b, strong, h2, h3, h4").EachWithBreak(func(_ int, s *goquery.Selection) bool {
			if !notInComments(s) || s.Find("p, div, td, table").Length() > 0 {
				return true
			}
			t := strings.TrimSpace(s.Text())
			if t == "" || len([]rune(t)) > 120 {
				return true
			}
			add(t, "text at top of article", 45)
			return len(cands) == 0
		})
	}
	if len(cands) > 0 {
		best := cands[0]
		for _, c := range cands[1:] {
			if c.pri > best.pri {
				best = c
			}
		}
		if best.pri >= 20 || o.Hint.IsZero() {
			return best.d, modified
		}
	}
	if o.Hint.IsZero() {
		return looseDate(doc, h1, o), modified
	}
	return Date{}, modified
}

var (
	// reLooseSkip are class or id words of containers whose dates are not the page's.
	reLooseSkip = regexp.MustCompile(`(?i)(?:^|\s|[-_])(?:comments?|sidebar|related|widgets?|footer|menu|navbar|breadcrumbs?|teasers?|recommend\w*|share|sharing|popular|newsletter|cookies?|tin-?khac|tin-?lien-?quan|other-?news)(?:$|\s|[-_])`)
	// reDateAttr are class or id words of elements that show a date.
	reDateAttr = regexp.MustCompile(`(?i)date|datum|time|zeit|publi|posted|byline|dateline|stamp|fecha|meta|info|submitted|ngay`)
	reLooseUpd = regexp.MustCompile(`(?i)(cập\s*nhật|updated|modified|aktualisiert|geändert|zuletzt|mis à jour|actualizado|last edited)\W*$`)
)

// looseDate looks wider when no date was found near the title: time
// elements and elements whose class or id names a date, anywhere outside
// navigation, sidebars, footers and comments, then the title heading and
// the document title. The first date after the title heading wins, then
// the first before it; a date labelled as an update only when nothing else.
func looseDate(doc *goquery.Document, h1 *goquery.Selection, o ExtractOptions) Date {
	var h1Node *html.Node
	if h1 != nil {
		h1Node = h1.Get(0)
	}
	var before, after, upd Date
	seenH1 := h1Node == nil
	h1Anc := map[*html.Node]bool{}
	for n := h1Node; n != nil; n = n.Parent {
		h1Anc[n] = true
	}
	consider := func(d Date, prefix string) bool {
		switch {
		case reLooseUpd.MatchString(prefix):
			if upd.IsZero() {
				upd = d
			}
		case seenH1:
			after = d
			return true
		case before.IsZero():
			before = d
		}
		return false
	}
	inArticle := false
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c == h1Node {
				seenH1 = true
			}
			switch c.Data {
			case "nav", "footer", "script", "style", "noscript", "template", "select", "svg", "iframe", "form":
				continue
			case "aside":
				// An aside in an article often holds its byline; elsewhere it is a sidebar.
				if !inArticle {
					continue
				}
			}
			var cls string
			var dt string
			for _, a := range c.Attr {
				switch a.Key {
				case "class", "id":
					cls += " " + a.Val
				case "datetime":
					dt = a.Val
				}
			}
			if cls != "" && c.Data != "body" && c.Data != "main" && !h1Anc[c] && reLooseSkip.MatchString(cls) {
				continue
			}
			if c.Data == "time" || (cls != "" && reDateAttr.MatchString(cls)) {
				if d, prefix, ok := elementDate(c, dt, o); ok {
					if consider(d, prefix) {
						return true
					}
					continue
				}
			}
			was := inArticle
			inArticle = inArticle || c.Data == "article"
			stop := walk(c)
			inArticle = was
			if stop {
				return true
			}
		}
		return false
	}
	walk(doc.Get(0))
	switch {
	case !after.IsZero():
		return after
	case !before.IsZero():
		return before
	}
	for _, s := range []*goquery.Selection{h1, doc.Find("title").First()} {
		if s == nil || s.Length() == 0 {
			continue
		}
		t := strings.Join(strings.Fields(s.Text()), " ")
		if len(t) > 300 {
			continue
		}
		if tt, raw, ok := ParseTextDate(t, o.Location, o.Now); ok && plausible(tt, o.Now) {
			return Date{Time: tt, Source: "text of <" + goquery.NodeName(s) + ">", Raw: raw, DayOnly: !reTime.MatchString(raw)}
		}
	}
	return upd
}

// elementDate reads the date of a time element or of an element whose class
// names a date: its datetime attribute, else its short text. prefix is the
// text before the date (for labels).
func elementDate(n *html.Node, datetime string, o ExtractOptions) (Date, string, bool) {
	if datetime != "" {
		if t, ok := ParseMachineDate(datetime, o.Location); ok && plausible(t, o.Now) {
			return Date{Time: t, Source: "<" + n.Data + " datetime>", Raw: strings.TrimSpace(datetime), DayOnly: len(strings.TrimSpace(datetime)) == 10}, "", true
		}
	}
	var b strings.Builder
	var text func(*html.Node)
	text = func(n *html.Node) {
		for c := n.FirstChild; c != nil && b.Len() <= 200; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
				b.WriteByte(' ')
			case c.Type == html.ElementNode && c.Data != "script" && c.Data != "style":
				text(c)
			}
		}
	}
	text(n)
	if b.Len() > 200 {
		return Date{}, "", false
	}
	t := strings.Join(strings.Fields(b.String()), " ")
	tt, raw, ok := ParseTextDate(t, o.Location, o.Now)
	if !ok || !plausible(tt, o.Now) {
		return Date{}, "", false
	}
	prefix := t
	if i := strings.Index(t, raw); i >= 0 {
		prefix = t[:i]
	}
	return Date{Time: tt, Source: "text of <" + n.Data + "> with a date class", Raw: raw, DayOnly: !reTime.MatchString(raw)}, prefix, true
}

// countImages counts content images in region, captioned ones and images
// with only an alt text. Logos, icons, emoji, banners, hidden images and
// duplicates are not counted.
func countImages(region *goquery.Selection, title string) (images, captioned, altOnly int) {
	seen := map[string]bool{}
	root := region.Get(0)
	region.Find("img").Each(func(_ int, img *goquery.Selection) {
		if excludedWithin(img, root) {
			return
		}
		src := imgSrc(img)
		if src == "" || strings.HasPrefix(src, "data:") {
			return
		}
		if hidden(img) {
			return
		}
		cls, _ := img.Attr("class")
		id, _ := img.Attr("id")
		alt, _ := img.Attr("alt")
		if reSkipImg.MatchString(src) || reSkipImg.MatchString(cls) || reSkipImg.MatchString(id) {
			return
		}
		if small(img) {
			return
		}
		key := normImg(src)
		if seen[key] {
			return
		}
		seen[key] = true
		images++
		if hasCaption(img) {
			captioned++
			return
		}
		alt = strings.TrimSpace(alt)
		// An alt that repeats the post title describes nothing.
		if alt != "" && !reFileName.MatchString(alt) && (title == "" || vntext.Fold(alt) != vntext.Fold(title)) {
			altOnly++
		}
	})
	return
}

func imgSrc(img *goquery.Selection) string {
	for _, a := range []string{"data-src", "data-original", "data-lazy-src", "src"} {
		if v, ok := img.Attr(a); ok && strings.TrimSpace(v) != "" && !strings.HasPrefix(v, "data:") {
			return strings.TrimSpace(v)
		}
	}
	v, _ := img.Attr("src")
	return v
}

var reSizeSuffix = regexp.MustCompile(`-\d{2,4}x\d{2,4}(\.\w+)$`)

func normImg(src string) string {
	if u, err := url.Parse(src); err == nil {
		src = u.Path
	}
	return reSizeSuffix.ReplaceAllString(src, "$1")
}

func hidden(s *goquery.Selection) bool {
	for n := s; n.Length() > 0 && !n.Is("body"); n = n.Parent() {
		st, _ := n.Attr("style")
		st = strings.ReplaceAll(strings.ToLower(st), " ", "")
		if strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") {
			return true
		}
		if n.IsMatcher(mHidden) {
			return true
		}
	}
	return false
}

func small(img *goquery.Selection) bool {
	for _, a := range []string{"width", "height"} {
		if v, ok := img.Attr(a); ok {
			v = strings.TrimSuffix(strings.TrimSpace(v), "px")
			if n, err := strconv.Atoi(v); err == nil && n > 0 && n <= 64 {
				return true
			}
		}
	}
	return false
}

var captionClass = `figcaption, .wp-caption-text, .tr-caption, .image_desc, .image-caption, .img-caption, .caption, .avatar-caption, .photo-caption, .desc, .PhotoCMS_Caption, .expNoEdit`

// hasCaption reports whether img has a visible caption: a figcaption or a
// caption cell/element of its container, or a short caption line right under it.
func hasCaption(img *goquery.Selection) bool {
	if fig := img.Closest("figure"); fig.Length() > 0 {
		// The nearest figure only (galleries nest figures).
		if c := fig.ChildrenFiltered("figcaption"); c.Length() > 0 && strings.TrimSpace(c.Text()) != "" {
			return true
		}
	}
	if wc := img.Closest(".wp-caption"); wc.Length() > 0 && strings.TrimSpace(wc.Find(".wp-caption-text").Text()) != "" {
		return true
	}
	if tb := img.Closest("table"); tb.Length() > 0 && tb.Find("img").Length() == 1 {
		cap := strings.TrimSpace(tb.Find(".tr-caption, .image_desc, .caption, .desc, figcaption").Text())
		if cap != "" {
			return true
		}
		// A second row holding text only.
		rows := tb.Find("tr")
		if rows.Length() >= 2 && rows.Last().Find("img").Length() == 0 && visibleText(rows.Last()) != "" {
			return true
		}
	}
	// Text after the image inside the same block: <p><img><br><em>caption</em></p>.
	block := img
	for block.Parent().Length() > 0 && block.Parent().Is("a, span, strong, b, center, picture") {
		block = block.Parent()
	}
	after := ""
	for n := block.Get(0).NextSibling; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode && n.Data == "img" {
			break
		}
		after += nodeText(n)
	}
	if t := strings.TrimSpace(after); t != "" && len(t) < 300 && captionish(block.Parent(), block.Get(0)) {
		return true
	}
	// The next block right under the image's block.
	container := block
	for container.Parent().Length() > 0 && container.Parent().Is("p, div, center, a, span") && container.Parent().Find("img").Length() == 1 &&
		strings.TrimSpace(container.Parent().Text()) == strings.TrimSpace(container.Text()) {
		container = container.Parent()
	}
	next := container.Next()
	if next.Length() == 0 {
		return false
	}
	if next.Find("img").Length() > 0 {
		return false
	}
	t := visibleText(next)
	if t == "" || len([]rune(t)) > 250 {
		return false
	}
	if next.Is(captionClass) || next.Find(captionClass).Length() > 0 {
		return true
	}
	// Wholly italic, or a short centred line.
	it := strings.TrimSpace(next.Find("em, i").Text())
	if next.Is("em, i") || (it != "" && len(it) >= len(t)-2) {
		return true
	}
	st, _ := next.Attr("style")
	if (strings.Contains(strings.ReplaceAll(st, " ", ""), "text-align:center") || next.Is(".center, .text-center, [align=center]")) && len([]rune(t)) < 160 {
		return true
	}
	return false
}

// captionish reports whether the text after n inside parent is styled as a caption (italic or small).
func captionish(parent *goquery.Selection, n *html.Node) bool {
	found := false
	for c := n.NextSibling; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "em" || c.Data == "i" || c.Data == "small" || c.Data == "figcaption") {
			found = true
		}
		if c.Type == html.ElementNode && c.Data == "span" {
			for _, a := range c.Attr {
				if a.Key == "class" && strings.Contains(a.Val, "caption") {
					found = true
				}
			}
		}
	}
	return found
}

func nodeText(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(nodeText(c))
	}
	return b.String()
}

func visibleText(s *goquery.Selection) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if r == '\u00a0' {
			return ' '
		}
		return r
	}, s.Text()))
}

// listingLike reports a page that lists many dated links and has no article body of its own.
func listingLike(doc *goquery.Document, body *goquery.Selection) bool {
	if body == nil {
		return true
	}
	n := 0
	body.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		if len([]rune(strings.TrimSpace(a.Text()))) > 25 {
			n++
		}
	})
	return n >= 8 && body.Find("p").Length() < 3
}
