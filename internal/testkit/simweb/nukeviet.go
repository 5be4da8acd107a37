package simweb

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// nukeviet is NukeViet 4.x with URL rewriting and no language prefix.
//
// Traps: /news/<cat>/<alias>-<id>.html; listings /news/page-N/ with the
// pinned old post first; detail date "Thứ hai - 25/11/2026 08:30" and a
// malformed article:published_time ("2026-11-25+0708:30:00"); RSS
// /news/rss/ with GMT pubDate (so 00:10 on the 1st is the previous month)
// and, on some sites, the month number in the minutes; non-rewritten
// /index.php?language=vi&nv=news&op=... and secondary-category paths 301
// to the canonical URL; CKEditor captions as a centred <em> paragraph or a
// figure.image with figcaption; documents under /laws/.
type nukeviet struct{}

func (nukeviet) postPath(s *Site, p *post) string {
	return "/news/" + s.cats[p.cat].slug + "/" + p.slug + "-" + strconv.Itoa(p.id) + ".html"
}

func (nukeviet) aliases(s *Site, p *post) []string {
	out := []string{"/index.php?language=vi&nv=news&op=" + s.cats[p.cat].slug + "/" + p.slug + "-" + strconv.Itoa(p.id) + ".html"}
	for _, c := range p.extra {
		out = append(out, "/news/"+s.cats[c].slug+"/"+p.slug+"-"+strconv.Itoa(p.id)+".html")
	}
	return out
}

func (nukeviet) docFile(s *Site, d doc) string { return "/uploads/laws/" + d.file + ".pdf" }

func (nv nukeviet) route(c *reqCtx) *resp {
	s := c.s
	p := c.path
	if p == "/index.php" {
		if c.query.Get("nv") == "news" {
			op := c.query.Get("op")
			if op == "rss" {
				return nv.rss(c, -1)
			}
			if slug, id, ok := nvSplit(op); ok {
				if pp := s.postByID(id); pp != nil && strings.HasSuffix(slug, pp.slug) {
					return redirect(301, c.origin+nv.postPath(s, pp))
				}
			}
			return nil
		}
		return redirect(301, c.origin+"/")
	}
	// Trailing-slash redirects for module paths.
	if !strings.HasSuffix(p, "/") && !strings.Contains(p, ".") && p != "" {
		switch {
		case p == "/news", p == "/laws", p == "/contact", p == "/photos",
			strings.HasPrefix(p, "/news/"), strings.HasPrefix(p, "/laws/"):
			return redirect(301, c.origin+p+"/")
		}
	}
	switch {
	case p == "/":
		return nv.home(c)
	case p == "/robots.txt":
		return &resp{status: 200, ctype: ctText, lastMod: s.staticLM(), body: "User-agent: *\nDisallow: /admin/\nDisallow: /includes/\nDisallow: /install/\nDisallow: /vendor/\nDisallow: /*?nv=users\n\nSitemap: " + c.origin + "/sitemap.xml\n"}
	case p == "/sitemap.xml":
		return nv.sitemapIndex(c)
	case p == "/sitemap-vi.news.xml":
		return nv.sitemapNews(c)
	case p == "/sitemap-vi.about.xml":
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		for _, sp := range s.staticPages() {
			fmt.Fprintf(&b, "<url><loc>%s%s</loc><lastmod>%s</lastmod></url>", c.origin, nv.pagePath(sp), s.staticLM().Format("2006-01-02"))
		}
		b.WriteString("</urlset>")
		return xmlResp(ctXML, b.String(), s.staticLM())
	case p == "/news/":
		return nv.listing(c, -1, 1)
	case p == "/news/rss/":
		return nv.rss(c, -1)
	case strings.HasPrefix(p, "/news/rss/"):
		ci := s.catBySlug(strings.Trim(strings.TrimPrefix(p, "/news/rss/"), "/"))
		if ci < 0 {
			return nil
		}
		return nv.rss(c, ci)
	case strings.HasPrefix(p, "/news/page-"):
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(p, "/news/page-"), "/"))
		if err != nil {
			return nil
		}
		return nv.listing(c, -1, n)
	case strings.HasPrefix(p, "/news/"):
		rest := strings.TrimPrefix(p, "/news/")
		catSlug, tail, _ := strings.Cut(rest, "/")
		ci := s.catBySlug(catSlug)
		if ci < 0 {
			return nil
		}
		switch {
		case tail == "":
			return nv.listing(c, ci, 1)
		case strings.HasPrefix(tail, "page-"):
			n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(tail, "page-"), "/"))
			if err != nil {
				return nil
			}
			return nv.listing(c, ci, n)
		case strings.HasSuffix(tail, ".html"):
			slug, id, ok := nvSplit(tail)
			if !ok {
				return nil
			}
			pp := s.postByID(id)
			if pp == nil || slug != pp.slug || !pp.inCat(ci) {
				return nil
			}
			if ci != pp.cat {
				return redirect(301, c.origin+nv.postPath(s, pp))
			}
			return nv.detail(c, pp)
		}
		return nil
	case p == "/laws/":
		return nv.laws(c)
	case strings.HasPrefix(p, "/laws/detail/"):
		slug := strings.Trim(strings.TrimPrefix(p, "/laws/detail/"), "/")
		for _, d := range s.docs {
			if d.slug == slug {
				return nv.lawDetail(c, d)
			}
		}
		return nil
	case p == "/contact/":
		for _, sp := range s.staticPages() {
			if sp.slug == "lien-he" {
				return nv.staticPage(c, sp)
			}
		}
		return nil
	case p == "/photos/":
		return nv.page(c, "Thư viện ảnh", nv.albums(c), s.staticLM(), kindOther)
	case strings.HasPrefix(p, "/about/") && strings.HasSuffix(p, ".html"):
		slug := strings.TrimSuffix(strings.TrimPrefix(p, "/about/"), ".html")
		for _, sp := range s.staticPages() {
			if sp.slug == slug && sp.slug != "lien-he" {
				return nv.staticPage(c, sp)
			}
		}
	}
	return nil
}

