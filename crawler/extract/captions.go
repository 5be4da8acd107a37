package extract

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

var captionClass = `figcaption, .wp-caption-text, .tr-caption, .image_desc, .image-caption, .img-caption, .img_caption, .caption, .avatar-caption, .photo-caption, .desc, .PhotoCMS_Caption, .expNoEdit, .image-desc, .imgcaption, .caption-text`

// Caption limits.
const (
	// captionMaxRunes is the longest text that reads as a caption line.
	captionMaxRunes = 250
	// centredCaptionMaxRunes is the longest centred (not italic) line that
	// reads as a caption: centred body paragraphs are longer.
	centredCaptionMaxRunes = 160
	// captionGapBlocks is how many empty blocks (&nbsp;, <br>) may stand
	// between an image's block and its caption line.
	captionGapBlocks = 2
)

// hasCaption reports whether img has a visible caption: a figcaption or a
// caption element or cell of its container (WordPress, Joomla, NukeViet,
// Blogger, table layouts), or a short italic or centred line right under
// the image's block. Italic text elsewhere is not a caption, and neither
// the image's file name nor its alt text makes one.
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
	// Joomla's caption script: <img class="caption" title="…">.
	if cls, _ := img.Attr("class"); hasWord(cls, "caption") {
		if t, _ := img.Attr("title"); strings.TrimSpace(t) != "" {
			return true
		}
	}
	if tableCaption(img) {
		return true
	}
	// Text after the image inside the same block: <p><img><br><em>caption</em></p>,
	// however deep the editor nested the image in inline wrappers.
	block := img
	for block.Parent().Length() > 0 && block.Parent().IsMatcher(mInlineWrappers) {
		block = block.Parent()
	}
	blk := block.Parent() // the image's block (a paragraph, a div), or none
	hasBlk := blk.Length() > 0 && !blk.IsMatcher(mBodyHTML)
	var text string // what follows the image in its block, up to the next image
	if hasBlk {
		var italic int
		text, italic = textAfter(blk.Get(0), img.Get(0))
		if inlineCaption(blk, text, italic) {
			return true
		}
	}
	after := ""
	for n := block.Get(0).NextSibling; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode && n.Data == "img" {
			break
		}
		after += nodeText(n)
	}
	if t := strings.TrimSpace(strings.ReplaceAll(after, "\u00a0", " ")); t != "" && len([]rune(t)) <= captionMaxRunes &&
		(captionish(block.Parent(), block.Get(0)) || (centred(block.Parent()) && len([]rune(t)) <= centredCaptionMaxRunes)) {
		return true
	}
	// The next block right under the image's block.
	container := block
	for container.Parent().Length() > 0 && container.Parent().IsMatcher(mCaptionContainers) && container.Parent().Find("img").Length() == 1 &&
		strings.TrimSpace(container.Parent().Text()) == strings.TrimSpace(container.Text()) {
		container = container.Parent()
	}
	next := container.Next()
	if next.Length() == 0 {
		// An image set at the end of a paragraph of text: the line under
		// that paragraph is the image's when nothing follows the image in it.
		if hasBlk && strings.TrimSpace(strings.ReplaceAll(text, "\u00a0", " ")) == "" {
			next = blk.Next()
		}
	}
	for i := 0; i < captionGapBlocks && next.Length() > 0 && next.Find("img").Length() == 0 && visibleText(next) == ""; i++ {
		next = next.Next()
	}
	if next.Length() == 0 || next.Is("img") {
		return false
	}
	if first := firstBlock(next.Get(0)); first != nil && (next.Find("img").Length() > 0 || len([]rune(visibleText(next))) > captionMaxRunes) {
		// A wrapper that holds the caption line and what follows it
		// (an unclosed <center> around the rest of the body): its first
		// block is the line under the image, a caption when wholly italic.
		ft := strings.TrimSpace(strings.ReplaceAll(nodeText(first), "\u00a0", " "))
		fn := len([]rune(ft))
		return fn > 0 && fn <= captionMaxRunes && !holdsImage(first) && italicRunes(first, false) >= fn-2
	}
	if next.Find("img").Length() > 0 {
		return false
	}
	t := visibleText(next)
	n := len([]rune(t))
	if t == "" || n > captionMaxRunes {
		return false
	}
	if next.Is(captionClass) || next.Find(captionClass).Length() > 0 {
		return true
	}
	// Wholly italic, or a short centred line.
	if italicRunes(next.Get(0), false) >= n-2 {
		return true
	}
	return centred(next) && n <= centredCaptionMaxRunes
}

// inlineWrappers are the inline elements editors wrap an image in (a link,
// font and style spans, bold and italic runs) inside its paragraph.
const inlineWrappers = "a, span, strong, b, em, i, u, font, small, center, picture"

// mInlineWrappers matches inlineWrappers; mCaptionContainers also the
// blocks an image and its caption line stand in together.
var (
	mInlineWrappers    = compileGroup(inlineWrappers)
	mCaptionContainers = compileGroup("p, div, center, " + inlineWrappers)
)

