package simweb

import (
	"fmt"
	"html"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// slugify turns Vietnamese text into an ASCII URL slug.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		}
		r = unicode.ToLower(r)
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// compact is slugify without dashes: "Chu Văn An" → "chuvanan".
func compact(s string) string { return strings.ReplaceAll(slugify(s), "-", "") }

// cut shortens a slug to at most n bytes, at a dash when possible.
func cut(slug string, n int) string {
	if len(slug) <= n {
		return slug
	}
	s := slug[:n]
	if i := strings.LastIndexByte(s, '-'); i > n/2 {
		s = s[:i]
	}
	return strings.TrimRight(s, "-")
}

var esc = html.EscapeString

var weekdays = [7]string{"Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"}
var weekdaysCap = [7]string{"Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

func dmy(t time.Time) string      { return t.Format("02/01/2006") }
func dmyhm(t time.Time) string    { return t.Format("02/01/2006 15:04") }
func isoLocal(t time.Time) string { return t.In(zone()).Format("2006-01-02T15:04:05-07:00") }
func isoUTC(t time.Time) string   { return t.UTC().Format("2006-01-02T15:04:05+00:00") }
func rfc1123GMT(t time.Time) string {
	return t.UTC().Format("Mon, 02 Jan 2006 15:04:05") + " GMT"
}
func rssDate(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Mon, 02 Jan 2006 15:04:05 -0700")
}

// relative renders t relative to now as Vietnamese sites do, or "" when t
// is more than a week old.
func relative(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < 0:
		return ""
	case d < time.Hour:
		return fmt.Sprintf("%d phút trước", max(1, int(d.Minutes())))
	case sameDay(now, t):
		return fmt.Sprintf("%d giờ trước", int(d.Hours()))
	case sameDay(now.AddDate(0, 0, -1), t):
		return "hôm qua"
	case d < 7*24*time.Hour:
		days := int(dayStart(now).Sub(dayStart(t)).Hours()/24 + 0.5)
		return fmt.Sprintf("%d ngày trước", days)
	}
	return ""
}

func sameDay(a, b time.Time) bool {
	a, b = a.In(zone()), b.In(zone())
	return a.Year() == b.Year() && a.YearDay() == b.YearDay()
}

func dayStart(t time.Time) time.Time {
	t = t.In(zone())
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, zone())
}

// shownDate is the listing date of a post: relative when the site does so
// and the post is recent, otherwise abs(t).
func (s *Site) shownDate(t time.Time, abs func(time.Time) string) string {
	if s.feats.relDates {
		if r := relative(s.Now, t); r != "" {
			return r
		}
	}
	return abs(t)
}

// lead is the first paragraph of a post: what happened and when (the event
// date, which is not always the publication date).
func (s *Site) lead(p *post) string {
	r := rng(p.seed, 7)
	ev := p.event
	day := fmt.Sprintf("%d/%d", ev.Day(), int(ev.Month()))
	if chance(r, 0.4) {
		day += fmt.Sprintf("/%d", ev.Year())
	}
	if p.notice {
		return fmt.Sprintf("Căn cứ kế hoạch năm học %s, %s thông báo đến cán bộ, giáo viên, nhân viên, học sinh và cha mẹ học sinh nội dung về %s.",
			schoolYear(p.pub), s.UnitName, lcFirst(p.title))
	}
	opener := pick(r, leadOpeners)
	if opener == "Trong hai ngày" {
		prev := ev.AddDate(0, 0, -1)
		day = fmt.Sprintf("%d-%d/%d", prev.Day(), ev.Day(), int(ev.Month()))
		if prev.Month() != ev.Month() {
			day = fmt.Sprintf("%d/%d và %d/%d", prev.Day(), int(prev.Month()), ev.Day(), int(ev.Month()))
		}
	}
	if r.IntN(2) == 0 {
		return fmt.Sprintf("%s %s, tại %s đã diễn ra %s với sự tham gia của đông đảo cán bộ, giáo viên và học sinh.", opener, day, s.UnitName, lcFirst(p.title))
	}
	return fmt.Sprintf("%s %s, %s phối hợp với Ban đại diện cha mẹ học sinh tổ chức hoạt động: %s.", opener, day, s.UnitName, lcFirst(p.title))
}

// lcFirst lower-cases the first letter of a title used inside a sentence.
func lcFirst(t string) string {
	for i, r := range t {
		return string(unicode.ToLower(r)) + t[i+len(string(r)):]
	}
	return t
}

// summary is the short text of listings and feeds.
func (s *Site) summary(p *post) string {
	l := s.lead(p)
	if len(l) > 220 {
		l = l[:strings.LastIndexByte(l[:220], ' ')] + "..."
	}
	return l
}

