package simweb

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// dateFmt is a way a custom site prints a date.
type dateFmt struct {
	f      func(time.Time) string
	minute bool // shows the time of day
}

func shortWeekday(t time.Time) string {
	if t.Weekday() == time.Sunday {
		return "CN"
	}
	return fmt.Sprintf("T%d", int(t.Weekday())+1)
}

// rowFormats are the dates of listing rows.
var rowFormats = []dateFmt{
	{func(t time.Time) string { return "Ngày đăng: " + t.Format("02-01-2006 15:04") }, true},
	{func(t time.Time) string { return "(" + dmy(t) + ")" }, false},
	{func(t time.Time) string { return shortWeekday(t) + ", " + dmy(t) }, false},
	{func(t time.Time) string { return t.Format("02/01/2006 15:04") }, true},
	{func(t time.Time) string { return weekdaysCap[t.Weekday()] + ", " + dmy(t) + " - " + t.Format("15:04") }, true},
	{func(t time.Time) string { return t.Format("02.01.2006") }, false},
	{func(t time.Time) string { return fmt.Sprintf("%d Tháng %d, %d", t.Day(), int(t.Month()), t.Year()) }, false},
}

// pageFormats are the dates of post pages (all with the time of day).
var pageFormats = []func(time.Time) string{
	func(t time.Time) string { return "Ngày đăng: " + dmyhm(t) },
	func(t time.Time) string {
		return weekdays[t.Weekday()] + ", " + dmy(t) + ", " + t.Format("15:04") + " GMT+7"
	},
	func(t time.Time) string { return "Đăng lúc: " + t.Format("15:04") + " - " + dmy(t) },
	func(t time.Time) string { return t.Format("02-01-2006 15:04:05") },
	func(t time.Time) string { return "Cập nhật lúc " + t.Format("15:04") + ", ngày " + dmy(t) },
}

// viewState is a deterministic ASP.NET view state blob of 1.5-6 KB.
func viewState(seed uint64) string {
	n := 1200 + int(seed%3400)
	raw := make([]byte, n)
	x := seed
	for i := range raw {
		x = mix(x, uint64(i))
		raw[i] = byte(x)
	}
	return base64.StdEncoding.EncodeToString(raw)
}

// cview renders one request of a custom site.
type cview struct {
	c    *reqCtx
	s    *Site
	cs   *customSite
	ix   *cindex
	self ref
}

// href is the link to r as this page writes it: with the session
// parameter when the site has one, HTML-escaped.
func (v *cview) href(r ref) string { return esc(v.withSession(v.cs.sc.url(r))) }

func (v *cview) withSession(u string) string {
	name := v.cs.sc.session
	if name == "" {
		return u
	}
	key := v.cs.sc.targetKey(v.c.path, v.c.rawQ)
	val := fmt.Sprintf("%016x%010x", mix(v.s.seed, fnv(key)), mix(fnv(key), v.s.seed)&0xffffffffff)
	if name == sessionCookieless {
		return "/(S(" + val[:24] + "))" + u
	}
	if strings.Contains(u, "?") {
		return u + "&" + name + "=" + val
	}
	return u + "?" + name + "=" + val
}

func (v *cview) postLink(p *post, ci int) string { return v.href(v.cs.postRef(v.s, v.ix, p, ci)) }

func (v *cview) abs(u string) string { return v.c.origin + u }

func (v *cview) label(s string) string {
	if v.cs.upperMenu {
		return strings.ToUpper(s)
	}
	return s
}

// listingDated reports whether category listings show dates.
func (v *cview) listingDated() bool {
	return v.cs.postDate != dateInURL && (v.cs.list == listRows || v.cs.list == listCards)
}

func (v *cview) rowDate(t time.Time) string {
	if v.cs.relRows {
		if r := relative(v.s.Now, t); r != "" {
			return r
		}
	}
	return rowFormats[v.cs.rowFmt].f(t)
}

