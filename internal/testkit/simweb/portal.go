package simweb

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// portal is a provincial e-portal in the ASP.NET (SharePoint/VNPT-like) style.
//
// Traps: query-string article URLs /Pages/ChiTietTin.aspx?ItemID=..&CatID=..
// that also answer with the parameters swapped and in lower case (IIS is
// case-insensitive); listings show the last-update date "(dd/mm/yyyy)";
// details show "Ngày đăng: dd/mm/yyyy hh:mm" and "Cập nhật lúc: hh:mm
// dd/mm/yyyy"; the lead "(GD&ĐT) - Chiều ngày 30/9, ..." names the event
// day, sometimes in the previous month; "/" answers 302 to
// /Pages/default.aspx; a sitemap only, with lastmod = update date and
// non-post pages; the RSS link in the footer is dead (404); captions in
// table.image td.image_desc or a centred <em> line; on some sites a hidden
// print copy of the lead image.
type portal struct{}

func (portal) itemID(p *post) int { return 4000 + p.id }

func (pt portal) postPath(s *Site, p *post) string {
	return fmt.Sprintf("/Pages/ChiTietTin.aspx?ItemID=%d&CatID=%d", pt.itemID(p), s.cats[p.cat].id)
}

func (pt portal) aliases(s *Site, p *post) []string {
	return []string{
		fmt.Sprintf("/Pages/ChiTietTin.aspx?CatID=%d&ItemID=%d", s.cats[p.cat].id, pt.itemID(p)),
		fmt.Sprintf("/pages/chitiettin.aspx?itemid=%d&catid=%d", pt.itemID(p), s.cats[p.cat].id),
	}
}

func (portal) docFile(s *Site, d doc) string { return "/Uploads/VanBan/" + d.file + ".pdf" }

var portalPages = map[string]string{
	"gioi-thieu": "GioiThieu", "co-cau-to-chuc": "CoCauToChuc", "cong-khai": "CongKhai", "tuyen-sinh": "TuyenSinh",
	"thu-tuc-hanh-chinh": "TTHC", "hoi-dap": "HoiDap", "lich-cong-tac": "LichCongTac", "lien-he": "LienHe",
}

// qget reads a query parameter case-insensitively, as ASP.NET does.
func qget(c *reqCtx, name string) string {
	for k, v := range c.query {
		if strings.EqualFold(k, name) && len(v) > 0 {
			return v[0]
		}
	}
	return ""
}

func (pt portal) route(c *reqCtx) *resp {
	s := c.s
	lp := strings.ToLower(c.path)
	switch lp {
	case "/":
		return redirect(302, "/Pages/default.aspx")
	case "/robots.txt":
		return &resp{status: 200, ctype: ctText, lastMod: s.staticLM(), body: "User-agent: *\nDisallow: /_layouts/\nDisallow: /_vti_bin/\nDisallow: /Search/\n\nSitemap: " + c.origin + "/sitemap.xml\n"}
	case "/sitemap.xml":
		return pt.sitemap(c)
	case "/pages/default.aspx":
		return pt.home(c)
	case "/pages/tintuc.aspx":
		ci := -1
		for i, cat := range s.cats {
			if qget(c, "CatID") == strconv.Itoa(cat.id) {
				ci = i
			}
		}
		if ci < 0 {
			return nil
		}
		n := 1
		if v := qget(c, "Page"); v != "" {
			n, _ = strconv.Atoi(v)
		}
		return pt.listing(c, ci, n)
	case "/pages/chitiettin.aspx":
		id, _ := strconv.Atoi(qget(c, "ItemID"))
		p := s.postByID(id - 4000)
		if p == nil || qget(c, "CatID") != strconv.Itoa(s.cats[p.cat].id) {
			return nil
		}
		return pt.detail(c, p)
	case "/pages/vanban.aspx":
		if !s.hasSection("van_ban") {
			return nil
		}
		var b strings.Builder
		b.WriteString(`<div class="box-vanban"><h1 class="title-page">Văn bản chỉ đạo, điều hành</h1><table class="tbl-vanban" border="1" cellpadding="4"><tr><th>Số/Ký hiệu</th><th>Ngày ban hành</th><th>Trích yếu</th><th>Tải về</th></tr>`)
		for _, d := range s.docs {
			fmt.Fprintf(&b, `<tr><td>%s</td><td>%s</td><td>%s</td><td><a href="%s"><img src="/Style%%20Library/portal/images/pdf.gif" width="16" height="16" alt="PDF" /></a></td></tr>`, esc(d.number), dmy(d.date), esc(d.title), pt.docFile(s, d))
		}
		b.WriteString(`</table></div>`)
		return pt.layout(c, "Văn bản", b.String(), s.staticLM(), kindOther)
	}
	for _, sp := range s.staticPages() {
		if lp == "/pages/"+strings.ToLower(portalPages[sp.slug])+".aspx" {
			return pt.layout(c, sp.label, `<div class="news-detail"><h1 class="title-detail">`+sp.label+`</h1><div class="content-detail">`+s.staticBody(sp)+`</div></div>`, s.staticLM(), kindOther)
		}
	}
	return nil
}

