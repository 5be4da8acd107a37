package simweb

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"sitewatch/config"
)

// serveSites starts one httptest server per site and returns their URLs.
func serveSites(t *testing.T, sites []*Site) map[string]string {
	t.Helper()
	urls := map[string]string{}
	for _, s := range sites {
		ts := httptest.NewServer(s.Handler())
		t.Cleanup(ts.Close)
		urls[s.Name] = ts.URL
	}
	return urls
}

// client does not follow redirects.
var client = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       30 * time.Second,
}

type got struct {
	status int
	header http.Header
	body   string // decoded to UTF-8 NFC
}

func get(t *testing.T, url string, hdr map[string]string) got {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: read: %v", url, err)
	}
	return got{status: resp.StatusCode, header: resp.Header, body: decode(b)}
}

// decode turns a page into NFC UTF-8, undoing windows-1258 when the bytes
// are not valid UTF-8.
func decode(b []byte) string {
	if !utf8Valid(b) {
		d, err := charmap.Windows1258.NewDecoder().Bytes(b)
		if err == nil {
			b = d
		}
	}
	return norm.NFC.String(string(b))
}

func utf8Valid(b []byte) bool { return strings.ToValidUTF8(string(b), "\uFFFD") == string(b) }

func TestEveryStyleGenerated(t *testing.T) {
	t.Parallel()
	sites := Generate(Options{Seed: 3}, 12)
	seen := map[string]int{}
	names := map[string]bool{}
	for _, s := range sites {
		seen[s.Style]++
		if names[s.Name] {
			t.Errorf("duplicate site name %s", s.Name)
		}
		names[s.Name] = true
	}
	for _, st := range AllStyles() {
		if seen[st] != 2 {
			t.Errorf("style %s: %d sites, want 2", st, seen[st])
		}
	}
}

func TestDeterminism(t *testing.T) {
	t.Parallel()
	opts := Options{Seed: 42, PageBytes: 30000}
	a := Generate(opts, 6)
	b := Generate(opts, 6)
	bigger := Generate(opts, 9)
	for i := range a {
		sa, sb := a[i], b[i]
		if sa.Name != bigger[i].Name || !slices.EqualFunc(sa.Truth(), bigger[i].Truth(), truthEqual) {
			t.Errorf("site %d depends on the number of sites generated", i)
		}
		targets := []string{"/", "/robots.txt", "/sitemap.xml"}
		for _, p := range sa.Truth() {
			targets = append(targets, p.URL)
		}
		for _, target := range targets {
			ra, rb := record(sa, target, nil), record(sb, target, nil)
			if ra.Code != rb.Code || !bytes.Equal(ra.Body.Bytes(), rb.Body.Bytes()) || ra.Header().Get("ETag") != rb.Header().Get("ETag") {
				t.Errorf("%s %s: two generations with the same seed differ", sa.Name, target)
			}
		}
	}
	c := Generate(Options{Seed: 43}, 1)[0]
	if slices.EqualFunc(a[0].Truth(), c.Truth(), truthEqual) {
		t.Error("another seed gives the same site")
	}
}

func truthEqual(a, b TruthPost) bool {
	return a.URL == b.URL && a.Title == b.Title && a.Published.Equal(b.Published) && a.Images == b.Images
}