func (v *cview) layout(title, head, main string, lm time.Time, kind uint8) *resp {
	s, cs := v.s, v.cs
	var b strings.Builder
	b.Grow(24 << 10)
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\" />\n<title>%s | %s</title>\n", esc(title), esc(s.UnitName))
	fmt.Fprintf(&b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n<meta name=\"description\" content=\"%s\" />\n", esc(s.slogan))
	if cs.sc.feed != "" {
		fmt.Fprintf(&b, "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Tin tức\" href=\"%s\" />\n", esc(cs.sc.feed))
	}
	b.WriteString(head)
	b.WriteString("<link rel=\"stylesheet\" href=\"/templates/default/css/style.css\" />\n<link rel=\"icon\" href=\"/favicon.ico\" />\n</head>\n<body>\n")
	fmt.Fprintf(&b, `<div id="header"><a href="%s"><img src="/images/logo.png" width="100" height="100" alt="Logo" /></a><div class="unit"><h2>%s</h2><p>%s</p></div><img src="/images/banner.jpg" width="760" height="130" alt="" /></div>`+"\n",
		v.href(ref{kind: refHome}), esc(strings.ToUpper(s.UnitName)), esc(s.slogan))
	if cs.sc.ci {
		// ASP.NET: the whole page is one postback form with its view state.
		fmt.Fprintf(&b, `<form method="post" action="%s" id="Form">`+"\n"+`<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" /><input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" /><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="%s" />`+"\n",
			esc(v.c.target()), viewState(mix(s.seed, fnv(v.c.path))))
	}
	b.WriteString(v.menu())
	fmt.Fprintf(&b, "\n<div class=\"container\"><div class=\"%s\">\n%s\n</div>\n<div class=\"%s\">\n%s\n</div></div>\n", cs.theme.main, main, cs.theme.side, v.sidebar())
	b.WriteString(`<div id="footer"><p><strong>` + esc(strings.ToUpper(s.UnitName)) + `</strong></p>`)
	for _, l := range s.footerLines() {
		fmt.Fprintf(&b, "<p>%s</p>", esc(l))
	}
	if cs.bilingual {
		fmt.Fprintf(&b, `<p><a href="%s" hreflang="en"><img src="/images/flag-en.png" width="16" height="11" alt="" /> English</a></p>`, esc(cs.sc.english("/")))
	}
	b.WriteString("<p>Thiết kế và phát triển bởi Trung tâm Công nghệ thông tin</p></div>\n")
	if cs.sc.ci {
		b.WriteString("<script type=\"text/javascript\">function __doPostBack(t, a) { var f = document.getElementById('Form'); f.__EVENTTARGET.value = t; f.__EVENTARGUMENT.value = a; f.submit(); }</script>\n</form>\n")
	}
	b.WriteString("<script src=\"/js/jquery.min.js\"></script>\n<script src=\"/js/main.js\"></script>\n</body>\n</html>\n")
	return htmlResp(b.String(), lm, kind)
}

func (v *cview) menu() string {
	s, cs := v.s, v.cs
	var b strings.Builder
	fmt.Fprintf(&b, `<ul class="%s"><li><a href="%s">%s</a></li>`, cs.theme.menu, v.href(ref{kind: refHome}), v.label("Trang chủ"))
	sections := map[string]*cpage{}
	for _, pg := range cs.pages {
		sections[pg.key] = pg
	}
	if pg := sections["gioi-thieu"]; pg != nil {
		fmt.Fprintf(&b, `<li class="dropdown"><a href="%s">%s</a><ul class="sub-menu">`, v.href(pg.r), v.label("Giới thiệu"))
		for _, k := range []string{"gioi-thieu", "co-cau-to-chuc"} {
			if q := sections[k]; q != nil {
				fmt.Fprintf(&b, `<li><a href="%s">%s</a></li>`, v.href(q.r), esc(q.label))
			}
		}
		b.WriteString(`</ul></li>`)
	}
	newsTop := v.cs.catRef(s, 0, 1)
	if cs.hub {
		newsTop = cs.hubRef(1)
	}
	fmt.Fprintf(&b, `<li class="dropdown"><a href="%s">%s</a><ul class="sub-menu">`, v.href(newsTop), v.label("Tin tức"))
	for ci, c := range s.cats {
		if ci == cs.hideCat {
			continue
		}
		fmt.Fprintf(&b, `<li><a href="%s">%s</a></li>`, v.href(cs.catRef(s, ci, 1)), esc(c.label))
	}
	b.WriteString(`</ul></li>`)
	for _, k := range []string{"van-ban", "lich-cong-tac", "tuyen-sinh", "cong-khai", "thu-tuc-hanh-chinh", "thu-vien-anh", "hoi-dap", "lien-he"} {
		if pg := sections[k]; pg != nil {
			fmt.Fprintf(&b, `<li><a href="%s">%s</a></li>`, v.href(pg.r), v.label(pg.label))
		}
	}
	b.WriteString(`</ul>`)
	return b.String()
}

