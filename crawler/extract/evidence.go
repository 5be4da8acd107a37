package extract

import (
	"net/url"
	"regexp"
	"strings"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// EvidenceLimits are the thresholds of the in-page evidence that decides
// whose a date or an image is, and what a page is.
type EvidenceLimits struct {
	// MinTitleRunes is the length of a link's text from which it reads as
	// the title of another page (a post in a list), not as a label.
	// Default 25: longer than most category names, shorter than most post titles.
	MinTitleRunes int
	// ListLinks is the number of title links to other pages that make a
	// block a list of those pages: a date or image inside belongs to them.
	// Default 2.
	ListLinks int
	// EventWords is the number of words beside a date, in a sentence of
	// the post's body, that make it a date the text speaks of (an event, a
	// deadline), not the post's publication. Default 3.
	EventWords int
	// ListingLinks is the number of title links to other pages in the main
	// content from which a page with little text of its own is a listing.
	// Default 5.
	ListingLinks int
	// ListingOwnText is the most text (runes) of its own, outside its list
	// items, that a listing carries. Default 600.
	ListingOwnText int
	// UndatedPostText is the least text (runes) of its own a page that
	// shows no publication date needs to be a post: a title over a few
	// words (a listing whose items stand apart, a section's stub) is not
	// one. Default 60, a sentence.
	UndatedPostText int
	// HubGroups is the number of separately headed groups of items that
	// make a listing a hub (a page of sections). Default 3.
	HubGroups int
	// ItemText is the most text (runes, links aside) of one list item:
	// a title, a teaser and a date. Default 500.
	ItemText int
	// AlbumImages and AlbumText: a page with at least AlbumImages content
	// images and at most AlbumText runes of text, with no date of its own
	// or in a gallery container, is an album. Defaults 6 and 300.
	AlbumImages, AlbumText int
	// HiddenStampText: a page whose only date is a stamp its markup
	// declares but its text never shows, with fewer runes of text than
	// this, no image and no body its markup names under its title, is not
	// a post (a section's or a menu page's stub
	// carries the stamp its CMS writes on every page). Default 300.
	HiddenStampText int
	// MenuLinks is the number of links, all short labels, from which a
	// block outside the article is the site's menu: a page it links to by
	// a label is a menu page (Giới thiệu, Lịch sử nhà trường), whatever
	// date it carries. Default 4: more than a language switch's links.
	MenuLinks int
	// FileRecordText is the most text (runes, links and the title aside)
	// of a page that shows an official document's fields over the file
	// it links or embeds (a PDF, a Word file): the document's record, not
	// a post, even where the platform declares every page an article.
	// Default 400: a table of the fields and a "see the file" line.
	FileRecordText int
}

// DefaultEvidenceLimits are the thresholds used by FromDocument.
var DefaultEvidenceLimits = EvidenceLimits{
	MinTitleRunes: 25, ListLinks: 2, EventWords: 3,
	ListingLinks: 5, ListingOwnText: 600, UndatedPostText: 60, HubGroups: 3, ItemText: 500,
	AlbumImages: 6, AlbumText: 300, HiddenStampText: 300, MenuLinks: 4, FileRecordText: 400,
}

// reCopyright is a copyright notice: its year is not a publication date.
var reCopyright = gate(regexp.MustCompile(`(?i)©|&copy;|\(c\)\s*\d{4}|copyright|bản\s*quyền`))

// owner decides, for one page, which elements are not the page's own:
// template blocks, lists of links to other pages, excluded containers.
type owner struct {
	// stampOnly is set by classify when the page is no post because its
	// only date is a stamp its text never shows (the CMS's, not the page's).
	stampOnly bool
	page      *url.URL
	marks     map[*html.Node]bool // template blocks
	region    *html.Node          // the article region (title and body)
	body      *html.Node
	h1        *html.Node
	lim       EvidenceLimits
	cache     map[*html.Node]bool // linkList results
	// targets are otherPage's answers, by link.
	targets map[*html.Node]string
	// ix indexes the document; ld and meta are read from it once.
	ix       *docIndex
	ld       *ldInfo
	metaRead bool
	metaPub  []metaDate
	metaMod  []metaDate
}

// notOwn reports whether a date or an image at n belongs to something else
// than the page: a template block (outside the article, or one holding
// links or images) or a list of links to other pages.
func (w *owner) notOwn(n *html.Node) bool {
	if w == nil {
		return false
	}
	for a := n; a != nil; a = a.Parent {
		if w.marks[a] {
			if a == w.region || w.region == nil || !isAncestor(w.region, a) || hasMedia(a) {
				return true
			}
		}
	}
	// An element whose own text holds links to several other pages reads
	// their dates, not the page's.
	return w.titleLinks(n, w.lim.ListLinks) >= w.lim.ListLinks || w.inLinkList(n)
}

// inLinkList reports whether n sits in an item of a block that lists other
// pages: the nearest ancestor holding at least ListLinks title links to
// other pages, where the branch leading to n links one of them and holds
// neither the post's title nor its body (a date beside a list, or in the
// post's header beside its related list, is not in it).
func (w *owner) inLinkList(n *html.Node) bool {
	var prev *html.Node
	for a := n; a != nil && a.Type == html.ElementNode; prev, a = a, a.Parent {
		if a.Data == "body" {
			return false
		}
		v, ok := w.cache[a]
		if !ok {
			v = w.titleLinks(a, w.lim.ListLinks) >= w.lim.ListLinks && w.itemBranches(a) >= w.lim.ListLinks
			w.cache[a] = v
		}
		if v {
			// The branch to n is an item: it links another page, and it is
			// not the post's own header or body.
			return prev == nil || (!w.ownBranch(prev) && (w.titleLinks(prev, 1) >= 1 || !w.besideTitle(prev) && w.likeItem(prev)))
		}
	}
	return false
}

// likeItem reports whether n is an item of its list though its title is
// short ("Dinh dưỡng"): it links another page, and a sibling written in
// the same markup (tag and class) is an item. The items of one list share
// their markup, whatever their titles' lengths.
func (w *owner) likeItem(n *html.Node) bool {
	if !w.linksOther(n) {
		return false
	}
	cls := attr(n, "class")
	for _, sib := range []func(*html.Node) *html.Node{func(c *html.Node) *html.Node { return c.PrevSibling }, func(c *html.Node) *html.Node { return c.NextSibling }} {
		for c := sib(n); c != nil; c = sib(c) {
			if c.Type == html.ElementNode && c.Data == n.Data && attr(c, "class") == cls && !w.ownBranch(c) && w.titleLinks(c, 1) >= 1 {
				return true
			}
		}
	}
	return false
}

// besideTitle reports whether n is the element right before or after the
// branch that holds the post's title heading: the post's header line (a
// breadcrumb and the date above the title, the byline under it), not an
// item of a list around the post, whose markup it may share.
func (w *owner) besideTitle(n *html.Node) bool {
	if w.h1 == nil {
		return false
	}
	for _, sib := range []*html.Node{prevElement(n), nextElement(n)} {
		if sib != nil && isAncestor(sib, w.h1) {
			return true
		}
	}
	return false
}

// prevElement and nextElement are n's nearest element siblings, or nil.
func prevElement(n *html.Node) *html.Node {
	for c := n.PrevSibling; c != nil; c = c.PrevSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

func nextElement(n *html.Node) *html.Node {
	for c := n.NextSibling; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

// linksOther reports whether n holds a link with text to another page.
func (w *owner) linksOther(n *html.Node) bool {
	return anyLink(n, func(a *html.Node) bool {
		href := linkTarget(attr(a, "href"))
		if t, _ := normText(a, 400); href == "" || t == "" || w.page == nil {
			return false
		}
		u, err := w.page.Parse(href)
		return err == nil && (u.Path != w.page.Path || u.RawQuery != w.page.RawQuery)
	})
}

// itemBranches counts the children of n that link another page by title
// and hold neither the post's title nor its body: the items of a list.
func (w *owner) itemBranches(n *html.Node) int {
	k := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && !w.ownBranch(c) && w.titleLinks(c, 1) >= 1 {
			k++
		}
	}
	return k
}

// ownBranch reports whether n holds the post's title or body.
func (w *owner) ownBranch(n *html.Node) bool {
	return (w.h1 != nil && isAncestor(n, w.h1)) || (w.body != nil && isAncestor(n, w.body))
}

// titleLinks counts, up to limit, the distinct other pages n links to with
// a title-long text.
func (w *owner) titleLinks(n *html.Node, limit int) int {
	seen := map[string]bool{}
	var rec func(*html.Node) bool
	rec = func(c *html.Node) bool {
		for d := c.FirstChild; d != nil; d = d.NextSibling {
			if d.Type != html.ElementNode {
				continue
			}
			if d.Data == "a" {
				if t := w.otherPage(d); t != "" && !seen[t] {
					seen[t] = true
					if len(seen) >= limit {
						return true
					}
				}
				continue
			}
			if rec(d) {
				return true
			}
		}
		return false
	}
	rec(n)
	return len(seen)
}

// otherPage is the target of link a when it is another page than this one
// and its text reads as a title; "" otherwise.
func (w *owner) otherPage(a *html.Node) string {
	// titleLinks asks it of every link once per ancestor it counts for.
	if t, ok := w.targets[a]; ok {
		return t
	}
	t := w.readOtherPage(a)
	if w.targets == nil {
		w.targets = map[*html.Node]string{}
	}
	w.targets[a] = t
	return t
}

// readOtherPage is otherPage without its memory.
func (w *owner) readOtherPage(a *html.Node) string {
	href := attr(a, "href")
	if href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(strings.ToLower(href), "javascript:") || strings.HasPrefix(strings.ToLower(href), "mailto:") {
		return ""
	}
	t, ok := normText(a, 400)
	if !ok {
		t = attr(a, "title")
	}
	if len([]rune(t)) < w.lim.MinTitleRunes {
		// A link with no text (a thumbnail) may carry its title in an
		// attribute; a short text (a tag, a category) is what it says.
		if tt := attr(a, "title"); strings.TrimSpace(t) == "" && len([]rune(tt)) >= w.lim.MinTitleRunes {
			t = tt
		} else {
			return ""
		}
	}
	target := linkTarget(href)
	if w.page != nil {
		if u, err := w.page.Parse(target); err == nil {
			u.Fragment = ""
			if u.Path == w.page.Path && u.RawQuery == w.page.RawQuery {
				return ""
			}
			target = u.String()
		}
	}
	return target
}

// hasMedia reports whether n holds a link with a target or an image.
func hasMedia(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.Data == "img" || (c.Data == "a" && attr(c, "href") != "") || hasMedia(c) {
			return true
		}
	}
	return false
}

// isAncestor reports whether a is n or one of its ancestors.
func isAncestor(a, n *html.Node) bool {
	for c := n; c != nil; c = c.Parent {
		if c == a {
			return true
		}
	}
	return false
}

// reEventAside are the words beside a date that say nothing of what it
// dates: labels of publication, weekday names, "ngày", times.
var reEventAside = regexp.MustCompile(`(?i)\b(?:ngày|thứ\s*(?:hai|ba|tư|năm|sáu|bảy)|chủ\s*nhật|t[2-7]|cn|lúc|giờ|sáng|chiều|tối|am|pm)\b`)

// eventDate reports whether the date raw, found in the text of element n
// inside the post's body, the article around it (a lead paragraph above
// the body) or anywhere below the post's title, is a date the text speaks
// of: it sits in a sentence (EventWords other words) without a publication
// label.
func (w *owner) eventDate(n *html.Node, text, raw string) bool {
	if w == nil || !(w.body != nil && isAncestor(w.body, n) || w.region != nil && isAncestor(w.region, n) || w.h1 != nil && after(w.h1, n)) {
		return false
	}
	return !w.metaLine(n) && w.inSentence(text, raw, !underImage(n))
}

// underImage reports whether the block n holds an image or stands right
// under one (its previous element sibling, or its parent's, is or holds
// only an image), as a picture's caption does: "Paris - 2 février 2019" there is
// when the picture was taken.
func underImage(n *html.Node) bool {
	if holdsImage(n) {
		return true // the picture and its caption in one block
	}
	for a, i := n, 0; a != nil && i < 2; a, i = a.Parent, i+1 {
		if a.Data == "figcaption" {
			return true
		}
		if p := prevElement(a); p != nil && (p.Data == "img" || p.Data == "picture" || p.Data == "figure" || onlyImage(p)) {
			return true
		}
	}
	return false
}

// holdsImage reports whether n holds an img element.
func holdsImage(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "img" || holdsImage(c)) {
			return true
		}
	}
	return false
}

