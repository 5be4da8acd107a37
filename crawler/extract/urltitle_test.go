package extract

import (
	"net/url"
	"strings"
	"testing"
)

func TestSlugTitle(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, url, text string
		want            bool
	}{
		{"same words", "https://so.example/hoi-thi-tin-hoc-tre-nam-2018/", "Hội thi Tin học trẻ năm 2018", true},
		{"index file", "https://so.example/hoi-thi-tin-hoc-tre/index.html", "Hội thi tin học trẻ", true},
		{"address cut short", "https://so.example/tin/le-ra-quan-tong-ve-sinh-moi-truong.html", "Lễ ra quân tổng vệ sinh môi trường năm 2026 tại các trường học", true},
		{"trailing id", "https://so.example/tin-tuc/tap-huan-chuyen-doi-so-1234.html", "Tập huấn chuyển đổi số", true},
		{"a mangled word", "https://so.example/vv-xac-minh-giai-quyet-don-ua-ba-pham-thi-nhai/", "v/v xác minh, giải quyết đơn của bà Phạm thị Nhài", true},
		{"a paragraph that opens alike", "https://so.example/hoi-thi-tin-hoc-tre/", "Hội thi tin học trẻ năm nay thu hút hơn 300 học sinh của các trường trên địa bàn tỉnh tham gia tranh tài", false},
		{"another title", "https://so.example/hoi-thi-tin-hoc-tre-nam-2018/", "Hội nghị sơ kết học kỳ I", false},
		{"a section's address", "https://so.example/tin-tuc/", "Tin tức", false},
		{"a query address", "https://so.example/ChiTiet.aspx?ID=12", "Chi tiết", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, _ := url.Parse(tc.url)
			w := slugWords(u)
			got := w != nil && spells(tc.text, w)
			if got != tc.want {
				t.Errorf("slugWords(%s) = %v; spells(%q) = %v, want %v", tc.url, w, tc.text, got, tc.want)
			}
		})
	}
}

// TestSlugTitleSkipsOtherPages checks that the line spelling the address is
// not taken from a link, a list item or the site's template.
func TestSlugTitleSkipsOtherPages(t *testing.T) {
	t.Parallel()
	page := `<html><body><table><tr><td><ul><li><a href="/hoi-thi-tin-hoc-tre-nam-2018/">Hội thi Tin học trẻ năm 2018</a></li><li><a href="/b/">Tin khác về hội thi</a></li></ul></td>
<td><p>Ngày 21/4, Tỉnh đoàn phối hợp tổ chức Hội thi Tin học trẻ cho học sinh các trường, với nhiều phần thi hấp dẫn và bổ ích.</p></td></tr></table></body></html>`
	doc := parse(t, page)
	u, _ := url.Parse("https://so.example/hoi-thi-tin-hoc-tre-nam-2018/")
	if n := slugTitleNode(doc, nil, u, &owner{page: u}); n != nil {
		t.Errorf("title %q taken from a list of links", strings.TrimSpace(n.Text()))
	}
	withTitle := strings.Replace(page, "<td><p>Ngày", `<td><p class="Title">Hội thi Tin học trẻ năm 2018</p><p>Ngày`, 1)
	doc = parse(t, withTitle)
	n := slugTitleNode(doc, nil, u, &owner{page: u})
	if n == nil || !n.Is("p.Title") {
		t.Errorf("the page's own title line not found: %v", n)
	}
}
