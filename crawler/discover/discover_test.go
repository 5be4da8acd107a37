package discover

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func TestTemplate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, a, b string
		same       bool
	}{
		{"nukeviet query posts", "/index.php?language=vi&nv=news&op=tin-tuc/le-khai-giang-173.html", "/index.php?language=vi&nv=news&op=thong-bao/hop-phu-huynh-9.html", true},
		{"nukeviet query post vs category", "/index.php?language=vi&nv=news&op=tin-tuc/le-khai-giang-173.html", "/index.php?language=vi&nv=news&op=tin-tuc", false},
		{"nukeviet page vs post", "/index.php?nv=news&op=tin-tuc/page-2", "/index.php?nv=news&op=tin-tuc/le-khai-giang-173", false},
		{"wordpress plain", "/?p=123", "/?p=9", true},
		{"wordpress plain post vs paged", "/?p=123", "/?paged=2", false},
		{"dotnetnuke", "/tabid/56/ArticleId/789/le-khai-giang.aspx", "/tabid/56/ArticleId/12/hop-phu-huynh-hoc-sinh.aspx", true},
		{"drupal node", "/node/123", "/node/7", true},
		{"date path", "/tin-tuc/2026/10/15/le-khai-giang.html", "/tin-tuc/2026/11/02/hoi-thi-giao-vien.html", true},
		{"upper case slug", "/Tin-Tuc/LE-KHAI-GIANG-12.HTML", "/tin-tuc/hop-phu-huynh-9.html", true},
		{"session id", "/News.aspx?id=5&sid=a81f9c2e77b04d1e9a0c", "/News.aspx?id=77&sid=0b3c5d7e9f11aa22bb33", true},
		{"joomla query", "/index.php?option=com_content&view=article&id=12&catid=3", "/index.php?option=com_content&view=category&id=3", false},
		{"word is structure", "/news/x-1.html", "/events/x-1.html", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, b := Template(mustURL(t, tc.a)), Template(mustURL(t, tc.b))
			if (a == b) != tc.same {
				t.Errorf("Template(%s) = %q, Template(%s) = %q; same = %v, want %v", tc.a, a, tc.b, b, a == b, tc.same)
			}
		})
	}
}

func TestNext(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, page string
		links      []Link
		want       string
	}{
		{"query added", "/?cat=3", []Link{{URL: "/?cat=3&paged=3", Text: "3"}, {URL: "/?cat=3&paged=2", Text: "2"}, {URL: "/?cat=4", Text: "Thông báo của nhà trường"}}, "/?cat=3&paged=2"},
		{"path added", "/tin-tuc/", []Link{{URL: "/tin-tuc/page-2/", Text: "2"}, {URL: "/tin-tuc/le-khai-giang-12.html", Text: "Lễ khai giảng năm học mới 2026"}}, "/tin-tuc/page-2/"},
		{"number changed", "/tin-tuc/page-2/", []Link{{URL: "/tin-tuc/page-1/", Text: "1"}, {URL: "/tin-tuc/page-3/", Text: "»"}}, "/tin-tuc/page-3/"},
		{"offset", "/index.php/tin-tuc", []Link{{URL: "/index.php/tin-tuc?start=10", Text: "3"}, {URL: "/index.php/tin-tuc?start=5", Text: "Trang sau"}}, "/index.php/tin-tuc?start=5"},
		{"rel next wins", "/a", []Link{{URL: "/a?page=9", Text: "9"}, {URL: "/b", Next: true}}, "/b"},
		{"post link is not a page", "/tin-tuc/", []Link{{URL: "/tin-tuc/hoi-nghi-12/", Text: "Hội nghị cán bộ viên chức năm học 2026-2027"}}, ""},
		{"none", "/tin-tuc/", nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Next(mustURL(t, tc.page), tc.links)
			if got != tc.want || ok != (tc.want != "") {
				t.Errorf("Next(%s) = %q, %v; want %q", tc.page, got, ok, tc.want)
			}
		})
	}
}

type fixedDates struct{}

func (fixedDates) Text(s string) (time.Time, string, bool) {
	// dd/mm/yyyy only, enough for the test.
	for i := 0; i+10 <= len(s); i++ {
		if t, err := time.Parse("02/01/2006", s[i:i+10]); err == nil {
			return t, s[i : i+10], true
		}
	}
	return time.Time{}, "", false
}
func (fixedDates) Machine(string) (time.Time, bool) { return time.Time{}, false }

