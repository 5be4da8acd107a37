package simweb

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// static is a hand-made site (tables, <font>, relative links).
//
// Traps: /tin-tuc/bai-N.html; dates only as text, "Thứ hai, ngày 5 tháng
// 10 năm 2026" (no time) or "Đăng lúc 08:30 ngày 05-10-2026"; <title> is the
// unit name on every page, the post title sits in a <font> heading; no
// feed, no sitemap, no robots.txt (404); one listing page /tin-tuc/ (and on
// some sites /tin-tuc/trang-2.html ...); image paths relative ("../images/");
// captions as "<br><i>…</i>" under the image; on some sites a
// windows-1258 charset, either really encoded so or declared wrongly over
// UTF-8 bytes, with a bare "text/html" Content-Type.
type static struct{}

func (static) postPath(s *Site, p *post) string {
	return "/tin-tuc/bai-" + strconv.Itoa(p.id) + ".html"
}

func (static) aliases(s *Site, p *post) []string { return nil }

func (static) docFile(s *Site, d doc) string { return "/files/" + d.file + ".pdf" }

func (st static) route(c *reqCtx) *resp {
	s := c.s
	p := c.path
	switch {
	case p == "/" || p == "/index.html" || p == "/index.htm":
		return st.home(c)
	case p == "/tin-tuc/" || p == "/tin-tuc/index.html":
		return st.listing(c, 1)
	case p == "/tin-tuc":
		return redirect(301, c.origin+"/tin-tuc/")
	case strings.HasPrefix(p, "/tin-tuc/trang-") && strings.HasSuffix(p, ".html"):
		n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(p, "/tin-tuc/trang-"), ".html"))
		if err != nil || n < 2 || !s.feats.staticPaging {
			return nil
		}
		return st.listing(c, n)
	case strings.HasPrefix(p, "/tin-tuc/bai-") && strings.HasSuffix(p, ".html"):
		id, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(p, "/tin-tuc/bai-"), ".html"))
		if err != nil {
			return nil
		}
		if pp := s.postByID(id); pp != nil {
			return st.detail(c, pp)
		}
		return nil
	case p == "/van-ban.html" && s.hasSection("van_ban"):
		var b strings.Builder
		b.WriteString(`<font size="4" color="#003399"><b>VĂN BẢN</b></font><table border="1" cellspacing="0" cellpadding="4" width="100%">`)
		for _, d := range s.docs {
			fmt.Fprintf(&b, `<tr><td>%s</td><td>%s</td><td>%s</td><td><a href="files/%s.pdf">Tải về</a></td></tr>`, esc(d.number), esc(d.title), dmy(d.date), d.file)
		}
		b.WriteString(`</table>`)
		return st.page(c, b.String(), s.staticLM(), kindOther)
	}
	for _, sp := range s.staticPages() {
		if p == "/"+sp.slug+".html" {
			return st.page(c, `<font size="4" color="#003399"><b>`+strings.ToUpper(sp.label)+`</b></font><br><br>`+s.staticBody(sp), s.staticLM(), kindOther)
		}
	}
	return nil
}

func (st static) page(c *reqCtx, main string, lm time.Time, kind uint8) *resp {
	s := c.s
	var b strings.Builder
	b.Grow(12 << 10)
	cs := "utf-8"
	if s.Charset != "utf-8" {
		cs = "windows-1258"
	}
	fmt.Fprintf(&b, `<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=%s">
<title>%s</title>
<link rel="stylesheet" href="/style.css" type="text/css">
</head>
<body bgcolor="#FFFFFF" leftmargin="0" topmargin="0">
<table width="980" border="0" cellspacing="0" cellpadding="0" align="center">
<tr><td colspan="2"><img src="/images/banner.jpg" width="980" height="160" alt=""></td></tr>
<tr><td colspan="2" bgcolor="#003399" height="30" class="menu">&nbsp;<a href="/index.html"><font color="#FFFFFF">TRANG CHỦ</font></a> | <a href="/tin-tuc/index.html"><font color="#FFFFFF">TIN TỨC</font></a>`, cs, esc(s.UnitName))
	for _, sp := range s.staticPages() {
		fmt.Fprintf(&b, ` | <a href="/%s.html"><font color="#FFFFFF">%s</font></a>`, sp.slug, strings.ToUpper(sp.label))
	}
	if s.hasSection("van_ban") {
		b.WriteString(` | <a href="/van-ban.html"><font color="#FFFFFF">VĂN BẢN</font></a>`)
	}
	b.WriteString("</td></tr>\n<tr><td width=\"220\" valign=\"top\" bgcolor=\"#EEF3FF\"><p><b>TIN MỚI NHẤT</b></p><ul>")
	for _, p := range s.newest(6) {
		fmt.Fprintf(&b, `<li><a href="/tin-tuc/bai-%d.html">%s</a></li>`, p.id, esc(p.title))
	}
	b.WriteString("</ul><p><img src=\"/images/counter.gif\" width=\"88\" height=\"31\" alt=\"\"></p></td>\n<td valign=\"top\" style=\"padding:10px\">\n")
	b.WriteString(main)
	b.WriteString("\n</td></tr>\n<tr><td colspan=\"2\" align=\"center\" bgcolor=\"#003399\"><font color=\"#FFFFFF\" size=\"2\">")
	fmt.Fprintf(&b, "<b>%s</b><br>", esc(strings.ToUpper(s.UnitName)))
	for _, l := range s.footerLines() {
		fmt.Fprintf(&b, "%s<br>", esc(l))
	}
	b.WriteString("</font></td></tr>\n</table>\n</body>\n</html>\n")
	page := s.padPage(b.String(), c.target())
	r := &resp{status: 200, lastMod: lm, kind: kind}
	switch s.Charset {
	case "windows-1258":
		r.ctype = "text/html"
		r.raw = toCP1258(page)
	case "windows-1258-wrong":
		r.ctype = "text/html"
		r.raw = []byte(page)
	default:
		r.ctype = "text/html; charset=UTF-8"
		r.raw = []byte(page)
	}
	return r
}

