// Package extract reads one fetched page of a unit's website and says what
// it is: its title, canonical URL, publication date (with the source and
// raw text it was read from), its type (post, listing, hub, tag, static,
// album, home, document, other) with the evidence for people, and its
// content images, captioned images and images described only by an alt
// text.
//
// It owns every decision about a single page: the date sources and their
// order (structured data, CMS date elements, dates shown near the title,
// the URL, a feed or listing date given as a hint, a wider search of the
// page's script data and date lines as the last resort), the Vietnamese text-date parser (ParseTextDate,
// ParseMachineDate, URLDate), whose a date or an image is, which images
// count and which carry a caption. It does no I/O: callers fetch and decode
// the page (UTF-8) and pass it in with Options.
//
// # Using it from a crawl
//
// A crawl reads many pages of one site; what repeats on them is the site's
// template, and what the site writes in its numeric dates is its order.
// Keep one Template and one DateOrder per site, beside what discovery
// learns about the site:
//
//	tpl := extract.NewTemplate()           // or UnmarshalBinary of the stored one
//	order := extract.NewDateOrder(votes)   // votes stored from earlier crawls
//	// every page the crawl parses (home, listings, posts):
//	tpl.Learn(doc)
//	p := extract.FromDocument(doc, pageURL, extract.Options{
//		Location: loc, Now: now,
//		Template: tpl,           // titles, dates, images of template blocks are never the post's
//		Order:    order.Order(), // day first unless the site's evidence says month first
//		Hint:     listingOrFeedDate,
//	})
//	order.Observe(p.OrderVotes)
//	if p.IsPost { … p.Date is the page's own date, or Hint, or zero … }
//	// at the end of the crawl: b, _ := tpl.MarshalBinary(); store b and order.Votes()
//
// Learn the home page and the listings before the first post when you can:
// a template knows a block once it has seen it on two different pages.
// Learning is cheap next to parsing and safe from several goroutines.
//
// Without a template (a lone page, inspect of one file or URL), in-page
// evidence decides: a date or image inside an item of a list of other
// pages belongs to them, a copyright year is no publication date, an
// unlabelled date in a sentence under the title is an event, and the wider
// search takes only a date line in the article's own container.
//
// Page.Type is TypePost only for one main article with a title and a body
// (or a title with a date of its own and no text: an empty post). A post
// need not show a date: Date is then Options.Hint, or zero; an undated
// page is static when the site's menu links to it by a label, and is
// nothing with less than a sentence of text. A guessed date never
// decides the type. A page that marks no heading as its title has for
// title the line that spells its address (most CMSes write the address
// from the title), and when no markup names its body, the paragraphs
// (<p>s or divs written as paragraphs) under that title are its body.
// Listings, hubs, tag pages and home pages have a zero Date: their dates
// are their items'.
//
// Files: page.go (Page, Options, FromHTML, FromDocument), pagetype.go
// (Type and its evidence), template.go (Template), evidence.go (whose a
// date or image is), order.go (Order, DateOrder, OrderVotes), dates.go
// (date parsing), pagedate.go (the page's publication date), guess.go
// (that last search), urltitle.go (the title line spelt by the address),
// images.go, captions.go, dom.go (shared DOM helpers).
//
// Functions of this package are safe for concurrent use; a Page is owned
// by its caller; Template and DateOrder lock themselves.
package extract
