package simweb

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// wordpress is WordPress 6.x with pretty permalinks.
//
// Traps: /YYYY/MM/DD/slug/ (the date in the URL is the creation date);
// /?p=ID and URLs without the trailing slash 301 to the canonical URL;
// the sticky old post first on the home page; /feed/ holds only the 10
// newest posts (older ones on /feed/?paged=2 ...), pubDate in +0000;
// /comments/feed/ items are comments; /wp-sitemap.xml index whose posts
// sitemap has lastmod = modified time in UTC; og/JSON-LD times in UTC on
// some sites; figure.wp-block-image+figcaption, classic wp-caption (div and
// figure), gallery blocks, the featured image in .post-thumbnail, 16px emoji
// images, lazy-loaded images with <noscript> duplicates on some sites,
// comment <time> elements, widgets with utm_ links.
type wordpress struct{}

func (wordpress) postPath(s *Site, p *post) string {
	return "/" + p.born.Format("2006/01/02") + "/" + p.slug + "/"
}

func (wp wordpress) aliases(s *Site, p *post) []string {
	u := wp.postPath(s, p)
	return []string{"/?p=" + strconv.Itoa(p.id), strings.TrimSuffix(u, "/")}
}

func (wordpress) docFile(s *Site, d doc) string {
	return "/wp-content/uploads/" + d.date.Format("2006/01") + "/" + d.file + ".pdf"
}