func (v *cview) sidebar() string {
	s, cs := v.s, v.cs
	var b strings.Builder
	b.WriteString(`<div class="block"><h3>Tin mới</h3><ul>`)
	for _, p := range s.newest(8) {
		// This block spells links its own way where the scheme has
		// another spelling (node paths, lower case, id without slug).
		u := v.postLink(p, p.cat)
		if alt := cs.sc.variant(cs.postRef(s, v.ix, p, p.cat)); alt != "" {
			u = esc(v.withSession(alt))
		}
		fmt.Fprintf(&b, `<li><a href="%s">%s</a></li>`, u, esc(p.title))
	}
	b.WriteString(`</ul></div>`)
	var docs, albums []*cpage
	for _, pg := range cs.pages {
		switch pg.kind {
		case PageDocument:
			docs = append(docs, pg)
		case PageAlbum:
			albums = append(albums, pg)
		}
	}
	if len(docs) > 0 {
		b.WriteString(`<div class="block"><h3>Văn bản mới</h3><ul>`)
		for _, pg := range docs[:min(4, len(docs))] {
			d := s.docs[pg.doc]
			fmt.Fprintf(&b, `<li><a href="%s">%s</a> <span class="date">(%s)</span></li>`, v.href(pg.r), esc(d.number+" - "+d.title), dmy(d.date))
		}
		b.WriteString(`</ul></div>`)
	}
	b.WriteString(`<div class="block"><h3>Thư viện ảnh</h3>`)
	for _, pg := range albums {
		fmt.Fprintf(&b, `<a href="%s"><img src="/uploads/album/%d/thumb.jpg" width="80" height="60" alt="%s" /></a>`, v.href(pg.r), pg.r.id, esc(pg.label))
	}
	b.WriteString(`</div>`)
	if cs.archive {
		b.WriteString(`<div class="block"><h3>Lưu trữ tin</h3><ul>`)
		for _, m := range v.ix.months[:min(14, len(v.ix.months))] {
			fmt.Fprintf(&b, `<li><a href="%s">Tháng %d/%d</a></li>`, v.href(cs.archiveRef(m)), int(m.Month()), m.Year())
		}
		b.WriteString(`</ul></div>`)
	}
	fmt.Fprintf(&b, `<div class="block"><h3>Liên kết</h3><a href="https://moet.gov.vn" target="_blank"><img src="/images/bo-gddt.png" width="230" height="70" alt="Bộ Giáo dục và Đào tạo" /></a><a href="https://dichvucong.gov.vn"><img src="/images/dvc.png" width="230" height="70" alt="Dịch vụ công" /></a></div><div class="block"><h3>Thống kê truy cập</h3><p>Đang online: %d</p><p>Tổng lượt truy cập: %d</p></div>`, 3+s.seed%50, 200000+s.seed%800000)
	return b.String()
}

// items renders a listing of posts in the site's listing style. ci is the
// category the listing belongs to (-1: none), start the number of the first row.
func (v *cview) items(list []*post, ci int, dated bool, start int) string {
	cs := v.cs
	var b strings.Builder
	tag := "ul"
	if cs.list == listNumbered {
		tag = "ol"
	}
	if cs.list == listNumbered && start > 1 {
		fmt.Fprintf(&b, `<%s class="%s" start="%d">`, tag, cs.theme.list, start)
	} else {
		fmt.Fprintf(&b, `<%s class="%s">`, tag, cs.theme.list)
	}
	for _, p := range list {
		c := ci
		if c < 0 || !p.inCat(c) {
			c = p.cat
		}
		u := v.postLink(p, c)
		date := ""
		if dated {
			date = ` <span class="date">` + esc(v.rowDate(p.pub)) + `</span>`
		}
		switch cs.list {
		case listCards:
			fmt.Fprintf(&b, `<li class="item"><a href="%s"><img src="/uploads/thumbs/%d.jpg" width="160" height="110" alt="%s" /></a><h3><a href="%s">%s</a></h3>%s<p>%s</p></li>`,
				u, p.id, esc(p.title), u, esc(p.title), date, esc(v.s.summary(p)))
		case listPlain:
			fmt.Fprintf(&b, `<li><h3><a href="%s">%s</a></h3>%s<p>%s</p></li>`, u, esc(p.title), date, esc(v.s.summary(p)))
		default:
			fmt.Fprintf(&b, `<li><a href="%s" title="%s">%s</a>%s</li>`, u, esc(p.title), esc(p.title), date)
		}
	}
	fmt.Fprintf(&b, `</%s>`, tag)
	return b.String()
}