func (pt portal) layout(c *reqCtx, title, main string, lm time.Time, kind uint8) *resp {
	s := c.s
	var b strings.Builder
	b.Grow(16 << 10)
	full := s.UnitName
	if title != "" {
		full = title + " - " + s.UnitName
	}
	fmt.Fprintf(&b, `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="vi">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" /><title>%s</title>
<link rel="stylesheet" type="text/css" href="/Style%%20Library/portal/css/style.css" />
<script type="text/javascript" src="/_layouts/15/init.js"></script>
</head>
<body><form method="post" action="./" id="aspnetForm"><div class="aspNetHidden"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1Mm%016xZGQ=" /></div>
<div id="wrapper"><div id="header"><a href="/Pages/default.aspx"><img src="/Style%%20Library/portal/images/banner.jpg" alt="%s" width="1000" height="150" /></a></div>
<div id="menu"><ul class="menu-top"><li><a href="/Pages/default.aspx">Trang chủ</a></li>`, esc(full), s.seed, esc(s.UnitName))
	for _, cat := range s.cats {
		fmt.Fprintf(&b, `<li><a href="/Pages/TinTuc.aspx?CatID=%d">%s</a></li>`, cat.id, esc(cat.label))
	}
	for _, sp := range s.staticPages() {
		fmt.Fprintf(&b, `<li><a href="/Pages/%s.aspx">%s</a></li>`, portalPages[sp.slug], sp.label)
	}
	if s.hasSection("van_ban") {
		b.WriteString(`<li><a href="/Pages/VanBan.aspx">Văn bản</a></li>`)
	}
	fmt.Fprintf(&b, "</ul></div>\n<div id=\"content\"><div class=\"col-left\">\n%s\n</div>\n", main)
	b.WriteString(`<div class="col-right"><div class="box"><div class="box-title">Tin mới nhất</div><ul class="list-new">`)
	for _, p := range s.newest(6) {
		fmt.Fprintf(&b, `<li><a href="/pages/chitiettin.aspx?itemid=%d&amp;catid=%d">%s</a></li>`, pt.itemID(p), s.cats[p.cat].id, esc(p.title))
	}
	b.WriteString(`</ul></div><div class="box"><div class="box-title">Liên kết</div><a href="https://dichvucong.gov.vn"><img src="/Style%20Library/portal/images/dvc.jpg" width="250" height="70" alt="Dịch vụ công" /></a><a href="https://moet.gov.vn"><img src="/Style%20Library/portal/images/moet.jpg" width="250" height="70" alt="Bộ GD&amp;ĐT" /></a></div>`)
	fmt.Fprintf(&b, `<div class="box"><div class="box-title">Thống kê truy cập</div><p>Đang trực tuyến: %d<br />Tổng truy cập: %d</p></div></div></div>`, 10+s.seed%90, 1000000+s.seed%8000000)
	fmt.Fprintf(&b, "\n<div id=\"footer\"><p>%s</p>", esc(strings.ToUpper(s.UnitName)))
	for _, l := range s.footerLines() {
		fmt.Fprintf(&b, "<p>%s</p>", esc(l))
	}
	b.WriteString(`<p><a href="/rss.aspx">RSS</a> | <a href="/sitemap.xml">Sơ đồ cổng</a></p></div>
</div></form></body></html>`)
	return htmlResp(b.String(), lm, kind)
}

