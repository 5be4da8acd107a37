package crawler_test

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitewatch/checks"
	"sitewatch/config"
	"sitewatch/crawler"
	"sitewatch/internal/testkit/faultweb"
	"sitewatch/internal/testkit/simweb"
	"sitewatch/store"
	"sitewatch/tally"
)

// Limits of the fault runs: small, so that every fault ends quickly, but
// the assertions never depend on timing beyond "ends well within".
const (
	faultRequestTimeout = 3 * time.Second // a 15-hop redirect chain must fit on a loaded machine
	faultCrawlTimeout   = 8 * time.Second
	faultMaxPages       = 30
	faultMaxBody        = 1 << 20
)

// faultCase is one unit of the fault run: a server misbehaving in one way
// (or a healthy one) and what the crawl must record for it.
type faultCase struct {
	id  string
	url string
	// insecure sets the unit's insecure_skip_verify.
	insecure bool
	// site, when set, is the content the crawl must find exactly.
	site *faultweb.Site
	// outcome and reason are the expected Crawl.Outcome and ErrorReason.
	outcome, reason string
	// errText must appear in Crawl.Error (when set).
	errText string
	// siteState and siteReason are the expected state of the site check
	// and a phrase of its Vietnamese reason.
	siteState, siteReason string
	// extra checks the crawl further.
	extra func(t *testing.T, c store.Crawl)
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// TestFaults crawls, in one run, healthy units beside units whose websites
// fail in every way we know, and checks that each failure is recorded with
// its reason and shows in the site check, that the healthy units come out
// exactly right, and that nothing leaks or hangs. Not parallel: it counts
// goroutines and file descriptors.
func TestFaults(t *testing.T) {
	before := faultweb.Take()
	now := time.Now().Truncate(time.Second)
	var closers []func()
	defer func() {
		for _, c := range closers {
			c()
		}
	}()
	serve := func(h http.Handler) *faultweb.HTTP {
		s := faultweb.Serve(h)
		closers = append(closers, s.Close)
		return s
	}
	tcp := func(s *faultweb.TCP, err error) *faultweb.TCP {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		closers = append(closers, s.Close)
		return s
	}
	site := func(name string, n int) *faultweb.Site { return faultweb.NewSite(name, now, n) }
	healthyA, healthyB := site("Trường THCS Hòa Bình", 5), site("Trường Tiểu học Đoàn Kết", 3)
	retrySite, chainSite := site("Trường THPT Lê Quý Đôn", 2), site("Trường Mầm non Hoa Sen", 2)
	cp1258 := site("Trường THCS Nguyễn Trãi", 3)
	cp1258.Encoding = faultweb.Windows1258
	mislabelled1258 := site("Trường THCS Chu Văn An", 3)
	mislabelled1258.Encoding, mislabelled1258.Declared = faultweb.Windows1258, faultweb.UTF8
	mislabelledUTF8 := site("Trường Tiểu học Quang Trung", 3)
	mislabelledUTF8.Declared = faultweb.Windows1258
	invalid := site("Trường THCS Trần Hưng Đạo", 3)
	invalid.InvalidBytes = true
	broken := site("Trường THCS Lý Tự Trọng", 3)
	broken.BrokenHTML = true
	tlsExpiredSite, tlsSelfSite := site("Trường THPT Phan Bội Châu", 2), site("Trường THPT Hùng Vương", 2)

	expired, err := faultweb.ExpiredCert(now)
	if err != nil {
		t.Fatal(err)
	}
	selfSigned, err := faultweb.SelfSignedCert(now.AddDate(0, -1, 0), now.AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	serveTLS := func(h http.Handler, c tls.Certificate) *faultweb.HTTP {
		s := faultweb.ServeTLS(h, c)
		closers = append(closers, s.Close)
		return s
	}
	refused, free, err := faultweb.RefusedURL()
	if err != nil {
		t.Fatal(err)
	}
	closers = append(closers, free)

	robotsAll := serve(faultweb.WithRobots("User-agent: *\nDisallow: /\n", healthyA))
	storm503 := serve(faultweb.Status(http.StatusServiceUnavailable, http.Header{"Retry-After": {"3600"}}))
	retry := serve(faultweb.Throttle(http.StatusTooManyRequests, "1", 1, retrySite))
	huge := serve(faultweb.Huge(50 << 20))
	paging := serve(faultweb.Paging{Now: now})
	calendar := serve(faultweb.Paging{Now: now, Calendar: true})
	feed := serve(faultweb.Paging{Now: now, Feed: true})
	metadata := serve(faultweb.RedirectTo("http://169.254.169.254/latest/meta-data/"))

	pageCapped := func(s *faultweb.HTTP) func(t *testing.T, c store.Crawl) {
		return func(t *testing.T, c store.Crawl) {
			if c.Requests > faultMaxPages || s.Hits() > faultMaxPages {
				t.Errorf("page cap %d broken: %d requests recorded, %d received", faultMaxPages, c.Requests, s.Hits())
			}
		}
	}
	tlsFinding := func(want string) func(t *testing.T, c store.Crawl) {
		return func(t *testing.T, c store.Crawl) {
			if !strings.Contains(c.TLSError, want) {
				t.Errorf("TLSError = %q, want it to mention %q", c.TLSError, want)
			}
			if c.TLSExpiry.IsZero() && c.Outcome != store.OutcomeFailed {
				t.Error("TLSExpiry not recorded")
			}
		}
	}
	const notReached = "Không truy cập được trang web"
	cases := []faultCase{
		{id: "healthy-a", url: serve(healthyA).URL, site: healthyA, outcome: store.OutcomeOK, siteState: checks.StateOK},
		{id: "healthy-b", url: serve(healthyB).URL, site: healthyB, outcome: store.OutcomeOK, siteState: checks.StateOK},
		{id: "refused", url: refused, outcome: store.OutcomeFailed, reason: crawler.ReasonRefused, siteState: checks.StateFail, siteReason: "từ chối kết nối"},
		{id: "dns", url: "http://khong-ton-tai.invalid/", outcome: store.OutcomeFailed, reason: crawler.ReasonDNS, siteState: checks.StateFail, siteReason: "DNS"},
		{id: "silent", url: tcp(faultweb.Silent()).URL, outcome: store.OutcomeFailed, reason: crawler.ReasonTimeout, siteState: checks.StateFail, siteReason: "thời gian chờ"},
		{id: "drip-body", url: tcp(faultweb.Drip(time.Second, false)).URL, outcome: store.OutcomeFailed, reason: crawler.ReasonTimeout, siteState: checks.StateFail, siteReason: "thời gian chờ"},
		{id: "drip-headers", url: tcp(faultweb.Drip(time.Second, true)).URL, outcome: store.OutcomeFailed, reason: crawler.ReasonTimeout, siteState: checks.StateFail, siteReason: "thời gian chờ"},
		{id: "reset", url: tcp(faultweb.Reset()).URL, outcome: store.OutcomeFailed, reason: crawler.ReasonReset, siteState: checks.StateFail, siteReason: "ngắt kết nối"},
		{id: "storm-500", url: serve(faultweb.Status(http.StatusInternalServerError, nil)).URL, outcome: store.OutcomeFailed, reason: crawler.ReasonHTTP5xx,
			errText: "HTTP 500", siteState: checks.StateFail, siteReason: "HTTP 500"},
		{id: "storm-503", url: storm503.URL, outcome: store.OutcomeFailed, reason: crawler.ReasonHTTP5xx, siteState: checks.StateFail, siteReason: "HTTP 503",
			extra: func(t *testing.T, c store.Crawl) {
				// Retry-After: 3600 is beyond what a crawl waits: no retry.
				if storm503.Hits() != 2 {
					t.Errorf("%d requests, want 2 (robots.txt and the home page, no retries)", storm503.Hits())
				}
			}},
		{id: "throttle-429", url: serve(faultweb.Status(http.StatusTooManyRequests, http.Header{"Retry-After": {"1"}})).URL,
			outcome: store.OutcomeFailed, reason: crawler.ReasonHTTP4xx, errText: "HTTP 429", siteState: checks.StateFail, siteReason: "HTTP 429"},
		{id: "retry-after", url: retry.URL, site: retrySite, outcome: store.OutcomeOK, siteState: checks.StateOK,
			extra: func(t *testing.T, c store.Crawl) {
				if p := retry.Paths(); len(p) < 2 || p[0] != "/robots.txt" || p[1] != "/robots.txt" {
					t.Errorf("the 429 was not retried after Retry-After: requests %v", p)
				}
			}},
		{id: "redirect-loop", url: serve(faultweb.RedirectLoop()).URL, outcome: store.OutcomeFailed, reason: crawler.ReasonRedirects, errText: "redirect",
			siteState: checks.StateFail, siteReason: "chuyển hướng"},
		{id: "redirect-chain-15", url: serve(faultweb.RedirectChain(15, healthyA)).URL, outcome: store.OutcomeFailed, reason: crawler.ReasonRedirects,
			errText: "more than 10 redirects", siteState: checks.StateFail, siteReason: "chuyển hướng"},
		{id: "redirect-chain-3", url: serve(faultweb.RedirectChain(3, chainSite)).URL, site: chainSite, outcome: store.OutcomeOK, siteState: checks.StateOK},
		{id: "redirect-metadata", url: metadata.URL, outcome: store.OutcomeFailed, reason: crawler.ReasonBlocked, errText: "169.254.169.254",
			siteState: checks.StateFail, siteReason: "không được phép"},
		{id: "infinite-pages", url: paging.URL, outcome: store.OutcomePartial, errText: "page cap 30 reached", siteState: checks.StateWarn,
			siteReason: "một phần", extra: pageCapped(paging)},
		{id: "calendar", url: calendar.URL, outcome: store.OutcomePartial, errText: "page cap 30 reached", siteState: checks.StateWarn,
			siteReason: "một phần", extra: pageCapped(calendar)},
		{id: "infinite-feed", url: feed.URL, outcome: store.OutcomePartial, errText: "page cap 30 reached", siteState: checks.StateWarn,
			siteReason: "một phần", extra: pageCapped(feed)},
		{id: "huge-page", url: huge.URL, outcome: store.OutcomeFailed, reason: crawler.ReasonTooLarge, siteState: checks.StateFail, siteReason: "quá lớn",
			extra: func(t *testing.T, c store.Crawl) {
				if c.Bytes > faultMaxBody+4096 { // the cap plus robots.txt
					t.Errorf("read %d bytes, cap is %d", c.Bytes, faultMaxBody)
				}
				if huge.BytesWritten() >= 50<<20 {
					t.Errorf("the whole 50 MB page was sent (%d bytes): the crawler did not hang up", huge.BytesWritten())
				}
			}},
		{id: "gzip-bomb", url: serve(faultweb.GzipBomb(1 << 30)).URL, outcome: store.OutcomeFailed, reason: crawler.ReasonTooLarge, siteState: checks.StateFail,
			siteReason: "quá lớn", extra: func(t *testing.T, c store.Crawl) {
				if c.Bytes > faultMaxBody+4096 {
					t.Errorf("inflated %d bytes, cap is %d", c.Bytes, faultMaxBody)
				}
			}},
		{id: "windows-1258", url: serve(cp1258).URL, site: cp1258, outcome: store.OutcomeOK, siteState: checks.StateOK},
		{id: "windows-1258-labelled-utf8", url: serve(mislabelled1258).URL, site: mislabelled1258, outcome: store.OutcomeOK, siteState: checks.StateOK},
		{id: "utf8-labelled-windows-1258", url: serve(mislabelledUTF8).URL, site: mislabelledUTF8, outcome: store.OutcomeOK, siteState: checks.StateOK},
		{id: "invalid-utf8", url: serve(invalid).URL, site: invalid, outcome: store.OutcomeOK, siteState: checks.StateOK},
		{id: "broken-html", url: serve(broken).URL, site: broken, outcome: store.OutcomeOK, siteState: checks.StateOK},
		{id: "robots-disallow-all", url: robotsAll.URL, outcome: store.OutcomeFailed, reason: crawler.ReasonRobots, siteState: checks.StateFail, siteReason: "robots.txt",
			extra: func(t *testing.T, c store.Crawl) {
				if !c.RobotsBlocked {
					t.Error("RobotsBlocked not set")
				}
				if p := robotsAll.Paths(); len(p) != 1 {
					t.Errorf("requests %v, want robots.txt alone", p)
				}
			}},
		{id: "tls-expired", url: serveTLS(tlsExpiredSite, expired).URL, outcome: store.OutcomeFailed, reason: crawler.ReasonTLS, siteState: checks.StateFail,
			siteReason: "TLS", extra: tlsFinding("expired")},
		{id: "tls-self-signed", url: serveTLS(tlsSelfSite, selfSigned).URL, outcome: store.OutcomeFailed, reason: crawler.ReasonTLS, siteState: checks.StateFail,
			siteReason: "TLS", extra: tlsFinding("unknown authority")},
		{id: "tls-expired-allowed", url: serveTLS(tlsExpiredSite, expired).URL, insecure: true, site: tlsExpiredSite, outcome: store.OutcomeOK,
			siteState: checks.StateFail, siteReason: "Chứng chỉ TLS không hợp lệ", extra: tlsFinding("expired")},
		{id: "tls-self-signed-allowed", url: serveTLS(tlsSelfSite, selfSigned).URL, insecure: true, site: tlsSelfSite, outcome: store.OutcomeOK,
			siteState: checks.StateFail, siteReason: "Chứng chỉ TLS không hợp lệ", extra: tlsFinding("unknown authority")},
	}

	dir := t.TempDir()
	var y strings.Builder
	fmt.Fprintf(&y, "settings:\n  database: %s\n  allow_private_network: true\n  request_timeout: %s\n  crawl_timeout: %s\n  delay: 1ms\n  max_pages: %d\n  max_body_bytes: %d\n  workers: %d\nunits:\n",
		filepath.Join(dir, "faults.db"), faultRequestTimeout, faultCrawlTimeout, faultMaxPages, faultMaxBody, len(cases))
	for _, c := range cases {
		fmt.Fprintf(&y, "  - id: %s\n    name: Đơn vị %s\n    kind: truc_thuoc\n    url: %q\n    insecure_skip_verify: %v\n", c.id, c.id, c.url, c.insecure)
	}
	cfg, err := config.Parse("faults.yaml", []byte(y.String()))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, cfg.Settings.Database)
	if err != nil {
		t.Fatal(err)
	}
	closers = append(closers, func() { st.Close() })
	var units []store.Unit
	for _, u := range cfg.Units {
		units = append(units, store.Unit{ID: u.ID, Name: u.Name, Kind: u.Kind, URL: u.URL, Enabled: true})
	}
	if err := st.SyncUnits(ctx, units, now); err != nil {
		t.Fatal(err)
	}
	opts := crawler.FromConfig(cfg, func() time.Time { return now }, quietLogger())
	opts.Resolver = offlineResolver()
	c := crawler.New(opts)
	r := &crawler.Runner{Crawler: c, Store: st, Config: cfg, Workers: cfg.Settings.Workers, Logger: quietLogger()}

	start := time.Now()
	sums := r.Run(ctx, cfg.Units)
	elapsed := time.Since(start)
	c.CloseIdleConnections()
	// Generous: every unit runs at once and each is capped at faultCrawlTimeout.
	if limit := faultCrawlTimeout + 30*time.Second; elapsed > limit {
		t.Errorf("the crawl of all units took %s, more than %s", elapsed, limit)
	}

	latest, err := st.LatestCrawls(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, fc := range cases {
		t.Run(fc.id, func(t *testing.T) {
			s := sums[i]
			if s.Unit == nil || s.Unit.ID != fc.id {
				t.Fatalf("no summary for %s", fc.id)
			}
			if s.SaveErr != nil {
				t.Fatalf("save: %v", s.SaveErr)
			}
			cr, ok := latest[fc.id]
			if !ok {
				t.Fatal("no crawl recorded")
			}
			t.Logf("%s %s in %s, %d requests: %s", cr.Outcome, cr.ErrorReason, s.Duration.Round(time.Millisecond), cr.Requests, cr.Error)
			if strings.Contains(cr.Error, "internal error") {
				t.Fatalf("the crawl panicked: %s", cr.Error)
			}
			if cr.Outcome != fc.outcome || cr.ErrorReason != fc.reason {
				t.Errorf("outcome %q reason %q (error %q), want %q %q", cr.Outcome, cr.ErrorReason, cr.Error, fc.outcome, fc.reason)
			}
			if fc.outcome == store.OutcomeFailed && cr.Error == "" {
				t.Error("a failed crawl without an error message")
			}
			if fc.errText != "" && !strings.Contains(cr.Error, fc.errText) {
				t.Errorf("error %q does not mention %q", cr.Error, fc.errText)
			}
			if d := cr.Finished.Sub(cr.Started); s.Duration > faultCrawlTimeout+10*time.Second || d > faultCrawlTimeout+10*time.Second {
				t.Errorf("the crawl took %s (recorded %s), deadline %s", s.Duration, d, faultCrawlTimeout)
			}
			if fc.site != nil {
				checkPosts(t, st, fc.id, fc.url, fc.site)
			}
			u := cfg.Unit(fc.id)
			res := checks.Evaluate(checks.Input{Config: cfg, Unit: u, Kind: cfg.KindOf(u), Latest: &cr, Now: now})
			site := find(res, "site")
			if site.State != fc.siteState || !strings.Contains(site.Reason, fc.siteReason) {
				t.Errorf("site check %s %q, want %s mentioning %q", site.State, site.Reason, fc.siteState, fc.siteReason)
			}
			if fc.outcome == store.OutcomeFailed && !strings.HasPrefix(site.Reason, notReached) {
				t.Errorf("site check of a failed crawl: %q", site.Reason)
			}
			if strings.Contains(site.Reason, "lỗi "+fc.reason) && fc.reason != "" {
				t.Errorf("site check shows the raw label: %q", site.Reason)
			}
			if fc.extra != nil {
				fc.extra(t, cr)
			}
		})
	}

	for _, c := range closers {
		c()
	}
	closers = nil
	before.Check(t, 2, 10*time.Second)
}

// checkPosts compares the posts stored for a unit with its site's truth.
func checkPosts(t *testing.T, st *store.Store, unitID, root string, site *faultweb.Site) {
	t.Helper()
	posts, err := st.Posts(context.Background(), store.PostFilter{UnitID: unitID, IncludeGone: true})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]store.Post{}
	for _, p := range posts {
		got[p.URL] = p
	}
	root = strings.TrimSuffix(root, "/")
	for _, want := range site.Posts {
		u := crawler.Canonical(root + want.Path())
		p, ok := got[u]
		if !ok {
			t.Errorf("post %s (%q) not found; have %d posts", u, want.Title, len(posts))
			continue
		}
		delete(got, u)
		if p.Title != want.Title {
			t.Errorf("%s: title %q, want %q", want.Path(), p.Title, want.Title)
		}
		if !p.Published.Equal(want.Published) {
			t.Errorf("%s: published %s (%s), want %s", want.Path(), p.Published, p.DateSource, want.Published.UTC())
		}
		if p.Images != want.Images || p.CaptionedImages != want.Captioned {
			t.Errorf("%s: images %d captioned %d, want %d and %d", want.Path(), p.Images, p.CaptionedImages, want.Images, want.Captioned)
		}
		if ok, why := tally.Counted(p); !ok {
			t.Errorf("%s: not counted: %s", want.Path(), why)
		}
	}
	for u, p := range got {
		t.Errorf("unexpected post %s (%q)", u, p.Title)
	}
}

func find(rs []checks.Result, name string) checks.Result {
	for _, r := range rs {
		if r.Check == name {
			return r
		}
	}
	return checks.Result{Check: name, State: "missing"}
}

// TestPrivateAddressBlocked: without allow_private_network, a unit on
// loopback is not contacted at all (the guard runs before the connection).
func TestPrivateAddressBlocked(t *testing.T) {
	t.Parallel()
	now := time.Now()
	srv := faultweb.Serve(faultweb.NewSite("Trường nội bộ", now, 1))
	t.Cleanup(srv.Close)
	c := crawler.New(crawler.Options{RequestTimeout: faultRequestTimeout, CrawlTimeout: faultCrawlTimeout, Delay: time.Millisecond})
	t.Cleanup(c.CloseIdleConnections)
	u := &config.Unit{ID: "noi-bo", URL: srv.URL + "/"}
	res := c.Crawl(context.Background(), crawler.Target{Unit: u})
	if res.Crawl.Outcome != store.OutcomeFailed || res.Crawl.ErrorReason != crawler.ReasonBlocked {
		t.Errorf("outcome %q reason %q (%s), want failed %s", res.Crawl.Outcome, res.Crawl.ErrorReason, res.Crawl.Error, crawler.ReasonBlocked)
	}
	if !strings.Contains(res.Crawl.Error, "allow_private_network") {
		t.Errorf("error %q does not say how to allow it", res.Crawl.Error)
	}
	if n := srv.Hits(); n != 0 {
		t.Errorf("the server received %d requests", n)
	}
}

// TestPostsVanish: when every post of a site disappears, the next crawl
// marks the posts of the window gone; they stay in the database and in the
// counts.
func TestPostsVanish(t *testing.T) {
	t.Parallel()
	sites := simweb.Generate(simweb.Options{Styles: []string{simweb.StyleWordPress, simweb.StyleNukeViet}}, 2)
	w, err := simweb.Start(sites)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	dir := t.TempDir()
	cfg, err := config.Parse("sites.yaml", w.SitesYAML(simweb.RegistryOptions{Settings: map[string]string{
		"database": filepath.Join(dir, "vanish.db"), "delay": "1ms", "request_timeout": "5s",
	}}))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, cfg.Settings.Database)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var units []store.Unit
	for _, u := range cfg.Units {
		units = append(units, store.Unit{ID: u.ID, Name: u.Name, Kind: u.Kind, URL: u.URL, Enabled: true})
	}
	now := simweb.DefaultNow()
	if err := st.SyncUnits(ctx, units, now); err != nil {
		t.Fatal(err)
	}
	crawl := func(at time.Time) []crawler.Summary {
		c := crawler.New(crawler.FromConfig(cfg, func() time.Time { return at }, quietLogger()))
		defer c.CloseIdleConnections()
		r := &crawler.Runner{Crawler: c, Store: st, Config: cfg, Workers: 2, Logger: quietLogger()}
		return r.Run(ctx, cfg.Units)
	}
	first := crawl(now)
	for _, s := range first {
		if s.Crawl.Outcome != store.OutcomeOK || s.New == 0 {
			t.Fatalf("%s: first crawl %s with %d new posts (%s)", s.Unit.ID, s.Crawl.Outcome, s.New, s.Crawl.Error)
		}
	}
	before, err := st.Posts(ctx, store.PostFilter{IncludeGone: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sites {
		s.RemoveAllPosts()
	}
	second := crawl(now.Add(time.Hour))
	since := now.AddDate(0, 0, -cfg.Settings.LookbackDays)
	after, err := st.Posts(ctx, store.PostFilter{IncludeGone: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Errorf("%d posts before, %d after: posts must never be deleted", len(before), len(after))
	}
	for i, s := range second {
		if s.Crawl.Outcome == store.OutcomeFailed {
			t.Errorf("%s: second crawl failed: %s", s.Unit.ID, s.Crawl.Error)
		}
		inWindow := 0
		for _, p := range after {
			if p.UnitID != s.Unit.ID || p.Published.Before(since) {
				continue
			}
			inWindow++
			if p.Status != store.StatusGone || p.GoneSince.IsZero() || p.Flags["gone"] == "" {
				t.Errorf("%s: %s is %s (gone since %v, flags %v), want gone", s.Unit.ID, p.URL, p.Status, p.GoneSince, p.Flags)
			}
			if ok, why := tally.Counted(p); !ok {
				t.Errorf("%s: gone post %s no longer counted: %s", s.Unit.ID, p.URL, why)
			}
		}
		if s.Gone != inWindow || inWindow == 0 {
			t.Errorf("%s: %d marked gone, %d posts in the window (first crawl found %d)", s.Unit.ID, s.Gone, inWindow, first[i].Found)
		}
	}
}

// offlineResolver fails every lookup of a name without sending a packet
// (loopback addresses in URLs need no lookup), so the DNS failure case
// never leaves the machine.
func offlineResolver() *net.Resolver {
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, address string) (net.Conn, error) {
		return nil, &net.DNSError{Err: "no such host (offline test resolver)", Name: address, IsNotFound: true}
	}}
}
