package simweb

import (
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// linkRe finds the targets of links, feed items and sitemap entries.
var linkRe = regexp.MustCompile(`(?:href=["']([^"']+)["']|<loc>([^<]+)</loc>|<link>([^<]+)</link>)`)

// fetchLinks renders target on s (following redirects) and returns its
// status and the path+query of every link it holds, resolved against it.
func fetchLinks(t *testing.T, s *Site, target string) (int, []string) {
	t.Helper()
	base, _ := url.Parse("http://site.test" + target)
	for hop := 0; hop < 4; hop++ {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, base.String(), nil))
		if loc := rec.Header().Get("Location"); rec.Code/100 == 3 && loc != "" {
			next, err := base.Parse(loc)
			if err != nil {
				t.Fatal(err)
			}
			base = next
			continue
		}
		var out []string
		for _, m := range linkRe.FindAllStringSubmatch(rec.Body.String(), -1) {
			raw := html.UnescapeString(m[1] + m[2] + m[3])
			u, err := base.Parse(strings.TrimSpace(raw))
			if err != nil || u.Host != base.Host {
				continue
			}
			out = append(out, u.RequestURI())
		}
		return rec.Code, out
	}
	t.Fatalf("%s: too many redirects", target)
	return 0, nil
}

// TestMinimumReachesEveryPost checks Minimum against the served pages: every
// listing it names answers 200, and the fixed requests (robots.txt, home,
// the home page's first feed, the sitemap) with those listings link to every
// post of the window.
func TestMinimumReachesEveryPost(t *testing.T) {
	t.Parallel()
	sites := Generate(Options{Seed: 7}, 36)
	for _, s := range sites {
		t.Run(s.Name, func(t *testing.T) {
			t.Parallel()
			since := s.Now.AddDate(0, 0, -92)
			m := s.Minimum(since)
			if !m.Known {
				t.Skipf("style %s not modelled", s.Style)
			}
			if len(m.Posts) == 0 {
				t.Fatal("no post in the window")
			}
			pages := []string{"/robots.txt", "/", "/sitemap.xml"}
			_, robots := fetchLinks(t, s, "/robots.txt")
			_ = robots
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/robots.txt", nil))
			for _, line := range strings.Split(rec.Body.String(), "\n") {
				if v, ok := strings.CutPrefix(line, "Sitemap: "); ok {
					if u, err := url.Parse(strings.TrimSpace(v)); err == nil {
						pages = append(pages, u.RequestURI())
					}
				}
			}
			rec = httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
			if loc := rec.Header().Get("Location"); loc != "" {
				_, home := fetchLinks(t, s, "/")
				_ = home
			}
			if feed := regexp.MustCompile(`<link[^>]+type=["']application/(?:rss|atom)\+xml["'][^>]*href=["']([^"']+)["']|<link[^>]+href=["']([^"']+)["'][^>]*type=["']application/(?:rss|atom)\+xml["']`).FindStringSubmatch(homeBody(t, s)); feed != nil {
				if u, err := url.Parse(html.UnescapeString(feed[1] + feed[2])); err == nil {
					pages = append(pages, u.RequestURI())
				}
			}
			seen := map[string]bool{}
			for _, p := range pages {
				_, links := fetchLinks(t, s, p)
				for _, l := range links {
					seen[l] = true
				}
			}
			for _, p := range m.Listings {
				code, links := fetchLinks(t, s, p)
				if code != http.StatusOK {
					t.Errorf("listing %s answers %d", p, code)
				}
				for _, l := range links {
					seen[l] = true
				}
			}
			// A link to an alias reaches the post too.
			alias := map[string]string{}
			for _, tp := range s.Truth() {
				for _, a := range tp.Aliases {
					alias[a] = tp.URL
				}
			}
			for l := range seen {
				if c, ok := alias[l]; ok {
					seen[c] = true
				}
			}
			for _, p := range m.Posts {
				if !seen[p] {
					t.Errorf("post %s is not linked from the fixed requests and %d listings (%s) %v", p, len(m.Listings), m.Via, m.Listings)
				}
			}
		})
	}
}

func homeBody(t *testing.T, s *Site) string {
	t.Helper()
	target := "/"
	for hop := 0; hop < 4; hop++ {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://site.test"+target, nil))
		if loc := rec.Header().Get("Location"); rec.Code/100 == 3 && loc != "" {
			u, _ := url.Parse(loc)
			target = u.RequestURI()
			continue
		}
		return rec.Body.String()
	}
	return ""
}
