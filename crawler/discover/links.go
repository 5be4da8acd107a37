package discover

import (
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Link is one same-site link of a page with what the page says around it.
type Link struct {
	// URL is absolute, without fragment.
	URL string
	// Text is the anchor text (or its title or image alt), the richest of
	// the page's anchors to this URL.
	Text string
	// Template is Template of URL.
	Template string
	// Nav reports a link inside navigation: nav, header and footer
	// elements, ARIA navigation, or containers named as menus.
	Nav bool
	// Block is the signature of the list, table or grid the link's item
	// sits in: links of one repeated block share it.
	Block string
	// Date is a date printed in the link's own item (its list row, table
	// row or card, never a neighbour's), zero when none; DateRaw is the text
	// it was read from.
	Date    time.Time
	DateRaw string
	// Next reports rel="next".
	Next bool
	// Order is the position of the link's first anchor on the page.
	Order int
}

// Dates parses dates for Links; the crawler passes its date readers, which
// know the site's zone and date order.
type Dates interface {
	// Text finds a date written in text; raw is the matched text.
	Text(text string) (t time.Time, raw string, ok bool)
	// Machine parses a machine-readable date (a datetime attribute).
	Machine(v string) (time.Time, bool)
}

// Limits of link reading.
const (
	// maxItemText is the most text (bytes) a link's item may hold: a larger
	// container is a region of the page, not the link's row or card.
	maxItemText = 600
	// maxAnchors bounds the anchors read on one page.
	maxAnchors = 5000
)

// Page is what Links read of one page.
type Page struct {
	Links []Link
	// Feeds are the feeds the page declares in its head.
	Feeds []string
	// Lang is the primary language subtag of the page (html lang), lowercased.
	Lang string
	// Versions are the other-language versions the page declares in its
	// head (<link rel="alternate" hreflang="…" href="…">): primary
	// language subtag, lowercased, to absolute URL; the first declared of
	// a language counts. A page may list itself among them.
	Versions map[string]string
	// Session are the (lowercased) names of session parameters the page
	// appends to its links; templates leave them out.
	Session map[string]bool
}

// Read reads the same-site links of a parsed page. base is the page's URL
// (or its <base href>); same reports whether a URL belongs to the site.
//
// canon, when not nil, gives the identity of a link (tracking parameters
// removed): links that differ only there are one link, and the template
// is that of the identity; the link keeps the URL the page wrote.
func Read(root *html.Node, base *url.URL, same func(*url.URL) bool, canon func(string) string, dates Dates) *Page {
	return ReadWith(root, base, NewResolver(same, canon), dates)
}

// ReadWith is Read with the links resolved by res, which a crawl keeps for
// all the pages of a site.
func ReadWith(root *html.Node, base *url.URL, res *Resolver, dates Dates) *Page {
	r := &reader{base: base, res: res, same: res.same, canon: res.canon, dates: dates, uniq: map[*html.Node]string{}, size: map[*html.Node]int{}, index: map[string]int{}, card: map[int]*html.Node{}, cardRaw: map[int]string{},
		timed: map[*html.Node]bool{}, templates: map[string]string{}}
	r.measure(root) // fills uniq, size and timed
	pg := &Page{}
	r.walk(root, false, pg)
	pg.Links = r.links
	pg.Session = sessionParams(pg.Links)
	if len(pg.Session) > 0 {
		for i := range pg.Links {
			id := pg.Links[i].URL
			if r.canon != nil {
				id = r.canon(id)
			}
			if u, err := url.Parse(id); err == nil {
				pg.Links[i].Template = TemplateWithout(u, pg.Session)
			}
		}
	}
	return pg
}

// minSessionLinks is how many links of a page must carry one random value
// of a parameter for it to be a session parameter.
const minSessionLinks = 3

// sessionParams finds the parameters of a page's links whose value is a
// random token shared by several links (a session id the site appends to
// every link), whatever the parameter is called: they name no page.
func sessionParams(links []Link) map[string]bool {
	type nv struct{ name, value string }
	n := map[nv]int{}
	families := map[nv]map[string]bool{} // templates of the links carrying it
	for _, l := range links {
		u, err := url.Parse(l.URL)
		if err != nil || u.RawQuery == "" {
			continue
		}
		for k, vs := range u.Query() {
			if len(vs) == 1 && hashLike(strings.ToLower(vs[0])) {
				key := nv{strings.ToLower(k), vs[0]}
				n[key]++
				if families[key] == nil {
					families[key] = map[string]bool{}
				}
				families[key][TemplateWithout(u, map[string]bool{key.name: true})] = true
			}
		}
	}
	var out map[string]bool
	for k, c := range n {
		// Links of one family sharing a random value are one page's
		// variants (a GUID-named category and its pages), not a session.
		if c >= minSessionLinks && len(families[k]) >= 2 {
			if out == nil {
				out = map[string]bool{}
			}
			out[k.name] = true
		}
	}
	return out
}

type reader struct {
	base  *url.URL
	res   *Resolver
	same  func(*url.URL) bool
	canon func(string) string
	dates Dates
	// uniq is, per node, the one href all anchors below it share ("" for
	// none, multi for several).
	uniq  map[*html.Node]string
	size  map[*html.Node]int // text bytes below a node
	links []Link
	index map[string]int
	n     int
	// card is, per link dated by its card (cardDate), the card; nil once
	// the link was shown outside it. cardRaw is the date read there.
	card    map[int]*html.Node
	cardRaw map[int]string
	// timed marks the nodes with a <time> element below them.
	timed map[*html.Node]bool
	// templates memoises the template of an href as oneItem reads it.
	templates map[string]string
}

const multi = "\x00multi"

// measure fills uniq, size and timed bottom-up.
func (r *reader) measure(n *html.Node) (href string, size int, timed bool) {
	switch n.Type {
	case html.TextNode:
		return "", len(strings.TrimSpace(n.Data)), false
	case html.ElementNode:
		if n.DataAtom == atom.Script || n.DataAtom == atom.Style || n.DataAtom == atom.Noscript {
			timed = findFirst(n, atom.Time) != nil
			if timed {
				r.timed[n] = true
			}
			return "", 0, timed
		}
	}
	if n.Type == html.ElementNode && n.DataAtom == atom.A {
		href = strings.TrimSpace(attr(n, "href"))
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		h, s, t := r.measure(c)
		size += s
		timed = timed || t || c.Type == html.ElementNode && c.DataAtom == atom.Time
		switch {
		case h == "":
		case href == "":
			href = h
		case href != h:
			href = multi
		}
	}
	if href != "" {
		r.uniq[n] = href
	}
	if timed {
		r.timed[n] = true
	}
	r.size[n] = size
	return href, size, timed
}

func (r *reader) walk(n *html.Node, nav bool, pg *Page) {
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template:
			return
		case atom.Html:
			if l := strings.ToLower(strings.TrimSpace(attr(n, "lang"))); l != "" {
				l, _, _ = strings.Cut(l, "-")
				pg.Lang = l
			}
		case atom.Link:
			rel := strings.ToLower(attr(n, "rel"))
			typ := strings.ToLower(attr(n, "type"))
			if strings.Contains(" "+rel+" ", " alternate ") && (strings.Contains(typ, "rss") || strings.Contains(typ, "atom") || strings.Contains(typ, "feed+json")) {
				if u, err := r.base.Parse(strings.TrimSpace(attr(n, "href"))); err == nil && attr(n, "href") != "" {
					pg.Feeds = append(pg.Feeds, u.String())
				}
			}
			if hl := strings.ToLower(strings.TrimSpace(attr(n, "hreflang"))); hl != "" && strings.Contains(" "+rel+" ", " alternate ") {
				hl, _, _ = strings.Cut(hl, "-")
				href := strings.TrimSpace(attr(n, "href"))
				if u, err := r.base.Parse(href); err == nil && href != "" && pg.Versions[hl] == "" {
					if pg.Versions == nil {
						pg.Versions = map[string]string{}
					}
					pg.Versions[hl] = u.String()
				}
			}
			if strings.Contains(" "+rel+" ", " next ") {
				r.add(n, attr(n, "href"), "", false, true)
			}
		}
		if !nav && navLike(n) {
			nav = true
		}
		if n.DataAtom == atom.A {
			r.anchor(n, nav)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c, nav, pg)
	}
}

