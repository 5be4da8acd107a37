package crawler_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"sitewatch/config"
	"sitewatch/crawler"
)

// handSite serves hand-written pages by request target (404 otherwise),
// "{origin}" replaced by the server's, and counts the requests.
type handSite struct {
	pages    map[string]string
	requests atomic.Int64
}

func (h *handSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.requests.Add(1)
	if os.Getenv("ZZREQ") != "" {
		fmt.Println("REQ", r.URL.RequestURI())
	}
	body, ok := h.pages[r.URL.RequestURI()]
	if !ok {
		http.NotFound(w, r)
		return
	}
	ct := "text/html; charset=utf-8"
	if strings.HasPrefix(body, "<?xml") {
		ct = "application/rss+xml; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	// A feed names its items by absolute URL.
	fmt.Fprint(w, strings.ReplaceAll(body, "{origin}", "http://"+r.Host))
}

// crawlHand crawls a hand-written site with a window of 90 days before now.
func crawlHand(t *testing.T, h *handSite, now time.Time) map[string]time.Time {
	t.Helper()
	return crawlHandler(t, h, now)
}

// crawlHandler crawls the site h serves with a window of 90 days before now.
func crawlHandler(t *testing.T, h http.Handler, now time.Time) map[string]time.Time {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	c := crawler.New(crawler.Options{AllowPrivateNetwork: true, Location: loc, Now: func() time.Time { return now },
		Since: now.AddDate(0, 0, -90), RequestTimeout: 10 * time.Second, CrawlTimeout: time.Minute, Delay: time.Millisecond})
	u, _ := url.Parse(srv.URL + "/")
	res := c.Crawl(context.Background(), crawler.Target{Unit: &config.Unit{ID: "hand", URL: u.String(), Parsed: u}})
	got := map[string]time.Time{}
	for _, p := range res.Posts {
		pu, err := url.Parse(p.URL)
		if err != nil {
			t.Fatal(err)
		}
		got[pu.Path] = p.Published
	}
	return got
}

const handHead = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>%s</title></head><body>
<ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li></ul>
<div class="main">`

const handFoot = `</div><div class="footer"><p>Trường THCS Hòa Bình - Địa chỉ: xã Hòa Bình</p></div></body></html>`

func handPost(title, date string) string {
	return fmt.Sprintf(handHead, title) + `<h1>` + title + `</h1><p class="date">Ngày đăng: ` + date + `</p>
<div class="content"><p>` + strings.Repeat("Nhà trường tổ chức hoạt động cho học sinh toàn trường theo kế hoạch năm học. ", 6) + `</p></div>` + handFoot
}

// TestFeaturedOldPostStopsNoList: a home page whose one featured post,
// dated beside its title, is older than the window, above an undated list
// of the window's posts: the featured card is no list whose rows leave the
// window, so the undated titles below it are read (they were all taken for
// older still).
func TestFeaturedOldPostStopsNoList(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	titles := []string{
		"Hội nghị cán bộ, viên chức và người lao động năm học mới",
		"Tổ chức khám sức khỏe học đường cho học sinh toàn trường",
		"Ngày hội đọc sách và văn hóa đọc của học sinh năm nay",
		"Thông báo về việc nghỉ học do ảnh hưởng của mưa bão",
		"Tuyên truyền phòng, chống tai nạn thương tích cho học sinh",
		"Câu lạc bộ Tiếng Anh ra mắt các thành viên mới của năm",
	}
	h := &handSite{pages: map[string]string{
		"/gioi-thieu":          fmt.Sprintf(handHead, "Giới thiệu") + `<h1>Giới thiệu</h1><p>` + strings.Repeat("Trường được thành lập năm 1990. ", 10) + `</p>` + handFoot,
		"/bai/le-truong-thanh": handPost("Tổ chức lễ trưởng thành cho học sinh khối 12", "16/04/2026"),
	}}
	home := fmt.Sprintf(handHead, "Trang chủ") + `<div class="featured"><a href="/bai/le-truong-thanh">Tổ chức lễ trưởng thành cho học sinh khối 12</a> <span>16/04/2026</span></div>
<h2>Tin tức</h2><ol class="list">`
	want := map[string]bool{}
	for i, title := range titles {
		p := fmt.Sprintf("/bai/tin-%d", i+1)
		h.pages[p] = handPost(title, fmt.Sprintf("%02d/11/2026", 20-2*i))
		home += `<li><a href="` + p + `">` + title + `</a></li>`
		want[p] = true
	}
	h.pages["/"] = home + `</ol>` + handFoot
	got := crawlHand(t, h, now)
	for p := range want {
		if _, ok := got[p]; !ok {
			t.Errorf("post %s of the undated list below the old featured post not found", p)
		}
	}
	if _, ok := got["/bai/le-truong-thanh"]; ok {
		t.Errorf("featured post of April found in a window from August")
	}
}

// TestUndatableListingIsNotPaged: a listing of undated rows whose posts
// show no date either is not read page after page: its pages show nothing
// of the window, and a post that nothing dates is not recorded.
func TestUndatableListingIsNotPaged(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	const pages, perPage = 12, 5
	h := &handSite{pages: map[string]string{
		"/gioi-thieu": fmt.Sprintf(handHead, "Giới thiệu") + `<h1>Giới thiệu</h1><p>` + strings.Repeat("Trường được thành lập năm 1990. ", 10) + `</p>` + handFoot,
	}}
	n := 0
	for pg := 1; pg <= pages; pg++ {
		path := "/tin-tuc"
		if pg > 1 {
			path = fmt.Sprintf("/tin-tuc?page=%d", pg)
		}
		body := fmt.Sprintf(handHead, "Tin tức") + `<h1>Tin tức</h1><ul class="list">`
		for range perPage {
			n++
			p := fmt.Sprintf("/bai/hoat-dong-so-%d", n)
			title := fmt.Sprintf("Hoạt động trải nghiệm của học sinh, bài số %d", n)
			h.pages[p] = fmt.Sprintf(handHead, title) + `<h1>` + title + `</h1><div class="content"><p>` +
				strings.Repeat("Nhà trường tổ chức hoạt động cho học sinh toàn trường theo kế hoạch năm học. ", 6) + `</p></div>` + handFoot
			body += `<li><a href="` + p + `">` + title + `</a></li>`
		}
		body += `</ul>`
		if pg < pages {
			body += fmt.Sprintf(`<div class="pager"><a href="/tin-tuc?page=%d">Trang sau</a></div>`, pg+1)
		}
		h.pages[path] = body + handFoot
	}
	h.pages["/"] = fmt.Sprintf(handHead, "Trang chủ") + `<p><a href="/tin-tuc">Tin tức nhà trường</a></p>` + handFoot
	crawlHand(t, h, now)
	// robots, home, sitemap, the section, the listing's first pages and a
	// few of their posts; not every page of it with every post.
	if got, all := h.requests.Load(), int64(pages*(perPage+1)); got > all/2 {
		t.Errorf("%d requests for a listing of %d undatable pages (%d documents)", got, pages, all)
	}
}

// feedSite is a hand-written site with a feed: the home page lists home
// (paths of posts), the menu links a category /thong-bao that lists cat,
// the feed /rss lists feed; every post is dated on its page by day.
func feedSite(now time.Time, posts map[string]time.Time, home, cat, feed []string) *handSite {
	title := func(p string) string {
		return "Bài viết " + strings.ReplaceAll(strings.TrimPrefix(p, "/bai/"), "-", " ") + " của nhà trường năm học"
	}
	head := `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>%s</title>
<link rel="alternate" type="application/rss+xml" title="Tin tức" href="/rss"></head><body>
<ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/thong-bao">Thông báo</a></li></ul><div class="main">`
	list := func(name string, ps []string) string {
		b := fmt.Sprintf(head, name) + `<h1>` + name + `</h1><ul class="list">`
		for _, p := range ps {
			b += `<li><a href="` + p + `">` + title(p) + `</a></li>`
		}
		return b + `</ul>` + handFoot
	}
	h := &handSite{pages: map[string]string{"/": list("Tin mới", home), "/thong-bao": list("Thông báo", cat)}}
	for p, d := range posts {
		h.pages[p] = fmt.Sprintf(head, title(p)) + `<h1>` + title(p) + `</h1><p class="date">Ngày đăng: ` + d.Format("02/01/2006") + `</p>
<div class="content"><p>` + strings.Repeat("Nhà trường tổ chức hoạt động cho học sinh toàn trường theo kế hoạch năm học. ", 6) + `</p></div>` + handFoot
	}
	rss := `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Tin tức</title><link>/</link><description>Tin tức</description>`
	for _, p := range feed {
		rss += `<item><title>` + title(p) + `</title><link>{origin}` + p + `</link><pubDate>` + posts[p].Format(time.RFC1123Z) + `</pubDate></item>`
	}
	h.pages["/rss"] = rss + `</channel></rss>`
	return h
}

