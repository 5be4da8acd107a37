package simweb

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Site is one generated unit website: its identity, its content model and
// the run-time state that Mutate-style methods change. Sites are made by
// Generate; the exported fields are fixed after that and safe to read from
// any goroutine. The posts are guarded by an internal lock, so Handler,
// Truth and the mutators may be used concurrently.
type Site struct {
	// Index is the position of the site in Generate's output; with the seed
	// it determines everything else.
	Index int
	// Name is the unit id used in sites.yaml, e.g. "thpt-chuvanan-7".
	Name string
	// Style is the CMS style, one of AllStyles().
	Style string
	// UnitName is the unit's Vietnamese name, e.g. "Trường THPT Chu Văn An".
	UnitName string
	// Kind is the sites.yaml kind: phong_gddt, truc_thuoc or phong_so.
	Kind string
	// Block is the emulation block (khối thi đua) of the unit.
	Block string
	// Now is the fixed present of the site.
	Now time.Time
	// Profile is the activity profile: steady, sparse, stale or bursty.
	Profile string
	// Sections lists the required-section ids (config.DefaultRequirements)
	// that the site carries in its menus; the others are missing on purpose.
	Sections []string
	// Footer says which parts of the legal footer the site shows.
	Footer Footer
	// Charset is the declared charset of the static style: "utf-8",
	// "windows-1258" (bytes really are windows-1258) or "windows-1258-wrong"
	// (declared windows-1258, bytes are UTF-8). Empty for other styles.
	Charset string

	seed      uint64
	district  string
	commune   string
	slogan    string
	leader    string
	phone     string
	email     string
	domain    string
	grades    [2]int
	cats      []category
	docs      []doc
	pageBytes int
	pad       string
	feats     siteFeatures
	st        style
	stats     counters
	cust      *customSite // StyleCustom only: the drawn layout

	mu      sync.RWMutex
	posts   []*post // newest first (by published time)
	nextID  int
	added   int
	modTime time.Time
	ver     int // bumped by every change of the posts
	fault   Fault
	// withdrawn are posts taken off the site by WithdrawPost, by canonical
	// path, with the status their page answers.
	withdrawn map[string]withdrawnPost
}

// withdrawnPost is a post taken off the site and the status of its page.
type withdrawnPost struct {
	p      *post
	status int
}

// Footer tells which legal-footer parts a site shows.
type Footer struct {
	Responsible bool `json:"responsible"`
	Address     bool `json:"address"`
	Phone       bool `json:"phone"`
	Email       bool `json:"email"`
}

type siteFeatures struct {
	relDates     bool // listings/sidebars show "3 giờ trước", "hôm qua"
	feedMinute   bool // nukeviet: RSS pubDate minutes carry the month number
	lazy         bool // wordpress: lazy-loaded images with <noscript> duplicates
	utcMeta      bool // wordpress: og/JSON-LD times in UTC (+00:00)
	printDup     bool // portal: hidden print copy of the lead image
	textDate     bool // static: "ngày 5 tháng 10 năm 2026" (no time) instead of "Đăng lúc 08:30 ngày 05-10-2026"
	fbEmoji      bool // body text pasted from Facebook with 16px emoji images
	staticPaging bool
}

type category struct {
	label, slug string
	id          int
}

type doc struct {
	number string // "45/KH-THPTCVA"
	title  string
	date   time.Time
	file   string // path of the PDF
	slug   string
}

// Alt kinds of an image.
const (
	altNone     uint8 = iota // no alt attribute
	altEmpty                 // alt=""
	altFilename              // alt is a camera file name
	altTitle                 // alt repeats the post title
	altText                  // descriptive alt text
)

type img struct {
	featured bool
	alt      uint8
	caption  bool
	phrase   uint8 // index into photoPhrases
	variant  uint8 // markup variant chosen by the style
}

// Trap flags of a post.
const (
	trapPinned = 1 << iota
	trapOld
	trapMonthEnd
	trapMonthStart
	trapRecent
	trapYesterday
	trapSameDay
	trapUpdated
	trapUpdatedNextMonth
	trapCreatedEarlier
	trapEventPrevMonth
	trapSeveralCats
	trapDayFirst
	trapAdded
	trapRedated
)