func record(s *Site, target string, hdr map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, "http://sim.test"+target, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

func TestTruthURLsAnswerWithTitle(t *testing.T) {
	t.Parallel()
	sites := Generate(Options{Seed: 7, PostsPerSite: 20}, 12)
	urls := serveSites(t, sites)
	for _, s := range sites {
		t.Run(s.Name, func(t *testing.T) {
			truth := s.Truth()
			if len(truth) < 20 {
				t.Fatalf("%d posts, want 20", len(truth))
			}
			for _, p := range truth {
				g := get(t, urls[s.Name]+p.URL, nil)
				if g.status != 200 {
					t.Fatalf("%s: status %d", p.URL, g.status)
				}
				if !strings.Contains(html.UnescapeString(g.body), p.Title) {
					t.Errorf("%s: title %q not on the page", p.URL, p.Title)
				}
				if g.header.Get("ETag") == "" || g.header.Get("Last-Modified") == "" {
					t.Errorf("%s: missing validators", p.URL)
				}
				for _, a := range p.Aliases {
					ga := get(t, urls[s.Name]+a, nil)
					switch ga.status {
					case 200:
					case 301, 302:
						if loc := ga.header.Get("Location"); !strings.HasSuffix(loc, p.URL) {
							t.Errorf("alias %s redirects to %s, want %s", a, loc, p.URL)
						}
					default:
						t.Errorf("alias %s: status %d", a, ga.status)
					}
				}
			}
		})
	}
}

func TestConditionalGET(t *testing.T) {
	t.Parallel()
	sites := Generate(Options{Seed: 5, PostsPerSite: 12}, 6)
	urls := serveSites(t, sites)
	for _, s := range sites {
		t.Run(s.Style, func(t *testing.T) {
			for _, target := range []string{"/", s.Truth()[2].URL} {
				u := urls[s.Name] + target
				first := get(t, u, nil)
				if first.status != 200 {
					// the portal root redirects; follow it once.
					if loc := first.header.Get("Location"); first.status == 302 && loc != "" {
						u = urls[s.Name] + loc
						first = get(t, u, nil)
					}
				}
				if first.status != 200 {
					t.Fatalf("%s: status %d", u, first.status)
				}
				etag, lm := first.header.Get("ETag"), first.header.Get("Last-Modified")
				if g := get(t, u, map[string]string{"If-None-Match": etag}); g.status != 304 || g.body != "" {
					t.Errorf("%s: If-None-Match gave %d with %d bytes", u, g.status, len(g.body))
				}
				if g := get(t, u, map[string]string{"If-Modified-Since": lm}); g.status != 304 {
					t.Errorf("%s: If-Modified-Since gave %d", u, g.status)
				}
				if g := get(t, u, map[string]string{"If-None-Match": `"other"`}); g.status != 200 {
					t.Errorf("%s: wrong ETag gave %d", u, g.status)
				}
				gz := get(t, u, map[string]string{"Accept-Encoding": "gzip"})
				if gz.header.Get("Content-Encoding") != "gzip" {
					t.Errorf("%s: not gzipped", u)
				}
				if g := get(t, u, map[string]string{"If-None-Match": gz.header.Get("ETag"), "Accept-Encoding": "gzip"}); g.status != 304 {
					t.Errorf("%s: gzip ETag not accepted back: %d", u, g.status)
				}
			}
		})
	}
}

func TestGzipBody(t *testing.T) {
	t.Parallel()
	s := Generate(Options{Seed: 9}, 1)[0]
	plain := record(s, "/", nil)
	zipped := record(s, "/", map[string]string{"Accept-Encoding": "gzip, deflate"})
	zr, err := gzip.NewReader(zipped.Body)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, plain.Body.Bytes()) {
		t.Error("gzipped body differs from the plain body")
	}
}

