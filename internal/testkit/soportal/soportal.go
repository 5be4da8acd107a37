// Package soportal is a simulated Sở GD&ĐT portal for testing attribution:
// a website whose posts are news the province's units sent in, each signed
// the way Vietnamese education portals sign them (a byline at the end of
// the body, "Tác giả:", meta[name=author], "Nguồn:" lines, a title prefix
// "[THPT Chu Văn An] …"), with its ground truth.
//
// Traps: every page carries a sidebar of "Tin đơn vị" links and a box of
// units' names in plain text, and the article a list of other units' posts;
// bodies mention other units, similar names among them (THPT and THCS
// Nguyễn Du, Phòng GD&ĐT huyện Đắk Mil and THPT Đắk Mil); some posts are
// taken from newspapers, some are signed by a person alone, some are
// written by the Sở itself (Văn phòng Sở, Ban Biên tập), some are not signed.
// The truth of a trap post is nobody (or the Sở for its own posts).
//
// Two layouts exist (an ASP.NET portal and a WordPress site), so that a test
// can run two portals. Everything is deterministic in the seed.
package soportal

import (
	"fmt"
	"html"
	"math/rand/v2"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Layouts.
const (
	LayoutPortal    = "portal"
	LayoutWordPress = "wordpress"
)

// Options shape a portal.
type Options struct {
	// Seed makes the portal reproducible. Default 1.
	Seed uint64
	// Now is the fixed present; posts are dated within Months before it.
	Now time.Time
	// Posts is how many posts the portal has. Default 240.
	Posts int
	// Months is the window of the posts. Default 3.
	Months int
	// Layout is LayoutPortal (default) or LayoutWordPress.
	Layout string
	// ID and Name are the portal's unit. Default the Sở (so-gddt).
	ID string
}

// TruthPost is what a perfect reader says of one post.
type TruthPost struct {
	// Path is the post's path on the portal.
	Path  string `json:"path"`
	Title string `json:"title"`
	// Published is the publication time (Asia/Ho_Chi_Minh).
	Published time.Time `json:"published"`
	// ContributedBy is the id of the unit that sent the post ("" nobody can tell).
	ContributedBy string `json:"contributed_by"`
	// Form is how the post is signed (byline-tin-anh, meta-author, newspaper …).
	Form string `json:"form"`
	// Mentions are units named in the body or the title without having sent it.
	Mentions        []string `json:"mentions,omitempty"`
	Images          int      `json:"images"`
	CaptionedImages int      `json:"captioned_images"`
}

// Portal is one simulated portal. It is immutable once made, and safe for
// concurrent use.
type Portal struct {
	o     Options
	units []Unit
	posts []*post
	loc   *time.Location
}

type post struct {
	TruthPost
	id      int
	lead    string
	body    []string
	imgs    []bool // captioned or not
	byline  string // rendered HTML after the body ("" none)
	inBody  string // rendered HTML as the last paragraph of the body
	under   string // rendered HTML under the title
	meta    string // meta[name=author]
	others  []int  // other posts listed in the article
	titleIn string // the title as shown
}

// New builds a portal.
func New(o Options) *Portal {
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Posts <= 0 {
		o.Posts = 240
	}
	if o.Months <= 0 {
		o.Months = 3
	}
	if o.Layout == "" {
		o.Layout = LayoutPortal
	}
	if o.ID == "" {
		o.ID = "so-gddt"
	}
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		loc = time.FixedZone("ICT", 7*3600)
	}
	if o.Now.IsZero() {
		o.Now = time.Date(2026, 11, 25, 10, 0, 0, 0, loc)
	}
	p := &Portal{o: o, units: units(), loc: loc}
	r := rand.New(rand.NewPCG(o.Seed, o.Seed^0x5eed))
	start := o.Now.AddDate(0, -o.Months, 0)
	span := o.Now.Add(-2 * time.Hour).Sub(start)
	for i := range o.Posts {
		t := start.Add(time.Duration(r.Int64N(int64(span)))).In(loc).Truncate(time.Minute)
		p.posts = append(p.posts, p.makePost(r, i, t))
	}
	sort.SliceStable(p.posts, func(a, b int) bool { return p.posts[a].Published.After(p.posts[b].Published) })
	for _, q := range p.posts {
		for k := 0; k < 4; k++ {
			q.others = append(q.others, r.IntN(len(p.posts)))
		}
	}
	return p
}

