// Package extract reads one fetched page of a unit's website and says what
// it is about itself: its title, canonical URL, publication date (with the
// source and raw text it was read from), whether it is a post, and its
// content images, captioned images and images described only by an alt text.
//
// It owns every decision about a single page: the date sources and their
// order (structured data, CMS date elements, dates shown near the title,
// the URL, a feed date given as a hint, go-htmldate as the last fallback),
// the Vietnamese text-date parser (ParseTextDate, ParseMachineDate,
// URLDate), which images count and which carry a caption. It does no I/O:
// callers fetch and decode the page (UTF-8) and pass it in with Options.
//
// Files: page.go (Page, Options, FromHTML, FromDocument, post or not),
// dates.go (date parsing), pagedate.go (the page's publication date),
// fallback.go (go-htmldate), images.go, captions.go, dom.go (shared DOM
// helpers and selectors).
//
// Functions of this package are safe for concurrent use; a Page is owned by
// its caller.
package extract
