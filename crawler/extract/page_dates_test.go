package extract

import (
	"strings"
	"testing"
	"time"
)

// TestExtractDateSources covers the generic date sources of post pages in
// other languages and CMSs: meta tiers, JSON-LD variants, UTC timestamps
// against the URL's day, time elements and date classes away from the title.
func TestExtractDateSources(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	page := func(head, body string) string {
		return `<!doctype html><html><head><title>Ein Beitrag</title>` + head + `</head><body>` + body + `</body></html>`
	}
	article := `<article><h1>Der Titel des Beitrags</h1><p>Erster Absatz mit genug Text für einen Beitrag.</p><p>Zweiter Absatz.</p></article>`
	tests := []struct {
		name, url, html string
		// want is the day in the date's own offset; "" for no date.
		want string
	}{
		{"article meta beats generic date meta",
			"http://a.example/beitrag",
			page(`<meta name="date" content="2026-01-21T15:38:44+01:00"><meta property="article:published_time" content="2026-01-25T09:00:00+01:00">`, article),
			"2026-01-25"},
		{"json-ld beats generic date meta",
			"http://a.example/beitrag",
			page(`<meta name="dcterms.date" content="2026-01-21T09:43+01:00"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2026-01-25T08:00:00+01:00"}</script>`, article),
			"2026-01-25"},
		{"og:updated_time is no publication date",
			"http://a.example/beitrag",
			page(`<meta property="og:updated_time" content="2026-11-20T10:00:00+01:00">`, `<article><h1>Der Titel des Beitrags</h1><p class="post-date">3. November 2026</p><p>Text.</p></article>`),
			"2026-11-03"},
		{"json-ld dateCreated without datePublished",
			"http://a.example/beitrag",
			page(`<script type="application/ld+json">{"@type":"WebPage","dateCreated":"2026-04-04T10:00:00+02:00"}</script>`, article),
			"2026-04-04"},
		{"utc timestamp takes the day of the url",
			"http://a.example/2026/11/08/story/",
			page(`<meta property="article:published_time" content="2026-11-09T03:28:35+00:00">`, article),
			"2026-11-08"},
		{"utc timestamp far from the url day stays",
			"http://a.example/2026/11/01/story/",
			page(`<meta property="article:published_time" content="2026-11-09T03:28:35Z">`, article),
			"2026-11-09"},
		{"same instant with the site's offset gives the local day",
			"http://a.example/beitrag",
			page(`<meta property="article:published_time" content="2025-12-24T23:59:50+00:00"><script type="application/ld+json">{"@type":"Article","datePublished":"2025-12-25T01:59:50+02:00"}</script>`, article),
			"2025-12-25"},
		{"date in the canonical url",
			"http://a.example/?p=12",
			page(`<link rel="canonical" href="http://a.example/2026/10/19/beitrag/">`, `<h1>Der Titel des Beitrags</h1><p>Text ohne Datum.</p>`),
			"2026-10-19"},
		{"time element in an aside of the article",
			"http://a.example/beitrag",
			page(``, `<article><h1>Der Titel des Beitrags</h1><aside class="meta"><time itemprop="datePublished" datetime="2026-10-18T11:45:00+02:00">18. Okt 2026</time></aside><p>Text.</p></article><aside class="sidebar"><time datetime="2026-11-20">20. Nov</time></aside>`),
			"2026-10-18"},
		{"date class inside a layout named after its sidebar",
			"http://a.example/beitrag",
			page(``, `<div class="layoutTwoColumnsRightSidebar"><div class="content"><ul><li class="artikeldatum">25. Juni 2026 16:11 Uhr</li></ul><h2>Der Titel</h2><p>Text.</p></div></div>`),
			"2026-06-25"},
		{"date class after the title beats the date in the page header",
			"http://a.example/beitrag",
			page(``, `<div class="top-date">Mittwoch, 25. November 2026</div><div class="main"><h1>Der Titel des Beitrags</h1><div class="row"><div class="col"><div class="story"><p>Einleitung ohne Datum, aber lang genug.</p><p>Noch ein Absatz.</p></div><div class="byline">Von Anna, 12. März 2026</div></div></div></div>`),
			"2026-03-12"},
		{"update label loses to the publication date",
			"http://a.example/beitrag",
			page(``, `<div class="main"><h1>Der Titel des Beitrags</h1><div class="x"><div class="y"><div class="z"><p>Text ohne Datum.</p></div><span class="meta-upd">Aktualisiert: 20.11.2026</span><span class="meta-pub">05.11.2026</span></div></div></div>`),
			"2026-11-05"},
		{"date in the document title",
			"http://a.example/beitrag",
			`<html><head><title>Ambulance naar Den Haag | 9 oktober 2026 11:12</title></head><body><h1>Ambulance</h1><p>Tekst.</p></body></html>`,
			"2026-10-09"},
		{"dates of embedded social posts are not the page's",
			"http://a.example/beitrag",
			page(``, `<article><h1>Der Titel des Beitrags</h1><div class="pubdate">29.01.2026</div><div class="entry-content"><p>Ein Absatz, der lang genug ist, um als Text des Beitrags zu gelten.</p><blockquote class="instagram-media"><p><time datetime="2025-03-12T19:30:12+00:00">Mär 12, 2025</time></p></blockquote><p>Mehr Text.</p></div></article>`),
			"2026-01-29"},
		{"cms time elements in a sidebar named by class are not the page's",
			"http://a.example/beitrag",
			page(``, `<div class="aside secondary"><p class="publication"><time datetime="2026-09-22T07:30:29Z" pubdate>22 sept.</time></p></div><article><h1>Der Titel des Beitrags</h1><p class="publication"><time datetime="2026-06-28T13:49:45Z" pubdate>28 juin 2026</time></p><p>Text.</p></article>`),
			"2026-06-28"},
		{"comment dates are not the page's",
			"http://a.example/beitrag",
			page(``, `<h1>Der Titel des Beitrags</h1><p>Text.</p><div class="comments"><div class="comment-date">12. November 2026</div></div>`),
			""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := FromHTML([]byte(tc.html), tc.url, Options{Location: time.UTC, Now: now, SkipFallback: true})
			got := ""
			if !p.Date.IsZero() {
				got = p.Date.Time.Format("2006-01-02")
			}
			if got != tc.want {
				t.Errorf("date = %q (from %s %q), want %q", got, p.Date.Source, p.Date.Raw, tc.want)
			}
		})
	}
}

