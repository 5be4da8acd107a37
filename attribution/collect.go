package attribution

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits of where evidence is read.
const (
	// BodyEndLines is how many lines at the end of the article are read for a byline.
	BodyEndLines = 6
	// BodyStartLines is how many lines at its start are read for a labelled
	// "Tác giả:" or "Nguồn:" line.
	BodyStartLines = 4
	// MinListingLinks is how many links with a title's length make an element
	// a list of other posts ("Tin đơn vị", "Tin khác"), never read.
	MinListingLinks = 3
	// MinTitleLinkRunes is the length of a link text that reads as a post title.
	MinTitleLinkRunes = 12
	// MinBodyRunes is the paragraph text an element needs to be taken for the body.
	MinBodyRunes = 100
	// MaxTitlePrefixWords is the longest "Unit: …" or "Unit - …" title prefix.
	MaxTitlePrefixWords = 12
)

// skipClass names containers that are not the article (a tie-breaker for
// what the page's own structure already says: nav, aside, footer, lists of
// links).
var skipClass = regexp.MustCompile(`(?i)sidebar|side-bar|col-right|right-col|\bmenu|navbar|breadcrumb|footer|related|tin-?khac|lien-?quan|other-news|comment|share|social|widget|paging|pagination|tool-detail|\btags?\b`)

// authorClass names author and source elements.
var authorClass = regexp.MustCompile(`(?i)author|tac-?gia|byline|signature|nguon|source`)

// sourceClass names source elements among authorClass.
var sourceClass = regexp.MustCompile(`(?i)nguon|source`)

type page struct {
	skip map[*html.Node]bool
	// h1 is the title heading: an element holding it is never a list of posts.
	h1 *html.Node
}

// excluded reports whether n is not part of the article: navigation,
// sidebars, footers, scripts, and lists of other posts.
func (pg *page) excluded(n *html.Node) bool {
	if v, ok := pg.skip[n]; ok {
		return v
	}
	v := false
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Nav, atom.Aside, atom.Footer, atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Select, atom.Button, atom.Svg, atom.Template:
			v = true
		default:
			cls := attr(n, "class") + " " + attr(n, "id")
			v = skipClass.MatchString(cls) || n.DataAtom != atom.Body && n.DataAtom != atom.Html && !contains(n, pg.h1) && listing(n)
		}
	}
	pg.skip[n] = v
	return v
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// listing reports whether n is a list of other posts: several links whose
// texts read as titles, making up much of its text.
func listing(n *html.Node) bool {
	links, linkRunes := 0, 0
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if c.Type == html.ElementNode && c.DataAtom == atom.A {
			t := strings.TrimSpace(nodeText(c))
			if utf8.RuneCountInString(t) >= MinTitleLinkRunes {
				links++
				linkRunes += utf8.RuneCountInString(t)
			}
			return
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	if links < MinListingLinks {
		return false
	}
	all := utf8.RuneCountInString(strings.Join(strings.Fields(nodeText(n)), " "))
	return all > 0 && float64(linkRunes)/float64(all) >= 0.35
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
			b.WriteByte(' ')
		}
		if c.Type == html.ElementNode && (c.DataAtom == atom.Script || c.DataAtom == atom.Style) {
			return
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	return b.String()
}

// inExcluded reports whether n or an ancestor is excluded.
func (pg *page) inExcluded(n *html.Node) bool {
	for c := n; c != nil; c = c.Parent {
		if pg.excluded(c) {
			return true
		}
	}
	return false
}

// isBlock reports the elements that start a new line.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Td, atom.Th, atom.Li, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Blockquote,
		atom.Address, atom.Section, atom.Article, atom.Header, atom.Figure, atom.Figcaption, atom.Table, atom.Tr, atom.Ul,
		atom.Ol, atom.Dl, atom.Dd, atom.Dt, atom.Center, atom.Br, atom.Hr, atom.Main, atom.Form, atom.Pre:
		return true
	}
	return false
}

func isEmphasis(a atom.Atom) bool {
	switch a {
	case atom.B, atom.Strong, atom.Em, atom.I, atom.Cite:
		return true
	}
	return false
}

var rightRe = regexp.MustCompile(`(?i)text-align\s*:\s*right`)

// rightClass names the usual right-alignment classes (Bootstrap, editors).
var rightClass = regexp.MustCompile(`(?i)\b(text-right|text-end|pull-right|float-right|align-?right|has-text-align-right)\b`)