// TestFeedCoversWindow: a feed reaching back past the window's start whose
// items are the posts the home page lists stands for the site's listings:
// the category is not walked. A feed that leaves out a post of the window
// the home page lists is no such list: the category is walked, and the
// post only it lists is found.
func TestFeedCoversWindow(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	day := func(n int) time.Time { return now.AddDate(0, 0, -n) }
	posts := map[string]time.Time{
		"/bai/hoi-nghi": day(3), "/bai/kham-suc-khoe": day(10), "/bai/ngay-hoi-doc-sach": day(30), "/bai/le-khai-giang": day(80),
		"/bai/le-tong-ket": day(200), "/bai/thong-bao-nghi-hoc": day(20), "/bai/thong-bao-hoc-phi": day(40),
	}
	t.Run("complete", func(t *testing.T) {
		t.Parallel()
		feed := []string{"/bai/hoi-nghi", "/bai/kham-suc-khoe", "/bai/ngay-hoi-doc-sach", "/bai/le-khai-giang", "/bai/le-tong-ket"}
		h := feedSite(now, posts, feed[:4], []string{"/bai/kham-suc-khoe", "/bai/le-tong-ket"}, feed)
		var cat atomic.Int64
		h2 := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/thong-bao" {
				cat.Add(1)
			}
			h.ServeHTTP(w, r)
		})
		got := crawlHandler(t, h2, now)
		for _, p := range feed[:4] {
			if _, ok := got[p]; !ok {
				t.Errorf("post %s of the feed not found", p)
			}
		}
		if cat.Load() != 0 {
			t.Errorf("the category was read though the feed covers the window and agrees with the home page")
		}
	})
	t.Run("partial", func(t *testing.T) {
		t.Parallel()
		feed := []string{"/bai/hoi-nghi", "/bai/kham-suc-khoe", "/bai/ngay-hoi-doc-sach", "/bai/le-tong-ket"}
		home := []string{"/bai/hoi-nghi", "/bai/kham-suc-khoe", "/bai/thong-bao-nghi-hoc", "/bai/ngay-hoi-doc-sach"}
		h := feedSite(now, posts, home, []string{"/bai/thong-bao-nghi-hoc", "/bai/thong-bao-hoc-phi"}, feed)
		got := crawlHand(t, h, now)
		for _, p := range []string{"/bai/hoi-nghi", "/bai/thong-bao-nghi-hoc", "/bai/thong-bao-hoc-phi"} {
			if _, ok := got[p]; !ok {
				t.Errorf("post %s not found: a feed that leaves out a post the home page lists replaced the walk", p)
			}
		}
	})
}

