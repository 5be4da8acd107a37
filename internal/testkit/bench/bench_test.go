package bench_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"sitewatch/config"
	"sitewatch/internal/testkit/bench"
	"sitewatch/internal/testkit/bench/datecmp"
	"sitewatch/internal/testkit/simweb"
	"sitewatch/service"
	"sitewatch/store"
)

func TestFaultPlan(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name             string
		n                int
		down, slow, errs int
	}{
		{"none under 18 sites", 17, 0, 0, 0},
		{"one of each in 250", 250, 1, 1, 1},
		{"four of each in 1000", 1000, 4, 4, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var down, slow, errs int
			for _, f := range bench.FaultPlan(tc.n) {
				switch {
				case f.Down:
					down++
				case f.Delay > 0:
					slow++
				case f.ErrorShare > 0:
					errs++
				}
			}
			if down != tc.down || slow != tc.slow || errs != tc.errs {
				t.Fatalf("FaultPlan(%d): %d down, %d slow, %d failing; want %d, %d, %d", tc.n, down, slow, errs, tc.down, tc.slow, tc.errs)
			}
		})
	}
}

// TestCrawlFloorAndJudge runs the whole harness in one process on a few
// sites: a first crawl, the floor on its URL log, a re-crawl, and the
// accuracy judgement.
func TestCrawlFloorAndJudge(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	o := bench.WebOptions{Sites: 6, PageBytes: []int{20_000}}
	sites := bench.Generate(o)
	w, err := bench.StartWeb(sites)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	db := filepath.Join(t.TempDir(), "bench.db")
	cfg, err := bench.Registry(sites, w.URL, db, 3)
	if err != nil {
		t.Fatal(err)
	}
	first, err := bench.Crawl(ctx, bench.CrawlOptions{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	log := w.TakeLog()
	if first.Units != 6 || first.Requests == 0 || first.Bytes == 0 || len(first.PerUnit) != 6 {
		t.Fatalf("first crawl: %+v", first)
	}
	// The crawler counts every request the sites answered, redirects followed included.
	if log.Count() != first.Requests {
		t.Fatalf("log has %d URLs, the crawler made %d requests", log.Count(), first.Requests)
	}
	// The floor also reads the bodies of redirects, which the crawler's client skips.
	f := bench.Floor(ctx, log.Lists(), bench.FloorOptions{Workers: 3, Parse: true})
	if f.Requests != log.Count() || f.Errors != 0 || f.Bytes < first.Bytes || f.Bytes > first.Bytes+int64(log.Count())*1024 {
		t.Fatalf("floor: %+v; log %d URLs, crawl read %d bytes", f, log.Count(), first.Bytes)
	}
	w.TakeLog()
	second, err := bench.Crawl(ctx, bench.CrawlOptions{Config: cfg, Start: simweb.DefaultNow().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if second.Requests >= first.Requests || second.NotModified == 0 {
		t.Fatalf("re-crawl: %d requests (%d not modified), first crawl %d", second.Requests, second.NotModified, first.Requests)
	}
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	posts, err := st.Posts(ctx, store.PostFilter{IncludeGone: true})
	if err != nil {
		t.Fatal(err)
	}
	latest, err := st.LatestCrawls(ctx)
	if err != nil {
		t.Fatal(err)
	}
	since := simweb.DefaultNow().AddDate(0, 0, -bench.DefaultLookbackDays)
	a := bench.Judge(bench.Truth(o), nil, posts, latest, since)
	if a.Sites != 6 || a.Truth == 0 || a.Found == 0 || a.Found > a.Truth {
		t.Fatalf("accuracy: %+v", a)
	}
}

func TestJudgePerfectStore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sites := bench.Truth(bench.WebOptions{Sites: 8})
	db := filepath.Join(t.TempDir(), "perfect.db")
	cfg, err := bench.Registry(sites, bench.FakeURL, db, 0)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := bench.FillStore(ctx, st, cfg, sites, bench.FakeURL, simweb.DefaultNow()); err != nil {
		t.Fatal(err)
	}
	posts, err := st.Posts(ctx, store.PostFilter{IncludeGone: true})
	if err != nil {
		t.Fatal(err)
	}
	since := simweb.DefaultNow().AddDate(0, 0, -bench.DefaultLookbackDays)
	a := bench.Judge(sites, nil, posts, nil, since)
	if a.Truth == 0 || a.Found != a.Truth || a.Extra != 0 || a.Duplicates != 0 || a.DateExact != a.Found || a.Images != a.Found || a.Alt != a.Found {
		t.Fatalf("the truth judged against itself: %+v", a)
	}
	r, err := bench.MeasureReports(ctx, bench.ReportsOptions{Config: cfg, Store: st, Scrapes: 3, Exports: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r.Units != 8 || r.Series == 0 || r.ScrapeGzipBytes == 0 || r.XLSXBytes == 0 || r.Posts != len(posts) {
		t.Fatalf("reports: %+v", r)
	}
}

func TestCompareExtract(t *testing.T) {
	t.Parallel()
	pages := bench.PostPages(bench.Generate(bench.WebOptions{Sites: 6, NoPadding: true}), 3)
	if len(pages) != 18 {
		t.Fatalf("%d pages, want 18", len(pages))
	}
	scores := datecmp.Compare(pages, 1)
	if len(scores) != 3 || scores[0].Name != bench.ExtractorCrawler {
		t.Fatalf("scores: %+v", scores)
	}
	for _, s := range scores {
		if s.Pages != 18 || s.PerPage <= 0 || s.Found > s.Pages || s.Exact > s.Day || s.Day > s.Month {
			t.Errorf("%s: %+v", s.Name, s)
		}
	}
}

// ---- benchmarks ----------------------------------------------------------

var (
	pagesOnce sync.Once
	pages     []bench.PostPage
)

func postPages(b *testing.B) []bench.PostPage {
	b.Helper()
	pagesOnce.Do(func() { pages = bench.PostPages(bench.Generate(bench.WebOptions{Sites: 12}), 0) })
	return pages
}

// BenchmarkExtract is extract.FromHTML on one simulated post page (20-80 KB).
func BenchmarkExtract(b *testing.B) {
	ps := postPages(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		bench.CrawlerExtract(ps[i%len(ps)])
	}
}

// BenchmarkHTMLDate is go-htmldate (extensive mode, publication date, time
// extraction on) on the same pages.
func BenchmarkHTMLDate(b *testing.B) {
	ps := postPages(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		datecmp.Date(ps[i%len(ps)], false)
	}
}

// BenchmarkCrawl100 is a first crawl of 100 simulated sites served in the
// same process (so its time includes serving them), 8 workers, no delay.
func BenchmarkCrawl100(b *testing.B) {
	ctx := context.Background()
	sites := bench.Generate(bench.WebOptions{Sites: 100, Faults: true})
	w, err := bench.StartWeb(sites)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(w.Close)
	dir := b.TempDir()
	var reqs int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		cfg, err := bench.Registry(sites, w.URL, filepath.Join(dir, time.Now().Format("150405.000000")+".db"), 8)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		r, err := bench.Crawl(ctx, bench.CrawlOptions{Config: cfg})
		if err != nil {
			b.Fatal(err)
		}
		reqs += r.Requests
		w.TakeLog()
	}
	b.ReportMetric(float64(reqs)/float64(b.N)/100, "requests/site")
}

type filled struct {
	cfg *config.Config
	st  *store.Store
}

var (
	storeOnce sync.Once
	store1000 filled
	storeErr  error
)

// filledStore is a store with 1,000 units and their true posts (FillStore).
func filledStore(b testing.TB) filled {
	b.Helper()
	storeOnce.Do(func() {
		ctx := context.Background()
		sites := bench.Truth(bench.WebOptions{Sites: 1000})
		dir, err := tempDir()
		if err != nil {
			storeErr = err
			return
		}
		db := filepath.Join(dir, "store1000.db")
		cfg, err := bench.Registry(sites, bench.FakeURL, db, 0)
		if err != nil {
			storeErr = err
			return
		}
		st, err := store.Open(ctx, db)
		if err != nil {
			storeErr = err
			return
		}
		if err := bench.FillStore(ctx, st, cfg, sites, bench.FakeURL, simweb.DefaultNow()); err != nil {
			storeErr = err
			return
		}
		store1000 = filled{cfg, st}
	})
	if storeErr != nil {
		b.Fatal(storeErr)
	}
	return store1000
}

// BenchmarkMetricsScrape1000 is one /metrics scrape (gzip, as Prometheus asks) with 1,000 units.
func BenchmarkMetricsScrape1000(b *testing.B) {
	f := filledStore(b)
	b.ResetTimer()
	r, err := bench.MeasureReports(context.Background(), bench.ReportsOptions{Config: f.cfg, Store: f.st, Scrapes: b.N, Exports: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(r.Scrape.Microseconds())/1000, "ms/scrape(median)")
	b.ReportMetric(float64(r.ScrapeCPU.Microseconds())/1000, "cpu-ms/scrape")
	b.ReportMetric(float64(r.Series), "samples")
}

// BenchmarkExport1000 is export.Build + WriteXLSX for the quarter with 1,000 units.
func BenchmarkExport1000(b *testing.B) {
	f := filledStore(b)
	b.ResetTimer()
	r, err := bench.MeasureReports(context.Background(), bench.ReportsOptions{Config: f.cfg, Store: f.st, Scrapes: 1, Exports: b.N})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(r.Export.Milliseconds()), "ms/export(median)")
	b.ReportMetric(float64(r.ExportCPU.Milliseconds()), "cpu-ms/export")
}

// TestMinimumFloor fetches the minimum URL set of a served web: every URL
// answers, every body parses, and the set holds every post of the window.
func TestMinimumFloor(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sites := bench.Generate(bench.WebOptions{Sites: 6, PageBytes: []int{20_000}})
	w, err := bench.StartWeb(sites)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Close)
	since := simweb.DefaultNow().AddDate(0, 0, -bench.DefaultLookbackDays)
	m := bench.Minimum(bench.Truth(bench.WebOptions{Sites: 6}), w.URL, since)
	if m.Unknown != 0 || m.Posts == 0 || m.Listings == 0 || len(m.Lists) != 6 {
		t.Fatalf("minimum: %+v", m)
	}
	f := bench.Floor(ctx, m.Lists, bench.FloorOptions{Workers: 3, Parse: true})
	if f.Requests != m.Count() || f.Errors != 0 || f.Parsed != f.Requests {
		t.Fatalf("floor over the minimum: %+v, minimum %d URLs", f, m.Count())
	}
	var truth int
	for _, s := range sites {
		for _, p := range s.Truth() {
			if !p.Published.Before(since) {
				truth++
			}
		}
	}
	if m.Posts != truth {
		t.Errorf("minimum has %d posts, the truth %d in the window", m.Posts, truth)
	}
}

// BenchmarkOverview1000 is one view of the status overview ("/") of 1,000
// units as serve answers it (service.Handler), from the snapshot.
func BenchmarkOverview1000(b *testing.B) {
	f := filledStore(b)
	ctx := context.Background()
	now := simweb.DefaultNow().Add(time.Hour)
	svc := service.New(service.Options{Config: f.cfg, Store: f.st, Now: func() time.Time { return now }, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err := svc.Refresh(ctx); err != nil {
		b.Fatal(err)
	}
	h := svc.Handler()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("GET / = %d", rec.Code)
		}
	}
}