type post struct {
	id      int
	cat     int   // primary category index
	extra   []int // further categories
	title   string
	slug    string
	short   string // slug cut to 40 bytes, unique per month (Blogger)
	pub     time.Time
	born    time.Time // publication time when created; dated URLs keep it
	upd     time.Time
	created time.Time
	event   time.Time // day the lead says the event happened
	imgs    []img
	seed    uint64
	traps   uint32
	attach  bool      // carries a PDF attachment link
	notice  bool      // an announcement (thông báo, kế hoạch) rather than a report
	lm      time.Time // HTTP Last-Modified when later than upd (after a mutation)
	views   int
}

func (p *post) has(t uint32) bool { return p.traps&t != 0 }

// Generate builds n sites deterministically from opts. Site i depends only
// on opts and i.
func Generate(opts Options, n int) []*Site {
	opts = opts.withDefaults()
	pad := padding(opts.PageBytes)
	sites := make([]*Site, n)
	for i := range n {
		sites[i] = newSite(opts, i, pad)
	}
	return sites
}

func mix(a, b uint64) uint64 {
	x := a*0x9E3779B97F4A7C15 ^ (b + 0x632BE59BD9B4E019 + (a << 6) + (a >> 2))
	x ^= x >> 31
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 29
	return x
}

func rng(seed uint64, salt uint64) *rand.Rand {
	return rand.New(rand.NewPCG(mix(seed, salt), mix(salt, seed^0xA5A5A5A5)))
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

func newSite(opts Options, i int, pad string) *Site {
	seed := mix(uint64(opts.Seed), uint64(i)+1)
	r := rng(seed, 1)
	s := &Site{
		Index:     i,
		Style:     opts.Styles[i%len(opts.Styles)],
		Now:       opts.Now,
		seed:      seed,
		pageBytes: opts.PageBytes,
		pad:       pad,
		fault:     opts.Faults[i],
	}
	s.st = styleFor(s.Style)
	s.district = pick(r, districts)
	s.commune = pick(r, communes)
	s.slogan = pick(r, slogans)
	s.identity(r)
	s.leader = personName(r)
	s.phone = fmt.Sprintf("0%d.%d.%04d", 260+r.IntN(40), 3800+r.IntN(199), r.IntN(10000))
	s.email = fmt.Sprintf("%s@%s.edu.vn", s.domain, provinceSlug)
	s.Footer = Footer{Responsible: true, Address: true, Phone: true, Email: true}
	if chance(r, 0.25) {
		switch r.IntN(4) {
		case 0:
			s.Footer.Responsible = false
		case 1:
			s.Footer.Phone = false
		case 2:
			s.Footer.Email = false
		default:
			s.Footer.Address, s.Footer.Phone = false, false
		}
	}
	s.sections(r)
	s.categories(r)
	s.documents(r)
	s.feats = siteFeatures{
		relDates:   chance(r, 0.5),
		feedMinute: chance(r, 0.5),
		lazy:       chance(r, 0.4),
		utcMeta:    chance(r, 0.5),
		printDup:   chance(r, 0.5),
		textDate:   chance(r, 0.5),
		fbEmoji:    chance(r, 0.6),
	}
	if s.Style == StyleStatic {
		s.Charset = []string{"utf-8", "windows-1258", "windows-1258-wrong"}[r.IntN(3)]
		s.feats.staticPaging = chance(r, 0.5)
	}
	s.Profile = "steady"
	if opts.Varied {
		switch x := r.Float64(); {
		case x < 0.55:
		case x < 0.75:
			s.Profile = "sparse"
		case x < 0.9:
			s.Profile = "stale"
		default:
			s.Profile = "bursty"
		}
	}
	s.makePosts(opts, r)
	if s.Style == StyleCustom {
		s.drawCustom(opts.Seed, opts.Schemes)
	}
	s.modTime = s.contentTime()
	return s
}

func personName(r *rand.Rand) string {
	if chance(r, 0.5) {
		return "Ông " + pick(r, familyNames) + " " + pick(r, middleMale) + " " + pick(r, givenMale)
	}
	return "Bà " + pick(r, familyNames) + " " + pick(r, middleFemale) + " " + pick(r, givenFemale)
}

// identity chooses the unit, its kind, block and domain.
func (s *Site) identity(r *rand.Rand) {
	patron := pick(r, schoolPatrons)
	ps := compact(patron)
	ds := compact(s.district)
	switch s.Style {
	case StylePortal:
		if chance(r, 0.4) {
			s.Kind, s.Block = "phong_so", "Khối các phòng thuộc Sở"
			unit := pick(r, []string{"Phòng Giáo dục Trung học", "Phòng Giáo dục Tiểu học", "Phòng Khảo thí và Kiểm định chất lượng", "Phòng Giáo dục Mầm non", "Phòng Tổ chức cán bộ"})
			s.UnitName = unit + " - Sở GD&ĐT tỉnh " + provinceName
			s.domain = "p" + strings.ToLower(initials(unit)) + "-sgd"
			s.grades = [2]int{1, 12}
		} else {
			s.Kind, s.Block = "phong_gddt", "Khối Phòng GD&ĐT"
			s.UnitName = "Phòng GD&ĐT huyện " + s.district
			s.domain = "pgd" + ds
			s.grades = [2]int{1, 9}
		}
	case StyleNukeViet, StyleWordPress, StyleJoomla:
		if chance(r, 0.2) {
			s.Kind, s.Block = "phong_gddt", "Khối Phòng GD&ĐT"
			s.UnitName = "Phòng GD&ĐT huyện " + s.district
			s.domain = "pgd" + ds
			s.grades = [2]int{1, 9}
			break
		}
		fallthrough
	default:
		s.Kind = "truc_thuoc"
		switch x := r.IntN(10); {
		case x < 6:
			s.UnitName, s.Block, s.domain, s.grades = "Trường THPT "+patron, "Khối THPT", "thpt"+ps, [2]int{10, 12}
		case x < 7:
			s.UnitName, s.Block, s.domain, s.grades = "Trường PTDTNT THCS và THPT huyện "+s.district, "Khối trường dân tộc nội trú", "ptdtnt"+ds, [2]int{6, 12}
		case x < 8:
			s.UnitName, s.Block, s.domain, s.grades = "Trung tâm GDNN-GDTX huyện "+s.district, "Khối Trung tâm", "ttgdtx"+ds, [2]int{10, 12}
		case x < 9:
			s.UnitName, s.Block, s.domain, s.grades = "Trường THCS "+patron, "Khối THCS", "thcs"+ps, [2]int{6, 9}
		default:
			s.UnitName, s.Block, s.domain, s.grades = "Trường Tiểu học "+patron, "Khối Tiểu học", "th"+ps, [2]int{1, 5}
		}
	}
	var prefix, short string
	switch d := s.domain; {
	case s.Kind == "phong_so":
		prefix, short = "phongso", strings.TrimSuffix(d, "-sgd")
	case s.Kind == "phong_gddt":
		prefix, short = "pgd", ds
	case strings.HasPrefix(d, "ptdtnt"), strings.HasPrefix(d, "ttgdtx"):
		prefix, short = d[:6], ds
	default:
		prefix, short = strings.TrimSuffix(d, ps), ps
	}
	s.Name = fmt.Sprintf("%s-%s-%d", prefix, short, s.Index)
}

func initials(s string) string {
	var b strings.Builder
	for _, w := range strings.Split(slugify(s), "-") {
		if w != "" {
			b.WriteByte(w[0])
		}
	}
	return b.String()
}

func (s *Site) sections(r *rand.Rand) {
	all := []string{"gioi_thieu", "lien_he", "tin_tuc", "van_ban", "tuyen_sinh", "gop_y", "cong_khai"}
	if s.Kind != "truc_thuoc" {
		all = append(all, "thu_tuc")
	}
	if chance(r, 0.3) {
		// one section missing; news never is.
		miss := []string{"tuyen_sinh", "gop_y", "cong_khai", "van_ban"}[r.IntN(4)]
		all = slices.DeleteFunc(all, func(x string) bool { return x == miss })
	}
	s.Sections = all
}

func (s *Site) hasSection(id string) bool { return slices.Contains(s.Sections, id) }

func (s *Site) categories(r *rand.Rand) {
	n := 3 + r.IntN(2)
	base := 5 + r.IntN(10)
	for i := range n {
		c := categoryNames[i]
		label := c[0]
		if i == 0 && chance(r, 0.5) {
			label = "Tin tức"
		}
		if i == 3 && s.grades[0] < 6 {
			label = "Hoạt động Đội"
		}
		s.cats = append(s.cats, category{label: label, slug: c[1], id: base + i})
	}
}

func (s *Site) documents(r *rand.Rand) {
	code := strings.ToUpper(initials(s.UnitName))
	if len(code) > 8 {
		code = code[:8]
	}
	n := 4 + r.IntN(3)
	for i := range n {
		d := s.Now.AddDate(0, 0, -10-r.IntN(120))
		d = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, zone())
		kind := pick(r, docKinds)
		num := fmt.Sprintf("%d/%s-%s", 10+i*7+r.IntN(7), kind, code)
		title := fill(docTitles[(i+r.IntN(3))%len(docTitles)], d, r, s.grades)
		slug := slugify(strings.ReplaceAll(num, "/", "-") + " " + title)
		s.docs = append(s.docs, doc{number: num, title: title, date: d, slug: slug, file: strings.ToLower(strings.ReplaceAll(num, "/", "-"))})
	}
	slices.SortFunc(s.docs, func(a, b doc) int { return b.date.Compare(a.date) })
}

