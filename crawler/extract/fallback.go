package extract

import (
	"regexp"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/markusmobius/go-dateparser"
	"github.com/markusmobius/go-htmldate"
	"golang.org/x/net/html"
)

// htmldateFallback asks go-htmldate (extensive search, original date) for
// the publication date of a page on which sitewatch found none. It runs on
// the parsed document without changing it; the date is a day in o.Location.
func htmldateFallback(doc *goquery.Document, pageURL string, o Options) Date {
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
	if !Plausible(t, o.Now) || reCopyright.MatchString(r.SrcString) {
		return Date{}
	}
	if !shownAsOwn(doc, t, o) {
		return Date{}
	}
	// The text it was read from, when sitewatch reads a date there too,
	// must be the page's own under that reading.
	if tt, _, ok := ParseTextDateOrder(snippetText(r.SrcString), o.Location, o.Now, o.Order); ok && !shownAsOwn(doc, tt, o) {
		return Date{}
	}
	return Date{Time: t, Source: "go-htmldate", Raw: strings.TrimSpace(r.SrcString), DayOnly: true}
}

// shownAsOwn checks a guessed day against the page's text: when the page
// shows that day in its text, at least one place must be the page's own
// (not a template block, a list of other pages, a copyright line or a
// sentence, a block beside the article). A day the text never shows (read
// from an attribute or a script) stands.
func shownAsOwn(doc *goquery.Document, day time.Time, o Options) bool {
	shown, own := false, false
	want := day.Format(time.DateOnly)
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !own; c = c.NextSibling {
			switch c.Type {
			case html.ElementNode:
				if !skipTags[c.Data] {
					rec(c)
				}
			case html.TextNode:
				text := strings.Join(strings.Fields(c.Data), " ")
				if len(text) < 6 || !strings.ContainsAny(text, "0123456789") {
					continue
				}
				t, raw, ok := ParseTextDateOrder(text, o.Location, o.Now, o.Order)
				if !ok || t.Format(time.DateOnly) != want {
					continue
				}
				shown = true
				el := c.Parent
				full := text
				if t, ok := normText(el, 400); ok {
					full = t
				}
				if !o.own.notOwn(el) && !reCopyright.MatchString(full) && !o.own.inSentence(full, raw) && o.own.nearArticle(el) {
					own = true
				}
			}
		}
	}
	if len(doc.Nodes) > 0 {
		rec(doc.Nodes[0])
	}
	return own || !shown
}

// reTag is an HTML tag in go-htmldate's source string.
var reTag = regexp.MustCompile(`<[^>]*>?`)

// snippetText is the text of an HTML snippet (go-htmldate's source string).
func snippetText(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(reTag.ReplaceAllString(s, " "))), " ")
}