// navLike reports navigation containers: semantic elements first; class
// and id names only as the common ways of saying "menu".
func navLike(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Nav, atom.Header, atom.Footer, atom.Aside:
		return true
	}
	if attr(n, "role") == "navigation" {
		return true
	}
	ci := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	for _, w := range []string{"menu", "navbar", "nav ", "nav-", "breadcrumb", "footer", "header", "sidebar"} {
		if strings.Contains(ci+" ", w) {
			return true
		}
	}
	return false
}

func (r *reader) anchor(a *html.Node, nav bool) {
	href := strings.TrimSpace(attr(a, "href"))
	text := strings.Join(strings.Fields(textOf(a)), " ")
	if text == "" {
		text = strings.TrimSpace(attr(a, "title"))
	}
	if text == "" {
		if img := findFirst(a, atom.Img); img != nil {
			text = strings.TrimSpace(attr(img, "alt"))
		}
	}
	rel := strings.ToLower(attr(a, "rel"))
	i := r.add(a, href, text, nav, strings.Contains(" "+rel+" ", " next "))
	if card, ok := r.card[i]; ok && i >= 0 && (card == nil || !contains(card, a)) {
		// Shown in several cards (a category link in each): no card's date
		// is its own.
		r.card[i] = nil
		if r.links[i].DateRaw == r.cardRaw[i] {
			r.links[i].Date, r.links[i].DateRaw = time.Time{}, ""
		}
		return
	}
	if i < 0 || !r.links[i].Date.IsZero() || r.dates == nil {
		return
	}
	// The link's item: the largest ancestor whose anchors all point here,
	// small enough to be a row or a card.
	item := a
	for p := a.Parent; p != nil && p.Type == html.ElementNode; p = p.Parent {
		if r.uniq[p] != href || r.size[p] > maxItemText || p.DataAtom == atom.Body {
			break
		}
		item = p
	}
	l := &r.links[i]
	if l.Block == "" {
		l.Block = blockOf(item)
	}
	if item == a {
		// The anchor alone; a date may still sit in its own text.
		if t, raw, ok := r.dates.Text(text); ok && len(text) < maxItemText {
			l.Date, l.DateRaw = t, raw
		}
		return
	}
	if tn := findFirst(item, atom.Time); tn != nil {
		if t, ok := r.dates.Machine(attr(tn, "datetime")); ok {
			l.Date, l.DateRaw = t, attr(tn, "datetime")
			return
		}
	}
	ctx := strings.Join(strings.Fields(textOf(item)), " ")
	if text != "" {
		ctx = strings.Replace(ctx, text, " ", 1)
	}
	if t, raw, ok := r.dates.Text(ctx); ok {
		l.Date, l.DateRaw = t, raw
		return
	}
	if card := r.cardDate(item, href, l); card != nil {
		r.card[i], r.cardRaw[i] = card, l.DateRaw
	}
}

