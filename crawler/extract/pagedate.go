package extract

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// pathDate is the day in the page's URL path, or in its canonical URL's
// path when the page's own has none (/2026/11/25/slug).
func pathDate(base *url.URL, canonical string, o Options) Date {
	paths := []string{}
	if base != nil {
		paths = append(paths, base.Path)
	}
	if u, err := url.Parse(canonical); err == nil && (base == nil || u.Path != base.Path) {
		paths = append(paths, u.Path)
	}
	for _, p := range paths {
		if t, dayKnown, ok := URLDate(p, o.Location); ok && dayKnown && Plausible(t, o.Now) {
			return Date{Time: t, Source: "URL path", Raw: p, DayOnly: true}
		}
	}
	return Date{}
}

var reUTCStamp = regexp.MustCompile(`(?i)(?:\dZ|[+-]00:?00|\b(?:GMT|UTC))$`)

// westmostOffset and eastmostOffset bound the offsets of the zones sites
// publish in (Hawaii, UTC-10; the Line Islands, UTC+14).
const (
	westmostOffset = 10 * time.Hour
	eastmostOffset = 14 * time.Hour
)

// alignToURLDay takes the URL's day for a UTC timestamp whose UTC day is
// the day before or after it: CMSs put the local day of publication in
// permalinks and often write the time in UTC, which crosses midnight.
func alignToURLDay(d, u Date, loc *time.Location) Date {
	if !reUTCStamp.MatchString(d.Raw) {
		return d
	}
	// The day as the stamp writes it (UTC): the URL's day or its neighbour.
	y, m, dd := d.Time.Date()
	day := time.Date(y, m, dd, 0, 0, 0, 0, loc)
	diff := day.Sub(u.Time)
	if diff != 24*time.Hour && diff != -24*time.Hour {
		return d
	}
	// Only a zone in use puts the instant on the URL's day: at most
	// westmostOffset behind UTC, eastmostOffset ahead.
	sinceMidnight := d.Time.Sub(time.Date(y, m, dd, 0, 0, 0, 0, d.Time.Location()))
	if diff > 0 && sinceMidnight >= westmostOffset || diff < 0 && 24*time.Hour-sinceMidnight > eastmostOffset {
		return d
	}
	return Date{Time: u.Time, Source: d.Source + ", day of URL path", Raw: d.Raw + " " + u.Raw, DayOnly: true}
}

type ldInfo struct {
	published, modified, created string
	article                      bool
}

// jsonLD is readJSONLD of the page, read once.
func (w *owner) jsonLD() ldInfo {
	if w.ld == nil {
		ld := readJSONLD(w.ix.ldScripts)
		w.ld = &ld
	}
	return *w.ld
}

// readJSONLD reads datePublished/dateModified from JSON-LD blocks (graphs included).
func readJSONLD(scripts []*html.Node) ldInfo {
	var info ldInfo
	for _, n := range scripts {
		var v any
		text := nodeText(n)
		// The first value: some pages close their JSON-LD with a brace too many.
		if json.NewDecoder(strings.NewReader(text)).Decode(&v) != nil {
			// Not JSON at all (a comma too many, a raw line break in a
			// string): its keys, read as they are written.
			ldKeys(text, &info)
			continue
		}
		var walk func(v any, depth int)
		walk = func(v any, depth int) {
			if depth > 6 {
				return
			}
			switch x := v.(type) {
			case []any:
				for _, e := range x {
					walk(e, depth+1)
				}
			case map[string]any:
				typ := ""
				switch t := x["@type"].(type) {
				case string:
					typ = t
				case []any:
					for _, e := range t {
						if s, ok := e.(string); ok && reArticleTyp.MatchString(s) {
							typ = s
						}
					}
				}
				isArt := reArticleTyp.MatchString(typ)
				if isArt {
					info.article = true
				}
				if dp, ok := x["datePublished"].(string); ok && (info.published == "" || isArt) {
					info.published = dp
				}
				if dm, ok := x["dateModified"].(string); ok && (info.modified == "" || isArt) {
					info.modified = dm
				}
				for _, k := range []string{"dateCreated", "uploadDate"} {
					if dc, ok := x[k].(string); ok && (info.created == "" || isArt) {
						info.created = dc
					}
				}
				for k, e := range x {
					if k == "@graph" || k == "mainEntity" || k == "mainEntityOfPage" {
						walk(e, depth+1)
					}
				}
			}
		}
		walk(v, 0)
	}
	return info
}