// pager renders the links to the other pages of a listing, and what goes
// in the head (rel=next/prev).
func (v *cview) pager(mk func(n int) ref, n, pages int) (body, head string) {
	p := v.cs.sc.pager
	var b, h strings.Builder
	if p.mode == pagerJS {
		if pages <= 1 {
			return "", ""
		}
		b.WriteString(`<div class="pager">`)
		for i := 1; i <= min(pages, 10); i++ {
			switch {
			case i == n:
				fmt.Fprintf(&b, `<span class="current">%d</span> `, i)
			case p.js == 0:
				fmt.Fprintf(&b, `<a href="javascript:__doPostBack('ctl00$ContentPlaceHolder1$ucNews$rptPager$ctl%02d$lnkPage','')">%d</a> `, i, i)
			default:
				fmt.Fprintf(&b, `<a href="#" onclick="loadNews(%d);return false;">%d</a> `, i, i)
			}
		}
		b.WriteString(`</div>`)
		return b.String(), ""
	}
	if pages <= 1 {
		return "", ""
	}
	if n > 1 {
		fmt.Fprintf(&h, "<link rel=\"prev\" href=\"%s\" />\n", v.href(mk(n-1)))
	}
	if n < pages {
		fmt.Fprintf(&h, "<link rel=\"next\" href=\"%s\" />\n", v.href(mk(n+1)))
	}
	b.WriteString(`<div class="pagination">`)
	switch p.links {
	case linksNumbers:
		if n > 3 {
			fmt.Fprintf(&b, `<a href="%s">Đầu</a> `, v.href(mk(1)))
		}
		for i := max(1, n-2); i <= min(pages, n+2); i++ {
			if i == n {
				fmt.Fprintf(&b, `<strong>%d</strong> `, i)
			} else {
				fmt.Fprintf(&b, `<a href="%s">%d</a> `, v.href(mk(i)), i)
			}
		}
		if n+2 < pages {
			fmt.Fprintf(&b, `<a href="%s">Cuối</a>`, v.href(mk(pages)))
		}
	case linksNext:
		if n > 1 {
			fmt.Fprintf(&b, `<a href="%s">« Trang trước</a> `, v.href(mk(n-1)))
		}
		if n < pages {
			fmt.Fprintf(&b, `<a href="%s">%s</a>`, v.href(mk(n+1)), esc(p.next))
		}
	case linksRelNext:
		fmt.Fprintf(&b, `<span>Trang %d/%d</span>`, n, pages)
	}
	b.WriteString(`</div>`)
	return b.String(), h.String()
}

func (v *cview) canonicalHead(r ref) string {
	return fmt.Sprintf("<link rel=\"canonical\" href=\"%s\" />\n", esc(v.abs(v.cs.sc.url(r))))
}

func (v *cview) home() *resp {
	s, cs := v.s, v.cs
	var b strings.Builder
	dated := v.listingDated()
	top := s.listing(-1, true)
	top = top[:min(6, len(top))]
	b.WriteString(`<div class="featured"><h2>Tin nổi bật</h2>`)
	for i, p := range top {
		u := v.postLink(p, p.cat)
		if i == 0 {
			fmt.Fprintf(&b, `<div class="hot"><a href="%s"><img src="/uploads/thumbs/%d.jpg" width="420" height="280" alt="%s" /></a><h3><a href="%s">%s</a></h3><p>%s</p></div><ul>`, u, p.id, esc(p.title), u, esc(p.title), esc(s.summary(p)))
			continue
		}
		fmt.Fprintf(&b, `<li><a href="%s">%s</a></li>`, u, esc(p.title))
	}
	b.WriteString(`</ul></div>`)
	for ci, c := range s.cats {
		list := s.listing(ci, false)
		if len(list) == 0 {
			continue
		}
		fmt.Fprintf(&b, `<div class="home-cat"><h2><a href="%s">%s</a></h2>`, v.href(cs.catRef(s, ci, 1)), esc(v.label(c.label)))
		b.WriteString(v.items(list[:min(4, len(list))], ci, dated, 1))
		fmt.Fprintf(&b, `<a class="more" href="%s">Xem thêm »</a></div>`, v.href(cs.catRef(s, ci, 1)))
	}
	return v.layout("Trang chủ", "", b.String(), s.newestLM(), kindListing)
}

