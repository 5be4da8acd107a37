package extract

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"

	"sitewatch/vntext"
)

// Type is what a page is. Only a TypePost page is a post.
type Type string

// The page types.
const (
	// TypePost is one main article with a title and a body.
	TypePost Type = "post"
	// TypeListing lists other pages (a category, an archive, search results).
	TypeListing Type = "listing"
	// TypeHub is a listing of several separately headed sections.
	TypeHub Type = "hub"
	// TypeTag is a listing of the pages carrying one tag or keyword.
	TypeTag Type = "tag"
	// TypeStatic is a page with a title and text but no publication date
	// of its own and nothing saying it is an article (Giới thiệu, Liên hệ).
	TypeStatic Type = "static"
	// TypeAlbum is a page of photos with little text.
	TypeAlbum Type = "album"
	// TypeHome is the site's home page.
	TypeHome Type = "home"
	// TypeDocument is an official document's page (số ký hiệu, ngày ban hành).
	TypeDocument Type = "document"
	// TypeOther is a page with no title or no body.
	TypeOther Type = "other"
)

// listing is what the main content of a page lists.
type listing struct {
	links   int // distinct other pages linked with a title
	ownText int // runes of text outside the list items
	groups  int // separately headed groups of items
}

// reTagURL and reGallery label a listing or an album for people; they
// never decide whether a page is a post.
var (
	reTagURL  = regexp.MustCompile(`(?i)(?:^|/|[?&])(?:tags?|tu-?khoa|keywords?|tag_id|tagid)(?:/|=|$)`)
	reGallery = regexp.MustCompile(`(?i)album|galler|thu-?vien-?anh|photo|hinh-?anh`)
	reHomeURL = regexp.MustCompile(`(?i)^/?(?:index\.(?:php|html?|aspx?|jsp)|default\.aspx?|home\.aspx|trang-?chu(?:\.html?)?)?/?$`)
)

// listStats measures the list in scope: title links to other pages that
// are the page's own content (outside excluded containers and template
// blocks), the text outside their items, and the headed groups of items.
func (w *owner) listStats(scope *html.Node) listing {
	var st listing
	if scope == nil {
		return st
	}
	targets := map[string]bool{}
	items := map[*html.Node]bool{}
	var links []*html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || skipTags[c.Data] || w.marks[c] || mExcluded.Match(c) {
				continue
			}
			if c.Data == "a" {
				if t := w.otherPage(c); t != "" {
					links = append(links, c)
					targets[t] = true
				}
				continue
			}
			find(c)
		}
	}
	find(scope)
	st.links = len(targets)
	if st.links == 0 {
		st.ownText = textRunes(scope, nil, w.marks)
		return st
	}
	// climbs caches, per block, whether an item may grow into it.
	climbs := map[*html.Node]bool{}
	for _, l := range links {
		// An item is the largest block around its link that holds no
		// other title link and no more text than a teaser: an article
		// that links one other page is not an item.
		it := l
		for it.Parent != nil && it.Parent != scope {
			ok, seen := climbs[it.Parent]
			if !seen {
				ok = w.titleLinks(it.Parent, 2) < 2 && textRunes(it.Parent, nil, w.marks) <= w.lim.ItemText
				climbs[it.Parent] = ok
			}
			if !ok {
				break
			}
			it = it.Parent
		}
		items[it] = true
	}
	st.ownText = textRunes(scope, items, w.marks)
	parents := map[*html.Node]int{}
	for it := range items {
		if it.Parent != nil {
			parents[it.Parent]++
		}
	}
	for p, n := range parents {
		if n >= 2 && headed(p) {
			st.groups++
		}
	}
	return st
}

// titledListLevels is how far above a title the list it heads is looked for.
const titledListLevels = 3