// nvSplit splits "<cat>/<alias>-<id>.html" or "<alias>-<id>.html".
func nvSplit(op string) (string, int, bool) {
	op = strings.TrimSuffix(op, ".html")
	i := strings.LastIndexByte(op, '-')
	if i < 0 {
		return "", 0, false
	}
	id, err := strconv.Atoi(op[i+1:])
	if err != nil {
		return "", 0, false
	}
	return op[:i], id, true
}

func (nukeviet) pagePath(sp staticPage) string {
	if sp.slug == "lien-he" {
		return "/contact/"
	}
	return "/about/" + sp.slug + ".html"
}

func (nv nukeviet) menu(s *Site) string {
	var b strings.Builder
	b.WriteString(`<nav class="second-nav" id="menusite"><div class="container"><ul class="nav navbar-nav">`)
	b.WriteString(`<li><a href="/" title="Trang chủ">Trang chủ</a></li>`)
	pages := s.staticPages()
	b.WriteString(`<li class="dropdown"><a class="dropdown-toggle" href="/about/gioi-thieu.html">Giới thiệu</a><ul class="dropdown-menu">`)
	for _, sp := range pages {
		if sp.id == "gioi_thieu" {
			fmt.Fprintf(&b, `<li><a href="%s" title="%s">%s</a></li>`, nv.pagePath(sp), sp.label, sp.label)
		}
	}
	b.WriteString(`</ul></li><li class="dropdown"><a class="dropdown-toggle" href="/news/" title="Tin tức">Tin tức</a><ul class="dropdown-menu">`)
	for _, c := range s.cats {
		fmt.Fprintf(&b, `<li><a href="/news/%s/" title="%s">%s</a></li>`, c.slug, esc(c.label), esc(c.label))
	}
	b.WriteString(`</ul></li>`)
	if s.hasSection("van_ban") {
		b.WriteString(`<li><a href="/laws/" title="Văn bản">Văn bản</a></li>`)
	}
	for _, sp := range pages {
		if sp.id != "gioi_thieu" {
			fmt.Fprintf(&b, `<li><a href="%s" title="%s">%s</a></li>`, nv.pagePath(sp), sp.label, sp.label)
		}
	}
	b.WriteString(`<li><a href="/photos/" title="Thư viện ảnh">Thư viện ảnh</a></li></ul></div></nav>`)
	return b.String()
}

