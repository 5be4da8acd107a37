package extract

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// Page is what one page says about itself.
type Page struct {
	URL       string
	Canonical string
	Title     string
	// Date is the page's own publication date (or Options.Hint when it
	// shows none); zero when it has none, and for listings, hubs, tag pages
	// and home pages, whose dates are their items'.
	Date Date
	// Modified is the modification date when the page declares one.
	Modified time.Time
	// Type is what the page is; Evidence says why, for people.
	Type     Type
	Evidence []string
	// IsPost is Type == TypePost: one main article with a title and a body.
	IsPost bool
	// NotPost says why a page was not taken for a post.
	NotPost         string
	Images          int
	CaptionedImages int
	AltImages       int
	BodyChars       int
	// Empty is set when the body has fewer than Options.EmptyBodyChars
	// characters: a title only, attachments only, or a short text.
	Empty       *Empty
	ContentHash string
	// Article reports structured evidence of an article (og:type, schema.org).
	Article bool
	// OrderVotes are what this page says about the site's numeric date
	// order; feed them to a DateOrder learner.
	OrderVotes OrderVotes

	// prints are the page's block fingerprints when it was read with a
	// template, for Template.LearnPage.
	prints *pagePrints
}

// Options tune extraction for one unit.
type Options struct {
	Location     *time.Location
	Now          time.Time
	DateSelector string
	DateLayout   string
	// Hint is a date known from discovery (a feed's pubDate, a listing
	// row's date), used when the page has none of its own.
	Hint Date
	// SkipFallback turns off the wider last search (script data, a date
	// line of the page's own anywhere in the article's container), which
	// otherwise dates a page on which the other sources found nothing.
	SkipFallback bool
	// Template is the site's template learnt from its other pages; nil for
	// a lone page, which in-page evidence alone decides.
	Template *Template
	// Prints are what Template.PrintsOf took of the document being read,
	// when the caller fingerprinted it to learn the template first; the
	// page is then not walked a second time. Prints of another document
	// are ignored.
	Prints Prints
	// Order is the site's numeric date order (DateOrder.Order); the zero
	// value is day first unless the page itself says otherwise.
	Order Order
	// EmptyBodyChars is the body length under which a post is empty
	// (Page.Empty). Default DefaultEmptyBodyChars.
	EmptyBodyChars int

	// own is set by FromDocument for the page being read.
	own *owner
}

// FromHTML reads a page (UTF-8 HTML) fetched from pageURL.
func FromHTML(body []byte, pageURL string, o Options) *Page {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	p := &Page{URL: pageURL, Canonical: pageURL}
	if err != nil {
		p.Type, p.NotPost = TypeOther, "unparseable HTML"
		p.Evidence = []string{p.NotPost}
		return p
	}
	return FromDocument(doc, pageURL, o)
}