// titledList measures the list a title heads: in the nearest block above
// the title (up to titledListLevels) that links other pages by title, as
// long as that block has no more text of its own than a listing.
func (w *owner) titledList(h1 *html.Node) listing {
	for n, i := h1.Parent, 0; n != nil && i < titledListLevels && n.Type == html.ElementNode && n.Data != "body"; n, i = n.Parent, i+1 {
		if ls := w.listStats(n); ls.links > 0 {
			if ls.ownText > w.lim.ListingOwnText {
				break
			}
			return ls
		}
	}
	return listing{}
}

// headed reports whether a group of items has a heading of its own: a
// heading element right before it or as its first element.
func headed(group *html.Node) bool {
	isHeading := func(n *html.Node) bool {
		if n == nil || n.Type != html.ElementNode {
			return false
		}
		switch n.Data {
		case "h1", "h2", "h3", "h4", "h5", "h6":
			return true
		}
		return false
	}
	prev := group.PrevSibling
	for prev != nil && prev.Type != html.ElementNode {
		prev = prev.PrevSibling
	}
	if isHeading(prev) {
		return true
	}
	first := group.FirstChild
	for first != nil && first.Type != html.ElementNode {
		first = first.NextSibling
	}
	return isHeading(first)
}

// textRunes counts the runes of visible text below n outside links, the
// nodes of skip and of marks, and excluded containers.
func textRunes(n *html.Node, skip, marks map[*html.Node]bool) int {
	total := 0
	var rec func(*html.Node)
	rec = func(c *html.Node) {
		for d := c.FirstChild; d != nil; d = d.NextSibling {
			switch d.Type {
			case html.TextNode:
				total += foldedRunes(d.Data)
			case html.ElementNode:
				if skipTags[d.Data] || skip[d] || marks[d] || d.Data == "a" || mExcluded.Match(d) {
					continue
				}
				rec(d)
			}
		}
	}
	rec(n)
	return total
}

// pageFacts are what classify weighs.
type pageFacts struct {
	page        *url.URL // the base links resolve against
	self        *url.URL // the page's own address
	title       string
	h1          *goquery.Selection
	body        *goquery.Selection
	region      *goquery.Selection
	ownDate     bool // a publication date read from the page or its URL
	guessedDate bool // a date only the wider search (guessDate) found
	hinted      bool // a date given by discovery (feed, listing)
	article     bool // og:type article or schema.org Article
	docPage     bool
	images      int
	menuLinked  bool // a menu or navigation block outside the article links to the page
	menuLabel   bool // the site's menu names the page by a label (EvidenceLimits.MenuLinks)
	files       int  // links to and embeds of document files in the article
	fileText    int  // the article's text, links and title aside
	structured  bool // the date was read from structured data (meta, JSON-LD, itemprop)
	hiddenStamp bool // that structured date's day is nowhere in the page's visible text
}