func (nv nukeviet) sidebar(c *reqCtx) string {
	s := c.s
	var b strings.Builder
	b.WriteString(`<div class="col-sm-8 col-md-6"><div class="panel panel-primary"><div class="panel-heading">Tin mới nhất</div><div class="panel-body"><ul class="block_news list-none list-items">`)
	for _, p := range s.newest(8) {
		u := nv.postPath(s, p)
		fmt.Fprintf(&b, `<li class="clearfix"><a title="%s" href="%s"><img src="/assets/news/%s/%s-0.jpg" alt="%s" width="60" class="img-thumbnail pull-left mr-1"/></a><a class="show" href="%s">%s</a>`,
			esc(p.title), u, p.pub.Format("2006_01"), cut(p.slug, 40), esc(p.title), u, esc(p.title))
		if s.feats.relDates {
			fmt.Fprintf(&b, ` <span class="text-muted small">%s</span>`, s.shownDate(p.pub, dmy))
		}
		if s.Now.Sub(p.pub) < 72*time.Hour {
			b.WriteString(` <img src="/themes/default/images/new.gif" width="28" height="11" alt="Mới" />`)
		}
		b.WriteString(`</li>`)
	}
	b.WriteString(`</ul></div></div>`)
	if s.hasSection("van_ban") {
		b.WriteString(`<div class="panel panel-primary"><div class="panel-heading">Văn bản mới</div><div class="panel-body"><ul>`)
		for _, d := range s.docs[:min(3, len(s.docs))] {
			fmt.Fprintf(&b, `<li><a href="/laws/detail/%s/">%s - %s</a> <span class="text-muted">(%s)</span></li>`, d.slug, esc(d.number), esc(d.title), dmy(d.date))
		}
		b.WriteString(`</ul></div></div>`)
	}
	b.WriteString(`<div class="panel panel-default"><div class="panel-heading">Liên kết website</div><div class="panel-body text-center"><a href="https://moet.gov.vn" target="_blank"><img src="/uploads/banners/bo-gddt.jpg" alt="Bộ Giáo dục và Đào tạo" width="240" height="80" /></a><br /><a href="https://dichvucong.gov.vn" target="_blank"><img src="/uploads/banners/dich-vu-cong.png" alt="Cổng dịch vụ công quốc gia" width="240" height="80" /></a></div></div>`)
	fmt.Fprintf(&b, `<div class="panel panel-default"><div class="panel-heading">Thống kê truy cập</div><div class="panel-body"><ul class="counter list-none"><li><img src="/themes/default/images/icons/online.png" width="16" height="16" alt="" /> Đang truy cập: %d</li><li><img src="/themes/default/images/icons/total.png" width="16" height="16" alt="" /> Tổng lượt truy cập: %d</li></ul></div></div></div>`, 5+s.seed%40, 100000+s.seed%900000)
	return b.String()
}

func (nv nukeviet) page(c *reqCtx, title, main string, lm time.Time, kind uint8) *resp {
	return nv.pageHead(c, title, "", main, lm, kind)
}