func (wp wordpress) route(c *reqCtx) *resp {
	s := c.s
	p := c.path
	if p == "/" && c.query.Get("p") != "" {
		id, _ := strconv.Atoi(c.query.Get("p"))
		if pp := s.postByID(id); pp != nil {
			return redirect(301, c.origin+wp.postPath(s, pp))
		}
		return nil
	}
	if !strings.HasSuffix(p, "/") && !strings.Contains(p, ".") {
		if wp.route(&reqCtx{s: s, r: c.r, origin: c.origin, path: p + "/", query: c.query, rawQ: c.rawQ}) != nil {
			return redirect(301, c.origin+p+"/")
		}
		return nil
	}
	switch p {
	case "/":
		return wp.archive(c, "", -1, 1)
	case "/robots.txt":
		return &resp{status: 200, ctype: ctText, lastMod: s.staticLM(), body: "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\nSitemap: " + c.origin + "/wp-sitemap.xml\n"}
	case "/sitemap.xml":
		return redirect(301, c.origin+"/wp-sitemap.xml")
	case "/wp-sitemap.xml":
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<?xml-stylesheet type="text/xsl" href="` + c.origin + `/wp-sitemap-index.xsl" ?>` + "\n" + `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		for _, m := range []string{"posts-post-1", "posts-page-1", "taxonomies-category-1", "users-1"} {
			fmt.Fprintf(&b, "<sitemap><loc>%s/wp-sitemap-%s.xml</loc></sitemap>", c.origin, m)
		}
		b.WriteString("</sitemapindex>\n")
		return xmlResp(ctXML, b.String(), s.newestLM())
	case "/wp-sitemap-posts-post-1.xml":
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		for _, pp := range s.posts {
			fmt.Fprintf(&b, "<url><loc>%s%s</loc><lastmod>%s</lastmod></url>\n", c.origin, wp.postPath(s, pp), isoUTC(pp.upd))
		}
		b.WriteString("</urlset>\n")
		return xmlResp(ctXML, b.String(), s.newestLM())
	case "/wp-sitemap-posts-page-1.xml":
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		for _, sp := range wp.pages(s) {
			fmt.Fprintf(&b, "<url><loc>%s/%s/</loc><lastmod>%s</lastmod></url>\n", c.origin, sp.slug, isoUTC(s.staticLM()))
		}
		b.WriteString("</urlset>\n")
		return xmlResp(ctXML, b.String(), s.staticLM())
	case "/wp-sitemap-taxonomies-category-1.xml":
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		for _, cat := range s.cats {
			fmt.Fprintf(&b, "<url><loc>%s/category/%s/</loc></url>\n", c.origin, cat.slug)
		}
		b.WriteString("</urlset>\n")
		return xmlResp(ctXML, b.String(), s.newestLM())
	case "/wp-sitemap-users-1.xml":
		return xmlResp(ctXML, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>`+c.origin+`/author/quantri/</loc></url></urlset>`+"\n", s.staticLM())
	case "/feed/":
		n := 1
		if v := c.query.Get("paged"); v != "" {
			n, _ = strconv.Atoi(v)
		}
		return wp.feed(c, -1, n)
	case "/comments/feed/":
		return wp.commentsFeed(c)
	case "/author/quantri/":
		return wp.archive(c, "/author/quantri/", -1, 1)
	}
	parts := strings.Split(strings.Trim(p, "/"), "/")
	// /page/N/
	if len(parts) == 2 && parts[0] == "page" {
		n, err := strconv.Atoi(parts[1])
		if err != nil || n < 2 {
			return nil
		}
		return wp.archive(c, "", -1, n)
	}
	// /category/slug/[page/N/|feed/]
	if parts[0] == "category" && len(parts) >= 2 {
		ci := s.catBySlug(parts[1])
		if ci < 0 {
			return nil
		}
		base := "/category/" + parts[1] + "/"
		switch {
		case len(parts) == 2:
			return wp.archive(c, base, ci, 1)
		case len(parts) == 3 && parts[2] == "feed":
			return wp.feed(c, ci, 1)
		case len(parts) == 4 && parts[2] == "page":
			n, err := strconv.Atoi(parts[3])
			if err != nil || n < 2 {
				return nil
			}
			return wp.archive(c, base, ci, n)
		}
		return nil
	}
	// /YYYY/MM/[page/N/] and /YYYY/MM/DD/slug/
	if len(parts) >= 2 && len(parts[0]) == 4 && len(parts[1]) == 2 {
		if _, err := strconv.Atoi(parts[0] + parts[1]); err != nil {
			return nil
		}
		month := parts[0] + "/" + parts[1]
		switch {
		case len(parts) == 2:
			return wp.month(c, month, 1)
		case len(parts) == 4 && parts[2] == "page":
			n, err := strconv.Atoi(parts[3])
			if err != nil || n < 2 {
				return nil
			}
			return wp.month(c, month, n)
		case len(parts) == 4:
			for _, pp := range s.posts {
				if pp.slug == parts[3] && pp.born.Format("2006/01/02") == month+"/"+parts[2] {
					return wp.detail(c, pp)
				}
			}
		}
		return nil
	}
	if len(parts) == 1 {
		for _, sp := range wp.pages(s) {
			if sp.slug == parts[0] {
				return wp.staticPage(c, sp)
			}
		}
	}
	return nil
}

// pages are the WordPress pages: the static pages plus "Văn bản".
func (wordpress) pages(s *Site) []staticPage {
	ps := s.staticPages()
	if s.hasSection("van_ban") {
		ps = append(ps, staticPage{"van_ban", "Văn bản", "van-ban"})
	}
	ps = append(ps, staticPage{"", "Thư viện ảnh", "thu-vien-anh"})
	return ps
}

func (wp wordpress) layout(c *reqCtx, title, head, bodyClass, main string, lm time.Time, kind uint8) *resp {
	s := c.s
	o := c.origin
	var b strings.Builder
	b.Grow(16 << 10)
	full := s.UnitName
	if title != "" {
		full = title + " – " + s.UnitName
	}
	fmt.Fprintf(&b, `<!doctype html>
<html lang="vi">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s</title>
<meta name='robots' content='max-image-preview:large' />
<link rel="alternate" type="application/rss+xml" title="%s &raquo; Dòng thông tin" href="%s/feed/" />
<link rel="alternate" type="application/rss+xml" title="%s &raquo; Dòng phản hồi" href="%s/comments/feed/" />
<link rel='stylesheet' id='wp-block-library-css' href='%s/wp-includes/css/dist/block-library/style.min.css?ver=6.6.2' media='all' />
<script src="%s/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
<link rel="https://api.w.org/" href="%s/wp-json/" />
<meta name="generator" content="WordPress 6.6.2" />
%s</head>
<body class="%s">
<div id="page" class="site"><a class="skip-link screen-reader-text" href="#primary">Chuyển đến nội dung</a>
<header id="masthead" class="site-header">
`, esc(full), esc(s.UnitName), o, esc(s.UnitName), o, o, o, o, head, bodyClass)
	fmt.Fprintf(&b, `<div class="top-bar"><span>Hotline: %s</span></div><div class="site-branding"><a href="%s/" class="custom-logo-link" rel="home"><img width="110" height="110" src="%s/wp-content/uploads/2024/03/logo.png" class="custom-logo" alt="%s" decoding="async" /></a><p class="site-title"><a href="%s/" rel="home">%s</a></p><p class="site-description">%s</p></div>
<div class="header-banner"><img src="%s/wp-content/uploads/2024/03/banner.jpg" width="1200" height="250" alt="Banner" /></div>
`, s.phone, o, o, esc(s.UnitName), o, esc(s.UnitName), esc(s.slogan), o)
	b.WriteString(`<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">`)
	fmt.Fprintf(&b, `<li class="menu-item"><a href="%s/">Trang chủ</a></li>`, o)
	for _, cat := range s.cats {
		fmt.Fprintf(&b, `<li class="menu-item menu-item-type-taxonomy"><a href="%s/category/%s/">%s</a></li>`, o, cat.slug, esc(cat.label))
	}
	for _, sp := range wp.pages(s) {
		fmt.Fprintf(&b, `<li class="menu-item menu-item-type-post_type"><a href="%s/%s/">%s</a></li>`, o, sp.slug, sp.label)
	}
	b.WriteString("</ul></nav>\n</header>\n<div id=\"content\" class=\"site-content\">\n<main id=\"primary\" class=\"site-main\">\n")
	b.WriteString(main)
	b.WriteString("\n</main>\n")
	b.WriteString(wp.sidebar(c))
	b.WriteString("</div>\n<footer id=\"colophon\" class=\"site-footer\"><div class=\"site-info\">")
	fmt.Fprintf(&b, "<p><strong>%s</strong> - %s</p>", esc(s.UnitName), esc(s.slogan))
	for _, l := range s.footerLines() {
		fmt.Fprintf(&b, "<p>%s</p>", esc(l))
	}
	fmt.Fprintf(&b, `<p>Bản quyền &copy; %d %s. Vận hành bởi <a href="https://wordpress.org/">WordPress</a></p></div>
<img src="https://www.facebook.com/tr?id=%d&amp;ev=PageView&amp;noscript=1" height="1" width="1" style="display:none" alt="" />
</footer></div>
<script src="%s/wp-content/themes/trangtruong/js/navigation.js?ver=1.4.2" id="trangtruong-navigation-js"></script>
</body>
</html>`, s.Now.Year(), esc(s.UnitName), 88000+s.seed%10000, o)
	return htmlResp(b.String(), lm, kind)
}

func (wp wordpress) sidebar(c *reqCtx) string {
	s := c.s
	o := c.origin
	var b strings.Builder
	fmt.Fprintf(&b, `<aside id="secondary" class="widget-area"><section id="search-2" class="widget widget_search"><form role="search" method="get" class="search-form" action="%s/"><input type="search" class="search-field" placeholder="Tìm kiếm &hellip;" name="s" /></form></section>`, o)
	b.WriteString(`<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Tin mới nhất</h2><ul>`)
	for _, p := range s.newest(5) {
		fmt.Fprintf(&b, `<li><a href="%s%s">%s</a> <span class="post-date">%s</span></li>`, o, wp.postPath(s, p), esc(p.title), s.shownDate(p.pub, dmy))
	}
	b.WriteString(`</ul></section><section id="custom_html-3" class="widget widget_text"><h2 class="widget-title">Bài viết nổi bật</h2><ul>`)
	for i, p := range s.posts {
		if i%4 == 1 && i < 14 {
			fmt.Fprintf(&b, `<li><a href="%s%s?utm_source=website&amp;utm_medium=sidebar&amp;utm_campaign=noibat">%s</a></li>`, o, wp.postPath(s, p), esc(p.title))
		}
	}
	b.WriteString(`</ul></section><section id="archives-2" class="widget widget_archive"><h2 class="widget-title">Lưu trữ</h2><ul>`)
	seen := map[string]bool{}
	for _, p := range s.posts {
		k := p.born.Format("2006/01")
		if seen[k] {
			continue
		}
		seen[k] = true
		fmt.Fprintf(&b, `<li><a href='%s/%s/'>Tháng %d năm %d</a></li>`, o, k, int(p.born.Month()), p.born.Year())
	}
	b.WriteString(`</ul></section><section id="categories-2" class="widget widget_categories"><h2 class="widget-title">Chuyên mục</h2><ul>`)
	for _, cat := range s.cats {
		fmt.Fprintf(&b, `<li class="cat-item cat-item-%d"><a href="%s/category/%s/">%s</a></li>`, cat.id, o, cat.slug, esc(cat.label))
	}
	fmt.Fprintf(&b, `</ul></section><section id="media_image-2" class="widget widget_media_image"><a href="https://moet.gov.vn"><img width="300" height="100" src="%s/wp-content/uploads/2024/02/banner-bo-gddt.jpg" class="image wp-image-12 attachment-full size-full" alt="Bộ GD&amp;ĐT" decoding="async" loading="lazy" /></a></section></aside>`, o)
	return b.String()
}

// archive renders the home page (base ""), a category or the author page.
func (wp wordpress) archive(c *reqCtx, base string, ci, n int) *resp {
	s := c.s
	var list []*post
	var sticky []*post
	if base == "" && n == 1 {
		for _, p := range s.posts {
			if p.has(trapPinned) {
				sticky = append(sticky, p)
			}
		}
	}
	for _, p := range s.posts {
		if (ci < 0 || p.inCat(ci)) && !(base == "" && p.has(trapPinned)) {
			list = append(list, p)
		}
	}
	items, pages := pageOf(list, 10, n)
	if items == nil && n > 1 {
		return nil
	}
	items = append(sticky, items...)
	title, class := "", "home blog"
	if ci >= 0 {
		title, class = s.cats[ci].label, "archive category category-"+s.cats[ci].slug
	}
	if base == "" {
		base = "/"
	}
	return wp.layout(c, title, "", class, wp.loop(c, title, items, base, n, pages), s.newestLM(), kindListing)
}

func (wp wordpress) month(c *reqCtx, month string, n int) *resp {
	s := c.s
	var list []*post
	for _, p := range s.posts {
		if p.born.Format("2006/01") == month {
			list = append(list, p)
		}
	}
	if len(list) == 0 {
		return nil
	}
	items, pages := pageOf(list, 10, n)
	if items == nil {
		return nil
	}
	t := list[0].born
	title := fmt.Sprintf("Tháng %d năm %d", int(t.Month()), t.Year())
	return wp.layout(c, title, "", "archive date", wp.loop(c, title, items, "/"+month+"/", n, pages), s.newestLM(), kindListing)
}

func (wp wordpress) loop(c *reqCtx, title string, items []*post, base string, n, pages int) string {
	s := c.s
	o := c.origin
	var b strings.Builder
	if title != "" {
		fmt.Fprintf(&b, `<header class="page-header"><h1 class="page-title">%s</h1></header>`, esc(title))
	}
	for _, p := range items {
		u := o + wp.postPath(s, p)
		cls := "post type-post status-publish format-standard hentry"
		if p.has(trapPinned) {
			cls += " sticky"
		}
		fmt.Fprintf(&b, `<article id="post-%d" class="post-%d %s category-%s">`, p.id, p.id, cls, s.cats[p.cat].slug)
		if len(p.imgs) > 0 {
			fmt.Fprintf(&b, `<a class="post-thumbnail" href="%s" aria-hidden="true" tabindex="-1"><img width="300" height="200" src="%s/wp-content/uploads/%s/%s-300x200.jpg" class="attachment-medium size-medium wp-post-image" alt="" decoding="async" /></a>`, u, o, p.born.Format("2006/01"), cut(p.slug, 40))
		}
		fmt.Fprintf(&b, `<header class="entry-header"><h2 class="entry-title"><a href="%s" rel="bookmark">%s</a></h2><div class="entry-meta"><span class="posted-on">Đăng ngày <a href="%s" rel="bookmark"><time class="entry-date published" datetime="%s">%s</time></a></span></div></header>`,
			u, esc(p.title), u, isoLocal(p.pub), s.shownDate(p.pub, dmy))
		fmt.Fprintf(&b, `<div class="entry-summary"><p>%s</p></div></article>`, esc(s.summary(p)))
	}
	if pages > 1 {
		b.WriteString(`<nav class="navigation pagination" aria-label="Phân trang bài viết"><div class="nav-links">`)
		link := func(i int) string {
			if i == 1 {
				return o + base
			}
			return fmt.Sprintf("%s%spage/%d/", o, base, i)
		}
		if n > 1 {
			fmt.Fprintf(&b, `<a class="prev page-numbers" href="%s">Trước</a>`, link(n-1))
		}
		for i := 1; i <= pages; i++ {
			if i == n {
				fmt.Fprintf(&b, `<span aria-current="page" class="page-numbers current">%d</span>`, i)
			} else {
				fmt.Fprintf(&b, `<a class="page-numbers" href="%s">%d</a>`, link(i), i)
			}
		}
		if n < pages {
			fmt.Fprintf(&b, `<a class="next page-numbers" href="%s">Tiếp</a>`, link(n+1))
		}
		b.WriteString(`</div></nav>`)
	}
	return b.String()
}

func (wp wordpress) metaTime(s *Site, t time.Time) string {
	if s.feats.utcMeta {
		return isoUTC(t)
	}
	return isoLocal(t)
}

func (wp wordpress) imgTag(c *reqCtx, p *post, i int, class string) string {
	s := c.s
	im := p.imgs[i]
	w, h := dims(im)
	src := c.origin + "/wp-content/uploads/" + p.born.Format("2006/01") + "/" + imgName(p, i, im)
	if s.feats.lazy {
		return fmt.Sprintf(`<img decoding="async" width="%d" height="%d" src="data:image/svg+xml,%%3Csvg%%20xmlns='http://www.w3.org/2000/svg'%%20viewBox='0%%200%%20%d%%20%d'%%3E%%3C/svg%%3E"%s class="%s lazyload" data-lazy-src="%s" /><noscript><img decoding="async" width="%d" height="%d" src="%s"%s class="%s" /></noscript>`,
			w, h, w, h, imgAlt(p, im), class, src, w, h, src, imgAlt(p, im), class)
	}
	return fmt.Sprintf(`<img decoding="async" loading="lazy" width="%d" height="%d" src="%s"%s class="%s" srcset="%s 1024w, %s 300w" sizes="(max-width: 1024px) 100vw, 1024px" />`,
		w, h, src, imgAlt(p, im), class, src, strings.TrimSuffix(src, ".jpg")+"-300x200.jpg")
}

func (wp wordpress) detail(c *reqCtx, p *post) *resp {
	s := c.s
	o := c.origin
	u := o + wp.postPath(s, p)
	var head strings.Builder
	fmt.Fprintf(&head, `<link rel="canonical" href="%s" />
<link rel='shortlink' href='%s/?p=%d' />
<meta property="og:locale" content="vi_VN" />
<meta property="og:type" content="article" />
<meta property="og:title" content="%s" />
<meta property="og:url" content="%s" />
<meta property="article:published_time" content="%s" />
`, u, o, p.id, esc(p.title), u, wp.metaTime(s, p.pub))
	if p.upd.After(p.pub) {
		fmt.Fprintf(&head, "<meta property=\"article:modified_time\" content=\"%s\" />\n", wp.metaTime(s, p.upd))
	}
	fmt.Fprintf(&head, `<script type="application/ld+json" class="yoast-schema-graph">{"@context":"https://schema.org","@graph":[{"@type":"Article","@id":"%s#article","headline":"%s","datePublished":"%s","dateModified":"%s","mainEntityOfPage":{"@id":"%s"},"author":{"name":"Quản trị"},"publisher":{"@type":"Organization","name":"%s"}}]}</script>
`, u, jsonEsc(p.title), wp.metaTime(s, p.pub), wp.metaTime(s, p.upd), u, jsonEsc(s.UnitName))

	var b strings.Builder
	fmt.Fprintf(&b, `<article id="post-%d" class="post-%d post type-post status-publish format-standard has-post-thumbnail hentry category-%s">`, p.id, p.id, s.cats[p.cat].slug)
	timeTag := fmt.Sprintf(`<time class="entry-date published updated" datetime="%s">%s</time>`, isoLocal(p.pub), dmy(p.pub))
	if p.upd.After(p.pub) {
		timeTag = fmt.Sprintf(`<time class="entry-date published" datetime="%s">%s</time><time class="updated" datetime="%s">%s</time>`, isoLocal(p.pub), dmy(p.pub), isoLocal(p.upd), dmy(p.upd))
	}
	fmt.Fprintf(&b, `<header class="entry-header"><h1 class="entry-title">%s</h1><div class="entry-meta"><span class="posted-on"><span class="screen-reader-text">Đăng ngày </span><a href="%s" rel="bookmark">%s</a></span><span class="byline"> <span class="author vcard"><a class="url fn n" href="%s/author/quantri/">Quản trị</a></span></span></div></header>`,
		esc(p.title), u, timeTag, o)
	for i, im := range p.imgs {
		if im.featured {
			fmt.Fprintf(&b, `<div class="post-thumbnail">%s</div>`, wp.imgTag(c, p, i, "attachment-post-thumbnail size-post-thumbnail wp-post-image"))
		}
	}
	fmt.Fprintf(&b, "<div class=\"entry-content\">\n<p><strong>%s</strong></p>\n", esc(s.lead(p)))
	blocks := s.blocks(p)
	gallery := p.seed%2 == 0
	er := rng(p.seed, 19)
	for k := 0; k < len(blocks); k++ {
		bl := blocks[k]
		if bl.img < 0 {
			fmt.Fprintf(&b, "<p>%s", esc(bl.text))
			if bl.emoji {
				i := er.IntN(len(emojiCodes))
				fmt.Fprintf(&b, ` <img draggable="false" role="img" class="emoji" alt="%s" src="https://s.w.org/images/core/emoji/15.0.3/svg/%s.svg" style="height: 1em; max-height: 1em;">`, emojiChars[i], emojiCodes[i])
			}
			b.WriteString("</p>\n")
			if k == 0 && p.seed%4 == 3 {
				// An Ad Inserter block: an advertisement, not a content image.
				fmt.Fprintf(&b, `<div class="code-block code-block-2" style="margin: 8px auto; text-align: center; display: block; clear: both;"><a href="https://nhasach.example.vn/?ref=%s" rel="sponsored nofollow"><img src="%s/wp-content/uploads/2024/05/banner-nha-sach.jpg" width="728" height="90" alt="Nhà sách giáo dục - giảm giá sách tham khảo" /></a></div>`+"\n", s.Name, o)
			}
			continue
		}
		// A run of images becomes a gallery block on some posts.
		run := 1
		for k+run < len(blocks) && blocks[k+run].img >= 0 {
			run++
		}
		if gallery && run >= 3 {
			b.WriteString(`<figure class="wp-block-gallery has-nested-images columns-3 is-cropped">`)
			for j := k; j < k+run; j++ {
				i := blocks[j].img
				fmt.Fprintf(&b, `<figure class="wp-block-image size-large">%s`, wp.imgTag(c, p, i, fmt.Sprintf("wp-image-%d", 400+i)))
				if p.imgs[i].caption {
					fmt.Fprintf(&b, `<figcaption class="wp-element-caption">%s</figcaption>`, esc(caption(p.imgs[i])))
				}
				b.WriteString(`</figure>`)
			}
			b.WriteString("</figure>\n")
			k += run - 1
			continue
		}
		i := bl.img
		im := p.imgs[i]
		tag := wp.imgTag(c, p, i, fmt.Sprintf("wp-image-%d", 400+i))
		switch {
		case im.caption && im.variant%3 == 1:
			w, _ := dims(im)
			fmt.Fprintf(&b, `<div id="attachment_%d" style="width: %dpx" class="wp-caption aligncenter">%s<p id="caption-attachment-%d" class="wp-caption-text">%s</p></div>`+"\n", 400+i, w+10, tag, 400+i, esc(caption(im)))
		case im.caption && im.variant%3 == 2:
			fmt.Fprintf(&b, `<figure id="attachment_%d" aria-describedby="caption-attachment-%d" class="wp-caption aligncenter">%s<figcaption id="caption-attachment-%d" class="wp-caption-text">%s</figcaption></figure>`+"\n", 400+i, 400+i, tag, 400+i, esc(caption(im)))
		case im.caption:
			fmt.Fprintf(&b, `<figure class="wp-block-image size-large">%s<figcaption class="wp-element-caption">%s</figcaption></figure>`+"\n", tag, esc(caption(im)))
		case im.variant%2 == 0:
			fmt.Fprintf(&b, `<figure class="wp-block-image size-large">%s</figure>`+"\n", tag)
		default:
			fmt.Fprintf(&b, "<p>%s</p>\n", tag)
		}
	}
	if p.seed%5 == 0 {
		b.WriteString(`<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper"><iframe title="Video" width="640" height="360" src="https://www.youtube.com/embed/M7lc1UVf-VE?feature=oembed" frameborder="0" allowfullscreen></iframe></div></figure>` + "\n")
	}
	if p.seed%3 == 2 {
		for _, q := range s.posts {
			if q.pub.Before(p.pub) && !q.has(trapPinned) {
				fmt.Fprintf(&b, `<p>Xem thêm: <a href="%s%s?fbclid=IwAR0%x">%s</a></p>`+"\n", o, wp.postPath(s, q), p.seed%0xffffff, esc(q.title))
				break
			}
		}
	}
	if p.attach {
		fmt.Fprintf(&b, `<div class="wp-block-file"><a href="%s/wp-content/uploads/%s/%s.pdf">%s</a><a href="%s/wp-content/uploads/%s/%s.pdf" class="wp-block-file__button" download>Tải xuống</a></div>`+"\n",
			o, p.born.Format("2006/01"), cut(p.slug, 40), esc(p.title), o, p.born.Format("2006/01"), cut(p.slug, 40))
	}
	fmt.Fprintf(&b, `</div><footer class="entry-footer"><span class="cat-links">Chuyên mục <a href="%s/category/%s/" rel="category tag">%s</a>`, o, s.cats[p.cat].slug, esc(s.cats[p.cat].label))
	for _, e := range p.extra {
		fmt.Fprintf(&b, `, <a href="%s/category/%s/" rel="category tag">%s</a>`, o, s.cats[e].slug, esc(s.cats[e].label))
	}
	b.WriteString(`</span></footer></article>`)
	// Previous / next.
	var prev, next *post
	for i, q := range s.posts {
		if q == p {
			if i > 0 {
				next = s.posts[i-1]
			}
			if i+1 < len(s.posts) {
				prev = s.posts[i+1]
			}
		}
	}
	b.WriteString(`<nav class="navigation post-navigation" aria-label="Bài viết"><div class="nav-links">`)
	if prev != nil {
		fmt.Fprintf(&b, `<div class="nav-previous"><a href="%s%s" rel="prev"><span class="nav-subtitle">Bài trước:</span> <span class="nav-title">%s</span></a></div>`, o, wp.postPath(s, prev), esc(prev.title))
	}
	if next != nil {
		fmt.Fprintf(&b, `<div class="nav-next"><a href="%s%s" rel="next"><span class="nav-subtitle">Bài sau:</span> <span class="nav-title">%s</span></a></div>`, o, wp.postPath(s, next), esc(next.title))
	}
	b.WriteString(`</div></nav>`)
	// Comments, dated after the post.
	if nc := int(p.seed % 3); nc > 0 {
		fmt.Fprintf(&b, `<div id="comments" class="comments-area"><h2 class="comments-title">%d bình luận</h2><ol class="comment-list">`, nc)
		for k := range nc {
			ct := wp.commentTime(s, p, k)
			fmt.Fprintf(&b, `<li id="comment-%d" class="comment depth-1"><article class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><img alt='' src='https://secure.gravatar.com/avatar/%016x?s=32&#038;d=mm&#038;r=g' class='avatar avatar-32 photo' height='32' width='32' loading='lazy'/> <b class="fn">%s</b> <span class="says">viết:</span></div><div class="comment-metadata"><a href="%s#comment-%d"><time datetime="%s">%s lúc %s</time></a></div></footer><div class="comment-content"><p>%s</p></div></article></li>`,
				p.id*10+k, mix(p.seed, uint64(k)), []string{"Phụ huynh lớp 10A2", "Cựu học sinh", "Giáo viên"}[k%3], u, p.id*10+k, isoLocal(ct), dmy(ct), ct.Format("15:04"), []string{"Chúc mừng các con, cảm ơn các thầy cô!", "Thông tin rất hữu ích cho phụ huynh."}[k%2])
		}
		b.WriteString(`</ol></div>`)
	}
	return wp.layout(c, p.title, head.String(), fmt.Sprintf("post-template-default single single-post postid-%d", p.id), b.String(), p.lastMod(), kindPost)
}

func (wordpress) commentTime(s *Site, p *post, k int) time.Time {
	t := p.pub.Add(time.Duration(3+k*29) * time.Hour)
	if t.After(s.Now) {
		t = s.Now.Add(-time.Duration(k+1) * time.Minute)
	}
	return t
}

func jsonEsc(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "<", `\u003c`, ">", `\u003e`)
	return r.Replace(s)
}

func (wp wordpress) feed(c *reqCtx, ci, n int) *resp {
	s := c.s
	o := c.origin
	list := s.listing(ci, false)
	items, _ := pageOf(list, 10, n)
	if items == nil {
		return nil
	}
	self := o + "/feed/"
	link := o
	title := s.UnitName
	if ci >= 0 {
		self = o + "/category/" + s.cats[ci].slug + "/feed/"
		link = o + "/category/" + s.cats[ci].slug + "/"
		title = s.UnitName + " - " + s.cats[ci].label
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
<channel>
	<title>%s</title>
	<atom:link href="%s" rel="self" type="application/rss+xml" />
	<link>%s</link>
	<description>%s</description>
	<lastBuildDate>%s</lastBuildDate>
	<language>vi</language>
	<sy:updatePeriod>hourly</sy:updatePeriod>
	<generator>https://wordpress.org/?v=6.6.2</generator>
`, esc(title), self, link, esc(s.slogan), rssDate(s.modTime, time.UTC))
	for _, p := range items {
		u := o + wp.postPath(s, p)
		fmt.Fprintf(&b, "\t<item>\n\t\t<title>%s</title>\n\t\t<link>%s</link>\n\t\t<dc:creator><![CDATA[Quản trị]]></dc:creator>\n\t\t<pubDate>%s</pubDate>\n\t\t<category><![CDATA[%s]]></category>\n\t\t<guid isPermaLink=\"false\">%s/?p=%d</guid>\n\t\t<description><![CDATA[%s]]></description>\n\t</item>\n",
			esc(p.title), u, rssDate(p.pub, time.UTC), s.cats[p.cat].label, o, p.id, s.summary(p))
	}
	b.WriteString("</channel>\n</rss>\n")
	return xmlResp(ctRSS, b.String(), s.newestLM())
}

func (wp wordpress) commentsFeed(c *reqCtx) *resp {
	s := c.s
	o := c.origin
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
	<title>Bình luận cho %s</title>
	<atom:link href="%s/comments/feed/" rel="self" type="application/rss+xml" />
	<link>%s</link>
	<lastBuildDate>%s</lastBuildDate>
`, esc(s.UnitName), o, o, rssDate(s.modTime, time.UTC))
	for _, p := range s.posts {
		for k := range int(p.seed % 3) {
			ct := wp.commentTime(s, p, k)
			fmt.Fprintf(&b, "\t<item>\n\t\t<title>Bình luận về %s bởi %s</title>\n\t\t<link>%s%s#comment-%d</link>\n\t\t<dc:creator><![CDATA[%s]]></dc:creator>\n\t\t<pubDate>%s</pubDate>\n\t\t<guid isPermaLink=\"false\">%s/?p=%d#comment-%d</guid>\n\t</item>\n",
				esc(p.title), []string{"Phụ huynh lớp 10A2", "Cựu học sinh", "Giáo viên"}[k%3], o, wp.postPath(s, p), p.id*10+k, []string{"Phụ huynh lớp 10A2", "Cựu học sinh", "Giáo viên"}[k%3], rssDate(ct, time.UTC), o, p.id, p.id*10+k)
		}
	}
	b.WriteString("</channel>\n</rss>\n")
	return xmlResp(ctRSS, b.String(), s.newestLM())
}

func (wp wordpress) staticPage(c *reqCtx, sp staticPage) *resp {
	s := c.s
	var body string
	switch sp.slug {
	case "van-ban":
		var b strings.Builder
		b.WriteString(`<table class="wp-block-table"><thead><tr><th>Số, ký hiệu</th><th>Trích yếu</th><th>Ngày ban hành</th><th>Tải về</th></tr></thead><tbody>`)
		for _, d := range s.docs {
			fmt.Fprintf(&b, `<tr><td>%s</td><td>%s</td><td>%s</td><td><a href="%s%s">PDF</a></td></tr>`, esc(d.number), esc(d.title), dmy(d.date), c.origin, wp.docFile(s, d))
		}
		b.WriteString(`</tbody></table>`)
		body = b.String()
	case "thu-vien-anh":
		var b strings.Builder
		b.WriteString(`<figure class="wp-block-gallery has-nested-images columns-3">`)
		for i, ph := range photoPhrases[:6] {
			fmt.Fprintf(&b, `<figure class="wp-block-image"><img src="%s/wp-content/uploads/album/anh-%d.jpg" alt="%s" width="300" height="200" /><figcaption class="wp-element-caption">%s</figcaption></figure>`, c.origin, i, esc(ph), esc(ph))
		}
		b.WriteString(`</figure>`)
		body = b.String()
	default:
		body = s.staticBody(sp)
	}
	main := fmt.Sprintf(`<article id="post-%d" class="page type-page status-publish hentry"><header class="entry-header"><h1 class="entry-title">%s</h1></header><div class="entry-content">%s</div></article>`, 10+len(sp.slug), sp.label, body)
	head := fmt.Sprintf("<link rel=\"canonical\" href=\"%s/%s/\" />\n", c.origin, sp.slug)
	return wp.layout(c, sp.label, head, "page-template-default page", main, s.staticLM(), kindOther)
}
