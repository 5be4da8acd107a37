package crawler

import (
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"

	"sitewatch/crawler/extract"
	"sitewatch/vntext"
)

// staticWords are path segments (compacted, without diacritics or
// separators) of pages that are not posts: menus, documents, albums,
// calendars, contact, search, feeds, tag and category pages.
var staticWords = map[string]bool{
	"gioithieu": true, "lienhe": true, "contact": true, "about": true, "cocautochuc": true, "sodotochuc": true, "tochuc": true,
	"bangiamhieu": true, "lanhdao": true, "chucnangnhiemvu": true, "lichsu": true, "p": true, "tag": true, "tags": true,
	"category": true, "search": true, "login": true, "dangnhap": true, "register": true, "dangky": true, "feed": true, "feeds": true,
	"rss": true, "sitemap": true, "laws": true, "vanban": true, "vanbanchidao": true, "document": true, "documents": true,
	"download": true, "downloads": true, "taive": true, "photos": true, "photo": true, "album": true, "albums": true,
	"thuvienanh": true, "video": true, "videos": true, "thuvienvideo": true, "lichcongtac": true, "calendar": true,
	"author": true, "users": true, "user": true, "comments": true, "print": true, "savefile": true, "sendmail": true,
	"wpadmin": true, "wplogin": true, "wpjson": true, "congkhai": true, "tthc": true, "thutuchanhchinh": true,
	"dichvucong": true, "hoidap": true, "gopy": true, "faq": true, "lichthi": true, "thoikhoabieu": true, "tkb": true,
	"default": true, "index": true, "home": true, "trangchu": true, "page": true, "cart": true, "weblink": true, "lienket": true,
	"voting": true, "statistics": true, "siteterms": true, "users.php": true, "tuyensinh": true, "archive": true, "archives": true,
}

// listingWords mark news listing pages (categories) worth walking.
var listingWords = []string{"tintuc", "tin", "news", "tinhoatdong", "hoatdong", "thongbao", "sukien", "chuyenmon", "doan",
	"doi", "congdoan", "tingiaoduc", "baiviet", "blog", "chuyenmuc", "danhmuc", "tonghop", "noibat", "tinmoi", "hoatdongchuyenmon",
	"doanthanhnien", "tochuyenmon", "gdtrh", "gdth", "gdmn", "thidua", "khenthuong", "posts", "articles"}

var (
	reNumID     = regexp.MustCompile(`(^|[\-_/])\d{2,}([\-_.]|$)`)
	reIDParam   = regexp.MustCompile(`(?i)^(itemid|id|p|newsid|news_id|articleid|article_id|postid|post_id|tinid|nid|cid|idtin|matin)$`)
	rePageParam = regexp.MustCompile(`(?i)^(page|paged|start|trang|pg|p|limitstart|offset|pageindex|pagenumber|updated-max|max-results)$`)
	reArchive   = regexp.MustCompile(`^/(19|20)\d{2}(/\d{1,2}(/\d{1,2})?)?/?$`)
	rePagePath  = regexp.MustCompile(`(?i)(/page[/\-_]?\d+|/trang[/\-_]?\d+|/p\d+)(\.[a-z]+)?/?$`)
)

// link is a link found on a page with its context.
type link struct {
	URL   string
	Text  string
	Date  time.Time // a date shown next to the link in a listing
	InNav bool
}

// segments returns the compacted path segments (extensions dropped).
func segments(u *url.URL) []string {
	var out []string
	for _, s := range strings.Split(u.Path, "/") {
		if s == "" {
			continue
		}
		if i := strings.LastIndex(s, "."); i > 0 {
			s = s[:i]
		}
		out = append(out, vntext.Compact(s))
	}
	return out
}

// containerWords are sections whose pages are never posts (documents,
// albums, tags, search, feeds, static pages of Blogger under /p/).
var containerWords = map[string]bool{
	"p": true, "tag": true, "tags": true, "category": true, "search": true, "laws": true, "vanban": true, "vanbanchidao": true,
	"document": true, "documents": true, "download": true, "downloads": true, "photos": true, "photo": true, "album": true,
	"albums": true, "thuvienanh": true, "video": true, "videos": true, "author": true, "users": true, "user": true, "feed": true,
	"feeds": true, "wpadmin": true, "wpjson": true, "wpcontent": true, "lichcongtac": true, "calendar": true, "label": true,
	"attachment": true, "uploads": true, "upload": true, "images": true, "files": true,
}

// staticURL reports URLs that are never posts.
func staticURL(u *url.URL) bool {
	if reDocExt.MatchString(u.Path) {
		return true
	}
	segs := segments(u)
	if len(segs) == 0 {
		return true // the home page
	}
	for _, s := range segs[:len(segs)-1] {
		if containerWords[s] {
			return true
		}
	}
	if staticWords[segs[len(segs)-1]] {
		return true
	}
	if rePagePath.MatchString(u.Path) || reArchive.MatchString(u.Path) {
		return true
	}
	q := u.Query()
	if q.Get("format") != "" || q.Get("feed") != "" {
		return true
	}
	return false
}

// docOrContainer reports documents and pages inside never-post sections
// (a listing page may be called index.html or default.aspx).
func docOrContainer(u *url.URL) bool {
	if reDocExt.MatchString(u.Path) {
		return true
	}
	segs := segments(u)
	for i, s := range segs {
		if containerWords[s] || (i == len(segs)-1 && staticWords[s] && s != "index" && s != "default" && s != "home" && s != "trangchu" && s != "page") {
			return true
		}
	}
	return false
}