// reLDKey is a date key of schema.org and its string value, in JSON-LD
// text that does not parse.
var reLDKey = regexp.MustCompile(`"(datePublished|dateModified|dateCreated|uploadDate)"\s*:\s*"([^"\n]{6,40})"`)

// ldKeys reads the first of each date key of unparsable JSON-LD text into
// info where it has none yet.
func ldKeys(text string, info *ldInfo) {
	if !strings.Contains(text, `"date`) && !strings.Contains(text, `"upload`) {
		return
	}
	for _, m := range reLDKey.FindAllStringSubmatch(text, 8) {
		var dst *string
		switch m[1] {
		case "datePublished":
			dst = &info.published
		case "dateModified":
			dst = &info.modified
		default:
			dst = &info.created
		}
		if *dst == "" {
			*dst = m[2]
		}
	}
}

type metaDate struct{ key, value string }

// metaGenericSource reports whether a date's source is a meta element of
// metaGeneric.
func metaGenericSource(source string) bool {
	key, ok := strings.CutPrefix(source, "meta ")
	return ok && metaGeneric[key]
}

// shownOverStamp reports whether shown, the date a page shows as its
// publication's, overrules d, a structured stamp whose day the page never
// writes: on another day, not labelled as an update, and not the same
// instant written in another zone or on a 12-hour clock (a shown time with
// the stamp's minutes, at most a day apart).
func shownOverStamp(shown, d Date) bool {
	if shown.IsZero() || sameDay(shown, d) || reLabelUpd.MatchString(shown.Source) {
		return false
	}
	if !shown.DayOnly {
		gap := shown.Time.Sub(d.Time)
		if gap < 0 {
			gap = -gap
		}
		if gap <= sameInstantGap && shown.Time.Minute() == d.Time.Minute() {
			return false
		}
	}
	return true
}

// sameInstantGap is the widest gap between a shown time and a stamp with
// the same minutes that shownOverStamp reads as one instant in two zones.
const sameInstantGap = 24 * time.Hour

// sameDay reports whether a and b fall on the same day, each in the zone
// it was written in (a stamp with an offset in that offset, a date without
// one in the site's).
func sameDay(a, b Date) bool {
	ay, am, ad := a.Time.Date()
	by, bm, bd := b.Time.Date()
	return ay == by && am == bm && ad == bd
}

// metaGeneric are the meta names of metaPublished that say "date" without
// saying which: they rank below article-specific ones and JSON-LD.
var metaGeneric = map[string]bool{
	"date": true, "dc.date": true, "dc:date": true, "dc.date.issued": true, "dc.date.created": true, "dcterms.date": true,
	"dcterms.issued": true, "dcterms.created": true, "citation_date": true, "creation_date": true,
}

// metaPublished are the names, properties and itemprops of meta elements
// that carry the publication date (lower case); metaModified those that
// carry the modification date (og:updated_time is one).
var (
	metaPublished = map[string]bool{
		"article:published_time": true, "og:article:published_time": true, "og:published_time": true, "article:published": true,
		"article.published": true, "published_time": true, "published-date": true, "published_date": true, "publishdate": true,
		"publish-date": true, "publish_date": true, "pubdate": true, "pub_date": true, "date": true, "dc.date": true, "dc:date": true,
		"dc.date.issued": true, "dc.date.created": true, "dcterms.date": true, "dcterms.issued": true, "dcterms.created": true,
		"datepublished": true, "parsely-pub-date": true, "sailthru.date": true, "citation_publication_date": true,
		"citation_date": true, "citation_online_date": true, "publication_date": true, "publicationdate": true,
		"originalpublicationdate": true, "article_date_original": true, "release_date": true, "creation_date": true,
	}
	metaModified = map[string]bool{
		"article:modified_time": true, "og:updated_time": true, "article:modified": true, "last-modified": true,
		"dc.date.modified": true, "dcterms.modified": true, "datemodified": true, "modified": true, "revised": true,
	}
)

