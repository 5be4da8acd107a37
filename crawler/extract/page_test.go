package extract

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestExtractFixtures(t *testing.T) {
	t.Parallel()
	loc := vn(t)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	tests := []struct {
		file, url       string
		post            bool
		published       string
		images, caption int
	}{
		// Malformed og date skipped; itemprop datePublished; the featured image counts; emoji and sidebar thumbnails do not.
		{"nukeviet.html", "http://truong.example/news/tin-tuc/hoi-thao-hoc-sinh-41.html", true, "2026-10-31 23:50", 3, 1},
		// datePublished beats dateCreated; figcaption and centred <em> line are captions.
		{"joomla.html", "http://truong.example/index.php/tin-tuc/97-tri-an-thay-co", true, "2026-11-02 07:00", 3, 2},
		// "Ngày đăng" beats "Cập nhật lúc" and the event date in the lead; table captions.
		{"portal.html", "http://so.example/Pages/ChiTietTin.aspx?ItemID=4451&CatID=12", true, "2026-09-28 07:45", 3, 2},
		// JSON-LD Article in a graph; gallery figures; wp-caption; emoji, hidden duplicate and comment avatar excluded.
		{"wordpress.html", "http://wp.example/2026/10/12/ngoai-khoa/", true, "2026-10-12 09:00", 4, 2},
		{"static-page.html", "http://wp.example/gioi-thieu/", false, "", 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			b, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			p := FromHTML(b, tc.url, Options{Location: loc, Now: now})
			if p.IsPost != tc.post {
				t.Fatalf("IsPost = %v (%s), want %v", p.IsPost, p.NotPost, tc.post)
			}
			if !tc.post {
				return
			}
			if got := p.Date.Time.In(loc).Format("2006-01-02 15:04"); got != tc.published {
				t.Errorf("published = %s (from %s %q), want %s", got, p.Date.Source, p.Date.Raw, tc.published)
			}
			if p.Images != tc.images || p.CaptionedImages != tc.caption {
				t.Errorf("images %d captioned %d, want %d and %d", p.Images, p.CaptionedImages, tc.images, tc.caption)
			}
			if p.Title == "" {
				t.Error("no title")
			}
		})
	}
}

func FuzzExtract(f *testing.F) {
	for _, name := range []string{"nukeviet.html", "joomla.html", "portal.html", "wordpress.html"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("<html><body><h1>x</h1><time datetime='9999-99-99'>"))
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	f.Fuzz(func(t *testing.T, b []byte) {
		p := FromHTML(b, "http://fuzz.example/a/b-c-d-1.html", Options{Location: loc, Now: now})
		if p.CaptionedImages > p.Images {
			t.Fatalf("captioned %d > images %d", p.CaptionedImages, p.Images)
		}
		if p.IsPost && p.Date.Time.After(now.Add(48*time.Hour)) {
			t.Fatalf("future date %v accepted", p.Date.Time)
		}
	})
}