// TestMoreListWaitsForNextPage: undated titles below a dated main list still
// in the window (a "more" list of the next page's rows) are not fetched
// from the first page: the next page dates them, and those it shows older
// than the window are never fetched. A title of the "more" list that no
// page dates is fetched at the end of the walk.
func TestMoreListWaitsForNextPage(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	post := func(n int) string { return fmt.Sprintf("/tin-tuc/bai-so-%d", n) }
	title := func(n int) string {
		return fmt.Sprintf("Hoạt động của nhà trường trong tuần, bài số %d", n)
	}
	// Posts 1-6 are in the window (days 5..55), 7-10 older (days 120..150);
	// 11 is in the window but listed by no dated row.
	days := map[int]int{1: 5, 2: 15, 3: 25, 4: 35, 5: 45, 6: 55, 7: 120, 8: 130, 9: 140, 10: 150, 11: 60}
	h := &handSite{pages: map[string]string{}}
	for n, d := range days {
		h.pages[post(n)] = handPost(title(n), now.AddDate(0, 0, -d).Format("02/01/2006"))
	}
	row := func(n int) string {
		return `<li><a href="` + post(n) + `">` + title(n) + `</a> <span class="date">` + now.AddDate(0, 0, -days[n]).Format("02/01/2006") + `</span></li>`
	}
	more := func(ns ...int) string {
		b := `<div class="more"><h3>Tin khác</h3><ul>`
		for _, n := range ns {
			b += `<li><a href="` + post(n) + `">` + title(n) + `</a></li>`
		}
		return b + `</ul></div>`
	}
	h.pages["/tin-tuc"] = fmt.Sprintf(handHead, "Tin tức") + `<h1>Tin tức</h1><ul class="list">` + row(1) + row(2) + row(3) + row(4) + `</ul>` +
		more(5, 6, 7, 11) + `<div class="pager"><a href="/tin-tuc?page=2">2</a></div>` + handFoot
	h.pages["/tin-tuc?page=2"] = fmt.Sprintf(handHead, "Tin tức") + `<h1>Tin tức</h1><ul class="list">` + row(5) + row(6) + row(7) + row(8) + `</ul>` +
		more(9, 10) + `<div class="pager"><a href="/tin-tuc">1</a></div>` + handFoot
	h.pages["/"] = fmt.Sprintf(handHead, "Trang chủ") + `<p><a href="/tin-tuc">Tin tức nhà trường</a></p>` + handFoot
	var old atomic.Int64
	got := crawlHandler(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for n := 7; n <= 10; n++ {
			if r.URL.Path == post(n) {
				old.Add(1)
			}
		}
		h.ServeHTTP(w, r)
	}), now)
	for n, d := range days {
		if _, ok := got[post(n)]; d <= 90 && !ok {
			t.Errorf("post %d of the window (%d days old) not found", n, d)
		}
	}
	if old.Load() != 0 {
		t.Errorf("%d posts older than the window fetched, though their rows on page 2 date them", old.Load())
	}
}

