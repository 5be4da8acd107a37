package simweb

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// contentSelector is where each style keeps the post (featured image and body).
var contentSelector = map[string]string{
	StyleNukeViet:  `.news_column[itemscope]`,
	StyleWordPress: `article.post`,
	StyleJoomla:    `.com-content-article`,
	StylePortal:    `.news-detail`,
	StyleBlogger:   `.post-body`,
	StyleStatic:    `td[style="padding:10px"]`,
}

var fileLike = regexp.MustCompile(`(?i)\.(jpe?g|png|gif|webp)$`)

// countImages is an independent reading of a post page by the rules
// documented on TruthPost; the truth must agree with it.
func countImages(t *testing.T, style, page, title string) (imgs, captioned, alt int) {
	t.Helper()
	return countImagesIn(t, contentSelector[style], page, title)
}

// countImagesIn is countImages inside the element matched by sel.
func countImagesIn(t *testing.T, sel, page, title string) (imgs, captioned, alt int) {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	doc.Find(sel).First().Find("img").Each(func(_ int, img *goquery.Selection) {
		src, _ := img.Attr("src")
		if lazy, ok := img.Attr("data-lazy-src"); ok {
			src = lazy
		}
		w, _ := img.Attr("width")
		cls, _ := img.Attr("class")
		switch {
		case w == "16", strings.Contains(cls, "emoji"), strings.HasPrefix(src, "data:"),
			img.ParentsFiltered(`[style*="display:none"], .code-block`).Length() > 0, seen[src]:
			return
		}
		seen[src] = true
		imgs++
		if hasCaption(img) {
			captioned++
			return
		}
		if a, ok := img.Attr("alt"); ok && strings.TrimSpace(a) != "" && !fileLike.MatchString(a) && a != title {
			alt++
		}
	})
	return
}

func hasCaption(img *goquery.Selection) bool {
	if fig := img.Closest("figure"); fig.Length() > 0 && strings.TrimSpace(fig.ChildrenFiltered("figcaption").Text()) != "" {
		return true
	}
	for _, pair := range [][2]string{{"table.image", "td.image_desc"}, {"table.tr-caption-container", "td.tr-caption"}, {".wp-caption", ".wp-caption-text"}, {".avatar-detail", ".avatar-caption"}} {
		if box := img.Closest(pair[0]); box.Length() > 0 && strings.TrimSpace(box.Find(pair[1]).Text()) != "" {
			return true
		}
	}
	p := img.Closest("p")
	if p.Length() == 0 {
		return false
	}
	if p.ChildrenFiltered("i").Length() > 0 && p.ChildrenFiltered("br").Length() > 0 {
		return true // static: <img><br><i>caption</i>
	}
	next := p.Next()
	if style, _ := next.Attr("style"); next.Is("p") && strings.Contains(style, "center") && next.Children().Length() == 1 && next.Children().Is("em") {
		return true
	}
	return false
}

func TestTruthMatchesMarkup(t *testing.T) {
	t.Parallel()
	sites := Generate(Options{Seed: 21, PostsPerSite: 24}, 18)
	for _, s := range sites {
		t.Run(s.Name, func(t *testing.T) {
			for _, p := range s.Truth() {
				page := decode(record(s, p.URL, nil).Body.Bytes())
				i, c, a := countImages(t, s.Style, page, p.Title)
				if i != p.Images || c != p.CaptionedImages || a != p.AltImages {
					t.Errorf("%s: markup has images %d captioned %d alt %d; truth %d %d %d", p.URL, i, c, a, p.Images, p.CaptionedImages, p.AltImages)
				}
			}
		})
	}
}

var hrefRe = regexp.MustCompile(`(?i)(?:href|src)\s*=\s*['"]([^'"]+)['"]|<(?:link|loc)>([^<]+)</`)

// TestPostsReachable walks every site from its home page, feeds and
// sitemaps and checks that each post is linked somewhere.
func TestPostsReachable(t *testing.T) {
	t.Parallel()
	sites := Generate(Options{Seed: 8, PostsPerSite: 24}, 12)
	for _, s := range sites {
		t.Run(s.Name, func(t *testing.T) {
			base, _ := url.Parse("http://sim.test/")
			linked := map[string]bool{}
			queue := []string{"/", "/sitemap.xml", "/feed/", "/news/rss/", "/feeds/posts/default"}
			visited := map[string]bool{}
			for len(queue) > 0 && len(visited) < 400 {
				target := queue[0]
				queue = queue[1:]
				if visited[target] {
					continue
				}
				visited[target] = true
				r := record(s, target, nil)
				if loc := r.Header().Get("Location"); loc != "" {
					if u, err := base.Parse(loc); err == nil && u.Host == base.Host {
						queue = append(queue, u.RequestURI())
					}
					continue
				}
				if r.Code != 200 || !strings.Contains(r.Header().Get("Content-Type"), "html") && !strings.Contains(r.Header().Get("Content-Type"), "xml") {
					continue
				}
				page, _ := url.Parse("http://sim.test" + target)
				for _, m := range hrefRe.FindAllStringSubmatch(decode(r.Body.Bytes()), -1) {
					raw := strings.ReplaceAll(m[1]+m[2], "&amp;", "&")
					u, err := page.Parse(strings.TrimSpace(raw))
					if err != nil || (u.Host != "sim.test" && u.Host != "") || imageType(u.Path) != "" || strings.HasSuffix(u.Path, ".pdf") {
						continue
					}
					u.Fragment = ""
					linked[u.RequestURI()] = true
					queue = append(queue, u.RequestURI())
				}
			}
			for _, p := range s.Truth() {
				if !linked[p.URL] {
					t.Errorf("post %s is linked from nowhere (visited %d pages)", p.URL, len(visited))
				}
			}
		})
	}
}