// classify decides the page's type and says why.
func (w *owner) classify(doc *goquery.Document, f pageFacts) (Type, []string) {
	var ev []string
	if f.article {
		ev = append(ev, "declares itself an article (og:type or schema.org)")
	}
	scope := doc.Find("body").First()
	var scopeNode *html.Node
	if scope.Length() > 0 {
		scopeNode = scope.Get(0)
	}
	ls := w.listStats(scopeNode)
	var inBody listing
	if f.body != nil {
		inBody = w.listStats(f.body.Get(0))
	}
	bodyText := 0
	if f.body != nil {
		bodyText = textRunes(f.body.Get(0), nil, w.marks)
	}
	// A title heading and, in one region with it, a body that lists no
	// other pages: the page's lists (related posts, sidebars) stand beside
	// the article.
	strongPost := f.h1 != nil && f.body != nil && f.region != nil && isAncestor(f.region.Get(0), f.h1.Get(0)) && inBody.links < w.lim.ListingLinks
	home := f.self != nil && reHomeURL.MatchString(f.self.Path) && (f.self.RawQuery == "" || !strings.Contains(f.self.RawQuery, "="))
	// The list a title with no text and no date of its own heads.
	var titled listing
	shortList := false
	if f.body == nil && !f.ownDate && f.h1 != nil {
		titled = w.titledList(f.h1.Get(0))
		shortList = titled.links >= w.lim.ListLinks
	}

	switch {
	case home && !(strongPost && f.ownDate):
		ev = append(ev, "its URL is the site's root")
		return TypeHome, ev
	case f.docPage && (!f.article || f.files > 0 && f.fileText < w.lim.FileRecordText):
		// An official document's fields over the document's file, and
		// little text besides: the record of a document, whatever its
		// markup declares (some platforms call every page an article). A
		// post whose body is only a file stays a post (flagged empty).
		ev = append(ev, "shows an official document's fields (số ký hiệu, ngày ban hành)")
		if f.article {
			ev = append(ev, fmt.Sprintf("its article is the document's file: %d links to or embeds of a file, and %d characters of text of its own", f.files, f.fileText))
		}
		return TypeDocument, ev
	case f.h1 != nil && f.ownDate && !f.structured && !f.menuLinked && !f.menuLabel && (f.body == nil || f.region == nil || !isAncestor(f.region.Get(0), f.h1.Get(0))):
		// A title and a date of its own next to it, outside any list, but
		// no text with them: an empty post (the crawl flags it). A page
		// the site's menu links to is a section's stub.
		ev = append(ev, "a title and a publication date of its own, but no body text")
		return TypePost, ev
	case !strongPost && !f.structured && !(f.article && f.ownDate) && ls.links >= w.lim.ListingLinks && ls.ownText <= max(w.lim.ListingOwnText, bodyText/2):
		// A publication date in structured data is an article's: a
		// listing's markup does not declare one; nor does a page that
		// declares itself an article and dates itself.
		ev = append(ev, fmt.Sprintf("its main content links %d other pages by title, with %d characters of text outside those items", ls.links, ls.ownText))
		if f.page != nil && reTagURL.MatchString(f.page.Path+"?"+f.page.RawQuery) {
			ev = append(ev, "its URL names a tag")
			return TypeTag, ev
		}
		if ls.groups >= w.lim.HubGroups {
			ev = append(ev, fmt.Sprintf("the items stand in %d headed groups", ls.groups))
			return TypeHub, ev
		}
		return TypeListing, ev
	case f.images >= w.lim.AlbumImages && bodyText <= w.lim.AlbumText && (!f.ownDate || galleryMarkup(f.region)):
		ev = append(ev, fmt.Sprintf("%d images with %d characters of text", f.images, bodyText))
		return TypeAlbum, ev
	case shortList:
		// A title over a few items and no text: a short listing (a tag
		// with three posts), too short for the listing rule above.
		ev = append(ev, fmt.Sprintf("no text of its own: under its title, %d other pages linked by title", titled.links))
		if f.page != nil && reTagURL.MatchString(f.page.Path+"?"+f.page.RawQuery) {
			ev = append(ev, "its URL names a tag")
			return TypeTag, ev
		}
		return TypeListing, ev
	case f.body == nil:
		ev = append(ev, "no article body")
		return TypeOther, ev
	case strings.TrimSpace(f.title) == "":
		ev = append(ev, "no title")
		return TypeOther, ev
	}
	ev = append(ev, fmt.Sprintf("one main text of %d characters under its title", bodyText))
	switch {
	case f.ownDate && f.hiddenStamp && !strongPost && bodyText < w.lim.HiddenStampText && f.images == 0:
		ev = append(ev, fmt.Sprintf(evHiddenStamp+", with fewer than %d characters of text, no image and no article body under a title", w.lim.HiddenStampText))
		w.stampOnly = true
		return TypeOther, ev
	case f.ownDate && f.menuLabel:
		// Static pages stand in the site's menu, whatever date their CMS
		// stamps on them; posts in its lists, by their titles.
		ev = append(ev, "the site's menu names it by a label: a menu page, whatever date it carries")
		return TypeStatic, ev
	case f.ownDate:
		ev = append(ev, "a publication date of its own")
	case f.hinted:
		ev = append(ev, "dated by discovery (feed or listing)")
	case f.guessedDate && f.article:
		ev = append(ev, "dated only by the wider search (script data or a date line of its own)")
	case bodyText < w.lim.UndatedPostText:
		ev = append(ev, fmt.Sprintf("no publication date of its own, and fewer than %d characters of text", w.lim.UndatedPostText))
		return TypeOther, ev
	case f.menuLinked:
		// Static pages stand in the site's menu; posts in its lists.
		ev = append(ev, "no publication date of its own, and the site's menu links to it")
		return TypeStatic, ev
	case f.guessedDate:
		// A guess decides nothing about the page: many sites show no
		// date on their posts, and the guess may come from anywhere in
		// the markup (a script's file name, a footer).
		ev = append(ev, "no publication date of its own (only guessed by the wider search), and no menu links to it")
	default:
		ev = append(ev, "no publication date shown")
	}
	return TypePost, ev
}