func TestMutations(t *testing.T) {
	t.Parallel()
	for _, style := range AllStyles() {
		t.Run(style, func(t *testing.T) {
			t.Parallel()
			s := Generate(Options{Seed: 11, PostsPerSite: 10, Styles: []string{style}}, 1)[0]
			home := "/"
			if style == StylePortal {
				home = "/Pages/default.aspx"
			}
			before := record(s, home, nil)
			etag := before.Header().Get("ETag")
			if r := record(s, home, map[string]string{"If-None-Match": etag}); r.Code != 304 {
				t.Fatalf("unchanged home: %d", r.Code)
			}
			np := s.AddPost(NewPost{Title: "Bài viết mới thêm trong lúc chạy", Images: 3, Captioned: 2})
			if np.Images != 3 || np.CaptionedImages != 2 || !slices.Contains(np.Traps, "added-at-runtime") {
				t.Errorf("added truth %+v", np)
			}
			if r := record(s, home, map[string]string{"If-None-Match": etag}); r.Code != 200 {
				t.Errorf("home after AddPost: %d, want 200", r.Code)
			}
			r := record(s, np.URL, nil)
			if r.Code != 200 || !strings.Contains(decode(r.Body.Bytes()), np.Title) {
				t.Fatalf("new post %s: %d", np.URL, r.Code)
			}
			if s.Truth()[0].URL != np.URL {
				t.Errorf("new post is not the newest in the truth")
			}
			// Redate an older post into the previous month.
			old := s.Truth()[3]
			when := time.Date(2026, 10, 31, 23, 50, 0, 0, zone())
			if !s.Redate(old.URL, when) {
				t.Fatal("redate failed")
			}
			var found bool
			for _, p := range s.Truth() {
				if p.URL == old.URL {
					found = true
					if !p.Published.Equal(when) {
						t.Errorf("redated truth %v", p.Published)
					}
				}
			}
			if !found {
				t.Fatal("redated post lost")
			}
			rd := decode(record(s, old.URL, nil).Body.Bytes())
			if !strings.Contains(rd, "2026") || (!strings.Contains(rd, "31/10/2026") && !strings.Contains(rd, "2026-10-31") && !strings.Contains(rd, "31 Tháng 10 2026") && !strings.Contains(rd, "31-10-2026") && !strings.Contains(rd, "ngày 31 tháng 10")) {
				t.Errorf("redated page does not show the new date")
			}
			if !s.RemovePost(np.URL) {
				t.Fatal("remove failed")
			}
			if r := record(s, np.URL, nil); r.Code != 404 {
				t.Errorf("removed post: %d, want 404", r.Code)
			}
			if n := s.RemoveAllPosts(); n != 10 {
				t.Errorf("RemoveAllPosts removed %d, want 10", n)
			}
			if len(s.Truth()) != 0 || record(s, old.URL, nil).Code != 404 {
				t.Error("posts remain after RemoveAllPosts")
			}
			if r := record(s, home, nil); r.Code != 200 {
				t.Errorf("empty home: %d", r.Code)
			}
		})
	}
}

func TestFaults(t *testing.T) {
	t.Parallel()
	sites := Generate(Options{Seed: 2, Faults: map[int]Fault{0: {Down: true}, 1: {ErrorShare: 1}}}, 3)
	for _, target := range []string{"/", "/robots.txt", "/anything"} {
		r := record(sites[0], target, nil)
		if r.Code != 503 || r.Header().Get("Retry-After") != "3600" {
			t.Errorf("down site %s: %d retry-after %q", target, r.Code, r.Header().Get("Retry-After"))
		}
	}
	if !sites[0].SiteTruth().Down || len(sites[0].SiteTruth().Posts) != 0 {
		t.Error("down site truth should be down with no posts")
	}
	if r := record(sites[1], sites[1].Truth()[0].URL, nil); r.Code != 500 {
		t.Errorf("flaky site post: %d, want 500", r.Code)
	}
	if r := record(sites[1], "/robots.txt", nil); r.Code != 200 {
		t.Errorf("flaky site robots.txt: %d, want 200", r.Code)
	}
	sites[2].SetFault(Fault{Delay: time.Millisecond})
	if r := record(sites[2], "/robots.txt", nil); r.Code != 200 && r.Code != 404 {
		t.Errorf("slow site: %d", r.Code)
	}
	if st := sites[0].Stats(); st.Requests != 3 || st.Errors != 3 {
		t.Errorf("stats %+v", st)
	}
}

func TestStartAndSitesYAML(t *testing.T) {
	t.Parallel()
	sites := Generate(Options{Seed: 4, PostsPerSite: 8}, 6)
	w, err := Start(sites)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	y := w.SitesYAML(RegistryOptions{Settings: map[string]string{"delay": "1ms"}})
	cfg, err := config.Parse("sites.yaml", y)
	if err != nil {
		t.Fatalf("generated sites.yaml does not load: %v\n%s", err, y)
	}
	if len(cfg.Units) != 6 || !cfg.Settings.AllowPrivateNetwork {
		t.Errorf("units %d, allow_private_network %v", len(cfg.Units), cfg.Settings.AllowPrivateNetwork)
	}
	for i, u := range cfg.Units {
		if u.ID != sites[i].Name || u.Kind != sites[i].Kind || u.Name != sites[i].UnitName {
			t.Errorf("unit %d = %s/%s/%s", i, u.ID, u.Kind, u.Name)
		}
		g := get(t, strings.TrimSuffix(u.URL, "/")+"/robots.txt", nil)
		if g.status != 200 && !(sites[i].Style == StyleStatic && g.status == 404) {
			t.Errorf("%s robots.txt: %d", u.ID, g.status)
		}
	}
	if w.Requests(sites[0].Name) != 1 || w.Total().Requests != 6 {
		t.Errorf("requests: %d, total %d", w.Requests(sites[0].Name), w.Total().Requests)
	}
}