// paragraphs returns the body paragraphs of p (the lead excluded).
func (s *Site) paragraphs(p *post) []string {
	r := rng(p.seed, 11)
	n := 3 + r.IntN(4)
	out := make([]string, 0, n+1)
	perm := r.Perm(len(bodySentences))
	for i := range n {
		a := bodySentences[perm[(2*i)%len(perm)]]
		b := bodySentences[perm[(2*i+1)%len(perm)]]
		out = append(out, a+" "+b)
	}
	if p.notice {
		dl := p.pub.AddDate(0, 0, 10+r.IntN(20))
		out = append(out, fmt.Sprintf("Thời gian nhận hồ sơ, đăng ký: từ ngày %s đến hết ngày %s. Sau thời hạn trên, nhà trường không giải quyết các trường hợp nộp muộn.", dmy(p.pub.AddDate(0, 0, 1)), dmy(dl)))
	}
	return out
}

// author is the signature line of a post.
func (s *Site) author(p *post) string {
	return []string{"Văn phòng", "Tổ Văn phòng", "Ban biên tập", "Đoàn trường", "Tổ chuyên môn", "Quản trị"}[p.seed%6]
}

// imgAlt renders the alt attribute of im (with its leading space), or "".
func imgAlt(p *post, im img) string {
	switch im.alt {
	case altEmpty:
		return ` alt=""`
	case altFilename:
		return ` alt="` + esc(cameraNames[int(im.variant)%len(cameraNames)]) + `"`
	case altTitle:
		return ` alt="` + esc(p.title) + `"`
	case altText:
		return ` alt="` + esc(photoPhrases[im.phrase]) + `"`
	}
	return ""
}

func caption(im img) string { return photoPhrases[im.phrase] }

// imgName is a file name for image i of p.
func imgName(p *post, i int, im img) string {
	return photoSlugs[im.phrase] + "-" + strconv.Itoa(i) + ".jpg"
}

// photoSlugs are the file-name stems of photoPhrases.
var photoSlugs = func() []string {
	out := make([]string, len(photoPhrases))
	for i, p := range photoPhrases {
		out[i] = cut(slugify(p), 36)
	}
	return out
}()

// dims returns deterministic width and height for an image.
func dims(im img) (int, int) {
	switch im.variant % 4 {
	case 0:
		return 800, 533
	case 1:
		return 1024, 683
	case 2:
		return 600, 800
	}
	return 1200, 800
}

// fbEmoji is an emoji image pasted from Facebook (16px, not content).
func fbEmoji(r *rand.Rand) string {
	i := r.IntN(len(emojiCodes))
	return fmt.Sprintf(`<img height="16" width="16" alt="%s" referrerpolicy="origin-when-cross-origin" src="https://static.xx.fbcdn.net/images/emoji.php/v9/t%02x/1/16/%s.png" />`, emojiChars[i], r.IntN(200), emojiCodes[i])
}

// padding returns a shared block of inline CSS used to pad pages to the
// requested size.
func padding(pageBytes int) string {
	if pageBytes <= 0 {
		return ""
	}
	var b strings.Builder
	n := pageBytes*3/2 + 2048
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, ".tb-%d .col-%d>a:hover{margin:0 %dpx;padding:%dpx %dpx;color:#%06x;border-bottom:1px solid #%06x}\n",
			i, i%24, i%9, i%7, i%13, (i*7919)&0xffffff, (i*104729)&0xffffff)
	}
	return b.String()
}

// padPage inserts inline CSS before </head> so that the page weighs about
// s.pageBytes (±30 %, varying by key).
func (s *Site) padPage(page, key string) string {
	if s.pageBytes <= 0 || s.pad == "" {
		return page
	}
	h := mix(s.seed, fnv(key))
	target := s.pageBytes*7/10 + int(h%uint64(s.pageBytes*6/10+1))
	need := target - len(page) - 40
	if need <= 0 {
		return page
	}
	if need > len(s.pad) {
		need = len(s.pad)
	}
	chunk := s.pad[:need]
	if i := strings.LastIndexByte(chunk, '\n'); i > 0 {
		chunk = chunk[:i+1]
	}
	i := strings.Index(page, "</head>")
	if i < 0 {
		return page
	}
	return page[:i] + "<style id=\"theme-inline-css\">\n" + chunk + "</style>\n" + page[i:]
}