// onlyImage reports whether n holds an image and no text.
func onlyImage(n *html.Node) bool {
	img := false
	var rec func(*html.Node) bool
	rec = func(c *html.Node) bool {
		for d := c.FirstChild; d != nil; d = d.NextSibling {
			switch {
			case d.Type == html.TextNode && strings.TrimSpace(d.Data) != "":
				return false
			case d.Type == html.ElementNode && d.Data == "img":
				img = true
			case d.Type == html.ElementNode && !rec(d):
				return false
			}
		}
		return true
	}
	return rec(n) && img
}

// metaLineLevels is how many elements, from the one holding a date line
// up, may name it as the post's metadata.
const metaLineLevels = 3

// reMetaLine are class or id words of the block that carries a post's
// byline: who wrote it and when ("Von Christian am 03.05.2013, 11:51",
// "Đăng bởi Admin lúc 08:30 ngày 25/11/2026").
var reMetaLine = gate(regexp.MustCompile(`(?i)byline|meta|posted|submitted|author|dateline|publi|datum|date|ngay|post-?footer|entry-?footer|article-?footer`))

// metaLine reports whether the markup names the block of n as the post's
// byline (see reMetaLine), within metaLineLevels elements and below any
// block that holds the post's title or body: its words are a byline's,
// not a sentence of the text.
func (w *owner) metaLine(n *html.Node) bool {
	if w == nil {
		return false
	}
	for a, i := n, 0; a != nil && a.Type == html.ElementNode && i < metaLineLevels; a, i = a.Parent, i+1 {
		if a.Data == "body" || w.ownBranch(a) {
			return false
		}
		if cls := attr(a, "class") + " " + attr(a, "id"); len(cls) > 1 && reMetaLine.MatchString(cls) {
			return true
		}
	}
	return false
}