func schoolYear(t time.Time) string {
	y := t.Year()
	if t.Month() >= 8 {
		return fmt.Sprintf("%d-%d", y, y+1)
	}
	return fmt.Sprintf("%d-%d", y-1, y)
}

func fill(tmpl string, t time.Time, r *rand.Rand, grades [2]int) string {
	if strings.HasPrefix(tmpl, "Kỷ niệm {N} năm Ngày Nhà giáo") {
		return fmt.Sprintf("Kỷ niệm %d năm Ngày Nhà giáo Việt Nam 20/11", t.Year()-1982)
	}
	out := tmpl
	for strings.Contains(out, "{") {
		i := strings.IndexByte(out, '{')
		j := strings.IndexByte(out[i:], '}')
		if j < 0 {
			break
		}
		var v string
		switch out[i : i+j+1] {
		case "{SY}":
			v = schoolYear(t)
		case "{Y}":
			v = strconv.Itoa(t.Year())
		case "{SUB}":
			v = pick(r, subjects)
		case "{G}":
			v = strconv.Itoa(grades[0] + r.IntN(grades[1]-grades[0]+1))
		case "{N}":
			v = strconv.Itoa(2 + r.IntN(40))
		}
		out = out[:i] + v + out[i+j+1:]
	}
	return out
}