// FromDocument is FromHTML on a parsed document. It does not change doc.
func FromDocument(doc *goquery.Document, pageURL string, o Options) *Page {
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	p := &Page{URL: pageURL, Canonical: pageURL}
	base, _ := url.Parse(pageURL)
	self := base
	ix := indexDoc(doc)
	if href, ok := sel(ix.base).Attr("href"); ok && base != nil {
		if b, err := base.Parse(href); err == nil {
			base = b
		}
	}

	// Canonical URL.
	for _, s := range []*goquery.Selection{sel(ix.link("canonical")), sel(ix.meta("og:url"))} {
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

	var root *html.Node
	if len(doc.Nodes) > 0 {
		root = doc.Nodes[0]
	}
	var marks map[*html.Node]bool
	if o.Template != nil && root != nil {
		pr := o.Prints
		if pr.root != root {
			pr = o.Template.printsOf(root)
		}
		p.prints, marks = pr.pp, o.Template.marks(pr)
	}
	own := &owner{page: base, marks: marks, lim: DefaultEvidenceLimits, cache: map[*html.Node]bool{}, ix: ix}
	o.own = own
	p.OrderVotes = pageVotes(doc, o)
	o.Order = pageOrder(p.OrderVotes, o.Order)

	ld := own.jsonLD()
	ogType, _ := sel(ix.meta("og:type")).Attr("content")
	p.Article = strings.EqualFold(strings.TrimSpace(ogType), "article") || ld.article ||
		ix.hasItemtype("schema.org/Article", "schema.org/NewsArticle", "schema.org/BlogPosting")

	body, bodyBySize := bodyNode(doc, own.marks)
	if body != nil {
		own.rescue(body.Get(0))
		own.body = body.Get(0)
	}

	// Title.
	title := ""
	if v, ok := sel(ix.meta("og:title")).Attr("content"); ok {
		title = v
	}
	docTitles := []string{}
	for _, t := range []string{title, sel(ix.title).Text()} {
		if t = normBlockText(t); t != "" {
			docTitles = append(docTitles, t)
		}
	}
	h1 := titleNode(doc, func(s *goquery.Selection) bool {
		return own.inMarks(s.Get(0)) || hidden(s) || homeHeading(s.Get(0), base)
	}, docTitles)
	if h1 == nil {
		// No heading marked as the title: the line that spells the address.
		h1 = slugTitleNode(doc, body, self, own)
		if h1 == nil && bodyBySize {
			// The body was only the page's longest run of paragraphs; the
			// line that spells the address, elsewhere, with text under it,
			// is the article (its text in divisions, not paragraphs).
			if t := slugTitleNode(doc, nil, self, own); t != nil {
				if b := bodyUnderTitle(doc, t.Get(0), own.marks); b != nil && b.Length() > 0 {
					h1, body = t, b
					own.rescue(body.Get(0))
					own.body = body.Get(0)
				}
			}
		}
	}
	if body == nil && h1 != nil {
		// No body by its markup: the paragraphs under the title.
		if b := bodyUnderTitle(doc, h1.Get(0), own.marks); b != nil && b.Length() > 0 {
			body = b
			own.body = b.Get(0)
		}
	}
	if h1 != nil {
		own.h1 = h1.Get(0)
	}
	if title == "" && h1 != nil {
		title = h1.Text()
	}
	if title == "" {
		title = sel(ix.title).Text()
		for _, sep := range []string{" | ", " - ", " – ", " :: "} {
			if i := strings.LastIndex(title, sep); i > 10 {
				title = title[:i]
				break
			}
		}
	}
	p.Title = strings.Join(strings.Fields(title), " ")

	region := articleRegion(doc, h1, body)
	if region == nil && h1 != nil {
		region = titleRegion(h1)
	}
	if region != nil {
		own.region = region.Get(0)
	}
	if h1 == nil && region != nil {
		// Table layouts: the first short bold or large line of the article is its title.
		region.Find("h2, h3, .title, font b, b, strong").EachWithBreak(func(_ int, s *goquery.Selection) bool {
			t := strings.Join(strings.Fields(s.Text()), " ")
			if n := len([]rune(t)); n >= 10 && n <= 250 && s.Closest("p").Length() == 0 && !own.notOwn(s.Get(0)) {
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
	var structured bool
	p.Date, p.Modified, structured = findDate(doc, region, h1, body, ld, o)
	urlDate := pathDate(base, p.Canonical, o)
	if !p.Date.IsZero() && !urlDate.IsZero() {
		p.Date = alignToURLDay(p.Date, urlDate, o.Location)
	}
	if p.Date.IsZero() {
		p.Date = urlDate
	}
	ownDate := !p.Date.IsZero()
	hinted := false
	if p.Date.IsZero() && !o.Hint.IsZero() {
		p.Date, hinted = o.Hint, true
	}
	guessed := false
	if p.Date.IsZero() && !o.SkipFallback {
		p.Date = guessDate(doc, o)
		guessed = !p.Date.IsZero()
	}

	// Images.
	if region != nil {
		p.Images, p.CaptionedImages, p.AltImages = countImages(region, p.Title, own)
	}
	p.Empty = emptyOf(region, body, base, p.Title, p.BodyChars, p.Images, o.EmptyBodyChars, own)

	// What the page is.
	hiddenStamp := ownDate && structured && !dayShown(ix.body, p.Date.Time.In(o.Location))
	files, fileText := 0, 0
	if region != nil {
		var skipTitle map[*html.Node]bool
		if h1 != nil {
			skipTitle = map[*html.Node]bool{h1.Get(0): true}
		}
		files, fileText = fileRefs(region.Get(0)), textRunes(region.Get(0), skipTitle, own.marks)
	}
	p.Type, p.Evidence = own.classify(doc, pageFacts{
		page: base, self: self, title: p.Title, h1: h1, body: body, region: region,
		ownDate: ownDate, structured: structured, guessedDate: guessed, hinted: hinted, article: p.Article,
		hiddenStamp: hiddenStamp,
		docPage:     reDocPage.MatchString(limitText(region, 4000)), images: p.Images, menuLinked: own.menuLinked(doc),
		menuLabel: ownDate && own.menuLabelled(doc, p.Title), files: files, fileText: fileText,
	})
	switch p.Type {
	case TypePost:
		p.IsPost = true
	case TypeListing, TypeHub, TypeTag, TypeHome:
		// Their dates are their items'.
		p.Date = Date{}
		p.NotPost = string(p.Type) + " page"
	default:
		if own.stampOnly {
			// Not a post because its only date is a stamp it never shows: its CMS's.
			p.Date = Date{}
		}
		p.NotPost = string(p.Type) + " page"
	}
	if !p.IsPost && len(p.Evidence) > 0 {
		p.NotPost += ": " + p.Evidence[len(p.Evidence)-1]
	}
	return p
}
