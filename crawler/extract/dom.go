package extract

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

var (
	reFileName = regexp.MustCompile(`(?i)^[\w\-. ]+\.(jpe?g|png|gif|webp|bmp)$|^(img|image|dsc|hinh|anh)[_\- ]?\d+`)
	// reSkipImg are the words of non-content images' names and classes.
	reSkipImg    = wordOrGated{gate(regexp.MustCompile(`(?i)logo|banner|icon|avatar|gravatar|spacer|pixel|emoji|smiley|advert|quang-?cao|/ads/|button|btn[_-]|share|zalo|facebook|twitter|print\.|rss|loading\.gif|blank\.gif|counter|flag`)), "ad"}
	reDocPage    = gate(regexp.MustCompile(`(?i)(số\s*ký\s*hiệu|ngày\s*ban\s*hành|trích\s*yếu|cơ\s*quan\s*ban\s*hành|người\s*ký)`))
	reLabelPub   = gate(regexp.MustCompile(`(?i)(ngày\s*đăng|đăng\s*ngày|đăng\s*lúc|ngày\s*xuất\s*bản|xuất\s*bản|thời\s*gian\s*đăng|posted\s*on|published|ngày\s*đưa\s*tin|đăng\s*vào|veröffentlicht|erschienen|publié|publicado|pubblicato)`))
	reLabelUpd   = gate(regexp.MustCompile(`(?i)(cập\s*nhật|chỉnh\s*sửa|sửa\s*đổi|sửa\s*lần|updated|modified|lần\s*cuối|aktualisiert|geändert|mis\s*à\s*jour|actualizado|aggiornato)`))
	reLabelCrt   = gate(regexp.MustCompile(`(?i)(ngày\s*tạo|created)`))
	reArticleTyp = regexp.MustCompile(`(?i)(Article|BlogPosting|NewsArticle|Report)$`)
)

// excludedSel are containers that never hold the post itself: navigation,
// sidebars, related lists, comments.
// A column the theme names "sidebar" inside the page's article that holds
// the article's heading is the article's own (its header and byline
// beside the text).
const excludedSel = excludedHead + sidebarSel + excludedTail

// excludedHead and excludedTail are the containers of excludedSel around
// its sidebars, which the dates read differently (dateExcludedSel).
const (
	excludedHead = `nav, aside, footer, #comments, .comments, .comment, .comment-list, .comments-area, `
	excludedTail = `, .sidebar-right, .related, .other-news, .tin-khac, .tin-lien-quan, .news-other`
)

const sidebarSel = `.sidebar:not(article .sidebar:has(h1)), #sidebar:not(article #sidebar:has(h1))`

// dateSidebarSel are the sidebars whose dates are not the page's: a
// sidebar inside the page's article beside its text holds the article's
// date (its header column), though its images may be the site's.
const dateSidebarSel = `.sidebar:not(article .sidebar), #sidebar:not(article #sidebar)`

// dateExcludedSel is excludedSel with dateSidebarSel for its sidebars.
const dateExcludedSel = excludedHead + dateSidebarSel + excludedTail

// innerExcludedSel are containers inside an article region whose images and
// dates are not the post's: sharing, related lists, widgets, author boxes.
const innerExcludedSel = excludedSel + `, header#header, .widget, .socialicon, .social, .share, .sharing, .breadcrumb, .breadcrumbs, .module, .moduletable, .mod-articleslatest, .latestnews, .box, .panel-heading, .post-footer, .blog-pager, .item-control, .author-box, .menu, .navbar, .dropdown-menu`

