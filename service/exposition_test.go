package service

import (
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"sitewatch/config"
	"sitewatch/evaluation"
	"sitewatch/metrics"
	"sitewatch/store"
)

// province builds a snapshot of n units with posts and crawls.
func provinceSnapshot(tb testing.TB, n int) (*config.Config, *metrics.Snapshot) {
	tb.Helper()
	var b strings.Builder
	b.WriteString("units:\n")
	for i := 0; i < n; i++ {
		kind := []string{"phong_gddt", "truc_thuoc", "phong_so"}[i%3]
		fmt.Fprintf(&b, "  - {id: u%04d, name: \"Trường %d\", kind: %s, block: \"Khối %d\", url: \"http://u%d.example/\"}\n", i, i, kind, i%7, i)
	}
	cfg, err := config.Parse("bench.yaml", []byte(b.String()))
	if err != nil {
		tb.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	var posts []store.Post
	latest := map[string]store.Crawl{}
	last := map[string]time.Time{}
	for i, u := range cfg.Units {
		for j := 0; j < 25; j++ {
			posts = append(posts, store.Post{UnitID: u.ID, URL: fmt.Sprintf("http://%d/%d", i, j), Published: now.AddDate(0, 0, -3*j), Images: 3, CaptionedImages: 1})
		}
		latest[u.ID] = store.Crawl{ID: int64(i + 1), UnitID: u.ID, Started: now, Finished: now.Add(time.Second), Outcome: store.OutcomeOK, HTTPStatus: 200, Codes: map[int]int{200: 30, 304: 2}, Sections: map[string]string{}}
		last[u.ID] = now
	}
	ev := evaluation.Compute(cfg, evaluation.Facts{Posts: posts, Latest: latest, LastSuccess: last}, now, evaluation.Options{})
	return cfg, metrics.BuildSnapshot(ev, now)
}

func newExpo(tb testing.TB, n int) (*Exposition, *prometheus.Registry, *prometheus.Registry) {
	tb.Helper()
	_, snap := provinceSnapshot(tb, n)
	reg := prometheus.NewRegistry()
	m := metrics.New(reg)
	m.Update(snap)
	rt := prometheus.NewRegistry()
	rt.MustRegister(collectors.NewGoCollector())
	var e Exposition
	if err := e.Render(reg); err != nil {
		tb.Fatal(err)
	}
	return &e, reg, rt
}

// TestExpositionGzipMembers reads a gzip scrape (two members) back whole.
func TestExpositionGzipMembers(t *testing.T) {
	t.Parallel()
	e, _, rt := newExpo(t, 5)
	srv := httptest.NewServer(e.Handler(rt))
	t.Cleanup(srv.Close)
	req, _ := http.NewRequest("GET", srv.URL, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	zr, err := gzip.NewReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "sitewatch_unit_info{") || !strings.Contains(string(b), "go_goroutines") {
		t.Errorf("scrape lacks sitewatch or runtime families (%d bytes)", len(b))
	}
}

// BenchmarkScrape1000 is one Prometheus scrape (gzip) of serve with 1,000 units.
func BenchmarkScrape1000(b *testing.B) {
	e, _, rt := newExpo(b, 1000)
	h := e.Handler(rt)
	req := httptest.NewRequest("GET", "/metrics", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		b.SetBytes(int64(w.Body.Len()))
	}
}

// BenchmarkRender1000 is the re-render after each crawl run with 1,000 units.
func BenchmarkRender1000(b *testing.B) {
	e, reg, _ := newExpo(b, 1000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := e.Render(reg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderText1000 is the same re-render as serve does it, from the
// snapshot's text (metrics.WriteText).
func BenchmarkRenderText1000(b *testing.B) {
	_, snap := provinceSnapshot(b, 1000)
	m := metrics.New(prometheus.NewRegistry())
	m.Update(snap)
	var e Exposition
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := e.RenderText(m.WriteText); err != nil {
			b.Fatal(err)
		}
	}
}
