package extract

import (
	"net/url"
	"regexp"
	"sitewatch/vntext"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// with only an alt text. Logos, icons, emoji, banners, hidden images and
// duplicates are not counted.
func countImages(region *goquery.Selection, title string, own *owner) (images, captioned, altOnly int) {
	seen := map[string]bool{}
	root := region.Get(0)
	region.Find("img").Each(func(_ int, img *goquery.Selection) {
		if excludedWithin(img, root) || own.notOwn(img.Get(0)) {
			return
		}
		src := imgSrc(img)
		if src == "" || strings.HasPrefix(src, "data:") {
			return
		}
		if hidden(img) {
			return
		}
		cls, _ := img.Attr("class")
		id, _ := img.Attr("id")
		alt, _ := img.Attr("alt")
		if reSkipImg.MatchString(src) || reSkipImg.MatchString(cls) || reSkipImg.MatchString(id) {
			return
		}
		if small(img) {
			return
		}
		key := normImg(src)
		if seen[key] {
			return
		}
		seen[key] = true
		images++
		if hasCaption(img) {
			captioned++
			return
		}
		alt = strings.TrimSpace(alt)
		// An alt that repeats the post title describes nothing.
		if alt != "" && !reFileName.MatchString(alt) && (title == "" || vntext.Fold(alt) != vntext.Fold(title)) {
			altOnly++
		}
	})
	return
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

var reSizeSuffix = regexp.MustCompile(`-\d{2,4}x\d{2,4}(\.\w+)$`)

func normImg(src string) string {
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