func (v *cview) listingPage(title string, list []*post, ci int, dated bool, n int, mk func(int) ref) *resp {
	s := v.s
	per := v.cs.sc.pager.per
	items, pages := pageOf(list, per, n)
	if v.cs.sc.pager.mode == pagerJS {
		items = list[:min(per, len(list))]
		pages = max(1, (len(list)+per-1)/per)
	}
	if items == nil && n > 1 {
		return nil
	}
	body, head := v.pager(mk, n, pages)
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="breadcrumb"><a href="%s">Trang chủ</a> » %s</div><h1>%s</h1>`, v.href(ref{kind: refHome}), esc(title), esc(title))
	b.WriteString(v.items(items, ci, dated, (n-1)*per+1))
	b.WriteString(body)
	return v.layout(title, head, b.String(), s.newestLM(), kindListing)
}

func (v *cview) category(ci, n int) *resp {
	if ci < 0 {
		return nil
	}
	s := v.s
	return v.listingPage(s.cats[ci].label, s.listing(ci, true), ci, v.listingDated(), n, func(i int) ref { return v.cs.catRef(s, ci, i) })
}

func (v *cview) hub(n int) *resp {
	return v.listingPage("Tin tức", v.s.listing(-1, false), -1, false, n, v.cs.hubRef)
}

func (v *cview) archive(m time.Time) *resp {
	var list []*post
	for _, p := range v.s.posts {
		if p.pub.Year() == m.Year() && p.pub.Month() == m.Month() {
			list = append(list, p)
		}
	}
	title := fmt.Sprintf("Lưu trữ tin tháng %d/%d", int(m.Month()), m.Year())
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="breadcrumb"><a href="%s">Trang chủ</a> » %s</div><h1>%s</h1>`, v.href(ref{kind: refHome}), esc(title), esc(title))
	b.WriteString(v.items(list, -1, v.listingDated(), 1))
	return v.layout(title, "", b.String(), v.s.newestLM(), kindListing)
}

// detailOpen starts the article block shared by posts and every other page.
func (v *cview) detailOpen(b *strings.Builder, crumb, crumbURL, title string) {
	fmt.Fprintf(b, `<div class="breadcrumb"><a href="%s">Trang chủ</a> » <a href="%s">%s</a></div><div class="%s"><h1 class="title">%s</h1>`,
		v.href(ref{kind: refHome}), crumbURL, esc(crumb), v.cs.theme.detail, esc(title))
}

