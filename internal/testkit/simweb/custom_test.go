package simweb

import (
	"bytes"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// customSites generates n custom sites for each of a few seeds: enough to
// draw every scheme family and most layouts.
func customSites(t *testing.T, seeds []int64, n int) []*Site {
	t.Helper()
	var out []*Site
	for _, seed := range seeds {
		out = append(out, Generate(Options{Seed: seed, Styles: []string{StyleCustom}}, n)...)
	}
	return out
}

var customSeeds = []int64{1, 2, 3, 4, 5}

// crawlLinks walks s from its home page through HTML links only (no feed,
// no sitemap, no robots.txt), visiting each page once by its target key
// (session parameters dropped), and returns the keys of every target it
// saw linked.
func crawlLinks(t *testing.T, s *Site) map[string]bool {
	t.Helper()
	sc := &s.cust.sc
	base, _ := url.Parse("http://sim.test/")
	key := func(u *url.URL) string { return sc.targetKey(u.Path, u.RawQuery) }
	linked := map[string]bool{}
	visited := map[string]bool{}
	queue := []string{"/"}
	for len(queue) > 0 {
		target := queue[0]
		queue = queue[1:]
		u, _ := base.Parse(target)
		if visited[key(u)] {
			continue
		}
		visited[key(u)] = true
		r := record(s, target, nil)
		if r.Code != 200 || !strings.Contains(r.Header().Get("Content-Type"), "html") {
			continue
		}
		for _, raw := range hrefs(r.Body.String()) {
			raw = strings.ReplaceAll(raw, "&amp;", "&")
			if strings.HasPrefix(raw, "javascript:") || strings.HasPrefix(raw, "#") {
				continue
			}
			l, err := u.Parse(strings.TrimSpace(raw))
			if err != nil || l.Host != "sim.test" || imageType(l.Path) != "" || strings.HasSuffix(l.Path, ".pdf") || strings.HasSuffix(l.Path, ".css") || strings.HasSuffix(l.Path, ".js") {
				continue
			}
			l.Fragment = ""
			if l.Path == sc.feed || l.Path == "/sitemap.xml" {
				continue
			}
			linked[key(l)] = true
			if !visited[key(l)] {
				queue = append(queue, l.RequestURI())
			}
		}
		if len(visited) > 3000 {
			t.Fatalf("%s: more than 3000 distinct pages: the site is not finite", s.Name)
		}
	}
	return linked
}

func TestCustomPostsReachableFromHome(t *testing.T) {
	t.Parallel()
	for _, s := range customSites(t, customSeeds, 11) {
		t.Run(s.Name, func(t *testing.T) {
			t.Parallel()
			linked := crawlLinks(t, s)
			since := s.Now.AddDate(0, 0, -DefaultLookbackDays)
			st := s.SiteTruth()
			sc := &s.cust.sc
			k := func(target string) string {
				p, q, _ := strings.Cut(target, "?")
				return sc.targetKey(p, q)
			}
			for _, p := range st.Posts {
				if p.Published.Before(since) {
					continue
				}
				if !linked[k(p.URL)] && !slices.ContainsFunc(p.Aliases, func(a string) bool { return linked[k(a)] }) {
					t.Errorf("post in the window %s (%s) is not reachable by links from the home page (%+v)", p.URL, p.PublishedText, *st.Layout)
				}
			}
			for _, pg := range st.Pages {
				if pg.Kind == PageSection && !linked[k(pg.URL)] {
					t.Errorf("menu page %s %q is not linked", pg.URL, pg.Title)
				}
			}
		})
	}
}

// hrefs returns the values of every href="…" of page (custom sites quote
// with double quotes); a scanner, because the generic regexp is slow.
func hrefs(page string) []string {
	var out []string
	for {
		i := strings.Index(page, `href="`)
		if i < 0 {
			return out
		}
		page = page[i+6:]
		j := strings.IndexByte(page, '"')
		if j < 0 {
			return out
		}
		out = append(out, page[:j])
		page = page[j:]
	}
}

var (
	digitsRe = regexp.MustCompile(`^[0-9]+$`)
	wordRe   = regexp.MustCompile(`^[A-Za-z0-9,_-]*[A-Za-z][A-Za-z0-9,_-]*$`)
)

// shape generalises a target the way a word-blind reader would: numbers
// become N, slugs (with or without ids) S, the extension and the query
// parameter names stay.
func shape(target string) string {
	p, q, _ := strings.Cut(target, "?")
	var segs []string
	for _, seg := range strings.Split(p, "/") {
		ext := ""
		if i := strings.LastIndexByte(seg, '.'); i > 0 {
			seg, ext = seg[:i], seg[i:]
		}
		switch {
		case seg == "":
		case digitsRe.MatchString(seg):
			seg = "N"
		case wordRe.MatchString(seg):
			seg = "S"
		}
		segs = append(segs, seg+strings.ToLower(ext))
	}
	out := strings.Join(segs, "/")
	if q != "" {
		vals, _ := url.ParseQuery(q)
		var names []string
		for n := range vals {
			names = append(names, n)
		}
		slices.Sort(names)
		out += "?" + strings.Join(names, "&")
	}
	return out
}

// TestCustomPagesShareThePostScheme checks that the URL shape of every menu
// page, document and album is also the shape of posts of the same site.
func TestCustomPagesShareThePostScheme(t *testing.T) {
	t.Parallel()
	for _, s := range customSites(t, customSeeds, 11) {
		st := s.SiteTruth()
		postShapes := map[string]bool{}
		for _, p := range st.Posts {
			postShapes[shape(p.URL)] = true
		}
		for _, pg := range st.Pages {
			switch pg.Kind {
			case PageSection, PageDocument, PageAlbum, PageDocuments, PageAlbums:
				if !postShapes[shape(pg.URL)] {
					t.Errorf("%s (%s): page %s has shape %s, no post has it (%v)", s.Name, st.Layout.Scheme, pg.URL, shape(pg.URL), postShapes)
				}
			}
		}
	}
}

func TestCustomDeterministic(t *testing.T) {
	t.Parallel()
	a := Generate(Options{Seed: 42, Styles: []string{StyleCustom}}, 11)
	b := Generate(Options{Seed: 42, Styles: []string{StyleCustom}}, 11)
	ja, err := TruthJSON(a)
	if err != nil {
		t.Fatal(err)
	}
	jb, _ := TruthJSON(b)
	if !bytes.Equal(ja, jb) {
		t.Fatal("same seed, different truth")
	}
	for i := range a {
		for _, target := range []string{"/", a[i].SiteTruth().Posts[0].URL, a[i].SiteTruth().Pages[1].URL} {
			if !bytes.Equal(record(a[i], target, nil).Body.Bytes(), record(b[i], target, nil).Body.Bytes()) {
				t.Errorf("%s %s: same seed, different bytes", a[i].Name, target)
			}
		}
	}
	c := Generate(Options{Seed: 43, Styles: []string{StyleCustom}}, 11)
	jc, _ := TruthJSON(c)
	if bytes.Equal(ja, jc) {
		t.Error("different seeds, same truth")
	}
}

// TestCustomLayoutsDrawn checks that a few seeds draw every scheme family
// and every listing style, pager and date placement.
func TestCustomLayoutsDrawn(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, s := range customSites(t, customSeeds, 11) {
		l := s.cust.layout()
		for _, k := range []string{"scheme:" + l.Scheme, "listing:" + l.Listing, "pager:" + l.Pager, "links:" + l.PagerLinks, "date:" + l.PostDate} {
			seen[k] = true
		}
		seen["hub:"+boolName(l.Hub)] = true
		seen["feed:"+boolName(l.Feed)] = true
		seen["sitemap:"+boolName(l.Sitemap)] = true
		seen["bilingual:"+boolName(l.Bilingual)] = true
		seen["session:"+boolName(l.Session != "")] = true
	}
	want := []string{"listing:rows", "listing:cards", "listing:numbered", "listing:plain", "pager:query", "pager:path", "pager:js",
		"links:numbers", "links:next", "links:rel-next", "date:page", "date:listing", "date:url"}
	for _, sc := range AllSchemes() {
		want = append(want, "scheme:"+sc)
	}
	for _, k := range []string{"hub", "feed", "sitemap", "bilingual", "session"} {
		want = append(want, k+":yes", k+":no")
	}
	for _, k := range want {
		if !seen[k] {
			t.Errorf("%s never drawn over seeds %v", k, customSeeds)
		}
	}
}

func boolName(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// TestCustomDatePlacement checks that a post shows its date where the
// layout says, and only there.
func TestCustomDatePlacement(t *testing.T) {
	t.Parallel()
	for _, s := range customSites(t, customSeeds, 11) {
		cs := s.cust
		st := s.SiteTruth()
		for _, p := range st.Posts[:8] {
			page := decode(record(s, p.URL, nil).Body.Bytes())
			// The article's head: its title and meta line (the lead and the
			// body may name the event's day, as real posts do).
			detail := page[strings.Index(page, `<div class="`+cs.theme.detail+`">`):]
			detail = detail[:strings.Index(detail, `<div class="lead">`)]
			day := dmy(p.Published)
			shown := strings.Contains(detail, day) || strings.Contains(detail, p.Published.Format("02-01-2006"))
			switch cs.postDate {
			case dateOnPage:
				if !strings.Contains(detail, pageFormats[cs.pageFmt](p.Published)) {
					t.Errorf("%s %s: the page does not show its date %q", s.Name, p.URL, pageFormats[cs.pageFmt](p.Published))
				}
			case dateOnListing, dateInURL:
				if shown {
					t.Errorf("%s %s (%s): the post page shows its own date", s.Name, p.URL, st.Layout.PostDate)
				}
			}
			if cs.postDate == dateInURL && !strings.Contains(p.URL, p.Published.Format("/2006/01/02/")) {
				t.Errorf("%s %s: the URL does not carry the date %s", s.Name, p.URL, p.PublishedText)
			}
		}
		if cs.postDate == dateOnListing {
			// The row of every post of the first category page carries its date.
			ci := 0
			page := decode(record(s, cs.sc.url(cs.catRef(s, ci, 1)), nil).Body.Bytes())
			for _, p := range s.listing(ci, true)[:min(3, len(s.listing(ci, true)))] {
				v := &cview{s: s, cs: cs}
				if !strings.Contains(page, esc(v.rowDate(p.pub))) {
					t.Errorf("%s: the listing row of %s lacks its date %q", s.Name, p.title, v.rowDate(p.pub))
				}
			}
		}
	}
}

func TestCustomImagesMatchTruth(t *testing.T) {
	t.Parallel()
	for _, s := range customSites(t, customSeeds[:2], 11) {
		for _, p := range s.Truth()[:10] {
			page := decode(record(s, p.URL, nil).Body.Bytes())
			i, c, a := countImagesIn(t, "."+s.cust.theme.detail, page, p.Title)
			if i != p.Images || c != p.CaptionedImages || a != p.AltImages {
				t.Errorf("%s %s: markup has images %d captioned %d alt %d; truth %d %d %d", s.Name, p.URL, i, c, a, p.Images, p.CaptionedImages, p.AltImages)
			}
		}
	}
}

// TestCustomSessionAndAliases checks that session parameters vary from page
// to page without making new pages, that aliases serve the post with its
// canonical URL declared where the site declares one, and that
// translations are pages of their own that point back.
func TestCustomSessionAndAliases(t *testing.T) {
	t.Parallel()
	var sessions, translations, aliases int
	for _, s := range customSites(t, customSeeds, 11) {
		cs := s.cust
		st := s.SiteTruth()
		p := st.Posts[2]
		want := record(s, p.URL, nil).Body.String()
		if name := cs.sc.session; name != "" {
			sessions++
			home := record(s, "/", nil).Body.String()
			cat := record(s, cs.sc.url(cs.catRef(s, 0, 1)), nil).Body.String()
			re := regexp.MustCompile(regexp.QuoteMeta(name) + `=([0-9a-f]+)`)
			if name == sessionCookieless {
				re = regexp.MustCompile(`/\(S\(([0-9a-f]+)\)\)/`)
			}
			a, b := re.FindStringSubmatch(home), re.FindStringSubmatch(cat)
			if a == nil || b == nil || a[1] == b[1] {
				t.Errorf("%s: session parameter %s does not vary between pages (%v %v)", s.Name, name, a, b)
			}
			sep := "?"
			if strings.Contains(p.URL, "?") {
				sep = "&"
			}
			withSID := p.URL + sep + name + "=abc123"
			if name == sessionCookieless {
				withSID = "/(S(abc123))" + p.URL
			}
			if got := record(s, withSID, nil); got.Code != 200 || !strings.Contains(got.Body.String(), esc(p.Title)) {
				t.Errorf("%s: %s with a session parameter: %d", s.Name, p.URL, got.Code)
			}
			if name != sessionCookieless && !slices.Equal(st.SessionParams, []string{name}) {
				t.Errorf("%s: truth session params %v", s.Name, st.SessionParams)
			}
		}
		for _, a := range p.Aliases {
			aliases++
			got := record(s, a, nil)
			if got.Code != 200 || !strings.Contains(got.Body.String(), esc(p.Title)) {
				t.Errorf("%s: alias %s of %s: %d", s.Name, a, p.URL, got.Code)
			}
			if cs.canonical && !strings.Contains(got.Body.String(), `rel="canonical" href="http://sim.test`+esc(p.URL)+`"`) {
				t.Errorf("%s: alias %s does not declare %s canonical", s.Name, a, p.URL)
			}
		}
		_ = want
		for _, tp := range st.Posts {
			for _, tr := range tp.Translations {
				translations++
				got := record(s, tr, nil)
				if got.Code != 200 || !strings.Contains(got.Body.String(), `hreflang="vi"`) {
					t.Errorf("%s: translation %s: %d", s.Name, tr, got.Code)
				}
			}
		}
	}
	if sessions == 0 || translations == 0 || aliases == 0 {
		t.Errorf("seeds draw %d session sites, %d translations, %d aliases: widen the seeds", sessions, translations, aliases)
	}
}

func TestCustomPageSize(t *testing.T) {
	t.Parallel()
	const size = 80_000
	for _, s := range Generate(Options{Seed: 3, Styles: []string{StyleCustom}, PageBytes: size}, 4) {
		st := s.SiteTruth()
		for _, target := range []string{"/", st.Posts[0].URL, st.Pages[1].URL} {
			n := record(s, target, nil).Body.Len()
			if n < size*6/10 || n > size*14/10 {
				t.Errorf("%s %s: %d bytes, want about %d", s.Name, target, n, size)
			}
		}
	}
}

func TestScoreTruthAgainstItself(t *testing.T) {
	t.Parallel()
	s := Generate(Options{Seed: 5, Styles: []string{StyleCustom}}, 3)[2]
	st := s.SiteTruth()
	w := Window{From: s.Now.AddDate(0, 0, -DefaultLookbackDays), To: s.Now}
	var found []Found
	for _, p := range st.Posts {
		found = append(found, Found{URL: "http://127.0.0.1:9" + p.URL, Published: p.Published, Images: p.Images, CaptionedImages: p.CaptionedImages})
	}
	perfect := Score(st, found, w)
	if perfect.Truth == 0 || perfect.Recall() != 1 || perfect.Precision() != 1 || perfect.DateAccuracy() != 1 || perfect.CellAccuracy() != 1 {
		t.Fatalf("truth scored against itself: %+v", perfect)
	}
	// A duplicate through an alias, a menu page and a wrong day.
	var in []TruthPost
	for _, p := range st.Posts {
		if !p.Published.Before(w.From) {
			in = append(in, p)
		}
	}
	bad := slices.Clone(found)
	sep := "?"
	if strings.Contains(in[0].URL, "?") {
		sep = "&"
	}
	bad = append(bad, Found{URL: in[0].URL + sep + "utm_source=zalo", Published: in[0].Published})
	bad = append(bad, Found{URL: st.Pages[1].URL, Published: s.Now})
	for i := range bad {
		if scoreKey(bad[i].URL, nil) == scoreKey("http://x"+in[1].URL, nil) {
			bad[i].Published = bad[i].Published.AddDate(0, 0, -2)
		}
	}
	got := Score(st, bad, w)
	if got.FalseDup != 1 || got.FalsePages != 1 || got.DateOK != got.Found-1 || got.Recall() != 1 {
		t.Errorf("score of a duplicate, a page and a wrong day: %+v", got)
	}
	if got.CellsExact == got.Cells {
		t.Errorf("false reports left every month cell exact")
	}
	_ = time.Minute
}

// TestCustomMutations checks that run-time changes reach a custom site's
// pages, truth and index: an added post is served and listed, a removed one
// answers 404, the site's ETag moves.
func TestCustomMutations(t *testing.T) {
	t.Parallel()
	for _, s := range Generate(Options{Seed: 9, Styles: []string{StyleCustom}}, len(AllSchemes())) {
		before := record(s, "/", nil).Header().Get("ETag")
		np := s.AddPost(NewPost{Title: "Bài viết mới thêm trong lúc chạy", Images: 2, Captioned: 1})
		if r := record(s, np.URL, nil); r.Code != 200 || !strings.Contains(decode(r.Body.Bytes()), np.Title) {
			t.Fatalf("%s (%s): new post %s: %d", s.Name, s.cust.sc.family, np.URL, r.Code)
		}
		home := record(s, "/", nil)
		if home.Header().Get("ETag") == before || !strings.Contains(decode(home.Body.Bytes()), np.Title) {
			t.Errorf("%s: the home page does not list the new post", s.Name)
		}
		if s.Truth()[0].URL != np.URL {
			t.Errorf("%s: the new post is not the newest in the truth", s.Name)
		}
		old := s.Truth()[3]
		if !s.RemovePost(old.URL) {
			t.Fatalf("%s: remove %s failed", s.Name, old.URL)
		}
		if r := record(s, old.URL, nil); r.Code != 404 {
			t.Errorf("%s: removed post %s: %d, want 404", s.Name, old.URL, r.Code)
		}
	}
}