// makePosts builds the post model: dates with their traps, titles, images.
func (s *Site) makePosts(opts Options, r *rand.Rand) {
	now := s.Now
	count := opts.PostsPerSite
	if s.Profile == "sparse" {
		count = max(8, count/3)
	}
	winStart := now.AddDate(0, -opts.Months, 0)
	end := now
	if s.Profile == "stale" {
		end = now.AddDate(0, 0, -40-r.IntN(30))
	}
	at := func(d time.Time, h, m int) time.Time {
		return time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, zone())
	}
	var ps []*post
	add := func(t time.Time, traps uint32) { ps = append(ps, &post{pub: t, traps: traps}) }

	// The pinned old post, and two posts older than the window.
	old := now.AddDate(0, -(opts.Months + 3), -r.IntN(20))
	add(at(old, 8, 0), trapPinned)
	for range 2 {
		d := winStart.AddDate(0, 0, -5-r.IntN(40))
		add(at(d, 7+r.IntN(10), r.IntN(60)), trapOld)
	}
	// Month boundary: 23:50 on the last day of a month and 00:10 on the first.
	first := time.Date(end.Year(), end.Month(), 1, 0, 0, 0, 0, zone())
	if end.Sub(first) < 48*time.Hour {
		first = first.AddDate(0, -1, 0)
	}
	if first.After(winStart) {
		add(first.Add(-10*time.Minute), trapMonthEnd)
		add(first.Add(10*time.Minute), trapMonthStart)
	}
	if s.Profile != "stale" {
		add(now.Add(-3*time.Hour).Truncate(5*time.Minute), trapRecent)
		y := now.AddDate(0, 0, -1)
		add(at(y, 15, 30), trapYesterday)
	}
	rest := count - len(ps)
	span := end.AddDate(0, 0, -1).Sub(winStart)
	var prev time.Time
	burstDay := map[string]time.Time{}
	for range rest {
		if !prev.IsZero() && chance(r, 0.18) {
			// Another post the same day.
			t := at(prev, 7+r.IntN(11), r.IntN(60))
			if t.Equal(prev) {
				t = t.Add(37 * time.Minute)
			}
			if t.Before(end) {
				add(t, trapSameDay)
				prev = time.Time{}
				continue
			}
		}
		d := winStart.Add(time.Duration(r.Int64N(int64(span))))
		if s.Profile == "bursty" {
			key := d.Format("2006-01")
			if bd, ok := burstDay[key]; ok {
				d = bd
			} else {
				burstDay[key] = d
			}
		}
		t := at(d, 7+r.IntN(10), r.IntN(60))
		add(t, 0)
		prev = t
	}
	if s.Style == StyleCustom {
		// Years of older posts behind the window, so that listings are deep
		// and a crawler must stop at the window by the dates it reads.
		for range customHistoryMin + r.IntN(customHistorySpread) {
			d := winStart.AddDate(0, -1-r.IntN(14), -r.IntN(28))
			add(at(d, 7+r.IntN(10), r.IntN(60)), trapOld)
		}
	}
	slices.SortStableFunc(ps, func(a, b *post) int { return a.pub.Compare(b.pub) })

	id := 100 + r.IntN(300)
	titles := map[string]int{}
	for _, p := range ps {
		p.born = p.pub
		p.id = id
		id += 1 + r.IntN(9)
		s.fillPost(p, r, titles)
	}
	s.nextID = id
	for _, p := range ps {
		s.assignShort(p, ps)
	}
	slices.Reverse(ps)
	s.posts = ps
}

