package urlid

import (
	"fmt"
	"strings"
	"testing"
)

func TestCanonicalKey(t *testing.T) {
	t.Parallel()
	same := [][]string{
		{"https://www.thpt.edu.vn/tin-tuc/bai-1/?utm_source=fb&fbclid=x#top", "http://thpt.edu.vn/tin-tuc/bai-1"},
		{"http://h/Pages/ChiTietTin.aspx?ItemID=4451&CatID=12", "https://h/Pages/ChiTietTin.aspx?CatID=12&ItemID=4451"},
		{"http://h:80/a/./b/", "http://h/a/b"},
		{"http://h/2026/11/x.html?m=1", "http://h/2026/11/x.html"},
	}
	for _, p := range same {
		if Key(p[0]) != Key(p[1]) {
			t.Errorf("Key(%q)=%q != Key(%q)=%q", p[0], Key(p[0]), p[1], Key(p[1]))
		}
	}
	// Found by FuzzCanonical: an unparseable query followed by a space and a
	// fragment lost the space only on the second pass.
	for _, s := range []string{"?% #", "http://h/a?%zz \u00a0#x", "http://h/?a=%"} {
		if c := Canonical(s); Canonical(c) != c || strings.TrimSpace(c) != c {
			t.Errorf("Canonical(%q) = %q, again %q", s, c, Canonical(c))
		}
	}
	if Key("http://h/a?id=1") == Key("http://h/a?id=2") {
		t.Error("different ids must stay different")
	}
}

func FuzzCanonical(f *testing.F) {
	for _, s := range []string{"http://a/b?utm_x=1&b=2&a=1#f", "https://www.x.vn/", "http://h:80/./a/../b/", "%zz", "http://[::1]:8080/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := Canonical(s)
		if Canonical(c) != c {
			t.Fatalf("Canonical not idempotent: %q -> %q -> %q", s, c, Canonical(c))
		}
	})
}

func TestSameSiteURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		site, post string
		want       bool
	}{
		{"https://thpt-a.edu.vn/", "https://thpt-a.edu.vn/tin/1", true},
		{"https://thpt-a.edu.vn/", "http://www.thpt-a.edu.vn/tin/1", true},
		{"https://www.thpt-a.edu.vn/", "https://thpt-a.edu.vn/tin/1", true},
		{"https://thpt-a.edu.vn:443/", "https://THPT-A.edu.vn/1", true},
		{"http://127.0.0.1:8080/", "http://127.0.0.1:8080/tin", true},
		// A subdomain is another website: the crawler does not reach it.
		{"https://thpt-a.edu.vn/", "https://tin.thpt-a.edu.vn/1", false},
		{"http://127.0.0.1:8080/", "http://127.0.0.1:9090/tin", false},
		{"https://thpt-a.edu.vn/", "https://thpt-a.edu.vn.evil.example/1", false},
		{"https://thpt-a.edu.vn/", "https://xthpt-a.edu.vn/1", false},
		{"https://sgd.gov.vn/phong/", "https://gov.vn/1", false},
		{"https://thpt-a.edu.vn/", "not a url", false},
		{"https://thpt-a.edu.vn/", "ftp://thpt-a.edu.vn/1", false},
	}
	for _, tt := range tests {
		if got := SameSiteURL(tt.site, tt.post); got != tt.want {
			t.Errorf("SameSiteURL(%q, %q) = %v, want %v", tt.site, tt.post, got, tt.want)
		}
	}
}

func TestCanonicalCookieless(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		"http://a.example/(S(kz3ab1c2d3e4f5g6h7i8j9k0))/News.aspx?ItemID=5",
		"http://a.example/(X(1)S(kz3ab1c2d3e4f5g6h7i8j9k0))/News.aspx?ItemID=5",
	} {
		if got, want := Canonical(in), "http://a.example/News.aspx?ItemID=5"; got != want {
			t.Errorf("Canonical(%s) = %s, want %s", in, got, want)
		}
	}
}

// TestKeyMemo: the memo answers what Key computes, across its generations.
func TestKeyMemo(t *testing.T) {
	raws := make([]string, 0, 3*maxMemoKeys)
	for i := range cap(raws) {
		raws = append(raws, fmt.Sprintf("http://WWW.Truong.edu.vn/tin-tuc/bai-%d/?utm_source=x&b=%d&a=1#top", i%(2*maxMemoKeys), i))
	}
	for pass := range 2 {
		for _, r := range raws {
			if got, want := Key(r), key(r); got != want {
				t.Fatalf("pass %d: Key(%q) = %q, computed %q", pass, r, got, want)
			}
		}
	}
	keys.mu.Lock()
	n := len(keys.cur) + len(keys.old)
	keys.mu.Unlock()
	if n > 2*maxMemoKeys {
		t.Errorf("memo holds %d keys, more than two generations of %d", n, maxMemoKeys)
	}
}