// evHiddenStamp opens the evidence of a page that is no post because its
// only date is a stamp it never shows (classify sets owner.stampOnly, and
// FromDocument then drops that date).
const evHiddenStamp = "its only date is a stamp in its markup that its text never shows"

// galleryMarkup reports whether the article sits in a container its markup
// calls a gallery or album.
func galleryMarkup(region *goquery.Selection) bool {
	if region == nil {
		return false
	}
	for n := region.Get(0); n != nil; n = n.Parent {
		if n.Type == html.ElementNode && (reGallery.MatchString(attr(n, "class")) || reGallery.MatchString(attr(n, "id"))) {
			return true
		}
	}
	return false
}

// menuLinked reports whether a navigation block of the page (a nav, a
// header, a menu list or a template block, outside the article region)
// links to the page itself by a label: static pages stand in the site's
// menu, posts in its lists (even lists repeated on every page).
func (w *owner) menuLinked(doc *goquery.Document) bool {
	if w.page == nil {
		return false
	}
	self := addressKey(w.page)
	found := false
	doc.Find("a[href]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		n := s.Get(0)
		if w.region != nil && isAncestor(w.region, n) {
			return true
		}
		// href="#" or "" is a script's handle, not a link to the page.
		target := linkTarget(attr(n, "href"))
		if target == "" {
			return true
		}
		u, err := w.page.Parse(target)
		if err != nil || u.Host != w.page.Host || addressKey(u) != self {
			return true
		}
		// A template block links to the page from its menu when the link
		// is a short label; a block repeated on every page may also list
		// the site's latest posts by their titles ("Tin mới", "Tin nổi
		// bật"), which makes none of them a static page.
		label := foldedRunes(s.Text()) < w.lim.MinTitleRunes
		if (w.inMarks(n) && label) || s.ClosestMatcher(mMenu).Length() > 0 {
			found = true
			return false
		}
		return true
	})
	return found
}

// mMenu are navigation containers.
var mMenu = cascadia.MustCompile(`nav, header, .menu, .navbar, .nav, #menu, .mainmenu, .main-menu, [role=navigation], ul.dropdown-menu`)

// menuLabelled reports whether the site's menu links to the page by a
// label that names it (its words are the title's, in fewer runes than
// EvidenceLimits.MinTitleRunes): a list outside the article of
// EvidenceLimits.MenuLinks links or more, one of them to the site's root,
// every one a label (a list of posts links them by their titles, and not
// the home page). A page the site's menu names is a menu page, whatever
// date its CMS stamps on it. A link to a place in the page (a fragment), a
// label that is not the page's title (the current language's, "Home") and
// a trail (a breadcrumb names a post too, by its title) name no menu page.
func (w *owner) menuLabelled(doc *goquery.Document, title string) bool {
	t := vntext.Fold(title)
	if w.page == nil || len(doc.Nodes) == 0 || t == "" {
		return false
	}
	self := addressKey(w.page)
	found := false
	doc.Find("a[href]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		a := s.Get(0)
		if w.region != nil && (isAncestor(w.region, a) || isAncestor(a, w.region)) {
			return true
		}
		if strings.Contains(attr(a, "href"), "#") {
			return true
		}
		u := w.linkURL(a)
		if u == nil || addressKey(u) != self {
			return true
		}
		text := s.Text()
		l := vntext.Fold(text)
		if foldedRunes(text) >= w.lim.MinTitleRunes || len([]rune(l)) < minLabelRunes || !strings.Contains(" "+t+" ", " "+l+" ") {
			return true
		}
		found = w.inLabelList(a)
		return !found
	})
	return found
}