func (pt portal) home(c *reqCtx) *resp {
	s := c.s
	var b strings.Builder
	b.WriteString(`<div class="box-hot"><div class="box-title">Tin nổi bật</div><ul class="list-hot">`)
	for _, p := range s.listing(-1, true)[:min(6, len(s.posts))] {
		fmt.Fprintf(&b, `<li><a href="/Pages/ChiTietTin.aspx?CatID=%d&amp;ItemID=%d">%s</a></li>`, s.cats[p.cat].id, pt.itemID(p), esc(p.title))
	}
	b.WriteString(`</ul></div>`)
	for ci, cat := range s.cats {
		fmt.Fprintf(&b, `<div class="box-cat"><div class="box-title"><a href="/Pages/TinTuc.aspx?CatID=%d">%s</a></div><ul>`, cat.id, esc(cat.label))
		l := s.listing(ci, false)
		for _, p := range l[:min(5, len(l))] {
			fmt.Fprintf(&b, `<li><a href="%s">%s</a> <span class="date">(%s)</span></li>`, esc(pt.postPath(s, p)), esc(p.title), dmy(p.upd))
		}
		b.WriteString(`</ul></div>`)
	}
	return pt.layout(c, "", b.String(), s.newestLM(), kindListing)
}

func (pt portal) listing(c *reqCtx, ci, n int) *resp {
	s := c.s
	items, pages := pageOf(s.listing(ci, false), 10, n)
	if items == nil && n > 1 {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="list-news"><h1 class="title-page">%s</h1>`, esc(s.cats[ci].label))
	for _, p := range items {
		fmt.Fprintf(&b, `<div class="item-news">`)
		if len(p.imgs) > 0 {
			fmt.Fprintf(&b, `<a href="%s"><img src="/Uploads/Images/%s/thumb_%s.jpg" alt="" width="150" height="100" class="img-left" /></a>`, esc(pt.postPath(s, p)), p.born.Format("2006/01"), cut(p.slug, 30))
		}
		fmt.Fprintf(&b, `<h3><a href="%s">%s</a> <span class="date">(%s)</span></h3><p>%s</p></div>`, esc(pt.postPath(s, p)), esc(p.title), dmy(p.upd), esc(s.summary(p)))
	}
	if pages > 1 {
		b.WriteString(`<div class="paging">`)
		for i := 1; i <= pages; i++ {
			if i == n {
				fmt.Fprintf(&b, `<span class="current">%d</span> `, i)
			} else {
				fmt.Fprintf(&b, `<a href="/Pages/TinTuc.aspx?CatID=%d&amp;Page=%d">%d</a> `, s.cats[ci].id, i, i)
			}
		}
		b.WriteString(`</div>`)
	}
	b.WriteString(`</div>`)
	return pt.layout(c, s.cats[ci].label, b.String(), s.newestLM(), kindListing)
}

func (pt portal) detail(c *reqCtx, p *post) *resp {
	s := c.s
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="news-detail"><h1 class="title-detail">%s</h1><div class="meta-detail"><span class="date">Ngày đăng: %s</span> <span class="update">| Cập nhật lúc: %s</span> <span class="views">| Lượt xem: %d</span></div>`,
		esc(p.title), dmyhm(p.pub), p.upd.Format("15:04 02/01/2006"), p.views)
	fmt.Fprintf(&b, `<div class="sapo-detail"><strong>(GD&amp;ĐT) - %s</strong></div>`, esc(s.lead(p)))
	dir := "/Uploads/Images/" + p.born.Format("2006/01") + "/"
	for i, im := range p.imgs {
		if !im.featured {
			continue
		}
		w, h := dims(im)
		fmt.Fprintf(&b, `<div class="avatar-detail"><img src="%s%s"%s width="%d" height="%d" />`, dir, imgName(p, i, im), imgAlt(p, im), w, h)
		if im.caption {
			fmt.Fprintf(&b, `<p class="avatar-caption"><em>%s</em></p>`, esc(caption(im)))
		}
		b.WriteString(`</div>`)
		if s.feats.printDup {
			fmt.Fprintf(&b, `<div id="print-version" style="display:none"><img src="%s%s" alt="" width="400" /></div>`, dir, imgName(p, i, im))
		}
	}
	b.WriteString("<div class=\"content-detail\">\n")
	for _, bl := range s.blocks(p) {
		if bl.img < 0 {
			fmt.Fprintf(&b, "<p style=\"text-align: justify;\">%s</p>\n", esc(bl.text))
			continue
		}
		im := p.imgs[bl.img]
		w, h := dims(im)
		src := dir + imgName(p, bl.img, im)
		if im.variant%2 == 0 {
			fmt.Fprintf(&b, `<table class="image" align="center" border="0" cellpadding="0" cellspacing="0"><tbody><tr><td><img src="%s"%s width="%d" height="%d" /></td></tr>`, src, imgAlt(p, im), w, h)
			if im.caption {
				fmt.Fprintf(&b, `<tr><td class="image_desc">%s</td></tr>`, esc(caption(im)))
			}
			b.WriteString("</tbody></table>\n")
			continue
		}
		fmt.Fprintf(&b, `<p style="text-align: center;"><img src="%s"%s width="%d" height="%d" /></p>`+"\n", src, imgAlt(p, im), w, h)
		if im.caption {
			fmt.Fprintf(&b, `<p style="text-align: center;"><em>%s</em></p>`+"\n", esc(caption(im)))
		}
	}
	if l := s.closingLine(p); l != "" {
		fmt.Fprintf(&b, `<p style="text-align: center;"><em>%s</em></p>`+"\n", esc(l))
	}
	if p.attach {
		fmt.Fprintf(&b, `<p>File đính kèm: <a href="/Uploads/VanBan/%s.pdf">%s.pdf</a></p>`, cut(p.slug, 30), cut(p.slug, 30))
	}
	fmt.Fprintf(&b, `</div><div class="author-detail" style="text-align: right;"><strong>%s</strong></div>`, esc(s.author(p)))
	b.WriteString(`<div class="tool-detail"><a href="javascript:window.print()"><img src="/Style%20Library/portal/images/print.gif" width="16" height="16" alt="In bài" /> In bài</a> <a href="mailto:?subject=tin"><img src="/Style%20Library/portal/images/email.gif" width="16" height="16" alt="Gửi email" /> Gửi email</a></div>`)
	cl := s.listing(p.cat, false)
	b.WriteString(`<div class="tin-khac"><h3>Các tin đã đưa</h3><ul>`)
	k := 0
	for i, q := range cl {
		if q == p {
			for _, o := range cl[i+1:] {
				if k >= 5 {
					break
				}
				fmt.Fprintf(&b, `<li><a href="%s">%s</a> <span class="date">(%s)</span></li>`, esc(pt.postPath(s, o)), esc(o.title), dmy(o.pub))
				k++
			}
		}
	}
	b.WriteString(`</ul></div></div>`)
	return pt.layout(c, p.title, b.String(), p.lastMod(), kindPost)
}

func (pt portal) sitemap(c *reqCtx) *resp {
	s := c.s
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	fmt.Fprintf(&b, "<url><loc>%s/Pages/default.aspx</loc><lastmod>%s</lastmod></url>\n", c.origin, s.modTime.Format("2006-01-02"))
	for _, sp := range s.staticPages() {
		fmt.Fprintf(&b, "<url><loc>%s/Pages/%s.aspx</loc><lastmod>%s</lastmod></url>\n", c.origin, portalPages[sp.slug], s.staticLM().Format("2006-01-02"))
	}
	for _, cat := range s.cats {
		fmt.Fprintf(&b, "<url><loc>%s/Pages/TinTuc.aspx?CatID=%d</loc></url>\n", c.origin, cat.id)
	}
	for _, p := range s.posts {
		fmt.Fprintf(&b, "<url><loc>%s%s</loc><lastmod>%s</lastmod></url>\n", c.origin, esc(pt.postPath(s, p)), p.upd.Format("2006-01-02"))
	}
	b.WriteString("</urlset>\n")
	return xmlResp(ctXML, b.String(), s.newestLM())
}