func fnv(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// footerLines returns the legal footer parts the site shows.
func (s *Site) footerLines() []string {
	var out []string
	if s.Footer.Address {
		out = append(out, fmt.Sprintf("Địa chỉ: Xã %s, huyện %s, tỉnh %s", s.commune, s.district, provinceName))
	}
	switch {
	case s.Footer.Phone && s.Footer.Email:
		out = append(out, fmt.Sprintf("Điện thoại: %s - Email: %s", s.phone, s.email))
	case s.Footer.Phone:
		out = append(out, "Điện thoại: "+s.phone)
	case s.Footer.Email:
		out = append(out, "Email: "+s.email)
	}
	if s.Footer.Responsible {
		out = append(out, fmt.Sprintf("Chịu trách nhiệm nội dung: %s - %s", s.leader, s.leaderTitle()))
	}
	return out
}

func (s *Site) leaderTitle() string {
	switch s.Kind {
	case "phong_gddt", "phong_so":
		return "Trưởng phòng"
	}
	if strings.HasPrefix(s.UnitName, "Trung tâm") {
		return "Giám đốc"
	}
	return "Hiệu trưởng"
}

// staticPage is one non-post page every site carries in its menus.
type staticPage struct {
	id    string // required-section id it satisfies ("" for none)
	label string
	slug  string
}

// staticPages lists the site's menu pages, skipping missing sections.
func (s *Site) staticPages() []staticPage {
	all := []staticPage{
		{"gioi_thieu", "Giới thiệu", "gioi-thieu"},
		{"gioi_thieu", "Cơ cấu tổ chức", "co-cau-to-chuc"},
		{"cong_khai", "Công khai", "cong-khai"},
		{"tuyen_sinh", "Tuyển sinh", "tuyen-sinh"},
		{"thu_tuc", "Thủ tục hành chính", "thu-tuc-hanh-chinh"},
		{"gop_y", "Hỏi đáp - Góp ý", "hoi-dap"},
		{"", "Lịch công tác", "lich-cong-tac"},
		{"lien_he", "Liên hệ", "lien-he"},
	}
	var out []staticPage
	for _, p := range all {
		if p.id == "" || s.hasSection(p.id) {
			out = append(out, p)
		}
	}
	return out
}

// staticBody is the content of a static page.
func (s *Site) staticBody(pg staticPage) string {
	var b strings.Builder
	switch pg.slug {
	case "gioi-thieu":
		fmt.Fprintf(&b, "<p>%s được thành lập năm %d, là đơn vị sự nghiệp giáo dục trên địa bàn huyện %s, tỉnh %s.</p>", esc(s.UnitName), 1960+int(s.seed%50), esc(s.district), provinceName)
		fmt.Fprintf(&b, "<p>Phương châm: %s.</p><p>Hiện nay đơn vị có %d cán bộ, giáo viên, nhân viên; %d%% giáo viên đạt chuẩn và trên chuẩn.</p>", esc(s.slogan), 40+int(s.seed%60), 92+int(s.seed%8))
	case "co-cau-to-chuc":
		fmt.Fprintf(&b, "<p><strong>%s:</strong> %s</p><p><strong>Phó %s:</strong> %s, %s</p><p>Các tổ chuyên môn: Tổ Toán - Tin, Tổ Ngữ văn, Tổ Ngoại ngữ, Tổ Khoa học tự nhiên, Tổ Văn phòng.</p>",
			s.leaderTitle(), esc(strings.TrimPrefix(strings.TrimPrefix(s.leader, "Ông "), "Bà ")), strings.ToLower(s.leaderTitle()), "Nguyễn Văn Hòa", "Trần Thị Thu Hà")
		b.WriteString(`<p style="text-align:center"><img src="/images/so-do-to-chuc.png" alt="Sơ đồ tổ chức" width="900" height="500" /></p>`)
	case "cong-khai":
		b.WriteString("<p>Thực hiện Thông tư 09/2024/TT-BGDĐT quy định về công khai trong hoạt động của các cơ sở giáo dục, đơn vị công khai các nội dung sau:</p><ul>")
		for _, d := range s.docs[:min(3, len(s.docs))] {
			fmt.Fprintf(&b, `<li><a href="%s">%s</a> (%s)</li>`, s.st.docFile(s, d), esc(d.title), dmy(d.date))
		}
		b.WriteString("</ul>")
	case "tuyen-sinh":
		fmt.Fprintf(&b, "<p>Thông tin tuyển sinh năm học %s: chỉ tiêu, đối tượng, hồ sơ và lịch tuyển sinh được cập nhật tại trang này.</p><p>Hồ sơ nộp trực tiếp tại văn phòng nhà trường từ ngày 01/07 đến ngày 15/07 hằng năm.</p>", schoolYear(s.Now))
	case "thu-tuc-hanh-chinh":
		b.WriteString("<p>Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết: chuyển trường đối với học sinh; xét tuyển sinh; cấp bản sao văn bằng, chứng chỉ.</p><p>Tra cứu và nộp hồ sơ trên Cổng dịch vụ công trực tuyến của tỉnh.</p>")
	case "hoi-dap":
		b.WriteString("<p>Quý phụ huynh, học sinh có ý kiến góp ý xin gửi về hộp thư của đơn vị hoặc điền vào mẫu dưới đây.</p><form method=\"post\" action=\"#\"><input name=\"hoten\" placeholder=\"Họ và tên\" /><textarea name=\"noidung\"></textarea><button>Gửi góp ý</button></form>")
	case "lich-cong-tac":
		mon := dayStart(s.Now).AddDate(0, 0, -int(s.Now.Weekday()+6)%7)
		fmt.Fprintf(&b, "<h3>Lịch công tác tuần từ %s đến %s</h3><table class=\"table\"><tr><th>Thứ, ngày</th><th>Nội dung</th></tr>", dmy(mon), dmy(mon.AddDate(0, 0, 6)))
		for i := range 6 {
			d := mon.AddDate(0, 0, i)
			fmt.Fprintf(&b, "<tr><td>%s %s</td><td>%s</td></tr>", weekdaysCap[d.Weekday()], d.Format("02/01"), []string{"Chào cờ đầu tuần; họp giao ban", "Dự giờ tổ Toán", "Kiểm tra sổ sách, kế hoạch bài dạy", "Sinh hoạt chuyên đề", "Họp Hội đồng sư phạm", "Lao động vệ sinh"}[i])
		}
		b.WriteString("</table>")
	case "lien-he":
		fmt.Fprintf(&b, "<p><strong>%s</strong></p><p>Địa chỉ: Xã %s, huyện %s, tỉnh %s</p><p>Điện thoại: %s</p><p>Email: %s</p>", esc(s.UnitName), esc(s.commune), esc(s.district), provinceName, s.phone, s.email)
	}
	return b.String()
}

// block is one piece of a post body: a paragraph (img < 0) or an image
// (index into post.imgs).
type block struct {
	text  string
	img   int
	emoji bool // paragraph ends with a pasted emoji image
}

// blocks lays out the body of p after the lead: paragraphs with the
// non-featured images between them, sometimes several images in a row, and
// always a paragraph last (so a closing centred line never sits right under
// an image).
func (s *Site) blocks(p *post) []block {
	r := rng(p.seed, 13)
	paras := s.paragraphs(p)
	var imgs []int
	for i, im := range p.imgs {
		if !im.featured {
			imgs = append(imgs, i)
		}
	}
	var out []block
	pi := 0
	for len(imgs) > 0 || pi < len(paras) {
		if pi < len(paras) {
			out = append(out, block{text: paras[pi], img: -1})
			pi++
		}
		k := 1
		if chance(r, 0.3) {
			k = 2
		}
		if pi >= len(paras) {
			k = len(imgs)
		}
		for ; k > 0 && len(imgs) > 0; k-- {
			out = append(out, block{img: imgs[0]})
			imgs = imgs[1:]
		}
	}
	if len(out) == 0 || out[len(out)-1].img >= 0 {
		out = append(out, block{text: "Một số hình ảnh của chương trình đã được đăng tải trên trang thông tin điện tử của đơn vị.", img: -1})
	}
	if s.feats.fbEmoji && p.seed%3 == 0 {
		out[0].emoji = true
	}
	return out
}

// closingLine is a centred italic line at the end of some posts: it is
// not a caption because it does not sit under an image.
func (s *Site) closingLine(p *post) string {
	if p.seed%4 != 1 {
		return ""
	}
	return "Cùng chung tay xây dựng trường học an toàn, thân thiện, hạnh phúc!"
}

// pageOf returns page n (1-based) of list with per items, and the number of
// pages (at least 1).
func pageOf(list []*post, per, n int) ([]*post, int) {
	pages := max(1, (len(list)+per-1)/per)
	if n < 1 || n > pages {
		return nil, pages
	}
	lo := (n - 1) * per
	return list[lo:min(len(list), lo+per)], pages
}

// perPage is the listing size of the site, between lo and hi.
func (s *Site) perPage(lo, hi int) int { return lo + int(s.seed%uint64(hi-lo+1)) }

// staticLM is the Last-Modified of pages that do not change.
func (s *Site) staticLM() time.Time { return dayStart(s.Now.AddDate(0, -3, -4)).Add(9 * time.Hour) }

// newestLM is the Last-Modified of pages that change with every post.
func (s *Site) newestLM() time.Time { return s.modTime }

// postLM is the Last-Modified of a post page.
func (p *post) lastMod() time.Time {
	if p.lm.After(p.upd) {
		return p.lm
	}
	return p.upd
}
