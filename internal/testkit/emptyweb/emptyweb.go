// Package emptyweb serves one small school website on loopback whose posts
// are the kinds of empty post the office tells apart: a title only (body
// "<p>&nbsp;</p>"), an attachment only (one PDF under "Tệp đính kèm"), a
// short notice, and one full article as the control. Its RSS feed lists
// them all, so any crawl finds them.
package emptyweb

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"
)

// Post is one post of the site with what sitewatch should say of it.
type Post struct {
	// Path of the post page, e.g. "/tin-tuc/chi-co-tieu-de-2.html".
	Path  string
	Title string
	// Published is the publication time (Asia/Ho_Chi_Minh).
	Published time.Time
	// Kind is the expected store.EmptyKind ("" for the full article).
	Kind string
	// Text is the expected Vietnamese wording (store.EmptyText), "" for the article.
	Text string
	body string
}

// Web is the running site.
type Web struct {
	srv *httptest.Server
	// Posts are the site's posts, newest first.
	Posts []Post
}

// URL is the site's root URL ("http://127.0.0.1:PORT", no trailing slash).
func (w *Web) URL() string { return w.srv.URL }

// Close stops the server.
func (w *Web) Close() { w.srv.Close() }

// Start serves the site; its posts are dated in the days before now.
func Start(now time.Time) *Web {
	loc := time.FixedZone("ICT", 7*3600)
	day := func(d int) time.Time {
		return now.In(loc).Truncate(time.Hour).Add(-time.Duration(d) * 24 * time.Hour)
	}
	article := "<p>Sáng nay, nhà trường tổ chức lễ khai mạc hội khỏe Phù Đổng cấp trường với sự tham gia của hơn 600 học sinh khối 10, 11 và 12. Các nội dung thi đấu gồm điền kinh, bóng đá, cầu lông và kéo co.</p><p>Hội khỏe là dịp để học sinh rèn luyện thể chất, giao lưu và chọn các vận động viên tiêu biểu tham dự hội khỏe cấp tỉnh.</p>"
	w := &Web{Posts: []Post{
		{Path: "/tin-tuc/khai-mac-hoi-khoe-phu-dong-1.html", Title: "Khai mạc hội khỏe Phù Đổng cấp trường", Published: day(1), body: article},
		{Path: "/tin-tuc/lich-kiem-tra-hoc-ky-i-2.html", Title: "Lịch kiểm tra học kỳ I năm học 2026-2027", Published: day(2),
			Kind: "title_only", Text: "chỉ có tiêu đề", body: "<p>&nbsp;</p>"},
		{Path: "/tin-tuc/ke-hoach-to-chuc-hoi-thi-3.html", Title: "Kế hoạch tổ chức hội thi giáo viên dạy giỏi", Published: day(3),
			Kind: "attachment_only", Text: "chỉ có tệp đính kèm: ke-hoach-hoi-thi-gvdg.pdf", body: "<p>&nbsp;</p>",
		},
		{Path: "/tin-tuc/thong-bao-nghi-le-4.html", Title: "Thông báo nghỉ lễ", Published: day(4),
			Kind: "short", Text: "nội dung ngắn (43 ký tự)", body: "<p>Học sinh được nghỉ học từ thứ Hai tuần sau.</p>"},
	}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(rw http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		b.WriteString(`<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Trường THPT Hòa Bình</title>
<link rel="alternate" type="application/rss+xml" title="Tin tức" href="/rss.xml"></head><body><h1>Trường THPT Hòa Bình</h1><ul class="news-list">`)
		for _, p := range w.Posts {
			fmt.Fprintf(&b, `<li><a href="%s">%s</a> <span class="date">%s</span></li>`, p.Path, html.EscapeString(p.Title), p.Published.Format("02/01/2006"))
		}
		b.WriteString(`</ul><footer>Chịu trách nhiệm: Hiệu trưởng. Địa chỉ: thôn 3. Điện thoại: 0261 3 500 500. Email: thpthoabinh@example.edu.vn</footer></body></html>`)
		writeHTML(rw, b.String())
	})
	mux.HandleFunc("GET /rss.xml", func(rw http.ResponseWriter, r *http.Request) {
		var b strings.Builder
		b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin tức</title><link>` + w.URL() + `/</link>`)
		for _, p := range w.Posts {
			fmt.Fprintf(&b, `<item><title>%s</title><link>%s%s</link><pubDate>%s</pubDate></item>`, html.EscapeString(p.Title), w.URL(), p.Path, p.Published.Format(time.RFC1123Z))
		}
		b.WriteString(`</channel></rss>`)
		rw.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		rw.Write([]byte(b.String()))
	})
	for _, p := range w.Posts {
		mux.HandleFunc("GET "+p.Path, func(rw http.ResponseWriter, r *http.Request) { writeHTML(rw, page(p)) })
	}
	w.srv = httptest.NewServer(mux)
	return w
}

// page is a post page in the manner of a NukeViet school site: the
// attachment panel sits after the body, as that CMS puts it.
func page(p Post) string {
	after := ""
	if p.Kind == "attachment_only" {
		after = `<div class="panel"><p><strong>Tệp đính kèm:</strong> <a href="/uploads/news/ke-hoach-hoi-thi-gvdg.pdf">ke-hoach-hoi-thi-gvdg.pdf</a></p></div>`
	}
	return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>` + html.EscapeString(p.Title) + ` - Trường THPT Hòa Bình</title>
<meta property="og:type" content="article"><meta property="article:published_time" content="` + p.Published.Format(time.RFC3339) + `"></head><body>
<div id="main"><div class="news_column"><h1 class="title">` + html.EscapeString(p.Title) + `</h1>
<span class="date">Ngày đăng: ` + p.Published.Format("02/01/2006 15:04") + `</span>
<div id="news-bodyhtml" class="bodytext">` + p.body + `</div>` + after + `</div></div></body></html>`
}

func writeHTML(rw http.ResponseWriter, s string) {
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.Write([]byte(s))
}