// metaDates returns the publication and modification dates of the meta
// elements in document order, read once.
func (w *owner) metaDates() (pub, mod []metaDate) {
	if !w.metaRead {
		// A meta in the body outside the article (microdata of a list's
		// item, of a "Tin mới" box) is that item's date, not the page's.
		own := make([]*html.Node, 0, len(w.ix.metas))
		for _, n := range w.ix.metas {
			if !isAncestor(w.ix.body, n) || (w.region != nil && isAncestor(w.region, n)) || !w.notOwn(n) {
				own = append(own, n)
			}
		}
		w.metaPub, w.metaMod = readMetaDates(own)
		w.metaRead = true
	}
	return w.metaPub, w.metaMod
}

// readMetaDates reads the dates of meta elements with a content.
func readMetaDates(metas []*html.Node) (pub, mod []metaDate) {
	for _, n := range metas {
		if _, ok := attrOK(n, "content"); !ok {
			continue
		}
		key, content := "", ""
		for _, a := range n.Attr {
			switch strings.ToLower(a.Key) {
			case "name", "property", "itemprop", "http-equiv":
				if key == "" {
					key = strings.ToLower(strings.TrimSpace(a.Val))
				}
			case "content":
				content = strings.TrimSpace(a.Val)
			}
		}
		if content == "" || key == "" {
			continue
		}
		switch {
		case metaPublished[key]:
			pub = append(pub, metaDate{key, content})
		case metaModified[key]:
			mod = append(mod, metaDate{key, content})
		}
	}
	return pub, mod
}

var reISOStart = regexp.MustCompile(`^\d{4}-\d`)

// structuredDate reads the publication date from structured data, by tiers:
// article-specific meta elements, JSON-LD datePublished and itemprop
// datePublished first; generic meta dates (date, dc.date …) next; JSON-LD
// dateCreated, then CMS time elements. A UTC timestamp gives way to the
// same instant written with the site's offset elsewhere in the page, which
// carries the local day. It also returns the modification date of meta elements.
func structuredDate(doc *goquery.Document, ld ldInfo, machine func(raw, source string) (Date, bool), notInComments func(*goquery.Selection) bool, o Options) (Date, time.Time) {
	var modified time.Time
	metaPub, metaMod := o.own.metaDates()
	for _, m := range metaMod {
		if t, ok := ParseMachineDate(m.value, o.Location); ok {
			modified = t
			break
		}
	}
	var all []Date
	metaDate := func(generic bool) Date {
		for _, m := range metaPub {
			if metaGeneric[m.key] != generic || o.Template.sharedStamp(m.value) {
				continue
			}
			if d, ok := machine(m.value, "meta "+m.key); ok {
				return d
			}
			// Written for people ("Di., 25.01.2022 - 14:45"), never a broken ISO value.
			if len(m.value) <= 40 && !reISOStart.MatchString(m.value) {
				if t, raw, ok := ParseTextDateOrder(m.value, o.Location, o.Now, o.Order); ok && Plausible(t, o.Now) {
					return Date{Time: t, Source: "meta " + m.key, Raw: raw, DayOnly: !reTime.MatchString(raw)}
				}
			}
		}
		return Date{}
	}
	itemprop := func() Date {
		var found Date
		sels(o.own.ix.datePublished).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			if s.Closest(`#comments, .comments, .comment, .comment-list, .comments-area, .related, .sidebar, #sidebar`).Length() > 0 || o.own.sel(s) {
				return true
			}
			for _, attr := range []string{"content", "datetime", "title"} {
				if v, ok := s.Attr(attr); ok {
					if o.Template.sharedStamp(v) {
						return true
					}
					if d, ok := machine(v, "itemprop datePublished"); ok {
						found = d
						return false
					}
				}
			}
			if d, ok := machine(s.Text(), "itemprop datePublished"); ok {
				found = d
				return false
			}
			return true
		})
		return found
	}
	timeElem := func() Date {
		firsts := firstMatches(doc.Selection, cmsTimeSels, func(n *html.Node) bool { return notInComments(goquery.NewDocumentFromNode(n).Selection) })
		for i, n := range firsts {
			if n == nil {
				continue
			}
			sel := cmsTimeSels.names[i]
			s := goquery.NewDocumentFromNode(n).Selection
			v, _ := s.Attr("datetime")
			if v == "" {
				v, _ = s.Attr("title")
			}
			if d, ok := machine(v, sel); ok {
				return d
			}
		}
		return Date{}
	}
	ldDate := func(raw, src string) Date {
		d, _ := machine(raw, src)
		return d
	}
	for _, get := range []func() Date{
		func() Date { return metaDate(false) },
		func() Date { return ldDate(ld.published, "json-ld datePublished") },
		itemprop,
		func() Date { return metaDate(true) },
		func() Date { return ldDate(ld.created, "json-ld dateCreated") },
		timeElem,
	} {
		if d := get(); !d.IsZero() {
			all = append(all, d)
			if len(all) == 1 && !reUTCStamp.MatchString(d.Raw) {
				return d, modified
			}
		}
	}
	if len(all) == 0 {
		return Date{}, modified
	}
	best := all[0]
	for _, d := range all[1:] {
		if diff := d.Time.Sub(best.Time); diff < 2*time.Minute && diff > -2*time.Minute && !reUTCStamp.MatchString(d.Raw) {
			return Date{Time: d.Time, Source: best.Source + ", offset of " + d.Source, Raw: d.Raw, DayOnly: d.DayOnly}, modified
		}
	}
	return best, modified
}