// TestCategoriesSpelledLikePosts: a site spells its categories and some
// of its posts alike (/chuyen-muc/tin-tuc-nha-truong,
// /tin-a/le-khai-giang-nam-hoc-moi), and its posts show no date of their
// own: the dated rows of the lists are read as posts, dated by their rows.
//   - "news on home": the home page lists the categories beside its news,
//     so the box of categories was deferred as a "more" list; fetched at
//     the end, the categories were never walked.
//   - "categories first": the home page lists only the categories, whose
//     pages are the template's first samples (listings, of posts spelled
//     with numbers), so a dated row spelled like them was queued as a
//     section and never counted.
func TestCategoriesSpelledLikePosts(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name         string
		newsOnHome   bool
		numberedFrom int // slugs from this index on end in a number
	}{
		{"news on home", true, 4},
		{"categories first", false, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h, want := categorySite(tc.newsOnHome, tc.numberedFrom)
			got := crawlHand(t, h, time.Date(2026, 11, 25, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600)))
			for p, d := range want {
				g, ok := got[p]
				switch {
				case !ok:
					t.Errorf("post %s, listed with its date, not found", p)
				case !g.Equal(d):
					t.Errorf("post %s dated %v, want its row's %v", p, g, d)
				}
			}
			if len(got) != len(want) {
				t.Errorf("found %d posts, want %d: %v", len(got), len(want), got)
			}
		})
	}
}