// Units are the province's units (the portal's own unit first).
func (p *Portal) Units() []Unit { return p.units }

// Truth returns the posts, newest first.
func (p *Portal) Truth() []TruthPost {
	out := make([]TruthPost, len(p.posts))
	for i, q := range p.posts {
		out[i] = q.TruthPost
	}
	return out
}

// MonthlyContributions counts the posts each unit sent, by month ("2026-11") in +07.
func (p *Portal) MonthlyContributions() map[string]map[string]int {
	out := map[string]map[string]int{}
	for _, q := range p.posts {
		if q.ContributedBy == "" {
			continue
		}
		m := q.Published.In(p.loc).Format("2006-01")
		if out[q.ContributedBy] == nil {
			out[q.ContributedBy] = map[string]int{}
		}
		out[q.ContributedBy][m]++
	}
	return out
}

// SitesYAML is a registry of the province with the portal at portalURL
// (portal: true) and every other unit disabled at its own host (they are
// not served: only the portal is crawled).
func (p *Portal) SitesYAML(portalURL string) []byte {
	var b strings.Builder
	b.WriteString("settings:\n  timezone: Asia/Ho_Chi_Minh\n  allow_private_network: true\n  delay: 0s\n")
	b.WriteString("units:\n")
	for _, u := range p.units {
		url := "https://" + u.Host + "/"
		if u.Host == "" {
			url = "https://" + u.ID + ".lamha.gov.vn/"
		}
		extra := "    enabled: false\n"
		if u.ID == p.o.ID {
			url, extra = portalURL, "    portal: true\n"
		}
		fmt.Fprintf(&b, "  - id: %s\n    name: %s\n    kind: %s\n    block: %s\n    url: %s\n%s", u.ID, strconv.Quote(u.Name), u.Kind, strconv.Quote(u.Block), strconv.Quote(url), extra)
		if len(u.Aliases) > 0 {
			b.WriteString("    aliases: [")
			for i, a := range u.Aliases {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(strconv.Quote(a))
			}
			b.WriteString("]\n")
		}
	}
	return []byte(b.String())
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

var (
	families = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"}
	middles  = []string{"Văn", "Thị", "Hữu", "Ngọc", "Minh", "Thu", "Đức"}
	givens   = []string{"Hoa", "Minh", "Lan", "Hùng", "Mai", "Nam", "Hạnh", "Tuấn", "Thảo", "Sơn", "Yến", "Long"}
	events   = []string{
		"Hội thi giáo viên dạy giỏi cấp trường năm học 2026-2027", "Lễ kỷ niệm Ngày Nhà giáo Việt Nam 20/11",
		"Hội khỏe Phù Đổng cấp cơ sở", "Chuyên đề đổi mới phương pháp dạy học môn Toán", "Ngày hội đọc sách",
		"Tập huấn chuyển đổi số trong nhà trường", "Hoạt động trải nghiệm Tết Trung thu cho học sinh",
		"Hội nghị cán bộ, công chức, viên chức", "Giải bóng đá học sinh", "Ngoại khóa phòng chống đuối nước",
		"Khai giảng năm học mới", "Tuyên truyền an toàn giao thông", "Hội trại truyền thống", "Sinh hoạt chuyên môn theo cụm trường",
	}
	phrases = []string{
		"Các em học sinh tham gia hoạt động", "Quang cảnh buổi lễ", "Lãnh đạo nhà trường trao thưởng", "Tiết mục văn nghệ chào mừng",
		"Giáo viên trao đổi chuyên môn", "Các đội thi tranh tài", "Đại biểu dự buổi lễ",
	}
	newspapers = []string{"Nguồn: Báo Lâm Hà", "Nguồn: Báo Giáo dục và Thời đại", "Theo Báo Lâm Hà điện tử", "Nguồn tin: https://baolamha.vn/giao-duc/tin-%d.html", "Nguồn: Cổng TTĐT tỉnh Lâm Hà"}
	office     = []string{"Văn phòng Sở", "Ban Biên tập", "BBT", "Tin: Sở GD&ĐT", "Phòng GDTrH", "Phòng GDMN"}
)

func person(r *rand.Rand) string {
	return pick(r, families) + " " + pick(r, middles) + " " + pick(r, givens)
}

// makePost draws a post: who sent it, how it is signed, what it mentions.
func (p *Portal) makePost(r *rand.Rand, i int, t time.Time) *post {
	q := &post{id: 1000 + i}
	q.Published = t
	q.Path = fmt.Sprintf("/tin-tuc/%d-bai-viet.html", q.id)
	if p.o.Layout == LayoutWordPress {
		q.Path = fmt.Sprintf("/%s/tin-bai-%d/", t.Format("2006/01/02"), q.id)
	}
	ev := pick(r, events)
	q.Title = ev
	q.titleIn = ev
	others := p.units[1:]
	sender := others[r.IntN(len(others))]
	// Similar names are sent often.
	if chance(r, 0.3) {
		sender = *p.unit(pick(r, []string{"thpt-nguyen-du", "thcs-nguyen-du", "pgd-dak-mil", "thpt-dak-mil", "thpt-le-quy-don", "thcs-le-quy-don", "tt-krong-no", "thpt-krong-no", "pgd-krong-no"}))
	}
	name := pick(r, sender.writings)
	if len(sender.Aliases) > 0 && chance(r, 0.2) {
		name = pick(r, sender.Aliases)
	}
	mention := others[r.IntN(len(others))]
	if twin := p.twin(sender.ID); twin != "" && chance(r, 0.5) {
		mention = *p.unit(twin)
	}
	q.lead = fmt.Sprintf("Vừa qua, %s đã tổ chức %s.", "đơn vị", lower(ev))
	q.body = []string{
		"Chương trình diễn ra trong không khí trang trọng, với sự tham gia của đông đảo cán bộ, giáo viên, nhân viên và học sinh; đây là dịp để các em rèn luyện kỹ năng, phát huy tinh thần đoàn kết.",
		"Thông qua hoạt động, nhà trường mong muốn nâng cao chất lượng giáo dục toàn diện, tạo sân chơi bổ ích, lành mạnh cho học sinh.",
		fmt.Sprintf("Có %d lượt học sinh và %d giáo viên tham gia các nội dung của chương trình.", 40+r.IntN(900), 5+r.IntN(80)),
	}
	for k := range r.IntN(5) {
		q.imgs = append(q.imgs, chance(r, 0.6))
		_ = k
	}
	form := ""
	switch x := r.Float64(); {
	case x < 0.66:
		q.ContributedBy = sender.ID
		form = p.sign(r, q, &sender, name)
	case x < 0.76:
		q.ContributedBy = p.o.ID
		form = "office"
		sig := pick(r, office)
		switch sig {
		case "Phòng GDTrH":
			q.ContributedBy = "p-gdtrh"
		case "Phòng GDMN":
			q.ContributedBy = "p-gdmn"
		}
		if chance(r, 0.5) {
			q.Title = "Lãnh đạo Sở làm việc với " + mention.Name
			q.titleIn = q.Title
			q.Mentions = append(q.Mentions, mention.ID)
		}
		q.byline = fmt.Sprintf(`<p style="text-align: right;"><strong>%s</strong></p>`, esc(sig))
	case x < 0.84:
		form = "newspaper"
		src := pick(r, newspapers)
		if strings.Contains(src, "%d") {
			src = fmt.Sprintf(src, q.id)
		}
		q.byline = fmt.Sprintf(`<p style="text-align: right;"><em>%s</em></p>`, esc(src))
		if chance(r, 0.5) {
			q.inBody = fmt.Sprintf(`<p>Bài viết ghi nhận hoạt động của %s.</p>`, esc(mention.Name))
			q.Mentions = append(q.Mentions, mention.ID)
		}
	case x < 0.92:
		form = "person-only"
		q.byline = fmt.Sprintf(`<p style="text-align: right;"><strong>%s</strong></p>`, esc(person(r)))
	default:
		form = "unsigned-mention"
	}
	q.Form = form
	// Mentions in the body, the last paragraph included.
	if form != "newspaper" && chance(r, 0.6) || form == "unsigned-mention" {
		q.body = append(q.body, fmt.Sprintf("Dịp này, đoàn đã đến thăm và trao đổi kinh nghiệm với %s.", mention.Name))
		q.Mentions = append(q.Mentions, mention.ID)
	}
	for _, c := range q.imgs {
		q.Images++
		if c {
			q.CaptionedImages++
		}
	}
	return q
}

// sign writes the signature of a contributed post in one of the forms.
func (p *Portal) sign(r *rand.Rand, q *post, u *Unit, name string) string {
	switch r.IntN(10) {
	case 0:
		q.byline = fmt.Sprintf(`<p style="text-align: right;"><strong>Tin, ảnh: %s</strong></p>`, esc(name))
		return "byline-tin-anh"
	case 1:
		q.inBody = fmt.Sprintf(`<p><em>Bài và ảnh: %s – %s</em></p>`, esc(person(r)), esc(name))
		return "byline-bai-va-anh"
	case 2:
		q.byline = fmt.Sprintf(`<div class="author-detail" style="text-align: right;"><strong>%s (%s)</strong></div>`, esc(person(r)), esc(name))
		return "byline-person-unit"
	case 3:
		q.under = fmt.Sprintf(`<div class="tacgia">Tác giả: %s</div>`, esc(name))
		return "author-element"
	case 4:
		q.meta = name
		return "meta-author"
	case 5:
		q.byline = fmt.Sprintf(`<p>%s: %s</p>`, pick(r, []string{"Nguồn", "Nguồn tin"}), esc(name))
		return "source"
	case 6:
		short := u.writings[0]
		if len(u.writings) > 1 {
			short = u.writings[1]
		}
		q.titleIn = "[" + short + "] " + q.Title
		q.Title = q.titleIn
		if chance(r, 0.5) {
			q.byline = fmt.Sprintf(`<p style="text-align: right;"><strong>%s</strong></p>`, esc(person(r)))
		}
		return "title-prefix"
	case 7:
		if u.Host != "" {
			q.byline = fmt.Sprintf(`<p><em>Nguồn: %s</em></p>`, esc(u.Host))
			return "source-host"
		}
		fallthrough
	case 8:
		q.byline = fmt.Sprintf(`<p align="right"><em>%s</em></p>`, esc(name))
		return "byline-unit-only"
	default:
		q.inBody = fmt.Sprintf(`<p style="text-align: right;"><b>Tin: %s</b></p>`, esc(name))
		return "byline-tin"
	}
}

func chance(r *rand.Rand, x float64) bool { return r.Float64() < x }

func (p *Portal) unit(id string) *Unit {
	for i := range p.units {
		if p.units[i].ID == id {
			return &p.units[i]
		}
	}
	panic("soportal: no unit " + id)
}

// twin is the unit with a similar name, if any.
func (p *Portal) twin(id string) string {
	pairs := map[string]string{"thpt-nguyen-du": "thcs-nguyen-du", "thcs-nguyen-du": "thpt-nguyen-du", "pgd-dak-mil": "thpt-dak-mil",
		"thpt-dak-mil": "pgd-dak-mil", "thpt-le-quy-don": "thcs-le-quy-don", "thcs-le-quy-don": "thpt-le-quy-don",
		"tt-krong-no": "thpt-krong-no", "thpt-krong-no": "pgd-krong-no", "pgd-krong-no": "tt-krong-no"}
	return pairs[id]
}

func lower(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}

func esc(s string) string { return html.EscapeString(s) }

// Handler serves the portal: robots.txt, sitemap.xml, listing pages
// (/tin-tuc?page=N), and the posts.
func (p *Portal) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "User-agent: *\nDisallow:\n\nSitemap: http://%s/sitemap.xml\n", r.Host)
	})
	mux.HandleFunc("/sitemap.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml; charset=utf-8")
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
		for _, q := range p.posts {
			fmt.Fprintf(w, "<url><loc>http://%s%s</loc><lastmod>%s</lastmod></url>\n", r.Host, q.Path, q.Published.Format(time.RFC3339))
		}
		fmt.Fprint(w, `</urlset>`)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/" || r.URL.Path == "/tin-tuc" {
			n, _ := strconv.Atoi(r.URL.Query().Get("page"))
			fmt.Fprint(w, p.listing(max(1, n)))
			return
		}
		for _, q := range p.posts {
			if q.Path == r.URL.Path {
				fmt.Fprint(w, p.page(q))
				return
			}
		}
		http.NotFound(w, r)
	})
	return mux
}