// postLike scores how much a URL looks like a post (an id, a date, a long slug).
func postLike(u *url.URL) bool {
	if staticURL(u) {
		return false
	}
	p := u.Path
	if _, _, ok := extract.URLDate(p, time.UTC); ok && len(segments(u)) >= 3 {
		return true
	}
	last := ""
	if segs := strings.Split(strings.Trim(p, "/"), "/"); len(segs) > 0 {
		last = segs[len(segs)-1]
	}
	if i := strings.LastIndex(last, "."); i > 0 {
		last = last[:i]
	}
	if strings.Count(last, "-")+strings.Count(last, "_") >= 3 {
		return true
	}
	if reNumID.MatchString(last) && len(last) > 3 {
		return true
	}
	for k, v := range u.Query() {
		if reIDParam.MatchString(k) && len(v) > 0 && len(v[0]) > 0 && v[0][0] >= '0' && v[0][0] <= '9' {
			return true
		}
	}
	return false
}

// listingURL reports a URL that looks like a news listing (category) page.
func listingURL(u *url.URL, text string) bool {
	if reDocExt.MatchString(u.Path) {
		return false
	}
	segs := segments(u)
	ft := vntext.Compact(text)
	for _, w := range listingWords {
		if ft == w || strings.HasPrefix(ft, w) && len(ft) < 30 {
			return true
		}
		for _, s := range segs {
			if s == w {
				return true
			}
		}
	}
	if cat := u.Query().Get("CatID"); cat != "" {
		return true
	}
	return false
}

// pageLinks returns every same-site link of a page with the date shown beside it.
func pageLinks(doc *goquery.Document, base *url.URL, site *url.URL, loc *time.Location, now time.Time) []link {
	var out []link
	seen := map[string]bool{}
	doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		href = strings.TrimSpace(href)
		if href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(strings.ToLower(href), "javascript:") ||
			strings.HasPrefix(href, "mailto:") || strings.HasPrefix(href, "tel:") {
			return
		}
		u, err := base.Parse(href)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !SameSite(u, site) {
			return
		}
		u.Fragment = ""
		s := u.String()
		text := strings.Join(strings.Fields(a.Text()), " ")
		if text == "" {
			text, _ = a.Attr("title")
		}
		inNav := a.Closest("nav, .nav, .menu, #menu, .navbar, header, .header, .mainmenu, #menusite, .dropdown-menu, .footer, footer").Length() > 0
		if seen[s] {
			// Keep the richest context.
			for i := range out {
				if out[i].URL == s && len(out[i].Text) < len(text) {
					out[i].Text = text
				}
			}
			return
		}
		seen[s] = true
		l := link{URL: s, Text: text, InNav: inNav}
		// A date beside the link: in its list item / row / card.
		item := a.Closest("li, tr, article, .item, .news-item, .post, dd, .row")
		if item.Length() > 0 && item.Find("a[href]").Length() <= 4 {
			ctx := item.Text()
			if v, ok := item.Find("time[datetime]").First().Attr("datetime"); ok {
				if t, ok := extract.ParseMachineDate(v, loc); ok {
					l.Date = t
				}
			}
			if l.Date.IsZero() && len(ctx) < 600 {
				if t, _, ok := extract.ParseTextDate(strings.Replace(ctx, text, " ", 1), loc, now); ok && extract.Plausible(t, now) {
					l.Date = t
				}
			}
		}
		out = append(out, l)
	})
	return out
}

// feedLinks returns the feeds a page declares.
func feedLinks(doc *goquery.Document, base *url.URL) []string {
	var out []string
	doc.Find(`link[rel~="alternate"]`).Each(func(_ int, s *goquery.Selection) {
		typ, _ := s.Attr("type")
		href, _ := s.Attr("href")
		typ = strings.ToLower(typ)
		if !strings.Contains(typ, "rss") && !strings.Contains(typ, "atom") && !strings.Contains(typ, "feed+json") {
			return
		}
		if u, err := base.Parse(strings.TrimSpace(href)); err == nil && href != "" {
			out = append(out, u.String())
		}
	})
	return out
}

// nextPages returns pagination links of a listing page.
func nextPages(doc *goquery.Document, base *url.URL, site *url.URL) []string {
	var out []string
	seen := map[string]bool{}
	add := func(href string) {
		u, err := base.Parse(strings.TrimSpace(href))
		if err != nil || !SameSite(u, site) {
			return
		}
		u.Fragment = ""
		if s := u.String(); !seen[s] && s != base.String() {
			seen[s] = true
			out = append(out, s)
		}
	}
	doc.Find(`link[rel="next"], a[rel~="next"]`).Each(func(_ int, s *goquery.Selection) {
		if h, ok := s.Attr("href"); ok {
			add(h)
		}
	})
	doc.Find(`.pagination a[href], .pager a[href], .paging a[href], .page-numbers[href], .nav-links a[href], .blog-pager a[href], ul.pagination a[href], .phantrang a[href], .pages a[href], a.next[href], a.page-link[href]`).Each(func(_ int, s *goquery.Selection) {
		h, _ := s.Attr("href")
		add(h)
	})
	doc.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
		t := vntext.Fold(s.Text())
		h, _ := s.Attr("href")
		u, err := base.Parse(h)
		if err != nil {
			return
		}
		isPageURL := rePagePath.MatchString(u.Path)
		for k := range u.Query() {
			if rePageParam.MatchString(k) && k != "p" {
				isPageURL = true
			}
		}
		switch {
		case t == "trang sau" || t == "sau" || t == "tiep" || t == "next" || t == "xem them" || strings.HasPrefix(t, "bai cu hon") || strings.HasPrefix(t, "tin cu hon") || strings.HasPrefix(t, "older"):
			add(h)
		case isPageURL && (isDigits(t) || t == "" || strings.ContainsAny(s.Text(), "»›>")):
			add(h)
		}
	})
	return out
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
