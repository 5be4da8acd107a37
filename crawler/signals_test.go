package crawler_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitewatch/config"
	"sitewatch/crawler"
	"sitewatch/internal/testkit/simweb"
	"sitewatch/store"
)

// province is a registry and database over a simulated web, crawled with a
// hand-driven clock.
type province struct {
	t     *testing.T
	cfg   *config.Config
	st    *store.Store
	clock time.Time
}

// startProvince serves n generated sites on loopback (closed with the
// test) and registers them in a new province whose clock starts at o.Now.
func startProvince(t *testing.T, o simweb.Options, n int) ([]*simweb.Site, *simweb.Web, *province) {
	t.Helper()
	sites := simweb.Generate(o, n)
	w, err := simweb.Start(sites)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	return sites, w, newProvince(t, w.SitesYAML(simweb.RegistryOptions{}), o.Now)
}

func newProvince(t *testing.T, yml []byte, now time.Time) *province {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	yml = []byte(strings.Replace(string(yml), "settings:\n", "settings:\n  database: "+filepath.Join(dir, "t.db")+"\n  delay: 0s\n  lookback_days: 90\n", 1))
	cfg, err := config.Parse("sites.yaml", yml)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, cfg.Settings.Database)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var units []store.Unit
	for _, u := range cfg.Units {
		units = append(units, store.Unit{ID: u.ID, Name: u.Name, Kind: u.Kind, URL: u.URL, Enabled: true})
	}
	if err := st.SyncUnits(ctx, units, now); err != nil {
		t.Fatal(err)
	}
	return &province{t: t, cfg: cfg, st: st, clock: now}
}

func (p *province) crawl(after time.Duration) []crawler.Summary {
	p.clock = p.clock.Add(after)
	clock := p.clock
	r := &crawler.Runner{Crawler: crawler.New(crawler.FromConfig(p.cfg, func() time.Time { return clock }, nil)), Store: p.st, Config: p.cfg, Workers: 1}
	return r.Run(context.Background(), p.cfg.Units)
}

func (p *province) posts(unit string) map[string]store.Post {
	ps, err := p.st.Posts(context.Background(), store.PostFilter{UnitID: unit, IncludeGone: true})
	if err != nil {
		p.t.Fatal(err)
	}
	m := map[string]store.Post{}
	for _, x := range ps {
		m[x.URL] = x
	}
	return m
}

// TestBackdatedAndRedated: a post that appears dated two weeks before a
// crawl that would have seen it is flagged backdated; a known post whose
// date changes on the site is flagged redated with both dates.
func TestBackdatedAndRedated(t *testing.T) {
	t.Parallel()
	now := simweb.DefaultNow()
	sites, _, p := startProvince(t, simweb.Options{Seed: 21, Now: now, Styles: []string{simweb.StyleWordPress, simweb.StyleNukeViet}}, 2)
	p.crawl(0)

	back := sites[0].AddPost(simweb.NewPost{Title: "Báo cáo sơ kết hoạt động tháng trước", Published: now.AddDate(0, 0, -14)})
	var target simweb.TruthPost
	for _, tp := range sites[1].Truth() {
		if tp.Published.After(now.AddDate(0, 0, -30)) && !tp.Pinned {
			target = tp
			break
		}
	}
	newDate := target.Published.AddDate(0, 0, -5)
	if !sites[1].Redate(target.URL, newDate) {
		t.Fatal("redate failed")
	}
	p.crawl(24 * time.Hour)

	var gotBack, gotRedated bool
	for u, x := range p.posts(p.cfg.Units[0].ID) {
		if strings.HasSuffix(u, strings.TrimSuffix(back.URL, "/")) {
			gotBack = x.Flags["backdated"] != ""
			t.Logf("backdated flag: %q", x.Flags["backdated"])
		}
	}
	for u, x := range p.posts(p.cfg.Units[1].ID) {
		if strings.HasSuffix(u, strings.TrimSuffix(target.URL, "/")) {
			gotRedated = x.Flags["redated"] != "" && x.Published.Equal(newDate.UTC())
			t.Logf("redated flag: %q, published %s", x.Flags["redated"], x.Published)
		}
	}
	if !gotBack {
		t.Errorf("post %s dated two weeks back not flagged backdated", back.URL)
	}
	if !gotRedated {
		t.Errorf("post %s re-dated to %s not flagged redated", target.URL, newDate)
	}
}

// TestCopiedPost: the same text published by a second unit is flagged copied
// and does not count; the first publication counts.
func TestCopiedPost(t *testing.T) {
	t.Parallel()
	body := `<html><head><title>%s</title></head><body><h1>Tập huấn chuyển đổi số cho giáo viên</h1>
<div class="meta">Ngày đăng: %s</div><div class="entry-content"><p>Trong hai ngày, giáo viên toàn trường được tập huấn về chuyển đổi số trong dạy học, sử dụng học liệu số,
hồ sơ điện tử và các nền tảng quản lý học tập. Báo cáo viên hướng dẫn chi tiết cách xây dựng bài giảng điện tử và đánh giá học sinh trực tuyến.</p></div></body></html>`
	home := `<html><head><title>%s</title></head><body><ul><li><a href="/tin-tuc/tap-huan-chuyen-doi-so-cho-giao-vien-7.html">Tập huấn chuyển đổi số cho giáo viên</a></li></ul></body></html>`
	site := func(name, date string) *httptest.Server {
		return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch r.URL.Path {
			case "/":
				fmt.Fprintf(w, home, name)
			case "/tin-tuc/tap-huan-chuyen-doi-so-cho-giao-vien-7.html":
				fmt.Fprintf(w, body, name, date)
			default:
				http.NotFound(w, r)
			}
		}))
	}
	a, b := site("Trường A", "10/11/2026 08:00"), site("Trường B", "12/11/2026 09:00")
	t.Cleanup(a.Close)
	t.Cleanup(b.Close)
	yml := fmt.Sprintf("settings:\n  allow_private_network: true\nunits:\n  - {id: a, name: A, kind: truc_thuoc, url: %q}\n  - {id: b, name: B, kind: truc_thuoc, url: %q}\n", a.URL+"/", b.URL+"/")
	p := newProvince(t, []byte(yml), simweb.DefaultNow())
	p.crawl(0)
	for _, x := range p.posts("a") {
		if x.Flags["copied"] != "" {
			t.Errorf("the first publication is flagged copied: %v", x.Flags)
		}
	}
	n := 0
	for _, x := range p.posts("b") {
		n++
		if !strings.Contains(x.Flags["copied"], a.URL) {
			t.Errorf("the copy is not flagged copied from unit a: %v", x.Flags)
		}
	}
	if n != 1 {
		t.Fatalf("unit b has %d posts, want 1", n)
	}
}
