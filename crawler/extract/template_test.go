package extract

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// sitePage renders one page of a made-up school site: the same header,
// menu, "Tin mới" box and footer on every page, a related list that
// differs per post, and the post's own title, date, image and body.
func sitePage(i int, own string) string {
	var related strings.Builder
	for _, j := range []int{(i + 1) % 6, (i + 2) % 6, (i + 3) % 6} {
		fmt.Fprintf(&related, `<li><img src="/images/star.png"> <a href="/tin-tuc/bai-%d.html">Bài viết số %d về hoạt động của nhà trường</a> <span>(%02d/07/2024)</span></li>`, j, j, j+1)
	}
	return `<html><head><title>Trường THCS Hòa Bình</title></head><body>
<div class="header"><img src="/images/logo-truong.png" width="300"><div class="slogan">Trường THCS Hòa Bình — Dạy tốt, học tốt</div></div>
<div class="menu-top"><a href="/">Trang chủ</a> <a href="/gioi-thieu.html">Giới thiệu</a> <a href="/tin-tuc.html">Tin tức</a></div>
<div class="col-left">` + own + `<div class="tin-cung-muc"><h3>Tin cùng chuyên mục</h3><ul>` + related.String() + `</ul></div></div>
<div class="col-right"><div class="box-new"><h3>Tin mới</h3><div class="item"><a href="/tin-tuc/bai-99.html"><img src="/upload/anh-moi.jpg" width="200"></a><b>Lễ khai giảng năm học mới 2024 - 2025 tại trường</b> 29.07.2024</div></div>
<div class="banner-phai"><img src="/upload/banner-tuyen-sinh.jpg" width="250"></div></div>
<div class="chan-trang">Bản quyền © 2020 Trường THCS Hòa Bình. Địa chỉ: thôn 3, xã Hòa Bình.</div>
</body></html>`
}

// events name what each made-up post is about, so that posts differ in words.
var events = []string{"văn nghệ", "cầu lông", "vẽ tranh", "kể chuyện", "tin học", "bóng đá"}

func postBody(i int, date string) string {
	ev := events[i%len(events)]
	return fmt.Sprintf(`<div class="chi-tiet"><div class="tieu-de">Học sinh tham gia hội thi %s năm học</div><div class="ngay">%s</div>
<div class="noi-dung-bai"><p>Sáng nay nhà trường tổ chức hội thi %s cho học sinh các khối lớp với nhiều hoạt động bổ ích và lý thú.</p>
<p><img src="/upload/hoi-thi-%d.jpg" width="600"></p><p><em>Học sinh tham gia hội thi %s</em></p>
<p>Các em đã thể hiện tinh thần đoàn kết và sáng tạo trong suốt cuộc thi, được thầy cô đánh giá cao.</p></div></div>`, ev, date, ev, i, ev)
}

func parse(t *testing.T, s string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestTemplateSubtraction: a post page that shows no date of its own is
// not dated from the site's "Tin mới" box or related list once the
// template is learnt, nor counted the template's images; its own date,
// image and caption stay.
func TestTemplateSubtraction(t *testing.T) {
	t.Parallel()
	loc := vn(t)
	now := time.Date(2024, 11, 25, 10, 0, 0, 0, loc)
	tpl := NewTemplate()
	for i := range 5 {
		tpl.Learn(parse(t, sitePage(i, postBody(i, fmt.Sprintf("Ngày đăng: %02d/11/2024", i+1)))))
	}
	if tpl.Pages() != 5 || tpl.Blocks() == 0 {
		t.Fatalf("learnt %d pages, %d blocks", tpl.Pages(), tpl.Blocks())
	}
	undated := sitePage(5, postBody(5, ""))
	dated := sitePage(5, postBody(5, "Ngày đăng: 12/11/2024"))
	tests := []struct {
		name     string
		html     string
		tpl      *Template
		wantDate string
		images   int
		caption  int
	}{
		{"own date with template", dated, tpl, "2024-11-12", 1, 1},
		{"own date without template", dated, nil, "2024-11-12", 1, 1},
		{"no own date with template", undated, tpl, "", 1, 1},
		// A lone page: the related list and the "Tin mới" item are lists of other pages.
		{"no own date without template", undated, nil, "", 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := FromDocument(parse(t, tc.html), "http://thcs.example/tin-tuc/bai-5.html", Options{Location: loc, Now: now, Template: tc.tpl})
			got := ""
			if !p.Date.IsZero() {
				got = p.Date.Time.In(loc).Format(time.DateOnly)
			}
			if got != tc.wantDate {
				t.Errorf("date %q (%s %q), want %q", got, p.Date.Source, p.Date.Raw, tc.wantDate)
			}
			if p.Images != tc.images || p.CaptionedImages != tc.caption {
				t.Errorf("images %d captioned %d, want %d, %d", p.Images, p.CaptionedImages, tc.images, tc.caption)
			}
			if !p.IsPost {
				t.Errorf("not a post: %s %q", p.Type, p.Evidence)
			}
		})
	}
}