// after reports whether n comes after the element a in the document, outside
// it: the text under a post's title (its lead and body, wherever the page
// puts them), where a date in a sentence is the text's, not the post's.
func after(a, n *html.Node) bool {
	if isAncestor(a, n) {
		return false
	}
	for c := n; c != nil; c = c.Parent {
		for s := c.PrevSibling; s != nil; s = s.PrevSibling {
			if isAncestor(s, a) {
				return true
			}
		}
	}
	return false
}

// dateLineSeps are the separators that set the parts of a date line apart.
var dateLineSeps = []string{" | ", " - ", " – ", " — ", " • ", " · "}

// inSentence reports whether the date raw stands in a sentence of text:
// EventWords other words beside it and no publication label. With parts,
// only the words of the date's part of a line split by dateLineSeps count.
func (w *owner) inSentence(text, raw string, parts bool) bool {
	if reLabelPub.MatchString(text) {
		return false
	}
	rest := strings.Replace(text, raw, "\x00", 1)
	// A line of credits sets its date apart between separators
	// ("22/11/2020 - 04:30 - Nguồn: … - Ảnh: …"): only the words of the
	// date's own part count.
	for _, sep := range dateLineSeps {
		if ps := strings.Split(rest, sep); parts && len(ps) > 1 {
			for _, p := range ps {
				if strings.Contains(p, "\x00") {
					rest = p
					break
				}
			}
		}
	}
	rest = strings.Replace(rest, "\x00", " ", 1)
	rest = reEventAside.ReplaceAllString(rest, " ")
	words := 0
	for _, f := range strings.FieldsFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len([]rune(f)) >= 2 {
			words++
		}
	}
	return words >= w.lim.EventWords
}