// TestExtractGuessedDate checks that the wider search dates a page on
// which the other sources found nothing (here from its script data), and
// that its guess does not decide whether the page is a post: the same page
// is typed alike with the search on and off (static by its place in the
// site's menu).
func TestExtractGuessedDate(t *testing.T) {
	t.Parallel()
	loc := vn(t)
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	body := `<h1>Tiêu đề bài viết về hoạt động</h1><div class="noi-dung"><p>Nội dung bài viết đủ dài để là một bài đăng của trường.</p><p>Đoạn thứ hai.</p><p>Đoạn thứ ba.</p></div><script>var meta={"publishDate":"2026-11-03T08:00:00"};</script>`
	article := `<html><head><meta property="og:type" content="article"><title>Bài viết</title></head><body>` + body + `</body></html>`
	plain := `<html><head><title>Giới thiệu</title></head><body>` + body + `</body></html>`
	menu := `<html><head><title>Giới thiệu</title></head><body><nav><a href="/">Trang chủ</a> <a href="#">Tìm kiếm</a> <a href="/tin-tuc/bai-viet-12.html">Giới thiệu</a></nav>` + body + `</body></html>`
	tests := []struct {
		name, html string
		skip       bool
		want       string
		post       bool
	}{
		{"article dated by its script data", article, false, "2026-11-03", true},
		{"undeclared page gets the date and is typed as without it", plain, false, "2026-11-03", true},
		{"search off: the same page is a post with no date", plain, true, "", true},
		{"search off: an undated article is a post with no date", article, true, "", true},
		{"a page the menu links to is static, guessed date or not", menu, false, "2026-11-03", false},
		{"search off: a page the menu links to is static", menu, true, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := FromHTML([]byte(tc.html), "http://truong.example/tin-tuc/bai-viet-12.html", Options{Location: loc, Now: now, SkipFallback: tc.skip})
			got := ""
			if !p.Date.IsZero() {
				got = p.Date.Time.In(loc).Format("2006-01-02")
			}
			if got != tc.want || p.IsPost != tc.post {
				t.Errorf("date %q from %q, post %v (%s); want %q, post %v", got, p.Date.Source, p.IsPost, p.NotPost, tc.want, tc.post)
			}
			if got != "" && p.Date.Source != "script publishDate" {
				t.Errorf("source = %q, want script publishDate", p.Date.Source)
			}
		})
	}
}