// Compiled once: goquery compiles a selector string on every call, and
// these are asked in loops.
var (
	mUpdated       = compileGroup(".updated")
	mPublished     = compileGroup(".published")
	mCreate        = compileGroup(".create")
	mHTML          = compileGroup("html")
	mBody          = compileGroup("body")
	mBlocks        = compileGroup("p, div, td, table")
	mFormContent   = compileGroup("p, h1, h2, article, table")
	mLabelledLines = compileGroup("span, p, div, em, i, small, td, li")
	mTopLines      = compileGroup("font, i, em, span, small, div, p, td, b, strong, h2, h3, h4")
)

// lineDates is how many dates of one line findDate reads.
const lineDates = 3

type cand struct {
	d   Date
	pri int
}

// findDate returns the publication date by the best source available, and
// whether it was read from structured data:
// structured data first, then CMS date elements, labelled Vietnamese text
// dates near the title, unlabelled ones, and relative dates.
func findDate(doc *goquery.Document, region, h1, body *goquery.Selection, ld ldInfo, o Options) (d Date, modified time.Time, structured bool) {
	loc, now := o.Location, o.Now
	machine := func(raw, source string) (Date, bool) {
		t, ok := ParseMachineDate(raw, loc)
		if !ok || !Plausible(t, now) {
			return Date{}, false
		}
		return Date{Time: t, Source: source, Raw: strings.TrimSpace(raw), DayOnly: len(strings.TrimSpace(raw)) == 10}, true
	}
	notInComments := func(s *goquery.Selection) bool {
		return s.ClosestMatcher(mDateExcluded).Length() == 0 && !o.own.sel(s)
	}

	// 0. Per-unit hint.
	if o.DateSelector != "" {
		s := doc.Find(o.DateSelector).First()
		raw := strings.TrimSpace(s.Text())
		if v, ok := s.Attr("datetime"); ok {
			raw = v
		} else if v, ok := s.Attr("content"); ok {
			raw = v
		}
		if o.DateLayout != "" {
			if t, err := time.ParseInLocation(o.DateLayout, raw, loc); err == nil && Plausible(t, now) {
				return Date{Time: t, Source: "hint selector " + o.DateSelector, Raw: raw}, modified, false
			}
		} else if d, ok := machine(raw, "hint selector "+o.DateSelector); ok {
			return d, modified, false
		} else if t, r, ok := ParseTextDateOrder(raw, loc, now, o.Order); ok && Plausible(t, now) {
			return Date{Time: t, Source: "hint selector " + o.DateSelector, Raw: r}, modified, false
		}
	}

	// 1. Structured data.
	if ld.modified != "" {
		if t, ok := ParseMachineDate(ld.modified, loc); ok {
			modified = t
		}
	}
	if d, mod := structuredDate(doc, ld, machine, notInComments, o); !d.IsZero() || !mod.IsZero() {
		if modified.IsZero() {
			modified = mod
		}
		if !d.IsZero() {
			if metaGenericSource(d.Source) {
				// A meta element that says only "date" is often the page's
				// last change or the day it was served; the date the page
				// shows as its publication's, on another day, is that.
				if shown := shownDate(doc, region, h1, body, machine, notInComments, o); !shown.IsZero() && !sameDay(shown, d) {
					return shown, modified, false
				}
			} else if o.own != nil && !dayShown(o.own.ix.body, d.Time) {
				// A stamp whose day the page never writes (a CMS's first
				// draft, a copied template's) yields to the publication date
				// the page shows on another day; not to a shown update.
				if shown := shownDate(doc, region, h1, body, machine, notInComments, o); shownOverStamp(shown, d) {
					return shown, modified, false
				}
			}
			return d, modified, true
		}
	}

	return shownDate(doc, region, h1, body, machine, notInComments, o), modified, false
}

