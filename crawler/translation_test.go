package crawler_test

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestTranslationCountsOnce: a bilingual site whose template declares
// lang="vi" on every page, English ones too, lists its posts and, under
// /en/, their English versions, which name their original by hreflang. A
// translation is not a post of its own: each post is counted once, under
// its Vietnamese URL. A Vietnamese page naming itself, or the home page,
// as the Vietnamese version stays a post.
func TestTranslationCountsOnce(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	type post struct {
		vi, en, title, enTitle string
		days                   int
		viVersion              string // the hreflang="vi" the Vietnamese page declares ("" none, "self", "home")
	}
	posts := []post{
		{"/tin/hoi-nghi-cong-chuc", "/en/civil-servants-conference", "Hội nghị cán bộ, công chức, viên chức năm học mới", "Conference of the school's staff for the new school year", 3, ""},
		{"/tin/kham-suc-khoe-hoc-sinh", "/en/health-check", "Khám sức khỏe định kỳ cho học sinh toàn trường", "Regular health check for all pupils of the school", 12, "self"},
		{"/tin/ngay-hoi-doc-sach", "/en/reading-festival", "Ngày hội đọc sách và văn hóa đọc của nhà trường", "Reading festival and reading culture at the school", 20, "home"},
		{"/tin/giao-luu-van-hoa", "/en/cultural-exchange", "Giao lưu văn hóa giữa học sinh các dân tộc trong trường", "Cultural exchange between pupils of the school's peoples", 30, ""},
	}
	body := strings.Repeat("Nhà trường tổ chức hoạt động cho học sinh toàn trường theo kế hoạch năm học. ", 6)
	enBody := strings.Repeat("The school held the event reported in Vietnamese in the original article. ", 6)
	head := func(title, links string) string {
		return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>` + title + `</title>` + links + `</head><body>
<ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li></ul><div class="main">`
	}
	foot := `</div><div class="footer"><p>Trường THCS Hòa Bình - Địa chỉ: xã Hòa Bình</p><p><a href="/en/" hreflang="en">English</a></p></div></body></html>`
	alt := func(lang, href string) string {
		return `<link rel="alternate" hreflang="` + lang + `" href="{origin}` + href + `">`
	}
	h := &handSite{pages: map[string]string{}}
	home, en := `<h1>Tin tức</h1><ul class="list">`, `<h1>News in English</h1><ul class="list">`
	for _, p := range posts {
		day := now.AddDate(0, 0, -p.days).Format("02/01/2006")
		links := alt("en", p.en)
		switch p.viVersion {
		case "self":
			links += alt("vi", p.vi)
		case "home":
			links += alt("vi", "/")
		}
		h.pages[p.vi] = head(p.title, links) + `<h1>` + p.title + `</h1><p class="date">Ngày đăng: ` + day + `</p><div class="content"><p>` + body + `</p></div>` + foot
		h.pages[p.en] = head(p.enTitle, alt("vi", p.vi)) + `<h1>` + p.enTitle + `</h1><p class="date">` + day + `</p><div class="content"><p>` + enBody + `</p></div>` + foot
		home += `<li><a href="` + p.vi + `">` + p.title + `</a> <span class="date">` + day + `</span></li>`
		en += `<li><a href="` + p.en + `">` + p.enTitle + `</a></li>`
	}
	h.pages["/"] = head("Trang chủ", "") + home + `</ul>` + foot
	h.pages["/en/"] = head("English", "") + en + `</ul>` + foot
	h.pages["/gioi-thieu"] = head("Giới thiệu", "") + `<h1>Giới thiệu</h1><p>Trường THCS Hòa Bình được thành lập năm 1990.</p>` + foot
	got := crawlHand(t, h, now)
	for _, p := range posts {
		if _, ok := got[p.vi]; !ok {
			t.Errorf("post %s not found", p.vi)
		}
		if _, ok := got[p.en]; ok {
			t.Errorf("translation %s counted as a post of its own", p.en)
		}
	}
	if len(got) != len(posts) {
		t.Errorf("%d posts, want %d: %v", len(got), len(posts), fmt.Sprint(got))
	}
}