// contains reports whether n is an ancestor of c (or c itself).
func contains(n, c *html.Node) bool {
	for ; c != nil; c = c.Parent {
		if c == n {
			return true
		}
	}
	return false
}

// maxCardText is the most text (bytes) of a card read for its machine
// date: a title, a lead, its category and author links, its date.
const maxCardText = 2000

// maxCardDepth is how many ancestors above a link's item are tried as its card.
const maxCardDepth = 3

// cardDate dates a link whose item showed no date from the machine date
// (<time datetime>) of its card: the nearest ancestor, small enough to be
// one card, whose other anchors point to pages of other templates (a
// category or author link beside the title), so that no other item of the
// list shares it. A link shown in several cards (that category link) keeps
// no card's date. Text dates of a card stay unread: a lead may name the
// event's day.
func (r *reader) cardDate(item *html.Node, href string, l *Link) *html.Node {
	// The cards the item may stand in: its ancestors up to maxCardDepth,
	// while they hold no more text than a card.
	var cards [maxCardDepth]*html.Node
	n := 0
	for p := item.Parent; n < maxCardDepth && p != nil && p.Type == html.ElementNode && p.DataAtom != atom.Body && r.size[p] <= maxCardText; p = p.Parent {
		cards[n] = p
		n++
	}
	// A card is dated only by a <time> below it: when the largest card the
	// walk could reach holds none, no card does.
	if n == 0 || !r.timed[cards[n-1]] {
		return nil
	}
	for _, p := range cards[:n] {
		if !r.oneItem(p, href, l.Template) {
			return nil
		}
		if !r.timed[p] {
			continue
		}
		if tn := findFirst(p, atom.Time); tn != nil {
			if t, ok := r.dates.Machine(attr(tn, "datetime")); ok {
				l.Date, l.DateRaw = t, attr(tn, "datetime")
				return p
			}
			return nil
		}
	}
	return nil
}