// assignShort gives p its Blogger-style short slug, unique among the posts
// of its creation month that are older than p (by id) in others.
func (s *Site) assignShort(p *post, others []*post) {
	base := cut(p.slug, 40)
	n := 0
	for _, q := range others {
		if q != p && q.id < p.id && q.short != "" && q.born.Format("200601") == p.born.Format("200601") && strings.TrimRight(strings.SplitN(q.short, "_", 2)[0], "-") == base {
			n++
		}
	}
	p.short = base
	if n > 0 {
		p.short = fmt.Sprintf("%s_%02d", base, n)
	}
}

// fillPost draws title, categories, update/created dates, the event date
// and the images of p, whose pub and traps are set.
func (s *Site) fillPost(p *post, r *rand.Rand, titles map[string]int) {
	now := s.Now
	p.seed = mix(s.seed, uint64(p.id))
	month := int(p.pub.Month())
	var tt titleTemplate
	for {
		tt = titleTemplates[r.IntN(len(titleTemplates))]
		if len(tt.months) == 0 || slices.Contains(tt.months, month) {
			break
		}
	}
	title := fill(tt.text, p.pub, r, s.grades)
	titles[title]++
	if k := titles[title]; k > 1 {
		title = fmt.Sprintf("%s (đợt %d)", title, k)
	}
	p.title = title
	p.slug = slugify(title)
	p.cat = tt.cat
	if p.cat >= len(s.cats) {
		p.cat = r.IntN(len(s.cats))
	}
	if chance(r, 0.2) {
		o := (p.cat + 1 + r.IntN(len(s.cats)-1)) % len(s.cats)
		p.extra = []int{o}
		p.traps |= trapSeveralCats
	}
	p.notice = tt.cat == 1
	p.attach = p.notice && chance(r, 0.7)
	p.views = 30 + r.IntN(2500)

	// Update later than publication.
	p.upd = p.pub
	if !p.has(trapRecent) && chance(r, 0.25) {
		u := p.pub.Add(time.Duration(1+r.IntN(20*24)) * time.Hour)
		if lim := now.Add(-time.Hour); u.After(lim) {
			u = lim
		}
		if u.After(p.pub) {
			p.upd = u.Truncate(time.Minute)
			p.traps |= trapUpdated
			if u.Month() != p.pub.Month() {
				p.traps |= trapUpdatedNextMonth
			}
		}
	}
	// Created before publication (Joomla shows both).
	p.created = p.pub
	if chance(r, 0.12) {
		p.created = p.pub.AddDate(0, 0, -1-r.IntN(6)).Add(-time.Duration(r.IntN(300)) * time.Minute)
		p.traps |= trapCreatedEarlier
	}
	// The event the lead describes.
	p.event = p.pub
	if p.pub.Hour() < 10 {
		p.event = p.pub.AddDate(0, 0, -1)
	}
	if p.pub.Day() <= 3 && !p.has(trapMonthStart) && chance(r, 0.7) {
		p.event = time.Date(p.pub.Year(), p.pub.Month(), 0, 0, 0, 0, 0, zone())
		p.traps |= trapEventPrevMonth
	}
	if p.pub.Day() <= 12 {
		p.traps |= trapDayFirst
	}
	s.drawImages(p, r)
}

