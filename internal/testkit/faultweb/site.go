package faultweb

import (
	"fmt"
	"html"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// Post is one post of a Site.
type Post struct {
	// ID makes the URL unique: /tin-tuc/<Slug>-<ID>.html.
	ID int
	// Slug is the readable part of the URL (at least three hyphens, so that
	// it looks like a post).
	Slug string
	// Title is the Vietnamese title (NFC).
	Title string
	// Published is the publication time shown on the page and in its
	// article:published_time meta tag.
	Published time.Time
	// Images is the number of content images; Captioned of them have a
	// visible caption.
	Images, Captioned int
}

// Path returns the post's URL path.
func (p Post) Path() string { return fmt.Sprintf("/tin-tuc/%s-%d.html", p.Slug, p.ID) }

// Encodings of a Site's bytes and declarations.
const (
	UTF8        = "utf-8"
	Windows1258 = "windows-1258"
)

// Site is a small healthy news site: a home page listing every post with
// its date, one page per post (title, date, text, images with captions), a
// legal footer, no feed and no sitemap. The zero value is an empty site
// answering in UTF-8. Fields must not change once the site is served.
type Site struct {
	// Name is the unit's name, shown in titles.
	Name  string
	Posts []Post
	// Encoding is the charset of the bytes sent: UTF8 (default) or Windows1258.
	Encoding string
	// Declared is the charset named in the Content-Type header and the
	// <meta charset> tag; empty names Encoding. A Declared that differs
	// from Encoding is a mislabelled page.
	Declared string
	// InvalidBytes inserts stray bytes that are not UTF-8 (0xFF 0xFE) into
	// every page's text.
	InvalidBytes bool
	// BrokenHTML leaves tags unclosed, nests them wrongly and ends pages
	// early, as hand-edited sites do.
	BrokenHTML bool
}

// NewSite returns a site named name with n posts, published from a few
// hours to a few weeks before now, with Vietnamese titles and 0 to 3 images.
func NewSite(name string, now time.Time, n int) *Site {
	titles := []string{
		"Hội nghị cán bộ, công chức, viên chức năm học mới",
		"Lễ khai giảng và ngày hội đến trường của học sinh",
		"Tập huấn đổi mới phương pháp dạy học môn Ngữ văn",
		"Hội thi giáo viên dạy giỏi cấp trường đợt một",
		"Ngoại khóa an toàn giao thông cho học sinh khối sáu",
		"Kỷ niệm ngày Nhà giáo Việt Nam hai mươi tháng mười một",
		"Tọa đàm về sức khỏe học đường và dinh dưỡng",
		"Phong trào thi đua dạy tốt, học tốt học kỳ một",
	}
	s := &Site{Name: name}
	for i := 0; i < n; i++ {
		t := titles[i%len(titles)]
		if i >= len(titles) {
			t += " (phần " + strconv.Itoa(i/len(titles)+1) + ")"
		}
		imgs := i % 4
		s.Posts = append(s.Posts, Post{
			ID: 101 + i, Slug: fmt.Sprintf("bai-viet-so-%d-cua-truong", i+1), Title: t,
			Published: now.Add(-time.Duration(3+i*53) * time.Hour).Truncate(time.Minute),
			Images:    imgs, Captioned: imgs / 2,
		})
	}
	return s
}

func (s *Site) encoding() string {
	if s.Encoding == "" {
		return UTF8
	}
	return s.Encoding
}

func (s *Site) declared() string {
	if s.Declared == "" {
		return s.encoding()
	}
	return s.Declared
}

// ServeHTTP serves the site.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var page string
	switch {
	case r.URL.Path == "/robots.txt":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, "User-agent: *\nDisallow: /quan-tri/\n")
		return
	case r.URL.Path == "/":
		page = s.home()
	default:
		for _, p := range s.Posts {
			if p.Path() == r.URL.Path {
				page = postPage(s.Name, p, s.declared())
				break
			}
		}
	}
	if page == "" {
		http.NotFound(w, r)
		return
	}
	if s.BrokenHTML {
		page = breakHTML(page)
	}
	w.Header().Set("Content-Type", "text/html; charset="+s.declared())
	_, _ = w.Write(s.bytes(page))
}

// bytes encodes a page as the site sends it.
func (s *Site) bytes(page string) []byte {
	var b []byte
	if s.encoding() == Windows1258 {
		b = ToWindows1258(page)
	} else {
		b = []byte(page)
	}
	if s.InvalidBytes {
		b = []byte(strings.ReplaceAll(string(b), "<p>", "<p>\xff\xfe"))
	}
	return b
}