func (nv nukeviet) pageHead(c *reqCtx, title, head, main string, lm time.Time, kind uint8) *resp {
	s := c.s
	var b strings.Builder
	b.Grow(16 << 10)
	full := s.UnitName
	if title != "" {
		full = title + " - " + s.UnitName
	}
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="vi" xmlns="http://www.w3.org/1999/xhtml" prefix="og: http://ogp.me/ns#">
<head>
<title>%s</title>
<meta name="description" content="%s" />
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name="generator" content="NukeViet v4.5" />
<meta property="og:site_name" content="%s" />
%s<link rel="alternate" href="/news/rss/" title="Tin tức" type="application/rss+xml" />
<link rel="icon" href="/favicon.ico" type="image/vnd.microsoft.icon" />
<link rel="StyleSheet" href="/themes/default/css/bootstrap.min.css" />
<link rel="StyleSheet" href="/themes/default/css/style.css" />
</head>
<body>
<noscript><div class="alert alert-danger">Vui lòng bật JavaScript để sử dụng đầy đủ chức năng của trang.</div></noscript>
<div class="body-bg"><div class="wraper">
<header><div class="container"><div id="header" class="row">
<div class="logo col-md-8"><a title="%s" href="/"><img src="/uploads/logo.png" width="90" height="90" alt="%s" /></a><div class="site_name">%s</div><div class="site_description">%s</div></div>
<div class="col-md-16"><img src="/uploads/banner-top.jpg" alt="Banner %s" width="780" height="120" class="img-responsive" /></div>
</div></div></header>
`, esc(full), esc(s.slogan), esc(s.UnitName), head, esc(s.UnitName), esc(s.UnitName), esc(strings.ToUpper(s.UnitName)), esc(s.slogan), esc(s.UnitName))
	b.WriteString(nv.menu(s))
	b.WriteString("\n<section><div class=\"container\" id=\"body\"><div class=\"row\"><div class=\"col-sm-16 col-md-18\">\n")
	b.WriteString(main)
	b.WriteString("\n</div>\n")
	b.WriteString(nv.sidebar(c))
	b.WriteString("\n</div></div></section>\n<footer id=\"footer\"><div class=\"container\"><div class=\"row\"><div class=\"col-md-12\"><div class=\"page-footer\">")
	fmt.Fprintf(&b, "<p><strong>%s</strong></p>", esc(strings.ToUpper(s.UnitName)))
	for _, l := range s.footerLines() {
		fmt.Fprintf(&b, "<p>%s</p>", esc(l))
	}
	fmt.Fprintf(&b, `</div></div><div class="col-md-12 text-right"><p>&copy; Bản quyền thuộc về %s</p><p>Thiết kế bởi <a href="https://nukeviet.vn" target="_blank">NukeViet CMS</a></p><a href="https://tinnhiemmang.vn" target="_blank"><img src="/uploads/tinnhiemmang.png" alt="Chứng nhận Tín Nhiệm Mạng" width="120" height="42" /></a></div></div></div></footer>
</div></div>
<script src="/assets/js/jquery/jquery.min.js"></script>
<script src="/themes/default/js/main.js"></script>
</body>
</html>`, esc(s.UnitName))
	return htmlResp(b.String(), lm, kind)
}

func (nv nukeviet) home(c *reqCtx) *resp {
	s := c.s
	var b strings.Builder
	list := s.listing(-1, true)
	b.WriteString(`<div class="news_column"><div class="panel panel-default"><div class="panel-heading"><h2>Tin nổi bật</h2></div><div class="panel-body">`)
	for i, p := range list[:min(6, len(list))] {
		u := nv.postPath(s, p)
		if i == 0 {
			fmt.Fprintf(&b, `<div class="featured"><a href="%s"><img src="/assets/news/%s/%s-0.jpg" alt="%s" width="400" class="img-thumbnail" /></a><h3><a href="%s">%s</a></h3><p>%s</p></div><ul class="list-items">`,
				u, p.pub.Format("2006_01"), cut(p.slug, 40), esc(p.title), u, esc(p.title), esc(s.summary(p)))
			continue
		}
		fmt.Fprintf(&b, `<li><a href="%s" title="%s">%s</a></li>`, u, esc(p.title), esc(p.title))
	}
	b.WriteString(`</ul></div></div></div>`)
	for ci, cat := range s.cats {
		fmt.Fprintf(&b, `<div class="news_column"><div class="panel panel-default"><div class="panel-heading"><a href="/news/%s/">%s</a></div><div class="panel-body"><ul class="related">`, cat.slug, esc(cat.label))
		for _, p := range s.listing(ci, false)[:min(4, len(s.listing(ci, false)))] {
			fmt.Fprintf(&b, `<li><a href="%s">%s</a> <em>(%s)</em></li>`, nv.postPath(s, p), esc(p.title), s.shownDate(p.pub, dmy))
		}
		b.WriteString(`</ul></div></div></div>`)
	}
	return nv.page(c, "", b.String(), s.newestLM(), kindListing)
}

func (nv nukeviet) listing(c *reqCtx, ci, n int) *resp {
	s := c.s
	list := s.listing(ci, true)
	per := s.perPage(5, 8)
	items, pages := pageOf(list, per, n)
	if items == nil {
		return nil
	}
	base := "/news/"
	title := "Tin tức"
	if ci >= 0 {
		base += s.cats[ci].slug + "/"
		title = s.cats[ci].label
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="news_column"><div class="alert alert-info clearfix"><h1>%s</h1></div></div><div class="news_column">`, esc(title))
	for _, p := range items {
		u := nv.postPath(s, p)
		fmt.Fprintf(&b, `<div class="panel panel-default"><div class="panel-body">`)
		if len(p.imgs) > 0 {
			fmt.Fprintf(&b, `<a href="%s" title="%s"><img alt="%s" src="/assets/news/%s/%s-0.jpg" width="183" class="img-thumbnail pull-left imghome" /></a>`, u, esc(p.title), esc(p.title), p.pub.Format("2006_01"), cut(p.slug, 40))
		}
		fmt.Fprintf(&b, `<h3><a href="%s" title="%s">%s</a></h3>`, u, esc(p.title), esc(p.title))
		if p.has(trapPinned) {
			b.WriteString(`<span class="label label-danger">Nổi bật</span>`)
		}
		fmt.Fprintf(&b, `<div class="text-muted"><ul class="list-unstyled list-inline"><li><em class="fa fa-clock-o">&nbsp;</em> %s</li><li><em class="fa fa-eye">&nbsp;</em> Đã xem: %d</li></ul></div><p>%s</p></div></div>`,
			s.shownDate(p.pub, func(t time.Time) string { return t.Format("02/01/2006 15:04:05") }), p.views, esc(s.summary(p)))
	}
	b.WriteString(`</div><div class="text-center"><ul class="pagination">`)
	link := func(i int) string {
		if i == 1 {
			return base
		}
		return fmt.Sprintf("%spage-%d/", base, i)
	}
	if n > 1 {
		fmt.Fprintf(&b, `<li class="page-item"><a class="page-link" href="%s">&laquo;</a></li>`, link(n-1))
	}
	for i := 1; i <= pages; i++ {
		if i == n {
			fmt.Fprintf(&b, `<li class="page-item active"><a class="page-link" href="javascript:void(0)">%d</a></li>`, i)
		} else {
			fmt.Fprintf(&b, `<li class="page-item"><a class="page-link" href="%s">%d</a></li>`, link(i), i)
		}
	}
	if n < pages {
		fmt.Fprintf(&b, `<li class="page-item"><a class="page-link" href="%s">&raquo;</a></li>`, link(n+1))
	}
	b.WriteString(`</ul></div>`)
	return nv.page(c, title, b.String(), s.newestLM(), kindListing)
}

