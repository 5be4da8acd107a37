package simweb

import (
	"fmt"
	"html"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// blogger is a school blog on Blogger (blogspot).
//
// Traps: /YYYY/MM/slug.html with slugs cut to 40 characters; the date header
// "Thứ Hai, 16 tháng 11, 2026" appears once for several posts of the same
// day; abbr.published carries the ISO time in its title and only "16:45" as
// text; Atom /feeds/posts/default (published/updated, paged with
// start-index) and RSS ?alt=rss (pubDate +0000); robots.txt disallows
// /search (the "older posts" pagination and label pages) while month
// archives /YYYY/MM/ and the sitemap are allowed; ?m=1 and ?m=0 duplicates,
// linked from some post bodies; static pages /p/*.html are not posts; the
// BlogArchive widget shows monthly counts and a FeaturedPost widget shows
// an old post on every page; captions in td.tr-caption, uncaptioned images
// in div.separator; images hosted on blogger.googleusercontent.com.
type blogger struct{}

func (blogger) postPath(s *Site, p *post) string {
	return "/" + p.born.Format("2006/01") + "/" + p.short + ".html"
}

func (bg blogger) aliases(s *Site, p *post) []string {
	u := bg.postPath(s, p)
	return []string{u + "?m=1", u + "?m=0"}
}

func (blogger) docFile(s *Site, d doc) string {
	return fmt.Sprintf("https://drive.google.com/file/d/1%x/view", mix(s.seed, fnv(d.file)))
}

func (bg blogger) blogID(s *Site) uint64 { return 7000000000000000000 + s.seed%1000000000000000000 }

func (bg blogger) route(c *reqCtx) *resp {
	s := c.s
	p := c.path
	switch {
	case p == "/":
		return bg.home(c)
	case p == "/robots.txt":
		return &resp{status: 200, ctype: ctText, lastMod: s.staticLM(), body: "User-agent: Mediapartners-Google\nDisallow: \n\nUser-agent: *\nDisallow: /search\nAllow: /\n\nSitemap: " + c.origin + "/sitemap.xml\n"}
	case p == "/sitemap.xml":
		if c.query.Get("page") != "" {
			if c.query.Get("page") != "1" {
				return nil
			}
			var b strings.Builder
			b.WriteString(`<?xml version='1.0' encoding='UTF-8'?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
			for _, pp := range s.posts {
				fmt.Fprintf(&b, "<url><loc>%s%s</loc><lastmod>%s</lastmod></url>", c.origin, bg.postPath(s, pp), pp.upd.UTC().Format("2006-01-02T15:04:05Z"))
			}
			b.WriteString("</urlset>")
			return xmlResp(ctXML, b.String(), s.newestLM())
		}
		return xmlResp(ctXML, `<?xml version='1.0' encoding='UTF-8'?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>`+c.origin+`/sitemap.xml?page=1</loc></sitemap></sitemapindex>`, s.newestLM())
	case p == "/sitemap-pages.xml":
		var b strings.Builder
		b.WriteString(`<?xml version='1.0' encoding='UTF-8'?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		for _, sp := range bg.pages(s) {
			fmt.Fprintf(&b, "<url><loc>%s/p/%s.html</loc><lastmod>%s</lastmod></url>", c.origin, sp.slug, s.staticLM().UTC().Format("2006-01-02T15:04:05Z"))
		}
		b.WriteString("</urlset>")
		return xmlResp(ctXML, b.String(), s.staticLM())
	case p == "/feeds/posts/default":
		return bg.feed(c)
	case p == "/search":
		max, _ := strconv.Atoi(c.query.Get("max-results"))
		if max <= 0 {
			max = 5
		}
		before, err := time.Parse(time.RFC3339, c.query.Get("updated-max"))
		if err != nil {
			return nil
		}
		var list []*post
		for _, pp := range s.posts {
			if pp.pub.Before(before) {
				list = append(list, pp)
			}
		}
		return bg.list(c, "", list, max, true)
	case strings.HasPrefix(p, "/search/label/"):
		label, _ := url.PathUnescape(strings.TrimPrefix(p, "/search/label/"))
		for ci, cat := range s.cats {
			if cat.label == label {
				return bg.list(c, cat.label, s.listing(ci, false), 20, false)
			}
		}
		return nil
	case strings.HasPrefix(p, "/p/") && strings.HasSuffix(p, ".html"):
		slug := strings.TrimSuffix(strings.TrimPrefix(p, "/p/"), ".html")
		for _, sp := range bg.pages(s) {
			if sp.slug == slug {
				return bg.staticPage(c, sp)
			}
		}
		return nil
	}
	parts := strings.Split(strings.Trim(p, "/"), "/")
	if len(parts) >= 2 && len(parts[0]) == 4 && len(parts[1]) == 2 {
		if _, err := strconv.Atoi(parts[0] + parts[1]); err != nil {
			return nil
		}
		month := parts[0] + "/" + parts[1]
		if len(parts) == 2 && strings.HasSuffix(p, "/") {
			var list []*post
			for _, pp := range s.posts {
				if pp.born.Format("2006/01") == month {
					list = append(list, pp)
				}
			}
			if len(list) == 0 {
				return nil
			}
			return bg.list(c, "", list, 50, false)
		}
		if len(parts) == 3 && strings.HasSuffix(parts[2], ".html") {
			short := strings.TrimSuffix(parts[2], ".html")
			for _, pp := range s.posts {
				if pp.short == short && pp.born.Format("2006/01") == month {
					return bg.detail(c, pp)
				}
			}
		}
	}
	return nil
}

func (blogger) pages(s *Site) []staticPage {
	ps := s.staticPages()
	if s.hasSection("van_ban") {
		ps = append(ps, staticPage{"van_ban", "Văn bản", "van-ban"})
	}
	return ps
}

func bgDateHeader(t time.Time) string {
	return fmt.Sprintf("%s, %d tháng %d, %d", weekdaysCap[t.Weekday()], t.Day(), int(t.Month()), t.Year())
}

func (bg blogger) layout(c *reqCtx, title, head, main string, lm time.Time, kind uint8, mobile bool) *resp {
	s := c.s
	o := c.origin
	var b strings.Builder
	b.Grow(16 << 10)
	full := s.UnitName
	if title != "" {
		full = title + " | " + s.UnitName
	}
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html class='v2' dir='ltr' lang='vi' xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b' xmlns:data='http://www.google.com/2005/gml/data'>
<head>
<meta content='width=1100' name='viewport'/>
<meta content='text/html; charset=UTF-8' http-equiv='Content-Type'/>
<meta content='blogger' name='generator'/>
<link href='%s/favicon.ico' rel='icon' type='image/x-icon'/>
<link rel="alternate" type="application/atom+xml" title="%s - Atom" href="%s/feeds/posts/default" />
<link rel="alternate" type="application/rss+xml" title="%s - RSS" href="%s/feeds/posts/default?alt=rss" />
%s<title>%s</title>
</head>
<body class='loading variant-simplysimple'>
<div class='content'><div class='content-outer'><header><div class='header-outer'><div class='Header widget' id='Header1'><div id='header-inner'><div class='titlewrapper'><h1 class='title'><a href='%s/'>%s</a></h1></div><div class='descriptionwrapper'><p class='description'><span>%s</span></p></div></div></div></div></header>
<div class='main-outer'><div class='main-inner columns fauxcolumns'><div class='column-center-inner'><div class='main section' id='main'><div class='widget Blog' data-version='1' id='Blog1'><div class='blog-posts hfeed'>
`, o, esc(s.UnitName), o, esc(s.UnitName), o, head, esc(full), o, esc(s.UnitName), esc(s.slogan))
	b.WriteString(main)
	b.WriteString("</div></div></div></div>\n")
	if !mobile {
		b.WriteString(bg.sidebar(c))
	}
	b.WriteString(`</div></div><footer><div class='footer-outer'>`)
	for _, l := range s.footerLines() {
		fmt.Fprintf(&b, "<p>%s</p>", esc(l))
	}
	b.WriteString(`<p>Chủ đề Đơn giản. Được tạo bởi <a href='https://www.blogger.com'>Blogger</a>.</p></div></footer></div></div>
</body>
</html>`)
	return htmlResp(b.String(), lm, kind)
}

func (bg blogger) sidebar(c *reqCtx) string {
	s := c.s
	o := c.origin
	var b strings.Builder
	b.WriteString(`<div class='column-right-inner'><aside><div class='sidebar section' id='sidebar-right-1'>`)
	for _, p := range s.posts {
		if p.has(trapPinned) {
			fmt.Fprintf(&b, `<div class='widget FeaturedPost' data-version='1' id='FeaturedPost1'><h2 class='title'>Bài đăng nổi bật</h2><div class='post-summary'><h3><a href='%s%s'>%s</a></h3><p>%s</p></div></div>`, o, bg.postPath(s, p), esc(p.title), esc(s.summary(p)))
		}
	}
	b.WriteString(`<div class='widget PopularPosts' data-version='1' id='PopularPosts1'><h2>Bài đăng mới nhất</h2><div class='widget-content popular-posts'><ul>`)
	for _, p := range s.newest(5) {
		fmt.Fprintf(&b, `<li><div class='item-title'><a href='%s%s'>%s</a></div></li>`, o, bg.postPath(s, p), esc(p.title))
	}
	b.WriteString(`</ul></div></div>`)
	fmt.Fprintf(&b, `<div class='widget Profile' data-version='1' id='Profile1'><h2>Giới thiệu về tôi</h2><div class='widget-content'><img alt='Ảnh của tôi' class='profile-img' height='80' src='//blogger.googleusercontent.com/img/b/avatar/s80/logo-%s.png' width='80'/><dl class='profile-datablock'><dt class='profile-data'>%s</dt></dl></div></div>`, compact(s.UnitName)[:min(12, len(compact(s.UnitName)))], esc(s.UnitName))
	fmt.Fprintf(&b, `<div class='widget PageList' data-version='1' id='PageList1'><h2>Trang</h2><div class='widget-content'><ul><li><a href='%s/'>Trang chủ</a></li>`, o)
	for _, sp := range bg.pages(s) {
		fmt.Fprintf(&b, `<li><a href='%s/p/%s.html'>%s</a></li>`, o, sp.slug, sp.label)
	}
	b.WriteString(`</ul></div></div><div class='widget BlogArchive' data-version='1' id='BlogArchive1'><h2>Lưu trữ Blog</h2><div class='widget-content'><div id='ArchiveList'><ul class='hierarchy'>`)
	type mc struct {
		key   string
		t     time.Time
		count int
	}
	var months []*mc
	idx := map[string]*mc{}
	for _, p := range s.posts {
		k := p.born.Format("2006/01")
		if idx[k] == nil {
			idx[k] = &mc{key: k, t: p.born}
			months = append(months, idx[k])
		}
		idx[k].count++
	}
	for _, m := range months {
		fmt.Fprintf(&b, `<li class='archivedate collapsed'><a class='post-count-link' href='%s/%s/'>tháng %d %d</a> <span class='post-count' dir='ltr'>(%d)</span></li>`, o, m.key, int(m.t.Month()), m.t.Year(), m.count)
	}
	b.WriteString(`</ul></div></div></div><div class='widget Label' data-version='1' id='Label1'><h2>Nhãn</h2><div class='widget-content list-label-widget-content'><ul>`)
	for ci, cat := range s.cats {
		fmt.Fprintf(&b, `<li><a dir='ltr' href='%s/search/label/%s'>%s</a><span dir='ltr'>(%d)</span></li>`, o, url.PathEscape(cat.label), esc(cat.label), len(s.listing(ci, false)))
	}
	b.WriteString(`</ul></div></div></div></aside></div>`)
	return b.String()
}

// body renders the post body (also used as Atom content).
func (bg blogger) body(c *reqCtx, p *post) string {
	s := c.s
	var b strings.Builder
	fmt.Fprintf(&b, "<div><b>%s</b></div>\n", esc(s.lead(p)))
	er := rng(p.seed, 29)
	for _, bl := range s.blocks(p) {
		if bl.img < 0 {
			fmt.Fprintf(&b, `<div style="text-align: justify;">%s`, esc(bl.text))
			if bl.emoji {
				b.WriteString(" " + fbEmoji(er))
			}
			b.WriteString("</div>\n")
			continue
		}
		im := p.imgs[bl.img]
		w, h := dims(im)
		key := fmt.Sprintf("AVvXsE%x", mix(p.seed, uint64(bl.img))&0xffffffffffff)
		full := fmt.Sprintf("https://blogger.googleusercontent.com/img/b/R29vZ2xl/%s/s1600/%s", key, imgName(p, bl.img, im))
		small := fmt.Sprintf("https://blogger.googleusercontent.com/img/b/R29vZ2xl/%s/s400/%s", key, imgName(p, bl.img, im))
		tag := fmt.Sprintf(`<img border="0" data-original-height="%d" data-original-width="%d" height="%d" src="%s" width="400"%s />`, h, w, h*400/w, small, imgAlt(p, im))
		if im.caption {
			fmt.Fprintf(&b, `<table align="center" cellpadding="0" cellspacing="0" class="tr-caption-container" style="margin-left: auto; margin-right: auto;"><tbody><tr><td style="text-align: center;"><a href="%s" style="margin-left: auto; margin-right: auto;">%s</a></td></tr><tr><td class="tr-caption" style="text-align: center;">%s</td></tr></tbody></table>`+"\n", full, tag, esc(caption(im)))
		} else {
			fmt.Fprintf(&b, `<div class="separator" style="clear: both; text-align: center;"><a href="%s" style="margin-left: 1em; margin-right: 1em;">%s</a></div>`+"\n", full, tag)
		}
	}
	if p.seed%3 == 1 {
		for _, q := range s.posts {
			if q.pub.Before(p.pub) {
				fmt.Fprintf(&b, `<div>Xem lại: <a href="%s%s?m=1">%s</a></div>`+"\n", c.origin, bg.postPath(s, q), esc(q.title))
				break
			}
		}
	}
	if p.attach {
		fmt.Fprintf(&b, `<div>Tải văn bản: <a href="https://drive.google.com/file/d/1%x/view">tại đây</a></div>`+"\n", p.seed&0xffffffffff)
	}
	return b.String()
}

// entry renders one post in a list or on its own page.
func (bg blogger) entry(c *reqCtx, p *post, full bool) string {
	s := c.s
	o := c.origin
	u := o + bg.postPath(s, p)
	pid := mix(p.seed, 3) % 10000000000000000000
	var b strings.Builder
	fmt.Fprintf(&b, `<div class='post-outer'><div class='post hentry uncustomized-post-template' itemprop='blogPost' itemscope='itemscope' itemtype='http://schema.org/BlogPosting'><meta content='%d' itemprop='blogId'/><meta content='%d' itemprop='postId'/><a name='%d'></a><h3 class='post-title entry-title' itemprop='name'>`, bg.blogID(s), pid, pid)
	if full {
		b.WriteString(esc(p.title))
	} else {
		fmt.Fprintf(&b, `<a href='%s'>%s</a>`, u, esc(p.title))
	}
	fmt.Fprintf(&b, "</h3>\n<div class='post-header'><div class='post-header-line-1'></div></div>\n<div class='post-body entry-content' id='post-body-%d' itemprop='description articleBody'>\n", pid)
	b.WriteString(bg.body(c, p))
	fmt.Fprintf(&b, `<div style='clear: both;'></div></div><div class='post-footer'><div class='post-footer-line post-footer-line-1'><span class='post-author vcard'>Được đăng bởi <span class='fn' itemprop='author' itemscope='itemscope' itemtype='http://schema.org/Person'><span itemprop='name'>%s</span></span></span> <span class='post-timestamp'>vào lúc <meta content='%s' itemprop='url'/><a class='timestamp-link' href='%s' rel='bookmark' title='permanent link'><abbr class='published' itemprop='datePublished' title='%s'>%s</abbr></a></span> <span class='post-comment-link'><a class='comment-link' href='%s#comment-form'>Không có nhận xét nào:</a></span></div><div class='post-footer-line post-footer-line-2'><span class='post-labels'>Nhãn: `,
		esc(s.UnitName), u, u, isoLocal(p.pub), p.pub.Format("15:04"), u)
	for i, ci := range append([]int{p.cat}, p.extra...) {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `<a href='%s/search/label/%s' rel='tag'>%s</a>`, o, url.PathEscape(s.cats[ci].label), esc(s.cats[ci].label))
	}
	b.WriteString("</span></div></div></div></div>\n")
	return b.String()
}

// list renders posts grouped under shared date headers, with an "older
// posts" link to /search when more remain.
func (bg blogger) list(c *reqCtx, title string, list []*post, max int, older bool) *resp {
	s := c.s
	var b strings.Builder
	if title != "" {
		fmt.Fprintf(&b, `<div class='status-msg-wrap'><div class='status-msg-body'>Hiển thị các bài đăng có nhãn <b>%s</b>.</div></div>`, esc(title))
	}
	shown := list[:min(max, len(list))]
	var day string
	for i, p := range shown {
		d := p.pub.Format("2006-01-02")
		if d != day {
			if i > 0 {
				b.WriteString("</div></div>\n")
			}
			fmt.Fprintf(&b, "<div class=\"date-outer\"><h2 class='date-header'><span>%s</span></h2>\n<div class=\"date-posts\">\n", bgDateHeader(p.pub))
			day = d
		}
		b.WriteString(bg.entry(c, p, false))
	}
	if len(shown) > 0 {
		b.WriteString("</div></div>\n")
	}
	b.WriteString(`<div class='blog-pager' id='blog-pager'>`)
	if (older || title == "") && len(list) > len(shown) && len(shown) > 0 {
		last := shown[len(shown)-1]
		fmt.Fprintf(&b, `<span id='blog-pager-older-link'><a class='blog-pager-older-link' href='%s/search?updated-max=%s&amp;max-results=%d' title='Bài đăng cũ hơn'>Bài đăng cũ hơn</a></span>`, c.origin, url.QueryEscape(isoLocal(last.pub)), max)
	}
	fmt.Fprintf(&b, `<a class='home-link' href='%s/'>Trang chủ</a></div>`, c.origin)
	return bg.layout(c, title, "", b.String(), s.newestLM(), kindListing, false)
}

func (bg blogger) home(c *reqCtx) *resp { return bg.list(c, "", c.s.posts, 5, true) }

func (bg blogger) detail(c *reqCtx, p *post) *resp {
	s := c.s
	mobile := c.query.Get("m") == "1"
	var b strings.Builder
	fmt.Fprintf(&b, "<div class=\"date-outer\"><h2 class='date-header'><span>%s</span></h2>\n<div class=\"date-posts\">\n", bgDateHeader(p.pub))
	b.WriteString(bg.entry(c, p, true))
	b.WriteString("</div></div>\n<div class='blog-pager' id='blog-pager'>")
	for i, q := range s.posts {
		if q != p {
			continue
		}
		if i > 0 {
			fmt.Fprintf(&b, `<span id='blog-pager-newer-link'><a class='blog-pager-newer-link' href='%s%s' title='Bài đăng Mới hơn'>Bài đăng Mới hơn</a></span>`, c.origin, bg.postPath(s, s.posts[i-1]))
		}
		if i+1 < len(s.posts) {
			fmt.Fprintf(&b, `<span id='blog-pager-older-link'><a class='blog-pager-older-link' href='%s%s' title='Bài đăng Cũ hơn'>Bài đăng Cũ hơn</a></span>`, c.origin, bg.postPath(s, s.posts[i+1]))
		}
	}
	fmt.Fprintf(&b, `<a class='home-link' href='%s/'>Trang chủ</a></div>`, c.origin)
	head := fmt.Sprintf("<link href='%s%s' rel='canonical'/>\n<meta content='%s' property='og:title'/>\n", c.origin, bg.postPath(s, p), esc(p.title))
	return bg.layout(c, p.title, head, b.String(), p.lastMod(), kindPost, mobile)
}

func (bg blogger) staticPage(c *reqCtx, sp staticPage) *resp {
	s := c.s
	body := s.staticBody(sp)
	if sp.slug == "van-ban" {
		var b strings.Builder
		b.WriteString("<ul>")
		for _, d := range s.docs {
			fmt.Fprintf(&b, `<li>%s - %s (%s) <a href="%s">Xem</a></li>`, esc(d.number), esc(d.title), dmy(d.date), bg.docFile(s, d))
		}
		b.WriteString("</ul>")
		body = b.String()
	}
	main := fmt.Sprintf(`<div class='post-outer'><div class='post hentry'><h3 class='post-title entry-title'>%s</h3><div class='post-body entry-content'>%s</div></div></div>`, sp.label, body)
	return bg.layout(c, sp.label, "", main, s.staticLM(), kindOther, false)
}

func (bg blogger) feed(c *reqCtx) *resp {
	s := c.s
	o := c.origin
	start, _ := strconv.Atoi(c.query.Get("start-index"))
	if start < 1 {
		start = 1
	}
	max, _ := strconv.Atoi(c.query.Get("max-results"))
	if max <= 0 {
		max = 25
	}
	list := s.posts
	var items []*post
	if start-1 < len(list) {
		items = list[start-1 : min(len(list), start-1+max)]
	}
	blog := bg.blogID(s)
	var b strings.Builder
	if c.query.Get("alt") == "rss" {
		fmt.Fprintf(&b, `<?xml version='1.0' encoding='UTF-8'?><rss xmlns:atom='http://www.w3.org/2005/Atom' xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' version='2.0'><channel><atom:id>tag:blogger.com,1999:blog-%d</atom:id><lastBuildDate>%s</lastBuildDate><title>%s</title><description>%s</description><link>%s/</link><openSearch:totalResults>%d</openSearch:totalResults><openSearch:startIndex>%d</openSearch:startIndex><openSearch:itemsPerPage>%d</openSearch:itemsPerPage>`,
			blog, rssDate(s.modTime, time.UTC), esc(s.UnitName), esc(s.slogan), o, len(list), start, max)
		for _, p := range items {
			fmt.Fprintf(&b, "<item><guid isPermaLink='false'>tag:blogger.com,1999:blog-%d.post-%d</guid><pubDate>%s</pubDate><atom:updated>%s</atom:updated>", blog, mix(p.seed, 3)%10000000000000000000, rssDate(p.pub, time.UTC), p.upd.Format("2006-01-02T15:04:05.000-07:00"))
			for _, ci := range append([]int{p.cat}, p.extra...) {
				fmt.Fprintf(&b, "<category domain='http://www.blogger.com/atom/ns#'>%s</category>", esc(s.cats[ci].label))
			}
			fmt.Fprintf(&b, "<title>%s</title><description>%s</description><link>%s%s</link><author>noreply@blogger.com (%s)</author></item>", esc(p.title), html.EscapeString(bg.body(c, p)), o, bg.postPath(s, p), esc(s.UnitName))
		}
		b.WriteString("</channel></rss>")
		return xmlResp(ctRSS, b.String(), s.newestLM())
	}
	fmt.Fprintf(&b, `<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom' xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' xmlns:blogger='http://schemas.google.com/blogger/2008' xmlns:gd='http://schemas.google.com/g/2005'><id>tag:blogger.com,1999:blog-%d</id><updated>%s</updated><title type='text'>%s</title><subtitle type='html'>%s</subtitle><link rel='http://schemas.google.com/g/2005#feed' type='application/atom+xml' href='%s/feeds/posts/default'/><link rel='self' type='application/atom+xml' href='%s/feeds/posts/default?start-index=%d&amp;max-results=%d'/><link rel='alternate' type='text/html' href='%s/'/>`,
		blog, s.modTime.Format("2006-01-02T15:04:05.000-07:00"), esc(s.UnitName), esc(s.slogan), o, o, start, max, o)
	if start-1+max < len(list) {
		fmt.Fprintf(&b, `<link rel='next' type='application/atom+xml' href='%s/feeds/posts/default?start-index=%d&amp;max-results=%d'/>`, o, start+max, max)
	}
	fmt.Fprintf(&b, `<author><name>%s</name></author><generator version='7.00' uri='http://www.blogger.com'>Blogger</generator><openSearch:totalResults>%d</openSearch:totalResults><openSearch:startIndex>%d</openSearch:startIndex><openSearch:itemsPerPage>%d</openSearch:itemsPerPage>`, esc(s.UnitName), len(list), start, max)
	for _, p := range items {
		u := o + bg.postPath(s, p)
		fmt.Fprintf(&b, "<entry><id>tag:blogger.com,1999:blog-%d.post-%d</id><published>%s</published><updated>%s</updated>", blog, mix(p.seed, 3)%10000000000000000000, p.pub.Format("2006-01-02T15:04:05.000-07:00"), p.upd.Format("2006-01-02T15:04:05.000-07:00"))
		for _, ci := range append([]int{p.cat}, p.extra...) {
			fmt.Fprintf(&b, "<category scheme='http://www.blogger.com/atom/ns#' term='%s'/>", esc(s.cats[ci].label))
		}
		fmt.Fprintf(&b, "<title type='text'>%s</title><content type='html'>%s</content><link rel='alternate' type='text/html' href='%s' title='%s'/><author><name>%s</name></author></entry>", esc(p.title), html.EscapeString(bg.body(c, p)), u, esc(p.title), esc(s.UnitName))
	}
	b.WriteString("</feed>")
	return xmlResp(ctAtom, b.String(), s.newestLM())
}
