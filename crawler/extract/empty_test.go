package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"sitewatch/store"
)

// emptyPage is a post page of a NukeViet-like school site: a dated title,
// the body (#news-bodyhtml), after it what the CMS adds to the article, and
// a sidebar with documents of its own.
func emptyPage(body, after string) string {
	return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Thông báo lịch kiểm tra học kỳ I - Trường THPT A</title>
<meta property="og:type" content="article"></head><body>
<div id="main"><div class="news_column"><h1 class="title">Thông báo lịch kiểm tra học kỳ I</h1>
<span class="date">Ngày đăng: 20/11/2026 08:15</span>
<div id="news-bodyhtml" class="bodytext">` + body + `</div>` + after + `</div>
<aside class="sidebar"><h3>Văn bản mới</h3><ul><li><a href="/uploads/laws/ke-hoach-nam-hoc.pdf">Kế hoạch năm học</a></li><li><a href="/uploads/laws/quy-che.docx">Quy chế chi tiêu nội bộ</a></li></ul></aside>
</div></body></html>`
}

func TestEmptyKinds(t *testing.T) {
	t.Parallel()
	loc := vn(t)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	long := "<p>Căn cứ kế hoạch năm học, nhà trường thông báo lịch kiểm tra học kỳ I đến toàn thể học sinh và cha mẹ học sinh. Học sinh có mặt trước giờ thi 15 phút, mang theo thẻ học sinh và dụng cụ học tập cần thiết.</p>"
	tests := []struct {
		name, body, after string
		want              *Empty
		text              string // store.EmptyText of the flag
	}{
		{name: "title only", body: "<p>&nbsp;</p>", want: &Empty{Kind: store.EmptyTitleOnly}, text: "chỉ có tiêu đề"},
		{name: "title repeated", body: "<p><strong>Thông báo lịch kiểm tra học kỳ I</strong></p>", want: &Empty{Kind: store.EmptyTitleOnly, Chars: 32}, text: "chỉ có tiêu đề"},
		{name: "attachment under Tệp đính kèm", body: "<p>&nbsp;</p>",
			after: `<div class="panel"><p><strong>Tệp đính kèm:</strong> <a href="/uploads/news/2026_11/lich-kiem-tra-hk1.pdf">lich-kiem-tra-hk1.pdf</a></p></div>`,
			want:  &Empty{Kind: store.EmptyAttachmentOnly, Attachments: []string{"lich-kiem-tra-hk1.pdf"}}, text: "chỉ có tệp đính kèm: lich-kiem-tra-hk1.pdf"},
		{name: "attachments in the body, one line of text", body: `<p>Kính gửi quý phụ huynh lịch kiểm tra (đính kèm).</p><p><a href="/files/Lich%20kiem%20tra.pdf">Tải về</a> <a href="/files/so-do-phong-thi.xlsx">Sơ đồ phòng thi</a></p>`,
			want: &Empty{Kind: store.EmptyAttachmentOnly, Chars: 70, Attachments: []string{"Lich kiem tra.pdf", "so-do-phong-thi.xlsx"}}, text: "chỉ có tệp đính kèm: Lich kiem tra.pdf, so-do-phong-thi.xlsx"},
		{name: "embedded viewer", body: `<iframe src="https://docs.google.com/viewer?url=http://truong.example/uploads/tkb-hk1.pdf&embedded=true"></iframe>`,
			want: &Empty{Kind: store.EmptyAttachmentOnly, Attachments: []string{"tkb-hk1.pdf"}}, text: "chỉ có tệp đính kèm: tkb-hk1.pdf"},
		{name: "short", body: "<p>Lịch kiểm tra học kỳ I năm học 2026-2027.</p>", want: &Empty{Kind: store.EmptyShort, Chars: 41}, text: "nội dung ngắn (41 ký tự)"},
		{name: "photos without text are short, not title only", body: `<p><img src="/uploads/news/2026_11/anh-1.jpg" width="800" height="600"></p>`, want: &Empty{Kind: store.EmptyShort}, text: "nội dung ngắn (0 ký tự)"},
		{name: "an article", body: long},
		{name: "an article with an attachment", body: long, after: `<p>Tệp đính kèm: <a href="/uploads/a.pdf">a.pdf</a></p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := FromHTML([]byte(emptyPage(tt.body, tt.after)), "http://truong.example/news/thong-bao/lich-kiem-tra-12.html", Options{Location: loc, Now: now})
			if !p.IsPost {
				t.Fatalf("not a post: %s", p.NotPost)
			}
			if fmt.Sprint(p.Empty) != fmt.Sprint(tt.want) {
				t.Fatalf("Empty = %+v, want %+v (body %d chars)", p.Empty, tt.want, p.BodyChars)
			}
			if tt.want == nil {
				return
			}
			v := p.Empty.Value()
			if got := store.EmptyText(v); got != tt.text {
				t.Errorf("EmptyText(%q) = %q, want %q", v, got, tt.text)
			}
			if back := store.ParseEmpty(v); back.Kind != tt.want.Kind || fmt.Sprint(back.Attachments) != fmt.Sprint(tt.want.Attachments) {
				t.Errorf("ParseEmpty(%q) = %+v", v, back)
			}
		})
	}
}

// TestFixturesNotEmpty: the full posts of testdata are not flagged empty.
func TestFixturesNotEmpty(t *testing.T) {
	t.Parallel()
	loc := vn(t)
	for _, f := range []string{"nukeviet.html", "joomla.html", "portal.html", "wordpress.html"} {
		b, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		if p := FromHTML(b, "http://truong.example/a-1.html", Options{Location: loc, Now: time.Date(2026, 11, 25, 10, 0, 0, 0, loc)}); p.Empty != nil {
			t.Errorf("%s: flagged empty %+v (%d chars)", f, p.Empty, p.BodyChars)
		}
	}
}