func TestReadJSONLDTolerant(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, script, published, modified string }{
		{"one brace too many", `{"@type": "NewsArticle", "datePublished": "2026-11-12T09:15:00+07:00"}}`, "2026-11-12T09:15:00+07:00", ""},
		{"trailing comma", `{"@type": "NewsArticle", "datePublished": "2026-11-12", "dateModified": "2026-11-13",}`, "2026-11-12", "2026-11-13"},
		{"raw line break in a string", "{\"headline\": \"Hội thi\nkể chuyện\", \"datePublished\": \"2026-11-12T09:15\"}", "2026-11-12T09:15", ""},
		{"no date", `{"@type": "NewsArticle", "headline": "Hội thi",}`, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := parse(t, `<html><head><script type="application/ld+json">`+tc.script+`</script></head><body></body></html>`)
			info := readJSONLD(indexDoc(doc).ldScripts)
			if info.published != tc.published || info.modified != tc.modified {
				t.Errorf("published %q modified %q, want %q %q", info.published, info.modified, tc.published, tc.modified)
			}
		})
	}
}

func TestShownOverStamp(t *testing.T) {
	utc := time.UTC
	et := time.FixedZone("-05", -5*3600)
	ict := time.FixedZone("+07", 7*3600)
	stamp := Date{Time: time.Date(2023, 11, 9, 4, 15, 0, 0, utc), Source: "json-ld datePublished"}
	for _, c := range []struct {
		name  string
		shown Date
		want  bool
	}{
		{"nothing shown", Date{}, false},
		{"same day", Date{Time: time.Date(2023, 11, 9, 0, 0, 0, 0, utc), DayOnly: true}, false},
		{"another day", Date{Time: time.Date(2023, 11, 12, 0, 0, 0, 0, ict), Source: "text near title", DayOnly: true}, true},
		{"another time", Date{Time: time.Date(2023, 11, 8, 14, 30, 0, 0, ict), Source: "text near title"}, true},
		{"an update", Date{Time: time.Date(2023, 11, 12, 0, 0, 0, 0, ict), Source: "text near title 'Updated'", DayOnly: true}, false},
		{"same instant, another zone", Date{Time: time.Date(2023, 11, 8, 23, 15, 0, 0, et), Source: "text near title"}, false},
		{"same minutes, 12-hour clock", Date{Time: time.Date(2023, 11, 8, 11, 15, 0, 0, ict), Source: "text near title"}, false},
	} {
		if got := shownOverStamp(c.shown, stamp); got != c.want {
			t.Errorf("%s: shownOverStamp(%v) = %v, want %v", c.name, c.shown.Time, got, c.want)
		}
	}
}

func TestAlignToURLDay(t *testing.T) {
	ict := time.FixedZone("+07", 7*3600)
	url := func(y int, m time.Month, d int) Date {
		return Date{Time: time.Date(y, m, d, 0, 0, 0, 0, ict), Source: "URL path", Raw: "/x/", DayOnly: true}
	}
	stamp := func(raw string) Date {
		tt, ok := ParseMachineDate(raw, ict)
		if !ok {
			t.Fatalf("cannot parse %q", raw)
		}
		return Date{Time: tt, Source: "json-ld datePublished", Raw: raw}
	}
	for _, c := range []struct {
		raw     string
		u       Date
		aligned bool
	}{
		{"2026-11-09T05:30:59+00:00", url(2026, 11, 8), true},  // 21:30 in UTC-8
		{"2026-11-09T09:59:00Z", url(2026, 11, 8), true},       // 23:59 in UTC-10
		{"2026-11-09T10:04:04Z", url(2026, 11, 8), false},      // no zone in use has it on the 8th
		{"2026-11-01T23:01:00Z", url(2026, 11, 2), true},       // 00:01 in UTC+1
		{"2026-11-01T09:30:00Z", url(2026, 11, 2), false},      // would need UTC+14:30
		{"2026-11-09T05:30:59+02:00", url(2026, 11, 8), false}, // not a UTC stamp
		{"2026-11-09T01:00:00Z", url(2026, 11, 6), false},      // not a neighbour day
	} {
		got := alignToURLDay(stamp(c.raw), c.u, ict)
		if aligned := strings.HasSuffix(got.Source, "day of URL path"); aligned != c.aligned {
			t.Errorf("alignToURLDay(%s, %v): aligned %v, want %v", c.raw, c.u.Time.Format("2006-01-02"), aligned, c.aligned)
		}
	}
}
