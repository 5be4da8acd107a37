package extract

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

var captionClass = `figcaption, .wp-caption-text, .tr-caption, .image_desc, .image-caption, .img-caption, .caption, .avatar-caption, .photo-caption, .desc, .PhotoCMS_Caption, .expNoEdit`

// hasCaption reports whether img has a visible caption: a figcaption or a
// caption cell/element of its container, or a short caption line right under it.
func hasCaption(img *goquery.Selection) bool {
	if fig := img.Closest("figure"); fig.Length() > 0 {
		// The nearest figure only (galleries nest figures).
		if c := fig.ChildrenFiltered("figcaption"); c.Length() > 0 && strings.TrimSpace(c.Text()) != "" {
			return true
		}
	}
	if wc := img.Closest(".wp-caption"); wc.Length() > 0 && strings.TrimSpace(wc.Find(".wp-caption-text").Text()) != "" {
		return true
	}
	if tb := img.Closest("table"); tb.Length() > 0 && tb.Find("img").Length() == 1 {
		cap := strings.TrimSpace(tb.Find(".tr-caption, .image_desc, .caption, .desc, figcaption").Text())
		if cap != "" {
			return true
		}
		// A second row holding text only.
		rows := tb.Find("tr")
		if rows.Length() >= 2 && rows.Last().Find("img").Length() == 0 && visibleText(rows.Last()) != "" {
			return true
		}
	}
	// Text after the image inside the same block: <p><img><br><em>caption</em></p>.
	block := img
	for block.Parent().Length() > 0 && block.Parent().Is("a, span, strong, b, center, picture") {
		block = block.Parent()
	}
	after := ""
	for n := block.Get(0).NextSibling; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode && n.Data == "img" {
			break
		}
		after += nodeText(n)
	}
	if t := strings.TrimSpace(after); t != "" && len(t) < 300 && captionish(block.Parent(), block.Get(0)) {
		return true
	}
	// The next block right under the image's block.
	container := block
	for container.Parent().Length() > 0 && container.Parent().Is("p, div, center, a, span") && container.Parent().Find("img").Length() == 1 &&
		strings.TrimSpace(container.Parent().Text()) == strings.TrimSpace(container.Text()) {
		container = container.Parent()
	}
	next := container.Next()
	if next.Length() == 0 {
		return false
	}
	if next.Find("img").Length() > 0 {
		return false
	}
	t := visibleText(next)
	if t == "" || len([]rune(t)) > 250 {
		return false
	}
	if next.Is(captionClass) || next.Find(captionClass).Length() > 0 {
		return true
	}
	// Wholly italic, or a short centred line.
	it := strings.TrimSpace(next.Find("em, i").Text())
	if next.Is("em, i") || (it != "" && len(it) >= len(t)-2) {
		return true
	}
	st, _ := next.Attr("style")
	if (strings.Contains(strings.ReplaceAll(st, " ", ""), "text-align:center") || next.Is(".center, .text-center, [align=center]")) && len([]rune(t)) < 160 {
		return true
	}
	return false
}

// captionish reports whether the text after n inside parent is styled as a caption (italic or small).
func captionish(parent *goquery.Selection, n *html.Node) bool {
	found := false
	for c := n.NextSibling; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "em" || c.Data == "i" || c.Data == "small" || c.Data == "figcaption") {
			found = true
		}
		if c.Type == html.ElementNode && c.Data == "span" {
			for _, a := range c.Attr {
				if a.Key == "class" && strings.Contains(a.Val, "caption") {
					found = true
				}
			}
		}
	}
	return found

}