// shownDate is the date the page shows its readers as its publication's:
// time elements in the article, labelled publication dates near the title
// over unlabelled ones (update and creation dates last), a labelled date
// anywhere in the article, the first short dated line at its top, then
// looseDate.
func shownDate(doc *goquery.Document, region, h1, body *goquery.Selection, machine func(raw, source string) (Date, bool), notInComments func(*goquery.Selection) bool, o Options) Date {
	loc, now := o.Location, o.Now
	// 2. Dates shown near the title: labelled publication dates win over
	// unlabelled ones; update and creation dates are last resorts.
	var cands []cand
	add := func(n *html.Node, text, where string, base int) {
		text = strings.Join(strings.Fields(text), " ")
		if text == "" || len(text) > 400 {
			return
		}
		t, raw, ok := ParseTextDateOrder(text, loc, now, o.Order)
		if !ok || !Plausible(t, now) {
			return
		}
		if o.own.eventDate(n, text, raw) {
			return
		}
		pri := base
		label := ""
		idx := strings.Index(text, raw)
		prefix := text
		if idx > 0 {
			prefix = text[max(0, idx-40):idx]
		} else if idx == 0 {
			prefix = ""
		}
		switch {
		case reCopyright.MatchString(prefix):
			return
		case reLabelPub.MatchString(prefix):
			pri += 30
			label = reLabelPub.FindString(prefix)
		case reLabelUpd.MatchString(prefix):
			pri -= 40
			label = reLabelUpd.FindString(prefix)
		case reLabelCrt.MatchString(prefix):
			pri -= 5
			label = reLabelCrt.FindString(prefix)
		}
		// A time element's machine value is more precise than its text.
		src := where
		if label != "" {
			src = where + " '" + label + "'"
		}
		cands = append(cands, cand{Date{Time: t, Source: src, Raw: raw, DayOnly: !reTime.MatchString(raw)}, pri})
		// A line may hold more dates, each with its label ("Letzte
		// Änderung: 31.10.2023 - 14:49 Erschienen am: 01.11.2023",
		// "Cập nhật: 20/11/2026 | Ngày đăng: 18/11/2026"): a later one
		// labelled as the publication's is a candidate too.
		rest := text
		if idx >= 0 {
			rest = text[idx+len(raw):]
		}
		for range lineDates - 1 {
			t, raw, ok := ParseTextDateOrder(rest, loc, now, o.Order)
			if !ok {
				break
			}
			j := strings.Index(rest, raw)
			if j < 0 {
				break
			}
			if prefix := rest[max(0, j-40):j]; Plausible(t, now) && reLabelPub.MatchString(prefix) && !reCopyright.MatchString(prefix) {
				label := reLabelPub.FindString(prefix)
				cands = append(cands, cand{Date{Time: t, Source: where + " '" + label + "'", Raw: raw, DayOnly: !reTime.MatchString(raw)}, base + 30})
				break
			}
			rest = rest[j+len(raw):]
		}
	}
	if region != nil {
		// <time datetime> in the article, outside comments.
		region.Find("time[datetime]").Each(func(_ int, s *goquery.Selection) {
			// A quoted or embedded post (a tweet, an Instagram blockquote)
			// carries its own time, not the page's.
			if !notInComments(s) || s.Closest("blockquote").Length() > 0 {
				return
			}
			v, _ := s.Attr("datetime")
			d, ok := machine(v, "<time datetime>")
			if !ok {
				return
			}
			pri := 60
			txt := s.Parent().Text()
			switch {
			case reLabelUpd.MatchString(txt) || s.IsMatcher(mUpdated) && !s.IsMatcher(mPublished):
				pri = 10
			case reLabelCrt.MatchString(txt) || s.ClosestMatcher(mCreate).Length() > 0:
				pri = 45
			case reLabelPub.MatchString(txt) || s.ClosestMatcher(mPublished).Length() > 0:
				pri = 80
			}
			cands = append(cands, cand{d, pri})
		})
	}
	// Elements carrying a date near the title (siblings and meta blocks before the body).
	if h1 != nil {
		scope := h1.Parent()
		for i := 0; i < 3 && scope.Length() > 0 && !scope.IsMatcher(mHTML); i++ {
			scope.FindMatcher(mNearTitle).EachWithBreak(func(_ int, s *goquery.Selection) bool {
				if s.Children().Length() > 6 || (body != nil && containsNode(body, s.Get(0))) || !notInComments(s) {
					return true
				}
				if t, ok := normText(s.Get(0), 400); ok {
					add(s.Get(0), t, "text near title", 50)
				}
				return len(cands) < 40
			})
			if len(cands) > 0 || scope.IsMatcher(mBody) {
				break
			}
			scope = scope.Parent()
		}
	}
	// Labelled dates anywhere in the article region (e.g. "Ngày đăng:" at the bottom).
	if region != nil && len(cands) == 0 {
		region.FindMatcher(mLabelledLines).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			if s.Children().Length() > 4 || !notInComments(s) {
				return true
			}
			if t, ok := normText(s.Get(0), 400); ok && reLabelPub.MatchString(t) {
				add(s.Get(0), t, "text in article", 40)
			}
			return len(cands) < 20
		})
	}
	// No title heading (table layouts): the first short dated line at the top of the article.
	if len(cands) == 0 && region != nil && h1 != nil && o.Hint.IsZero() {
		// With a title heading, time elements and date classes come before
		// any dated line of the article.
		if d := looseDate(doc, h1, o); !d.IsZero() {
			return d
		}
	}
	if len(cands) == 0 && region != nil {
		region.FindMatcher(mTopLines).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			if !notInComments(s) || s.FindMatcher(mBlocks).Length() > 0 {
				return true
			}
			t := strings.TrimSpace(s.Text())
			if t == "" || len([]rune(t)) > 120 {
				return true
			}
			add(s.Get(0), t, "text at top of article", 45)
			return len(cands) == 0
		})
	}
	if len(cands) > 0 {
		best := cands[0]
		for _, c := range cands[1:] {
			if c.pri > best.pri {
				best = c
			}
		}
		if best.pri >= 20 || o.Hint.IsZero() {
			return best.d
		}
	}
	if o.Hint.IsZero() {
		return looseDate(doc, h1, o)
	}
	return Date{}
}

