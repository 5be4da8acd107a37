package bench

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"sitewatch/config"
	"sitewatch/evaluation"
	"sitewatch/export"
	"sitewatch/metrics"
	"sitewatch/service"
	"sitewatch/store"
	"sitewatch/tally"
)

// ReportsResult is the cost of the read side with the units of a store:
// evaluation, /metrics scrapes and the quarterly XLSX export.
type ReportsResult struct {
	Units int `json:"units"`
	Posts int `json:"posts"`
	// Evaluate is evaluation.Build + metrics snapshot + Update (median).
	Evaluate time.Duration `json:"evaluate_ns"`
	// Scrape is the median time of one /metrics request as Prometheus sends
	// it (Accept-Encoding: gzip); ScrapePlain without compression.
	Scrape      time.Duration `json:"scrape_ns"`
	ScrapeP95   time.Duration `json:"scrape_p95_ns"`
	ScrapePlain time.Duration `json:"scrape_plain_ns"`
	// ScrapeCPU and ExportCPU are the process CPU time (user+sys, GC
	// included) per scrape (gzip) and per export: unlike the wall times they
	// hardly move when other processes load the machine.
	ScrapeCPU time.Duration `json:"scrape_cpu_ns"`
	ExportCPU time.Duration `json:"export_cpu_ns"`
	// ScrapeBytes is the exposition size (plain) and ScrapeGzipBytes on the wire.
	ScrapeBytes     int `json:"scrape_bytes"`
	ScrapeGzipBytes int `json:"scrape_gzip_bytes"`
	// Series counts samples in the exposition.
	Series int `json:"series"`
	// Export is export.Build + WriteXLSX for the quarter (median); ExportBuild the Build part.
	Export      time.Duration `json:"export_ns"`
	ExportBuild time.Duration `json:"export_build_ns"`
	XLSXBytes   int           `json:"xlsx_bytes"`
}

// ReportsOptions say what to measure.
type ReportsOptions struct {
	Config *config.Config
	Store  *store.Store
	// Now is the evaluation time (default: the newest crawl's finish).
	Now time.Time
	// Scrapes is how many /metrics requests to time (default 200).
	Scrapes int
	// Exports is how many exports to time (default 5).
	Exports int
}

// MeasureReports evaluates the store as serve does after a crawl run, feeds
// a fresh registry with the snapshot, times scrapes of serve's cached
// exposition handler
// and times the quarter's export.Build + WriteXLSX.
func MeasureReports(ctx context.Context, o ReportsOptions) (*ReportsResult, error) {
	cfg, st := o.Config, o.Store
	if o.Scrapes <= 0 {
		o.Scrapes = 200
	}
	if o.Exports <= 0 {
		o.Exports = 5
	}
	now := o.Now
	latest, err := st.LatestCrawls(ctx)
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	if now.IsZero() {
		for _, c := range latest {
			if c.Finished.After(now) {
				now = c.Finished
			}
		}
	}
	res := &ReportsResult{Units: len(cfg.Units)}
	reg := prometheus.NewRegistry()
	m := metrics.New(reg)
	var evals []time.Duration
	for i := 0; i < 3; i++ {
		start := time.Now()
		ev, err := evaluation.Build(ctx, st, cfg, now, evaluation.Options{})
		if err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
		m.Update(metrics.BuildSnapshot(ev, now))
		evals = append(evals, time.Since(start))
	}
	res.Evaluate = median(evals)
	m.SetConfigReload(true, now)
	// As serve does: the sitewatch families written once per snapshot.
	var expo service.Exposition
	if err := expo.RenderText(m.WriteText); err != nil {
		return nil, err
	}
	h := expo.Handler(prometheus.NewRegistry())
	scrape := func(gzip bool) (time.Duration, int, []byte) {
		req := httptest.NewRequest(http.MethodGet, "/metrics", nil)
		if gzip {
			req.Header.Set("Accept-Encoding", "gzip")
			req.Header.Set("Accept", "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.4,*/*;q=0.1")
		}
		rec := httptest.NewRecorder()
		start := time.Now()
		h.ServeHTTP(rec, req)
		return time.Since(start), rec.Body.Len(), rec.Body.Bytes()
	}
	var gz, plain []time.Duration
	var gzCPU time.Duration
	for i := 0; i < o.Scrapes; i++ {
		c0 := CPUTime()
		d, n, _ := scrape(true)
		gzCPU += CPUTime() - c0
		gz = append(gz, d)
		res.ScrapeGzipBytes = n
		d, _, body := scrape(false)
		plain = append(plain, d)
		if i == 0 {
			res.ScrapeBytes = len(body)
			res.Series = countSamples(body)
		}
	}
	res.Scrape, res.ScrapePlain = median(gz), median(plain)
	res.ScrapeCPU = gzCPU / time.Duration(o.Scrapes)
	res.ScrapeP95 = percentile(gz, 0.95)

	q := tally.QuarterOf(now, cfg.Location)
	var builds, totals []time.Duration
	c0 := CPUTime()
	for i := 0; i < o.Exports; i++ {
		start := time.Now()
		r, err := export.Build(ctx, st, cfg, q, now)
		if err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
		built := time.Since(start)
		var buf bytes.Buffer
		if err := export.WriteXLSX(&buf, r); err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
		totals = append(totals, time.Since(start))
		builds = append(builds, built)
		res.XLSXBytes = buf.Len()
	}
	res.ExportCPU = (CPUTime() - c0) / time.Duration(o.Exports)
	res.Export, res.ExportBuild = median(totals), median(builds)
	posts, err := st.Posts(ctx, store.PostFilter{IncludeGone: true})
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	res.Posts = len(posts)
	return res, nil
}

func countSamples(b []byte) int {
	n := 0
	for _, line := range bytes.Split(b, []byte("\n")) {
		if len(line) > 0 && line[0] != '#' {
			n++
		}
	}
	return n
}

func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[int(p*float64(len(s)-1))]
}
