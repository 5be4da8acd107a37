package extract

import (
	"net/url"
	"path"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"sitewatch/store"
	"sitewatch/vntext"
)

// DefaultEmptyBodyChars is the body text, in characters, below which a
// post is empty (Page.Empty) when Options.EmptyBodyChars is zero: a title,
// a caption or a one-line notice, not an article. A two-sentence news item
// has about 200.
const DefaultEmptyBodyChars = 80

// Empty says why a post page has (almost) no body text.
type Empty struct {
	// Kind is title_only, attachment_only or short (see store.FlagEmpty).
	Kind store.EmptyKind
	// Chars is the body text's length in characters.
	Chars int
	// Attachments are the file names of the documents the post carries, in
	// page order (attachment_only).
	Attachments []string
}

// Value is the post's store.FlagEmpty value.
func (e *Empty) Value() string { return store.EmptyValue(e.Kind, e.Chars, e.Attachments) }

// documentExts are the file types a post attaches for people to download.
// They label an attachment; they never decide whether a page is a post.
var documentExts = map[string]bool{
	".pdf": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true,
	".odt": true, ".ods": true, ".odp": true, ".rtf": true, ".zip": true, ".rar": true, ".7z": true,
}

// emptyOf classifies a post whose body holds fewer than min characters; it
// returns nil for a post with a body. region is the article
// (title, body and what the CMS puts around them, such as an attachment
// panel), body its text element; images is the post's content images.
func emptyOf(region, body *goquery.Selection, base *url.URL, title string, chars, images, min int, own *owner) *Empty {
	if min <= 0 {
		min = DefaultEmptyBodyChars
	}
	if chars >= min {
		return nil
	}
	e := &Empty{Chars: chars}
	scope := region
	if scope == nil {
		scope = body
	}
	var linkText []string
	if scope != nil {
		e.Attachments, linkText = attachments(scope, body, base, own)
	}
	// The body's own words: without the attachments' labels and a repeated title.
	text := ""
	if body != nil {
		text = strings.Join(strings.Fields(body.Text()), " ")
	}
	for _, t := range linkText {
		text = strings.Replace(text, t, "", 1)
	}
	words := strings.TrimSpace(text)
	if vntext.Fold(words) == vntext.Fold(title) {
		words = ""
	}
	switch {
	case len(e.Attachments) > 0:
		e.Kind = store.EmptyAttachmentOnly
	case words == "" && images == 0:
		e.Kind = store.EmptyTitleOnly
	default:
		e.Kind = store.EmptyShort
	}
	return e
}

// attachments returns the file names of the documents linked or embedded
// in s, each once, and the texts of those links: in the body, or around it
// in the article when not in navigation or the site's template (a sidebar
// of the latest documents is not the post's).
func attachments(s, body *goquery.Selection, base *url.URL, own *owner) (names, texts []string) {
	seen := map[string]bool{}
	add := func(raw, text string) {
		if raw == "" || base == nil {
			return
		}
		u, err := base.Parse(strings.TrimSpace(raw))
		if err != nil {
			return
		}
		// A viewer that embeds the document: ...viewer?url=/files/a.pdf
		for _, k := range []string{"url", "file", "src"} {
			if v := u.Query().Get(k); v != "" {
				if inner, err := u.Parse(v); err == nil && documentExts[strings.ToLower(path.Ext(inner.Path))] {
					u = inner
					break
				}
			}
		}
		name := path.Base(u.Path)
		if dec, err := url.PathUnescape(name); err == nil {
			name = dec
		}
		if !documentExts[strings.ToLower(path.Ext(name))] {
			return
		}
		if t := strings.Join(strings.Fields(text), " "); t != "" {
			texts = append(texts, t)
		}
		if seen[u.String()] {
			return
		}
		seen[u.String()] = true
		names = append(names, name)
	}
	s.Find("a[href], iframe[src], embed[src], object[data]").Each(func(_ int, e *goquery.Selection) {
		inBody := body != nil && isAncestor(body.Get(0), e.Get(0))
		if !inBody && (e.ClosestMatcher(mExcluded).Length() > 0 || own.notOwn(e.Get(0))) {
			return
		}
		for _, attr := range []string{"href", "src", "data"} {
			if v, ok := e.Attr(attr); ok {
				add(v, e.Text())
				return
			}
		}
	})
	return names, texts
}