var (
	// reLooseSkip are class or id words of containers whose dates are not the page's.
	reLooseSkip = gate(regexp.MustCompile(`(?i)(?:^|\s|[-_])(?:comments?|sidebar|related|widgets?|footer|menu|navbar|breadcrumbs?|teasers?|recommend\w*|share|sharing|popular|newsletter|cookies?|tin-?khac|tin-?lien-?quan|other-?news)(?:$|\s|[-_])`))
	// reDateAttr are class or id words of elements that show a date.
	reDateAttr = gate(regexp.MustCompile(`(?i)date|datum|time|zeit|publi|posted|byline|dateline|stamp|fecha|meta|info|submitted|ngay`))
	reLooseUpd = regexp.MustCompile(`(?i)(cập\s*nhật|updated|modified|aktualisiert|geändert|zuletzt|mis à jour|actualizado|last edited)\W*$`)
)

// looseDate looks wider when no date was found near the title: time
// elements and elements whose class or id names a date, anywhere outside
// navigation, sidebars, footers and comments, then the title heading and
// the document title. The first date after the title heading wins, then
// the last before it: the nearest above the title is its header's (a slot
// beside the section's name), one further up the page's (a clock in the
// banner); a date labelled as an update only when nothing else.
func looseDate(doc *goquery.Document, h1 *goquery.Selection, o Options) Date {
	var h1Node *html.Node
	if h1 != nil {
		h1Node = h1.Get(0)
	}
	var before, after, upd Date
	seenH1 := h1Node == nil
	h1Anc := map[*html.Node]bool{}
	for n := h1Node; n != nil; n = n.Parent {
		h1Anc[n] = true
	}
	consider := func(d Date, prefix string) bool {
		switch {
		case reLooseUpd.MatchString(prefix):
			if upd.IsZero() {
				upd = d
			}
		case seenH1:
			after = d
			return true
		default:
			before = d // the nearest above the title so far
		}
		return false
	}
	inArticle := false
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c == h1Node {
				seenH1 = true
			}
			switch c.Data {
			case "nav", "footer", "script", "style", "noscript", "template", "select", "svg", "iframe", "blockquote":
				// A blockquote quotes or embeds another post (a tweet, an
				// Instagram post): its dates are that post's.
				continue
			case "form":
				// A search or login form; ASP.NET wraps the whole page in one.
				if goquery.NewDocumentFromNode(c).FindMatcher(mFormContent).Length() == 0 {
					continue
				}
			case "aside":
				// An aside in an article often holds its byline; elsewhere it is a sidebar.
				if !inArticle {
					continue
				}
			}
			var cls string
			var dt string
			for _, a := range c.Attr {
				switch a.Key {
				case "class", "id":
					cls += " " + a.Val
				case "datetime":
					dt = a.Val
				}
			}
			if cls != "" && c.Data != "body" && c.Data != "main" && !h1Anc[c] && reLooseSkip.MatchString(cls) {
				continue
			}
			if c.Data == "time" || (cls != "" && reDateAttr.MatchString(cls)) {
				if d, prefix, ok := elementDate(c, dt, o); ok && !o.own.notOwn(c) && !reCopyright.MatchString(prefix) {
					if consider(d, prefix) {
						return true
					}
					continue
				}
			}
			was := inArticle
			inArticle = inArticle || c.Data == "article"
			stop := walk(c)
			inArticle = was
			if stop {
				return true
			}
		}
		return false
	}
	walk(doc.Get(0))
	switch {
	case !after.IsZero():
		return after
	case !before.IsZero():
		return before
	}
	for _, s := range []*goquery.Selection{h1, sel(o.own.ix.title)} {
		if s == nil || s.Length() == 0 {
			continue
		}
		t := strings.Join(strings.Fields(s.Text()), " ")
		if len(t) > 300 {
			continue
		}
		if tt, raw, ok := ParseTextDateOrder(t, o.Location, o.Now, o.Order); ok && Plausible(tt, o.Now) && setOff(t, raw) {
			return Date{Time: tt, Source: "text of <" + goquery.NodeName(s) + ">", Raw: raw, DayOnly: !reTime.MatchString(raw)}
		}
	}
	return upd
}

