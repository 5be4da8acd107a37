package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"regexp"
	"sitewatch/vntext"
	"strconv"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// countImages counts content images in region, captioned ones and images
// with only an alt text. Logos, icons, emoji, hidden images, duplicates and
// the images of the site's template or of lists of other pages are not
// counted. A word in an image's file name ("banner", "logo") excludes it
// only outside the post's body: in the body it decides nothing on its own.
func countImages(region *goquery.Selection, title string, own *owner) (images, captioned, altOnly int) {
	seen := map[string]bool{}       // picture → captioned
	altCounted := map[string]bool{} // picture counted as described by its alt only
	named := map[string]namedPicture{}
	root := region.Get(0)
	region.Find("img").Each(func(_ int, img *goquery.Selection) {
		if excludedWithin(img, root) || own.notOwn(img.Get(0)) {
			return
		}
		src := imgSrc(img)
		if src == "" || strings.HasPrefix(src, "data:") && !inlinePicture(src) {
			return
		}
		if hidden(img) {
			return
		}
		cls, _ := img.Attr("class")
		id, _ := img.Attr("id")
		alt, _ := img.Attr("alt")
		inBody := own != nil && own.body != nil && isAncestor(own.body, img.Get(0))
		if reSkipImg.MatchString(cls) || reSkipImg.MatchString(id) || advert(img, own) {
			return
		}
		if reSkipImg.MatchString(src) && (!inBody || outLink(img, own) || bannerShaped(img)) {
			return
		}
		if !inBody && linksToPage(img, own) {
			// Outside the body, a picture that links to another page of
			// the site is that page's button or teaser ("Xem tiếp").
			return
		}
		if small(img) || !inBody && bylinePicture(img.Get(0), root) && !hasCaption(img) {
			return
		}
		key := normImg(src)
		if n, ok := named[picName(key)]; ok && n.inBody != inBody && own != nil && own.body != nil {
			// The lead picture above the body and the same file in it,
			// kept under another folder (the site's copy, the source's
			// original): one picture.
			key = n.key
		}
		if done, dup := seen[key]; dup {
			// The same picture shown twice (a lead thumbnail above the
			// body, then in it) is one picture, captioned if either is.
			if !done && hasCaption(img) {
				seen[key] = true
				captioned++
				if altCounted[key] {
					altCounted[key] = false
					altOnly--
				}
			}
			return
		}
		seen[key] = false
		if name := picName(key); name != "" {
			if _, ok := named[name]; !ok {
				named[name] = namedPicture{key: key, inBody: inBody}
			}
		}
		images++
		if hasCaption(img) {
			seen[key] = true
			captioned++
			return
		}
		alt = strings.TrimSpace(alt)
		// An alt that repeats the post title describes nothing.
		if alt != "" && !reFileName.MatchString(alt) && (title == "" || vntext.Fold(alt) != vntext.Fold(title)) {
			altOnly++
			altCounted[key] = true
		}
	})
	return
}

// namedPicture is a counted picture under its file name: its key and
// whether it stands in the post's body.
type namedPicture struct {
	key    string
	inBody bool
}

// picName is the file name of picture key (the last element of its path,
// unescaped and lower-cased), "" for a picture with none (data:).
func picName(key string) string {
	if strings.HasPrefix(key, "data:") {
		return ""
	}
	name := key[strings.LastIndex(key, "/")+1:]
	if u, err := url.PathUnescape(name); err == nil {
		name = u
	}
	return strings.ToLower(name)
}

func imgSrc(img *goquery.Selection) string {
	for _, a := range []string{"data-src", "data-original", "data-lazy-src", "src"} {
		if v, ok := img.Attr(a); ok && strings.TrimSpace(v) != "" && !strings.HasPrefix(v, "data:") {
			return strings.TrimSpace(v)
		}
	}
	v, _ := img.Attr("src")
	return v
}

// MinInlinePictureBytes is the size of a data: URI from which it holds a
// picture (a photo pasted into the editor, saved inside the page) rather
// than a lazy-loading placeholder or a spacer, which take a few hundred
// bytes at most.
const MinInlinePictureBytes = 2048

// inlinePicture reports a data: URI large enough to be a picture.
func inlinePicture(src string) bool {
	return strings.HasPrefix(src, "data:image/") && len(src) >= MinInlinePictureBytes
}

var reSizeSuffix = regexp.MustCompile(`-\d{2,4}x\d{2,4}(\.\w+)$`)

func normImg(src string) string {
	if strings.HasPrefix(src, "data:") {
		// The same picture pasted twice is one; its tail tells pictures apart.
		sum := sha256.Sum256([]byte(src))
		return "data:" + hex.EncodeToString(sum[:8])
	}
	if u, err := url.Parse(src); err == nil {
		src = u.Path
	}
	return reSizeSuffix.ReplaceAllString(src, "$1")
}

func hidden(s *goquery.Selection) bool {
	for n := s; n.Length() > 0 && !n.Is("body"); n = n.Parent() {
		st, _ := n.Attr("style")
		st = strings.ReplaceAll(strings.ToLower(st), " ", "")
		if strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") {
			return true
		}
		if n.IsMatcher(mHidden) {
			return true
		}
	}
	return false
}