// line is one rendered line of the article.
type line struct {
	text   string
	block  *html.Node
	styled bool
	inBody bool
}

// render cuts the text of root into lines, skipping excluded elements.
func (pg *page) render(root, body *html.Node) []line {
	var out []line
	var cur strings.Builder
	emph, plain := 0, 0
	var block *html.Node
	inBody := false
	flush := func() {
		t := strings.Join(strings.Fields(cur.String()), " ")
		if t != "" {
			styled := plain == 0 && emph > 0 || rightAligned(block, root) || authorish(block, root)
			out = append(out, line{text: t, block: block, styled: styled, inBody: inBody})
		}
		cur.Reset()
		emph, plain = 0, 0
	}
	var walk func(n *html.Node, em bool, blk *html.Node, ib bool)
	walk = func(n *html.Node, em bool, blk *html.Node, ib bool) {
		if n != root && pg.excluded(n) {
			return
		}
		if n == body {
			ib = true
		}
		switch n.Type {
		case html.TextNode:
			if strings.TrimSpace(n.Data) == "" {
				cur.WriteString(" ")
				return
			}
			if cur.Len() == 0 || strings.TrimSpace(cur.String()) == "" {
				block, inBody = blk, ib
			}
			cur.WriteString(n.Data)
			if em {
				emph++
			} else {
				plain++
			}
			return
		case html.ElementNode:
			if isBlock(n.DataAtom) {
				flush()
				blk = n
			}
			if isEmphasis(n.DataAtom) {
				em = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, em, blk, ib)
		}
		if n.Type == html.ElementNode && isBlock(n.DataAtom) {
			flush()
		}
	}
	walk(root, false, root, root == body)
	flush()
	return out
}

// rightAligned reports whether blk (or an ancestor below root) is right-aligned.
func rightAligned(blk, root *html.Node) bool {
	for n := blk; n != nil; n = n.Parent {
		if strings.EqualFold(attr(n, "align"), "right") || rightRe.MatchString(attr(n, "style")) || rightClass.MatchString(attr(n, "class")) {
			return true
		}
		if n == root {
			break
		}
	}
	return false
}

// authorish reports whether blk (or an ancestor below root) is an author element.
func authorish(blk, root *html.Node) bool {
	for n := blk; n != nil && n != root; n = n.Parent {
		if authorClass.MatchString(attr(n, "class")+" "+attr(n, "id")) || attr(n, "itemprop") == "author" || attr(n, "rel") == "author" {
			return true
		}
	}
	return false
}

// Collect reads the evidence of who sent a post from its page: the title
// prefix, author elements and meta[name=author], "Nguồn:" lines, and the
// last lines of the article. title is the post's title as extracted ("" to
// read the page's h1). Sidebars, navigation, footers and lists of other
// posts are never read.
func Collect(doc *goquery.Document, title string) []Evidence {
	pg := &page{skip: map[*html.Node]bool{}}
	var evs []Evidence
	h1 := titleNode(doc, pg)
	if title == "" && h1 != nil {
		title = strings.TrimSpace(nodeText(h1))
	}
	if p := titlePrefix(title); p != "" {
		evs = append(evs, Evidence{Text: p, Found: FoundTitle})
	} else if h1 != nil {
		if p := titlePrefix(strings.Join(strings.Fields(nodeText(h1)), " ")); p != "" {
			evs = append(evs, Evidence{Text: p, Found: FoundTitle})
		}
	}
	body := bodyNode(doc, pg)
	region := body
	if body != nil && h1 != nil {
		for a := body; a != nil; a = a.Parent {
			if contains(a, h1) {
				if a.DataAtom != atom.Body && a.DataAtom != atom.Html {
					region = a
				}
				break
			}
		}
	}
	seen := map[*html.Node]bool{}
	if region != nil {
		lines := pg.render(region, body)
		start := 0
		for i, l := range lines {
			if l.inBody {
				start = i
				break
			}
		}
		// A byline ends the article: the last lines from the body on.
		from := max(start, len(lines)-BodyEndLines)
		for _, l := range lines[from:] {
			evs = append(evs, Evidence{Text: l.text, Found: FoundByline, Styled: l.styled})
			seen[l.block] = true
		}
		// "Tác giả:" and "Nguồn:" also stand under the title.
		for _, l := range lines[start:min(len(lines), start+BodyStartLines)] {
			if seen[l.block] {
				continue
			}
			if i := strings.IndexAny(l.text, ":"); i > 0 {
				if k, ok := labelKind(l.text[:i]); ok && k != FoundByline {
					evs = append(evs, Evidence{Text: l.text, Found: k, Styled: l.styled})
					seen[l.block] = true
				}
			}
		}
	}
	// Author and source elements anywhere in the page, outside sidebars.
	doc.Find("[itemprop=author], [rel=author], [class], [id]").Each(func(_ int, s *goquery.Selection) {
		n := s.Get(0)
		if seen[n] || !(attr(n, "itemprop") == "author" || attr(n, "rel") == "author" || authorClass.MatchString(attr(n, "class")+" "+attr(n, "id"))) {
			return
		}
		if pg.inExcluded(n) || seen[n.Parent] {
			return
		}
		t := strings.Join(strings.Fields(nodeText(n)), " ")
		if t == "" || utf8.RuneCountInString(t) > 200 {
			return
		}
		seen[n] = true
		f := FoundAuthor
		if sourceClass.MatchString(attr(n, "class") + " " + attr(n, "id")) {
			f = FoundSource
		}
		evs = append(evs, Evidence{Text: t, Found: f, Styled: true})
	})
	if v, ok := doc.Find(`meta[name="author"]`).First().Attr("content"); ok && strings.TrimSpace(v) != "" {
		evs = append(evs, Evidence{Text: v, Found: FoundAuthor, Meta: true})
	}
	return evs
}