// setOff reports whether the date raw stands apart from the words of the
// title t: the whole title, or set off from them by punctuation ("Tiêu đề
// | 9/10/2026 11:12", "Tiêu đề (26.07.2019)"). A date the title's phrase
// runs into or on from ("Kết quả tuần 4 tháng 5 năm 2019", "Kế hoạch tổ
// chức ngày 20/11/2026 tại trường") is what the title is about, not when
// it was published.
func setOff(t, raw string) bool {
	i := strings.Index(t, raw)
	if i < 0 {
		return true
	}
	before := strings.TrimRightFunc(t[:i], unicode.IsSpace)
	after := strings.TrimLeftFunc(t[i+len(raw):], unicode.IsSpace)
	if r, _ := utf8.DecodeLastRuneInString(before); before != "" && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(after); after != "" && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
		return false
	}
	return true
}

// shortYearText is the longest text (bytes) of an element named as a date
// in which a two-digit year is read.
const shortYearText = 40

// elementDate reads the date of a time element or of an element whose class
// names a date: its datetime attribute, else its short text. prefix is the
// text before the date (for labels).
func elementDate(n *html.Node, datetime string, o Options) (Date, string, bool) {
	if datetime != "" {
		if t, ok := ParseMachineDate(datetime, o.Location); ok && Plausible(t, o.Now) {
			return Date{Time: t, Source: "<" + n.Data + " datetime>", Raw: strings.TrimSpace(datetime), DayOnly: len(strings.TrimSpace(datetime)) == 10}, "", true
		}
	}
	var b strings.Builder
	var text func(*html.Node)
	text = func(n *html.Node) {
		for c := n.FirstChild; c != nil && b.Len() <= 200; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
				b.WriteByte(' ')
			case c.Type == html.ElementNode && c.Data != "script" && c.Data != "style":
				text(c)
			}
		}
	}
	text(n)
	if b.Len() > 200 {
		return Date{}, "", false
	}
	t := strings.Join(strings.Fields(b.String()), " ")
	// A short text the markup names as a date may write its year with two
	// digits ("Party, 30.10.23").
	tt, raw, ok := parseText(t, o.Location, o.Now, o.Order, len(t) <= shortYearText)
	if !ok || !Plausible(tt, o.Now) {
		return Date{}, "", false
	}
	prefix := t
	if i := strings.Index(t, raw); i >= 0 {
		prefix = t[:i]
	}
	return Date{Time: tt, Source: "text of <" + n.Data + "> with a date class", Raw: raw, DayOnly: !reTime.MatchString(raw)}, prefix, true
}