func (v *cview) post(p *post) *resp {
	s, cs := v.s, v.cs
	canon := cs.postRef(s, v.ix, p, p.cat)
	var head strings.Builder
	if cs.canonical {
		head.WriteString(v.canonicalHead(canon))
	}
	fmt.Fprintf(&head, "<meta property=\"og:type\" content=\"article\" />\n<meta property=\"og:title\" content=\"%s\" />\n", esc(p.title))
	onPage := cs.postDate == dateOnPage
	if onPage {
		switch cs.meta {
		case 1:
			fmt.Fprintf(&head, "<meta property=\"article:published_time\" content=\"%s\" />\n", isoLocal(p.pub))
		case 2:
			ld, _ := json.Marshal(map[string]any{"@context": "https://schema.org", "@type": "NewsArticle", "headline": p.title, "datePublished": isoLocal(p.pub), "dateModified": isoLocal(p.upd)})
			fmt.Fprintf(&head, "<script type=\"application/ld+json\">%s</script>\n", ld)
		}
	}
	if cs.translated(p) {
		e := canon
		e.en, e.slug = true, v.ix.enSlugs[p.id]
		fmt.Fprintf(&head, "<link rel=\"alternate\" hreflang=\"en\" href=\"%s\" />\n", esc(v.abs(cs.sc.url(e))))
	}
	var b strings.Builder
	v.detailOpen(&b, s.cats[p.cat].label, v.href(cs.catRef(s, p.cat, 1)), p.title)
	b.WriteString(`<div class="meta">`)
	if onPage {
		if cs.meta == 3 {
			fmt.Fprintf(&b, `<span class="hidden" itemprop="datePublished">%s</span>`, isoLocal(p.pub))
		}
		fmt.Fprintf(&b, `<span class="post-date">%s</span> | `, esc(pageFormats[cs.pageFmt](p.pub)))
	}
	fmt.Fprintf(&b, `<span class="views">Lượt xem: %d</span>`, p.views)
	if cs.translated(p) {
		e := canon
		e.en, e.slug = true, v.ix.enSlugs[p.id]
		fmt.Fprintf(&b, ` | <a href="%s" hreflang="en">English</a>`, v.href(e))
	}
	b.WriteString("</div>\n")
	fmt.Fprintf(&b, "<div class=\"lead\"><strong>%s</strong></div>\n", esc(s.lead(p)))
	dir := "/uploads/news/" + p.born.Format("2006/01") + "/"
	for i, im := range p.imgs {
		if !im.featured {
			continue
		}
		w, h := dims(im)
		fmt.Fprintf(&b, `<figure class="featured-image"><img%s src="%s%s" width="%d" height="%d" />`, imgAlt(p, im), dir, imgName(p, i, im), w, h)
		if im.caption {
			fmt.Fprintf(&b, `<figcaption>%s</figcaption>`, esc(caption(im)))
		}
		b.WriteString("</figure>\n")
	}
	writeCentredBody(&b, s, p, dir, "")
	fmt.Fprintf(&b, `<p style="text-align: right;"><strong>%s</strong></p>`, esc(s.author(p)))
	if p.attach {
		fmt.Fprintf(&b, `<p>Tệp đính kèm: <a href="/uploads/news/%s/%s.pdf">%s.pdf</a></p>`, p.born.Format("2006/01"), cut(p.slug, 40), cut(p.slug, 40))
	}
	b.WriteString("</div>\n")
	if cs.related {
		cl := s.listing(p.cat, false)
		b.WriteString(`<div class="other-news"><h3>Các tin khác</h3><ul>`)
		k := 0
		for _, q := range cl {
			if q == p || k >= 6 {
				continue
			}
			k++
			fmt.Fprintf(&b, `<li><a href="%s">%s</a> <span class="date">(%s)</span></li>`, v.postLink(q, p.cat), esc(q.title), dmy(q.pub))
		}
		b.WriteString(`</ul></div>`)
	}
	return v.layout(p.title, head.String(), b.String(), p.lastMod(), kindPost)
}