// inlineCaption reports a caption written in the image's own paragraph,
// after the image: the text that follows it there (up to the next image)
// is short and set in italics, or the paragraph is centred and the text a
// short line. Word-processor pastes nest the image and that line in runs
// of spans and italics: <p align=center><span><i><span><img>Caption</span></i></span></p>.
// blk is the image's block, text and italic what follows the image in it
// (textAfter).
func inlineCaption(blk *goquery.Selection, text string, italic int) bool {
	t := strings.TrimSpace(strings.ReplaceAll(text, "\u00a0", " "))
	n := len([]rune(t))
	if n == 0 || n > captionMaxRunes {
		return false
	}
	return italic >= n-2 || (centred(blk) && n <= centredCaptionMaxRunes)
}

// textAfter returns the text below root that follows img in document
// order, up to the next image, and how many of its runes are italic.
func textAfter(root, img *html.Node) (string, int) {
	var b strings.Builder
	italic, seen, done := 0, false, false
	var walk func(n *html.Node, it bool)
	walk = func(n *html.Node, it bool) {
		if done {
			return
		}
		switch n.Type {
		case html.TextNode:
			if seen {
				b.WriteString(n.Data)
				if it {
					italic += len([]rune(strings.TrimSpace(strings.ReplaceAll(n.Data, "\u00a0", " "))))
				}
			}
			return
		case html.ElementNode:
			if n == img {
				seen = true
				return
			}
			if n.Data == "img" && seen {
				done = true
				return
			}
			if n.Data == "script" || n.Data == "style" {
				return
			}
			switch n.Data {
			case "em", "i", "cite":
				it = true
			}
			if st := strings.ToLower(strings.ReplaceAll(attr(n, "style"), " ", "")); strings.Contains(st, "font-style:italic") {
				it = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, it)
		}
	}
	walk(root, false)
	return b.String(), italic
}

// tableCaption reports a caption cell of a table layout: the table holds
// only this image and a text row, or the cell below the image's cell (same
// column, next row) holds a short text and no image.
func tableCaption(img *goquery.Selection) bool {
	tb := img.Closest("table")
	if tb.Length() == 0 {
		return false
	}
	if tb.Find("img").Length() == 1 {
		if strings.TrimSpace(tb.Find(".tr-caption, .image_desc, .caption, .desc, figcaption").Text()) != "" {
			return true
		}
		// A second row holding text only.
		rows := tb.Find("tr")
		if rows.Length() >= 2 && rows.Last().Find("img").Length() == 0 && visibleText(rows.Last()) != "" {
			return true
		}
	}
	td := img.Closest("td, th")
	tr := td.Closest("tr")
	if td.Length() == 0 || tr.Length() == 0 || td.Find("img").Length() != 1 {
		return false
	}
	col := td.Index()
	below := tr.Next().Children().Eq(col)
	if below.Length() == 0 || below.Find("img").Length() > 0 {
		return false
	}
	t := visibleText(below)
	return t != "" && len([]rune(t)) <= captionMaxRunes
}

// italicRunes counts the runes of text below n set in italics: em, i,
// cite, or a style with font-style:italic.
func italicRunes(n *html.Node, italic bool) int {
	if n.Type == html.TextNode {
		if italic {
			return len([]rune(strings.TrimSpace(strings.ReplaceAll(n.Data, "\u00a0", " "))))
		}
		return 0
	}
	if n.Type == html.ElementNode {
		switch n.Data {
		case "em", "i", "cite":
			italic = true
		}
		if st := strings.ToLower(strings.ReplaceAll(attr(n, "style"), " ", "")); strings.Contains(st, "font-style:italic") {
			italic = true
		}
	}
	total := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		total += italicRunes(c, italic)
	}
	return total
}

// centred reports whether a block is centred: by its style or alignment,
// a centre class, a <center> element, or a sole child that is.
func centred(s *goquery.Selection) bool {
	for i := 0; i < 3 && s.Length() > 0; i++ {
		st, _ := s.Attr("style")
		if strings.Contains(strings.ToLower(strings.ReplaceAll(st, " ", "")), "text-align:center") || s.Is(".center, .text-center, .aligncenter, [align=center], center") {
			return true
		}
		kids := s.Children()
		if kids.Length() != 1 || strings.TrimSpace(kids.Text()) != strings.TrimSpace(s.Text()) {
			return false
		}
		s = kids
	}
	return false
}

// hasWord reports whether the space-separated list holds w.
func hasWord(list, w string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, w) {
			return true
		}
	}
	return false
}

// captionish reports whether the text after n inside parent is styled as a caption (italic or small).
func captionish(parent *goquery.Selection, n *html.Node) bool {
	found := false
	for c := n.NextSibling; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "em" || c.Data == "i" || c.Data == "small" || c.Data == "figcaption" || italicRunes(c, false) > 0) {
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

// firstBlock is n's first child when it is a paragraph or a division and
// nothing but white space stands before it in n, or nil.
func firstBlock(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(strings.ReplaceAll(c.Data, "\u00a0", " ")) == "":
			continue
		case c.Type == html.ElementNode && (c.Data == "p" || c.Data == "div"):
			return c
		}
		return nil
	}
	return nil
}