// perPage is the listing size.
const perPage = 20

func (p *Portal) listing(n int) string {
	var b strings.Builder
	b.WriteString(`<div class="list-news"><h1>Tin tức - Sự kiện</h1>`)
	lo := (n - 1) * perPage
	for _, q := range p.posts[min(lo, len(p.posts)):min(lo+perPage, len(p.posts))] {
		fmt.Fprintf(&b, `<div class="item"><h3><a href="%s">%s</a></h3><span class="date">%s</span></div>`, q.Path, esc(q.titleIn), q.Published.Format("02/01/2006"))
	}
	if lo+perPage < len(p.posts) {
		fmt.Fprintf(&b, `<div class="paging"><a href="/tin-tuc?page=%d" rel="next">Trang sau</a></div>`, n+1)
	}
	b.WriteString(`</div>`)
	return p.layout("Tin tức", "", b.String())
}

// layout wraps main in the portal's page with its sidebar traps.
func (p *Portal) layout(title, meta, main string) string {
	var side strings.Builder
	side.WriteString(`<div class="box"><div class="box-title">Tin đơn vị</div><ul>`)
	for k, q := range p.posts[:min(8, len(p.posts))] {
		u := p.units[1+k%(len(p.units)-1)]
		fmt.Fprintf(&side, `<li><a href="%s">[%s] %s</a></li>`, q.Path, esc(u.writings[len(u.writings)-1]), esc(q.Title))
	}
	side.WriteString(`</ul></div><div class="box"><div class="box-title">Đơn vị gửi tin nhiều nhất</div>`)
	for _, u := range p.units[4:9] {
		fmt.Fprintf(&side, `<p>Tin, ảnh: %s</p>`, esc(u.Name))
	}
	side.WriteString(`</div>`)
	self := p.unit(p.o.ID)
	if p.o.Layout == LayoutWordPress {
		return fmt.Sprintf(`<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>%s – %s</title>%s</head><body>
<header class="site-header"><a href="/">%s</a><nav><ul><li><a href="/tin-tuc">Tin tức</a></li><li><a href="/tin-tuc">Tin đơn vị</a></li></ul></nav></header>
<div class="site-content"><main id="main">%s</main>
<aside id="secondary" class="widget-area"><section class="widget">%s</section></aside></div>
<footer class="site-footer"><p>%s</p><p>Tin, ảnh: Trường THPT Đắk Mil</p></footer></body></html>`,
			esc(title), esc(self.Name), meta, esc(self.Name), main, side.String(), esc(self.Name))
	}
	return fmt.Sprintf(`<!DOCTYPE html><html lang="vi"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>%s - %s</title>%s</head><body><form id="aspnetForm" method="post" action="./">
<div id="wrapper"><div id="header"><a href="/"><img src="/banner.jpg" alt="%s" width="1000" height="150"></a></div>
<div id="menu"><ul class="menu-top"><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc">Tin tức</a></li><li><a href="/tin-tuc">Tin đơn vị</a></li></ul></div>
<div id="content"><div class="col-a">%s</div><div class="col-b">%s</div></div>
<div id="ft"><p>%s</p><p>Chịu trách nhiệm: Giám đốc Sở</p></div></div></form></body></html>`,
		esc(title), esc(self.Name), meta, esc(self.Name), main, side.String(), esc(self.Name))
}

