package crawler

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"sitewatch/config"
)

const cleanHome = `<html><head><title>Trường THCS A</title></head><body><nav><a href="/gioi-thieu">Giới thiệu</a></nav>
<ul><li><a href="/tin-tuc/le-khai-giang-nam-hoc-moi-12.html">Lễ khai giảng năm học mới</a></li></ul>%s</body></html>`

const postPage = `<html><head><title>Lễ khai giảng</title></head><body><h1>Lễ khai giảng năm học mới</h1>
<div class="meta">Ngày đăng: 05/11/2026 08:00</div><div class="entry-content"><p>Sáng ngày 5/11 nhà trường long trọng tổ chức lễ khai giảng năm học mới với sự tham dự của đông đảo phụ huynh.</p>%s</div></body></html>`

// TestCompromisedAndMoved crawls a spam-injected site and a moved site.
func TestCompromisedAndMoved(t *testing.T) {
	t.Parallel()
	spam := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			fmt.Fprintf(w, cleanHome, `<div style="display:none"><a href="http://bet.example/">Nhà cái uy tín - cá cược bóng đá</a></div>`)
		case "/tin-tuc/le-khai-giang-nam-hoc-moi-12.html":
			fmt.Fprintf(w, postPage, `<p>Tham gia nổ hũ, tài xỉu đổi thưởng</p>`)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(spam.Close)
	newSite := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/":
			fmt.Fprintf(w, cleanHome, "")
		case "/tin-tuc/le-khai-giang-nam-hoc-moi-12.html":
			fmt.Fprintf(w, postPage, "")
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(newSite.Close)
	// The old address answers 301 to the new one (another port: another site).
	old := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, newSite.URL+r.URL.Path, http.StatusMovedPermanently)
	}))
	t.Cleanup(old.Close)
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	c := New(Options{AllowPrivateNetwork: true, Location: loc, Now: func() time.Time { return now }, Since: now.AddDate(0, 0, -60)})
	crawl := func(raw string) (*config.Unit, []string, map[string]string, int) {
		u, _ := url.Parse(raw + "/")
		res := c.Crawl(context.Background(), Target{Unit: &config.Unit{ID: "x", URL: u.String(), Parsed: u}})
		var flags []string
		for _, p := range res.Posts {
			for k := range p.Flags {
				flags = append(flags, k)
			}
		}
		return nil, flags, res.Crawl.Sections, len(res.Posts)
	}
	_, flags, sec, n := crawl(spam.URL)
	if !strings.Contains(sec["compromised"], "cờ bạc") || n != 1 || !strings.Contains(strings.Join(flags, ","), "spam") {
		t.Errorf("spam site: sections %q posts %d flags %v", sec["compromised"], n, flags)
	}
	_, _, sec, n = crawl(old.URL)
	if !strings.HasPrefix(sec["moved_to"], newSite.URL) || n != 1 || sec["compromised"] != "" {
		t.Errorf("moved site: moved_to %q compromised %q posts %d", sec["moved_to"], sec["compromised"], n)
	}
	_, _, sec, _ = crawl(newSite.URL)
	if sec["compromised"] != "" || sec["moved_to"] != "" {
		t.Errorf("clean site flagged: %v", sec)
	}
}