func small(img *goquery.Selection) bool {
	for _, a := range []string{"width", "height"} {
		if v, ok := img.Attr(a); ok {
			v = strings.TrimSuffix(strings.TrimSpace(v), "px")
			if n, err := strconv.Atoi(v); err == nil && n > 0 && n <= 64 {
				return true
			}
		}
	}
	return false
}

// bylineLevels is how many elements above a picture its byline may stand:
// <div class="byline"><img> <b>author</b> <time>date</time></div>.
const bylineLevels = 3

// bylinePicture reports a picture that shares its block, outside the
// post's body, with a date, a few words, an author its markup names
// (rel=author, itemprop=author) and no other picture: the byline's (the
// author's portrait beside "N.Trinh, thứ năm, 17 08 2017"), not the
// post's. A block that says more is a caption, a lead or a teaser; a lead
// picture beside the post's date and rubric names no author.
func bylinePicture(img, root *html.Node) bool {
	for a, i := img.Parent, 0; a != nil && a.Type == html.ElementNode && i < bylineLevels && a != root; a, i = a.Parent, i+1 {
		if a.Data == "body" || a.Data == "figure" {
			return false
		}
		t := strings.TrimSpace(visibleTextOf(a))
		if len([]rune(t)) > bylineRunes || countTag(a, "img") > 1 {
			return false
		}
		if !authorMarked(a) {
			continue
		}
		if _, _, ok := ParseTextDate(t, time.UTC, time.Time{}); ok && hasDigit(t) {
			return true
		}
	}
	return false
}

// authorMarked reports a block whose markup names its author: a link or
// an element marked rel=author, itemprop=author or a schema.org Person.
func authorMarked(n *html.Node) bool {
	for d := n.FirstChild; d != nil; d = d.NextSibling {
		if d.Type != html.ElementNode {
			continue
		}
		if hasWord(attr(d, "rel"), "author") || hasWord(attr(d, "itemprop"), "author") || strings.HasSuffix(attr(d, "itemtype"), "schema.org/Person") || authorMarked(d) {
			return true
		}
	}
	return false
}

// bylineRunes is the most text of a byline: a name or two, a date, a time.
const bylineRunes = 120

// countTag counts the elements named tag below n.
func countTag(n *html.Node, tag string) int {
	c := 0
	for d := n.FirstChild; d != nil; d = d.NextSibling {
		if d.Type == html.ElementNode {
			if d.Data == tag {
				c++
			}
			c += countTag(d, tag)
		}
	}
	return c
}

// hasDigit reports a digit in s: a date a byline shows is written in numbers.
func hasDigit(s string) bool {
	return strings.ContainsAny(s, "0123456789")
}

// bannerAspect is the width-to-height ratio from which an image is shaped
// like an advertising or decorative banner (728×90, 1200×250).
const bannerAspect = 4

// advert reports an image in a link marked as paid (rel=sponsored).
func advert(img *goquery.Selection, own *owner) bool {
	a := img.Closest("a[href]")
	return a.Length() > 0 && hasWord(a.AttrOr("rel", ""), "sponsored")
}

// outLink reports an image that links to another site.
func outLink(img *goquery.Selection, own *owner) bool {
	a := img.Closest("a[href]")
	if a.Length() == 0 || own == nil || own.page == nil {
		return false
	}
	u, err := own.page.Parse(a.AttrOr("href", ""))
	return err == nil && u.Host != "" && !strings.EqualFold(strings.TrimPrefix(u.Host, "www."), strings.TrimPrefix(own.page.Host, "www."))
}

// linksToPage reports an image in a link to another page of the same site
// (not to a picture: lightboxes link an image to its full size) or in a
// script's control (href="#").
func linksToPage(img *goquery.Selection, own *owner) bool {
	a := img.Closest("a[href]")
	if a.Length() == 0 || own == nil || own.page == nil {
		return false
	}
	raw := strings.TrimSpace(a.AttrOr("href", ""))
	href := linkTarget(raw)
	if href == "" && raw != "" || strings.HasPrefix(strings.ToLower(href), "javascript:") {
		// href="#", "javascript:…": a script's control, not a link to a picture.
		return true
	}
	u, err := own.page.Parse(href)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.EqualFold(u.Host, own.page.Host) {
		return false
	}
	if reImageFile.MatchString(u.Path) {
		return false
	}
	return addressKey(u) != addressKey(own.page)
}

// reImageFile is the path of a picture file.
var reImageFile = regexp.MustCompile(`(?i)\.(jpe?g|png|gif|webp|bmp|svg)$`)

// bannerShaped reports an image whose declared size is banner-shaped.
func bannerShaped(img *goquery.Selection) bool {
	w, errW := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(img.AttrOr("width", "")), "px"))
	h, errH := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(img.AttrOr("height", "")), "px"))
	return errW == nil && errH == nil && h > 0 && w >= bannerAspect*h
}
