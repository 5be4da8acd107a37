package crawler_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"sitewatch/internal/testkit/simweb"
)

// wrappedProvince serves each site through wrap(i, its handler) and
// registers them in a province.
func wrappedProvince(t *testing.T, o simweb.Options, n int, wrap func(i int, h http.Handler) http.Handler) ([]*simweb.Site, *province) {
	t.Helper()
	sites := simweb.Generate(o, n)
	urls := map[string]string{}
	for i, s := range sites {
		srv := httptest.NewServer(wrap(i, s.Handler()))
		t.Cleanup(srv.Close)
		urls[s.Name] = srv.URL
	}
	yml := simweb.SitesYAML(sites, func(name string) string { return urls[name] }, simweb.RegistryOptions{})
	return sites, newProvince(t, yml, o.Now)
}

// frozenHome answers / with the page it served first, for ever, with its
// ETag (304 to a conditional GET): the home page of a site whose news
// shows only in its feed.
type frozenHome struct {
	h    http.Handler
	mu   sync.Mutex
	page *httptest.ResponseRecorder
	hits int
}

func (f *frozenHome) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" {
		f.h.ServeHTTP(w, r)
		return
	}
	f.mu.Lock()
	if f.page == nil {
		f.page = httptest.NewRecorder()
		f.h.ServeHTTP(f.page, httptest.NewRequest(http.MethodGet, "http://"+r.Host+"/", nil))
	}
	page := f.page
	f.hits++
	f.mu.Unlock()
	etag := `"frozen-home"`
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", page.Header().Get("Content-Type"))
	w.WriteHeader(page.Code)
	w.Write(page.Body.Bytes())
}

// TestRecrawlHome304FeedChanged: a home page answered 304 is judged by what
// the previous crawl read from it, without parsing it; a post that shows
// only in the site's feed is still found by the re-crawl.
func TestRecrawlHome304FeedChanged(t *testing.T) {
	t.Parallel()
	now := simweb.DefaultNow()
	homes := map[int]*frozenHome{}
	sites, p := wrappedProvince(t, simweb.Options{Seed: 11, Now: now, Styles: []string{simweb.StyleWordPress}}, 2, func(i int, h http.Handler) http.Handler {
		homes[i] = &frozenHome{h: h}
		return homes[i]
	})
	first := p.crawl(0)
	for _, s := range first {
		if s.Crawl.Outcome == "failed" || s.Found == 0 {
			t.Fatalf("%s: first crawl %s, %d posts", s.Unit.ID, s.Crawl.Outcome, s.Found)
		}
	}
	second := p.crawl(time.Hour)
	for i, s := range second {
		docs := 0
		for _, n := range s.Crawl.Codes {
			docs += n
		}
		if n := docs - s.Crawl.Rechecks; n > 3 || s.Crawl.NotModified < 2 || s.New != 0 || s.Found != first[i].Found {
			t.Errorf("%s: unchanged re-crawl: %d documents, %d answered 304, %d found (%d new), first %d", s.Unit.ID, n, s.Crawl.NotModified, s.Found, s.New, first[i].Found)
		}
	}
	added := sites[0].AddPost(simweb.NewPost{Title: "Hội nghị viên chức đầu năm học", Published: now.Add(90 * time.Minute), Images: 1})
	third := p.crawl(time.Hour)
	if third[0].New != 1 {
		t.Errorf("site 0: %d new posts after %s was added to its feed behind a home page answering 304 (%d requests)", third[0].New, added.URL, third[0].Crawl.Requests)
	}
	stored := false
	for u, sp := range p.posts(third[0].Unit.ID) {
		if strings.HasSuffix(u, strings.TrimSuffix(added.URL, "/")) && sp.Status == "live" {
			stored = true
		}
	}
	if !stored {
		t.Errorf("site 0: %s not stored", added.URL)
	}
	if third[1].New != 0 {
		t.Errorf("site 1: %d new posts on an unchanged site", third[1].New)
	}
}

// movingHome redirects / where target says; the portal's own home page
// (/Pages/default.aspx) is served at target, and answers 404 at its old
// place once moved. It counts the requests by path.
type movingHome struct {
	h      http.Handler
	mu     sync.Mutex
	target string
	hits   map[string]int
}

const portalHome = "/Pages/default.aspx"

func (m *movingHome) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	m.mu.Lock()
	target := m.target
	m.hits[r.URL.Path]++
	m.mu.Unlock()
	switch {
	case r.URL.Path == "/":
		http.Redirect(w, r, target, http.StatusFound)
	case r.URL.Path == target:
		r2 := r.Clone(r.Context())
		r2.URL.Path = portalHome
		m.h.ServeHTTP(w, r2)
	case strings.EqualFold(r.URL.Path, portalHome):
		http.NotFound(w, r)
	default:
		m.h.ServeHTTP(w, r)
	}
}

func (m *movingHome) count(path string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.hits[path]
}

// TestRecrawlHomeRedirectRemembered: a portal whose / redirects to its home
// page is asked the home page directly by the later crawls of the day (one
// request fewer); when the home page moves (the old URL answers 404, /
// redirects elsewhere), the crawl asks / again and finds the new post;
// the first crawl of the next day asks / again.
func TestRecrawlHomeRedirectRemembered(t *testing.T) {
	t.Parallel()
	now := simweb.DefaultNow()
	m := &movingHome{target: portalHome, hits: map[string]int{}}
	sites, p := wrappedProvince(t, simweb.Options{Seed: 11, Now: now, Styles: []string{simweb.StylePortal}}, 1, func(_ int, h http.Handler) http.Handler {
		m.h = h
		return m
	})
	first := p.crawl(0)
	if first[0].Found == 0 || m.count("/") != 1 {
		t.Fatalf("first crawl: %d posts, / asked %d times", first[0].Found, m.count("/"))
	}
	second := p.crawl(time.Hour)
	if m.count("/") != 1 {
		t.Errorf("re-crawl the same day asked / again (%d times in all)", m.count("/"))
	}
	if second[0].Crawl.Requests > 3 || second[0].Found != first[0].Found || second[0].New != 0 {
		t.Errorf("re-crawl: %d requests, %d found (%d new), first %d", second[0].Crawl.Requests, second[0].Found, second[0].New, first[0].Found)
	}

	// The home page moves, and a post is published.
	m.mu.Lock()
	m.target = "/Pages/trang-chu.aspx"
	m.mu.Unlock()
	added := sites[0].AddPost(simweb.NewPost{Title: "Hội nghị viên chức đầu năm học", Published: now.Add(90 * time.Minute), Images: 1})
	third := p.crawl(time.Hour)
	if m.count("/") != 2 || m.count("/Pages/trang-chu.aspx") == 0 {
		t.Errorf("after the move: / asked %d times in all, the new home %d", m.count("/"), m.count("/Pages/trang-chu.aspx"))
	}
	if third[0].New != 1 || third[0].Crawl.Outcome != "ok" {
		t.Errorf("after the move: %d new posts (%s), %s %q", third[0].New, added.URL, third[0].Crawl.Outcome, third[0].Crawl.Error)
	}
	fourth := p.crawl(time.Hour)
	if m.count("/") != 2 || fourth[0].Crawl.Requests > 3 {
		t.Errorf("the new home was not remembered: / asked %d times in all, %d requests", m.count("/"), fourth[0].Crawl.Requests)
	}
	p.crawl(24 * time.Hour)
	if m.count("/") != 3 {
		t.Errorf("the next day's first crawl did not ask / again (%d times in all)", m.count("/"))
	}
}