// minLabelRunes is the shortest label (folded) that names a page: "Giới
// thiệu" and "Liên hệ" do, two letters (a language's code) do not.
const minLabelRunes = 4

// linkURL is the page of the site link a addresses, or nil (another site,
// a script's handle, no target).
func (w *owner) linkURL(a *html.Node) *url.URL {
	target := linkTarget(attr(a, "href"))
	if target == "" {
		return nil
	}
	u, err := w.page.Parse(target)
	if err != nil || u.Host != w.page.Host {
		return nil
	}
	return u
}

// inLabelList climbs from link a through the blocks around it, all of
// whose links are labels, to one that holds EvidenceLimits.MenuLinks links
// or more, one of them to the site's root, and a not their last: the
// site's menu. The climb stops at the article or the body, and at the
// first link by a title.
func (w *owner) inLabelList(a *html.Node) bool {
	for c := a.Parent; c != nil && c.Type == html.ElementNode && c.Data != "body"; c = c.Parent {
		if w.region != nil && isAncestor(c, w.region) {
			return false
		}
		links, labels, toRoot, last := w.labelLinks(c)
		if labels < links {
			// A link to another page by its title: a list of posts.
			return false
		}
		if links >= w.lim.MenuLinks && toRoot {
			// The site's menu starts from its home page (a submenu's
			// block does not: climb on); a list of posts with short
			// titles does not link it; a trail from the home page
			// (a breadcrumb) ends at the page, post or not.
			return last != a
		}
	}
	return false
}

// labelLinks counts the links to pages of the site below n and those of
// them that are labels (no text, an image's link, or fewer runes than
// EvidenceLimits.MinTitleRunes), reports whether one of them is the site's
// root, and returns the last of them.
func (w *owner) labelLinks(n *html.Node) (links, labels int, toRoot bool, last *html.Node) {
	var rec func(*html.Node)
	rec = func(c *html.Node) {
		for d := c.FirstChild; d != nil; d = d.NextSibling {
			if d.Type != html.ElementNode || skipTags[d.Data] {
				continue
			}
			if d.Data != "a" {
				rec(d)
				continue
			}
			u := w.linkURL(d)
			if u == nil {
				continue
			}
			links++
			last = d
			toRoot = toRoot || strings.Trim(u.Path, "/") == "" || reHomeURL.MatchString(u.Path)
			if foldedRunes(nodeText(d)) < w.lim.MinTitleRunes {
				labels++
			}
		}
	}
	rec(n)
	return
}

// reFileRef names a document file: an office, PDF or archive file name
// in a link's path, an embedded viewer's address or a download handler's
// argument.
var reFileRef = regexp.MustCompile(`(?i)\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|rar|zip|7z)(?:$|[?&#'"\s),;])`)

// fileRefs counts the links to and embeds of document files below n.
func fileRefs(n *html.Node) int {
	if n == nil {
		return 0
	}
	count := 0
	var rec func(*html.Node)
	rec = func(c *html.Node) {
		for d := c.FirstChild; d != nil; d = d.NextSibling {
			if d.Type != html.ElementNode {
				continue
			}
			var keys []string
			switch d.Data {
			case "a":
				keys = []string{"href", "onclick"}
			case "iframe", "embed":
				keys = []string{"src"}
			case "object":
				keys = []string{"data"}
			}
			for _, k := range keys {
				v := attr(d, k)
				if k == "href" {
					if u, err := url.Parse(v); err == nil {
						v = u.Path
					}
				}
				if reFileRef.MatchString(v) {
					count++
					break
				}
			}
			rec(d)
		}
	}
	rec(n)
	return count
}
