package extract

import (
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// guessDate is the last of the page's own date sources, for a page on
// which none of the others found a date. It looks wider, in this order:
//
//  1. a publication key in the page's script data ("publishedFirst",
//     "pubDate", "date_published": a value that parses as a date), as
//     CMSs and analytics layers write it for their own use;
//  2. a date shown in the page's text as the page's own: not in a
//     template block or a list of other pages, not a copyright line, not
//     a date the text speaks of, in the article's container; the first
//     after the title heading, else the first before it;
//
// Dates with two-digit years (25.11.26) count here, where a whole text
// node reads as one; the text parser elsewhere wants four digits.
func guessDate(doc *goquery.Document, o Options) Date {
	if len(doc.Nodes) == 0 {
		return Date{}
	}
	if d := scriptDate(doc, o); !d.IsZero() {
		return d
	}
	return textGuess(doc.Nodes[0], o)
}

// reScriptPub is a publication key and its string value in script data.
var reScriptPub = regexp.MustCompile(`(?i)["']([a-z_]*(?:publi|pub_?date|date_?posted|post_?date|created)[a-z_]*)["']\s*:\s*["']([^"'\n]{6,40})["']`)

// reScriptNotPub are key words of dates that are not the publication's.
var reScriptNotPub = regexp.MustCompile(`(?i)modif|updat|last|expir|end|start|event|birth|year|publisher`)

// scriptDate reads the first publication key of the page's script data
// (scripts, JSON-LD aside, read as structured data; data attributes that
// hold an object) whose value is a plausible date.
func scriptDate(doc *goquery.Document, o Options) Date {
	var found Date
	read := func(text string) bool {
		if len(text) < 20 || !strings.Contains(text, "ub") && !strings.Contains(text, "reat") && !strings.Contains(text, "ost") {
			return false
		}
		for _, m := range reScriptPub.FindAllStringSubmatch(text, 20) {
			if reScriptNotPub.MatchString(m[1]) {
				continue
			}
			v := strings.TrimSpace(m[2])
			if t, ok := ParseMachineDate(v, o.Location); ok && Plausible(t, o.Now) {
				found = Date{Time: t, Source: "script " + m[1], Raw: v, DayOnly: len(v) == 10}
				return false
			}
			if !reISOStart.MatchString(v) {
				if t, raw, ok := parseText(v, o.Location, o.Now, o.Order, true); ok && Plausible(t, o.Now) && len(raw) >= len(v)/2 {
					found = Date{Time: t, Source: "script " + m[1], Raw: raw, DayOnly: !reTime.MatchString(raw)}
					return true
				}
			}
		}
		return false
	}
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.Data == "script" {
				if t := attr(c, "type"); !strings.EqualFold(t, "application/ld+json") && c.FirstChild != nil && read(c.FirstChild.Data) {
					return true
				}
				continue
			}
			for _, a := range c.Attr {
				if strings.HasPrefix(a.Key, "data-") && strings.HasPrefix(a.Val, "{") && read(a.Val) {
					return true
				}
			}
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(doc.Nodes[0])
	return found
}

// guessSkip are elements whose text is never the page's date.
var guessSkip = map[string]bool{"nav": true, "footer": true, "select": true, "option": true, "button": true}

// textGuess is the first date shown as the page's own in its text (see
// guessDate): after the title heading in the article's container, else
// before it there.
func textGuess(root *html.Node, o Options) Date {
	var h1 *html.Node
	if o.own != nil {
		h1 = o.own.h1
	}
	seenH1 := h1 == nil
	inArticle := false
	// Text read since the title heading: a byline stands right under it,
	// even where the page's markup puts it outside the article's container.
	sinceH1 := 0
	var after, before, under Date
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.ElementNode:
				if c == h1 {
					seenH1 = true
				}
				if skipTags[c.Data] || guessSkip[c.Data] && !(c.Data == "footer" && inArticle) {
					continue // an article's own footer holds its byline
				}
				if cls := attr(c, "class") + " " + attr(c, "id"); len(cls) > 1 && c.Data != "body" && c.Data != "main" && reLooseSkip.MatchString(cls) && !o.own.ownBranch(c) {
					continue
				}
				if c.Data == "a" && o.own.otherPage(c) != "" {
					continue // another page's title, and the dates in it
				}
				was := inArticle
				inArticle = inArticle || c.Data == "article"
				stop := walk(c)
				inArticle = was
				if stop {
					return true
				}
			case html.TextNode:
				if seenH1 && h1 != nil && !isAncestor(h1, c) {
					sinceH1 += len(strings.TrimSpace(c.Data))
				}
				d, ok := ownTextDate(c, o)
				if !ok {
					continue
				}
				near := o.own.nearArticle(c.Parent)
				switch {
				case near && seenH1:
					after = d
					return true
				case near && before.IsZero():
					before = d
				case !near && seenH1 && h1 != nil && sinceH1 <= guessUnderTitle && under.IsZero():
					under = d
				}
			}
		}
		return false
	}
	walk(root)
	switch {
	case !after.IsZero():
		return after
	case !before.IsZero():
		return before
	}
	return under
}

// guessUnderTitle is how much text (bytes) may stand between the title
// heading and a date line outside the article's container for the date
// to read as the title's byline.
const guessUnderTitle = 300

// guessTextLimit is the longest text (bytes) around a text node that is
// read as one date line; longer text is prose.
const guessTextLimit = 200

// ownTextDate reads the date of text node c when it is shown as the
// page's own (see guessDate).
func ownTextDate(c *html.Node, o Options) (Date, bool) {
	if len(c.Data) < 6 || !strings.ContainsAny(c.Data, "0123456789") || c.Parent == nil {
		return Date{}, false
	}
	text := strings.Join(strings.Fields(c.Data), " ")
	if len(text) < 6 || len(text) > guessTextLimit {
		return Date{}, false
	}
	t, raw, ok := parseText(text, o.Location, o.Now, o.Order, true)
	if !ok || !Plausible(t, o.Now) || !hasYear(raw) {
		return Date{}, false
	}
	el := c.Parent
	full := text
	if t, ok := normText(el, guessTextLimit*2); ok {
		full = t
	}
	if reCopyright.MatchString(full) || reLooseUpd.MatchString(prefixOf(full, raw)) || o.own.notOwn(el) || !o.own.metaLine(el) && o.own.inSentence(text, raw, !underImage(el)) || o.own.titleSubject(c, text, raw) {
		return Date{}, false
	}
	return Date{Time: t, Source: "text of <" + el.Data + ">", Raw: raw, DayOnly: !reTime.MatchString(raw)}, true
}

// prefixOf is the text of full before raw (all of it when raw is not in it).
func prefixOf(full, raw string) string {
	if i := strings.Index(full, raw); i >= 0 {
		return full[:i]
	}
	return full
}

// hasYear reports whether raw names a year (not a relative date such as
// "3 giờ trước").
func hasYear(raw string) bool {
	digits := 0
	for i := 0; i < len(raw); i++ {
		if raw[i] >= '0' && raw[i] <= '9' {
			digits++
		}
	}
	return digits >= 4 || strings.ContainsAny(raw, "./-年")
}