func (s *Site) home() string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="vi"><head><meta charset="%s"><title>%s</title></head><body>`, s.declared(), html.EscapeString(s.Name))
	b.WriteString(`<header><nav><a href="/">Trang chủ</a> <a href="/gioi-thieu">Giới thiệu</a> <a href="/lien-he">Liên hệ</a></nav></header>`)
	b.WriteString(`<main><h2>Tin mới</h2><ul class="tin-moi">`)
	for _, p := range s.Posts {
		fmt.Fprintf(&b, `<li><a href="%s">%s</a> <span class="ngay">%s</span></li>`, p.Path(), html.EscapeString(p.Title), p.Published.Format("02/01/2006"))
	}
	b.WriteString(`</ul></main>`)
	b.WriteString(footer(s.Name))
	b.WriteString(`</body></html>`)
	return b.String()
}

func footer(name string) string {
	return `<footer><p>Chịu trách nhiệm nội dung: Hiệu trưởng ` + html.EscapeString(name) +
		`. Địa chỉ: số 1 đường Lê Lợi. Điện thoại: 0261 3 000 000. Email: truong@example.edu.vn</p></footer>`
}

// postPage renders one post in UTF-8 text that declares charset.
func postPage(site string, p Post, charset string) string {
	var b strings.Builder
	title := html.EscapeString(p.Title)
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="vi"><head><meta charset="%s"><title>%s - %s</title>`, charset, title, html.EscapeString(site))
	fmt.Fprintf(&b, `<meta property="og:type" content="article"><meta property="article:published_time" content="%s"></head><body>`, p.Published.Format(time.RFC3339))
	b.WriteString(`<header><nav><a href="/">Trang chủ</a> <a href="/gioi-thieu">Giới thiệu</a></nav></header>`)
	fmt.Fprintf(&b, `<article><h1 class="title-detail">%s</h1><div class="ngay-dang">Ngày đăng: %s</div><div class="noi-dung">`, title, p.Published.Format("02/01/2006 15:04"))
	// The text names the site and the post: no two posts are copies.
	for i := 0; i < 3; i++ {
		fmt.Fprintf(&b, `<p>Sáng nay, %s đã tổ chức hoạt động “%s” với sự tham gia đông đủ của cán bộ, giáo viên, nhân viên và học sinh toàn trường. `+
			`Buổi sinh hoạt số %d diễn ra trang trọng, thiết thực và để lại nhiều ấn tượng tốt đẹp cho mọi người tham dự.</p>`, html.EscapeString(site), title, i+1)
	}
	for i := 0; i < p.Images; i++ {
		if i < p.Captioned {
			fmt.Fprintf(&b, `<figure><img src="/anh/bai-%d-hinh-%d.jpg" width="800" height="600" alt=""><figcaption>Quang cảnh buổi lễ, hình %d</figcaption></figure>`, p.ID, i+1, i+1)
		} else {
			fmt.Fprintf(&b, `<p><img src="/anh/bai-%d-hinh-%d.jpg" width="800" height="600" alt=""></p>`, p.ID, i+1)
		}
	}
	b.WriteString(`</div></article>`)
	b.WriteString(footer(site))
	b.WriteString(`</body></html>`)
	return b.String()
}

// breakHTML damages a page the way hand-edited sites are damaged: closing
// tags dropped, stray angle brackets, a comment never closed at the end.
func breakHTML(page string) string {
	r := strings.NewReplacer("</p>", "", "</li>", "", "</ul>", "<ul><li>", "</div>", "</span>", "</html>", "", "</body>", "<!-- hết trang", "<h1", "<b><h1")
	return "<<>><p <b>" + r.Replace(page) + "<td><tr></table><a href=\"/x\" <img src=>"
}

// ToWindows1258 encodes UTF-8 text as windows-1258, as Vietnamese Windows
// software writes it: the letters windows-1258 has precomposed (â ă ê ô ơ ư
// đ …) stay whole and the tone marks become combining characters.
// Characters it cannot hold become "?".
func ToWindows1258(s string) []byte {
	d := []rune(norm.NFD.String(s))
	out := make([]byte, 0, len(d))
	for i := 0; i < len(d); i++ {
		r := d[i]
		var tones []rune
		// Fold a following mark into r when windows-1258 has the letter
		// precomposed (ô = o + circumflex); keep the others (tones) combining.
		for i+1 < len(d) && unicode.Is(unicode.Mn, d[i+1]) {
			i++
			c := []rune(norm.NFC.String(string([]rune{r, d[i]})))
			if len(c) == 1 {
				if _, ok := charmap.Windows1258.EncodeRune(c[0]); ok {
					r = c[0]
					continue
				}
			}
			tones = append(tones, d[i])
		}
		for _, x := range append([]rune{r}, tones...) {
			e, ok := charmap.Windows1258.EncodeRune(x)
			if !ok {
				e = '?'
			}
			out = append(out, e)
		}
	}
	return out
}