func (s *Site) drawImages(p *post, r *rand.Rand) {
	var n int
	switch x := r.Float64(); {
	case x < 0.15:
		n = 0
	case x < 0.55:
		n = 1 + r.IntN(3)
	default:
		n = 4 + r.IntN(5)
	}
	if n == 0 {
		p.imgs = nil
		return
	}
	hasFeatured := s.Style != StyleBlogger && s.Style != StyleStatic && chance(r, 0.8)
	used := map[uint8]bool{}
	for i := range n {
		im := img{variant: uint8(r.IntN(256))}
		for {
			im.phrase = uint8(r.IntN(len(photoPhrases)))
			if !used[im.phrase] || len(used) >= len(photoPhrases) {
				break
			}
		}
		used[im.phrase] = true
		if i == 0 && hasFeatured {
			im.featured = true
			im.caption = s.Style != StyleWordPress && chance(r, 0.3)
			im.alt = []uint8{altTitle, altTitle, altEmpty, altText}[r.IntN(4)]
		} else {
			im.caption = chance(r, 0.5)
			switch x := r.Float64(); {
			case x < 0.35:
				im.alt = altText
			case x < 0.55:
				im.alt = altTitle
			case x < 0.7:
				im.alt = altFilename
			case x < 0.9:
				im.alt = altEmpty
			default:
				im.alt = altNone
			}
		}
		p.imgs = append(p.imgs, im)
	}
}

// contentTime is the newest publication or update time of the site.
func (s *Site) contentTime() time.Time {
	var t time.Time
	for _, p := range s.posts {
		if p.upd.After(t) {
			t = p.upd
		}
	}
	if t.IsZero() {
		t = s.Now.AddDate(0, -1, 0)
	}
	return t
}

// newest returns up to n newest posts (pinned posts not treated specially).
func (s *Site) newest(n int) []*post {
	if n > len(s.posts) {
		n = len(s.posts)
	}
	return s.posts[:n]
}

func (s *Site) postByID(id int) *post {
	for _, p := range s.posts {
		if p.id == id {
			return p
		}
	}
	return nil
}

// inCat reports whether p is listed under category index c.
func (p *post) inCat(c int) bool { return p.cat == c || slices.Contains(p.extra, c) }

// listing returns the posts of category c (c < 0: all), newest first, with
// the pinned posts first when pinFirst.
func (s *Site) listing(c int, pinFirst bool) []*post {
	var pinned, rest []*post
	for _, p := range s.posts {
		if c >= 0 && !p.inCat(c) {
			continue
		}
		if pinFirst && p.has(trapPinned) {
			pinned = append(pinned, p)
		} else {
			rest = append(rest, p)
		}
	}
	return append(pinned, rest...)
}

func (s *Site) catBySlug(slug string) int {
	for i, c := range s.cats {
		if c.slug == slug {
			return i
		}
	}
	return -1
}
