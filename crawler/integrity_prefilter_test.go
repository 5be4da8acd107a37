package crawler

import (
	"reflect"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"sitewatch/vntext"
)

// slowCompromiseEvidence is compromiseEvidence without the literal
// prefilters: every link folded and matched on its own, every regexp run.
func slowCompromiseEvidence(doc *goquery.Document) []string {
	var out []string
	seen := map[string]bool{}
	add := func(kind, text string) {
		text = strings.Join(strings.Fields(text), " ")
		if len([]rune(text)) > 160 {
			text = string([]rune(text)[:160]) + "…"
		}
		k := kind + text
		if !seen[k] && len(out) < 5 {
			seen[k] = true
			out = append(out, kind+": "+text)
		}
	}
	doc.Find("a").Each(func(_ int, a *goquery.Selection) {
		t := vntext.Fold(a.Text() + " " + a.AttrOr("href", "") + " " + a.AttrOr("title", ""))
		if reSpam.MatchString(t) {
			add("liên kết cờ bạc", a.Text()+" → "+a.AttrOr("href", ""))
		}
	})
	body := doc.Find("body")
	body.Find("script, style, noscript").Remove()
	text := vntext.Fold(body.Text())
	if m := reSpam.FindStringIndex(text); m != nil && len(out) == 0 {
		add("nội dung cờ bạc", text[max(0, m[0]-60):min(len(text), m[1]+60)])
	}
	if m := reDeface.FindStringIndex(text); m != nil {
		add("bị thay giao diện", text[max(0, m[0]-40):min(len(text), m[1]+60)])
	}
	title := vntext.Fold(doc.Find("title").Text())
	if m := reParked.FindStringIndex(text + " " + title); m != nil {
		add("tên miền bị bỏ/rao bán", (text + " " + title)[max(0, m[0]-40):min(len(text)+len(title)+1, m[1]+40)])
	}
	return out
}

func TestCompromiseEvidenceSameAsWithoutPrefilter(t *testing.T) {
	t.Parallel()
	pages := []struct {
		name, html string
		found      bool
	}{
		{"clean", `<html><head><title>Trường THPT Chu Văn An</title></head><body><a href="/gioi-thieu">Giới thiệu</a><a href="/tin-tuc/ban-can-su-lop">Ban cán sự lớp họp</a><p>Cả trường tham gia hội thi.</p></body></html>`, false},
		{"spam link", `<html><body><a href="/">Trang chủ</a><a href="https://x.example/nha-cai" title="Nhà Cái uy tín">Nhà cái uy tín</a><a href="https://y.example/">Kèo bóng đá</a></body></html>`, true},
		{"spam in href only", `<html><body><a href="https://go88.example/">Xem thêm</a></body></html>`, true},
		{"hidden spam text", `<html><body><p>Tin tức</p><div style="display:none">Tài xỉu online, nổ hũ đổi thưởng</div></body></html>`, true},
		{"spam split over two links", `<html><body><a href="/a">Bàn</a><a href="/b">cá</a></body></html>`, false},
		{"spam in a link's title only", `<html><body><p>Tin tức</p><a href="/x" title="Tài xỉu đổi thưởng">Xem thêm</a></body></html>`, true},
		{"spam only in scripts and styles", `<html><head><script>var ad = "nhà cái casino";</script></head><body><script>document.write("tài xỉu")</script><style>.no-hu{}</style><p>Lễ khai giảng</p></body></html>`, false},
		{"defaced", `<html><body><h1>Hacked by Someone</h1></body></html>`, true},
		{"parked", `<html><head><title>Domain for sale</title></head><body><p>Buy this domain today</p></body></html>`, true},
		{"parked vi", `<html><body><p>Tên miền này đang được rao bán</p></body></html>`, true},
	}
	for _, pg := range pages {
		t.Run(pg.name, func(t *testing.T) {
			t.Parallel()
			d1, err := goquery.NewDocumentFromReader(strings.NewReader(pg.html))
			if err != nil {
				t.Fatal(err)
			}
			d2, err := goquery.NewDocumentFromReader(strings.NewReader(pg.html))
			if err != nil {
				t.Fatal(err)
			}
			got, want := compromiseEvidence(d1), slowCompromiseEvidence(d2)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("compromiseEvidence = %q, without prefilter %q", got, want)
			}
			if (len(got) > 0) != pg.found {
				t.Fatalf("compromiseEvidence = %q, want evidence: %v", got, pg.found)
			}
		})
	}
}
