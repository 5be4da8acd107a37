package extract

import (
	"testing"
	"time"
)

// TestGuessDate: the wider search dates a page the other sources left
// undated, from its script data or a date line of its own in the
// article's container, and never from another page's link, a copyright
// line, a modification key or a sentence of the body.
func TestGuessDate(t *testing.T) {
	t.Parallel()
	loc := vn(t)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	body := `<div class="noi-dung"><p>Nội dung bài viết đủ dài để là một bài đăng của trường, với nhiều câu văn.</p><p>Đoạn thứ hai của bài viết.</p></div>`
	page := func(head, article, aside string) string {
		return `<html><head><meta property="og:type" content="article"><title>Bài viết</title>` + head + `</head><body>` +
			`<div class="wrap"><div class="main"><h1>Hội thao cầu lông chào mừng ngày Nhà giáo</h1>` + article + body + `</div>` +
			`<div class="cot-phai">` + aside + `</div></div></body></html>`
	}
	related := `<ul><li><a href="/tin-tuc/le-ky-niem-30-nam-thanh-lap-truong.html">Lễ kỷ niệm 30 năm thành lập trường 12.10.26</a></li>` +
		`<li><a href="/tin-tuc/hoi-nghi-can-bo-vien-chuc-nam-hoc-moi.html">Hội nghị cán bộ viên chức năm học mới 10.10.26</a></li></ul>`
	tests := []struct {
		name, html, want, source string
		skip                     bool
	}{
		{"short-year byline", page("", `<div class="tac-gia">Björn Jahner | 31.10.26</div>`, ""), "2026-10-31", "text of <div>", false},
		{"script data", page(`<script>window.dataLayer=[{"pageType":"article","publishedFirst":"30.07.2026 09:35"}]</script>`, "", ""), "2026-07-30", "script publishedFirst", false},
		{"object in a data attribute", page("", `<div data-digital-data='{"article":{"author":"A","date_published":"2026-07-30T09:35:00+07:00"}}'></div>`, ""), "2026-07-30", "script date_published", false},
		{"modification key only", page(`<script>var p={"dateModified":"2026-07-30"};</script>`, "", ""), "", "", false},
		{"another page's link", page("", related, ""), "", "", false},
		{"a sentence", page("", `<p>Học sinh nộp hồ sơ nhập học trước ngày 28.2.26 tại văn phòng nhà trường.</p>`, ""), "", "", false},
		{"copyright line", page("", `<div class="chu-ky">© 19.12.2019 Trường THCS</div>`, ""), "", "", false},
		{"skipped", page("", `<div class="tac-gia">Björn Jahner | 31.10.26</div>`, ""), "", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := FromHTML([]byte(tc.html), "http://truong.example/tin-tuc/bai-viet-12.html", Options{Location: loc, Now: now, SkipFallback: tc.skip})
			got := ""
			if !p.Date.IsZero() {
				got = p.Date.Time.In(loc).Format(time.DateOnly)
			}
			if got != tc.want || (tc.source != "" && p.Date.Source != tc.source) {
				t.Errorf("date %q from %q (%q), want %q from %q", got, p.Date.Source, p.Date.Raw, tc.want, tc.source)
			}
		})
	}
}