// page renders a post.
func (p *Portal) page(q *post) string {
	meta := fmt.Sprintf(`<meta property="article:published_time" content="%s">`, q.Published.Format(time.RFC3339))
	if p.o.Layout == LayoutWordPress {
		meta += `<meta property="og:type" content="article">`
	}
	if q.meta != "" {
		meta += fmt.Sprintf(`<meta name="author" content="%s">`, esc(q.meta))
	}
	var body strings.Builder
	fmt.Fprintf(&body, "<p><strong>%s</strong></p>\n", esc(q.lead))
	for k, c := range q.imgs {
		if p.o.Layout == LayoutWordPress {
			fmt.Fprintf(&body, `<figure class="wp-block-image"><img src="/uploads/%d-%d.jpg" width="800" height="533" alt="">`, q.id, k)
			if c {
				fmt.Fprintf(&body, `<figcaption>%s</figcaption>`, esc(phrases[k%len(phrases)]))
			}
			body.WriteString("</figure>\n")
		} else {
			fmt.Fprintf(&body, `<p style="text-align: center;"><img src="/Uploads/%d-%d.jpg" width="800" height="533" /></p>`, q.id, k)
			if c {
				fmt.Fprintf(&body, `<p style="text-align: center;"><em>%s</em></p>`, esc(phrases[k%len(phrases)]))
			}
			body.WriteString("\n")
		}
		if k < len(q.body) {
			fmt.Fprintf(&body, "<p>%s</p>\n", esc(q.body[k]))
		}
	}
	for k := len(q.imgs); k < len(q.body); k++ {
		fmt.Fprintf(&body, "<p>%s</p>\n", esc(q.body[k]))
	}
	body.WriteString(q.inBody)
	var others strings.Builder
	for _, k := range q.others {
		o := p.posts[k]
		fmt.Fprintf(&others, `<li><a href="%s">%s</a></li>`, o.Path, esc(o.titleIn))
	}
	date := q.Published.Format("02/01/2006 15:04")
	var main string
	if p.o.Layout == LayoutWordPress {
		main = fmt.Sprintf(`<article class="post type-post"><header class="entry-header"><h1 class="entry-title">%s</h1><div class="entry-meta"><span class="posted-on">Ngày đăng: %s</span></div>%s</header>
<div class="entry-content">%s</div>%s
<div class="related-posts"><h3>Tin cùng chuyên mục</h3><ul>%s</ul></div></article>`, esc(q.titleIn), date, q.under, body.String(), q.byline, others.String())
	} else {
		main = fmt.Sprintf(`<div class="news-detail"><h1 class="title-detail">%s</h1><div class="meta-detail"><span class="date">Ngày đăng: %s</span></div>%s
<div class="content-detail">%s</div>%s
<div class="tin-khac"><h3>Các tin đã đưa</h3><ul>%s</ul></div></div>`, esc(q.titleIn), date, q.under, body.String(), q.byline, others.String())
	}
	return p.layout(q.titleIn, meta, main)
}
