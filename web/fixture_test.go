package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"sitewatch/config"
	"sitewatch/evaluation"
	"sitewatch/store"
)

// Hostile titles from websites.
const (
	titleScript  = `<script>alert("xss")</script> Hội nghị cán bộ`
	titleFormula = `=HYPERLINK("http://evil.example/","Bấm vào")`
	urlJS        = "javascript:alert(1)"
)

// fixtureNow is the fixed clock of the page tests: 25/11/2026 10:00 in Hồ Chí Minh.
const fixtureNow = "2026-11-25 10:00"

type fixture struct {
	cfg   *config.Config
	store *store.Store
	now   time.Time
	srv   *Server
	// inspected counts the calls of the fake claim inspector.
	inspected atomic.Int32
	ev        *storeEvals
}

// Claimed URLs the fake inspector knows; any other URL is a dated post.
const (
	claimDated    = "https://pgd-cho.example.edu.vn/tin/bi-sot"
	claimUndated  = "https://pgd-cho.example.edu.vn/gioi-thieu"
	claimFails    = "https://pgd-cho.example.edu.vn/tin/loi"
	titleClaimed  = `<img src=x onerror=alert(1)> Tin bị sót`
	claimedAtText = "15/11/2026 09:00"
)

func newFixture(t testing.TB) *fixture {
	t.Helper()
	path := filepath.Join("testdata", "sites.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse(path, data)
	if err != nil {
		t.Fatalf("parse config: %v", err)
	}
	loc := cfg.Location
	at := func(s string) time.Time {
		t.Helper()
		v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "sitewatch.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var units []store.Unit
	for _, u := range cfg.Units {
		units = append(units, store.Unit{ID: u.ID, Name: u.Name, Kind: u.Kind, Block: u.Block, URL: u.URL, Enabled: u.IsEnabled(), Retired: u.Retired})
	}
	if err := st.SyncUnits(ctx, units, at(fixtureNow)); err != nil {
		t.Fatal(err)
	}
	post := func(unit, slug, title, published string, img, capd int) store.Post {
		return store.Post{
			URL: "https://" + unit + ".example.edu.vn/tin/" + slug, Title: title, Published: at(published),
			DateSource: "json-ld datePublished", DateRaw: published + ":00+07:00", FoundVia: "feed https://" + unit + ".example.edu.vn/rss",
			Images: img, CaptionedImages: capd, Flags: map[string]string{},
		}
	}
	save := func(unit, started, outcome string, posts ...store.Post) {
		t.Helper()
		c := store.Crawl{UnitID: unit, Started: at(started), Finished: at(started).Add(2 * time.Minute), Outcome: outcome, Requests: 12, HTTPStatus: 200, PostsFound: len(posts)}
		if outcome == store.OutcomeFailed {
			c.HTTPStatus, c.Requests, c.Error, c.ErrorReason = 0, 1, "dial tcp 203.0.113.7:443: connect: connection refused", "refused"
		} else {
			// The home page was read: every required section was found.
			c.Sections = map[string]string{}
			for _, r := range cfg.KindOf(cfg.Unit(unit)).Required {
				c.Sections[r.ID] = "https://" + unit + ".example.edu.vn/" + r.ID
			}
			if unit == "thpt-truot" {
				// Evidence of a compromised site, quoted from the site.
				c.Sections["compromised"] = "<b>thiếu</b> nhà cái uy tín"
			}
		}
		for i := range posts {
			posts[i].UnitID = unit
		}
		if _, err := st.SaveCrawl(ctx, &store.CrawlResult{Crawl: c, Posts: posts}); err != nil {
			t.Fatal(err)
		}
	}
	js := post("thpt-dat", "js", "Liên kết lạ", "2026-10-06 09:00", 0, 0)
	js.URL = urlJS
	excluded := post("pgd-cho", "trung", "Tin trùng lặp", "2026-11-21 08:00", 1, 1)
	excluded.Flags["excluded"] = "trùng với tin ngày 20/11"
	save("thpt-dat", "2026-11-25 06:30", store.OutcomeOK,
		post("thpt-dat", "khai-giang", "Lễ khai giảng năm học mới", "2026-10-05 08:00", 4, 3),
		post("thpt-dat", "hoi-thao", "Hội thảo chuyên đề Toán", "2026-11-10 15:30", 2, 2),
		js)
	save("pgd-cho", "2026-11-25 06:30", store.OutcomeOK,
		post("pgd-cho", "a", "Tập huấn chuyên môn", "2026-10-03 08:00", 3, 1),
		post("pgd-cho", "b", "Kiểm tra nội bộ", "2026-10-20 08:00", 2, 2),
		post("pgd-cho", "c", titleScript, "2026-11-20 08:00", 1, 0),
		excluded)
	save("thpt-truot", "2026-11-25 06:30", store.OutcomeOK,
		post("thpt-truot", "d", titleFormula, "2026-11-22 07:00", 1, 1))
	save("thpt-sap", "2026-11-24 18:30", store.OutcomeOK,
		post("thpt-sap", "e", "Ngày Nhà giáo Việt Nam", "2026-11-20 07:00", 5, 5),
		post("thpt-sap", "f", "Hội diễn văn nghệ", "2026-10-15 07:00", 2, 0))
	save("thpt-sap", "2026-11-25 06:30", store.OutcomeFailed)
	save("phong-cham", "2026-11-25 06:30", store.OutcomeOK,
		post("phong-cham", "g", "Thông báo kỳ thi", "2026-10-10 07:00", 0, 0))
	f := &fixture{cfg: cfg, store: st, now: at(fixtureNow)}
	f.srv = New(f.options(at("2026-11-15 09:00")))
	return f
}

// options are the Options of the fixture's server; the fake inspector
// dates claimed posts at claimedAt.
func (f *fixture) options(claimedAt time.Time) Options {
	return Options{
		Config: f.cfg, Store: f.store, Now: func() time.Time { return f.now }, Logger: slog.New(slog.DiscardHandler),
		InspectClaim: func(_ context.Context, unitID, raw string) (store.Post, error) {
			f.inspected.Add(1)
			switch raw {
			case claimFails:
				return store.Post{}, errors.New("dial tcp 203.0.113.9:443: connect: connection refused")
			case claimUndated:
				return store.Post{URL: raw, Title: "Giới thiệu", Flags: map[string]string{"not_post": "trang tĩnh"}}, nil
			}
			return store.Post{
				UnitID: unitID, URL: raw, Title: titleClaimed, Published: claimedAt,
				DateSource: "meta article:published_time", Images: 3, CaptionedImages: 2,
			}, nil
		},
		Evaluations: f.evals(),
	}
}

// evals returns the fixture's evaluations: the snapshot is built from the
// store at the fixture's clock, as the service builds it after a crawl run.
func (f *fixture) evals() *storeEvals {
	if f.ev == nil {
		f.ev = &storeEvals{cfg: f.cfg, st: f.store, now: func() time.Time { return f.now }}
	}
	return f.ev
}

// storeEvals implements Evaluations over a store, counting the snapshots built.
type storeEvals struct {
	cfg    *config.Config
	st     *store.Store
	now    func() time.Time
	cur    atomic.Pointer[evaluation.Evaluation]
	builds atomic.Int32
}

func (e *storeEvals) Current(ctx context.Context) (*evaluation.Evaluation, error) {
	if ev := e.cur.Load(); ev != nil {
		return ev, nil
	}
	if err := e.Refresh(ctx); err != nil {
		return nil, err
	}
	return e.cur.Load(), nil
}

func (e *storeEvals) Evaluate(ctx context.Context, o evaluation.Options) (*evaluation.Evaluation, error) {
	return evaluation.Build(ctx, e.st, e.cfg, e.now(), o)
}

func (e *storeEvals) Refresh(ctx context.Context) error {
	ev, err := evaluation.Build(ctx, e.st, e.cfg, e.now(), evaluation.Options{})
	if err != nil {
		return err
	}
	e.builds.Add(1)
	e.cur.Store(ev)
	return nil
}

// server starts the pages on a loopback test server.
func (f *fixture) server(t testing.TB) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(f.srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}
