package extract

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
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

// Options tune extraction for one unit.
type Options struct {
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
func FromHTML(body []byte, pageURL string, o Options) *Page {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	p := &Page{URL: pageURL, Canonical: pageURL}
	if err != nil {
		p.NotPost = "unparseable HTML"
		return p
	}
	return FromDocument(doc, pageURL, o)
}

// FromDocument is Extract on a parsed document.
func FromDocument(doc *goquery.Document, pageURL string, o Options) *Page {
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