// titleSubject reports whether the date raw in text node c is what the
// page's title is about: c stands in the title heading, or its text is
// the document's title, and the title's words run into the date (see
// setOff).
func (w *owner) titleSubject(c *html.Node, text, raw string) bool {
	if w == nil || setOff(text, raw) {
		return false
	}
	if w.h1 != nil && isAncestor(w.h1, c) {
		return true
	}
	return w.ix != nil && w.ix.title != nil && normBlockText(visibleTextOf(w.ix.title)) == normBlockText(text)
}

// sel adapts notOwn to a selection.
func (w *owner) sel(s *goquery.Selection) bool {
	if w == nil || s.Length() == 0 {
		return false
	}
	return w.notOwn(s.Get(0))
}

// markedWithin reports whether n or one of its ancestors below stop is in marks.
func markedWithin(marks map[*html.Node]bool, n, stop *html.Node) bool {
	if len(marks) == 0 {
		return false
	}
	for a := n; a != nil && a != stop; a = a.Parent {
		if marks[a] {
			return true
		}
	}
	return false
}

// inMarks reports whether n is in a template block.
func (w *owner) inMarks(n *html.Node) bool { return w != nil && markedWithin(w.marks, n, nil) }

// rescueLevels is how far above the body the post's own container reaches
// (title, meta line, body) when rescue gives it back to the page.
const rescueLevels = 2

// rescue gives the page its own article back when the template holds it:
// a site whose home page or listings show whole posts repeats each post's
// title, date and body on a second page, yet they are that post's. When
// body is in a template block, the marks on its ancestors and, within its
// container, on every block that is not a list of other pages are dropped.
func (w *owner) rescue(body *html.Node) {
	if !w.inMarks(body) {
		return
	}
	marks := make(map[*html.Node]bool, len(w.marks))
	for n := range w.marks {
		marks[n] = true
	}
	for a := body; a != nil; a = a.Parent {
		delete(marks, a)
	}
	box := body
	for i := 0; i < rescueLevels && box.Parent != nil && box.Parent.Data != "body"; i++ {
		box = box.Parent
	}
	for n := range marks {
		if isAncestor(box, n) && w.titleLinks(n, w.lim.ListLinks) < w.lim.ListLinks {
			delete(marks, n)
		}
	}
	w.marks = marks
}

// nearArticle reports whether n is in the article's container (the region
// and the block around it, where title and byline stand), or whether the
// page has no article region to tell.
func (w *owner) nearArticle(n *html.Node) bool {
	if w == nil || w.region == nil {
		return true
	}
	box := w.region
	if box.Parent != nil && box.Parent.Data != "body" {
		box = box.Parent
	}
	return isAncestor(box, n)
}