// nvPublished is NukeViet's malformed article:published_time: PHP's
// date('Y-m-dTH:i:s') puts the zone abbreviation ("+07") where a T belongs.
func nvPublished(t time.Time) string { return t.Format("2006-01-02") + "+07" + t.Format("15:04:05") }

func (nv nukeviet) detail(c *reqCtx, p *post) *resp {
	s := c.s
	u := c.origin + nv.postPath(s, p)
	var head strings.Builder
	fmt.Fprintf(&head, `<meta property="og:type" content="article" />
<meta property="og:title" content="%s" />
<meta property="og:url" content="%s" />
<meta property="article:published_time" content="%s" />
<meta property="article:modified_time" content="%s" />
<meta property="article:section" content="%s" />
<link rel="canonical" href="%s" />
`, esc(p.title), u, nvPublished(p.pub), nvPublished(p.upd), esc(s.cats[p.cat].label), u)
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="news_column panel panel-default" itemtype="http://schema.org/NewsArticle" itemscope><div class="panel-body">
<h1 class="title margin-bottom-lg" itemprop="headline">%s</h1>
<span class="hidden hide d-none" itemprop="datePublished">%s</span>
<span class="hidden hide d-none" itemprop="dateModified">%s</span>
<div class="row margin-bottom-lg"><div class="col-md-12"><span class="h5">%s - %s</span></div>
<div class="col-md-12"><ul class="list-inline text-right"><li><a class="dimgray" title="In ra" href="javascript:void(0)"><em class="fa fa-print fa-lg">&nbsp;</em></a></li></ul></div></div>
<div class="clearfix"><div class="hometext m-bottom" itemprop="description">%s</div>`,
		esc(p.title), isoLocal(p.pub), isoLocal(p.upd), weekdays[p.pub.Weekday()], dmyhm(p.pub), esc(s.lead(p)))
	dir := "/uploads/news/" + p.pub.Format("2006_01") + "/"
	for i, im := range p.imgs {
		if !im.featured {
			continue
		}
		w, _ := dims(im)
		fmt.Fprintf(&b, `<figure class="article left pointer"><img%s src="%s%s" width="%d" class="img-thumbnail"/>`, imgAlt(p, im), dir, imgName(p, i, im), min(w, 460))
		if im.caption {
			fmt.Fprintf(&b, `<figcaption>%s</figcaption>`, esc(caption(im)))
		}
		b.WriteString(`</figure>`)
	}
	b.WriteString("</div>\n<div id=\"news-bodyhtml\" class=\"bodytext margin-bottom-lg\">\n")
	writeCentredBody(&b, s, p, dir, ` style="display:inline-block"`)
	fmt.Fprintf(&b, `<p style="text-align: right;"><strong>%s</strong></p></div>`, esc(s.author(p)))
	if p.attach {
		fmt.Fprintf(&b, `<div class="news_column panel panel-default"><div class="panel-body"><p><strong>Tập tin đính kèm:</strong> <a href="/uploads/news/%s/%s.pdf"><img src="/themes/default/images/icons/pdf.png" width="16" height="16" alt="" /> %s.pdf</a></p></div></div>`, p.pub.Format("2006_01"), cut(p.slug, 40), cut(p.slug, 40))
	}
	b.WriteString(`</div></div>`)
	// Newer and older posts of the category, with their dates.
	cl := s.listing(p.cat, false)
	var newer, older []*post
	for i, q := range cl {
		if q == p {
			newer = cl[max(0, i-3):i]
			older = cl[i+1 : min(len(cl), i+4)]
		}
	}
	b.WriteString(`<div class="news_column panel panel-default"><div class="panel-body other-news">`)
	for k, l := range [][]*post{newer, older} {
		if len(l) == 0 {
			continue
		}
		fmt.Fprintf(&b, `<p class="h3"><strong>%s</strong></p><ul class="related list-items">`, []string{"Những tin mới hơn", "Những tin cũ hơn"}[k])
		for _, q := range l {
			fmt.Fprintf(&b, `<li><a href="%s" title="%s">%s</a> <em>(%s)</em></li>`, nv.postPath(s, q), esc(q.title), esc(q.title), dmy(q.pub))
		}
		b.WriteString(`</ul>`)
	}
	b.WriteString(`</div></div>`)
	return nv.pageHead(c, p.title, head.String(), b.String(), p.lastMod(), kindPost)
}

func (nv nukeviet) rss(c *reqCtx, ci int) *resp {
	s := c.s
	list := s.listing(ci, false)
	title := "Tin tức"
	link := c.origin + "/news/"
	self := c.origin + "/news/rss/"
	if ci >= 0 {
		title = s.cats[ci].label
		link += s.cats[ci].slug + "/"
		self += s.cats[ci].slug + "/"
	}
	list = list[:min(20, len(list))]
	date := func(t time.Time) string {
		if s.feats.feedMinute {
			// NukeViet's date('D, d M Y H:m:s'): minutes carry the month.
			u := t.UTC()
			return fmt.Sprintf("%s %02d:%02d:00 GMT", u.Format("Mon, 02 Jan 2006"), u.Hour(), int(u.Month()))
		}
		return rfc1123GMT(t)
	}
	var b strings.Builder
	lb := s.Now
	if len(list) > 0 {
		lb = list[0].pub
	}
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>%s</title>
<link>%s</link>
<atom:link href="%s" rel="self" type="application/rss+xml" />
<description><![CDATA[%s]]></description>
<language>vi</language>
<pubDate>%s</pubDate>
<lastBuildDate>%s</lastBuildDate>
<generator><![CDATA[NukeViet v4.0]]></generator>
`, esc(title), link, self, s.slogan, date(lb), date(lb))
	for _, p := range list {
		u := c.origin + nv.postPath(s, p)
		fmt.Fprintf(&b, "<item>\n<title>%s</title>\n<link>%s</link>\n<guid isPermaLink=\"false\">news_%d</guid>\n<description><![CDATA[%s]]></description>\n<pubDate>%s</pubDate>\n</item>\n",
			esc(p.title), u, p.id, s.summary(p), date(p.pub))
	}
	b.WriteString("</channel>\n</rss>\n")
	return xmlResp(ctRSS, b.String(), s.newestLM())
}