// TestReadItemDates checks that a row's date goes to its own link only,
// never to a neighbour's, and that menus are navigation.
func TestReadItemDates(t *testing.T) {
	t.Parallel()
	const page = `<html lang="vi-VN"><body><nav><a href="/gioi-thieu">Giới thiệu</a></nav>
<ul class="list"><li><a href="/a-1.html">Bài thứ nhất của trường</a> <span>(05/10/2026)</span></li>
<li><a href="/b-2.html">Bài thứ hai của trường</a></li>
<li><a href="/c-3.html">Bài thứ ba của trường</a> <span>(07/10/2026)</span></li></ul></body></html>`
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	base := mustURL(t, "http://school.example/")
	pg := Read(root, base, func(u *url.URL) bool { return u.Host == base.Host }, nil, fixedDates{})
	if pg.Lang != "vi" {
		t.Errorf("lang %q, want vi", pg.Lang)
	}
	want := map[string]string{"http://school.example/gioi-thieu": "", "http://school.example/a-1.html": "05/10/2026", "http://school.example/b-2.html": "", "http://school.example/c-3.html": "07/10/2026"}
	if len(pg.Links) != len(want) {
		t.Fatalf("%d links, want %d: %+v", len(pg.Links), len(want), pg.Links)
	}
	for _, l := range pg.Links {
		if w, ok := want[l.URL]; !ok || l.DateRaw != w {
			t.Errorf("%s: date %q, want %q", l.URL, l.DateRaw, w)
		}
		if nav := strings.HasSuffix(l.URL, "gioi-thieu"); l.Nav != nav {
			t.Errorf("%s: nav %v, want %v", l.URL, l.Nav, nav)
		}
	}
	if !IsListing(pg.Links) {
		t.Error("three titled links of one template: want a listing")
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	base, _ := url.Parse("http://school.example/")
	u, err := base.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestSessionParams: a random value the page appends to links of several
// families is a session parameter, whatever its name, and templates leave
// it out; the same random value on the pages of one listing only (a
// GUID-named category) is not.
func TestSessionParams(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		links []string
		want  string // the session parameter found, "" for none
	}{
		{"named oddly", []string{"/News.aspx?id=5&zz=a81f9c2e77b04d1e9a0c", "/News.aspx?id=9&zz=a81f9c2e77b04d1e9a0c", "/Pages/GioiThieu.aspx?zz=a81f9c2e77b04d1e9a0c", "/?zz=a81f9c2e77b04d1e9a0c"}, "zz"},
		{"guid listing pages", []string{"/List.aspx?cat=5f0c9a1e2b3d4c5e6f708192a3b4c5d6&page=2", "/List.aspx?cat=5f0c9a1e2b3d4c5e6f708192a3b4c5d6&page=3", "/List.aspx?cat=5f0c9a1e2b3d4c5e6f708192a3b4c5d6&page=4"}, ""},
		{"twice only", []string{"/a?s=a81f9c2e77b04d1e9a0c", "/b/c?s=a81f9c2e77b04d1e9a0c"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var links []Link
			for _, l := range tc.links {
				links = append(links, Link{URL: mustURL(t, l).String()})
			}
			got := sessionParams(links)
			if (tc.want == "") != (len(got) == 0) || tc.want != "" && !got[tc.want] {
				t.Errorf("sessionParams = %v, want %q", got, tc.want)
			}
			if tc.want != "" {
				a, b := mustURL(t, tc.links[0]), mustURL(t, tc.links[1])
				if TemplateWithout(a, got) != TemplateWithout(b, got) || strings.Contains(TemplateWithout(a, got), tc.want) {
					t.Errorf("templates keep the session: %q, %q", TemplateWithout(a, got), TemplateWithout(b, got))
				}
			}
		})
	}
}

// TestListsOwn: a listing whose titled items share its own template marks
// the template as mixed (categories and posts spelled alike).
func TestListsOwn(t *testing.T) {
	t.Parallel()
	own := Template(mustURL(t, "/tin/chuyen-mon,15.htm"))
	var links []Link
	for _, p := range []string{"/tin/le-khai-giang-nam-hoc-moi,101.htm", "/tin/hoi-thi-giao-vien-gioi,102.htm", "/tin/ngay-hoi-doc-sach-nam-2026,103.htm"} {
		u := mustURL(t, p)
		links = append(links, Link{URL: u.String(), Template: Template(u), Text: "Tiêu đề bài viết của nhà trường"})
	}
	if !ListsOwn(links, own) {
		t.Fatalf("three titled items of %q: want ListsOwn", own)
	}
	var kn Knowledge
	kn.Observe(own, Listing, time.Time{})
	kn.Mix(own)
	if kn.Kind(own) != Post {
		t.Errorf("a mixed template is read page by page (Post), got %s", kn.Kind(own))
	}
	links[0].Nav, links[1].Nav = true, true
	if ListsOwn(links, own) {
		t.Error("navigation links are not a listing's items")
	}
}

type machineDates struct{ fixedDates }

func (machineDates) Machine(v string) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339, v)
	return t, err == nil
}