func (st static) date(s *Site, t time.Time) string {
	if s.feats.textDate {
		return fmt.Sprintf("%s, ngày %d tháng %d năm %d", weekdays[t.Weekday()], t.Day(), int(t.Month()), t.Year())
	}
	return "Đăng lúc " + t.Format("15:04") + " ngày " + t.Format("02-01-2006")
}

func (st static) home(c *reqCtx) *resp {
	s := c.s
	var b strings.Builder
	fmt.Fprintf(&b, `<p align="center"><font size="5" color="#CC0000"><b>CHÀO MỪNG QUÝ VỊ ĐẾN VỚI WEBSITE %s</b></font></p><marquee scrollamount="3"><font color="#CC0000">%s</font></marquee><p><b>TIN TỨC - SỰ KIỆN</b></p>`, esc(strings.ToUpper(s.UnitName)), esc(s.slogan))
	for _, p := range s.newest(5) {
		fmt.Fprintf(&b, `<p><img src="/images/bullet.gif" width="8" height="8" alt=""> <a href="tin-tuc/bai-%d.html"><b>%s</b></a><br><font size="2">%s</font></p>`, p.id, esc(p.title), esc(s.summary(p)))
	}
	b.WriteString(`<p align="right"><a href="tin-tuc/index.html">Xem tất cả tin...</a></p>`)
	return st.page(c, b.String(), s.newestLM(), kindListing)
}

func (st static) listing(c *reqCtx, n int) *resp {
	s := c.s
	per := len(s.posts)
	if s.feats.staticPaging {
		per = 15
	}
	items, pages := pageOf(s.posts, max(1, per), n)
	if items == nil && n > 1 {
		return nil
	}
	var b strings.Builder
	b.WriteString(`<font size="4" color="#003399"><b>TIN TỨC - SỰ KIỆN</b></font><table width="100%" border="0" cellpadding="4">`)
	for _, p := range items {
		fmt.Fprintf(&b, `<tr><td><a href="bai-%d.html"><b>%s</b></a> <font size="1" color="#888888">(%s)</font><br><font size="2">%s</font></td></tr>`, p.id, esc(p.title), dmy(p.pub), esc(s.summary(p)))
	}
	b.WriteString(`</table>`)
	if pages > 1 {
		b.WriteString(`<p align="center">Trang: `)
		for i := 1; i <= pages; i++ {
			switch {
			case i == n:
				fmt.Fprintf(&b, "<b>[%d]</b> ", i)
			case i == 1:
				b.WriteString(`<a href="index.html">1</a> `)
			default:
				fmt.Fprintf(&b, `<a href="trang-%d.html">%d</a> `, i, i)
			}
		}
		b.WriteString(`</p>`)
	}
	return st.page(c, b.String(), s.newestLM(), kindListing)
}

func (st static) detail(c *reqCtx, p *post) *resp {
	s := c.s
	var b strings.Builder
	fmt.Fprintf(&b, "<font face=\"Arial\" size=\"4\" color=\"#003399\"><b>%s</b></font><br>\n<font size=\"2\" color=\"#666666\"><i>%s</i></font><hr size=\"1\">\n", esc(p.title), st.date(s, p.pub))
	fmt.Fprintf(&b, "<p align=\"justify\"><b>%s</b></p>\n", esc(s.lead(p)))
	for _, bl := range s.blocks(p) {
		if bl.img < 0 {
			fmt.Fprintf(&b, "<p align=\"justify\">%s</p>\n", esc(bl.text))
			continue
		}
		im := p.imgs[bl.img]
		fmt.Fprintf(&b, `<p align="center"><img src="../images/tin-tuc/bai-%d-%d.jpg" width="500" border="0"%s>`, p.id, bl.img, imgAlt(p, im))
		if im.caption {
			fmt.Fprintf(&b, "<br><i>%s</i>", esc(caption(im)))
		}
		b.WriteString("</p>\n")
	}
	fmt.Fprintf(&b, "<p align=\"right\"><b>%s</b></p>\n", esc(s.author(p)))
	if p.attach {
		fmt.Fprintf(&b, `<p>Tải văn bản: <a href="../files/bai-%d.pdf">bai-%d.pdf</a></p>`, p.id, p.id)
	}
	b.WriteString(`<p><a href="index.html">&laquo; Quay lại danh sách tin</a></p>`)
	return st.page(c, b.String(), p.lastMod(), kindPost)
}