// TestTemplateRoundTrip: a stored template reads back with the same
// blocks; damaged data is refused and leaves the template unchanged.
func TestTemplateRoundTrip(t *testing.T) {
	t.Parallel()
	tpl := NewTemplate()
	for i := range 3 {
		tpl.Learn(parse(t, sitePage(i, postBody(i, ""))))
	}
	if tpl.Learn(parse(t, sitePage(0, postBody(0, "")))) {
		t.Error("the same page learnt twice")
	}
	b, err := tpl.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back Template
	if err := back.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if back.Blocks() != tpl.Blocks() || back.Pages() != tpl.Pages() {
		t.Errorf("read back %d blocks %d pages, want %d and %d", back.Blocks(), back.Pages(), tpl.Blocks(), tpl.Pages())
	}
	for _, bad := range [][]byte{nil, []byte("swtpl"), append([]byte("swtpl"), 9), b[:len(b)-3], append(append([]byte{}, b...), 1)} {
		if err := back.UnmarshalBinary(bad); !errors.Is(err, ErrTemplateFormat) {
			t.Errorf("UnmarshalBinary(%d bytes) = %v, want ErrTemplateFormat", len(bad), err)
		}
	}
	if back.Blocks() != tpl.Blocks() {
		t.Error("a failed UnmarshalBinary changed the template")
	}
	// Learning goes on after a round trip.
	back.Learn(parse(t, sitePage(4, postBody(4, ""))))
	if back.Pages() != 4 {
		t.Errorf("%d pages after one more, want 4", back.Pages())
	}
}

func FuzzTemplateUnmarshal(f *testing.F) {
	tpl := NewTemplate()
	for i := range 2 {
		tpl.Learn(goquery.NewDocumentFromNode(mustParse(sitePage(i, postBody(i, "")))))
	}
	b, _ := tpl.MarshalBinary()
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		var x Template
		if x.UnmarshalBinary(b) == nil {
			if _, err := x.MarshalBinary(); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func mustParse(s string) *html.Node {
	n, err := html.Parse(strings.NewReader(s))
	if err != nil {
		panic(err)
	}
	return n
}

// TestTemplateDayBanner: a portal shows the date of the day in its banner
// on every page ("Thứ năm, 09/05/2019", a short line under the template's
// letter minimum); once the site's pages are learnt it dates no post, while
// the date lines that several posts of one day share stay each post's own.
func TestTemplateDayBanner(t *testing.T) {
	t.Parallel()
	loc := vn(t)
	now := time.Date(2019, 5, 9, 10, 0, 0, 0, loc)
	banner := func(own string) string {
		return strings.Replace(sitePage(0, own), `<div class="menu-top">`, `<div class="time_search"><div class="time"><span class="date">Thứ năm, 09/05/2019</span></div></div><div class="menu-top">`, 1)
	}
	// Seven posts learnt, three of them of 06/05/2019.
	days := []string{"06/05/2019", "06/05/2019", "06/05/2019", "03/05/2019", "02/05/2019", "29/04/2019", "25/04/2019"}
	tpl := NewTemplate()
	for i, d := range days {
		tpl.Learn(parse(t, banner(postBody(i, "Ngày đăng: "+d))))
	}
	for _, tc := range []struct {
		name, html, want string
	}{
		{"post of a shared day", banner(postBody(0, "Ngày đăng: 06/05/2019")), "2019-05-06"},
		{"post with no date of its own", banner(postBody(7, "")), ""},
	} {
		p := FromDocument(parse(t, tc.html), "http://ldld.example/tin-tuc/bai.html", Options{Location: loc, Now: now, Template: tpl})
		got := ""
		if !p.Date.IsZero() {
			got = p.Date.Time.In(loc).Format(time.DateOnly)
		}
		if got != tc.want {
			t.Errorf("%s: date %q (%s %q), want %q", tc.name, got, p.Date.Source, p.Date.Raw, tc.want)
		}
	}
}