func (nv nukeviet) sitemapIndex(c *reqCtx) *resp {
	s := c.s
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for _, m := range []string{"news", "about", "laws"} {
		fmt.Fprintf(&b, "<sitemap><loc>%s/sitemap-vi.%s.xml</loc><lastmod>%s</lastmod></sitemap>", c.origin, m, isoUTC(s.modTime))
	}
	b.WriteString("</sitemapindex>")
	return xmlResp(ctXML, b.String(), s.newestLM())
}

func (nv nukeviet) sitemapNews(c *reqCtx) *resp {
	s := c.s
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for _, p := range s.posts {
		fmt.Fprintf(&b, "<url><loc>%s%s</loc><lastmod>%s</lastmod><changefreq>daily</changefreq></url>\n", c.origin, nv.postPath(s, p), isoLocal(p.upd))
	}
	b.WriteString("</urlset>")
	return xmlResp(ctXML, b.String(), s.newestLM())
}

func (nv nukeviet) laws(c *reqCtx) *resp {
	s := c.s
	var b strings.Builder
	b.WriteString(`<h1>Văn bản</h1><table class="table table-striped"><thead><tr><th>Số hiệu</th><th>Trích yếu</th><th>Ngày ban hành</th></tr></thead><tbody>`)
	for _, d := range s.docs {
		fmt.Fprintf(&b, `<tr><td>%s</td><td><a href="/laws/detail/%s/">%s</a></td><td>%s</td></tr>`, esc(d.number), d.slug, esc(d.title), dmy(d.date))
	}
	b.WriteString(`</tbody></table>`)
	return nv.page(c, "Văn bản", b.String(), s.staticLM(), kindOther)
}

