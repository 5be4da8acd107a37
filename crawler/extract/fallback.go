package extract

import (
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/markusmobius/go-dateparser"
	"github.com/markusmobius/go-htmldate"
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
	if !Plausible(t, o.Now) {
		return Date{}
	}
	return Date{Time: t, Source: "go-htmldate", Raw: strings.TrimSpace(r.SrcString), DayOnly: true}
}