func (v *cview) page(pg *cpage) *resp {
	if pg == nil {
		return nil
	}
	s, cs := v.s, v.cs
	var head strings.Builder
	if cs.canonical {
		head.WriteString(v.canonicalHead(pg.r))
	}
	head.WriteString("<meta property=\"og:type\" content=\"website\" />\n")
	var b strings.Builder
	lm := s.staticLM()
	switch pg.kind {
	case PageSection:
		v.detailOpen(&b, "Giới thiệu", v.href(pg.r), pg.label)
		for _, sp := range s.staticPages() {
			if sp.slug == pg.key {
				b.WriteString(s.staticBody(sp))
			}
		}
		if pg.key == "gioi-thieu" {
			// A real introduction reads like an article: paragraphs and a
			// captioned photo, only no date.
			r := rng(s.seed, 61)
			fmt.Fprintf(&b, `<p style="text-align: center;"><img src="/uploads/%s/toan-canh-truong.jpg" width="800" height="533" alt="Toàn cảnh %s" /></p><p style="text-align: center;"><em>Toàn cảnh %s</em></p>`, cs.groups[0], esc(s.UnitName), esc(s.UnitName))
			for i := range 3 + r.IntN(3) {
				fmt.Fprintf(&b, `<p style="text-align: justify;">%s %s</p>`, bodySentences[(i*2)%len(bodySentences)], bodySentences[(i*2+1)%len(bodySentences)])
			}
		}
		b.WriteString("</div>")
	case PageDocuments:
		v.detailOpen(&b, "Văn bản", v.href(pg.r), pg.label)
		b.WriteString(`<table class="table"><tr><th>Số/Ký hiệu</th><th>Ngày ban hành</th><th>Trích yếu</th><th>Tải về</th></tr>`)
		for _, q := range cs.pages {
			if q.kind != PageDocument {
				continue
			}
			d := s.docs[q.doc]
			fmt.Fprintf(&b, `<tr><td>%s</td><td>%s</td><td><a href="%s">%s</a></td><td><a href="%s">PDF</a></td></tr>`, esc(d.number), dmy(d.date), v.href(q.r), esc(d.title), cs.groupsFile(s, d))
		}
		b.WriteString(`</table></div>`)
	case PageDocument:
		d := s.docs[pg.doc]
		v.detailOpen(&b, "Văn bản", v.href(cs.pageByKey("van-ban")), d.title)
		fmt.Fprintf(&b, `<table class="table doc-info"><tr><td>Số/Ký hiệu</td><td>%s</td></tr><tr><td>Ngày ban hành</td><td>%s</td></tr><tr><td>Cơ quan ban hành</td><td>%s</td></tr><tr><td>Trích yếu</td><td>%s</td></tr><tr><td>Tệp đính kèm</td><td><a href="%s">%s.pdf</a></td></tr></table></div>`,
			esc(d.number), dmy(d.date), esc(s.UnitName), esc(d.title), cs.groupsFile(s, d), d.file)
		lm = d.date
	case PageAlbums:
		v.detailOpen(&b, "Thư viện ảnh", v.href(pg.r), pg.label)
		b.WriteString(`<div class="albums">`)
		for _, q := range cs.pages {
			if q.kind == PageAlbum {
				fmt.Fprintf(&b, `<div class="album"><a href="%s"><img src="/uploads/album/%d/thumb.jpg" width="200" height="150" alt="%s" /></a><h3><a href="%s">%s</a></h3><span class="date">(%s)</span></div>`, v.href(q.r), q.r.id, esc(q.label), v.href(q.r), esc(q.label), dmy(q.r.date))
			}
		}
		b.WriteString(`</div></div>`)
	case PageAlbum:
		v.detailOpen(&b, "Thư viện ảnh", v.href(cs.pageByKey("thu-vien-anh")), pg.label)
		if cs.postDate == dateOnPage {
			fmt.Fprintf(&b, `<div class="meta"><span class="post-date">%s</span></div>`, esc(pageFormats[cs.pageFmt](pg.r.date)))
		}
		r := rng(s.seed, uint64(pg.r.id))
		for i := range 4 + r.IntN(6) {
			ph := photoPhrases[(i+pg.album*3)%len(photoPhrases)]
			fmt.Fprintf(&b, `<figure class="photo"><img src="/uploads/album/%d/%d.jpg" width="800" height="533" alt="%s" /><figcaption>%s</figcaption></figure>`, pg.r.id, i, esc(ph), esc(ph))
		}
		b.WriteString(`</div>`)
		lm = pg.r.date
	}
	return v.layout(pg.label, head.String(), b.String(), lm, kindOther)
}

func (cs *customSite) pageByKey(key string) ref {
	for _, pg := range cs.pages {
		if pg.key == key {
			return pg.r
		}
	}
	return ref{kind: refHome}
}

func (cs *customSite) groupsFile(s *Site, d doc) string { return custom{}.docFile(s, d) }

var enHeads = []string{
	"School news", "Activities of the school", "Announcement", "Teaching and learning", "Youth Union and Young Pioneers", "Events",
}

// enTitle is the English title of a translated post.
func enTitle(p *post) string {
	return fmt.Sprintf("%s: %s", enHeads[p.seed%uint64(len(enHeads))], p.pub.Format("2 January 2006, 15:04"))
}

func (v *cview) englishHome() *resp {
	s, cs := v.s, v.cs
	var b strings.Builder
	b.WriteString(`<h1>News in English</h1><ul>`)
	for _, p := range s.posts {
		if !cs.translated(p) {
			continue
		}
		e := cs.postRef(s, v.ix, p, p.cat)
		e.en, e.slug = true, v.ix.enSlugs[p.id]
		fmt.Fprintf(&b, `<li><a href="%s">%s</a></li>`, v.href(e), esc(enTitle(p)))
	}
	b.WriteString(`</ul>`)
	return v.layout("English", "", b.String(), s.newestLM(), kindListing)
}