// Compiled once: goquery compiles a selector string on every call.
var (
	mExcluded      = compileGroup(excludedSel)
	mInnerExcluded = compileGroup(innerExcludedSel)
	// Dates in sidebars named by class, and in embedded social posts, are not the page's.
	mDateExcluded = compileGroup(dateExcludedSel + `, .mod-articleslatest, .latestnews, .aside, #aside, blockquote.instagram-media, blockquote.twitter-tweet, blockquote.tiktok-embed, .fb-post`)
	mHidden       = compileGroup(`.hidden, .hide, .d-none, .sr-only, .screen-reader-text, [hidden], [aria-hidden=true]`)
	mH1           = compileGroup(`h1`)
	mNearTitle    = compileGroup(`.date, .time, .post-date, .news-date, .meta, .meta-detail, .entry-meta, .article-info, .info, .datetime, .ngay, .ngaydang, .publish-date, .post-meta, .date-header, span, dd, p, div, em, small`)
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

// normText is the text of n with runs of white space folded to one space
// and trimmed (as strings.Join(strings.Fields(text), " ")), or false when
// that is longer than limit bytes; it stops reading there.
func normText(n *html.Node, limit int) (string, bool) {
	var f folder
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.TextNode {
			return f.write(n.Data, limit)
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
	return f.b.String(), true
}

// folder builds a text with its runs of white space folded to one space
// and trimmed, as strings.Join(strings.Fields(text), " ") without the
// intermediate strings.
type folder struct {
	b     strings.Builder
	space bool // white space was read since the last word
}

// write appends s; it reports false once the text is longer than limit
// bytes (limit < 0: no limit).
func (f *folder) write(s string, limit int) bool {
	for _, r := range s {
		if unicode.IsSpace(r) {
			f.space = f.b.Len() > 0
			continue
		}
		if f.space {
			f.b.WriteByte(' ')
			f.space = false
		}
		f.b.WriteRune(r)
		if limit >= 0 && f.b.Len() > limit {
			return false
		}
	}
	return true
}

// split ends a word where one text ends and the next begins.
func (f *folder) split() { f.space = f.b.Len() > 0 }

// addressKey identifies the page u addresses among the site's: its path and
// query, "/gioi-thieu" and "/gioi-thieu/" being one page.
func addressKey(u *url.URL) string { return strings.TrimSuffix(u.Path, "/") + "?" + u.RawQuery }

// foldedRunes is the number of runes of s with runs of white space folded
// to one space and trimmed, len([]rune(strings.Join(strings.Fields(s), " ")))
// without building the string.
func foldedRunes(s string) int {
	n, words, inWord := 0, 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			inWord = false
			continue
		}
		if !inWord {
			words++
			inWord = true
		}
		n++
	}
	if words > 1 {
		n += words - 1
	}
	return n
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

// titleNode finds the post's title heading.
func titleNode(doc *goquery.Document, skip func(*goquery.Selection) bool, docTitles []string) *goquery.Selection {
	// One pass over the document for all the selectors, in their order of preference.
	keep := func(n *html.Node) bool {
		s := goquery.NewDocumentFromNode(n).Selection
		return s.ClosestMatcher(mExcluded).Length() == 0 && strings.TrimSpace(s.Text()) != "" && !skip(s)
	}
	// Plain h1s (the last selector) may be several: namedHeading picks one.
	firsts := soleMatches(doc.Selection, titleSels, keep, len(titleSels.sels)-1)
	for i, n := range firsts {
		if n == nil {
			continue
		}
		if i == len(firsts)-1 {
			// Only plain h1s: the one the document's title names.
			n = namedHeading(doc, n, keep, docTitles)
		}
		return goquery.NewDocumentFromNode(n).Selection
	}
	return nil
}

// homeHeading reports whether the heading n is a link to the site's home
// page and nothing else: the site's name or logo in its banner, not a
// post's title.
func homeHeading(n *html.Node, base *url.URL) bool {
	if base == nil {
		return false
	}
	text := normBlockText(visibleTextOf(n))
	return anyLink(n, func(a *html.Node) bool {
		href := strings.TrimSpace(attr(a, "href"))
		u, err := base.Parse(href)
		return err == nil && href != "" && u.Host == base.Host && reHomePath.MatchString(u.Path) && u.RawQuery == "" && normBlockText(visibleTextOf(a)) == text
	})
}

// anyLink reports whether one of the outermost links (<a>) below n, in
// document order, satisfies ok; links nested in a link are not asked.
func anyLink(n *html.Node, ok func(a *html.Node) bool) bool {
	for d := n.FirstChild; d != nil; d = d.NextSibling {
		if d.Type != html.ElementNode {
			continue
		}
		if d.Data == "a" {
			if ok(d) {
				return true
			}
			continue
		}
		if anyLink(d, ok) {
			return true
		}
	}
	return false
}

// reHomePath is the path of a site's home page.
var reHomePath = regexp.MustCompile(`(?i)^/?(?:index\.(?:php|html?|aspx?|jsp))?$`)

// namedHeading is, of the page's h1 elements that keep accepts, the one
// with the longest title-long text (EvidenceLimits.MinTitleRunes) that the
// document's title or og:title holds: a page whose banner is an h1 with
// the site's name ("CRIC") and whose article's title is a second h1 titles
// itself "Article – CRIC". first when no other h1 is named so.
func namedHeading(doc *goquery.Document, first *html.Node, keep func(*html.Node) bool, titles []string) *html.Node {
	if len(titles) == 0 {
		return first
	}
	best, bestLen := first, 0
	doc.FindMatcher(mH1).Each(func(_ int, s *goquery.Selection) {
		n := s.Get(0)
		t := normBlockText(s.Text())
		if len(t) <= bestLen || len([]rune(t)) < DefaultEvidenceLimits.MinTitleRunes || !keep(n) {
			return
		}
		for _, title := range titles {
			if strings.Contains(title, t) {
				best, bestLen = n, len(t)
				return
			}
		}
	})
	return best
}

// titleSels are the title heading's selectors, the most specific first.
var titleSels = compileList(`[itemprop="headline"]`, `h1.entry-title`, `h1.title-detail`, `.page-header h1`, `h3.post-title`, `h2.post-title`, `.post-title`, `h1`)

var bodySelectors = []string{
	`[itemprop~="articleBody"]`, `#news-bodyhtml`, `.entry-content`, `.post-body`, `.article-content`, `.com-content-article__body`,
	`.content-detail`, `.detail-content`, `.news-content`, `.noi-dung`, `.noidung`, `.post-content`, `.article-body`, `.bodytext`, `#content-detail`, `.chi-tiet`, `.ndtin`,
}

// selectorList is a priority list of selectors compiled once, with their
// union for a single pass over the document.
type selectorList struct {
	names []string
	sels  []cascadia.Selector
	union groupMatcher
}

func compileList(names ...string) selectorList {
	l := selectorList{names: names, union: compileGroup(strings.Join(names, ", "))}
	for _, n := range names {
		l.sels = append(l.sels, cascadia.MustCompile(n))
	}
	return l
}

// repeatedMatches is how many elements of a page may match one title or
// body selector before it marks the items of a list of other pages (a
// category's excerpts, each with its .post-title and .post-content)
// rather than one post's title or body.
const repeatedMatches = 3

// repeatedBodyText is the text (runes) the first of several elements
// matching a body selector needs to be the post's body, not an excerpt.
const repeatedBodyText = 500

// soleMatches is firstMatches without the selectors that keep accepts on
// repeatedMatches elements or more (nil for them), except those of the
// indices exempt.
func soleMatches(root *goquery.Selection, l selectorList, keep func(*html.Node) bool, exempt ...int) []*html.Node {
	out := make([]*html.Node, len(l.sels))
	count := make([]int, len(l.sels))
	for _, n := range root.FindMatcher(l.union).Nodes {
		for i, sel := range l.sels {
			if count[i] < repeatedMatches && sel.Match(n) && keep(n) {
				if out[i] == nil {
					out[i] = n
				}
				count[i]++
			}
		}
	}
	for i := range out {
		if count[i] >= repeatedMatches && !slices.Contains(exempt, i) {
			out[i] = nil
		}
	}
	return out
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
	mBodyHTML   = compileGroup("body, html")
	mSidebars   = compileGroup(".sidebar, aside, .sidebar-right, #sidebar")
	mImgTable   = compileGroup("img, table")
	mParaLike   = cascadia.MustCompile("p, div")
)

// bodyNode finds the post's main text, outside the template blocks marks.
func bodyNode(doc *goquery.Document, marks map[*html.Node]bool) (body *goquery.Selection, bySize bool) {
	notExcluded := func(n *html.Node) bool {
		return goquery.NewDocumentFromNode(n).Selection.ClosestMatcher(mExcluded).Length() == 0 && !markedWithin(marks, n, nil)
	}
	firsts := firstMatches(doc.Selection, bodySels, notExcluded)
	sole := soleMatches(doc.Selection, bodySels, notExcluded)
	for i, n := range firsts {
		if n == nil {
			continue
		}
		// A repeated body class is list excerpts unless its first element
		// holds a post's text (the article's, then its related items').
		if sole[i] != nil || len([]rune(strings.TrimSpace(nodeText(n)))) >= repeatedBodyText {
			return doc.FindNodes(n), false
		}
	}
	// Fallback: the element holding the most paragraph text.
	var best *goquery.Selection
	bestN := 0
	seen := map[*html.Node]bool{}
	doc.FindMatcher(mP).Each(func(_ int, p *goquery.Selection) {
		if p.ClosestMatcher(mExcluded).Length() > 0 || markedWithin(marks, p.Get(0), nil) {
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
		return nil, false
	}
	return best, true
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
	for anc := body.Parent(); anc.Length() > 0 && !anc.IsMatcher(mBodyHTML); anc = anc.Parent() {
		if anc.Has(h1.Get(0).Data).Length() >= 0 && containsNode(anc, h1.Get(0)) {
			// Too large when it holds sidebars: fall back to the body.
			if anc.FindMatcher(mSidebars).Length() > 0 {
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

// titleRegionLevels is how far above a title heading titleRegion looks.
const titleRegionLevels = 3

// titleRegion is, on a page with a title but no body text (an album, a
// document's fields), the nearest block above the title that holds images
// or a table; nil when there is none.
func titleRegion(h1 *goquery.Selection) *goquery.Selection {
	s := h1.Parent()
	for i := 0; i < titleRegionLevels && s.Length() > 0 && !s.IsMatcher(mBodyHTML); i++ {
		if s.FindMatcher(mImgTable).Length() > 0 {
			return s
		}
		s = s.Parent()
	}
	return nil
}

// inlineTags may stand in a paragraph.
var inlineTags = map[string]bool{"span": true, "strong": true, "b": true, "em": true, "i": true, "u": true, "a": true, "font": true, "br": true, "img": true, "sup": true, "sub": true, "small": true}

// paragraph reports whether n is a paragraph of text: a <p>, or a <div>
// holding only inline content (editors that write each paragraph as a
// div), whose text is not mostly links.
func paragraph(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if n.Data == "p" {
		return true
	}
	if n.Data != "div" {
		return false
	}
	text, links := 0, 0
	var rec func(*html.Node, bool) bool
	rec = func(c *html.Node, inLink bool) bool {
		for d := c.FirstChild; d != nil; d = d.NextSibling {
			switch d.Type {
			case html.TextNode:
				k := len(strings.TrimSpace(d.Data))
				text += k
				if inLink {
					links += k
				}
			case html.ElementNode:
				if !inlineTags[d.Data] || !rec(d, inLink || d.Data == "a") {
					return false
				}
			}
		}
		return true
	}
	return rec(n, false) && text > 0 && 2*links < text
}

// bodyUnderTitleLevels is how far above the title the text under it is looked for.
const bodyUnderTitleLevels = 4

// minBodyText is the least paragraph text (bytes) of a body found by its
// paragraphs rather than by its markup.
const minBodyText = 150

// bodyUnderTitle finds the body of a page whose markup names none and
// whose text is not in <p>s: the block of paragraphs (or of divs written
// as paragraphs) that follows the title, within bodyUnderTitleLevels of it:
// the one with the most text.
func bodyUnderTitle(doc *goquery.Document, h1 *html.Node, marks map[*html.Node]bool) *goquery.Selection {
	var best *html.Node
	bestN := 0
	seen := map[*html.Node]bool{}
	anc := h1.Parent
	for i := 0; i < bodyUnderTitleLevels && anc != nil && anc.Type == html.ElementNode && anc.Data != "body"; i++ {
		for _, p := range goquery.NewDocumentFromNode(anc).FindMatcher(mParaLike).Nodes {
			parent := p.Parent
			if parent == nil || seen[parent] || !paragraph(p) || !after(h1, p) || markedWithin(marks, p, nil) {
				continue
			}
			seen[parent] = true
			if goquery.NewDocumentFromNode(parent).Selection.ClosestMatcher(mExcluded).Length() > 0 {
				continue
			}
			n := 0
			for c := parent.FirstChild; c != nil; c = c.NextSibling {
				if paragraph(c) {
					t, _ := normText(c, 1<<16)
					n += len(t)
				}
			}
			if n > bestN {
				best, bestN = parent, n
			}
		}
		anc = anc.Parent
	}
	if bestN < minBodyText {
		return nil
	}
	return doc.FindNodes(best)
}
