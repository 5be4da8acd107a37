package crawler

import (
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
		if key(p[0]) != key(p[1]) {
			t.Errorf("key(%q)=%q != key(%q)=%q", p[0], key(p[0]), p[1], key(p[1]))
		}
	}
	// Found by FuzzCanonical: an unparseable query followed by a space and a
	// fragment lost the space only on the second pass.
	for _, s := range []string{"?% #", "http://h/a?%zz \u00a0#x", "http://h/?a=%"} {
		if c := Canonical(s); Canonical(c) != c || strings.TrimSpace(c) != c {
			t.Errorf("Canonical(%q) = %q, again %q", s, c, Canonical(c))
		}
	}
	if key("http://h/a?id=1") == key("http://h/a?id=2") {
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