var (
	bracketRe = regexp.MustCompile(`^\s*[\[(（【]([^\])）】]{2,120})[\])）】]`)
	prefixRe  = regexp.MustCompile(`^\s*([^:：\-–—|]{2,120}?)\s*(?::|：|\s[-–—|]\s)`)
)

// titlePrefix returns the unit-like prefix of a title: "[THPT Chu Văn An]
// …", "(PGD Cư Jút) …", "THPT Chu Văn An: …", "THPT Chu Văn An - …".
func titlePrefix(title string) string {
	if m := bracketRe.FindStringSubmatch(title); m != nil {
		return strings.TrimSpace(m[1])
	}
	if m := prefixRe.FindStringSubmatch(title); m != nil && len(strings.Fields(m[1])) <= MaxTitlePrefixWords {
		return strings.TrimSpace(m[1])
	}
	return ""
}

// contains reports whether a is n or an ancestor of n.
func contains(a, n *html.Node) bool {
	for c := n; c != nil; c = c.Parent {
		if c == a {
			return true
		}
	}
	return false
}

// titleNode is the page's title heading outside navigation, sidebars and
// footers (set before lists of posts are told apart: they never hold it).
func titleNode(doc *goquery.Document, pg *page) *html.Node {
	for _, n := range doc.Find("h1").Nodes {
		if strings.TrimSpace(nodeText(n)) == "" {
			continue
		}
		ok := true
		for c := n; c != nil; c = c.Parent {
			if c.Type == html.ElementNode {
				switch c.DataAtom {
				case atom.Nav, atom.Aside, atom.Footer:
					ok = false
				}
				if skipClass.MatchString(attr(c, "class") + " " + attr(c, "id")) {
					ok = false
				}
			}
		}
		if ok {
			pg.h1 = n
			return n
		}
	}
	return nil
}

// bodyNode is the element holding the most paragraph text outside excluded
// containers: paragraphs credit their parent, and text between <br>s the
// element itself.
func bodyNode(doc *goquery.Document, pg *page) *html.Node {
	score := map[*html.Node]int{}
	var best *html.Node
	bestN := 0
	credit := func(n *html.Node, k int) {
		score[n] += k
		if score[n] > bestN {
			best, bestN = n, score[n]
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if pg.excluded(n) {
			return
		}
		if n.Type == html.ElementNode && n.Parent != nil {
			switch n.DataAtom {
			case atom.P:
				credit(n.Parent, utf8.RuneCountInString(strings.TrimSpace(nodeText(n))))
			case atom.Div, atom.Td, atom.Article, atom.Section:
				own := 0
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.TextNode {
						own += utf8.RuneCountInString(strings.TrimSpace(c.Data))
					}
				}
				if own > 0 {
					credit(n, own)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range doc.Find("body").Nodes {
		walk(n)
	}
	if bestN < MinBodyRunes {
		if b := doc.Find("body").Nodes; len(b) > 0 {
			return b[0]
		}
		return nil
	}
	return best
}
