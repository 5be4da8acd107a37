package extract

import (
	"testing"
)

func TestParagraph(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, html string
		want       bool
	}{
		{"a p", `<p>Một đoạn văn.</p>`, true},
		{"a div of inline text", `<div style="text-align:justify"><span><b>Học sinh</b> tham gia hội thi.</span></div>`, true},
		{"a div holding blocks", `<div><p>Đoạn một.</p><p>Đoạn hai.</p></div>`, false},
		{"a div of links", `<div><a href="/a">Tin tức</a> | <a href="/b">Liên hệ</a></div>`, false},
		{"an empty div", `<div>&nbsp;</div>`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := parse(t, `<html><body>`+tc.html+`</body></html>`)
			n := doc.Find("body").Children().First().Get(0)
			if got := paragraph(n); got != tc.want {
				t.Errorf("paragraph(%s) = %v, want %v", tc.html, got, tc.want)
			}
		})
	}
}

func TestAfter(t *testing.T) {
	t.Parallel()
	doc := parse(t, `<html><body><div id="head"><p id="clock">Thứ hai</p></div><div><div><p id="title">Tiêu đề</p></div><div id="lead">Mở đầu</div></div><div id="body">Nội dung</div></body></html>`)
	title := doc.Find("#title").Get(0)
	for id, want := range map[string]bool{"clock": false, "head": false, "lead": true, "body": true, "title": false} {
		if got := after(title, doc.Find("#"+id).Get(0)); got != want {
			t.Errorf("after(title, #%s) = %v, want %v", id, got, want)
		}
	}
}