// countImages counts content images in region, captioned ones and images

// dayShown reports whether the page's visible text writes the day of t:
// day and month in either order with a / - . separator, "d tháng m", or
// ISO year-month-day, with or without leading zeros.
func dayShown(body *html.Node, t time.Time) bool {
	if body == nil {
		return false
	}
	text := strings.ToLower(visibleTextOf(body))
	d, m := t.Day(), int(t.Month())
	forms := func(v int) []string {
		s := strconv.Itoa(v)
		if v < 10 {
			return []string{s, "0" + s}
		}
		return []string{s}
	}
	y := strconv.Itoa(t.Year())
	// Any language: the day's number near its year ("January 5, 2020",
	// "5. Januar 2020", "ngày 05 tháng 01 năm 2020").
	for from := 0; ; {
		i := strings.Index(text[from:], y)
		if i < 0 {
			break
		}
		i += from
		lo, hi := max(0, i-dayNearYear), min(len(text), i+len(y)+dayNearYear)
		for _, ds := range forms(d) {
			if digitBounded(text[lo:i], ds) || digitBounded(text[i+len(y):hi], ds) {
				return true
			}
		}
		from = i + len(y)
	}
	for _, ds := range forms(d) {
		for _, ms := range forms(m) {
			for _, sep := range []string{"/", "-", ".", " tháng "} {
				if digitBounded(text, ds+sep+ms) || (sep != " tháng " && (digitBounded(text, ms+sep+ds+sep+y) || digitBounded(text, y+sep+ms+sep+ds))) {
					return true
				}
			}
		}
	}
	return false
}

// dayNearYear is how many bytes either side of a year dayShown looks for
// the day's number.
const dayNearYear = 24

// digitBounded reports whether s occurs in text with no digit right
// before or after it.
func digitBounded(text, s string) bool {
	for from := 0; ; {
		i := strings.Index(text[from:], s)
		if i < 0 {
			return false
		}
		i += from
		before := i == 0 || text[i-1] < '0' || text[i-1] > '9'
		j := i + len(s)
		after := j >= len(text) || text[j] < '0' || text[j] > '9'
		if before && after {
			return true
		}
		from = i + 1
	}
}
