package crawler_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"sitewatch/config"
	"sitewatch/crawler"
)

// handSite serves hand-written pages by path (404 otherwise) and counts
// the requests.
type handSite struct {
	pages    map[string]string
	requests atomic.Int64
}

func (h *handSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.requests.Add(1)
	body, ok := h.pages[r.URL.RequestURI()]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, body)
}

// crawlHand crawls a hand-written site with a window of 90 days before now.
func crawlHand(t *testing.T, h *handSite, now time.Time) map[string]time.Time {
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
