package faultweb

import (
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

func TestToWindows1258RoundTrip(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		"Hội nghị cán bộ, công chức, viên chức năm học mới",
		"ĐOÀN THANH NIÊN CỘNG SẢN HỒ CHÍ MINH – Tuyên truyền",
		"Trường Tiểu học Quang Trung, xã Đắk Mil; ngày 20/11",
	} {
		b := ToWindows1258(s)
		if strings.Contains(string(b), "?") {
			t.Errorf("%q: a character was lost: %q", s, b)
		}
		back, err := charmap.Windows1258.NewDecoder().Bytes(b)
		if err != nil {
			t.Fatal(err)
		}
		if got := norm.NFC.String(string(back)); got != s {
			t.Errorf("round trip %q → %q", s, got)
		}
	}
}

// get fetches a path of a handler served on loopback.
func get(t *testing.T, h http.Handler, path string) (int, http.Header, string) {
	t.Helper()
	s := Serve(h)
	t.Cleanup(s.Close)
	res, err := http.Get(s.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, res.Header, string(b)
}

func TestSite(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	site := NewSite("Trường THCS Hòa Bình", now, 3)
	code, _, home := get(t, site, "/")
	if code != 200 || strings.Count(home, `href="/tin-tuc/`) != 3 {
		t.Fatalf("home %d:\n%s", code, home)
	}
	code, _, post := get(t, site, site.Posts[2].Path())
	if code != 200 || !strings.Contains(post, site.Posts[2].Title) || strings.Count(post, "<figcaption>") != site.Posts[2].Captioned {
		t.Errorf("post %d:\n%s", code, post)
	}
	if code, _, _ := get(t, site, "/tin-tuc/khong-co-1.html"); code != 404 {
		t.Errorf("unknown post: %d", code)
	}
	mis := NewSite("Trường THCS Nguyễn Trãi", now, 1)
	mis.Encoding, mis.Declared = Windows1258, UTF8
	_, h, body := get(t, mis, "/")
	if !strings.Contains(h.Get("Content-Type"), "utf-8") || strings.Contains(body, "Nguyễn") {
		t.Errorf("a mislabelled page must carry windows-1258 bytes under a utf-8 label: %s %q", h.Get("Content-Type"), body)
	}
}

func TestFaultHandlers(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	if code, h, _ := get(t, Status(503, http.Header{"Retry-After": {"3600"}}), "/"); code != 503 || h.Get("Retry-After") != "3600" {
		t.Errorf("Status: %d %v", code, h)
	}
	if code, _, body := get(t, Throttle(429, "1", 0, NewSite("A", now, 1)), "/"); code != 200 || !strings.Contains(body, "tin-tuc") {
		t.Errorf("Throttle after its quota: %d", code)
	}
	if _, _, body := get(t, Paging{Now: now}, "/tin-tuc?trang=7"); !strings.Contains(body, `href="/tin-tuc?trang=8"`) {
		t.Errorf("Paging does not link the next page:\n%s", body)
	}
	if _, _, body := get(t, Huge(3<<20), "/"); len(body) != 3<<20 {
		t.Errorf("Huge sent %d bytes", len(body))
	}
	if _, _, body := get(t, GzipBomb(32<<20), "/"); len(body) != 32<<20 {
		t.Errorf("GzipBomb inflated to %d bytes", len(body))
	}
}

// TestRefusedURLHeld: connecting to RefusedURL is refused, and no server can
// listen on its port until it is freed.
func TestRefusedURLHeld(t *testing.T) {
	t.Parallel()
	u, free, err := RefusedURL()
	if err != nil {
		t.Fatal(err)
	}
	defer free()
	addr := strings.TrimSuffix(strings.TrimPrefix(u, "http://"), "/")
	if c, err := net.Dial("tcp", addr); err == nil {
		c.Close()
		t.Fatalf("dial %s: connected, want refused", addr)
	} else if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("dial %s: %v, want connection refused", addr, err)
	}
	if ln, err := net.Listen("tcp", addr); err == nil {
		ln.Close()
		t.Fatalf("listen %s succeeded while the port is held", addr)
	}
	free()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("listen %s after free: %v", addr, err)
	}
	ln.Close()
}