func TestTextIsNFCAndTrapsPresent(t *testing.T) {
	t.Parallel()
	sites := Generate(Options{Seed: 1}, 12)
	traps := map[string]bool{}
	for _, s := range sites {
		if !norm.NFC.IsNormalString(s.UnitName) {
			t.Errorf("unit name %q not NFC", s.UnitName)
		}
		for _, p := range s.Truth() {
			if !norm.NFC.IsNormalString(p.Title) {
				t.Errorf("title %q not NFC", p.Title)
			}
			for _, tr := range p.Traps {
				traps[tr] = true
			}
			if p.CaptionedImages+p.AltImages > p.Images || p.AltCaptionedImages != p.CaptionedImages+p.AltImages {
				t.Errorf("%s %s: inconsistent counts %+v", s.Name, p.URL, p)
			}
		}
	}
	for _, want := range []string{"pinned-old-post", "older-than-window", "month-end-23:50", "month-start-00:10", "posted-hours-ago", "posted-yesterday", "same-day-as-another", "updated-later", "updated-in-later-month", "created-earlier", "event-date-previous-month", "several-categories", "day-first-ambiguous"} {
		if !traps[want] {
			t.Errorf("no post has trap %s", want)
		}
	}
}

func TestTruthJSON(t *testing.T) {
	t.Parallel()
	sites := Generate(Options{Seed: 1, PostsPerSite: 8}, 2)
	b, err := TruthJSON(sites)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"published": "`, `"captioned_images"`, `"alt_images"`, `"months"`, fmt.Sprintf(`"name": %q`, sites[1].Name)} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("truth json lacks %s", want)
		}
	}
}

func TestWindows1258(t *testing.T) {
	t.Parallel()
	in := "Trường Tiểu học Nguyễn Du: Lễ khai giảng năm học mới, “Ươm mầm” đặc biệt"
	b := toCP1258(in)
	d, err := charmap.Windows1258.NewDecoder().Bytes(b)
	if err != nil {
		t.Fatal(err)
	}
	if got := norm.NFC.String(string(d)); got != in {
		t.Errorf("round trip: %q", got)
	}
}

func TestConcurrentServeAndMutate(t *testing.T) {
	t.Parallel()
	sites := Generate(Options{Seed: 13, PostsPerSite: 10}, 6)
	urls := serveSites(t, sites)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 20 {
			for _, s := range sites {
				tp := s.AddPost(NewPost{})
				if i%3 == 0 {
					s.Redate(tp.URL, tp.Published.Add(-48*time.Hour))
				}
				if i%5 == 0 {
					s.RemovePost(tp.URL)
				}
			}
		}
	}()
	for _, s := range sites {
		for _, target := range []string{"/", "/sitemap.xml", s.Truth()[0].URL} {
			g := get(t, urls[s.Name]+target, map[string]string{"Accept-Encoding": "gzip"})
			if g.status >= 500 {
				t.Errorf("%s%s: %d", s.Name, target, g.status)
			}
		}
	}
	<-done
	for _, s := range sites {
		if n := len(s.Truth()); n != 10+16 {
			t.Errorf("%s: %d posts after mutations, want 26", s.Name, n)
		}
	}
}

func TestStartManySites(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 1000 listeners")
	}
	t.Parallel()
	sites := Generate(Options{Seed: 17, PostsPerSite: 8, Varied: true}, 1000)
	w, err := Start(sites)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	profiles := map[string]int{}
	for i, s := range sites {
		profiles[s.Profile]++
		if s.Profile == "stale" && s.Now.Sub(s.Truth()[0].Published) < 40*24*time.Hour {
			t.Errorf("stale site %s posted on %v", s.Name, s.Truth()[0].Published)
		}
		if i%50 != 0 {
			continue
		}
		if g := get(t, w.URL(s.Name)+s.Truth()[0].URL, nil); g.status != 200 {
			t.Errorf("%s: %d", s.Name, g.status)
		}
	}
	for _, p := range []string{"steady", "sparse", "stale", "bursty"} {
		if profiles[p] == 0 {
			t.Errorf("no %s site among 1000", p)
		}
	}
}