func (nv nukeviet) lawDetail(c *reqCtx, d doc) *resp {
	body := fmt.Sprintf(`<h1>%s</h1><table class="table"><tr><td>Số hiệu</td><td>%s</td></tr><tr><td>Ngày ban hành</td><td>%s</td></tr><tr><td>Tập tin</td><td><a href="%s">Tải về</a></td></tr></table>`,
		esc(d.title), esc(d.number), dmy(d.date), nv.docFile(c.s, d))
	return nv.page(c, d.title, body, d.date.Add(9*time.Hour), kindOther)
}

func (nv nukeviet) staticPage(c *reqCtx, sp staticPage) *resp {
	return nv.page(c, sp.label, `<div class="page panel panel-default"><div class="panel-body"><h1>`+sp.label+`</h1>`+c.s.staticBody(sp)+`</div></div>`, c.s.staticLM(), kindOther)
}

func (nv nukeviet) albums(c *reqCtx) string {
	var b strings.Builder
	b.WriteString(`<h1>Thư viện ảnh</h1><div class="row albums">`)
	for i, ph := range photoPhrases[:6] {
		fmt.Fprintf(&b, `<div class="col-md-8"><a href="/photos/"><img src="/uploads/photos/album-%d.jpg" alt="%s" width="240" height="160" /></a><p>%s</p></div>`, i, esc(ph), esc(ph))
	}
	b.WriteString(`</div>`)
	return b.String()
}