// oneItem reports whether every anchor below n either points to href or to
// a page of another template than tmpl.
func (r *reader) oneItem(n *html.Node, href, tmpl string) bool {
	ok := true
	var f func(*html.Node)
	f = func(c *html.Node) {
		if !ok {
			return
		}
		if c.Type == html.ElementNode && c.DataAtom == atom.A {
			if h := strings.TrimSpace(attr(c, "href")); h != "" && h != href {
				if t, known := r.hrefTemplate(h); known && t == tmpl {
					ok = false
					return
				}
			}
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			f(k)
		}
	}
	f(n)
	return ok
}

// hrefTemplate is the template of the identity of an href of the page
// (known false when it does not parse), computed once per href.
func (r *reader) hrefTemplate(h string) (string, bool) {
	if t, ok := r.templates[h]; ok {
		return t, t != unparsed
	}
	t := unparsed
	if u, err := r.base.Parse(h); err == nil {
		id := u.String()
		if r.canon != nil {
			id = r.canon(id)
		}
		if cu, err := url.Parse(id); err == nil {
			t = Template(cu)
		}
	}
	r.templates[h] = t
	return t, t != unparsed
}

// unparsed marks an href that does not parse in reader.templates.
const unparsed = "\x00unparsed"

// add records an anchor; it returns the link's index or -1.
func (r *reader) add(n *html.Node, href, text string, nav, next bool) int {
	if href == "" || strings.HasPrefix(href, "#") || len(r.links) >= maxAnchors {
		return -1
	}
	lh := strings.ToLower(href)
	if strings.HasPrefix(lh, "javascript:") || strings.HasPrefix(lh, "mailto:") || strings.HasPrefix(lh, "tel:") || strings.HasPrefix(lh, "data:") {
		return -1
	}
	rl := r.res.resolve(r.base, href)
	if !rl.ok {
		return -1
	}
	raw, s := rl.raw, rl.id
	if i, ok := r.index[s]; ok {
		l := &r.links[i]
		if len(l.Text) < len(text) {
			l.Text = text
		}
		l.Next = l.Next || next
		l.Nav = l.Nav && nav // a link also shown outside navigation is content
		return i
	}
	r.n++
	r.links = append(r.links, Link{URL: raw, Text: text, Template: rl.template, Nav: nav, Next: next, Order: r.n})
	r.index[s] = len(r.links) - 1
	return len(r.links) - 1
}

// blockOf is the signature of the container of a link's item: the tags and
// classes of its parent and grandparent, with the item's own tag.
func blockOf(item *html.Node) string {
	var b strings.Builder
	b.WriteString(item.Data)
	for p, i := item.Parent, 0; p != nil && p.Type == html.ElementNode && i < 3; p, i = p.Parent, i+1 {
		b.WriteByte('<')
		b.WriteString(p.Data)
		if c := strings.Fields(attr(p, "class")); len(c) > 0 {
			b.WriteByte('.')
			b.WriteString(c[0])
		}
		if id := attr(p, "id"); id != "" {
			b.WriteByte('#')
			b.WriteString(id)
		}
	}
	return b.String()
}

func attr(n *html.Node, k string) string {
	for _, a := range n.Attr {
		if a.Key == k {
			return a.Val
		}
	}
	return ""
}

func findFirst(n *html.Node, a atom.Atom) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == a {
			return c
		}
		if f := findFirst(c, a); f != nil {
			return f
		}
	}
	return nil
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
			return
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	return b.String()
}