// TestReadCardDates checks that a card whose title link shares its card
// with a category link takes the card's machine date, that a card holding
// two items of one template dates neither, and that a text date of a card
// (a lead naming an event) is not read.
func TestReadCardDates(t *testing.T) {
	t.Parallel()
	card := func(slug, extra string) string {
		return `<div class="item"><figure><a href="/tin-tuc/` + slug + `"><img src="/t.jpg"></a></figure><div class="body"><h2><a href="/tin-tuc/` + slug + `">Tiêu đề bài viết ` + slug + `</a></h2>` +
			`<dl><dd>Danh mục: <a href="/tin-tuc">Tin tức</a></dd></dl>` + extra + `<p>Ngày 05/10/2026 nhà trường tổ chức hoạt động.</p></div></div>`
	}
	page := `<html><body><div class="blog">` +
		card("12-le-khai-giang", `<div class="meta"><time datetime="2026-10-07T08:00:00+07:00">07 Tháng 10 2026</time></div>`) +
		card("13-hop-phu-huynh", "") +
		`<div class="item"><h2><a href="/tin-tuc/14-a-b">Bài thứ mười bốn của trường</a></h2><h2><a href="/tin-tuc/15-c-d">Bài thứ mười lăm của trường</a></h2><time datetime="2026-10-09T08:00:00+07:00">09/10</time></div>` +
		`</div></body></html>`
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	base := mustURL(t, "http://school.example/")
	pg := Read(root, base, func(u *url.URL) bool { return u.Host == base.Host }, nil, machineDates{})
	want := map[string]string{
		"http://school.example/tin-tuc/12-le-khai-giang": "2026-10-07T08:00:00+07:00",
		"http://school.example/tin-tuc/13-hop-phu-huynh": "",
		"http://school.example/tin-tuc/14-a-b":           "",
		"http://school.example/tin-tuc/15-c-d":           "",
		"http://school.example/tin-tuc":                  "",
	}
	for _, l := range pg.Links {
		if w, ok := want[l.URL]; !ok || l.DateRaw != w {
			t.Errorf("%s: date %q, want %q", l.URL, l.DateRaw, w)
		}
	}
}

func TestIsPage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, page string
		link       Link
		want       bool
	}{
		{"offset", "/index.php/tin-tuc", Link{URL: "/index.php/tin-tuc?start=10", Text: "3"}, true},
		{"earlier page", "/tin-tuc/page-3/", Link{URL: "/tin-tuc/page-1/", Text: "1"}, true},
		{"rel next", "/a", Link{URL: "/b", Next: true}, true},
		{"post", "/tin-tuc/", Link{URL: "/tin-tuc/hoi-nghi-12/", Text: "Hội nghị cán bộ viên chức năm học 2026-2027"}, false},
		{"other category", "/tin-tuc/", Link{URL: "/thong-bao/", Text: "Thông báo"}, false},
		{"itself", "/tin-tuc/", Link{URL: "/tin-tuc/", Text: "1"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := tc.link
			l.URL = mustURL(t, l.URL).String()
			if got := IsPage(mustURL(t, tc.page), l); got != tc.want {
				t.Errorf("IsPage(%s, %s) = %v, want %v", tc.page, tc.link.URL, got, tc.want)
			}
		})
	}
}
