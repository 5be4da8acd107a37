package discover

import (
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestResolverSharedAcrossPages: pages read with one Resolver give the
// links each gives read alone, relative hrefs included (they resolve
// against each page's own URL), and the memo stays bounded.
func TestResolverSharedAcrossPages(t *testing.T) {
	t.Parallel()
	same := func(u *url.URL) bool { return u.Host == "truong.edu.vn" }
	canon := func(s string) string { return strings.TrimSuffix(s, "/") }
	page := func(i int) string {
		return fmt.Sprintf(`<html><body><ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc/">Tin tức</a></li>
<li><a href="https://truong.edu.vn/lien-he">Liên hệ</a></li><li><a href="https://other.vn/x">Sở</a></li></ul>
<ul class="list"><li><a href="bai-%d">Bài viết số %d của nhà trường</a></li><li><a href="../khac/bai-%d">Bài viết khác số %d của trường</a></li>
<li><a href="?page=%d">Trang sau</a></li></ul></body></html>`, i, i, i, i, i+1)
	}
	bases := []string{"https://truong.edu.vn/tin-tuc/", "https://truong.edu.vn/thong-bao/", "https://truong.edu.vn/tin-tuc/"}
	res := NewResolver(same, canon)
	for i, b := range bases {
		root, err := html.Parse(strings.NewReader(page(i % 2)))
		if err != nil {
			t.Fatal(err)
		}
		base, _ := url.Parse(b)
		alone := Read(root, base, same, canon, nil)
		shared := ReadWith(root, base, res, nil)
		if !reflect.DeepEqual(alone.Links, shared.Links) {
			t.Errorf("page %d at %s: shared resolver read\n%+v\nalone\n%+v", i, b, shared.Links, alone.Links)
		}
	}
	base, _ := url.Parse("https://truong.edu.vn/")
	for i := range 2 * maxResolved {
		res.resolve(base, fmt.Sprintf("/bai-%d", i))
	}
	if len(res.memo) > maxResolved {
		t.Errorf("resolver remembers %d hrefs, more than %d", len(res.memo), maxResolved)
	}
}