// categorySite builds the site of TestCategoriesSpelledLikePosts: three
// categories of four posts each, dated only by the rows that list them.
func categorySite(newsOnHome bool, numberedFrom int) (*handSite, map[string]time.Time) {
	ict := time.FixedZone("ICT", 7*3600)
	cats := []struct{ path, name, dir string }{
		{"/chuyen-muc/tin-tuc-nha-truong", "Tin tức nhà trường", "/tin-tuc"},
		{"/chuyen-muc/thong-bao-chung", "Thông báo của nhà trường", "/thong-bao"},
		{"/chuyen-muc/hoat-dong-chuyen-mon", "Hoạt động chuyên môn", "/chuyen-mon"},
	}
	slugs := []string{"le-khai-giang-nam-hoc-moi", "hoi-thao-doi-moi-phuong-phap", "ngay-hoi-doc-sach-cua-hoc-sinh", "kham-suc-khoe-hoc-duong"}
	head := func(title string) string {
		return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>` + title + `</title></head><body>
<ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li></ul><div class="main">`
	}
	home := head("Trang chủ") + `<div class="box"><h2>Chuyên mục</h2><ul class="cats">`
	for _, c := range cats {
		home += `<li><a href="` + c.path + `">` + c.name + `</a></li>`
	}
	home += `</ul></div><div class="news"><h2>Tin mới nhất</h2><ul class="list-news">`
	h := &handSite{pages: map[string]string{
		"/gioi-thieu": head("Giới thiệu") + `<h1>Giới thiệu</h1><p>` + strings.Repeat("Trường được thành lập năm 1990. ", 10) + `</p>` + handFoot,
	}}
	want := map[string]time.Time{}
	for ci, c := range cats {
		body := head(c.name) + `<h1>` + c.name + `</h1><ul class="list-news">`
		for si, slug := range slugs {
			p := c.dir + "/" + slug
			if si >= numberedFrom {
				p += fmt.Sprintf("-%d", 100+10*ci+si)
			}
			title := fmt.Sprintf("%s: %s", c.name, strings.ReplaceAll(slug, "-", " "))
			h.pages[p] = head(title) + `<h1>` + title + `</h1><div class="content"><p>` +
				strings.Repeat(fmt.Sprintf("Bài %d.%d: nhà trường tổ chức hoạt động cho học sinh theo kế hoạch năm học. ", ci, si), 6) + `</p></div>` + handFoot
			d := time.Date(2026, 11, 20-ci-3*si, 8, 30, 0, 0, ict)
			want[p] = d
			row := `<li><a href="` + p + `">` + title + `</a> <span class="date">` + d.Format("02/01/2006 - 15:04") + `</span></li>`
			body += row
			if newsOnHome && si < 2 {
				home += row
			}
		}
		h.pages[c.path] = body + `</ul>` + handFoot
	}
	h.pages["/"] = home + `</ul></div>` + handFoot
	return h, want
}

// TestBaseHref: relative links resolve against the page's <base href>,
// not its own URL.
func TestBaseHref(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	h := &handSite{pages: map[string]string{}}
	home := `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><base href="/truong/"><title>Trang chủ</title></head><body><ul class="list">`
	want := map[string]bool{}
	for i, title := range []string{"Lễ khai giảng năm học mới của nhà trường", "Hội thi giáo viên dạy giỏi cấp trường", "Ngày hội đọc sách của học sinh toàn trường"} {
		h.pages[fmt.Sprintf("/truong/tin/bai-%d", i+1)] = handPost(title, fmt.Sprintf("%02d/11/2026", 20-i))
		home += fmt.Sprintf(`<li><a href="tin/bai-%d">%s</a></li>`, i+1, title)
		want[fmt.Sprintf("/truong/tin/bai-%d", i+1)] = true
	}
	h.pages["/"] = home + `</ul>` + handFoot
	got := crawlHand(t, h, now)
	for p := range want {
		if _, ok := got[p]; !ok {
			t.Errorf("post %s, linked relative to <base href>, not found (found %v)", p, got)
		}
	}
}