func (v *cview) englishPost(p *post) *resp {
	s, cs := v.s, v.cs
	canon := cs.postRef(s, v.ix, p, p.cat)
	var b strings.Builder
	v.detailOpen(&b, "News", esc(cs.sc.english("/")), enTitle(p))
	if cs.postDate == dateOnPage {
		fmt.Fprintf(&b, `<div class="meta"><span class="post-date">Posted on %s</span></div>`, p.pub.Format("January 2, 2006 15:04"))
	}
	fmt.Fprintf(&b, `<p>%s held the event reported in Vietnamese in the original article.</p><p>This is an English summary for international visitors.</p><p><a href="%s" hreflang="vi">Tiếng Việt</a></p></div>`, esc(s.UnitName), v.href(canon))
	head := fmt.Sprintf("<link rel=\"alternate\" hreflang=\"vi\" href=\"%s\" />\n", esc(v.abs(cs.sc.url(canon))))
	return v.layout(enTitle(p), head, b.String(), p.lastMod(), kindPost)
}

func (v *cview) feed() *resp {
	s := v.s
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<rss version="2.0"><channel><title>%s</title><link>%s/</link><description>Tin tức</description>`, esc(s.UnitName), v.c.origin)
	for _, p := range s.newest(15) {
		u := v.abs(v.cs.sc.url(v.cs.postRef(s, v.ix, p, p.cat)))
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><guid isPermaLink=\"true\">%s</guid><pubDate>%s</pubDate><description>%s</description></item>", esc(p.title), esc(u), esc(u), rssDate(p.pub, zone()), esc(s.summary(p)))
	}
	b.WriteString("</channel></rss>")
	return xmlResp(ctRSS, b.String(), s.newestLM())
}

func (v *cview) sitemap() *resp {
	s, cs := v.s, v.cs
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	loc := func(u string, t time.Time) {
		fmt.Fprintf(&b, "<url><loc>%s</loc><lastmod>%s</lastmod></url>", esc(v.abs(u)), t.Format("2006-01-02"))
	}
	for _, pg := range cs.pages {
		loc(cs.sc.url(pg.r), pg.r.date)
	}
	for ci := range s.cats {
		loc(cs.sc.url(cs.catRef(s, ci, 1)), s.newestLM())
	}
	for _, p := range s.posts {
		loc(cs.sc.url(cs.postRef(s, v.ix, p, p.cat)), p.upd)
	}
	b.WriteString("</urlset>")
	return xmlResp(ctXML, b.String(), s.newestLM())
}

// writeCentredBody writes the body of p after its lead as CKEditor does:
// justified paragraphs (some ending in a pasted emoji), images centred in
// their own paragraph with the caption as a centred <em> line under them or
// in a figure (figStyle is the figure's style attribute, with its leading
// space), and the closing centred line of some posts.
func writeCentredBody(b *strings.Builder, s *Site, p *post, dir, figStyle string) {
	er := rng(p.seed, 17)
	for _, bl := range s.blocks(p) {
		if bl.img < 0 {
			fmt.Fprintf(b, `<p style="text-align: justify;">%s`, esc(bl.text))
			if bl.emoji {
				b.WriteString(" " + fbEmoji(er))
			}
			b.WriteString("</p>\n")
			continue
		}
		im := p.imgs[bl.img]
		w, h := dims(im)
		src := dir + imgName(p, bl.img, im)
		if im.caption && im.variant%3 == 0 {
			fmt.Fprintf(b, `<figure class="image"%s><img%s height="%d" src="%s" width="%d" /><figcaption>%s</figcaption></figure>`+"\n", figStyle, imgAlt(p, im), h, src, w, esc(caption(im)))
			continue
		}
		fmt.Fprintf(b, `<p style="text-align: center;"><img%s height="%d" src="%s" width="%d" /></p>`+"\n", imgAlt(p, im), h, src, w)
		if im.caption {
			fmt.Fprintf(b, `<p style="text-align: center;"><em>%s</em></p>`+"\n", esc(caption(im)))
		}
	}
	if l := s.closingLine(p); l != "" {
		fmt.Fprintf(b, `<p style="text-align: center;"><em>%s</em></p>`+"\n", esc(l))
	}
}
